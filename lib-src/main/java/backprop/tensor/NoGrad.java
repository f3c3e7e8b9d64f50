package backprop.tensor;

/**
 * A scope in which operations record no graph, as PyTorch's {@code torch.no_grad()}:
 * <pre>
 * try (var scope = Tensor.noGrad()) {
 *     Tensor prediction = model.forward(x);   // no graph kept, nothing to backpropagate
 * }
 * </pre>
 * Scopes nest; closing one restores the mode that was active when it opened. Closing twice is harmless.
 */
public final class NoGrad implements AutoCloseable {
    private boolean open = true;

    NoGrad() {
        Graph.enterNoGrad();
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            Graph.exitNoGrad();
        }
    }

    @Override
    public String toString() {
        return open ? "NoGrad(open)" : "NoGrad(closed)";
    }
}
