package backprop.tensor;

import java.util.Arrays;

/**
 * Max and average pooling as PyTorch's {@code F.max_pool2d}, {@code F.avg_pool2d} and {@code F.max_pool1d}
 * (no padding, floor mode): each (n, c) plane is cut into windows of kH × kW values that start every
 * {@code stride} positions, and each window becomes one number. Output size ⌊(H − kH) / stride⌋ + 1 per
 * axis. A 1-d pooling of (N, C, L) is the 2-d one with H = kH = 1. Pooling has no parameters.
 */
final class Pooling {
    private Pooling() {
    }

    /**
     * y[n, c, i, j] = max over the window (i·s .. i·s + kH − 1, j·s .. j·s + kW − 1) of x[n, c, ·, ·].
     * <pre>
     * ∂L/∂x[n, c, r, q] = Σ over the windows whose maximum sits at (r, q) of g[n, c, i, j]
     * </pre>
     * The gradient goes to the one element that won each window (the first one, on a tie, as PyTorch);
     * the others had no effect on y, so they get 0. Overlapping windows (stride &lt; kernel) may pick the
     * same winner, which then collects (+=) the gradient of each.
     */
    static Tensor maxPool(String op, Tensor x, int kernel, int stride, boolean oneD) {
        Window win = window(op, x, kernel, stride, oneD);
        double[] xs = x.data;
        double[] y = new double[win.planes * win.oh * win.ow];
        int[] winner = new int[y.length];                       // the flat index in x of each window's maximum
        int at = 0;
        for (int p = 0; p < win.planes; p++) {
            for (int i = 0; i < win.oh; i++) {
                for (int j = 0; j < win.ow; j++, at++) {
                    int best = win.start(p, i, j);
                    for (int a = 0; a < win.kh; a++) {
                        for (int b = 0; b < win.kw; b++) {
                            int k = win.start(p, i, j) + a * win.w + b;
                            if (xs[k] > xs[best] || Double.isNaN(xs[k]) && !Double.isNaN(xs[best])) {
                                best = k;
                            }
                        }
                    }
                    winner[at] = best;
                    y[at] = xs[best];
                }
            }
        }
        return Tensor.result(op, y, win.outShape(), g -> {
            double[] dx = x.gradBufferOrNull();
            for (int k = 0; k < g.length; k++) {
                dx[winner[k]] += g[k];
            }
        }, x);
    }

    /**
     * y[n, c, i, j] = (1 / (kH·kW)) · Σ over the window of x[n, c, ·, ·].
     * <pre>
     * ∂L/∂x[n, c, r, q] = Σ over the windows that contain (r, q) of g[n, c, i, j] / (kH·kW)
     * </pre>
     */
    static Tensor avgPool(String op, Tensor x, int kernel, int stride, boolean oneD) {
        Window win = window(op, x, kernel, stride, oneD);
        double[] xs = x.data;
        double[] y = new double[win.planes * win.oh * win.ow];
        double size = win.kh * win.kw;
        int at = 0;
        for (int p = 0; p < win.planes; p++) {
            for (int i = 0; i < win.oh; i++) {
                for (int j = 0; j < win.ow; j++, at++) {
                    double s = 0;
                    for (int a = 0; a < win.kh; a++) {
                        for (int b = 0; b < win.kw; b++) {
                            s += xs[win.start(p, i, j) + a * win.w + b];
                        }
                    }
                    y[at] = s / size;
                }
            }
        }
        return Tensor.result(op, y, win.outShape(), g -> {
            double[] dx = x.gradBufferOrNull();
            int k = 0;
            for (int p = 0; p < win.planes; p++) {
                for (int i = 0; i < win.oh; i++) {
                    for (int j = 0; j < win.ow; j++, k++) {
                        double share = g[k] / size;
                        for (int a = 0; a < win.kh; a++) {
                            for (int b = 0; b < win.kw; b++) {
                                dx[win.start(p, i, j) + a * win.w + b] += share;
                            }
                        }
                    }
                }
            }
        }, x);
    }

    /** The sizes of one pooling: N·C planes of h × w, windows of kh × kw every {@code stride}, oh × ow outputs. */
    private record Window(int[] inShape, int planes, int h, int w, int kh, int kw, int stride, int oh, int ow) {
        /** The flat index in x of the top-left element of window (i, j) of plane p. */
        int start(int p, int i, int j) {
            return (p * h + i * stride) * w + j * stride;
        }

        int[] outShape() {
            int[] out = inShape.clone();
            out[out.length - 1] = ow;
            if (out.length == 4) {
                out[2] = oh;
            }
            return out;
        }
    }

    /** Check the operands and work out the sizes; {@code gradFn} "MaxPool2d" names the method maxPool2d in errors. */
    private static Window window(String gradFn, Tensor x, int kernel, int stride, boolean oneD) {
        String op = Character.toLowerCase(gradFn.charAt(0)) + gradFn.substring(1);
        int dims = oneD ? 3 : 4;
        String layout = oneD ? "(N, C, L)" : "(N, C, H, W)";
        int[] s = x.shape();
        if (s.length != dims) {
            throw new ShapeMismatchException(op + ": input must be " + dims + "-d " + layout + ": got "
                    + Arrays.toString(s) + ": " + (s.length == dims - 1 ? "add the batch dimension with unsqueeze(0)"
                    : "reshape it to " + layout));
        }
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException(op + ": kernel size and stride must be >= 1: got kernel=" + kernel
                    + ", stride=" + stride + ": e.g. kernel 2 with stride 2 halves each side");
        }
        int h = oneD ? 1 : s[2];
        int w = s[dims - 1];
        int kh = oneD ? 1 : kernel;
        if (kh > h || kernel > w) {
            throw new ShapeMismatchException(op + ": the window " + kernel + " is larger than the input "
                    + Arrays.toString(Arrays.copyOfRange(s, 2, dims)) + " (shape " + Arrays.toString(s)
                    + "): use a smaller kernel, or pool earlier in the network");
        }
        return new Window(s, s[0] * s[1], h, w, kh, kernel, stride, (h - kh) / stride + 1, (w - kernel) / stride + 1);
    }
}
