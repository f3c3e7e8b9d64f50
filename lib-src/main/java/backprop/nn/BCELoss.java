package backprop.nn;

import backprop.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, as PyTorch's {@code nn.BCELoss}:
 * <pre>
 * L = −(1/n) Σᵢ [ yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ) ];   ∂L/∂pᵢ = (pᵢ − yᵢ) / (pᵢ (1 − pᵢ) n)
 * </pre>
 * Each log is clamped at −100, as PyTorch does, so a prediction of exactly 0 or 1 gives a large
 * but finite loss instead of infinity. Predictions must lie in [0, 1] (apply a sigmoid first);
 * on raw scores use {@link BCEWithLogitsLoss}, which is also more accurate.
 */
public final class BCELoss implements Loss {
    /** e^−100: below it log p would fall under −100, so p is held here (and its gradient is 0). */
    private static final double MIN_P = Math.exp(-100);
    private final Reduction reduction;

    public BCELoss() {
        this(Reduction.MEAN);
    }

    public BCELoss(Reduction reduction) {
        this.reduction = Reduction.check("BCELoss", reduction);
    }

    @Override
    public Tensor forward(Tensor p, Tensor y) {
        LossChecks.sameShape("BCELoss", p, y);
        LossChecks.inRange("BCELoss", "predictions", p, 0, 1,
                "BCELoss takes probabilities: apply sigmoid() first, or use BCEWithLogitsLoss on the raw scores");
        LossChecks.inRange("BCELoss", "targets", y, 0, 1, "targets are 0/1 labels or probabilities");
        Tensor logP = clampedLog(p);
        Tensor log1mP = clampedLog(p.neg().add(1.0));
        Tensor oneMinusY = y.neg().add(1.0);
        return reduction.apply(y.mul(logP).add(oneMinusY.mul(log1mP)).neg());
    }

    /** max(log p, −100), written so that p = 0 gives −100 and a finite (zero) gradient. */
    private static Tensor clampedLog(Tensor p) {
        return p.clamp(MIN_P, 1.0).log().clamp(-100.0, 0.0);
    }

    @Override
    public String toString() {
        return "BCELoss(reduction=" + reduction + ")";
    }
}
