package backprop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measuring loop shared by every workload: a few untimed warm-up runs (the JIT compiles the hot
 * code during those), then timed repetitions. Each run times only its own training loop and reports
 * its wall time, so data preparation is never counted. Results are printed as JSON records in the
 * same form the Python peers print (bench/peers/common.py), for bench/run.py to tabulate.
 */
final class Harness {
    /** What one run returns: its timed seconds and whatever it wants to report (final loss, checksums). */
    record Run(double seconds, Map<String, Object> extra) {
        Run(double seconds) {
            this(seconds, Map.of());
        }
    }

    @FunctionalInterface
    interface Workload {
        Run run();
    }

    private final int threads;
    private final List<String> records = new ArrayList<>();

    Harness(int threads) {
        this.threads = threads;
    }

    /** Run warm-up + timed repetitions; per = how many units (steps, ops, products) one run performs. */
    void measure(String workload, String unit, double per, int warmup, int reps, Map<String, Object> fixed,
                 Workload w) {
        Run last = null;
        for (int i = 0; i < warmup; i++) {
            last = w.run();
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            last = w.run();
            seconds.add(last.seconds() / per);
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("workload", workload);
        rec.put("impl", "java");
        rec.put("threads", threads);
        rec.put("unit", unit);
        rec.put("seconds", seconds);
        rec.putAll(fixed);
        if (last != null) {
            rec.putAll(last.extra());
        }
        records.add(json(rec));
        System.err.printf(Locale.ROOT, "  java %-24s threads=%d  median %.4g s/%s%n", workload, threads,
                median(seconds), unit);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : 0.5 * (s.get(n / 2 - 1) + s.get(n / 2));
    }

    static double now() {
        return System.nanoTime() * 1e-9;
    }

    String toJson() {
        return "[" + String.join(",\n", records) + "]";
    }

    private static String json(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(json(e.getKey().toString())).append(": ").append(json(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(json(x));
            }
            return sb.append(']').toString();
        }
        if (o instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (o instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "null";
        }
        return String.valueOf(o);
    }
}
