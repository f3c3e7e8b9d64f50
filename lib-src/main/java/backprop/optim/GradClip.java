package backprop.optim;

import backprop.tensor.Tensor;

import java.util.List;

/**
 * Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}. Call between {@code loss.backward()} and {@code optimizer.step()}:
 * <pre>
 * loss.backward();
 * double norm = GradClip.clipGradNorm(model.parameters(), 1.0);
 * optimizer.step();
 * </pre>
 * Parameters without a gradient are left out, as in PyTorch.
 */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scale all gradients together so that their global L2 norm (all gradients seen as one vector)
     * is at most {@code maxNorm}; the direction stays the same. Returns the norm before clipping.
     * <pre>
     * total = √(Σₚ ‖gₚ‖²);   gₚ ← gₚ · min(1, maxNorm / (total + 1e-6))
     * </pre>
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0);
    }

    /**
     * As {@link #clipGradNorm(List, double)} with the norm of order {@code normType}
     * ({@code Double.POSITIVE_INFINITY} for the largest absolute value).
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be a finite number >= 0: got " + maxNorm
                    + ": typical values are 0.5 to 5");
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: norm type must be positive: got " + normType
                    + ": use 2 for the Euclidean norm or Double.POSITIVE_INFINITY for the largest value");
        }
        double total = 0;
        boolean any = false;
        double[] norms = new double[params.size()];
        int count = 0;
        for (Tensor p : params) {
            double[] g = p.gradData();
            if (g != null) {
                any = true;
                norms[count++] = norm(g, normType);
            }
        }
        if (!any) {
            return 0.0;
        }
        total = norm(java.util.Arrays.copyOf(norms, count), normType);
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
        for (Tensor p : params) {
            double[] g = p.gradData();
            if (g != null) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= coef;
                }
            }
        }
        return total;
    }

    private static double norm(double[] v, double type) {
        if (type == Double.POSITIVE_INFINITY) {
            double m = 0;
            for (double x : v) {
                m = Math.max(m, Math.abs(x));
            }
            return m;
        }
        double s = 0;
        if (type == 2.0) {
            for (double x : v) {
                s += x * x;
            }
            return Math.sqrt(s);
        }
        for (double x : v) {
            s += Math.pow(Math.abs(x), type);
        }
        return Math.pow(s, 1.0 / type);
    }

    /** Clamp every gradient element into [−clipValue, clipValue]. */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("clipGradValue: clip value must be a finite number >= 0: got "
                    + clipValue + ": typical values are 0.1 to 10");
        }
        for (Tensor p : params) {
            double[] g = p.gradData();
            if (g != null) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-clipValue, Math.min(clipValue, g[i]));
                }
            }
        }
    }
}
