package backprop.bench;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * W2's training step taken apart: each operation of one step (at W2's shapes, forward and backward from a
 * gradient of ones) timed alone, and the whole step, in CPU nanoseconds of the calling thread. Run through
 * {@link SideBySide}, which compares jars on it.
 */
public final class StepParts {
    public static final String[] PARTS = {"index", "matmul x.w1", "add b1", "tanh", "matmul h.w2", "add b2", "sigmoid",
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
}
