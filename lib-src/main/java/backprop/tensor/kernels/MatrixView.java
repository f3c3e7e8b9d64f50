package backprop.tensor.kernels;

/**
 * A matrix inside a flat array, as the product kernels see it: {@code rows × cols} values starting at
 * {@code offset}, stored row by row, or, when {@code transposed}, the transpose of a {@code cols × rows}
 * matrix stored row by row (so that Aᵀ needs no copy). Element (i, j) is
 * {@code data[offset + i·cols + j]}, or {@code data[offset + j·rows + i]} when transposed.
 */
public record MatrixView(double[] data, int offset, int rows, int cols, boolean transposed) {
    /** The rows × cols matrix stored row by row at {@code offset}. */
    public static MatrixView of(double[] data, int offset, int rows, int cols) {
        return new MatrixView(data, offset, rows, cols, false);
    }

    /** The transpose, reading the same array. */
    public MatrixView t() {
        return new MatrixView(data, offset, cols, rows, !transposed);
    }

    /** Element (i, j). */
    public double get(int i, int j) {
        return transposed ? data[offset + j * rows + i] : data[offset + i * cols + j];
    }

}
