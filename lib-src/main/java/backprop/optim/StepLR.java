package backprop.optim;

/**
 * Multiply the learning rate by gamma every {@code stepSize} epochs, as PyTorch's {@code StepLR}:
 * lr = baseLr · gamma^⌊epoch / stepSize⌋. PyTorch's default gamma is 0.1.
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: step size must be positive: got " + stepSize
                    + ": pass the number of epochs between decays, e.g. 30");
        }
        Optimizer.checkRange("StepLR", "gamma", gamma, 0, true, Double.MAX_VALUE, false, "typical values are 0.1 to 0.5");
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    protected double nextLr(double currentLr, int epoch) {
        return epoch % stepSize != 0 ? currentLr : currentLr * gamma;
    }

    @Override
    protected String settings() {
        return "stepSize=" + stepSize + ", gamma=" + gamma;
    }
}
