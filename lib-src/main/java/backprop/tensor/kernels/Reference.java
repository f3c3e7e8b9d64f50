package backprop.tensor.kernels;

/**
 * What the kernels of this package compute, written the plain way: the textbook triple loop for the matrix
 * product and the scalar tanh. <b>Every fast kernel here returns exactly these numbers, bit for bit</b>:
 * {@link MatMul} (blocked, packed, threaded, or on the Vector API in {@link VectorMatMul}) equals
 * {@link #matmul} on every shape, transpose and thread count, and the vector tanh ({@link VectorMath}) equals
 * {@link #tanh(double)} value for value; MatMulTest and FastMathTest compare them with no tolerance. So a
 * reader who wants the math reads this file, and the others only change the order in which memory is visited.
 */
public final class Reference {
    private Reference() {
    }

    /**
     * Whether each step of a sum is one fused multiply-add, {@code c = fma(x, y, c)} (one rounding), rather than
     * a multiply and an add (two roundings): fused where the processor has the instruction ({@link Hardware#FMA};
     * x86 since 2013, ARMv8), where it lets the Vector API kernel run up to twice as fast (bench/README.md).
     * Every kernel takes the same step, so all agree to the last bit on any machine; a processor without the
     * instruction (where a fused step would be computed in software, hundreds of times slower) gets the unfused
     * step, and results that differ from a fused machine's in the last bits.
     */
    public static final boolean FUSED = Hardware.FMA;

    /** One step of every sum: c + x·y, fused into one rounding where the processor can ({@link #FUSED}). */
    static double madd(double c, double x, double y) {
        return FUSED ? Math.fma(x, y, c) : c + x * y;
    }

    /**
     * C += A · B by the textbook triple loop, in i-k-j order: {@code c[i][j] = c[i][j] + a[i][0]·b[0][j] +
     * a[i][1]·b[1][j] + ...}, k ascending, each step one {@link #madd}.
     */
    public static void matmul(MatrixView a, MatrixView b, MatrixView c) {
        MatMul.checkShapes(a, b, c);
        double[] out = c.data();
        for (int i = 0; i < a.rows(); i++) {
            for (int p = 0; p < a.cols(); p++) {
                double x = a.get(i, p);
                for (int j = 0; j < b.cols(); j++) {
                    int at = c.offset() + i * c.cols() + j;
                    out[at] = madd(out[at], x, b.get(p, j));
                }
            }
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
     * (Not {@link Math#tanh}: in JDK 17 that is {@link StrictMath#tanh}, several times slower, see FastMath.)
     */
    public static double tanh(double x) {
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
