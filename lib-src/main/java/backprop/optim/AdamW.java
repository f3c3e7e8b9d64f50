package backprop.optim;

import backprop.tensor.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), as PyTorch's
 * {@code torch.optim.AdamW}: the decay shrinks the parameter directly, θ ← θ (1 − lr · weightDecay),
 * and the Adam step uses the plain gradient (with Adam's L2 penalty the decay would be divided by √v).
 * Defaults as PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weightDecay 1e-2.
 */
public final class AdamW extends Adam {
    public AdamW(List<Tensor> params) {
        this(params, 1e-3);
    }

    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2);
    }

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    boolean decoupled() {
        return true;
    }
}
