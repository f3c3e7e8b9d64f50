package backprop.nn;

import backprop.tensor.Tensor;

/**
 * Merges axes startDim..endDim into one, as PyTorch's {@code nn.Flatten}: by default (N, C, H, W) → (N, C·H·W),
 * the step between the convolutions of a network and its Linear layers. No parameters.
 */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Keep the batch axis, merge all others (startDim 1, endDim −1), as PyTorch's default. */
    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startDim, endDim);
    }

    @Override
    public String toString() {
        return "Flatten(startDim=" + startDim + ", endDim=" + endDim + ")";
    }
}
