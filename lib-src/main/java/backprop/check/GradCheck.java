package backprop.check;

import backprop.tensor.Generator;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks backpropagation against central differences, the safety net under every gradient:
 * <pre>  ∂L/∂xᵢ ≈ (L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h  </pre>
 * For a non-scalar function the scalar L = Σ f(x) ⊙ w is checked, with fixed random weights w, so
 * that every output element takes part.
 * <pre>
 * GradCheck.check(xs -> xs[0].tanh().mul(xs[1]).sum(), Tensor.randn(new Generator(1), 3, 2), Tensor.randn(new Generator(2), 3, 2));
 * </pre>
 */
public final class GradCheck {
    /** The step h of the central difference. */
    public static final double STEP = 1e-6;
    /** Agreement needed: |analytic − numeric| ≤ ABS_TOL + REL_TOL · |numeric|. */
    public static final double REL_TOL = 1e-5;
    public static final double ABS_TOL = 1e-7;

    /** The outcome of a check: the largest relative error and where it was. */
    public record Result(double maxRelError, int input, int[] index, double analytic, double numeric, boolean passed) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GradCheck(%s, max relative error %.3e at input %d index %s: analytic %.10g, "
                    + "numeric %.10g)", passed ? "passed" : "FAILED", maxRelError, input, Arrays.toString(index),
                    analytic, numeric);
        }
    }

    private GradCheck() {
    }

    /** Check f's gradients at the given inputs; throws an AssertionError naming the first mismatch. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Result result = run(f, inputs);
        if (!result.passed()) {
            throw new AssertionError("gradcheck: input " + result.input() + " at index " + Arrays.toString(result.index())
                    + ": analytic gradient " + result.analytic() + " but central differences give " + result.numeric()
                    + " (relative error " + String.format(Locale.ROOT, "%.3e", result.maxRelError())
                    + "): the backward rule of an op on this path is wrong, or the function is not smooth here");
        }
        return result;
    }

    /** Compare analytic and numeric gradients, returning the worst mismatch (failures included, nothing thrown). */
    public static Result run(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].detach().requiresGrad(true);
        }
        Tensor out = f.apply(xs);
        Tensor weights = Tensor.randn(new Generator(20260101L), out.shape());
        Tensor loss = out.numel() == 1 ? out.sum() : out.mul(weights).sum();
        if (loss.requiresGrad()) {
            loss.backward();
        }
        Result worst = null;
        for (int i = 0; i < inputs.length; i++) {
            double[] analytic = xs[i].hasGrad() ? xs[i].gradData() : new double[inputs[i].numel()];
            double[] base = inputs[i].toArray();
            for (int j = 0; j < base.length; j++) {
                double numeric = (lossAt(f, inputs, weights, i, base, j, STEP)
                        - lossAt(f, inputs, weights, i, base, j, -STEP)) / (2 * STEP);
                double diff = Math.abs(analytic[j] - numeric);
                double rel = diff / Math.max(Math.max(Math.abs(analytic[j]), Math.abs(numeric)), 1e-12);
                boolean ok = diff <= ABS_TOL + REL_TOL * Math.abs(numeric);
                if (worst == null || (worst.passed() && !ok) || (ok == worst.passed() && rel > worst.maxRelError())) {
                    worst = new Result(diff == 0 ? 0 : rel, i, unravel(j, inputs[i].shape()), analytic[j], numeric, ok);
                }
            }
        }
        if (worst == null) {
            return new Result(0, -1, new int[0], 0, 0, true);
        }
        return worst;
    }

    /**
     * Check a gradient derived by hand (or any claimed gradient) of a scalar function against central
     * differences, element by element, with the same tolerances as {@link #check}:
     * <pre>
     * // L(w) = (w·1.5 − 1)², so dL/dw = 2(1.5w − 1)·1.5; forgetting the inner factor 1.5 is caught
     * GradCheck.checkGradient(w -> w.mul(1.5).sub(1).square(), Tensor.scalar(2.0), Tensor.scalar(2 * (1.5 * 2.0 - 1)));
     * </pre>
     * Throws an AssertionError naming the first element that disagrees, with both values; otherwise
     * returns the worst element (input 0). No autograd is involved: {@code f} is only evaluated.
     */
    public static Result checkGradient(Function<Tensor, Tensor> f, Tensor x, Tensor claimed) {
        if (!Arrays.equals(claimed.shape(), x.shape())) {
            throw new backprop.tensor.ShapeMismatchException("checkGradient: the claimed gradient has shape "
                    + Arrays.toString(claimed.shape()) + " but x has shape " + Arrays.toString(x.shape())
                    + ": pass one derivative per element of x, in x's shape");
        }
        double[] numeric = numericGradient(f, x).toArray();
        double[] given = claimed.toArray();
        Result worst = null;
        for (int j = 0; j < numeric.length; j++) {
            double diff = Math.abs(given[j] - numeric[j]);
            double rel = diff / Math.max(Math.max(Math.abs(given[j]), Math.abs(numeric[j])), 1e-12);
            boolean ok = diff <= ABS_TOL + REL_TOL * Math.abs(numeric[j]);
            if (worst == null || (worst.passed() && !ok) || (ok == worst.passed() && rel > worst.maxRelError())) {
                worst = new Result(diff == 0 ? 0 : rel, 0, unravel(j, x.shape()), given[j], numeric[j], ok);
            }
        }
        if (worst == null) {
            return new Result(0, -1, new int[0], 0, 0, true);
        }
        if (!worst.passed()) {
            throw new AssertionError(String.format(Locale.ROOT, "checkGradient: at index %s the claimed gradient "
                    + "is %.10g but central differences give %.10g (relative error %.3e)", Arrays.toString(worst.index()),
                    worst.analytic(), worst.numeric(), worst.maxRelError())
                    + ": the derivation is wrong here (a flipped sign? a missing chain-rule factor?), "
                    + "or the function is not smooth here");
        }
        return worst;
    }

    /**
     * The central differences (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h of a scalar function, one per element
     * of x, in x's shape: the numbers {@link #checkGradient} compares a claimed gradient with.
     */
    public static Tensor numericGradient(Function<Tensor, Tensor> f, Tensor x) {
        double[] base = x.toArray();
        double[] numeric = new double[base.length];
        for (int j = 0; j < base.length; j++) {
            numeric[j] = (scalarAt(f, x, base, j, STEP) - scalarAt(f, x, base, j, -STEP)) / (2 * STEP);
        }
        return Tensor.of(numeric, x.shape());
    }

    private static double scalarAt(Function<Tensor, Tensor> f, Tensor x, double[] base, int j, double step) {
        double[] moved = base.clone();
        moved[j] += step;
        try (var scope = Tensor.noGrad()) {
            Tensor out = f.apply(Tensor.of(moved, x.shape()));
            if (out.numel() != 1) {
                throw new ShapeMismatchException("numericGradient: f must return a scalar (the loss): got shape "
                        + Arrays.toString(out.shape()) + ": reduce it, e.g. with .sum() or .mean()");
            }
            return out.item();
        }
    }

    private static double lossAt(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor weights, int which, double[] base,
                                 int j, double step) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (i == which) {
                double[] moved = base.clone();
                moved[j] += step;
                xs[i] = Tensor.of(moved, inputs[i].shape());
            } else {
                xs[i] = inputs[i].detach();
            }
        }
        try (var scope = Tensor.noGrad()) {
            Tensor out = f.apply(xs);
            return out.numel() == 1 ? out.item() : out.mul(weights).sum().item();
        }
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
