package backprop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measuring loop shared by every workload: a few untimed warm-up runs (the JIT compiles the hot
 * code during those), then timed repetitions. Each run times only its own training loop ({@link #start})
 * and reports its wall time and its thread's CPU time ({@link Timing}), so data preparation is never
 * counted. Results are printed as JSON records in the same form the Python peers print
 * (bench/peers/common.py; "cpu_seconds" is the Java side's own), for bench/run.py to tabulate.
 */
final class Harness {
    /** What one run returns: its timed interval and whatever it wants to report (final loss, checksums). */
    record Run(Timing timing, Map<String, Object> extra) {
    }

    /**
     * One timed interval: wall-clock seconds, and the CPU seconds of the thread that ran it. With one thread
     * (the matrix products run on the calling thread) the CPU time leaves out the time the thread waited while
     * other processes had the cores, so on a shared, busy machine it compares two jars more steadily than the
     * wall clock; with more threads it misses the workers' time and only the wall clock counts.
     */
    record Timing(double seconds, double cpuSeconds) {
    }

    /** A started clock: {@code Stopwatch sw = Harness.start(); ...; Timing t = sw.stop();}. */
    static final class Stopwatch {
        private final long wall0 = System.nanoTime();
        private final long cpu0 = CPU.getCurrentThreadCpuTime();

        Timing stop() {
            long cpu1 = CPU.getCurrentThreadCpuTime();
            long wall1 = System.nanoTime();
            return new Timing((wall1 - wall0) * 1e-9, (cpu1 - cpu0) * 1e-9);
        }
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

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
        List<Double> cpuSeconds = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            last = w.run();
            seconds.add(last.timing().seconds() / per);
            cpuSeconds.add(last.timing().cpuSeconds() / per);
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("workload", workload);
        rec.put("impl", "java");
        rec.put("threads", threads);
        rec.put("unit", unit);
        rec.put("seconds", seconds);
        rec.put("cpu_seconds", cpuSeconds);
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

    static Stopwatch start() {
        return new Stopwatch();
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
