package backprop.exercises;

import backprop.nn.BCELoss;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * The checks of notebook 07 (a network with one hidden layer: Z1 = X W1ᵀ + b1, A1 = tanh(Z1), ŷ = σ(A1 W2ᵀ + b2), mean
 * binary cross-entropy): ∂L/∂W2 for a batch (exercise 1), and δ1 = ∂L/∂Z1 with ∂L/∂W1 (exercise 2). Both compare the
 * learner's function with autograd's gradients of the same network, exercise 1 to 1e-9 relative and 1e-12 absolute,
 * exercise 2 to 1e-12 and 1e-15 on two batches of different sizes (so that a hard-coded n shows). Typical mistakes (a
 * transposed product, a flipped sign, a missing or doubled 1/n, tanh's slope missing or written 1 − A1) are named in
 * the {@link AssertionError} a failed check throws.
 */
public final class HiddenLayerChecks {
    private HiddenLayerChecks() { }

    /** Exercise 1: ∂L/∂W2 (1, h) from ŷ (n, 1), y (n, 1) and A1 (n, h). */
    @FunctionalInterface
    public interface GradW2 {
        Tensor apply(Tensor yHat, Tensor y, Tensor A1);
    }

    /** Exercise 2: {δ1 (n, h), ∂L/∂W1 (h, d)} from δ2 = ∂L/∂Z2 (n, 1), W2 (1, h), A1 (n, h) and X (n, d). */
    @FunctionalInterface
    public interface HiddenGrads {
        Tensor[] apply(Tensor dZ2, Tensor W2, Tensor A1, Tensor X);
    }

    /**
     * Checks exercise 1 on the network's forward values (ŷ and A1 of the batch with labels y) against autograd.
     *
     * @return the learner's ∂L/∂W2
     */
    public static Tensor gradW2(GradW2 mine, Tensor yHat, Tensor y, Tensor A1, Tensor W2, Tensor b2) {
        Tensor w2 = W2.detach().requiresGrad(true);      // autograd as the reference, on the same points
        new BCELoss().forward(A1.detach().matmul(w2.T()).add(b2.detach()).sigmoid(), y).backward();
        Tensor ref = w2.grad(), got = mine.apply(yHat.detach(), y, A1.detach());
        int n = y.size(0), h = W2.size(1);
        if (got.allClose(Tensor.zeros(1, h))) throw new AssertionError("gradW2 returned zeros: the stub is still there. Return (yHat - y)^T A1 / n.");
        if (Arrays.equals(got.shape(), new int[] {h, 1}))
            throw new AssertionError("The shape is [" + h + ", 1], the transpose of W2's [1, " + h + "]: a gradient always has its parameter's shape. "
                    + "Put the transposed error first: yHat.sub(y).T().matmul(A1).");
        if (Arrays.equals(got.shape(), new int[] {n, h}))
            throw new AssertionError("The shape is [" + n + ", " + h + "]: one gradient per example. dL/dW2 is their average; the product (yHat - y)^T A1 "
                    + "multiplies and sums over the " + n + " examples in one go.");
        if (!Arrays.equals(got.shape(), new int[] {1, h}))
            throw new AssertionError("dL/dW2 must have W2's shape [1, " + h + "], got " + Arrays.toString(got.shape()) + ".");
        if (got.allClose(ref.neg()))
            throw new AssertionError("The sign is flipped: dL/dz2 = yHat - y, not y - yHat. With the flipped sign, gradient descent would climb the loss.");
        if (got.allClose(ref.mul(n)))
            throw new AssertionError(n + " times too large: the 1/n of the mean loss is missing (n = " + n + " here). Divide by n.");
        if (!got.allClose(ref, 1e-9, 1e-12)) throw new AssertionError("Expected " + ref + " (autograd) but got " + got + ".");
        return got;
    }

    /** Checks exercise 2 against autograd on the network (W1, b1, W2, b2), first on the batch (Xa, ya), then on (Xb, yb). */
    public static void hiddenGrads(HiddenGrads mine, Tensor W1, Tensor b1, Tensor W2, Tensor b2,
                                   Tensor Xa, Tensor ya, String nameA, Tensor Xb, Tensor yb, String nameB) {
        String wrong = hiddenProblem(mine, W1, b1, W2, b2, Xa, ya, nameA);
        if (wrong == null) wrong = hiddenProblem(mine, W1, b1, W2, b2, Xb, yb, nameB);
        if (wrong != null) throw new AssertionError(wrong);
    }

    private static String hiddenProblem(HiddenGrads mine, Tensor W1, Tensor b1, Tensor W2, Tensor b2, Tensor X, Tensor y, String name) {
        int n = X.size(0);
        Tensor w1 = W1.detach(), bias1 = b1.detach(), w2 = W2.detach(), bias2 = b2.detach();
        Tensor z1 = X.matmul(w1.T()).add(bias1).requiresGrad(true);            // Z1 as a leaf: autograd's dL/dZ1 is δ1
        new BCELoss().forward(z1.tanh().matmul(w2.T()).add(bias2).sigmoid(), y).backward();
        Tensor w1r = w1.detach().requiresGrad(true);                            // W1 as a leaf: autograd's dL/dW1
        new BCELoss().forward(X.matmul(w1r.T()).add(bias1).tanh().matmul(w2.T()).add(bias2).sigmoid(), y).backward();
        Tensor refZ1 = z1.grad(), refW1 = w1r.grad();
        Tensor a1 = z1.detach().tanh(), dZ2 = a1.matmul(w2.T()).add(bias2).sigmoid().sub(y).div(n);
        Tensor[] got;
        try {
            got = mine.apply(dZ2, w2, a1, X);
        } catch (IllegalArgumentException e) {
            return "On " + name + " your code stopped with: " + e.getMessage()
                    + ". dZ2 is (n, 1) and W2 is (1, h), so dL/dA1 = dZ2.matmul(W2) is already (n, h): no transpose.";
        }
        if (got == null || got.length != 2 || got[0] == null || got[1] == null) return "Return two tensors, {dZ1, dW1}.";
        Tensor dZ1 = got[0], dW1 = got[1];
        if (dZ1.abs().sum().item() == 0 && dW1.abs().sum().item() == 0)
            return "hiddenGrads returned zeros: the stub is still there. dL/dA1 = dZ2 W2, then δ1 = dL/dA1 ⊙ (1 - A1²), then dW1 = δ1ᵀ X.";
        if (!Arrays.equals(dZ1.shape(), refZ1.shape()))
            return "On " + name + " δ1 has shape " + Arrays.toString(dZ1.shape()) + "; it must be (n, h) = " + Arrays.toString(refZ1.shape())
                    + ", one row per example like Z1.";
        if (dZ1.allClose(dZ2.matmul(w2), 1e-12, 1e-15))
            return "δ1 equals dL/dA1: the factor tanh'(Z1) = 1 - A1² is missing. The gradient must pass through the activation on its way to Z1.";
        if (dZ1.allClose(dZ2.matmul(w2).mul(a1.neg().add(1)), 1e-12, 1e-15)) return "You multiplied by 1 - A1; tanh's derivative is 1 - tanh² = 1 - A1² (A1 squared).";
        if (!dZ1.allClose(refZ1, 1e-12, 1e-15)) return "On " + name + " δ1 should be " + refZ1 + " (autograd) but is " + dZ1 + ".";
        if (Arrays.equals(dW1.shape(), new int[] {w1.size(1), w1.size(0)}))
            return "dW1 has shape " + Arrays.toString(dW1.shape()) + ", the transpose of W1's " + Arrays.toString(w1.shape())
                    + ": a gradient has its parameter's shape. Put δ1 transposed first: dZ1.T().matmul(X).";
        if (!Arrays.equals(dW1.shape(), refW1.shape())) return "dW1 must have W1's shape " + Arrays.toString(refW1.shape()) + ", got " + Arrays.toString(dW1.shape()) + ".";
        if (dW1.allClose(refW1.div(n), 1e-12, 1e-15))
            return "On " + name + " dW1 is n = " + n + " times too small: dZ2 already carries the 1/n of the mean loss; do not divide again.";
        if (!dW1.allClose(refW1, 1e-12, 1e-15)) return "On " + name + " dW1 should be " + refW1 + " (autograd) but is " + dW1 + ".";
        return null;
    }
}
