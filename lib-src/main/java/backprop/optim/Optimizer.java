package backprop.optim;

/** Updates parameters from their gradients, one {@link #step()} at a time. As PyTorch's {@code torch.optim.Optimizer}. */
public interface Optimizer {
    /** Apply one update to every parameter that has a gradient. */
    void step();

    /** Zero the gradients of all parameters (call before each backward pass: gradients add up). */
    void zeroGrad();

    /** The current learning rate. */
    double lr();

    /** Change the learning rate (schedules call this). */
    void setLr(double lr);
}
