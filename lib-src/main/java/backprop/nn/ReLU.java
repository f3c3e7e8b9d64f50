package backprop.nn;

import backprop.tensor.Tensor;

/** max(0, x), elementwise; derivative 1 for x > 0, else 0 (0 at x = 0, as PyTorch). */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
