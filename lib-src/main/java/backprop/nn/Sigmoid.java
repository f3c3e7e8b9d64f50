package backprop.nn;

import backprop.tensor.Tensor;

/** σ(x) = 1 / (1 + e⁻ˣ), elementwise; σ' = σ(1 − σ). Squashes to (0, 1); saturates (and vanishes gradients) for large |x|. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
