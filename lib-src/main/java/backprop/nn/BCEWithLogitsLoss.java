package backprop.nn;

import backprop.tensor.Tensor;

/**
 * Binary cross-entropy on raw scores (logits), a sigmoid and {@link BCELoss} in one stable
 * formula, as PyTorch's {@code nn.BCEWithLogitsLoss}. With p = σ(x):
 * <pre>
 * Lᵢ = −[ yᵢ log σ(xᵢ) + (1 − yᵢ) log(1 − σ(xᵢ)) ]
 *    = (1 − yᵢ) xᵢ + m + log(e^−m + e^(−xᵢ−m)),   m = max(−xᵢ, 0)    (no exponent ever overflows)
 * ∂Lᵢ/∂xᵢ = σ(xᵢ) − yᵢ
 * </pre>
 * The rewritten form is PyTorch's, term for term, so the numbers agree with it.
 */
public final class BCEWithLogitsLoss implements Loss {
    private final Reduction reduction;

    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = Reduction.check("BCEWithLogitsLoss", reduction);
    }

    @Override
    public Tensor forward(Tensor x, Tensor y) {
        LossChecks.sameShape("BCEWithLogitsLoss", x, y);
        LossChecks.inRange("BCEWithLogitsLoss", "targets", y, 0, 1, "targets are 0/1 labels or probabilities");
        Tensor m = x.neg().relu();
        Tensor logSum = m.neg().exp().add(x.neg().sub(m).exp()).log();
        return reduction.apply(y.neg().add(1.0).mul(x).add(m).add(logSum));
    }

    @Override
    public String toString() {
        return "BCEWithLogitsLoss(reduction=" + reduction + ")";
    }
}
