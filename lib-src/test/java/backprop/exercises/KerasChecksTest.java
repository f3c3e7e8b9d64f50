package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 09's checks: right counts and losses pass, typical wrong ones fail with the message naming them. */
class KerasChecksTest {
    static int dense(int inputs, int... units) {
        int count = 0, in = inputs;
        for (int out : units) { count += in * out + out; in = out; }
        return count;
    }

    @Test
    void denseParamsAcceptsWeightsPlusBiasesAndNamesWeightsOnlyAndAFixedInput() {
        assertThat(KerasChecks.denseParams(KerasChecksTest::dense, 71)).isEqualTo(3 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2);
        assertThatThrownBy(() -> KerasChecks.denseParams(KerasChecksTest::dense, 60))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("60 counts the weights only (5*10 + 10*1).");
        assertThatThrownBy(() -> KerasChecks.denseParams((inputs, units) -> { int c = 0; for (int out : units) c += inputs * out + out; return c; }, 71))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("Right for 5-10-1, but denseParams(3, 4, 4, 2) is ");
    }

    @Test
    void baselineAcceptsTheEntropyAndNamesASignAndLogBaseTen() {
        double[] v = new double[100];
        for (int i = 0; i < 49; i++) v[i] = 1;
        Tensor labels = Tensor.of(v, 100, 1);
        double yBar = 0.49, h = -(yBar * Math.log(yBar) + (1 - yBar) * Math.log(1 - yBar));
        assertThatCode(() -> KerasChecks.baseline(h, yBar, labels)).doesNotThrowAnyException();
        assertThatThrownBy(() -> KerasChecks.baseline(-h, yBar, labels)).isInstanceOf(AssertionError.class).hasMessageContaining(", negative: a loss is -log");
        assertThatThrownBy(() -> KerasChecks.baseline(h / Math.log(10), yBar, labels)).isInstanceOf(AssertionError.class).hasMessageContaining("ln 10 = 2.303 times too small");
    }
}
