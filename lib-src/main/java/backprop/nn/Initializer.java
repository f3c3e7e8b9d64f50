package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

/**
 * A way to fill a fresh parameter with starting values, drawing from the given generator:
 * {@code Init::xavierUniform}, {@code Init::kaimingNormal}, {@code (w, rng) -> Init.normal(w, 0, 0.01, rng)}.
 */
@FunctionalInterface
public interface Initializer {
    void fill(Tensor parameter, Generator generator);
}
