package backprop.exercises;

import backprop.nn.BCEWithLogitsLoss;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checks of notebook 08 (L layers by hand), one per exercise: the linear layer's backward pass (exercise 1),
 * the activation backward pass for sigmoid, tanh and ReLU (exercise 2) and the δ-recursion loop over all layers
 * (exercise 3). Each compares the learner's function with autograd's gradients of the same computation, to 1e-12
 * (relative and absolute), and recognises the typical mistakes (a transposed product, a 1/n too many, a sign, the
 * wrong layer's cache) by name. A failed check throws an {@link AssertionError} whose message says what is wrong
 * and how to fix it.
 */
public final class LayersChecks {
    private LayersChecks() { }

    /** Exercise 1: {@code {dAprev, dW, db}} from {@code dZ} (n, d_l), {@code Aprev} (n, d_prev) and {@code W} (d_l, d_prev). */
    @FunctionalInterface
    public interface LinearBackward {
        Tensor[] apply(Tensor dZ, Tensor Aprev, Tensor W);
    }

    /** Exercise 2: {@code dA ⊙ f'(Z)} for f = "sigmoid", "tanh" or "relu". */
    @FunctionalInterface
    public interface ActivationBackward {
        Tensor apply(Tensor dA, Tensor Z, String f);
    }

    /** Exercise 3: dW¹, db¹, ..., dWᴸ, dbᴸ from the forward pass's cache ({A^(l-1), Z^l} per layer). */
    @FunctionalInterface
    public interface Backward {
        List<Tensor> apply(List<Tensor[]> cache, Tensor y, List<Tensor> W, String[] act);
    }

    /** Checks exercise 1 on a (5, 4) -> (5, 3) layer against autograd; throws AssertionError naming the mistake. */
    public static void linearBackward(LinearBackward mine) {
        fail(linearProblem(mine));
    }

    /** Checks exercise 2 for sigmoid, tanh and ReLU on a (4, 3) batch against autograd, and that unknown names throw. */
    public static void activationBackward(ActivationBackward mine) {
        fail(activationProblem(mine));
    }

    /**
     * Checks exercise 3: runs the forward pass of the network (X, W, b, act) with a cache, gives the cache to
     * {@code mine}, and compares every gradient with autograd's for the mean binary cross-entropy of the logits and y.
     */
    public static void backward(Backward mine, Tensor X, Tensor y, List<Tensor> W, List<Tensor> b, String[] act) {
        fail(backwardProblem(mine, X, y, W, b, act));
    }

    private static void fail(String problem) {
        if (problem != null) throw new AssertionError(problem);
    }

    private static String linearProblem(LinearBackward mine) {
        Tensor A = Tensor.randn(new Generator(40), 5, 4), Wt = Tensor.randn(new Generator(41), 3, 4);
        Tensor bt = Tensor.randn(new Generator(42), 3), G = Tensor.randn(new Generator(43), 5, 3);
        Tensor Ar = A.detach().requiresGrad(true), Wr = Wt.detach().requiresGrad(true), br = bt.detach().requiresGrad(true);
        Ar.matmul(Wr.T()).add(br).mul(G).sum().backward();    // L = Σ Z ⊙ G, so dL/dZ = G: autograd's answer for dZ = G
        Tensor[] got;
        try {
            got = mine.apply(G, A, Wt);
        } catch (IllegalArgumentException e) {
            return "linearBackward stopped with: " + e.getMessage() + ". dZ is (n, d_l) = (5, 3) and W is (d_l, d_prev) = (3, 4): "
                    + "dAprev = dZ W is (5, 3)(3, 4) = (5, 4), no transpose.";
        }
        if (got == null || got.length != 3) return "Return three tensors: {dAprev, dW, db}.";
        if (got[1].allClose(Tensor.zeros(3, 4)) && got[0].allClose(Tensor.zeros(5, 4))) return "linearBackward returned zeros: the stub is still there.";
        if (Arrays.equals(got[1].shape(), new int[] {4, 3}))
            return "dW has shape [4, 3], the transpose of W's [3, 4]: a gradient has its parameter's shape. dW = dZ^T A_prev: (3, 5)(5, 4).";
        if (!Arrays.equals(got[0].shape(), new int[] {5, 4})) return "dAprev must have A_prev's shape [5, 4], got " + Arrays.toString(got[0].shape()) + ".";
        if (got[0].allClose(Ar.grad().neg())) return "dAprev has the wrong sign: dL/dA_prev = dZ W, with a plus; the signs come from dZ alone.";
        if (!got[0].allClose(Ar.grad(), 1e-12, 1e-12)) return "dAprev should be dZ W = " + Ar.grad() + " but is " + got[0] + ".";
        if (got[1].allClose(Wr.grad().div(5)))
            return "dW is 1/n = 1/5 of the right value: there is no 1/n in a layer's backward pass. The mean of the loss already put it "
                    + "into dZ (δ^L = (p - y)/n), and it travels down with δ.";
        if (!got[1].allClose(Wr.grad(), 1e-12, 1e-12)) return "dW should be dZ^T A_prev = " + Wr.grad() + " but is " + got[1] + ".";
        if (Arrays.equals(got[2].shape(), new int[] {5}))
            return "db has shape [5], one value per example: sum over the examples (axis 0, the rows), not over the units. db has b's shape [3].";
        if (got[2].allClose(br.grad().div(5))) return "db is 1/n of the right value: sum dZ over the rows, do not average (the 1/n is already inside dZ).";
        if (!got[2].allClose(br.grad(), 1e-12, 1e-12)) return "db should be the sum of dZ over the rows, " + br.grad() + ", but is " + got[2] + ".";
        return null;
    }

    private static String activationProblem(ActivationBackward mine) {
        Tensor Z = Tensor.randn(new Generator(44), 4, 3).mul(2), G = Tensor.randn(new Generator(45), 4, 3);
        for (String f : new String[] {"sigmoid", "tanh", "relu"}) {
            Tensor Zr = Z.detach().requiresGrad(true);
            activate(Zr, f).mul(G).sum().backward();           // L = Σ f(Z) ⊙ G, so dL/dA = G
            Tensor ref = Zr.grad(), got = mine.apply(G, Z, f);
            if (got == G || got.allClose(G))
                return f + ": activationBackward returned dA unchanged: the factor f'(Z) is missing (the stub is still there?). dZ = dA ⊙ f'(Z).";
            if (!Arrays.equals(got.shape(), Z.shape()))
                return f + ": dZ must have Z's shape " + Arrays.toString(Z.shape()) + ", got " + Arrays.toString(got.shape())
                        + ": f acts entry by entry, so its backward pass is an entrywise product, mul, not matmul.";
            Tensor fz = activate(Z, f);
            if (got.allClose(ref.div(G))) return f + ": you returned f'(Z) alone: multiply by the upstream gradient dA (the chain rule: dL/dZ = dL/dA ⊙ dA/dZ).";
            if (f.equals("sigmoid") && got.allClose(G.mul(fz))) return "sigmoid: you multiplied by σ(Z); the slope is σ(Z)(1 - σ(Z)).";
            if (f.equals("tanh") && got.allClose(G.mul(Z.square().neg().add(1))))
                return "tanh: you used 1 - Z²; the slope is 1 - tanh²(Z), the OUTPUT of tanh squared.";
            if (f.equals("relu") && got.allClose(G.mul(fz))) return "relu: you multiplied by relu(Z); the slope is 1 where z > 0 and 0 elsewhere: step(Z).";
            if (!got.allClose(ref, 1e-12, 1e-12)) return f + ": dZ should be " + ref + " (autograd) but is " + got + ".";
        }
        try {
            mine.apply(G, Z, "softplus");
            return "activationBackward(dA, Z, \"softplus\") returned a value: throw an IllegalArgumentException for names it does not know, "
                    + "so that a typo cannot pass silently.";
        } catch (IllegalArgumentException expected) {
            return null;
        }
    }

    private static String backwardProblem(Backward mine, Tensor X, Tensor y, List<Tensor> W, List<Tensor> b, String[] act) {
        int L = W.size(), n = y.size(0);
        List<Tensor> Wr = new ArrayList<>(), br = new ArrayList<>(), Wplain = new ArrayList<>(), bplain = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            Wr.add(W.get(l).detach().requiresGrad(true));
            br.add(b.get(l).detach().requiresGrad(true));
            Wplain.add(W.get(l).detach());
            bplain.add(b.get(l).detach());
        }
        new BCEWithLogitsLoss().forward(forwardWithCache(X, Wr, br, act).get(L - 1)[1], y).backward();   // autograd's gradients, the reference
        List<Tensor> got;
        try {
            got = mine.apply(forwardWithCache(X, Wplain, bplain, act), y, Wplain, act);
        } catch (IllegalArgumentException e) {
            return "backward stopped with: " + e.getMessage() + ". Check which layer's cache you pass: linearBackward(dZ, cache.get(l)[0], W.get(l)), "
                    + "then activationBackward(dA, cache.get(l - 1)[1], act[l - 1]).";
        }
        if (got == null || got.size() != 2 * L || got.contains(null))
            return "Return 2L = " + 2 * L + " gradients, dW and db for each of the " + L + " layers, none of them null.";
        int top = 2 * (L - 1);
        if (got.get(top).allClose(Tensor.zeros(W.get(L - 1).shape())) && got.get(0).allClose(Tensor.zeros(W.get(0).shape())))
            return "backward returned zeros: the stub is still there.";
        for (int k = 0; k < 2 * L; k++) {
            Tensor ref = (k % 2 == 0 ? Wr : br).get(k / 2).grad();
            if (!Arrays.equals(got.get(k).shape(), ref.shape()))
                return "gradient " + k + " (" + (k % 2 == 0 ? "dW" : "db") + " of layer " + (k / 2 + 1) + ") has shape " + Arrays.toString(got.get(k).shape())
                        + ", expected " + Arrays.toString(ref.shape()) + ": are the gradients in the order of W (layer 1 first)?";
        }
        Tensor topGrad = Wr.get(L - 1).grad();
        if (got.get(top).allClose(topGrad.neg())) return "The top layer's gradient has the wrong sign: δ^L = (σ(Z^L) - y)/n, prediction minus label.";
        if (got.get(top).allClose(topGrad.mul(n)))
            return "The top layer's gradient is n = " + n + " times too large: δ^L = (σ(Z^L) - y)/n; the 1/n comes from the mean in the loss.";
        if (!got.get(top).allClose(topGrad, 1e-12, 1e-12))
            return "dW of the top layer should be " + topGrad + " but is " + got.get(top) + ": start from δ^L = (σ(Z^L) - y)/n.";
        for (int l = L - 2; l >= 0; l--) {
            if (!got.get(2 * l).allClose(Wr.get(l).grad(), 1e-12, 1e-12))
                return "Layers " + (l + 2) + " to " + L + " are right, but dW of layer " + (l + 1) + " is wrong: the step δ^" + (l + 2) + " -> δ^" + (l + 1) + " is. "
                        + "It is δ^l = (δ^(l+1) W^(l+1)) ⊙ f'(Z^l): dA from linearBackward, times the slope of the activation AFTER layer l (act[l - 1] in Java's counting) "
                        + "at THAT layer's pre-activation (cache.get(l - 1)[1]). Missing f', the Z of the wrong layer and the wrong activation name all fail here.";
            if (!got.get(2 * l + 1).allClose(br.get(l).grad(), 1e-12, 1e-12))
                return "db of layer " + (l + 1) + " is wrong while its dW is right: take db from the same linearBackward call.";
        }
        return null;
    }

    /** The notebook's forward pass: {A^(l-1), Z^l} per layer, the last layer's Z being the logit. */
    private static List<Tensor[]> forwardWithCache(Tensor X, List<Tensor> W, List<Tensor> b, String[] act) {
        List<Tensor[]> cache = new ArrayList<>();
        Tensor A = X;
        for (int l = 0; l < W.size(); l++) {
            Tensor Z = A.matmul(W.get(l).T()).add(b.get(l));
            cache.add(new Tensor[] {A, Z});
            A = l < W.size() - 1 ? activate(Z, act[l]) : Z;
        }
        return cache;
    }

    private static Tensor activate(Tensor Z, String f) {
        switch (f) {
            case "sigmoid": return Z.sigmoid();
            case "tanh": return Z.tanh();
            case "relu": return Z.relu();
            default: throw new IllegalArgumentException("activate: unknown activation \"" + f + "\": use sigmoid, tanh or relu");
        }
    }
}
