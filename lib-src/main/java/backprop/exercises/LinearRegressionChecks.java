package backprop.exercises;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

/**
 * The checks of notebook 02 (linear regression by hand). Exercise 1, the gradient {∂MSE/∂w0, ∂MSE/∂w1} of
 * h(x) = w0 + w1·x, is compared with autograd's gradient of the same MSE to 1e-9, on the notebook's three points at
 * w = (0.5, 1) and on a second data set of five points (so that dividing by 3 instead of n shows). Exercise 2, the
 * gradient of the MSE of y ≈ Xw for all weights at once, is compared with autograd's at random weights (seed 7) to
 * 1e-9. A flipped sign, a sum instead of a mean, a missing factor x and a product that does not fit are named in the
 * {@link AssertionError} a failed check throws.
 */
public final class LinearRegressionChecks {
    private LinearRegressionChecks() { }

    /** Exercise 1: {∂MSE/∂w0, ∂MSE/∂w1} for the data (x, y) at (w0, w1). */
    @FunctionalInterface
    public interface MseGrad {
        double[] apply(Tensor x, Tensor y, double w0, double w1);
    }

    /** Exercise 2: ∂MSE/∂w (d) for X (n, d), y (n) and w (d). */
    @FunctionalInterface
    public interface MseGradMatrix {
        Tensor apply(Tensor X, Tensor y, Tensor w);
    }

    /** Checks exercise 2 on (X, y) at random weights (seed 7) against autograd. */
    public static void mseGradMatrix(MseGradMatrix mine, Tensor X, Tensor y) {
        int n = X.size(0), d = X.size(1);
        Tensor wt = Tensor.randn(new Generator(7), d).requiresGrad(true);          // autograd as the reference, at random weights
        y.sub(X.matmul(wt)).square().mean().backward();
        Tensor expected = wt.grad(), got;
        try {
            got = mine.apply(X, y, wt.detach());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("The shapes do not fit: X is (" + n + ", " + d + ") and the residual (" + n + "), so the product must be X.T().matmul(residual), "
                    + "which is (" + d + "). Library message: " + e.getMessage());
        }
        if (got.allClose(Tensor.zeros(d))) throw new AssertionError("mseGradMatrix returned zeros: the stub is still there. Return X.T().matmul(residual).mul(-2.0 / n).");
        if (got.allClose(expected.neg()))
            throw new AssertionError("The sign is flipped: the gradient is MINUS 2/n X^T (y - Xw); with a plus, gradient descent would climb.");
        if (got.allClose(expected.mul(n)))
            throw new AssertionError("The gradient is n = " + n + " times too large: the 1/n of the mean is missing (use mul(-2.0 / n)).");
        if (!got.allClose(expected, 1e-9, 1e-9)) throw new AssertionError("Expected " + expected + " (autograd) but got " + got + ".");
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
