package backprop.tensor;

import backprop.tensor.kernels.ColumnMajorCopy;
import backprop.tensor.kernels.MatMul;
import backprop.tensor.kernels.MatrixView;

import java.util.Arrays;

/**
 * The matrix product and its backward rule. The arithmetic is the kernel's {@code C += A·B}
 * ({@link MatMul#multiplyAdd}), which computes exactly the textbook triple loop of kernels.Reference.
 */
final class MatrixProduct {
    private MatrixProduct() {
    }

    /**
     * Matrix product. 2-d: (n, k) @ (k, m) → (n, m); 1-d operands act as a row (left) or column (right);
     * 3-d: a leading batch dimension, with a 2-d operand shared by every batch.
     * <pre>
     * Y = A B;   ∂L/∂A = G Bᵀ,   ∂L/∂B = Aᵀ G
     * </pre>
     */
    static Tensor matmul(Tensor a, Tensor b) {
        if (a.ndim() == 0 || b.ndim() == 0 || a.ndim() > 3 || b.ndim() > 3) {
            throw new ShapeMismatchException("matmul: needs 1-d, 2-d or 3-d operands: got " + Arrays.toString(a.shape)
                    + " @ " + Arrays.toString(b.shape) + ": use mul() for scalars, reshape() for higher dimensions");
        }
        // View both operands as batches of matrices: A as (batchA, n, k), B as (batchB, k, m).
        int n = a.ndim() == 1 ? 1 : a.shape[a.ndim() - 2];
        int k = a.shape[a.ndim() - 1];
        int kb = b.ndim() == 1 ? b.shape[0] : b.shape[b.ndim() - 2];
        int m = b.ndim() == 1 ? 1 : b.shape[b.ndim() - 1];
        int batchA = a.ndim() == 3 ? a.shape[0] : 1;
        int batchB = b.ndim() == 3 ? b.shape[0] : 1;
        if (k != kb) {
            throw new ShapeMismatchException(mismatch(a.shape, b.shape, k, kb));
        }
        if (batchA != batchB && batchA != 1 && batchB != 1) {
            throw new ShapeMismatchException("matmul: batch sizes differ: " + Arrays.toString(a.shape) + " @ "
                    + Arrays.toString(b.shape) + " (" + batchA + " != " + batchB
                    + "): batched operands need the same leading dimension, or one of them 2-d");
        }
        int batch = batchA == 1 ? batchB : batchA;       // an empty batch (0) stays empty
        int[] out = shape(a, b, batch, n, m);
        double[] y = new double[Shapes.numel("matmul", out)];
        double[] aColumns = batch == 1 && m == 1 ? columnMajor(a) : null;
        if (aColumns != null) {     // A·b as (Aᵀ)ᵀ·b from A's column-major copy: the same sums, faster
            MatMul.multiplyAdd(MatrixView.of(aColumns, 0, k, n).t(), view(b, 0, k, 1), view(y, 0, n, 1));
        } else {
            for (int t = 0; t < batch; t++) {
                MatMul.multiplyAdd(view(a, batchA == 1 ? 0 : t, n, k), view(b, batchB == 1 ? 0 : t, k, m), view(y, t, n, m));
            }
        }
        return Tensor.result("MatMul", y, out, g -> {
            for (int t = 0; t < batch; t++) {
                MatrixView gt = view(g, t, n, m);
                MatrixView at = view(a, batchA == 1 ? 0 : t, n, k);
                MatrixView bt = view(b, batchB == 1 ? 0 : t, k, m);
                if (a.requiresGrad) {
                    MatMul.multiplyAdd(gt, bt.t(), MatrixView.of(a.gradBuffer(), at.offset(), n, k));   // dA += G Bᵀ
                }
                if (b.requiresGrad) {
                    MatMul.multiplyAdd(at.t(), gt, MatrixView.of(b.gradBuffer(), bt.offset(), k, m));   // dB += Aᵀ G
                }
            }
        }, a, b);
    }

    /**
     * A's values stored column by column, for products with a column ({@link ColumnMajorCopy}: the same sums,
     * faster); null when the shape does not pay, or on the first such product. Tensor.dataForUpdate drops it.
     */
    private static double[] columnMajor(Tensor a) {
        if (a.ndim() != 2 || !ColumnMajorCopy.pays(a.shape[0], a.shape[1])) {
            return null;
        }
        ColumnMajorCopy copy = a.columnMajor;
        if (copy == null) {
            copy = new ColumnMajorCopy();
            a.columnMajor = copy;
        }
        return copy.columns(a.data, a.shape[0], a.shape[1]);
    }

    /** Matrix number {@code t} (rows × cols) of a batch stored one after the other in {@code x}'s values. */
    private static MatrixView view(Tensor x, int t, int rows, int cols) {
        return view(x.data, t, rows, cols);
    }

    private static MatrixView view(double[] values, int t, int rows, int cols) {
        return MatrixView.of(values, t * rows * cols, rows, cols);
    }

    private static String mismatch(int[] as, int[] bs, int k, int kb) {
        String hint = bs.length >= 2 && bs[bs.length - 1] == k
                ? "did you mean b.transpose()? (" + Arrays.toString(bs) + " transposed has " + k + " rows)"
                : as.length >= 2 && as[as.length - 2] == kb
                ? "did you mean a.transpose()? (" + Arrays.toString(as) + " transposed has " + kb + " columns)"
                : "the columns of the left operand must equal the rows of the right one";
        return "matmul: inner dimensions differ: " + Arrays.toString(as) + " @ " + Arrays.toString(bs) + " (" + k
                + " != " + kb + "); " + hint;
    }

    /** The result's shape: (batch,) n, m, without the row of a 1-d left operand or the column of a 1-d right one. */
    private static int[] shape(Tensor a, Tensor b, int batch, int n, int m) {
        int[] shape = new int[] {batch, n, m};
        boolean batched = a.ndim() == 3 || b.ndim() == 3;
        int from = batched ? 0 : 1;
        int to = 3;
        if (b.ndim() == 1) {
            to = 2;                                  // drop the column dimension of a vector on the right
        }
        if (a.ndim() == 1) {                         // drop the row dimension of a vector on the left
            int[] s = Arrays.copyOfRange(shape, from, to);
            int[] r = new int[s.length - 1];
            int skip = batched ? 1 : 0;
            for (int i = 0, j = 0; i < s.length; i++) {
                if (i != skip) {
                    r[j++] = s[i];
                }
            }
            return r;
        }
        return Arrays.copyOfRange(shape, from, to);
    }
}
