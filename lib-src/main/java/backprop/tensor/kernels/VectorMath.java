package backprop.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastMath#tanh(double[], double[])} on whole vectors of doubles, with the JDK's Vector API
 * ({@code jdk.incubator.vector}). Only {@link FastMath} touches this class, and only after it has found the
 * module in the running JVM; without it the scalar {@link Reference#tanh(double)} does the same work.
 *
 * <h2>Why</h2>
 * A tanh layer of 64 units on a batch of 64 evaluates tanh 4096 times a step, and the scalar function
 * (one {@code Math.exp} and two branches per element) was the largest single cost of such a step. Here
 * eight values (four with AVX2) go through the same formulas at once; every lane computes both branches
 * and a mask picks the right one, so nothing branches per element.
 *
 * <h2>The same formulas as the scalar tanh</h2>
 * |x| &lt; 0.625: Cephes' rational form; otherwise 1 − 2/(e^(2|x|) + 1), where e^w comes from {@link #exp},
 * written out here because the JIT's {@code Math.exp} works on one value at a time. A division costs as
 * much as a dozen other vector operations, so the two branches share one (a mask picks each lane's
 * numerator and denominator). Each lane performs the operations of the scalar {@link Reference#tanh(double)}
 * and {@link Reference#exp}, in the same order and with the same fused multiply-adds, so the two paths agree
 * bit for bit (FastMathTest compares them on millions of values).
 */
final class VectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorMath() {
    }

    /**
     * Whether vectors hold at least 4 doubles (AVX2 or better; narrower ones would not pay for themselves) and
     * the processor has fused multiply-add ({@link Hardware#FMA}; {@link #exp} is built of them, and in software
     * they would be far slower than the scalar tanh).
     */
    static boolean worthwhile() {
        return S.length() >= 4 && Hardware.FMA;
    }

    /**
     * y[i] = tanh(x[i]) for i below n, a whole vector at a time. The last few values go through the same
     * vector formula (in a zero-padded copy), not the scalar function, so that equal inputs give equal
     * outputs wherever they sit in the array (identical hidden units must stay identical).
     */
    static void tanh(double[] x, double[] y, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            tanh(DoubleVector.fromArray(S, x, i)).intoArray(y, i);
        }
        if (i < n) {
            double[] tail = new double[S.length()];
            System.arraycopy(x, i, tail, 0, n - i);
            tanh(DoubleVector.fromArray(S, tail, 0)).intoArray(tail, 0);
            System.arraycopy(tail, 0, y, i, n - i);
        }
    }

    private static final DoubleVector ZERO = DoubleVector.zero(S);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
    private static final DoubleVector TWO = DoubleVector.broadcast(S, 2.0);
    private static final DoubleVector SPLIT = DoubleVector.broadcast(S, 0.625);
    private static final DoubleVector SATURATED = DoubleVector.broadcast(S, 22.0);

    private static DoubleVector tanh(DoubleVector x) {
        DoubleVector z = x.abs();
        VectorMask<Double> large = z.compare(VectorOperators.GE, SPLIT);
        // |x| < 0.625: x + x·s·P(s)/Q(s), s = x² (Cephes, as Reference.tanh(double)).
        DoubleVector s = x.mul(x);
        DoubleVector p = s.mul(Reference.P0).add(Reference.P1).mul(s).add(Reference.P2);
        DoubleVector q = s.add(Reference.Q0).mul(s).add(Reference.Q1).mul(s).add(Reference.Q2);
        // |x| ≥ 0.625: 1 − 2/(e^(2|x|) + 1), with the sign of x (±1 beyond 22, and for ±∞).
        DoubleVector e = exp(z.min(SATURATED).mul(TWO));
        // One division serves both: (x·s·P)/Q in the small lanes, 2/(e + 1) in the large ones.
        DoubleVector d = x.mul(s).mul(p).blend(TWO, large).div(q.blend(e.add(1.0), large));
        DoubleVector small = x.add(d).blend(x, z.compare(VectorOperators.EQ, ZERO));   // tanh(±0) = ±0
        DoubleVector big = ONE.sub(d).blend(ONE, z.compare(VectorOperators.GT, SATURATED));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, ZERO));
        return small.blend(big, large);                // NaN stays NaN on either side
    }

    // The constants of Reference.exp: the same numbers, so the same bits.
    private static final double LOG2_E = Reference.LOG2_E;
    private static final double LN2_HI = Reference.LN2_HI;
    private static final double LN2_LO = Reference.LN2_LO;
    private static final double ROUND = Reference.ROUND;
    private static final long ROUND_BITS = Reference.ROUND_BITS;

    private static final DoubleVector INV_13_FACTORIAL = DoubleVector.broadcast(S, Reference.INV_13_FACTORIAL);

    /**
     * e^w for 0 ≤ w ≤ 44 (what tanh asks for), within about one unit in the last place: the exponential of the
     * reduced argument by its Taylor series to r¹³/13! (the next term is below 10⁻¹⁷ for |r| ≤ ln 2 / 2),
     * then multiplied by 2ⁿ, built directly from its bits (n + 1023 shifted into the exponent field; a shift,
     * because a 64-bit lane multiply has no AVX2 instruction and the JDK then runs it lane by lane in Java).
     *
     * <p>Every operation here must be compiled into the caller: a vector the JIT cannot keep in a register is
     * boxed as an object, and the function becomes several times slower (a loop over two vectors per pass
     * already crossed that line). Measure before making it longer.
     *
     * <p>Speed: the series is summed in Estrin's order (pairs c₀ + c₁r, then pairs of pairs with r², r⁴,
     * r⁸) with fused multiply-adds, not by Horner's rule: Horner is a chain of 26 dependent operations, each
     * waiting for the one before, and that chain, not the arithmetic, set the pace (Estrin's order measured
     * nearly twice as fast: bench/README.md). A fused multiply-add rounds once, so its results are the same on every machine;
     * this path runs only where the processor has the instruction (see {@link #worthwhile}).
     */
    static DoubleVector exp(DoubleVector w) {
        DoubleVector t = w.mul(LOG2_E).add(ROUND);
        DoubleVector n = t.sub(ROUND);                                  // round(w / ln 2), as a double
        DoubleVector r = w.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        // e^r = 1 + r·(1 + r/2! + r²/3! + ... + r¹²/13!), the bracket as Σ pairs (c₂ᵢ + c₂ᵢ₊₁·r)·r²ⁱ.
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector p01 = r.fma(1.0 / 2, 1.0);
        DoubleVector p23 = r.fma(1.0 / 24, 1.0 / 6);
        DoubleVector p45 = r.fma(1.0 / 720, 1.0 / 120);
        DoubleVector p67 = r.fma(1.0 / 40320, 1.0 / 5040);
        DoubleVector p89 = r.fma(1.0 / 3628800, 1.0 / 362880);
        DoubleVector p1011 = r.fma(1.0 / 479001600, 1.0 / 39916800);
        DoubleVector low = p67.fma(r2, p45).fma(r4, p23.fma(r2, p01));                 // terms r⁰..r⁷
        DoubleVector high = r4.fma(INV_13_FACTORIAL, p1011.fma(r2, p89));              // terms r⁸..r¹²
        DoubleVector poly = high.fma(r8, low).fma(r, ONE);
        LongVector bits = t.reinterpretAsLongs().sub(ROUND_BITS).add(1023L)
                .lanewise(VectorOperators.LSHL, 52);                // n + 1023 into the exponent field
        return poly.mul(bits.reinterpretAsDoubles());
    }
}
