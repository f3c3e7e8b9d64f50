package backprop.optim;

/**
 * Anneal the learning rate along half a cosine from its starting value to {@code etaMin} over
 * {@code tMax} epochs (then back up, periodically), as PyTorch's {@code CosineAnnealingLR}:
 * <pre>
 * lr(e) = etaMin + (baseLr − etaMin) · (1 + cos(π e / tMax)) / 2
 * </pre>
 * computed with PyTorch's recursive form, each rate from the previous one:
 * lr(e) = etaMin + (lr(e−1) − etaMin) · (1 + cos(π e / tMax)) / (1 + cos(π (e−1) / tMax)).
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be positive: got " + tMax
                    + ": pass the number of epochs of the half cosine, e.g. the number of epochs you train");
        }
        Optimizer.checkRange("CosineAnnealingLR", "etaMin", etaMin, 0, false, optimizer.lr(), false,
                "the rate at the bottom of the cosine, between 0 and the starting rate");
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    protected double nextLr(double lr, int e) {
        if ((e - 1 - tMax) % (2 * tMax) == 0) {
            return lr + (baseLr() - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax)) * (lr - etaMin) + etaMin;
    }

    @Override
    protected String settings() {
        return "tMax=" + tMax + ", etaMin=" + etaMin;
    }
}
