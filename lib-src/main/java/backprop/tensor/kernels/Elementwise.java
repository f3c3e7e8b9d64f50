package backprop.tensor.kernels;

/**
 * The fast forward loops of the tensor's two-operand elementwise operations (add, sub, mul, div), and a sum.
 *
 * <h2>Why</h2>
 * The general path copies an operand that is broadcast out to the full output shape (Shapes.expand): a
 * full-size array and an index lookup per element. A training step broadcasts in only two ways, a scalar
 * (a loss term, a one-output bias) and a row repeated down the rows of a matrix (a layer's bias): in both,
 * the smaller operand's values simply repeat every {@code p} elements of the output, so the loops here read
 * it in place. Everything else (a column against a row, say) still takes the general path.
 *
 * <h2>Layout</h2>
 * Each operand is described by its <em>period</em> {@code p}: the output's flat array, cut into runs of
 * {@code p}, holds the operand's values once in each run. An operand of the output's own shape has
 * {@code p = n}, a scalar {@code p = 1}, a bias row of a (rows, cols) result {@code p = cols}.
 * The arithmetic is the same, element for element, as on the general path, so results are identical.
 */
public final class Elementwise {
    public static final int ADD = 0;
    public static final int SUB = 1;
    public static final int MUL = 2;
    public static final int DIV = 3;

    private Elementwise() {
    }

    /**
     * The period of an operand of shape {@code shape} in an output of shape {@code out} (see the class
     * comment): its element count when its shape, leading 1s dropped, is a trailing part of {@code out};
     * otherwise -1 (the general path).
     */
    public static int period(int[] shape, int[] out) {
        int start = 0;
        while (start < shape.length && shape[start] == 1) {
            start++;
        }
        int len = shape.length - start;
        if (len > out.length) {
            return -1;
        }
        int p = 1;
        for (int i = 0; i < len; i++) {
            if (shape[start + i] != out[out.length - len + i]) {
                return -1;
            }
            p *= shape[start + i];
        }
        return p;
    }

    /**
     * y = a (op) b over the output's n = y.length elements, with a of period pa and b of period pb.
     * Returns false (doing nothing) when neither operand has the output's full size, or a period is -1.
     */
    public static boolean forward(int op, double[] a, int pa, double[] b, int pb, double[] y) {
        int n = y.length;
        if (n == 0) {
            return true;
        }
        if (pa < 0 || pb < 0 || (pa != n && pb != n)) {
            return false;
        }
        if (pa == n && pb == n) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) y[i] = a[i] + b[i]; }
                case SUB -> { for (int i = 0; i < n; i++) y[i] = a[i] - b[i]; }
                case MUL -> { for (int i = 0; i < n; i++) y[i] = a[i] * b[i]; }
                default -> { for (int i = 0; i < n; i++) y[i] = a[i] / b[i]; }
            }
        } else if (pb == 1) {
            double c = b[0];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) y[i] = a[i] + c; }
                case SUB -> { for (int i = 0; i < n; i++) y[i] = a[i] - c; }
                case MUL -> { for (int i = 0; i < n; i++) y[i] = a[i] * c; }
                default -> { for (int i = 0; i < n; i++) y[i] = a[i] / c; }
            }
        } else if (pa == 1) {
            double c = a[0];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) y[i] = c + b[i]; }
                case SUB -> { for (int i = 0; i < n; i++) y[i] = c - b[i]; }
                case MUL -> { for (int i = 0; i < n; i++) y[i] = c * b[i]; }
                default -> { for (int i = 0; i < n; i++) y[i] = c / b[i]; }
            }
        } else if (pa == n) {                           // b repeats every pb elements (a bias row)
            for (int s = 0; s < n; s += pb) {
                switch (op) {
                    case ADD -> { for (int j = 0; j < pb; j++) y[s + j] = a[s + j] + b[j]; }
                    case SUB -> { for (int j = 0; j < pb; j++) y[s + j] = a[s + j] - b[j]; }
                    case MUL -> { for (int j = 0; j < pb; j++) y[s + j] = a[s + j] * b[j]; }
                    default -> { for (int j = 0; j < pb; j++) y[s + j] = a[s + j] / b[j]; }
                }
            }
        } else {                                        // a repeats every pa elements
            for (int s = 0; s < n; s += pa) {
                switch (op) {
                    case ADD -> { for (int j = 0; j < pa; j++) y[s + j] = a[j] + b[s + j]; }
                    case SUB -> { for (int j = 0; j < pa; j++) y[s + j] = a[j] - b[s + j]; }
                    case MUL -> { for (int j = 0; j < pa; j++) y[s + j] = a[j] * b[s + j]; }
                    default -> { for (int j = 0; j < pa; j++) y[s + j] = a[j] / b[s + j]; }
                }
            }
        }
        return true;
    }

    /**
     * Σ of all values, with four running sums side by side (elements i, i+1, i+2, i+3), added together at
     * the end. Why not one running sum: each addition would wait for the one before (about 4 cycles), so a
     * sum over 10⁴ elements took longer than the operations that made them. The rounding differs from
     * a left-to-right sum only in the last bits, as NumPy's and PyTorch's own (pairwise) sums do.
     */
    public static double sum(double[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= x.length; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
