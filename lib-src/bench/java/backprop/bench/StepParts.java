package backprop.bench;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * W2's training step taken apart: each operation of one step (at W2's shapes, forward and backward from a
 * gradient of ones) timed alone, and the whole step, in CPU nanoseconds of the calling thread. Given two or
 * more library jars it loads each in its own class loader inside this one JVM and alternates between them
 * call by call, so that the machine's load and the JIT's state fall on all of them alike; it prints the
 * 10th percentile and the median per part and jar, and each jar's difference from the first one.
 *
 * <pre>java --add-modules jdk.incubator.vector -XX:ActiveProcessorCount=1 -Dbackprop.threads=1 \
 *     -cp target/bench-classes backprop.bench.StepParts old=OLD.jar new=target/backprop-workbook.jar</pre>
 * (target/bench-classes is made by {@code ./workbook bench}.) This tells which operation a change of speed
 * comes from; {@code ./workbook bench --baseline-jar=...} says whether a workload as a whole changed.
 */
public final class StepParts {
    static final String[] PARTS = {"index", "matmul x.w1", "add b1", "tanh", "matmul h.w2", "add b2", "sigmoid",
        "bce", "whole step"};
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int CALLS = 2000;

    private final Tensor x = Tensor.of(Generator.normalArray(1, 4096 * 2), 4096, 2);
    private final Tensor labels = Tensor.of(Generator.uniformArray(2, 4096), 4096, 1);
    private final int[] rows = Arrays.copyOf(new Generator(3).permutation(4096), 64);
    private final Tensor xb = x.index(rows);
    private final Tensor yb = labels.index(rows);
    private final Tensor w1 = Tensor.of(Generator.normalArray(4, 2 * 64), 2, 64).requiresGrad(true);
    private final Tensor b1 = Tensor.zeros(64).requiresGrad(true);
    private final Tensor w2 = Tensor.of(Generator.normalArray(5, 64), 64, 1).requiresGrad(true);
    private final Tensor b2 = Tensor.zeros(1).requiresGrad(true);
    private final Tensor hidden = Tensor.of(Generator.normalArray(6, 64 * 64), 64, 64).requiresGrad(true);
    private final Tensor column = Tensor.of(Generator.normalArray(7, 64), 64, 1).requiresGrad(true);
    private final Tensor probabilities = Tensor.of(Generator.uniformArray(8, 64), 64, 1).requiresGrad(true);
    private final Tensor[] leaves = {w1, b1, w2, b2, hidden, column, probabilities};
    private final Tensor ones64x64 = Tensor.ones(64, 64);
    private final Tensor ones64x1 = Tensor.ones(64, 1);
    private double sink;

    /** CPU nanoseconds per call of part {@code part} (an index into PARTS), over CALLS calls. */
    public double time(int part) {
        long t0 = CPU.getCurrentThreadCpuTime();
        for (int r = 0; r < CALLS; r++) {
            switch (part) {
                case 0 -> sink += x.index(rows).toArray()[0];
                case 1 -> xb.matmul(w1).backward(ones64x64);
                case 2 -> hidden.add(b1).backward(ones64x64);
                case 3 -> hidden.tanh().backward(ones64x64);
                case 4 -> hidden.matmul(w2).backward(ones64x1);
                case 5 -> column.add(b2).backward(ones64x1);
                case 6 -> column.sigmoid().backward(ones64x1);
                case 7 -> Bench.bce(probabilities, yb).backward();
                default -> {
                    Tensor p = x.index(rows).matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
                    Bench.bce(p, labels.index(rows)).backward();
                    Bench.sgd(1e-3, w1, b1, w2, b2);
                }
            }
            if (r % 16 == 15) {
                for (Tensor t : leaves) {
                    t.zeroGrad();
                }
            }
        }
        return (CPU.getCurrentThreadCpuTime() - t0) / (double) CALLS;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("StepParts: no jar given: pass label=path/to/backprop-workbook.jar, "
                    + "one or more (the first is the one the others are compared with)");
        }
        URL benchClasses = StepParts.class.getProtectionDomain().getCodeSource().getLocation();
        int jars = args.length;
        String[] labels = new String[jars];
        Object[] parts = new Object[jars];
        Method[] time = new Method[jars];
        for (int i = 0; i < jars; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("StepParts: '" + args[i] + "' is not label=jar: write it as, say, "
                        + "old=/path/to/old.jar");
            }
            labels[i] = kv[0];
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(kv[1]).toUri().toURL(), benchClasses},
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(StepParts.class.getName());
            parts[i] = c.getConstructor().newInstance();
            time[i] = c.getMethod("time", int.class);
        }
        int rounds = Integer.getInteger("rounds", 60);
        int warmup = rounds / 5;
        double[][][] ns = new double[PARTS.length][jars][rounds - warmup];
        for (int r = 0; r < rounds; r++) {
            for (int part = 0; part < PARTS.length; part++) {
                for (int j = 0; j < jars; j++) {
                    int i = (j + r) % jars;              // each jar goes first in turn
                    double t = (Double) time[i].invoke(parts[i], part);
                    if (r >= warmup) {
                        ns[part][i][r - warmup] = t;
                    }
                }
            }
        }
        System.out.printf("CPU ns per call, %d rounds after %d warm-up rounds of %d calls; p10 and median%n",
                rounds - warmup, warmup, CALLS);
        for (int part = 0; part < PARTS.length; part++) {
            StringBuilder line = new StringBuilder(String.format("%-12s", PARTS[part]));
            double firstP10 = 0;
            for (int i = 0; i < jars; i++) {
                double[] s = ns[part][i].clone();
                Arrays.sort(s);
                double p10 = s[s.length / 10];
                double median = s[s.length / 2];
                line.append(String.format("  %s %8.0f %8.0f", labels[i], p10, median));
                if (i == 0) {
                    firstP10 = p10;
                } else {
                    line.append(String.format(" (p10 %+6.0f ns, %5.3fx)", p10 - firstP10, p10 / firstP10));
                }
            }
            System.out.println(line);
        }
    }
}
