package backprop.exercises;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * The checks of notebook 12 (convolution): Exercise 1, ∂L/∂w of a 1-D convolution (stride 1, no padding), and
 * Exercise 2, ∂L/∂x as the full convolution of g with the flipped kernel.
 *
 * <p>Both run on the notebook's example: an input of 9 numbers, a kernel of 4, bias 0.3, and L = Σ_i y_i G_i for a
 * random G of 6 numbers (so the upstream gradient is g = G). The reference is autograd through
 * {@code Tensor.conv1d}; the learner's numbers must equal it to 1e-12 (largest absolute difference). The typical
 * mistakes (a flipped kernel in ∂L/∂w, a missed last window, an average instead of a sum, only the first position; in
 * ∂L/∂x no padding or padding off by one, the kernel not flipped) are recognised and named.
 *
 * <pre>{@code
 * ConvolutionChecks.gradW((x, g, k) -> gradW(x, g, k));
 * ConvolutionChecks.gradX((g, w, L) -> gradX(g, w, L));
 * }</pre>
 */
public final class ConvolutionChecks {
    private static final double[] WE = {0.5, -1.0, 2.0, 0.25};

    private ConvolutionChecks() {
    }

    /** A learner's gradient of a 1-D convolution: two arrays and a length in, one array out. */
    @FunctionalInterface
    public interface Gradient1d {
        double[] apply(double[] a, double[] b, int n);
    }

    /** Exercise 1: {@code gradW.apply(x, g, k)} must be ∂L/∂w; throws {@link AssertionError} naming the mistake. */
    public static void gradW(Gradient1d gradW) {
        String problem = gradWProblem(gradW);
        if (problem != null) throw new AssertionError(problem);
    }

    /** Exercise 2: {@code gradX.apply(g, w, L)} must be ∂L/∂x; throws {@link AssertionError} naming the mistake. */
    public static void gradX(Gradient1d gradX) {
        String problem = gradXProblem(gradX);
        if (problem != null) throw new AssertionError(problem);
    }

    private static double[] xe() {
        return Tensor.randn(new Generator(3), 9).toArray();
    }

    private static double[] ge() {
        return Tensor.randn(new Generator(4), 6).toArray();
    }

    /** L = Σ_i y_i G_i for y = conv1d(x, w) + b. */
    private static Tensor convLoss(Tensor x, Tensor w, Tensor b, double[] ge) {
        return Tensor.conv1d(x.reshape(1, 1, -1), w.reshape(1, 1, -1), b).mul(Tensor.of(ge, 1, 1, 6)).sum();
    }

