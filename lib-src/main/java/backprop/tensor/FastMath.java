package backprop.tensor;

/**
 * Elementwise functions that the JDK computes slowly, in one place. Why: {@link Math#tanh} in JDK 17 is
 * {@link StrictMath#tanh} (no JIT intrinsic) and costs about 70 ns a call here; a tanh layer of 64 units
 * on a batch of 64 evaluates it 4096 times per step, which alone was most of the time of a small
 * network's training step. {@link #tanh} below costs about 10 ns.
 */
final class FastMath {
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

    /**
     * y[i] = tanh(x[i]) for every i (x and y the same length; they may be the same array). With the Vector
     * API a whole vector at a time ({@link VectorMath}, several times faster; within the same few ulps, not
     * always the same last bit), else {@link #tanh(double)} per element.
     */
    static void tanh(double[] x, double[] y) {
        if (vector) {
            VectorMath.tanh(x, y, x.length);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = tanh(x[i]);
        }
    }

    // Cephes' tanh for |x| < 0.625: tanh x = x + x·x²·P(x²)/Q(x²).
    static final double P0 = -9.64399179425052238628e-1;
    static final double P1 = -9.92877231001918586564e1;
    static final double P2 = -1.61468768441708447952e3;
    static final double Q0 = 1.12811678491632931402e2;
    static final double Q1 = 2.23548839060100448583e3;
    static final double Q2 = 4.84406305325125486048e3;

    /**
     * tanh x within 4.5e-16 relative error of the correctly rounded value (2 ulps; checked against
     * StrictMath.tanh on millions of points by FastMathTest), with tanh(±0) = ±0, tanh(±∞) = ±1, NaN → NaN.
     * For |x| ≥ 0.625: 1 − 2/(e^(2|x|) + 1) with the JIT's intrinsic exp; below: Cephes' rational form.
     */
    static double tanh(double x) {
        double z = Math.abs(x);
        if (z >= 0.625) {
            if (z > 22.0) {                      // tanh rounds to ±1 from |x| > 19.1 on
                return x > 0 ? 1.0 : -1.0;
            }
            double r = 1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0);
            return x > 0 ? r : -r;
        }
        if (x == 0) {
            return x;                            // keeps the sign of -0.0
        }
        double s = x * x;
        double p = (P0 * s + P1) * s + P2;
        double q = ((s + Q0) * s + Q1) * s + Q2;
        return x + x * s * (p / q);
    }
}
