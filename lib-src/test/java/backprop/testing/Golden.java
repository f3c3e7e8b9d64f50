package backprop.testing;

import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads golden tensors and compares computed values with them, remembering the largest deviation per component. */
public final class Golden {
    /** component -> largest relative deviation seen (printed by the tests, quoted in notes). */
    private static final Map<String, Double> WORST = new TreeMap<>();
    /** component -> largest plain elementwise |a − b| / |b| (no floor), for information only. */
    private static final Map<String, Double> WORST_PLAIN = new TreeMap<>();
    /** Relative to the tensor's largest magnitude, below which an element is compared absolutely. */
    public static final double FLOOR = 1e-3;

    private Golden() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object o, String key) {
        return (Map<String, Object>) ((Map<String, Object>) o).get(key);
    }

    @SuppressWarnings("unchecked")
    public static Tensor tensor(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        List<Object> shape = (List<Object>) m.get("shape");
        List<Object> data = (List<Object>) m.get("data");
        int[] s = new int[shape.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = ((Double) shape.get(k)).intValue();
        }
        double[] d = new double[data.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = (Double) data.get(k);
        }
        return Tensor.of(d, s);
    }

    public static Tensor tensor(Object parent, String key) {
        return tensor(((Map<?, ?>) parent).get(key));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Tensor> tensors(Object o) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ((Map<String, Object>) o).forEach((k, v) -> out.put(k, tensor(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static double[] doubles(Object o) {
        List<Object> l = (List<Object>) o;
        double[] d = new double[l.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = (Double) l.get(k);
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    public static List<double[]> rows(Object o) {
        List<double[]> out = new ArrayList<>();
        for (Object row : (List<Object>) o) {
            out.add(doubles(row));
        }
        return out;
    }

    /**
     * Relative deviation of one value: |a − b| / |b|, except that values within {@code floor} of zero
     * are compared absolutely against {@code floor} (a quantity that is 0 up to rounding has no
     * meaningful relative error).
     */
    public static double relErr(double a, double b, double floor) {
        if (a == b) {
            return 0;
        }
        return Math.abs(a - b) / Math.max(Math.abs(b), floor);
    }

    /**
     * Assert that {@code actual} equals {@code expected} to {@code tol} relative, element by element
     * (elements smaller than FLOOR times the tensor's largest magnitude are compared absolutely at that scale, since rounding in a cancelling difference such as 1 − tanh² is no error of the code); record the
     * largest deviation under {@code component}. Returns it.
     */
    public static double assertClose(String component, String what, Tensor actual, Tensor expected, double tol) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError(component + " " + what + ": shape " + Arrays.toString(actual.shape())
                    + ", expected " + Arrays.toString(expected.shape()));
        }
        return assertClose(component, what, actual.toArray(), expected.toArray(), tol);
    }

    public static double assertClose(String component, String what, double[] a, double[] b, double tol) {
        if (a.length != b.length) {
            throw new AssertionError(component + " " + what + ": " + a.length + " values, expected " + b.length);
        }
        double scale = 0;
        for (double v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        double floor = Math.max(scale * FLOOR, Double.MIN_NORMAL);
        double worst = 0;
        double plain = 0;
        int at = -1;
        for (int k = 0; k < a.length; k++) {
            plain = Math.max(plain, relErr(a[k], b[k], Double.MIN_NORMAL));
            double e = relErr(a[k], b[k], floor);
            if (!(e <= worst)) {
                worst = e;
                at = k;
            }
        }
        record(component, worst);
        synchronized (Golden.class) {
            WORST_PLAIN.merge(component, plain, Math::max);
        }
        if (!(worst <= tol)) {
            throw new AssertionError(component + " " + what + ": element " + at + " is " + a[at] + ", PyTorch gives "
                    + b[at] + " (relative deviation " + worst + " > " + tol + ")");
        }
        return worst;
    }

    public static synchronized void record(String component, double deviation) {
        WORST.merge(component, deviation, Math::max);
    }

    /** The largest deviations recorded so far, one line per component. */
    public static synchronized String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %-28s %-10s %s%n", "component", "deviation", "(plain |a-b|/|b| incl. near-zero elements)"));
        WORST.forEach((k, v) -> sb.append(String.format("  %-28s %.3e  (%.3e)%n", k, v, WORST_PLAIN.get(k))));
        return sb.toString();
    }
}
