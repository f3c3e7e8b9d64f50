package backprop.tensor;

import java.util.Arrays;

/**
 * Shape and indexing: transpose, reshape, rows, index, gather, concat, stack. None of them computes anything
 * new; each backward rule sends every element of g back to the place its value was read from (+=, so a row
 * picked twice gets both contributions).
 */
final class ShapeOps {
    private ShapeOps() {
    }

    /** Swap two axes.   ∂L/∂x = the gradient with the same two axes swapped back. */
    static Tensor transpose(Tensor x, int axisA, int axisB) {
        int p = Shapes.axis("transpose", axisA, x.shape.length);
        int q = Shapes.axis("transpose", axisB, x.shape.length);
        int[] out = x.shape.clone();
        out[p] = x.shape[q];
        out[q] = x.shape[p];
        int[] sourceOf = permutedIndex(x.shape, p, q);
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data[sourceOf[i]];
        }
        return Tensor.result("Transpose", y, out, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                dx[sourceOf[i]] += g[i];
            }
        }, x);
    }

    /** For each flat index of the axes-swapped tensor, the flat index of the same element in the original. */
    private static int[] permutedIndex(int[] shape, int p, int q) {
        int[] strides = Shapes.strides(shape);
        int[] outShape = shape.clone();
        outShape[p] = shape[q];
        outShape[q] = shape[p];
        int[] srcStrides = strides.clone();
        srcStrides[p] = strides[q];
        srcStrides[q] = strides[p];
        int total = Shapes.numel(shape);
        int[] result = new int[total];
        int[] counter = new int[shape.length];
        int offset = 0;
        for (int flat = 0; flat < total; flat++) {
            result[flat] = offset;
            for (int d = shape.length - 1; d >= 0; d--) {
                counter[d]++;
                offset += srcStrides[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                offset -= srcStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return result;
    }

    /** The same values in a new shape (one dimension may be -1, inferred).   ∂L/∂x = g reshaped back. */
    static Tensor reshape(Tensor x, int[] newShape) {
        int[] out = resolveReshape(x, newShape);
        return Tensor.result("Reshape", x.data.clone(), out, g -> x.passGrad(g), x);
    }

    private static int[] resolveReshape(Tensor x, int[] newShape) {
        int[] out = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (out[i] < 0) {
                throw new ShapeMismatchException("reshape: invalid shape " + Arrays.toString(newShape)
                        + ": dimensions must be >= 0, with at most one -1 to infer");
            } else {
                known = Math.min(known * out[i], 1L << 31);   // capped: past 2^31 - 1 only "too many" matters
            }
        }
        int n = x.data.length;
        if (inferred >= 0) {
            if (known == 0 || n % known != 0) {
                throw new ShapeMismatchException("reshape: cannot infer -1 in " + Arrays.toString(newShape) + " for "
                        + n + " elements (shape " + Arrays.toString(x.shape) + "): the other dimensions must divide "
                        + n);
            }
            out[inferred] = (int) (n / known);
            known *= out[inferred];
        }
        if (known != n) {
            Shapes.numel("reshape", out);        // a shape too large for any array says so first
            throw new ShapeMismatchException("reshape: cannot reshape " + Arrays.toString(x.shape) + " (" + n
                    + " elements) to " + Arrays.toString(newShape) + " (" + known
                    + " elements): the element count must stay the same; use -1 for one dimension to infer it");
        }
        return out;
    }

    /** Rows [from, to) along axis 0 (a mini-batch).   ∂L/∂x = g in those rows, 0 elsewhere. */
    static Tensor rows(Tensor x, int from, int to) {
        int[] shape = x.shape;
        if (shape.length == 0) {
            throw new ShapeMismatchException("rows: a 0-d tensor has no rows: reshape it to (1) first");
        }
        if (from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("rows: range [" + from + ", " + to + ") is outside the " + shape[0]
                    + " rows of shape " + Arrays.toString(shape) + ": use 0 <= from <= to <= " + shape[0]);
        }
        int rowSize = x.data.length / Math.max(shape[0], 1);
        int[] out = shape.clone();
        out[0] = to - from;
        double[] y = Arrays.copyOfRange(x.data, from * rowSize, to * rowSize);
        return Tensor.result("Rows", y, out, g -> {
            double[] dx = x.gradBuffer();
            int start = from * rowSize;
            for (int i = 0; i < g.length; i++) {
                dx[start + i] += g[i];
            }
        }, x);
    }

    /** The rows with the given indices along axis 0, in that order (repeats allowed).   ∂L/∂x: g scattered back (+=). */
    static Tensor index(Tensor x, int[] rowIndices) {
        int[] shape = x.shape;
        if (shape.length == 0) {
            throw new ShapeMismatchException("index: a 0-d tensor has no rows: reshape it to (1) first");
        }
        int rowSize = x.data.length / Math.max(shape[0], 1);
        int[] rowsCopy = rowIndices.clone();
        for (int r : rowsCopy) {
            if (r < 0 || r >= shape[0]) {
                throw new IndexOutOfBoundsException("index: row " + r + " is out of range for " + shape[0]
                        + " rows (shape " + Arrays.toString(shape) + "): valid rows are 0.." + (shape[0] - 1));
            }
        }
        int[] out = shape.clone();
        out[0] = rowsCopy.length;
        double[] y = new double[Shapes.numel("index", out)];
        for (int i = 0; i < rowsCopy.length; i++) {
            System.arraycopy(x.data, rowsCopy[i] * rowSize, y, i * rowSize, rowSize);
        }
        return Tensor.result("Index", y, out, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < rowsCopy.length; i++) {
                int src = rowsCopy[i] * rowSize;
                for (int j = 0; j < rowSize; j++) {
                    dx[src + j] += g[i * rowSize + j];
                }
            }
        }, x);
    }

    /**
     * PyTorch's {@code gather}: along axis {@code dim}, take the element that {@code index} names, at every
     * position of {@code index}. The index has the input's rank and gives the result its shape (no larger
     * than the input except along {@code dim}). For 2-d, dim 1: y[i, j] = x[i, index[i, j]].
     * <pre>  ∂L/∂x[.., index[p], ..] += g[p]   (scattered back, repeats add up)  </pre>
     */
    static Tensor gather(Tensor x, int dim, Tensor index) {
        int[] shape = x.shape;
        int ax = Shapes.axis("gather", dim, shape.length);
        int[] is = index.shape;
        if (is.length != shape.length) {
            throw new ShapeMismatchException("gather: index has shape " + Arrays.toString(is) + " but the input has shape "
                    + Arrays.toString(shape) + " (" + is.length + " != " + shape.length + " dimensions): give the index "
                    + "the input's rank, e.g. labels.reshape(-1, 1) to pick one column per row of an (N, C) tensor");
        }
        for (int d = 0; d < is.length; d++) {
            if (d != ax && is[d] > shape[d]) {
                throw new ShapeMismatchException("gather: index has shape " + Arrays.toString(is) + " but the input has "
                        + "shape " + Arrays.toString(shape) + " (" + is[d] + " > " + shape[d] + " in dimension " + d
                        + "): outside dimension " + ax + " the index may not be larger than the input");
            }
        }
        int[] inStrides = Shapes.strides(shape);
        int[] pos = new int[is.length];                         // the index's multi-index, counted row-major
        int[] src = new int[index.data.length];                 // the flat input position each output reads
        for (int p = 0; p < src.length; p++) {
            double v = index.data[p];
            if (v != Math.rint(v) || v < 0 || v >= shape[ax]) {
                throw new IndexOutOfBoundsException("gather: index " + v + " at " + Arrays.toString(pos) + " is outside "
                        + "0.." + (shape[ax] - 1) + ": indices must be whole numbers below the size of dimension " + ax
                        + " (" + shape[ax] + ")");
            }
            int at = 0;
            for (int d = 0; d < pos.length; d++) {
                at += (d == ax ? (int) v : pos[d]) * inStrides[d];
            }
            src[p] = at;
            for (int d = pos.length - 1; d >= 0 && ++pos[d] == is[d]; d--) {
                pos[d] = 0;
            }
        }
        double[] y = new double[src.length];
        for (int p = 0; p < src.length; p++) {
            y[p] = x.data[src[p]];
        }
        return Tensor.result("Gather", y, is.clone(), g -> {
            double[] dx = x.gradBuffer();
            for (int p = 0; p < src.length; p++) {
                dx[src[p]] += g[p];
            }
        }, x);
    }

    /** Join tensors along an existing axis (all other dimensions equal).   ∂L/∂xᵢ = its slice of g. */
    static Tensor join(String gradFn, int axis, Tensor[] tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given: pass at least one");
        }
        int[] first = tensors[0].shape;
        int ax = Shapes.axis("concat", axis, first.length);
        int total = joinedLength(tensors, first, ax);
        int joined = total;
        int[] out = first.clone();
        out[ax] = joined;
        int outer = Shapes.outer(first, ax);
        int inner = Shapes.inner(first, ax);
        double[] y = new double[Shapes.numel(out)];
        int[] offsets = new int[tensors.length];
        int offset = 0;
        for (int t = 0; t < tensors.length; t++) {
            offsets[t] = offset;
            int block = tensors[t].shape[ax] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(tensors[t].data, o * block, y, o * total * inner + offset, block);
            }
            offset += block;
        }
        Tensor[] inputs = tensors.clone();
        return Tensor.result(gradFn, y, out, g -> {
            for (int t = 0; t < inputs.length; t++) {
                if (!inputs[t].requiresGrad) {
                    continue;
                }
                double[] dx = inputs[t].gradBuffer();
                int block = inputs[t].shape[ax] * inner;
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < block; j++) {
                        dx[o * block + j] += g[o * joined * inner + offsets[t] + j];
                    }
                }
            }
        }, inputs);
    }

    /** The length of the joined axis; refuses tensors that differ in rank or outside that axis. */
    private static int joinedLength(Tensor[] tensors, int[] first, int ax) {
        int total = 0;
        for (Tensor t : tensors) {
            if (t.shape.length != first.length) {
                throw new ShapeMismatchException("concat: shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(t.shape) + " have " + first.length + " and " + t.shape.length
                        + " dimensions: all tensors need the same number of dimensions; reshape one of them");
            }
            boolean fits = true;
            for (int d = 0; fits && d < first.length; d++) {
                fits = d == ax || t.shape[d] == first[d];
            }
            if (!fits) {
                throw new ShapeMismatchException("concat: shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(t.shape) + " differ outside axis " + ax
                        + ": all dimensions except the joined one must be equal");
            }
            total += t.shape[ax];
        }
        return total;
    }

    /** Join equal-shaped tensors along a new axis. */
    static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given: pass at least one");
        }
        int[] s = tensors[0].shape;
        int ax = Shapes.axis("stack", axis, s.length + 1);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int t = 0; t < tensors.length; t++) {
            if (!Arrays.equals(tensors[t].shape, s)) {
                throw new ShapeMismatchException("stack: shapes " + Arrays.toString(s) + " and "
                        + Arrays.toString(tensors[t].shape) + " differ: stack needs tensors of one shape");
            }
            int[] withAxis = new int[s.length + 1];
            for (int d = 0, j = 0; d < withAxis.length; d++) {
                withAxis[d] = d == ax ? 1 : s[j++];
            }
            expanded[t] = tensors[t].reshape(withAxis);
        }
        return join("Stack", ax, expanded);
    }
}
