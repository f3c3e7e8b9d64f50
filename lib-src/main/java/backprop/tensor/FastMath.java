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
     * API a whole vector at a time ({@link VectorMath}, several times faster), else {@link #tanh(double)} per
     * element: both evaluate the same operations in the same order, so the results are equal to the last bit
     * (FastMathTest compares the two paths bit for bit), and a notebook prints the same digits whether or not
     * its kernel was started with the vector module.
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
     * For |x| ≥ 0.625: 1 − 2/(e^(2|x|) + 1) with {@link #exp}; below: Cephes' rational form. Each operation
     * is the one {@link VectorMath} performs in its lane, in the same order, so the two agree bit for bit.
     */
    static double tanh(double x) {
        double z = Math.abs(x);
        if (z >= 0.625) {
            if (z > 22.0) {                      // tanh rounds to ±1 from |x| > 19.1 on
                return x > 0 ? 1.0 : -1.0;
            }
            double r = 1.0 - 2.0 / (exp(z * 2.0) + 1.0);
            return x > 0 ? r : -r;
        }
        if (x == 0) {
            return x;                            // keeps the sign of -0.0
        }
        double s = x * x;
        double p = (s * P0 + P1) * s + P2;
        double q = ((s + Q0) * s + Q1) * s + Q2;
        return x + x * s * p / q;
    }

    // e^w = 2ⁿ · e^r with n = round(w / ln 2) and r = w − n·ln 2, |r| ≤ ln 2 / 2 (Cody and Waite).
    static final double LOG2_E = 1.4426950408889634;
    /** ln 2 in two parts (fdlibm's): the high part has 21 trailing zero bits, so n · LN2_HI is exact. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5 · 2⁵²: adding it rounds a double to an integer, which then sits in the low bits of the sum. */
    static final double ROUND = 0x1.8p52;
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    static final double INV_13_FACTORIAL = 1.0 / 6227020800.0;

    /**
     * e^w for 0 ≤ w ≤ 44 (what tanh asks for), within about one unit in the last place: the exponential of
     * the reduced argument r by its Taylor series to r¹³/13! (the next term is below 10⁻¹⁷ for
     * |r| ≤ ln 2 / 2), multiplied by 2ⁿ built directly from its bits. The series is summed in pairs
     * (c₂ᵢ + c₂ᵢ₊₁·r)·r²ⁱ with fused multiply-adds, exactly as {@link VectorMath#exp} does in each lane.
     * {@link Math#fma} rounds once, so the result is the same on every machine; where the processor lacks
     * the instruction ({@link Hardware#FMA} false) the JDK computes it in software: slower, same bits.
     */
    static double exp(double w) {
        double t = w * LOG2_E + ROUND;
        double n = t - ROUND;                                        // round(w / ln 2), as a double
        double r = w - n * LN2_HI - n * LN2_LO;
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double p01 = Math.fma(r, 1.0 / 2, 1.0);
        double p23 = Math.fma(r, 1.0 / 24, 1.0 / 6);
        double p45 = Math.fma(r, 1.0 / 720, 1.0 / 120);
        double p67 = Math.fma(r, 1.0 / 40320, 1.0 / 5040);
        double p89 = Math.fma(r, 1.0 / 3628800, 1.0 / 362880);
        double p1011 = Math.fma(r, 1.0 / 479001600, 1.0 / 39916800);
        double low = Math.fma(Math.fma(p67, r2, p45), r4, Math.fma(p23, r2, p01));      // terms r⁰..r⁷
        double high = Math.fma(r4, INV_13_FACTORIAL, Math.fma(p1011, r2, p89));         // terms r⁸..r¹²
        double poly = Math.fma(Math.fma(high, r8, low), r, 1.0);
        long bits = (Double.doubleToRawLongBits(t) - ROUND_BITS + 1023L) << 52;       // n + 1023 as the exponent
        return poly * Double.longBitsToDouble(bits);
    }
}
