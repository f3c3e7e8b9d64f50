package backprop.tensor;

/** The bodies of Tensor's creation functions that need more than a line: rows, ranges, the identity. */
final class Creation {
    private Creation() {
    }

    /** A 2-d tensor, one row per inner array (all rows the same length). */
    static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] values = new double[Shapes.numel("of", rows.length, cols)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new ShapeMismatchException("of: ragged rows: row 0 has " + cols + " values but row " + r
                        + " has " + rows[r].length + ": every row of a 2-d tensor needs the same length");
            }
            System.arraycopy(rows[r], 0, values, r * cols, cols);
        }
        return new Tensor(values, new int[] {rows.length, cols});
    }

    /** start, start+step, ... while below {@code end} (above it for a negative step), as NumPy's arange. */
    static Tensor arange(double start, double end, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero: got " + step);
        }
        double count = Math.ceil((end - start) / step);
        if (!(count <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("arange: start=" + start + ", end=" + end + ", step=" + step + " gives " + count
                    + " values, more than a tensor can hold (2^31 - 1): use finite bounds and a larger step");
        }
        int n = (int) Math.max(0, count);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return new Tensor(values, new int[] {n});
    }

    /** n evenly spaced values from a to b, both included. */
    static Tensor linspace(double a, double b, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: count must be >= 0: got " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        }
        return new Tensor(values, new int[] {n});
    }

    /** The n×n identity matrix. */
    static Tensor eye(int n) {
        Shapes.checkShape("eye", new int[] {n, n});
        double[] values = new double[Shapes.numel("eye", n, n)];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1.0;
        }
        return new Tensor(values, new int[] {n, n});
    }
}
