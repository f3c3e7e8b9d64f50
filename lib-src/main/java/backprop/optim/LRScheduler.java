package backprop.optim;

/**
 * Changes an optimiser's learning rate as training goes on, as PyTorch's
 * {@code torch.optim.lr_scheduler}. Call {@link #step()} yourself, once per epoch (or per
 * iteration, as you choose), after {@code optimizer.step()}:
 * <pre>
 * for (int epoch = 0; epoch &lt; 100; epoch++) {
 *     ... optimizer.step() for each batch ...
 *     scheduler.step();
 * }
 * </pre>
 * The formulas are PyTorch's recursive ones (each step multiplies or adjusts the current rate),
 * so the rates agree with PyTorch's to the last digits.
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private final double baseLr;
    private int lastEpoch;

    protected LRScheduler(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": optimizer is null: pass the optimiser "
                    + "whose learning rate to schedule");
        }
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
        this.lastEpoch = 0;
    }

    /** Advance one epoch and set the optimiser's learning rate for it. */
    public void step() {
        lastEpoch++;
        optimizer.setLr(nextLr(optimizer.lr(), lastEpoch));
    }

    /** The rate for {@code epoch} (≥ 1) given the current rate. */
    protected abstract double nextLr(double currentLr, int epoch);

    /** The learning rate the optimiser has now. */
    public double lr() {
        return optimizer.lr();
    }

    /** The learning rate the optimiser had when this schedule was made. */
    public double baseLr() {
        return baseLr;
    }

    /** How many times step() has been called. */
    public int lastEpoch() {
        return lastEpoch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The schedule's own settings, e.g. "stepSize=10, gamma=0.1". */
    protected abstract String settings();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + settings() + ", baseLr=" + baseLr + ", lastEpoch=" + lastEpoch
                + ", lr=" + lr() + ")";
    }
}
