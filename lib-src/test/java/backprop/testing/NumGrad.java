package backprop.testing;

import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Central-difference gradient check for tests: compares the gradient backward() computes for
 * each input with (f(x + h) − f(x − h)) / 2h, element by element, for the scalar Σ f(x) · w
 * with a fixed random weighting w (so every output element matters).
 */
public final class NumGrad {
    private NumGrad() {
    }

    /** Check f at the given inputs (each is copied and marked requiresGrad); returns the largest relative error. */
    public static double check(String name, Function<Tensor[], Tensor> f, double tol, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = inputs[k].detach().requiresGrad();
        }
        Tensor out = f.apply(xs);
        Tensor w = Tensor.uniform(0.5, 1.5, 12345L, out.shape());
        out.mul(w).sum().backward();
        double worst = 0;
        double h = 1e-6;
        for (int k = 0; k < xs.length; k++) {
            double[] analytic = xs[k].hasGrad() ? xs[k].gradData().clone() : new double[xs[k].numel()];
            double[] base = xs[k].toArray();
            for (int j = 0; j < base.length; j++) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[j] += h;
                minus[j] -= h;
                double fp = weighted(f, xs, k, Tensor.of(plus, xs[k].shape()), w);
                double fm = weighted(f, xs, k, Tensor.of(minus, xs[k].shape()), w);
                double numeric = (fp - fm) / (2 * h);
                double err = Math.abs(numeric - analytic[j]) / Math.max(1.0, Math.abs(numeric) + Math.abs(analytic[j]));
                worst = Math.max(worst, err);
                if (!(err <= tol)) {
                    throw new AssertionError(name + ": gradient of input " + k + " at index " + j + " (shape "
                            + Arrays.toString(xs[k].shape()) + "): backward gives " + analytic[j]
                            + ", central differences give " + numeric + " (error " + err + " > " + tol + ")");
                }
            }
        }
        return worst;
    }

    private static double weighted(Function<Tensor[], Tensor> f, Tensor[] xs, int k, Tensor replaced, Tensor w) {
        Tensor[] args = xs.clone();
        args[k] = replaced;
        try (var scope = Tensor.noGrad()) {
            return f.apply(args).mul(w).sum().item();
        }
    }
}
