package backprop.optim;

import backprop.tensor.Tensor;

import java.util.List;

/**
 * RMSprop (Hinton's lecture 6e), as PyTorch's {@code torch.optim.RMSprop}, step for step:
 * <pre>
 * g ← g + weightDecay · θ                       (if weightDecay ≠ 0)
 * s ← α s + (1 − α) g²                          (running mean of squared gradients)
 * a ← α a + (1 − α) g;  d = √(s − a²) + eps     (centered: divide by an estimate of the variance)
 *                       d = √s + eps            (otherwise)
 * b ← momentum · b + g / d;  θ ← θ − lr · b     (if momentum > 0)
 * θ ← θ − lr · g / d                            (otherwise)
 * </pre>
 * Defaults as PyTorch: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 */
public final class RMSprop extends Optimizer {
    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;
    private final double[][] squareAvg;
    private final double[][] gradAvg;
    private final double[][] buffers;

    public RMSprop(List<Tensor> params) {
        this(params, 1e-2);
    }

    public RMSprop(List<Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0.0, 0.0, false);
    }

    public RMSprop(List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum,
                   boolean centered) {
        super("RMSprop", params, lr);
        this.alpha = checkRange("RMSprop", "alpha", alpha, 0, false, 1, false, "the default is 0.99");
        this.eps = checkRange("RMSprop", "eps", eps, 0, false, Double.MAX_VALUE, false, "the default is 1e-8");
        this.weightDecay = checkRange("RMSprop", "weight decay", weightDecay, 0, false, Double.MAX_VALUE, false,
                "typical values are 1e-4 to 1e-2");
        this.momentum = checkRange("RMSprop", "momentum", momentum, 0, false, 1, false, "typical values are 0 or 0.9");
        this.centered = centered;
        this.squareAvg = new double[params.size()][];
        this.gradAvg = new double[params.size()][];
        this.buffers = new double[params.size()][];
    }

    @Override
    protected void update(int index, double[] param, double[] grad) {
        int n = param.length;
        if (squareAvg[index] == null) {
            squareAvg[index] = new double[n];
            gradAvg[index] = centered ? new double[n] : null;
            buffers[index] = momentum > 0 ? new double[n] : null;
        }
        double lr = lr();
        double[] s = squareAvg[index];
        double[] a = gradAvg[index];
        double[] b = buffers[index];
        for (int i = 0; i < n; i++) {
            double g = weightDecay != 0 ? grad[i] + weightDecay * param[i] : grad[i];
            s[i] = s[i] * alpha + (1 - alpha) * g * g;
            double avg;
            if (centered) {
                a[i] = a[i] * alpha + (1 - alpha) * g;
                avg = Math.sqrt(s[i] + -1 * a[i] * a[i]);
            } else {
                avg = Math.sqrt(s[i]);
            }
            avg += eps;
            if (momentum > 0) {
                b[i] = b[i] * momentum + g / avg;
                param[i] += -lr * b[i];
            } else {
                param[i] += -lr * (g / avg);
            }
        }
    }

    @Override
    protected String hyperparameters() {
        return "alpha=" + alpha + ", eps=" + eps + ", weightDecay=" + weightDecay + ", momentum=" + momentum
                + ", centered=" + centered;
    }
}
