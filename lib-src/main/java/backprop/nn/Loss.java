package backprop.nn;

import backprop.tensor.Tensor;

/** A loss function: compares a model's output with the target and returns a scalar tensor to call backward() on. */
public interface Loss {
    Tensor forward(Tensor input, Tensor target);
}
