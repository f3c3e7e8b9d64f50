package backprop.tensor.kernels;

/**
 * A matrix kept also column by column, for products with a column (full-batch gradient descent's X·w, again
 * and again): the tensor holds one of these, and {@code Tensor.dataForUpdate} drops it when the values change.
 *
 * <p>Why: row by row, each output of X·w is a chain of k dependent multiply-adds and the rows' elements are k
 * apart; column by column, the same sums (same terms, same order, so the same bits) run side by side in vector
 * lanes over contiguous memory, several times faster (bench/README.md). The copy costs as much memory as the
 * matrix, hence only for few columns ({@link #pays}), and only from the second product on (a matrix used once
 * is not worth copying).
 */
public final class ColumnMajorCopy {
    private int uses;
    private volatile double[] columns;

    /** Whether a rows × cols matrix, multiplied by a column again and again, is worth keeping column by column. */
    public static boolean pays(int rows, int cols) {
        return rows >= 1024 && cols <= 64;
    }

    /**
     * The matrix as Aᵀ stored cols × rows (read it through {@code MatrixView.of(copy, 0, cols, rows).t()}), or
     * null on the first use; {@code data} is the rows × cols matrix stored row by row.
     */
    public double[] columns(double[] data, int rows, int cols) {
        double[] copy = columns;
        if (copy == null && ++uses >= 2) {
            copy = new double[data.length];
            MatMul.transposeInto(data, 0, rows, cols, copy);
            columns = copy;
        }
        return copy;
    }
}
