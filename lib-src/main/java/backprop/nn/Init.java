package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * Initialisers: fill a parameter in place with starting values, as PyTorch's {@code torch.nn.init}.
 * Each draws from the {@link Generator} passed last, so the same seed gives the same digits everywhere
 * ({@code Init.xavierUniform(w, new Generator(1))}), or without one from the default generator, which
 * {@link Tensor#manualSeed(long)} reseeds, as PyTorch's {@code torch.manual_seed}.
 *
 * <pre>
 * fanIn = columns of a (out, in) weight,  fanOut = its rows
 * xavierUniform:  U(−b, b),  b = gain · √(6 / (fanIn + fanOut))       (Glorot &amp; Bengio, 2010)
 * xavierNormal:   N(0, σ²),  σ = gain · √(2 / (fanIn + fanOut))
 * kaimingUniform: U(−b, b),  b = gain · √(3 / fanIn),  gain = √(2 / (1 + a²))   (He et al., 2015; a = 0 for ReLU)
 * kaimingNormal:  N(0, σ²),  σ = gain / √fanIn
 * </pre>
 */
public final class Init {
    private Init() {
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

    /** Fill with values uniform in [lo, hi), from the default generator. */
    public static Tensor uniform(Tensor t, double lo, double hi) {
        return uniform(t, lo, hi, Generator.defaultGenerator());
    }

    /** Fill with values uniform in [lo, hi). */
    public static Tensor uniform(Tensor t, double lo, double hi, Generator generator) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Init.uniform: need finite lo <= hi: got lo=" + lo + ", hi=" + hi
                    + ": swap the bounds or pass finite numbers");
        }
        double[] w = t.dataForUpdate();
        for (int i = 0; i < w.length; i++) {
            w[i] = generator.uniform(lo, hi);
        }
        return t;
    }

    /** Fill with values from a normal distribution N(mean, std²), from the default generator. */
    public static Tensor normal(Tensor t, double mean, double std) {
        return normal(t, mean, std, Generator.defaultGenerator());
    }

    /** Fill with values from a normal distribution N(mean, std²). */
    public static Tensor normal(Tensor t, double mean, double std, Generator generator) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Init.normal: need a finite mean and std >= 0: got mean=" + mean
                    + ", std=" + std + ": pass a non-negative standard deviation");
        }
        double[] w = t.dataForUpdate();
        for (int i = 0; i < w.length; i++) {
            w[i] = mean + std * generator.normal();
        }
        return t;
    }

    /** Xavier/Glorot uniform with gain 1 (for tanh and sigmoid layers), from the default generator. */
    public static Tensor xavierUniform(Tensor t) {
        return xavierUniform(t, 1.0, Generator.defaultGenerator());
    }

    /** Xavier/Glorot uniform with gain 1 (for tanh and sigmoid layers). */
    public static Tensor xavierUniform(Tensor t, Generator generator) {
        return xavierUniform(t, 1.0, generator);
    }

    public static Tensor xavierUniform(Tensor t, double gain, Generator generator) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
        return uniform(t, -bound, bound, generator);
    }

    /** Xavier/Glorot normal with gain 1, from the default generator. */
    public static Tensor xavierNormal(Tensor t) {
        return xavierNormal(t, 1.0, Generator.defaultGenerator());
    }

    /** Xavier/Glorot normal with gain 1. */
    public static Tensor xavierNormal(Tensor t, Generator generator) {
        return xavierNormal(t, 1.0, generator);
    }

    public static Tensor xavierNormal(Tensor t, double gain, Generator generator) {
        double std = gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t)));
        return normal(t, 0.0, std, generator);
    }

    /** He/Kaiming uniform for ReLU layers (a = 0, fan-in mode), from the default generator. */
    public static Tensor kaimingUniform(Tensor t) {
        return kaimingUniform(t, 0.0, Generator.defaultGenerator());
    }

    /** He/Kaiming uniform for ReLU layers (a = 0, fan-in mode). */
    public static Tensor kaimingUniform(Tensor t, Generator generator) {
        return kaimingUniform(t, 0.0, generator);
    }

    /** He/Kaiming uniform for a leaky ReLU of negative slope {@code a} (fan-in mode). */
    public static Tensor kaimingUniform(Tensor t, double a, Generator generator) {
        double bound = Math.sqrt(3.0) * leakyReluGain(a) / Math.sqrt(fanIn(t));
        return uniform(t, -bound, bound, generator);
    }

    /** He/Kaiming normal for ReLU layers (a = 0, fan-in mode), from the default generator. */
    public static Tensor kaimingNormal(Tensor t) {
        return kaimingNormal(t, 0.0, Generator.defaultGenerator());
    }

    /** He/Kaiming normal for ReLU layers (a = 0, fan-in mode). */
    public static Tensor kaimingNormal(Tensor t, Generator generator) {
        return kaimingNormal(t, 0.0, generator);
    }

    /** He/Kaiming normal for a leaky ReLU of negative slope {@code a} (fan-in mode). */
    public static Tensor kaimingNormal(Tensor t, double a, Generator generator) {
        return normal(t, 0.0, leakyReluGain(a) / Math.sqrt(fanIn(t)), generator);
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

    /** How layers name where their random start came from: "seed=5", or "seed=5 after 12 draws". */
    static String seedText(Generator generator) {
        return "seed=" + generator.initialSeed() + (generator.draws() == 0 ? "" : " after " + generator.draws() + " draws");
    }

    private static void checkFans(Tensor t) {
        if (t.ndim() < 2) {
            throw new ShapeMismatchException("Init: fan in and fan out need a tensor with at least 2 dimensions: got "
                    + Arrays.toString(t.shape()) + ": use uniform/normal/zeros for biases and other vectors");
        }
    }
}
