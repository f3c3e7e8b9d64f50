package backprop.nn;

import backprop.tensor.Tensor;

/**
 * softmax along an axis (default the last): yₖ = e^xₖ / Σⱼ e^xⱼ, computed stably. Turns scores into
 * probabilities. For training, feed the raw scores (logits) to {@link CrossEntropyLoss} instead: it
 * applies log-softmax itself, more accurately.
 */
public final class Softmax extends Module {
    private final int axis;

    public Softmax() {
        this(-1);
    }

    public Softmax(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(axis);
    }

    @Override
    public String toString() {
        return "Softmax(axis=" + axis + ")";
    }
}
