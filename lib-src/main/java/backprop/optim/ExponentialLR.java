package backprop.optim;

/** Multiply the learning rate by gamma every epoch, as PyTorch's {@code ExponentialLR}: lr = baseLr · gammaᵉᵖᵒᶜʰ. */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        Optimizer.checkRange("ExponentialLR", "gamma", gamma, 0, true, Double.MAX_VALUE, false,
                "typical values are 0.9 to 0.99");
        this.gamma = gamma;
    }

    @Override
    protected double nextLr(double currentLr, int epoch) {
        return currentLr * gamma;
    }

    @Override
    protected String settings() {
        return "gamma=" + gamma;
    }
}
