package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 02's check: the right MSE gradient passes, typical wrong ones fail with the message naming them. */
class LinearRegressionChecksTest {
    static final Tensor X3 = Tensor.of(1, 2, 3), Y3 = Tensor.of(2, 3, 5);

    static Tensor residuals(Tensor x, Tensor y, double w0, double w1) { return y.sub(x.mul(w1).add(w0)); }

    @Test
    void theMeanGradientPassesWithTheHandComputedNumbers() {
        double[] g = LinearRegressionChecks.mseGrad((x, y, w0, w1) -> {
            Tensor err = residuals(x, y, w0, w1);
            return new double[] {-2 * err.mean().item(), -2 * err.mul(x).mean().item()};
        }, X3, Y3);
        assertThat(g[0]).isCloseTo(-2 * 2.5 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(g[1]).isCloseTo(-4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theMatrixGradientPassesAndATransposeOrMissingMeanIsNamed() {
        Tensor X = Tensor.randn(new backprop.tensor.Generator(1), 20, 11), y = Tensor.randn(new backprop.tensor.Generator(2), 20);
        LinearRegressionChecks.mseGradMatrix((x, t, w) -> x.T().matmul(t.sub(x.matmul(w))).mul(-2.0 / x.size(0)), X, y);
        assertThatThrownBy(() -> LinearRegressionChecks.mseGradMatrix((x, t, w) -> x.T().matmul(t.sub(x.matmul(w))).mul(-2.0), X, y))
                .isInstanceOf(AssertionError.class).hasMessage("The gradient is n = 20 times too large: the 1/n of the mean is missing (use mul(-2.0 / n)).");
        assertThatThrownBy(() -> LinearRegressionChecks.mseGradMatrix((x, t, w) -> x.matmul(t.sub(x.matmul(w))).mul(-2.0 / x.size(0)), X, y))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The shapes do not fit: X is (20, 11) and the residual (20)");
    }

    @Test
    void aFlippedSignASumAndADivisionByThreeAreNamed() {
        assertThatThrownBy(() -> LinearRegressionChecks.mseGrad((x, y, w0, w1) -> {
            Tensor err = residuals(x, y, w0, w1);
            return new double[] {2 * err.mean().item(), 2 * err.mul(x).mean().item()};
        }, X3, Y3)).isInstanceOf(AssertionError.class).hasMessageStartingWith("Both signs are flipped");
        assertThatThrownBy(() -> LinearRegressionChecks.mseGrad((x, y, w0, w1) -> {
            Tensor err = residuals(x, y, w0, w1);
            return new double[] {-2 * err.sum().item(), -2 * err.mul(x).sum().item()};
        }, X3, Y3)).isInstanceOf(AssertionError.class).hasMessageContaining("is n = 3 times too large: you summed the residuals");
        assertThatThrownBy(() -> LinearRegressionChecks.mseGrad((x, y, w0, w1) -> {
            Tensor err = residuals(x, y, w0, w1);
            return new double[] {-2.0 / 3 * err.sum().item(), -2.0 / 3 * err.mul(x).sum().item()};
        }, X3, Y3)).isInstanceOf(AssertionError.class).hasMessageStartingWith("Right on the 3 points, but 5/3 times too large on 5 points");
    }
}
