package backprop.exercises;

import backprop.check.GradCheck;
import backprop.nn.BCELoss;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * The check of notebook 06 (logistic regression), exercise 1: the learner's gradient {dL/dw, dL/db} of the mean binary
 * cross-entropy of one sigmoid neuron. It is compared with autograd's gradient (BCELoss of sigmoid(Xw + b)) on two data
 * sets of different sizes, the notebook's four examples and 100 biopsies with 30 features (w drawn from seed 3, b = −0.2),
 * to 1e-9 relative and 1e-12 absolute, so that a hard-coded n shows; typical mistakes (a flipped sign, a missing 1/n,
 * the sigmoid's slope kept, the score z used for p, X where Xᵀ belongs, a summed bias gradient) are named. Then finite
 * differences check autograd's gradient on the biopsies. A failed check throws an {@link AssertionError}.
 */
public final class LogisticChecks {
    private LogisticChecks() { }

    /** Exercise 1: {dL/dw (d), dL/db (a scalar tensor)} for X (n, d), y (n), w (d) and the bias b. */
    @FunctionalInterface
    public interface LogisticGrad {
        Tensor[] apply(Tensor X, Tensor y, Tensor w, double b);
    }

    /**
     * Checks exercise 1 on the four examples (Xa, ya, wa, ba), then on the biopsies (Xb, yb).
     *
     * @return the finite-difference check of autograd's gradient on the biopsies
     */
    public static GradCheck.Result gradient(LogisticGrad mine, Tensor Xa, Tensor ya, Tensor wa, double ba, Tensor Xb, Tensor yb) {
        String wrong = problem(mine, Xa, ya, wa, ba, "the 4 examples");
        if (wrong == null) wrong = problem(mine, Xb, yb, Tensor.randn(new Generator(3), 30).mul(0.3), -0.2, "the 100 biopsies");
        if (wrong != null) throw new AssertionError(wrong);
        return GradCheck.check(t -> new BCELoss().forward(Xb.matmul(t[0]).add(t[1]).sigmoid(), yb),
                Tensor.randn(new Generator(3), 30).mul(0.3).requiresGrad(true), Tensor.scalar(-0.2).requiresGrad(true));
    }

    private static String problem(LogisticGrad mine, Tensor X, Tensor y, Tensor w, double b, String name) {
        int n = X.size(0);
        Tensor wt = w.detach().requiresGrad(true), bt = Tensor.scalar(b).requiresGrad(true);   // autograd as the reference
        new BCELoss().forward(X.matmul(wt).add(bt).sigmoid(), y).backward();
        Tensor dw = wt.grad(), db = bt.grad();
        Tensor[] got;
        try {
            got = mine.apply(X, y, w, b);
        } catch (IllegalArgumentException e) {
            return "On " + name + " your code stopped with: " + e.getMessage() + ". X is (n, d) = " + Arrays.toString(X.shape())
                    + " and p - y has n entries: the product that sums over the examples is X.T().matmul(p.sub(y)), which has d entries.";
        }
        if (got == null || got.length != 2 || got[0] == null || got[1] == null) return "Return two tensors, {dw, db}.";
        Tensor p = X.matmul(w).add(b).sigmoid(), err = p.sub(y);
        if (!Arrays.equals(got[0].shape(), dw.shape()))
            return "On " + name + " dw has shape " + Arrays.toString(got[0].shape()) + "; it must have w's shape " + Arrays.toString(dw.shape())
                    + ": a gradient always has its parameter's shape.";
        if (got[0].allClose(Tensor.zeros(dw.shape())) && got[1].item() == 0)
            return "logisticGrad returned zeros: the stub is still there. Return {X^T (p - y) / n, mean(p - y)}.";
        if (got[0].allClose(dw.neg()))
            return "The sign is flipped: dL/dz = p - y (prediction minus label), not y - p. With y - p, gradient descent would climb the loss.";
        if (got[0].allClose(dw.mul(n))) return "On " + name + " dw is n = " + n + " times too large: the 1/n of the mean loss is missing. Divide by n.";
        if (got[0].allClose(X.T().matmul(err.mul(p).mul(p.neg().add(1))).div(n)))
            return "You multiplied by the sigmoid's slope p(1 - p). For cross-entropy it cancels: dL/dz = (p - y)/n, with no p(1 - p). "
                    + "(Keeping it is the gradient of a different loss, and learns slowly: notebook 07.)";
        Tensor z = X.matmul(w).add(b);
        if (got[0].allClose(X.T().matmul(z.sub(y)).div(n)))
            return "You used the score z = Xw + b where the probability p = sigmoid(z) belongs: the error is p - y.";
        if (n != 4 && got[0].allClose(dw.mul(n / 4.0)))
            return "Right on the 4 examples, but " + n / 4 + " times too large on " + name + ": you divided by 4, not by n. Use n = X.size(0).";
        if (!got[0].allClose(dw, 1e-9, 1e-12)) return "On " + name + " dw should be " + dw + " (autograd) but is " + got[0] + ".";
        if (got[1].numel() != 1) return "db must be a single number (a scalar tensor), got shape " + Arrays.toString(got[1].shape()) + ".";
        if (Math.abs(got[1].item() - n * db.item()) < 1e-9 && n > 1)
            return "dw is right, but db is n = " + n + " times too large: the bias gradient is the MEAN of p - y, not the sum.";
        if (Math.abs(got[1].item() - db.item()) > 1e-9) return "db should be " + db.item() + " (autograd) but is " + got[1].item() + ".";
        return null;
    }
}
