package backprop.nn;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;

/** The input checks the losses share, with messages that say how to fix the call. */
final class LossChecks {
    private LossChecks() {
    }

    /** Prediction and target must have the same shape (no silent broadcasting of (N, 1) against (N)). */
    static void sameShape(String op, Tensor input, Tensor target) {
        int[] a = input.shape();
        int[] b = target.shape();
        if (Arrays.equals(a, b)) {
            return;
        }
        String hint;
        if (a.length == 2 && a[1] == 1 && b.length == 1 && b[0] == a[0]) {
            hint = "reshape the target to a column with target.reshape(-1, 1) (broadcasting (N, 1) against (N) "
                    + "would compare every prediction with every target)";
        } else if (b.length == 2 && b[1] == 1 && a.length == 1 && a[0] == b[0]) {
            hint = "reshape the prediction to a column with input.reshape(-1, 1), or the target to (N) with "
                    + "target.reshape(-1)";
        } else {
            hint = "pass a target of the prediction's shape, one value per model output";
        }
        throw new ShapeMismatchException(op + ": prediction and target shapes differ: input "
                + Arrays.toString(a) + " vs target " + Arrays.toString(b) + ": " + hint);
    }

    /** Every value within [lo, hi]; otherwise names the first one outside. */
    static void inRange(String op, String what, Tensor t, double lo, double hi, String fix) {
        double[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= lo && v[i] <= hi)) {
                throw new IllegalArgumentException(op + ": " + what + " must be in [" + fmt(lo) + ", " + fmt(hi)
                        + "]: got " + v[i] + " at index " + Arrays.toString(unravel(i, t.shape())) + " (shape "
                        + Arrays.toString(t.shape()) + "): " + fix);
            }
        }
    }

    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
