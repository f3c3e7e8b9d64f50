package backprop.tensor.kernels;

/**
 * tanh over a whole array, the fast way: {@link VectorMath} a vector at a time where the JVM has the Vector API
 * and the processor fused multiply-add, else {@link Reference#tanh(double)} per element. Both evaluate the same
 * operations in the same order, so the results are equal to the last bit (FastMathTest compares the two paths
 * bit for bit), and a notebook prints the same digits whether or not its kernel was started with the vector
 * module. Why not {@link Math#tanh}: in JDK 17 it is {@link StrictMath#tanh} (no JIT intrinsic), and a tanh
 * layer evaluates it for every unit and sample of every step, which made it most of a small network's step
 * (bench/README.md has the timings).
 */
public final class FastMath {
    private FastMath() {
    }

    /**
     * Whether {@link #tanh(double[], double[])} uses {@link VectorMath}: the JVM has the Vector API module
     * (started with {@code --add-modules jdk.incubator.vector}, as the notebook kernel, the tests and the
     * benchmarks are), vectors are wide enough, and {@code -Dbackprop.vector=false} was not given. Checked
     * before VectorMath is ever loaded, since that class cannot load without the module.
     */
    private static volatile boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && Boolean.parseBoolean(System.getProperty("backprop.vector", "true"))
            && VectorMath.worthwhile();

    /** Use the vector path (true) or the scalar one (false); for tests. */
    static void setVector(boolean on) {
        if (on && !ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            throw new IllegalStateException("setVector: the JVM has no module jdk.incubator.vector: "
                    + "start it with --add-modules jdk.incubator.vector");
        }
        vector = on;
    }

    static boolean vector() {
        return vector;
    }

    /** y[i] = tanh(x[i]) for every i (x and y the same length; they may be the same array): {@link Reference#tanh(double)}'s bits. */
    public static void tanh(double[] x, double[] y) {
        if (vector) {
            VectorMath.tanh(x, y, x.length);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = Reference.tanh(x[i]);
        }
    }
}
