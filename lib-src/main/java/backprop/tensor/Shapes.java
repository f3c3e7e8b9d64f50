package backprop.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic: element counts, axis checks and NumPy broadcasting. Only {@link #numel(String, int...)}
 * is public: every package that multiplies sizes into an array length calls it.
 */
public final class Shapes {
    private Shapes() {
    }

    static int numel(int[] shape) {
        return numel("shape", shape);
    }

    /**
     * The element count of {@code shape}: the one place where sizes multiply. Refuses, in {@code op}'s
     * name, a count that a Java array cannot hold (more than 2^31 - 9), instead of letting it wrap
     * around to a negative or wrong size.
     */
    public static int numel(String op, int... shape) {
        final long limit = Integer.MAX_VALUE - 8;     // the longest array the JVM allocates
        long n = 1;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            n *= d;     // n <= 2^31 before this line, so the long cannot overflow
            if (n > limit) {
                throw new IllegalArgumentException(op + ": a tensor of shape " + Arrays.toString(shape) + " would hold "
                        + exactProduct(shape) + " elements, more than the " + limit + " a Java array can hold: "
                        + "use smaller dimensions (or fewer rows per batch)");
            }
        }
        return (int) n;
    }

    private static java.math.BigInteger exactProduct(int[] shape) {
        java.math.BigInteger p = java.math.BigInteger.ONE;
        for (int d : shape) {
            p = p.multiply(java.math.BigInteger.valueOf(d));
        }
        return p;
    }

    static int[] checkShape(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeMismatchException(op + ": negative dimension in shape " + Arrays.toString(shape)
                        + ": every dimension must be >= 0");
            }
        }
        return shape.clone();
    }

    /** Resolve a possibly negative axis (-1 = last) against {@code ndim}, or explain the valid range. */
    static int axis(String op, int axis, int ndim) {
        int resolved = axis < 0 ? axis + ndim : axis;
        if (ndim == 0) {
            throw new ShapeMismatchException(op + ": axis " + axis + " given for a 0-d tensor, which has no axes: "
                    + "call " + op + "() without an axis, or reshape the tensor to (1) first");
        }
        if (resolved < 0 || resolved >= ndim) {
            throw new ShapeMismatchException(op + ": axis " + axis + " is out of range for a tensor with "
                    + ndim + " dimension" + (ndim == 1 ? "" : "s") + ": use an axis in [" + (-ndim) + ", "
                    + (ndim - 1) + "]");
        }
        return resolved;
    }

    /** Product of the dimensions before {@code axis}. */
    static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** The shape {@code a} and {@code b} broadcast to, by NumPy's rule (align right; 1 stretches). */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;       // shapes are never changed in place, so the result may share the array
        }
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(op + ": shapes cannot be broadcast: " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " (dimension " + i + " of the aligned shapes: " + da + " vs " + db
                        + "): trailing dimensions must be equal or 1; " + broadcastFix(a, b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** A reshape that would make the pair broadcast, when a vector would fit as a column; else the general advice. */
    private static String broadcastFix(int[] a, int[] b) {
        if (b.length == 1 && fits(a, new int[] {b[0], 1})) {
            return "to combine b with each row of a, make it a column: b.reshape(" + b[0] + ", 1)";
        }
        if (a.length == 1 && fits(new int[] {a[0], 1}, b)) {
            return "to combine a with each row of b, make it a column: a.reshape(" + a[0] + ", 1)";
        }
        return "reshape or transpose one operand so that, aligned from the right, each pair of dimensions "
                + "is equal or one of them is 1";
    }

    private static boolean fits(int[] a, int[] b) {
        for (int i = 1; i <= Math.min(a.length, b.length); i++) {
            int da = a[a.length - i];
            int db = b[b.length - i];
            if (da != db && da != 1 && db != 1) {
                return false;
            }
        }
        return true;
    }

    /** The values of a tensor of shape {@code from} repeated out to shape {@code to} (which it broadcasts to). */
    static double[] expand(double[] values, int[] from, int[] to) {
        if (from == to || Arrays.equals(from, to)) {
            return values;
        }
        int total = numel(to);
        double[] out = new double[total];
        if (values.length == 1) {
            Arrays.fill(out, values[0]);
            return out;
        }
        if (isSuffix(from, to)) {
            for (int i = 0; i < total; i += values.length) {
                System.arraycopy(values, 0, out, i, values.length);
            }
            return out;
        }
        int[] source = sourceIndex(from, to);
        for (int i = 0; i < total; i++) {
            out[i] = values[source[i]];
        }
        return out;
    }

    /** True if {@code small}, without leading 1s, equals the trailing dimensions of {@code big}. */
    private static boolean isSuffix(int[] small, int[] big) {
        int start = 0;
        while (start < small.length && small[start] == 1) {
            start++;
        }
        int len = small.length - start;
        if (len > big.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (small[start + i] != big[big.length - len + i]) {
                return false;
            }
        }
        return true;
    }

    /** For every flat index of shape {@code big}, the flat index of the broadcast element of shape {@code small}. */
    static int[] sourceIndex(int[] small, int[] big) {
        int n = big.length;
        int[] smallStrides = new int[n];
        int[] st = strides(small);
        for (int i = 0; i < small.length; i++) {
            int j = i + n - small.length;
            smallStrides[j] = small[i] == 1 ? 0 : st[i];
        }
        int total = numel(big);
        int[] result = new int[total];
        int[] counter = new int[n];
        int offset = 0;
        for (int flat = 0; flat < total; flat++) {
            result[flat] = offset;
            for (int d = n - 1; d >= 0; d--) {
                counter[d]++;
                offset += smallStrides[d];
                if (counter[d] < big[d]) {
                    break;
                }
                offset -= smallStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return result;
    }

    /** The flat (row-major) position of one element, one coordinate per axis; says which coordinate is wrong. */
    static int flatIndex(String op, int[] index, int[] shape) {
        if (index.length != shape.length) {
            throw new ShapeMismatchException(op + ": " + index.length + " coordinates for a " + shape.length
                    + "-d tensor of shape " + Arrays.toString(shape) + ": give one index per axis");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException(op + ": index " + index[d] + " is out of range for axis " + d
                        + " of size " + shape[d] + " (shape " + Arrays.toString(shape) + "): valid indices are 0.."
                        + (shape[d] - 1));
            }
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    /** The coordinates of flat position {@code flat}. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** "2, 3" for shape [2, 3]. */
    static String join(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.toString();
    }
}
