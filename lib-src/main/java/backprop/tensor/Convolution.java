package backprop.tensor;

import java.util.Arrays;

/**
 * Convolution as PyTorch computes it ({@code F.conv1d}, {@code F.conv2d}): a cross-correlation, the kernel
 * is not flipped. Layouts: input (N, C_in, H, W), weight (C_out, C_in, kH, kW), bias (C_out), output
 * (N, C_out, H_out, W_out) with H_out = ⌊(H + 2·padding − kH) / stride⌋ + 1 (and the same for W). A 1-d
 * convolution, input (N, C_in, L) and weight (C_out, C_in, k), is the 2-d one with H = kH = 1.
 *
 * <p>Written as plain loops, one kernel tap (one weight) at a time, so that the formula reads off the code;
 * zero padding is never materialised: taps that fall outside the input are skipped.
 */
final class Convolution {
    private Convolution() {
    }

    /** The sizes of one convolution, from the shapes of its operands (already checked). */
    private record Geometry(int n, int cIn, int h, int w, int cOut, int kh, int kw, int sh, int sw, int ph, int pw,
                            int oh, int ow) {
        /** The output columns ow whose tap kj lands inside the input: iw = ow·sw − pw + kj ∈ [0, w). */
        int firstCol(int kj) {
            return Math.max(0, ceilDiv(pw - kj, sw));
        }

        int endCol(int kj) {
            return Math.min(ow, ceilDiv(w + pw - kj, sw));
        }

        int firstRow(int ki) {
            return Math.max(0, ceilDiv(ph - ki, sh));
        }

        int endRow(int ki) {
            return Math.min(oh, ceilDiv(h + ph - ki, sh));
        }

        /** The distance in x between the inputs of two vertically adjacent outputs. */
        int xRowStep() {
            return sh * w;
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }

    /**
     * y[n, o, i, j] = b[o] + Σ_c Σ_ki Σ_kj  w[o, c, ki, kj] · x[n, c, i·s − p + ki, j·s − p + kj]
     * (taps outside the input count as 0). Backward, with g = ∂L/∂y:
     * <pre>
     * ∂L/∂b[o]             = Σ_n Σ_i Σ_j g[n, o, i, j]
     * ∂L/∂w[o, c, ki, kj]  = Σ_n Σ_i Σ_j g[n, o, i, j] · x[n, c, i·s − p + ki, j·s − p + kj]
     *                        (the correlation of the input with the upstream gradient)
     * ∂L/∂x[n, c, r, q]    = Σ g[n, o, i, j] · w[o, c, ki, kj]  over all (o, i, j, ki, kj) with
     *                        r = i·s − p + ki and q = j·s − p + kj (every output that saw this input)
     *                        (for stride 1: the full convolution of g with the flipped kernel)
     * </pre>
     * Each backward sum walks the same (n, o, c, ki, kj, i, j) nest as the forward pass: the forward tap
     * "y += w·x" becomes "dw += g·x" and "dx += g·w".
     */
    static Tensor conv(String op, Tensor x, Tensor weight, Tensor bias, int stride, int padding, boolean oneD) {
        Geometry geo = geometry(x, weight, bias, stride, padding, oneD);
        int[] out = oneD ? new int[] {geo.n, geo.cOut, geo.ow} : new int[] {geo.n, geo.cOut, geo.oh, geo.ow};
        double[] xs = x.data;
        double[] ws = weight.data;
        double[] y = new double[Shapes.numel(out)];
        int plane = geo.oh * geo.ow;
        if (bias != null) {
            double[] bs = bias.data;
            for (int n = 0; n < geo.n; n++) {
                for (int o = 0; o < geo.cOut; o++) {
                    Arrays.fill(y, (n * geo.cOut + o) * plane, (n * geo.cOut + o + 1) * plane, bs[o]);
                }
            }
        }
        taps(geo, (wAt, yAt, xAt, rows, cols) -> {
            double wv = ws[wAt];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    y[yAt + i * geo.ow + j] += wv * xs[xAt + i * geo.xRowStep() + j * geo.sw];
                }
            }
        });
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.result(op, y, out, g -> {
            double[] dx = x.gradBufferOrNull();
            double[] dw = weight.gradBufferOrNull();
            double[] db = bias == null ? null : bias.gradBufferOrNull();
            if (db != null) {                                    // ∂L/∂b[o] = Σ g over n, i, j
                for (int n = 0; n < geo.n; n++) {
                    for (int o = 0; o < geo.cOut; o++) {
                        int from = (n * geo.cOut + o) * plane;
                        for (int k = 0; k < plane; k++) {
                            db[o] += g[from + k];
                        }
                    }
                }
            }
            if (dw != null) {                                    // ∂L/∂w += g · x, tap by tap
                taps(geo, (wAt, yAt, xAt, rows, cols) -> {
                    double s = 0;
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            s += g[yAt + i * geo.ow + j] * xs[xAt + i * geo.xRowStep() + j * geo.sw];
                        }
                    }
                    dw[wAt] += s;
                });
            }
            if (dx != null) {                                    // ∂L/∂x += g · w, scattered back to each tap
                taps(geo, (wAt, yAt, xAt, rows, cols) -> {
                    double wv = ws[wAt];
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            dx[xAt + i * geo.xRowStep() + j * geo.sw] += g[yAt + i * geo.ow + j] * wv;
                        }
                    }
                });
            }
        }, inputs);
    }

    /**
     * One tap: the single weight w[wAt] joins a block of rows × cols outputs, starting at y[yAt] (rows ow
     * apart, columns adjacent), with the inputs they see, starting at x[xAt] (rows stride·W apart, columns
     * stride apart). Every output position whose tap falls inside the input is in exactly one block.
     */
    @FunctionalInterface
    private interface Tap {
        void run(int wAt, int yAt, int xAt, int rows, int cols);
    }

    /** Visit every (n, o, c, ki, kj) and hand the block of outputs where that tap lands inside the input to {@code tap}. */
    private static void taps(Geometry geo, Tap tap) {
        for (int n = 0; n < geo.n; n++) {
            for (int o = 0; o < geo.cOut; o++) {
                int yPlane = (n * geo.cOut + o) * geo.oh * geo.ow;
                for (int c = 0; c < geo.cIn; c++) {
                    int xPlane = (n * geo.cIn + c) * geo.h * geo.w;
                    for (int ki = 0; ki < geo.kh; ki++) {
                        int i0 = geo.firstRow(ki);
                        int rows = geo.endRow(ki) - i0;
                        for (int kj = 0; kj < geo.kw; kj++) {
                            int j0 = geo.firstCol(kj);
                            int cols = geo.endCol(kj) - j0;
                            if (rows <= 0 || cols <= 0) {
                                continue;
                            }
                            int wAt = ((o * geo.cIn + c) * geo.kh + ki) * geo.kw + kj;
                            int r = i0 * geo.sh - geo.ph + ki;           // the input row and column that
                            int q = j0 * geo.sw - geo.pw + kj;           // output (i0, j0) sees through this tap
                            tap.run(wAt, yPlane + i0 * geo.ow + j0, xPlane + r * geo.w + q, rows, cols);
                        }
                    }
                }
            }
        }
    }

    /** Check the operands and work out the sizes, or explain what is wrong and how to fix it. */
    private static Geometry geometry(Tensor x, Tensor weight, Tensor bias, int stride, int padding,
                                     boolean oneD) {
        String name = oneD ? "conv1d" : "conv2d";
        int dims = oneD ? 3 : 4;
        String layout = oneD ? "(N, C_in, L)" : "(N, C_in, H, W)";
        String wLayout = oneD ? "(C_out, C_in, k)" : "(C_out, C_in, kH, kW)";
        if (x.ndim() != dims) {
            throw new ShapeMismatchException(name + ": input must be " + dims + "-d " + layout + ": got "
                    + Arrays.toString(x.shape()) + ": " + (x.ndim() == dims - 1
                    ? "add the batch dimension with unsqueeze(0)" : "reshape it to " + layout));
        }
        if (weight.ndim() != dims) {
            throw new ShapeMismatchException(name + ": weight must be " + dims + "-d " + wLayout + ": got "
                    + Arrays.toString(weight.shape()) + ": reshape it to " + wLayout);
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + ": stride must be >= 1 and padding >= 0: got stride=" + stride
                    + ", padding=" + padding + ": use stride 1 and padding 0 for a plain convolution");
        }
        int[] xs = x.shape();
        int[] ws = weight.shape();
        if (ws[1] != xs[1]) {
            throw new ShapeMismatchException(name + ": input has " + xs[1] + " channel" + (xs[1] == 1 ? "" : "s")
                    + " but the weight expects " + ws[1] + ": input " + Arrays.toString(xs) + ", weight " + Arrays.toString(ws)
                    + ": the weight's dimension 1 (C_in) must equal the input's dimension 1");
        }
        if (bias != null && (bias.ndim() != 1 || bias.size(0) != ws[0])) {
            throw new ShapeMismatchException(name + ": bias has shape " + Arrays.toString(bias.shape()) + " but the weight "
                    + Arrays.toString(ws) + " has " + ws[0] + " output channels: pass a bias of shape [" + ws[0]
                    + "], or null for none");
        }
        int h = oneD ? 1 : xs[2];
        int w = xs[dims - 1];
        int kh = oneD ? 1 : ws[2];
        int kw = ws[dims - 1];
        int ph = oneD ? 0 : padding;
        int sh = oneD ? 1 : stride;
        if (kh > h + 2 * ph || kw > w + 2 * padding) {
            throw new ShapeMismatchException(name + ": the kernel " + Arrays.toString(Arrays.copyOfRange(ws, 2, dims))
                    + " is larger than the padded input " + Arrays.toString(Arrays.copyOfRange(xs, 2, dims))
                    + " + 2·" + padding + ": use a smaller kernel or more padding");
        }
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * padding - kw) / stride + 1;
        return new Geometry(xs[0], xs[1], h, w, ws[0], kh, kw, sh, stride, ph, padding, oh, ow);
    }
}
