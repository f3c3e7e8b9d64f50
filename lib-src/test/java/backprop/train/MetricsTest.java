package backprop.train;

import backprop.data.Labels;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {
    private static final Tensor LOGITS = Tensor.of(new double[][] {
            {2.0, 0.1, -1.0},   // 0
            {0.3, 0.2, 0.9},    // 2
            {-1.0, 3.0, 0.0},   // 1
            {0.5, 0.4, 0.1},    // 0
            {0.0, 0.0, 5.0}});  // 2
    private static final Tensor LABELS = Tensor.of(0, 1, 1, 0, 2);

    @Test
    void accuracyFromLogitsProbabilitiesAndPredictions() {
        assertThat(Metrics.accuracy(LOGITS, LABELS)).isEqualTo(0.8);
        assertThat(Metrics.accuracy(LOGITS.softmax(1), LABELS)).isEqualTo(0.8);
        assertThat(Metrics.accuracy(Tensor.of(0, 2, 1, 0, 2), LABELS)).isEqualTo(0.8);
        // one probability of class 1 per row (a sigmoid output), threshold 0.5
        Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.5, 0.49}, 4, 1);
        assertThat(Metrics.predictions(p)).containsExactly(1, 0, 1, 0);
        assertThat(Metrics.accuracy(p, Tensor.of(new double[] {1, 0, 0, 0}, 4, 1))).isEqualTo(0.75);
    }

    @Test
    void confusionMatrixCountsTrueAgainstPredicted() {
        ConfusionMatrix m = Metrics.confusionMatrix(LOGITS, LABELS, 3);
        assertThat(m.counts()).isEqualTo(new int[][] {{2, 0, 0}, {0, 1, 1}, {0, 0, 1}});
        assertThat(m.get(1, 2)).isEqualTo(1);
        assertThat(m.total()).isEqualTo(5);
        assertThat(m.accuracy()).isEqualTo(0.8);
        assertThat(m.precision(2)).isEqualTo(0.5);
        assertThat(m.recall(1)).isEqualTo(0.5);
        assertThat(m.toString()).isEqualTo(
                "ConfusionMatrix(3 classes, 5 rows, accuracy 0.8000; rows: true class, columns: predicted)\n"
                        + "   0  1  2\n"
                        + "0  2  0  0\n"
                        + "1  0  1  1\n"
                        + "2  0  0  1");
        ConfusionMatrix named = Metrics.confusionMatrix(LOGITS, LABELS, Labels.of("setosa", "versicolor", "virginica"));
        assertThat(named.toString()).isEqualTo(
                "ConfusionMatrix(3 classes, 5 rows, accuracy 0.8000; rows: true class, columns: predicted)\n"
                        + "                setosa  versicolor   virginica\n"
                        + "setosa               2           0           0\n"
                        + "versicolor           0           1           1\n"
                        + "virginica            0           0           1");
    }

    @Test
    void badInputsAreExplained() {
        assertThatThrownBy(() -> Metrics.accuracy(LOGITS, Tensor.of(0, 1)))
                .isInstanceOf(backprop.tensor.ShapeMismatchException.class)
                .hasMessage("accuracy: 5 predictions (output [5, 3]) but 2 labels (shape [2]): pass one label per row");
        assertThatThrownBy(() -> Metrics.accuracy(LOGITS, Labels.oneHot(LABELS, 3)))
                .hasMessageContaining("like one-hot rows; pass class indices, a 1-d tensor (convert with labels.argmax(1))");
        assertThatThrownBy(() -> Metrics.confusionMatrix(LOGITS, LABELS, 2))
                .hasMessage("confusionMatrix: row 1 has label 1 and prediction 2, but there are only 2 classes (0..1): "
                        + "pass the right number of classes");
    }
}
