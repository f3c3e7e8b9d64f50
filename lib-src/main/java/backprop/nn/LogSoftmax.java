package backprop.nn;

import backprop.tensor.Tensor;

/** log softmax along an axis (default the last): yₖ = xₖ − log Σⱼ e^xⱼ, computed stably. */
public final class LogSoftmax extends Module {
    private final int axis;

    public LogSoftmax() {
        this(-1);
    }

    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.logSoftmax(axis);
    }

    @Override
    public String toString() {
        return "LogSoftmax(axis=" + axis + ")";
    }
}
