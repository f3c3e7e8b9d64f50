package backprop.tensor;

/**
 * The matrix-product kernel behind {@link Tensor#matmul}, in one place so that it can be made fast
 * without touching the autograd code. Every call computes
 * <pre>  C(n×m) += op(A)(n×k) · op(B)(k×m)  </pre>
 * where op(A) is A (stored n×k, row-major) or, when {@code transA}, Aᵀ (A stored k×n); likewise for B.
 */
final class MatMul {
    private MatMul() {
    }

    static void multiplyAdd(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                            double[] c, int cOff, int n, int k, int m) {
        if (transA) {
            a = transposeCopy(a, aOff, k, n);
            aOff = 0;
        }
        if (transB) {
            b = transposeCopy(b, bOff, m, k);
            bOff = 0;
        }
        // i-k-j order: the innermost loop runs along rows of B and C, which are contiguous.
        for (int i = 0; i < n; i++) {
            int cRow = cOff + i * m;
            int aRow = aOff + i * k;
            for (int p = 0; p < k; p++) {
                double aip = a[aRow + p];
                int bRow = bOff + p * m;
                for (int j = 0; j < m; j++) {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }

    /** The transpose of the rows×cols matrix stored at {@code off}, as a new cols×rows array. */
    static double[] transposeCopy(double[] x, int off, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[off + r * cols + c];
            }
        }
        return t;
    }
}
