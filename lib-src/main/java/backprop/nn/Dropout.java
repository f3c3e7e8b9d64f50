package backprop.nn;

import backprop.tensor.Rng;
import backprop.tensor.Tensor;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1 − p), so the expected output equals the input
 * and evaluation needs no rescaling; in eval mode it is the identity.
 * <pre>
 * y = x · m / (1 − p),   m ~ Bernoulli(1 − p);   ∂L/∂x = g · m / (1 − p)
 * </pre>
 * The masks come from {@code new Rng(seed)}, one uniform per element in row-major order
 * (dropped when u &lt; p), a new mask at every forward pass.
 */
public final class Dropout extends Module {
    private final double p;
    private final long seed;
    private final Rng rng;

    /** Dropout with probability p, seeded from the global generator ({@link Init#manualSeed}). */
    public Dropout(double p) {
        this(p, Init.nextSeed());
    }

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1]: got p=" + p
                    + ": p is the fraction of activations to drop, e.g. 0.5");
        }
        this.p = p;
        this.seed = seed;
        this.rng = new Rng(seed);
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
            mask[i] = rng.uniform() < p ? 0.0 : scale;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ", seed=" + seed + ")";
    }
}
