package backprop.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void recordsStepsEpochsAndMetricsInOrder() {
        History h = new History();
        h.recordStep(0.9).recordStep(0.7).recordEpoch(0.8, 0.85).record("val_acc", 0.6);
        h.recordStep(0.5).recordStep(0.4).recordEpoch(0.45, 0.5).record("val_acc", 0.8);
        h.recordStep("grad_norm", 1.5);
        assertThat(h.stepLosses()).containsExactly(0.9, 0.7, 0.5, 0.4);
        assertThat(h.trainLosses()).containsExactly(0.8, 0.45);
        assertThat(h.valLosses()).containsExactly(0.85, 0.5);
        assertThat(h.metric("val_acc")).containsExactly(0.6, 0.8);
        assertThat(h.stepMetric("grad_norm")).containsExactly(1.5);
        assertThat(h.metricNames()).containsExactly("val_acc");
        assertThat(h.stepMetricNames()).containsExactly("grad_norm");
        assertThat(h.steps()).isEqualTo(4);
        assertThat(h.epochs()).isEqualTo(2);
        assertThat(h.epochEndSteps()).containsExactly(2, 4);
        assertThat(h.hasValidation()).isTrue();
        assertThat(h.bestEpoch()).isEqualTo(2);
    }

    @Test
    void accessorsReturnCopies() {
        History h = new History().recordStep(1.0);
        h.stepLosses()[0] = 99;
        assertThat(h.stepLosses()).containsExactly(1.0);
    }

    @Test
    void epochsWithoutValidationHoldNaN() {
        History h = new History().recordEpoch(1.0).recordEpoch(0.5);
        assertThat(h.valLosses()).containsExactly(Double.NaN, Double.NaN);
        assertThat(h.hasValidation()).isFalse();
        assertThat(h.bestEpoch()).isEqualTo(2); // by training loss
    }

    @Test
    void bestEpochFollowsValidationLossNotTrainingLoss() {
        History h = new History().recordEpoch(1.0, 0.9).recordEpoch(0.5, 0.6).recordEpoch(0.2, 0.8);
        assertThat(h.bestEpoch()).isEqualTo(2);
    }

    @Test
    void toStringSummarisesEveryRecord() {
        History h = new History();
        h.recordStep(0.6931).recordStep(0.1);
        h.recordEpoch(0.6931, 0.7012).recordEpoch(0.102, 0.1198);
        h.record("val_acc", 0.5).record("val_acc", 0.95);
        assertThat(h.toString()).isEqualTo(String.join(System.lineSeparator(),
                "History(2 epochs, 2 steps)",
                "  step loss   0.6931 -> 0.1000",
                "  train loss  0.6931 -> 0.1020",
                "  val loss    0.7012 -> 0.1198 (best 0.1198 at epoch 2)",
                "  val_acc     0.5000 -> 0.9500"));
        assertThat(new History().toString())
                .isEqualTo("History(empty: call recordStep(loss) or recordEpoch(trainLoss, valLoss) while training)");
    }

    @Test
    void nanIsKeptAndPrinted() {
        History h = new History().recordEpoch(1.0).recordEpoch(Double.NaN);
        assertThat(h.trainLosses()[1]).isNaN();
        assertThat(h.toString()).contains("1.0000 -> NaN");
    }

    @Test
    void errorsNameTheProblemAndTheFix() {
        History h = new History().record("acc", 1);
        assertThatThrownBy(() -> h.metric("val_acc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric: no metric named \"val_acc\": recorded metrics are [acc]: record it with history.record(\"val_acc\", value)");
        assertThatThrownBy(() -> h.record(" ", 1))
                .hasMessage("record: metric name is empty: got \" \": pass a name such as \"val_acc\"");
        assertThatThrownBy(() -> new History().bestEpoch())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("bestEpoch: no epoch recorded yet: call history.recordEpoch(trainLoss, valLoss) first");
    }
}
