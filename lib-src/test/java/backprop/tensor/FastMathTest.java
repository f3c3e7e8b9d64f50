package backprop.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FastMath.tanh against StrictMath.tanh: the accuracy its documentation promises, and the special values. */
class FastMathTest {
    @Test
    void tanhIsWithinTwoUlpsOfStrictMathEverywhere() {
        SplittableRandom rng = new SplittableRandom(11);
        double worst = 0;
        double[] scales = {1e-300, 1e-8, 0.1, 0.624, 0.626, 1, 3, 10, 20, 30, 800};
        for (double scale : scales) {
            for (int i = 0; i < 200_000; i++) {
                double x = (rng.nextDouble() * 2 - 1) * scale;
                double expected = StrictMath.tanh(x);
                double got = FastMath.tanh(x);
                double rel = expected == 0 ? Math.abs(got) : Math.abs(got - expected) / Math.abs(expected);
                worst = Math.max(worst, rel);
            }
        }
        for (double edge : new double[] {0.625, Math.nextDown(0.625), 22, Math.nextUp(22.0), 19.1, Double.MIN_VALUE}) {
            for (double x : new double[] {edge, -edge}) {
                double expected = StrictMath.tanh(x);
                worst = Math.max(worst, Math.abs(FastMath.tanh(x) - expected) / Math.abs(expected));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(4.5e-16);
    }

    @Test
    void tanhSpecialValues() {
        assertThat(Double.doubleToRawLongBits(FastMath.tanh(0.0))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(FastMath.tanh(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(FastMath.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(FastMath.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(FastMath.tanh(Double.NaN)).isNaN();
        assertThat(FastMath.tanh(40)).isEqualTo(1.0);
        assertThat(FastMath.tanh(-40)).isEqualTo(-1.0);
    }
}
