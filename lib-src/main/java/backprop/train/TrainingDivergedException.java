package backprop.train;

/**
 * Training stopped because the loss or a gradient became NaN or infinite. The message names the
 * step, the last finite loss and the likely causes; {@link #history()} holds everything recorded
 * up to that step, so the run can still be plotted.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient History history;
    private final long step;
    private final double lastFiniteLoss;

    TrainingDivergedException(String message, History history, long step, double lastFiniteLoss) {
        super(message);
        this.history = history;
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /** What was recorded before training stopped (the failing step is not in it). */
    public History history() {
        return history;
    }

    /** The update step (counting from 1) whose loss or gradient was not finite. */
    public long step() {
        return step;
    }

    /** The last finite loss seen, or NaN if there was none. */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
