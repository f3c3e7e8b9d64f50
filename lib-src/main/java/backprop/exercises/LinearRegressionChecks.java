package backprop.exercises;

import backprop.tensor.Tensor;

/**
 * The check of notebook 02 (linear regression by hand), exercise 1: the learner's gradient {∂MSE/∂w0, ∂MSE/∂w1} of
 * h(x) = w0 + w1·x. It is compared with autograd's gradient of the same MSE to 1e-9, on the notebook's three points at
 * w = (0.5, 1) and on a second data set of five points (so that dividing by 3 instead of n shows); a flipped sign, a sum
 * instead of a mean and a missing factor x are named in the {@link AssertionError} a failed check throws.
 */
public final class LinearRegressionChecks {
    private LinearRegressionChecks() { }

    /** Exercise 1: {∂MSE/∂w0, ∂MSE/∂w1} for the data (x, y) at (w0, w1). */
    @FunctionalInterface
    public interface MseGrad {
        double[] apply(Tensor x, Tensor y, double w0, double w1);
    }

    /**
     * Checks exercise 1 on (x3, y3) at w = (0.5, 1), then on five points at w = (0.3, −0.2).
     *
     * @return the learner's gradient on (x3, y3) at w = (0.5, 1)
     */
    public static double[] mseGrad(MseGrad mine, Tensor x3, Tensor y3) {
        Tensor b0 = Tensor.scalar(0.5).requiresGrad(true), b1 = Tensor.scalar(1.0).requiresGrad(true);   // autograd as the reference
        y3.sub(x3.mul(b1).add(b0)).square().mean().backward();
        double e0 = b0.grad().item(), e1 = b1.grad().item();
        double[] g = mine.apply(x3, y3, 0.5, 1.0);
        if (g[0] == 0 && g[1] == 0) throw new AssertionError("mseGrad returned {0, 0}: the stub is still there. Return {-2 * mean(err), -2 * mean(err * x)}.");
        if (Math.abs(g[0] + e0) < 1e-9 && Math.abs(g[1] + e1) < 1e-9)
            throw new AssertionError("Both signs are flipped (" + g[0] + ", " + g[1] + " instead of " + e0 + ", " + e1
                    + "): the inner derivative of y - w0 - w1*x is -1 (and -x), so a minus sign belongs in front.");
        if (Math.abs(g[0] - 3 * e0) < 1e-9)
            throw new AssertionError("dMSE/dw0 = " + g[0] + " is n = 3 times too large: you summed the residuals instead of averaging them. "
                    + "MSE has a 1/n in front: use mean(), not sum().");
        if (Math.abs(g[0] - e0) < 1e-9 && Math.abs(g[1] - g[0]) < 1e-9)
            throw new AssertionError("dMSE/dw1 equals dMSE/dw0 (" + g[1] + "): the factor x_i is missing. The inner derivative with respect to w1 is -x_i, "
                    + "so average err * x.");
        if (Math.abs(g[0] - e0) > 1e-9) throw new AssertionError("dMSE/dw0 should be " + e0 + " (autograd) but is " + g[0] + ".");
        if (Math.abs(g[1] - e1) > 1e-9) throw new AssertionError("dMSE/dw1 should be " + e1 + " (autograd) but is " + g[1] + ".");
        Tensor x5 = Tensor.of(-1, 0, 2, 4, 5), y5 = Tensor.of(1, -2, 3, 2, 6);        // a second data set, n = 5
        Tensor c0 = Tensor.scalar(0.3).requiresGrad(true), c1 = Tensor.scalar(-0.2).requiresGrad(true);
        y5.sub(x5.mul(c1).add(c0)).square().mean().backward();
        double[] g5 = mine.apply(x5, y5, 0.3, -0.2);
        if (Math.abs(g5[0] - 5.0 / 3 * c0.grad().item()) < 1e-9)
            throw new AssertionError("Right on the 3 points, but 5/3 times too large on 5 points: you divided by 3, not by n. "
                    + "Use mean() (or x.size(0)), which works for any n.");
        if (Math.abs(g5[0] - c0.grad().item()) > 1e-9 || Math.abs(g5[1] - c1.grad().item()) > 1e-9)
            throw new AssertionError("On 5 points mseGrad gives {" + g5[0] + ", " + g5[1] + "}, autograd {" + c0.grad().item() + ", " + c1.grad().item() + "}.");
        return g;
    }
}
