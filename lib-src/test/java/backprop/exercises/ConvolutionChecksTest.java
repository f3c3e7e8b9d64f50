package backprop.exercises;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 12's checks: the right filter and input gradients pass, typical mistakes fail with the message that names them. */
class ConvolutionChecksTest {
    private static double[] gradW(double[] x, double[] g, int k, boolean flipped, boolean averaged) {
        double[] dw = new double[k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < g.length; i++) dw[j] += g[i] * x[flipped ? i + k - 1 - j : i + j];
            if (averaged) dw[j] /= g.length;
        }
        return dw;
    }

    /** The full correlation of g, padded with {@code pad} zeros a side, with the kernel read backwards (or not). */
    private static double[] gradX(double[] g, double[] w, int pad, boolean flip) {
        int k = w.length;
        double[] padded = new double[g.length + 2 * pad], y = new double[padded.length - k + 1];
        System.arraycopy(g, 0, padded, pad, g.length);
        for (int i = 0; i < y.length; i++)
            for (int j = 0; j < k; j++) y[i] += (flip ? w[k - 1 - j] : w[j]) * padded[i + j];
        return y;
    }

    @Test
    void theRightFilterGradientPasses() {
        assertThatCode(() -> ConvolutionChecks.gradW((x, g, k) -> gradW(x, g, k, false, false))).doesNotThrowAnyException();
    }

    @Test
    void filterGradientMistakesAreNamed() {
        assertThatThrownBy(() -> ConvolutionChecks.gradW((x, g, k) -> new double[k])).isInstanceOf(AssertionError.class)
                .hasMessage("gradW returned zeros: the stub is still there. dw[j] = Σ_i g[i] · x[i + j].");
        assertThatThrownBy(() -> ConvolutionChecks.gradW((x, g, k) -> gradW(x, g, k, true, false))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Your dw is autograd's read backwards");
        assertThatThrownBy(() -> ConvolutionChecks.gradW((x, g, k) -> gradW(x, g, k, false, true))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Your dw is 1/6 of autograd's");
    }

    @Test
    void theRightInputGradientPasses() {
        assertThatCode(() -> ConvolutionChecks.gradX((g, w, L) -> gradX(g, w, w.length - 1, true))).doesNotThrowAnyException();
    }

    @Test
    void inputGradientMistakesAreNamed() {
        assertThatThrownBy(() -> ConvolutionChecks.gradX((g, w, L) -> gradX(g, w, w.length - 1, false))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The kernel is not flipped.");
        assertThatThrownBy(() -> ConvolutionChecks.gradX((g, w, L) -> gradX(g, w, 0, true))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("gradX returned 3 numbers, not L_in = 9: g was not padded.");
        assertThatThrownBy(() -> ConvolutionChecks.gradX((g, w, L) -> gradX(g, w, w.length, true))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("gradX returned 11 numbers");
    }
}
