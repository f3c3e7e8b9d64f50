package backprop.tensor;

import java.util.Arrays;

/**
 * Slices along any axis, as PyTorch's {@code narrow} and {@code select}, and the shape changes that only
 * add or remove axes of length 1 or merge neighbouring axes ({@code unsqueeze}, {@code squeeze},
 * {@code flatten(startDim, endDim)}), which are reshapes and take reshape's gradient.
 *
 * <p>A slice along axis d sees the tensor as (outer, size_d, inner), with outer the product of the
 * dimensions before d and inner of those after it: the slice keeps a run of the middle index.
 */
final class Slicing {
    private Slicing() {
    }

    /**
     * y = x[..., start : start + length, ...] along {@code dim} (negative dim and start count from the end).
     * <pre>
     * ∂L/∂x = g in the slice's positions, 0 elsewhere
     * </pre>
     */
    static Tensor narrow(Tensor x, int dim, int start, int length) {
        int[] s = x.shape();
        int d = Shapes.axis("narrow", dim, s.length);
        int from = start < 0 ? start + s[d] : start;
        if (from < 0 || length < 0 || from + length > s[d]) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " with length " + length + " does not fit in "
                    + "dimension " + d + " of size " + s[d] + " (shape " + Arrays.toString(s) + "): need 0 <= start and "
                    + "start + length <= " + s[d] + " (a negative start counts from the end)");
        }
        int[] out = s.clone();
        out[d] = length;
        return slice("Narrow", x, d, from, length, out);
    }

    /**
     * y = x[..., index, ...] along {@code dim}: the axis is removed (negative dim and index count from the end).
     * <pre>
     * ∂L/∂x = g in the selected positions, 0 elsewhere
     * </pre>
     */
    static Tensor select(Tensor x, int dim, int index) {
        int[] s = x.shape();
        int d = Shapes.axis("select", dim, s.length);
        int at = index < 0 ? index + s[d] : index;
        if (at < 0 || at >= s[d]) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dimension " + d
                    + " of size " + s[d] + " (shape " + Arrays.toString(s) + "): valid indices are " + (-s[d]) + ".."
                    + (s[d] - 1));
        }
        int[] out = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != d) {
                out[j++] = s[i];
            }
        }
        return slice("Select", x, d, at, 1, out);
    }

    /** Copy the run [from, from + length) of axis d for every (outer, inner) position; its backward adds g back. */
    private static Tensor slice(String op, Tensor x, int d, int from, int length, int[] out) {
        int[] s = x.shape();
        int outer = Shapes.outer(s, d);
        int inner = Shapes.inner(s, d);
        int block = length * inner;                 // the values one outer position keeps, contiguous
        double[] xs = x.data;
        double[] y = new double[outer * block];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(xs, (o * s[d] + from) * inner, y, o * block, block);
        }
        return Tensor.result(op, y, out, g -> {
            double[] dx = x.gradBufferOrNull();
            for (int o = 0; o < outer; o++) {
                int base = (o * s[d] + from) * inner;
                for (int k = 0; k < block; k++) {
                    dx[base + k] += g[o * block + k];
                }
            }
        }, x);
    }

    /** A new axis of length 1 at {@code dim} (in [−ndim − 1, ndim]); a reshape. */
    static Tensor unsqueeze(Tensor x, int dim) {
        int[] s = x.shape();
        int d = Shapes.axis("unsqueeze", dim, s.length + 1);
        int[] out = new int[s.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == d ? 1 : s[j++];
        }
        return x.reshape(out);
    }

    /** Remove axis {@code dim} if its length is 1 (otherwise the tensor is returned unchanged, as PyTorch). */
    static Tensor squeeze(Tensor x, int dim) {
        int[] s = x.shape();
        int d = Shapes.axis("squeeze", dim, s.length);
        return s[d] != 1 ? x : x.reshape(without(s, d, d));
    }

    /** Remove every axis of length 1. */
    static Tensor squeeze(Tensor x) {
        int[] s = x.shape();
        return x.reshape(Arrays.stream(s).filter(n -> n != 1).toArray());
    }

    /** Merge axes startDim..endDim (inclusive, negative counts from the end) into one; a reshape. */
    static Tensor flatten(Tensor x, int startDim, int endDim) {
        int[] s = x.shape();
        if (s.length == 0) {
            return x.reshape(1);
        }
        int a = Shapes.axis("flatten", startDim, s.length);
        int b = Shapes.axis("flatten", endDim, s.length);
        if (a > b) {
            throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim
                    + " for shape " + Arrays.toString(s) + ": pass startDim <= endDim (e.g. flatten(1) keeps the batch axis)");
        }
        int merged = 1;
        for (int i = a; i <= b; i++) {
            merged *= s[i];
        }
        int[] out = without(s, a + 1, b);
        out[a] = merged;
        return x.reshape(out);
    }

    /** The shape with axes from..to (inclusive) removed. */
    private static int[] without(int[] s, int from, int to) {
        int[] out = new int[s.length - Math.max(0, to - from + 1)];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i < from || i > to) {
                out[j++] = s[i];
            }
        }
        return out;
    }
}
