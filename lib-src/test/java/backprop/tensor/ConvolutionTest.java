package backprop.tensor;

import backprop.check.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * conv1d and conv2d: a case small enough to do by hand, every gradient against central differences on
 * random shapes, strides and paddings, and the error messages word for word.
 */
class ConvolutionTest {
    record Case(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Tensor real(Generator rng, int... shape) {
        double[] v = new double[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.uniform(-2, 2);
        }
        return Tensor.of(v, shape);
    }

    static List<Case> randomConvolutions() {
        List<Case> cases = new ArrayList<>();
        Generator rng = new Generator(1515);
        for (int t = 0; t < 10; t++) {
            int n = 1 + rng.nextInt(2);
            int cIn = 1 + rng.nextInt(3);
            int cOut = 1 + rng.nextInt(3);
            int k = 1 + rng.nextInt(3);
            int kw = 1 + rng.nextInt(3);
            int stride = 1 + rng.nextInt(3);
            int padding = rng.nextInt(3);
            int h = Math.max(1, k - 2 * padding) + rng.nextInt(4);
            int w = Math.max(1, kw - 2 * padding) + rng.nextInt(4);
            boolean bias = rng.uniform() < 0.7;
            String tail = " stride " + stride + " padding " + padding + (bias ? "" : " no bias");
            int[] x1 = {n, cIn, w};
            int[] w1 = {cOut, cIn, kw};
            cases.add(new Case("conv1d x" + Arrays.toString(x1) + " w" + Arrays.toString(w1) + tail,
                    x -> Tensor.conv1d(x[0], x[1], bias ? x[2] : null, stride, padding),
                    real(rng, x1), real(rng, w1), real(rng, cOut)));
            int[] x2 = {n, cIn, h, w};
            int[] w2 = {cOut, cIn, k, kw};
            cases.add(new Case("conv2d x" + Arrays.toString(x2) + " w" + Arrays.toString(w2) + tail,
                    x -> Tensor.conv2d(x[0], x[1], bias ? x[2] : null, stride, padding),
                    real(rng, x2), real(rng, w2), real(rng, cOut)));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomConvolutions")
    void gradientsMatchCentralDifferences(Case c) {
        GradCheck.check(c.f(), c.inputs());
    }

    @Test
    void oneDimensionalCaseByHand() {
        // x = [1, 2, 3, 4], w = [1, 0, −1], b = 0.5:  y[j] = x[j] − x[j+2] + 0.5 = [−1.5, −1.5]
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 4).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {1, 0, -1}, 1, 1, 3).requiresGrad(true);
        Tensor b = Tensor.of(0.5).requiresGrad(true);
        Tensor y = Tensor.conv1d(x, w, b);
        assertThat(y.shape()).containsExactly(1, 1, 2);
        assertThat(y.toArray()).containsExactly(-1.5, -1.5);
        // L = 1·y[0] + 2·y[1]:  ∂L/∂w[k] = Σ_j g[j] x[j+k] (correlation of x with g) = [1+4, 2+6, 3+8];
        // ∂L/∂x = g convolved in full with w flipped = [1, 2, −1, −2];  ∂L/∂b = 1 + 2
        y.mul(Tensor.of(new double[] {1, 2}, 1, 1, 2)).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(5, 8, 11);
        assertThat(x.grad().toArray()).containsExactly(1, 2, -1, -2);
        assertThat(b.grad().toArray()).containsExactly(3);
        assertThat(y.gradFn()).isEqualTo("Conv1d");
    }

    @Test
    void paddingAndStrideGiveTorchsOutputSize() {
        // ⌊(H + 2p − k) / s⌋ + 1:  (8 + 2 − 3) / 2 + 1 = 4,  (5 + 2 − 3) / 2 + 1 = 3
        Tensor y = Tensor.conv2d(Tensor.ones(2, 3, 8, 5), Tensor.ones(4, 3, 3, 3), null, 2, 1);
        assertThat(y.shape()).containsExactly(2, 4, 4, 3);
        // The corner window sees 2×2 of the 3×3 taps inside the input (zero padding), for each of 3 channels.
        assertThat(y.get(0, 0, 0, 0)).isEqualTo(12.0);
        assertThat(y.get(0, 0, 1, 1)).isEqualTo(27.0);
    }

    @Test
    void noGradientIsRecordedForConstants() {
        Tensor y = Tensor.conv2d(Tensor.ones(1, 1, 3, 3), Tensor.ones(1, 1, 2, 2), Tensor.zeros(1));
        assertThat(y.requiresGrad()).isFalse();
        Tensor w = Tensor.ones(1, 1, 2, 2).requiresGrad(true);
        Tensor.conv2d(Tensor.ones(1, 1, 3, 3), w, null).sum().backward();
        assertThat(w.grad().toArray()).containsExactly(4, 4, 4, 4);
    }

    private static void fails(Class<? extends RuntimeException> type, String message, Executable call) {
        assertThatThrownBy(call::execute).isInstanceOf(type).hasMessage(message);
    }

    @Test
    void errorsSayWhatIsWrongAndHowToFixIt() {
        fails(ShapeMismatchException.class, "conv2d: input must be 4-d (N, C_in, H, W): got [3, 8, 8]: add the batch "
                + "dimension with unsqueeze(0)", () -> Tensor.conv2d(Tensor.zeros(3, 8, 8), Tensor.zeros(2, 3, 3, 3), null));
        fails(ShapeMismatchException.class, "conv1d: input must be 3-d (N, C_in, L): got [8]: reshape it to "
                + "(N, C_in, L)", () -> Tensor.conv1d(Tensor.zeros(8), Tensor.zeros(2, 1, 3), null));
        fails(ShapeMismatchException.class, "conv2d: weight must be 4-d (C_out, C_in, kH, kW): got [2, 3, 3]: "
                + "reshape it to (C_out, C_in, kH, kW)",
                () -> Tensor.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(2, 3, 3), null));
        fails(ShapeMismatchException.class, "conv2d: input has 1 channel but the weight expects 3: input [4, 1, 8, 8], "
                + "weight [2, 3, 3, 3]: the weight's dimension 1 (C_in) must equal the input's dimension 1",
                () -> Tensor.conv2d(Tensor.zeros(4, 1, 8, 8), Tensor.zeros(2, 3, 3, 3), null));
        fails(ShapeMismatchException.class, "conv1d: bias has shape [3] but the weight [2, 1, 3] has 2 output channels: "
                + "pass a bias of shape [2], or null for none",
                () -> Tensor.conv1d(Tensor.zeros(1, 1, 8), Tensor.zeros(2, 1, 3), Tensor.zeros(3)));
        fails(ShapeMismatchException.class, "conv2d: the kernel [5, 5] is larger than the padded input [3, 3] + 2·0: "
                + "use a smaller kernel or more padding",
                () -> Tensor.conv2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1, 1, 5, 5), null));
        fails(IllegalArgumentException.class, "conv2d: stride must be >= 1 and padding >= 0: got stride=0, padding=0: "
                + "use stride 1 and padding 0 for a plain convolution",
                () -> Tensor.conv2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1, 1, 2, 2), null, 0, 0));
    }
}
