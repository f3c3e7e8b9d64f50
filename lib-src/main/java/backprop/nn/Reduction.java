package backprop.nn;

import backprop.tensor.Tensor;

/** How a loss turns per-element losses into its result, as PyTorch's {@code reduction=} argument. */
public enum Reduction {
    /** The average over all elements (the default). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: one loss per element (or per sample), for inspection; reduce before backward(). */
    NONE;

    Tensor apply(Tensor perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }

    static Reduction check(String op, Reduction r) {
        if (r == null) {
            throw new IllegalArgumentException(op + ": reduction is null: pass Reduction.MEAN, SUM or NONE");
        }
        return r;
    }
}
