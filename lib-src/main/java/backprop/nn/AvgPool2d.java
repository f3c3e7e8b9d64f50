package backprop.nn;

import backprop.tensor.Tensor;

/**
 * Avg pooling over kernel × kernel windows, as PyTorch's {@code nn.AvgPool2d} (no padding): input
 * (N, C, H, W), output (N, C, ⌊(H − kernel) / stride⌋ + 1, ⌊(W − kernel) / stride⌋ + 1). No parameters;
 * see {@link Tensor#avgPool2d(int, int)} for the gradient.
 */
public final class AvgPool2d extends Module {
    private final int kernelSize;
    private final int stride;

    /** Windows of kernelSize × kernelSize that do not overlap (stride = kernelSize), as PyTorch's default. */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public AvgPool2d(int kernelSize, int stride) {
        if (kernelSize < 1 || stride < 1) {
            throw new IllegalArgumentException("AvgPool2d: kernel size and stride must be >= 1: got kernelSize="
                    + kernelSize + ", stride=" + stride + ": e.g. new AvgPool2d(2) halves each side");
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.avgPool2d(kernelSize, stride);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernelSize=" + kernelSize + ", stride=" + stride + ")";
    }
}
