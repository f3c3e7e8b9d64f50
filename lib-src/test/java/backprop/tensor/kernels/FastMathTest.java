package backprop.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FastMath.tanh against StrictMath.tanh: the accuracy its documentation promises, and the special values;
 * for one value and for whole arrays, on the Vector API path (VectorMath) and the scalar one.
 */
class FastMathTest {
    /** The largest relative error of tanh over an array against StrictMath.tanh, on the chosen path. */
    private static double worstArrayError(boolean vector, double[] x) {
        boolean before = FastMath.vector();
        FastMath.setVector(vector);
        try {
            double[] y = new double[x.length];
            FastMath.tanh(x, y);
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                double expected = StrictMath.tanh(x[i]);
                double rel = expected == 0 ? Math.abs(y[i]) : Math.abs(y[i] - expected) / Math.abs(expected);
                worst = Math.max(worst, rel);
            }
            return worst;
        } finally {
            FastMath.setVector(before);
        }
    }

    private static double[] samples(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] scales = {1e-300, 1e-8, 0.1, 0.624, 0.626, 1, 3, 10, 20, 30, 800};
        double[] x = new double[scales.length * 100_003];     // not a multiple of any vector length: a tail too
        for (int i = 0; i < x.length; i++) {
            x[i] = (rng.nextDouble() * 2 - 1) * scales[i % scales.length];
        }
        return x;
    }

    @Test
    void arrayTanhIsWithinTwoUlpsOnBothPaths() {
        double[] x = samples(12);
        assertThat(worstArrayError(false, x)).isLessThanOrEqualTo(4.5e-16);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            assertThat(worstArrayError(true, x)).isLessThanOrEqualTo(4.5e-16);
        }
    }

    @Test
    void arrayTanhSpecialValuesOnBothPaths() {
        double[] x = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 40, -40, 22,
            Math.nextUp(22.0), -Math.nextUp(22.0), 0.625, -0.625, Math.nextDown(0.625), Double.MIN_VALUE,
            -Double.MIN_VALUE, 1e-300, 709, -745};
        boolean[] paths = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? new boolean[] {false, true} : new boolean[] {false};
        boolean before = FastMath.vector();
        try {
            for (boolean vector : paths) {
                FastMath.setVector(vector);
                double[] y = new double[x.length];
                FastMath.tanh(x, y);
                for (int i = 0; i < x.length; i++) {
                    double expected = Reference.tanh(x[i]);
                    if (x[i] == 0 || Double.isNaN(x[i]) || Double.isInfinite(x[i]) || Math.abs(x[i]) > 22) {
                        assertThat(Double.doubleToRawLongBits(y[i])).as("tanh(%s), vector=%s", x[i], vector)
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                    } else {
                        assertThat(Math.abs(y[i] - expected)).as("tanh(%s), vector=%s", x[i], vector)
                                .isLessThanOrEqualTo(4.5e-16 * Math.abs(expected));
                    }
                }
            }
        } finally {
            FastMath.setVector(before);
        }
    }

    @Test
    void tanhIsWithinTwoUlpsOfStrictMathEverywhere() {
        SplittableRandom rng = new SplittableRandom(11);
        double worst = 0;
        double[] scales = {1e-300, 1e-8, 0.1, 0.624, 0.626, 1, 3, 10, 20, 30, 800};
        for (double scale : scales) {
            for (int i = 0; i < 200_000; i++) {
                double x = (rng.nextDouble() * 2 - 1) * scale;
                double expected = StrictMath.tanh(x);
                double got = Reference.tanh(x);
                double rel = expected == 0 ? Math.abs(got) : Math.abs(got - expected) / Math.abs(expected);
                worst = Math.max(worst, rel);
            }
        }
        for (double edge : new double[] {0.625, Math.nextDown(0.625), 22, Math.nextUp(22.0), 19.1, Double.MIN_VALUE}) {
            for (double x : new double[] {edge, -edge}) {
                double expected = StrictMath.tanh(x);
                worst = Math.max(worst, Math.abs(Reference.tanh(x) - expected) / Math.abs(expected));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(4.5e-16);
    }

    @Test
    void tanhSpecialValues() {
        assertThat(Double.doubleToRawLongBits(Reference.tanh(0.0))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(Reference.tanh(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Reference.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Reference.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Reference.tanh(Double.NaN)).isNaN();
        assertThat(Reference.tanh(40)).isEqualTo(1.0);
        assertThat(Reference.tanh(-40)).isEqualTo(-1.0);
    }

    @Test
    void equalInputsGiveEqualOutputsWhereverTheySitInTheArray() {
        // 13 copies of one value: some in whole vectors, the rest in the tail. Identical hidden units of a
        // network must stay identical, so the tail may not take a path that rounds differently.
        SplittableRandom rng = new SplittableRandom(5);
        boolean before = FastMath.vector();
        try {
            for (boolean vector : new boolean[] {false, true}) {
                FastMath.setVector(vector);
                for (int t = 0; t < 2000; t++) {
                    double v = rng.nextDouble(-3, 3);
                    double[] x = new double[13];
                    java.util.Arrays.fill(x, v);
                    double[] y = new double[13];
                    FastMath.tanh(x, y);
                    for (int i = 1; i < y.length; i++) {
                        assertThat(y[i]).as("vector=%s tanh(%s) at index %d and 0", vector, v, i).isEqualTo(y[0]);
                    }
                }
            }
        } finally {
            FastMath.setVector(before);
        }
    }

    @Test
    void vectorAndScalarPathsAgreeBitForBit() {
        // The notebooks print the same digits with and without the vector module only if this holds.
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() || !VectorMath.worthwhile()) {
            return;     // nothing to compare: this JVM has one path only (the scalar one)
        }
        double[] x = samples(21);
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 22,
            Math.nextUp(22.0), 0.625, Math.nextDown(0.625), Double.MIN_VALUE, 709, -745};
        System.arraycopy(special, 0, x, 0, special.length);
        boolean before = FastMath.vector();
        try {
            double[] fromVector = new double[x.length];
            FastMath.setVector(true);
            FastMath.tanh(x, fromVector);
            double[] fromScalar = new double[x.length];
            FastMath.setVector(false);
            FastMath.tanh(x, fromScalar);
            int differ = 0;
            int first = -1;
            for (int i = 0; i < x.length; i++) {
                if (Double.doubleToRawLongBits(fromVector[i]) != Double.doubleToRawLongBits(fromScalar[i])) {
                    differ++;
                    first = first < 0 ? i : first;
                }
            }
            assertThat(differ).as("values whose vector and scalar tanh differ (first: tanh(%s))",
                    first < 0 ? "none" : x[first]).isZero();
        } finally {
            FastMath.setVector(before);
        }
    }
}
