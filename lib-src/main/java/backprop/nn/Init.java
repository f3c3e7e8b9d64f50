package backprop.nn;

import backprop.tensor.Rng;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * Initialisers: fill a parameter in place with starting values, as PyTorch's {@code torch.nn.init}.
 * Each takes an explicit seed (or a {@link Rng}), so the same seed gives the same digits everywhere.
 *
 * <pre>
 * fanIn = columns of a (out, in) weight,  fanOut = its rows
 * xavierUniform:  U(−b, b),  b = gain · √(6 / (fanIn + fanOut))       (Glorot &amp; Bengio, 2010)
 * xavierNormal:   N(0, σ²),  σ = gain · √(2 / (fanIn + fanOut))
 * kaimingUniform: U(−b, b),  b = gain · √(3 / fanIn),  gain = √(2 / (1 + a²))   (He et al., 2015; a = 0 for ReLU)
 * kaimingNormal:  N(0, σ²),  σ = gain / √fanIn
 * </pre>
 *
 * Layers built without a seed ({@code new Linear(2, 16)}) take one from a global generator, as
 * PyTorch does; {@link #manualSeed(long)} resets it, like {@code torch.manual_seed}.
 */
public final class Init {
    private static final long DEFAULT_SEED = 0L;
    private static Rng global = new Rng(DEFAULT_SEED);

    private Init() {
    }

    /** Reset the global generator that seeds layers made without an explicit seed. */
    public static synchronized void manualSeed(long seed) {
        global = new Rng(seed);
    }

    /** The next seed from the global generator (used by layers made without an explicit seed). */
    public static synchronized long nextSeed() {
        return global.nextLong();
    }

    /** Fill with 0. */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0.0);
    }

    /** Fill with one value. */
    public static Tensor constant(Tensor t, double value) {
        Arrays.fill(t.dataForUpdate(), value);
        return t;
    }

    /** Fill with values uniform in [lo, hi). */
    public static Tensor uniform(Tensor t, double lo, double hi, long seed) {
        return uniform(t, lo, hi, new Rng(seed));
    }

    public static Tensor uniform(Tensor t, double lo, double hi, Rng rng) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Init.uniform: need finite lo <= hi: got lo=" + lo + ", hi=" + hi
                    + ": swap the bounds or pass finite numbers");
        }
        double[] w = t.dataForUpdate();
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.uniform(lo, hi);
        }
        return t;
    }

    /** Fill with values from a normal distribution N(mean, std²). */
    public static Tensor normal(Tensor t, double mean, double std, long seed) {
        return normal(t, mean, std, new Rng(seed));
    }

    public static Tensor normal(Tensor t, double mean, double std, Rng rng) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Init.normal: need a finite mean and std >= 0: got mean=" + mean
                    + ", std=" + std + ": pass a non-negative standard deviation");
        }
        double[] w = t.dataForUpdate();
        for (int i = 0; i < w.length; i++) {
            w[i] = mean + std * rng.normal();
        }
        return t;
    }

    /** Xavier/Glorot uniform with gain 1 (for tanh and sigmoid layers). */
    public static Tensor xavierUniform(Tensor t, long seed) {
        return xavierUniform(t, 1.0, new Rng(seed));
    }

    public static Tensor xavierUniform(Tensor t, Rng rng) {
        return xavierUniform(t, 1.0, rng);
    }

    public static Tensor xavierUniform(Tensor t, double gain, Rng rng) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
        return uniform(t, -bound, bound, rng);
    }

    /** Xavier/Glorot normal with gain 1. */
    public static Tensor xavierNormal(Tensor t, long seed) {
        return xavierNormal(t, 1.0, new Rng(seed));
    }

    public static Tensor xavierNormal(Tensor t, Rng rng) {
        return xavierNormal(t, 1.0, rng);
    }

    public static Tensor xavierNormal(Tensor t, double gain, Rng rng) {
        double std = gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t)));
        return normal(t, 0.0, std, rng);
    }

    /** He/Kaiming uniform for ReLU layers (a = 0, fan-in mode). */
    public static Tensor kaimingUniform(Tensor t, long seed) {
        return kaimingUniform(t, 0.0, new Rng(seed));
    }

    public static Tensor kaimingUniform(Tensor t, Rng rng) {
        return kaimingUniform(t, 0.0, rng);
    }

    /** He/Kaiming uniform for a leaky ReLU of negative slope {@code a} (fan-in mode). */
    public static Tensor kaimingUniform(Tensor t, double a, Rng rng) {
        double bound = Math.sqrt(3.0) * leakyReluGain(a) / Math.sqrt(fanIn(t));
        return uniform(t, -bound, bound, rng);
    }

    /** He/Kaiming normal for ReLU layers (a = 0, fan-in mode). */
    public static Tensor kaimingNormal(Tensor t, long seed) {
        return kaimingNormal(t, 0.0, new Rng(seed));
    }

    public static Tensor kaimingNormal(Tensor t, Rng rng) {
        return kaimingNormal(t, 0.0, rng);
    }

    /** He/Kaiming normal for a leaky ReLU of negative slope {@code a} (fan-in mode). */
    public static Tensor kaimingNormal(Tensor t, double a, Rng rng) {
        return normal(t, 0.0, leakyReluGain(a) / Math.sqrt(fanIn(t)), rng);
    }

    /**
     * The recommended gain for a nonlinearity, as {@code torch.nn.init.calculate_gain}: "linear" and
     * "sigmoid" 1, "tanh" 5/3, "relu" √2, "leaky_relu" √(2 / (1 + 0.01²)).
     */
    public static double gain(String nonlinearity) {
        return switch (nonlinearity) {
            case "linear", "identity", "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3.0;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> leakyReluGain(0.01);
            default -> throw new IllegalArgumentException("Init.gain: unknown nonlinearity \"" + nonlinearity
                    + "\": use one of linear, sigmoid, tanh, relu, leaky_relu");
        };
    }

    private static double leakyReluGain(double slope) {
        return Math.sqrt(2.0 / (1.0 + slope * slope));
    }

    /** The number of inputs each output sees: columns of a (out, in) weight. */
    public static int fanIn(Tensor t) {
        checkFans(t);
        return t.numel() / t.size(0);
    }

    /** The number of outputs each input feeds: rows of a (out, in) weight. */
    public static int fanOut(Tensor t) {
        checkFans(t);
        return t.numel() / t.size(1);
    }

    private static void checkFans(Tensor t) {
        if (t.ndim() < 2) {
            throw new IllegalArgumentException("Init: fan in and fan out need a tensor with at least 2 dimensions: got "
                    + Arrays.toString(t.shape()) + ": use uniform/normal/zeros for biases and other vectors");
        }
    }
}
