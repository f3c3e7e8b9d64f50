package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p), so the expected output equals the input
 * and evaluation needs no rescaling; in eval mode it is the identity.
 * <pre>
 * y = x · m / (1 − p),   m ~ Bernoulli(1 − p);   ∂L/∂x = g · m / (1 − p)
 * </pre>
 * The masks come from the generator passed (or the default one), one uniform per element in row-major order
 * (dropped when u &lt; p), a new mask at every forward pass.
 */
public final class Dropout extends Module {
    private final double p;
    private final String seed;
    private final Generator generator;

    /** Dropout with probability p, its masks drawn from the default generator ({@link Tensor#manualSeed}). */
    public Dropout(double p) {
        this(p, Generator.defaultGenerator());
    }

    /** Dropout with probability p, its masks drawn from {@code generator}, e.g. {@code new Generator(3)}. */
    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1]: got p=" + p
                    + ": p is the fraction of activations to drop, e.g. 0.5");
        }
        this.p = p;
        this.seed = Init.seedText(generator);
        this.generator = generator;
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        double keep = 1.0 - p;
        double scale = p == 1 ? 0.0 : 1.0 / keep;
        double[] mask = new double[x.numel()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = generator.uniform() < p ? 0.0 : scale;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ", " + seed + ")";
    }
}
