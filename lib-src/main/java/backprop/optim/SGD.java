package backprop.optim;

import backprop.tensor.Tensor;

import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, as PyTorch's {@code torch.optim.SGD}
 * (the same equations, step for step; g is the gradient, θ the parameter):
 * <pre>
 * g ← g + weightDecay · θ                          (if weightDecay ≠ 0)
 * b ← g                      at the first step     (if momentum ≠ 0)
 * b ← momentum · b + (1 − dampening) · g  later
 * g ← g + momentum · b  (Nesterov)   or   g ← b
 * θ ← θ − lr · g
 * </pre>
 * Defaults as PyTorch: momentum 0, dampening 0, weightDecay 0, nesterov false (PyTorch has no
 * default learning rate, so neither does this).
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final double[][] buffers;

    /** Plain gradient descent: θ ← θ − lr · g. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0.0, 0.0, 0.0, false);
    }

    /** SGD with (heavy-ball) momentum, e.g. 0.9. */
    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0.0, 0.0, false);
    }

    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay,
               boolean nesterov) {
        super("SGD", params, lr);
        this.momentum = checkRange("SGD", "momentum", momentum, 0, false, 1, false, "typical values are 0.9 or 0.99");
        this.dampening = checkRange("SGD", "dampening", dampening, 0, false, 1, false, "the default is 0");
        this.weightDecay = checkRange("SGD", "weight decay", weightDecay, 0, false, Double.MAX_VALUE, false,
                "typical values are 1e-4 to 1e-2");
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and dampening = 0: got "
                    + "momentum=" + momentum + ", dampening=" + dampening + ": set momentum (e.g. 0.9) and dampening 0");
        }
        this.nesterov = nesterov;
        this.buffers = new double[params.size()][];
    }

    @Override
    protected void update(int index, double[] param, double[] grad) {
        double lr = lr();
        double[] d = grad.clone();
        if (weightDecay != 0) {
            for (int i = 0; i < d.length; i++) {
                d[i] += weightDecay * param[i];
            }
        }
        if (momentum != 0) {
            double[] b = buffers[index];
            if (b == null) {
                b = d.clone();
                buffers[index] = b;
            } else {
                for (int i = 0; i < d.length; i++) {
                    b[i] = b[i] * momentum + (1 - dampening) * d[i];
                }
            }
            for (int i = 0; i < d.length; i++) {
                d[i] = nesterov ? d[i] + momentum * b[i] : b[i];
            }
        }
        for (int i = 0; i < param.length; i++) {
            param[i] += -lr * d[i];
        }
    }

    @Override
    protected String hyperparameters() {
        return "momentum=" + momentum + ", dampening=" + dampening + ", weightDecay=" + weightDecay + ", nesterov="
                + nesterov;
    }
}
