package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 04's check: Adam's second step by hand passes, the uncorrected and the unmoved ones fail with their message. */
class AdamChecksTest {
    static final Function<Tensor, Tensor> VALLEY = w -> w.square().mul(Tensor.of(0.1, 2.0)).sum();   // 0.1 x² + 2 y²
    static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8, LR = 0.5;
    // step 1 by hand from y = -2: g = 4y = -8
    static final double G1 = -8, M1 = (1 - B1) * G1, V1 = (1 - B2) * G1 * G1;
    static final double Y1 = -2 - LR * (M1 / (1 - B1)) / (Math.sqrt(V1 / (1 - B2)) + EPS), G2 = 4 * Y1;

    static double y2(boolean biasCorrection) {
        double m2 = B1 * M1 + (1 - B1) * G2, v2 = B2 * V1 + (1 - B2) * G2 * G2;
        double mHat = biasCorrection ? m2 / (1 - B1 * B1) : m2, vHat = biasCorrection ? v2 / (1 - B2 * B2) : v2;
        return Y1 - LR * mHat / (Math.sqrt(vHat) + EPS);
    }

    @Test
    void theBiasCorrectedSecondStepPasses() {
        assertThat(AdamChecks.secondStep(Y1, y2(true), LR, VALLEY)).isCloseTo(y2(true) - Y1, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void noBiasCorrectionAndNoStepAreNamed() {
        assertThatThrownBy(() -> AdamChecks.secondStep(Y1, y2(false), LR, VALLEY))
                .isInstanceOf(AssertionError.class).hasMessageContaining("4.25 times too long. That is Adam WITHOUT bias correction");
        assertThatThrownBy(() -> AdamChecks.secondStep(Y1, Y1, LR, VALLEY))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("y2 = y1 = -1.5: nothing moved, the stub is still there.");
        assertThatThrownBy(() -> AdamChecks.secondStep(Y1, 2 * Y1 - y2(true), LR, VALLEY))
                .isInstanceOf(AssertionError.class).hasMessageContaining("uphill");
    }
}
