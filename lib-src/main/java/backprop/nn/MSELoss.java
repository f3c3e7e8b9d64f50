package backprop.nn;

import backprop.tensor.Tensor;

/**
 * Mean squared error, as PyTorch's {@code nn.MSELoss}:
 * <pre>
 * L = (1/n) Σᵢ (xᵢ − yᵢ)²;   ∂L/∂xᵢ = 2 (xᵢ − yᵢ) / n
 * </pre>
 * Prediction and target must have the same shape.
 */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = Reduction.check("MSELoss", reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        LossChecks.sameShape("MSELoss", input, target);
        return reduction.apply(input.sub(target).square());
    }

    @Override
    public String toString() {
        return "MSELoss(reduction=" + reduction + ")";
    }
}