    /** Largest |a − b|, or infinity if the lengths differ. */
    private static double close(double[] a, double[] b) {
        if (a == null || a.length != b.length) return Double.POSITIVE_INFINITY;
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** The valid cross-correlation y[i] = b + Σ_j w[j] x[i + j], notebook 12's {@code conv1dByHand(x, w, b)}. */
    private static double[] correlate(double[] x, double[] w, double b) {
        double[] y = new double[x.length - w.length + 1];
        for (int i = 0; i < y.length; i++) {
            y[i] = b;
            for (int j = 0; j < w.length; j++) y[i] += w[j] * x[i + j];
        }
        return y;
    }

    private static double[] pad(double[] a, int p) {
        double[] out = new double[a.length + 2 * p];
        System.arraycopy(a, 0, out, p, a.length);
        return out;
    }

    static String gradWProblem(Gradient1d gradW) {
        double[] xe = xe(), we = WE.clone(), ge = ge();
        Tensor xt = Tensor.of(xe), wt = Tensor.of(we).requiresGrad(true), bt = Tensor.of(0.3);
        convLoss(xt, wt, bt, ge).backward();
        double[] ref = wt.grad().toArray(), got;
        try { got = gradW.apply(xe, ge, 4); }
        catch (ArrayIndexOutOfBoundsException e) { return "gradW read outside an array (" + e.getMessage() + "): x has L_in = 9 entries, g has L_out = 6, and x[i + j] with i < 6, j < 4 stays inside."; }
        if (got == null || got.length != 4) return "Return one gradient per weight: k = 4 numbers.";
        if (close(got, new double[4]) == 0) return "gradW returned zeros: the stub is still there. dw[j] = Σ_i g[i] · x[i + j].";
        double[] flipped = {ref[3], ref[2], ref[1], ref[0]};
        if (close(got, flipped) < 1e-12) return "Your dw is autograd's read backwards: x[i + k - 1 - j] flips the kernel. The forward pass used w[j] with x[i + j], so dw[j] sums g[i] · x[i + j]; the flip belongs to dL/dx, not to dL/dw.";
        if (close(got, correlate(Arrays.copyOf(xe, 8), Arrays.copyOf(ge, 5), 0.0)) < 1e-12) return "Off by one: your sum misses the last window, i = L_out - 1 = 5. The kernel sat at every i from 0 to L_in - k = 5, and each position contributes.";
        double[] mean = Arrays.stream(ref).map(v -> v / 6).toArray();
        if (close(got, mean) < 1e-12) return "Your dw is 1/6 of autograd's: you averaged over the L_out = 6 positions. A shared weight collects the SUM of its contributions: it changed every output.";
        if (close(got, Arrays.stream(xe).limit(4).map(v -> v * ge[0]).toArray()) < 1e-12) return "Your dw holds only the first position's contribution, g[0] · x[j]. The weight was used at all 6 positions: sum g[i] · x[i + j] over i.";
        if (close(got, ref) > 1e-12) return "gradW should be " + Arrays.toString(ref) + " (autograd), but is " + Arrays.toString(got) + ".";
        return null;
    }

    static String gradXProblem(Gradient1d gradX) {
        double[] xe = xe(), we = WE.clone(), ge = ge();
        Tensor xt = Tensor.of(xe).requiresGrad(true), wt = Tensor.of(we), bt = Tensor.of(0.3);
        convLoss(xt, wt, bt, ge).backward();
        double[] ref = xt.grad().toArray(), got;
        try { got = gradX.apply(ge, we, 9); }
        catch (RuntimeException e) { return "gradX stopped with " + e + ". g has L_out = 6 entries and w has k = 4: pad g by k - 1 = 3 zeros on each side (12 entries), then slide the flipped w over it."; }
        if (got == null) return "gradX returned null: return L = 9 numbers.";
        if (got.length == 3) return "gradX returned 3 numbers, not L_in = 9: g was not padded. Without padding the kernel fits only where it lies fully over g (6 - 4 + 1 = 3 places); the inputs near the ends also fed outputs, so pad g with k - 1 = 3 zeros on each side.";
        if (got.length == 11) return "gradX returned 11 numbers, not L_in = 9: padding off by one. Pad g with k - 1 = 3 zeros on each side: 6 + 2·3 - 4 + 1 = 9.";
        if (got.length == 7) return "gradX returned 7 numbers, not L_in = 9: padding off by one. Pad g with k - 1 = 3 zeros on each side (k - 2 misses the first and last input): 6 + 2·3 - 4 + 1 = 9.";
        if (got.length != 9) return "gradX must return one number per input, L_in = 9, got " + got.length + ".";
        if (close(got, new double[9]) == 0) return "gradX returned zeros: the stub is still there. Pad g with k - 1 zeros on each side, flip w, and slide the one over the other (conv1dByHand, bias 0).";
        if (close(got, correlate(pad(ge, 3), we, 0.0)) < 1e-12) return "The kernel is not flipped. x[m] fed output i through w[m - i]: as the window slides right, the tap that touches x[m] moves LEFT along the kernel, so the kernel is read backwards: flip(w).";
        if (close(got, ref) > 1e-12) return "gradX should be " + Arrays.toString(ref) + " (autograd), but is " + Arrays.toString(got) + ".";
        return null;
    }
}
