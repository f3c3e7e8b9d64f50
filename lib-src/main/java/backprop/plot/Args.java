package backprop.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Argument checks and data cleaning shared by the pictures. Every message has the form
 * "op: what is wrong: what was given: how to fix". Package-private.
 */
final class Args {

    private Args() {
    }

    static IllegalArgumentException error(String op, String what, String given, String fix) {
        return new IllegalArgumentException(op + ": " + what + ": " + given + ": " + fix);
    }

    static <T> T notNull(String op, String name, T value) {
        if (value == null) {
            throw error(op, name + " is null", "got null", "pass a value for " + name);
        }
        return value;
    }

    static double[] nonEmpty(String op, String name, double[] values) {
        notNull(op, name, values);
        if (values.length == 0) {
            throw error(op, name + " is empty", "got 0 values", "pass at least one value");
        }
        return values;
    }

    static void sameLength(String op, String nameA, double[] a, String nameB, double[] b) {
        if (a.length != b.length) {
            throw error(op, nameA + " and " + nameB + " differ in length",
                    nameA + " has " + a.length + " values, " + nameB + " has " + b.length,
                    "pass one " + nameB + " value per " + nameA + " value");
        }
    }

    static void range(String op, String minName, double min, String maxName, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw error(op, minName + " must be finite and below " + maxName,
                    "got " + minName + " = " + min + ", " + maxName + " = " + max,
                    "pass a range such as " + minName + " = -2, " + maxName + " = 2");
        }
    }

    static void nonEmptyMap(String op, String name, Map<String, ?> map) {
        notNull(op, name, map);
        if (map.isEmpty()) {
            throw error(op, name + " is empty", "got no entries", "pass at least one name -> values entry");
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getValue() == null) {
                throw error(op, name + " has a null entry", "\"" + e.getKey() + "\" -> null", "pass values for every name");
            }
        }
    }

    /**
     * The keys of a map in drawing order: the map's own order when it has one (LinkedHashMap,
     * TreeMap), otherwise natural order ("layer 2" before "layer 10"), so that the same map gives
     * the same colours on every run (Map.of iterates in a different order on every JVM start).
     */
    static List<String> orderedKeys(Map<String, ?> map) {
        List<String> keys = new ArrayList<>(map.keySet());
        if (!(map instanceof LinkedHashMap || map instanceof SortedMap)) {
            keys.sort(NATURAL);
        }
        return keys;
    }

    /** Compares strings with embedded numbers by value: "layer 2" < "layer 10". */
    static final Comparator<String> NATURAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /**
     * A copy of y in which NaN and infinite values (and, for a log axis, values <= 0) are NaN,
     * which XChart draws as a gap. Adds a note naming the series when anything was removed.
     *
     * @return the cleaned copy, or null when no value is left to draw
     */
    static double[] gaps(double[] y, String series, boolean logScale, Notes notes) {
        double[] out = y.clone();
        int nonFinite = 0;
        int nonPositive = 0;
        int left = 0;
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
                nonFinite++;
            } else if (logScale && out[i] <= 0) {
                out[i] = Double.NaN;
                nonPositive++;
            } else {
                left++;
            }
        }
        if (left == 0) {
            notes.add(series + ": no finite" + (logScale ? " positive" : "") + " value, nothing drawn");
            return null;
        }
        if (nonFinite > 0) {
            notes.add(series + ": " + nonFinite + " NaN/Inf value" + (nonFinite == 1 ? "" : "s") + " not drawn (gap)");
        }
        if (nonPositive > 0) {
            notes.add(series + ": " + nonPositive + " value" + (nonPositive == 1 ? "" : "s") + " <= 0 not drawn on the log scale");
        }
        return out;
    }

    /** 1, 2, ..., n as doubles. */
    static double[] oneTo(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }
}
