package backprop.optim;

import backprop.tensor.Tensor;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba, 2015), as PyTorch's {@code torch.optim.Adam}, step for step. With t the
 * number of steps this parameter has taken:
 * <pre>
 * g ← g + weightDecay · θ                              (L2 penalty, if weightDecay ≠ 0)
 * m ← β₁ m + (1 − β₁) g                                (running mean of gradients: momentum)
 * v ← β₂ v + (1 − β₂) g²                               (running mean of squared gradients)
 * θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)     (bias-corrected: m and v start at 0)
 * </pre>
 * Defaults as PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weightDecay 0.
 */
public class Adam extends Optimizer {
    final double beta1;
    final double beta2;
    final double eps;
    final double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private final long[] t;

    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.0);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay);
    }

    Adam(String name, List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(name, params, lr);
        this.beta1 = checkRange(name, "beta1", beta1, 0, false, 1, true, "the default is 0.9");
        this.beta2 = checkRange(name, "beta2", beta2, 0, false, 1, true, "the default is 0.999");
        this.eps = checkRange(name, "eps", eps, 0, false, Double.MAX_VALUE, false, "the default is 1e-8");
        this.weightDecay = checkRange(name, "weight decay", weightDecay, 0, false, Double.MAX_VALUE, false,
                "typical values are 1e-4 to 1e-2");
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        this.t = new long[params.size()];
    }

    @Override
    protected void update(int index, double[] param, double[] grad) {
        if (m[index] == null) {
            m[index] = new double[param.length];
            v[index] = new double[param.length];
        }
        long step = ++t[index];
        double[] g = grad;
        if (decoupled()) {
            double shrink = 1 - lr() * weightDecay;           // AdamW: θ ← θ (1 − lr · λ), apart from the gradient
            for (int i = 0; i < param.length; i++) {
                param[i] *= shrink;
            }
        } else if (weightDecay != 0) {
            g = grad.clone();
            for (int i = 0; i < g.length; i++) {
                g[i] += weightDecay * param[i];
            }
        }
        double[] mi = m[index];
        double[] vi = v[index];
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr() / biasCorrection1;
        double bc2Sqrt = Math.sqrt(biasCorrection2);
        for (int i = 0; i < param.length; i++) {
            mi[i] = mi[i] * beta1 + (1 - beta1) * g[i];
            vi[i] = vi[i] * beta2 + (1 - beta2) * g[i] * g[i];
            double denom = Math.sqrt(vi[i]) / bc2Sqrt + eps;
            param[i] += -stepSize * (mi[i] / denom);
        }
    }

    /** True for AdamW, whose weight decay shrinks θ directly instead of entering the gradient. */
    boolean decoupled() {
        return false;
    }

    @Override
    protected String hyperparameters() {
        return "betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay;
    }
}
