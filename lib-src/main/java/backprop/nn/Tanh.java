package backprop.nn;

import backprop.tensor.Tensor;

/** tanh(x), elementwise; tanh' = 1 − tanh². Zero-centred, squashes to (−1, 1). */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
