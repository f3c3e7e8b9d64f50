package backprop.plot;

/**
 * Options for the curve pictures ({@link Plots#lossCurves(backprop.train.History, CurveOption...)}
 * and friends), passed as trailing arguments:
 * {@code Plots.lossCurves(runs, CurveOption.PER_STEP, CurveOption.LOG_SCALE)}.
 */
public enum CurveOption {
    /** One point per update step (mini-batch): the loss recorded with {@code recordStep}. */
    PER_STEP,
    /** One point per epoch: the losses recorded with {@code recordEpoch} (the default when there are epochs). */
    PER_EPOCH,
    /** Logarithmic y axis: losses spanning several orders of magnitude, gradient norms. */
    LOG_SCALE;

    static boolean has(CurveOption[] options, CurveOption o) {
        if (options == null) {
            return false;
        }
        for (CurveOption x : options) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }
}
