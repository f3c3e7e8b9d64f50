package backprop.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two or more library jars in one JVM, each in its own class loader, alternated every call so that the
 * machine's load falls on all of them alike (across processes, as {@code ./workbook bench --baseline-jar}
 * runs them, a busy minute can land on one jar's rounds only). Two modes:
 * <ul>
 *   <li>{@code parts}: each operation of W2's step alone and the whole step ({@link StepParts}), CPU ns a call;</li>
 *   <li>{@code W1} ... {@code W5}: that workload as Bench runs it (warm-up, timed repetitions), wall and
 *       CPU time per unit.</li>
 * </ul>
 * It prints the 10th percentile and the median per jar, and each jar against the first one.
 * <pre>java --add-modules jdk.incubator.vector -XX:ActiveProcessorCount=1 -Dbackprop.threads=1 \
 *     -cp target/bench-classes backprop.bench.SideBySide parts old=OLD.jar new=target/backprop-workbook.jar</pre>
 * (target/bench-classes is made by {@code ./workbook bench}; -Drounds=N sets the rounds.)
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("SideBySide: expected a mode (parts, W1 ... W5) and one or more "
                    + "label=path/to/backprop-workbook.jar (the first is the one the others are compared with)");
        }
        String mode = args[0];
        String[] jars = Arrays.copyOfRange(args, 1, args.length);
        String[] labels = new String[jars.length];
        ClassLoader[] loaders = new ClassLoader[jars.length];
        URL benchClasses = SideBySide.class.getProtectionDomain().getCodeSource().getLocation();
        for (int i = 0; i < jars.length; i++) {
            String[] kv = jars[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("SideBySide: '" + jars[i] + "' is not label=jar: write it as, say, "
                        + "old=/path/to/old.jar");
            }
            labels[i] = kv[0];
            loaders[i] = new URLClassLoader(new URL[] {Path.of(kv[1]).toUri().toURL(), benchClasses},
                    ClassLoader.getPlatformClassLoader());
        }
        if (mode.equals("parts")) {
            parts(labels, loaders, Integer.getInteger("rounds", 60));
        } else {
            workload(mode, labels, loaders, Integer.getInteger("rounds", 16));
        }
    }

    private static void parts(String[] labels, ClassLoader[] loaders, int rounds) throws Exception {
        int n = loaders.length;
        Object[] parts = new Object[n];
        Method[] time = new Method[n];
        for (int i = 0; i < n; i++) {
            Class<?> c = loaders[i].loadClass(StepParts.class.getName());
            parts[i] = c.getConstructor().newInstance();
            time[i] = c.getMethod("time", int.class);
        }
        int warmup = rounds / 5;
        List<List<List<Double>>> ns = new ArrayList<>();
        for (String ignored : StepParts.PARTS) {
            ns.add(lists(n));
        }
        for (int r = 0; r < rounds; r++) {
            for (int part = 0; part < StepParts.PARTS.length; part++) {
                for (int j = 0; j < n; j++) {
                    int i = (j + r) % n;                 // each jar goes first in turn
                    double t = (Double) time[i].invoke(parts[i], part);
                    if (r >= warmup) {
                        ns.get(part).get(i).add(t);
                    }
                }
            }
        }
        System.out.printf("W2's step in parts: CPU ns a call, %d rounds after %d warm-up rounds; p10 and median%n",
                rounds - warmup, warmup);
        for (int part = 0; part < StepParts.PARTS.length; part++) {
            System.out.println(line(StepParts.PARTS[part], labels, ns.get(part), 1.0, "%8.0f"));
        }
    }

    private static void workload(String name, String[] labels, ClassLoader[] loaders, int rounds) throws Exception {
        int n = loaders.length;
        Method[] run = new Method[n];
        Constructor<?>[] harness = new Constructor<?>[n];
        Method[] json = new Method[n];
        for (int i = 0; i < n; i++) {
            Class<?> h = loaders[i].loadClass(Harness.class.getName());
            run[i] = loaders[i].loadClass(Bench.class.getName()).getDeclaredMethod(name.toLowerCase(), h);
            harness[i] = h.getDeclaredConstructor(int.class);
            json[i] = h.getDeclaredMethod("toJson");
            for (var member : List.of(run[i], harness[i], json[i])) {
                member.setAccessible(true);
            }
        }
        Pattern record = Pattern.compile("\"workload\": \"([^\"]*)\".*?\"seconds\": \\[([^\\]]*)\\], "
                + "\"cpu_seconds\": \\[([^\\]]*)\\]");
        List<String> names = new ArrayList<>();
        List<List<List<Double>>> wall = new ArrayList<>();
        List<List<List<Double>>> cpu = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                int i = (j + r) % n;
                Object h = harness[i].newInstance(1);
                run[i].invoke(null, h);
                Matcher m = record.matcher((String) json[i].invoke(h));
                while (m.find()) {
                    int w = names.indexOf(m.group(1));
                    if (w < 0) {
                        names.add(m.group(1));
                        wall.add(lists(n));
                        cpu.add(lists(n));
                        w = names.size() - 1;
                    }
                    wall.get(w).get(i).addAll(numbers(m.group(2)));
                    cpu.get(w).get(i).addAll(numbers(m.group(3)));
                }
            }
        }
        System.out.printf("%s, %d rounds: µs a unit, p10 and median%n", name, rounds);
        for (int w = 0; w < names.size(); w++) {
            System.out.println(line(names.get(w) + " wall", labels, wall.get(w), 1e6, "%8.2f"));
            System.out.println(line(names.get(w) + " CPU", labels, cpu.get(w), 1e6, "%8.2f"));
        }
    }

    private static List<List<Double>> lists(int n) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    private static List<Double> numbers(String csv) {
        List<Double> out = new ArrayList<>();
        for (String x : csv.split(",")) {
            out.add(Double.parseDouble(x.trim()));
        }
        return out;
    }

    /** One row: per jar its p10 and median (times scale), and for the others the ratios to the first jar's. */
    private static String line(String name, String[] labels, List<List<Double>> values, double scale, String format) {
        StringBuilder row = new StringBuilder(String.format("%-24s", name));
        double firstP10 = 0;
        double firstMedian = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] s = values.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p10 = s[s.length / 10] * scale;
            double median = s[s.length / 2] * scale;
            row.append("  ").append(labels[i]).append(String.format(" " + format + " " + format, p10, median));
            if (i == 0) {
                firstP10 = p10;
                firstMedian = median;
            } else {
                row.append(String.format(" (p10 %5.3fx, median %5.3fx)", p10 / firstP10, median / firstMedian));
            }
        }
        return row.toString();
    }
}
