package backprop.tensor;

import backprop.tensor.kernels.Elementwise;

import java.util.Arrays;

/**
 * Reductions: sum and mean (of everything or along one axis), max and min (with the gradient going to the
 * element that won), argmax. Along an axis, for each position o, i outside it, k runs along it: element
 * (o, k, i) sits at {@code (o·len + k)·inner + i} of the flat array.
 */
final class Reductions {
    private Reductions() {
    }

    /** scale · Σ of all values (0-d): the sum (scale 1) and the mean (scale 1/n).   ∂L/∂xᵢ = g · scale. */
    static Tensor total(Tensor x, String gradFn, double scale) {
        double s = Elementwise.sum(x.data);                  // Σ with four running totals (see there why)
        return Tensor.result(gradFn, new double[] {scale == 1.0 ? s : s * scale}, new int[0], g -> {
            double[] dx = x.gradBuffer();
            double d = scale == 1.0 ? g[0] : g[0] * scale;
            for (int i = 0; i < dx.length; i++) {
                dx[i] += d;
            }
        }, x);
    }

    /** scale · Σ along one axis (sum: scale 1; mean: 1/length).   ∂L/∂x[o, k, i] = g[o, i] · scale. */
    static Tensor sumAlong(Tensor x, String op, int axis, boolean keepDim, double scale, String gradFn) {
        int ax = Shapes.axis(op, axis, x.shape.length);
        int outer = Shapes.outer(x.shape, ax);
        int len = x.shape[ax];
        int inner = Shapes.inner(x.shape, ax);
        double[] y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < len; k++) {
                int base = (o * len + k) * inner;
                for (int i = 0; i < inner; i++) {
                    y[o * inner + i] += x.data[base + i];
                }
            }
        }
        if (scale != 1.0) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= scale;
            }
        }
        return Tensor.result(gradFn, y, reducedShape(x.shape, ax, keepDim), g -> {
            double[] dx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < len; k++) {
                    int base = (o * len + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        dx[base + i] += g[o * inner + i] * scale;
                    }
                }
            }
        }, x);
    }

    /** The shape without axis {@code ax}, or with it as length 1 if {@code keepDim}. */
    private static int[] reducedShape(int[] shape, int ax, boolean keepDim) {
        int[] out = keepDim ? shape.clone() : new int[shape.length - 1];
        if (keepDim) {
            out[ax] = 1;
        } else {
            for (int d = 0, j = 0; d < shape.length; d++) {
                if (d != ax) {
                    out[j++] = shape[d];
                }
            }
        }
        return out;
    }

    /** The largest or smallest value of all (0-d).   ∂L/∂x = g at the (first) extreme element, 0 elsewhere. */
    static Tensor extreme(Tensor x, String op, boolean largest) {
        if (x.data.length == 0) {
            throw new ShapeMismatchException(op + ": tensor is empty (shape " + Arrays.toString(x.shape)
                    + "): there is no " + (largest ? "largest" : "smallest") + " value");
        }
        return extremeAlong(x.reshape(x.data.length), op, 0, false, largest);
    }

    /** The largest or smallest values along one axis.   ∂L/∂x = g at each (first) extreme, 0 elsewhere. */
    static Tensor extremeAlong(Tensor x, String op, int axis, boolean keepDim, boolean largest) {
        int ax = Shapes.axis(op, axis, x.shape.length);
        int outer = Shapes.outer(x.shape, ax);
        int len = x.shape[ax];
        int inner = Shapes.inner(x.shape, ax);
        if (len == 0) {
            throw new ShapeMismatchException(op + ": axis " + axis + " of shape " + Arrays.toString(x.shape)
                    + " is empty: there is nothing to compare");
        }
        double[] y = new double[outer * inner];
        int[] where = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * len * inner + i;
                for (int k = 1; k < len; k++) {
                    int at = (o * len + k) * inner + i;
                    if (beats(x.data[at], x.data[best], largest)) {
                        best = at;
                    }
                }
                y[o * inner + i] = x.data[best];
                where[o * inner + i] = best;
            }
        }
        return Tensor.result(largest ? "Max" : "Min", y, reducedShape(x.shape, ax, keepDim), g -> {
            double[] dx = x.gradBuffer();
            for (int j = 0; j < where.length; j++) {
                dx[where[j]] += g[j];
            }
        }, x);
    }

    /** Whether {@code candidate} replaces {@code best} as the extreme; a NaN wins, so that NaN propagates as in PyTorch. */
    private static boolean beats(double candidate, double best, boolean largest) {
        if (Double.isNaN(candidate)) {
            return !Double.isNaN(best);
        }
        return largest ? candidate > best : candidate < best;
    }

    /** Index of the largest value along an axis, kept as size 1 if {@code keepDim}, as whole numbers (no gradient). */
    static Tensor argmax(Tensor x, int axis, boolean keepDim) {
        int ax = Shapes.axis("argmax", axis, x.shape.length);
        int outer = Shapes.outer(x.shape, ax);
        int len = x.shape[ax];
        int inner = Shapes.inner(x.shape, ax);
        double[] y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                for (int k = 1; k < len; k++) {
                    if (beats(x.data[(o * len + k) * inner + i], x.data[(o * len + best) * inner + i], true)) {
                        best = k;
                    }
                }
                y[o * inner + i] = best;
            }
        }
        return new Tensor(y, reducedShape(x.shape, ax, keepDim));
    }

    /** Flat index of the largest value. */
    static int argmax(Tensor x) {
        if (x.data.length == 0) {
            throw new IllegalArgumentException("argmax: tensor is empty: there is no largest value");
        }
        int best = 0;
        for (int i = 1; i < x.data.length; i++) {
            if (beats(x.data[i], x.data[best], true)) {
                best = i;
            }
        }
        return best;
    }
}
