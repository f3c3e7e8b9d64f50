package backprop.tensor;

import java.util.Arrays;

/**
 * Small dense linear algebra for checking answers, e.g. the closed-form least-squares weights
 * from the normal equations {@code (XᵀX) w = Xᵀy}:
 *
 * <pre>{@code
 * Tensor w = Linalg.solve(X.T().matmul(X), X.T().matmul(y));
 * }</pre>
 *
 * <p>The results are plain values: no gradient flows through them.
 */
public final class Linalg {
    private Linalg() {
    }

    /**
     * Solves {@code a x = b} for x by Gaussian elimination with partial pivoting. {@code a} is a
     * square (n, n) matrix; {@code b} is (n) or (n, k) and x has the same shape as b.
     */
    public static Tensor solve(Tensor a, Tensor b) {
        if (a.ndim() != 2 || a.size(0) != a.size(1)) {
            throw new ShapeMismatchException("solve: a must be a square matrix: got shape " + Arrays.toString(a.shape())
                    + ": for least squares pass X.T().matmul(X), which is (d, d)");
        }
        int n = a.size(0);
        if (b.ndim() < 1 || b.ndim() > 2 || b.size(0) != n) {
            throw new ShapeMismatchException("solve: b must have " + n + " rows to match a: got a " + Arrays.toString(a.shape())
                    + " and b " + Arrays.toString(b.shape()) + ": pass b as (" + n + ") or (" + n + ", k), e.g. X.T().matmul(y)");
        }
        int k = b.ndim() == 1 ? 1 : b.size(1);
        double[] m = a.toArray();
        double[] r = b.toArray();
        double scale = 0;
        for (double v : m) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int col = 0; col < n; col++) {
            // partial pivoting: bring the row with the largest |entry| in this column up
            int p = col;
            for (int i = col + 1; i < n; i++) {
                if (Math.abs(m[i * n + col]) > Math.abs(m[p * n + col])) {
                    p = i;
                }
            }
            if (!(Math.abs(m[p * n + col]) > 1e-12 * scale)) {
                throw new IllegalArgumentException("solve: a is singular (or nearly so): no pivot in column " + col
                        + " of " + n + ": some columns are linear combinations of others; drop duplicated or constant features");
            }
            swapRows(m, n, col, p);
            swapRows(r, k, col, p);
            // eliminate the column below the pivot: row_i -= f * row_col
            for (int i = col + 1; i < n; i++) {
                double f = m[i * n + col] / m[col * n + col];
                for (int j = col; j < n; j++) {
                    m[i * n + j] -= f * m[col * n + j];
                }
                for (int j = 0; j < k; j++) {
                    r[i * k + j] -= f * r[col * k + j];
                }
            }
        }
        // back substitution: x_i = (r_i - sum_{j>i} m_ij x_j) / m_ii
        double[] x = new double[n * k];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = 0; j < k; j++) {
                double s = r[i * k + j];
                for (int q = i + 1; q < n; q++) {
                    s -= m[i * n + q] * x[q * k + j];
                }
                x[i * k + j] = s / m[i * n + i];
            }
        }
        return Tensor.of(x, b.shape());
    }

    private static void swapRows(double[] v, int width, int i, int j) {
        if (i == j) {
            return;
        }
        for (int c = 0; c < width; c++) {
            double t = v[i * width + c];
            v[i * width + c] = v[j * width + c];
            v[j * width + c] = t;
        }
    }
}
