package backprop.data;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SplitStandardizerTest {

    private static List<Integer> rowsOf(Dataset d) {
        List<Integer> out = new ArrayList<>();
        for (double v : d.x().toArray()) {
            out.add((int) v);
        }
        return out;
    }

    @ParameterizedTest(name = "n={0}: {1}/{2}/{3} -> {4}/{5}/{6}")
    @CsvSource({
            "150, 0.7, 0.15, 0.15, 106, 22, 22",
            "100, 0.8, 0.1, 0.1, 80, 10, 10",
            "10, 0.6, 0.2, 0.2, 6, 2, 2",
            "7, 0.5, 0.25, 0.25, 4, 2, 1",
            "333, 0.8, 0.2, 0.0, 267, 66, 0"})
    void sizesFollowRandomSplitAndPartsCoverEveryRowOnce(int n, double tr, double va, double te, int nTr, int nVa, int nTe) {
        Split s = Split.of(DataLoaderTest.numbered(n), tr, va, te, 3);
        assertThat(s.train().size()).isEqualTo(nTr);
        assertThat(s.validation().size()).isEqualTo(nVa);
        assertThat(s.test().size()).isEqualTo(nTe);
        Set<Integer> all = new HashSet<>();
        all.addAll(rowsOf(s.train()));
        all.addAll(rowsOf(s.validation()));
        all.addAll(rowsOf(s.test()));
        assertThat(all).hasSize(n);
    }

    @Test
    void splitOrderIsTheSeededPermutation() {
        Split s = Split.of(DataLoaderTest.numbered(20), 0.5, 0.25, 0.25, 11);
        int[] perm = new Generator(11).permutation(20);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(perm[i]);
        }
        assertThat(rowsOf(s.train())).isEqualTo(expected);
        assertThat(rowsOf(Split.of(DataLoaderTest.numbered(20), 0.5, 0.25, 0.25, 11).test())).isEqualTo(rowsOf(s.test()));
        assertThat(rowsOf(Split.of(DataLoaderTest.numbered(20), 0.5, 0.25, 0.25, 12).train())).isNotEqualTo(expected);
        assertThat(s.toString()).isEqualTo("Split(train 10, validation 5, test 5 rows)");
        assertThat(Split.of(DataLoaderTest.numbered(20), 0.75, 0.25, 11).test().size()).isZero();
    }

    @Test
    void badFractionsAreExplained() {
        Dataset d = DataLoaderTest.numbered(10);
        assertThatThrownBy(() -> Split.of(d, 0.7, 0.2, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Split.of: fractions [0.7, 0.2, 0.2] add up to 1.10000, not 1: e.g. Split.of(data, 0.7, 0.15, 0.15, seed)");
        assertThatThrownBy(() -> Split.of(d, 1.2, -0.2, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Split.of(d, 0.0, 0.5, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training part would be empty");
    }

    @Test
    void standardizerUsesTrainingStatisticsOnly() {
        Tensor train = Tensor.of(new double[][] {{1, 10}, {3, 10}, {5, 10}});     // means 3, 10; stds sqrt(8/3), 0
        Tensor val = Tensor.of(new double[][] {{100, 20}, {200, 30}});
        Standardizer s = new Standardizer().fit(train);
        assertThat(s.means().toArray()).containsExactly(3, 10);
        assertThat(s.stds().get(0)).isCloseTo(Math.sqrt(8.0 / 3), within(1e-15));
        assertThat(s.stds().get(1)).isZero();
        Tensor zt = s.transform(train);
        assertThat(zt.mean(0, false).toArray()).containsExactly(new double[] {0, 0}, within(1e-15));
        Tensor zv = s.transform(val);
        // validation values moved and scaled by the training statistics, not their own
        assertThat(zv.get(0, 0)).isCloseTo((100 - 3) / Math.sqrt(8.0 / 3), within(1e-12));
        assertThat(zv.get(1, 0)).isCloseTo((200 - 3) / Math.sqrt(8.0 / 3), within(1e-12));
        assertThat(zv.get(1, 1)).isEqualTo(20.0);   // constant training column: divided by 1
        assertThat(s.inverseTransform(zv).allClose(val, 1e-12, 1e-12)).isTrue();
        // fitting on the validation rows would have given other numbers
        assertThat(new Standardizer().fit(val).transform(val).get(0, 0)).isEqualTo(-1.0);
    }

    @Test
    void standardizerOnADatasetKeepsTargetsAndNames() {
        Dataset iris = Tables.dataset("data/iris.csv", "species");
        Split split = Split.of(iris, 0.8, 0.2, 0);
        Standardizer s = new Standardizer().fit(split.train());
        Dataset train = s.transform(split.train());
        Dataset val = s.transform(split.validation());
        assertThat(train.y()).isEqualTo(split.train().y());
        assertThat(train.labels()).isEqualTo(iris.labels());
        assertThat(train.featureNames()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        double[] trainMeans = train.x().mean(0, false).toArray();
        for (double m : trainMeans) {
            assertThat(m).isCloseTo(0, within(1e-12));
        }
        // the validation rows are not centred exactly: their own means differ from the training means
        double[] valMeans = val.x().mean(0, false).toArray();
        assertThat(java.util.Arrays.stream(valMeans).map(Math::abs).max().getAsDouble()).isGreaterThan(1e-3);
        assertThat(s.toString()).startsWith("Standardizer(4 features)\n  sepal_length  mean ")
                .contains("\n  petal_width   mean ").contains("  std ");
    }

    @Test
    void standardizerExplainsWrongOrderAndShapes() {
        Standardizer s = new Standardizer();
        assertThat(s.toString()).isEqualTo("Standardizer(not fitted: call fit(train) first)");
        assertThatThrownBy(() -> s.transform(Tensor.ones(2, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transform: this Standardizer is not fitted yet: call fit(train) on the training data first, "
                        + "then transform(train), transform(validation), ...");
        s.fit(Tensor.ones(3, 2));
        assertThatThrownBy(() -> s.transform(Tensor.ones(3, 4)))
                .isInstanceOf(backprop.tensor.ShapeMismatchException.class)
                .hasMessage("transform: fitted on 2 features but x has shape [3, 4]: pass (rows, 2) with the columns in the training order");
        assertThat(s.toString()).isEqualTo("Standardizer(2 features)\n  x0  mean 1.0000  std 0.0000\n  x1  mean 1.0000  std 0.0000");
    }
}
