package backprop.exercises;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * The checks of notebook 14 (attention): Exercise 1, the row-wise softmax backward pass, and Exercise 2, the backward
 * pass of one head O = softmax(Q Kᵀ / √d) V.
 *
 * <p>Both compare the learner's function with autograd on seeded random inputs: a (4, 6) matrix of scores for the
 * softmax (L = Σ P ⊙ G, so dL/dP = G), six tokens of dimension 3 for the head (L = Σ O ⊙ G, so dL/dO = G). They must
 * agree to 1e-12 (absolute and relative). The typical mistakes (the −(g·p) term missing, the row sum over the wrong
 * axis, the factor P missing, an unweighted row sum; dV = P dO, dQ √d times too large, dQ skipping the softmax, dK
 * without the transpose) are recognised and named.
 *
 * <pre>{@code
 * AttentionChecks.softmaxBackward((P, dP) -> softmaxBackward(P, dP));
 * AttentionChecks.attentionBackward((dO, Q, K, V, P) -> attentionBackward(dO, Q, K, V, P));
 * }</pre>
 */
public final class AttentionChecks {
    private AttentionChecks() {
    }

    /** The learner's head backward pass: {dQ, dK, dV} from dO and the forward pass's Q, K, V and P. */
    @FunctionalInterface
    public interface AttentionBackward {
        Tensor[] apply(Tensor dO, Tensor Q, Tensor K, Tensor V, Tensor P);
    }

    /** Exercise 1: {@code softmaxBackward.apply(P, dP)} must be dL/dS; throws {@link AssertionError} naming the mistake. */
    public static void softmaxBackward(BinaryOperator<Tensor> softmaxBackward) {
        String problem = softmaxProblem(softmaxBackward);
        if (problem != null) throw new AssertionError(problem);
    }

    /** Exercise 2: {@code attentionBackward} must give autograd's {dQ, dK, dV}; throws {@link AssertionError} naming the mistake. */
    public static void attentionBackward(AttentionBackward attentionBackward) {
        String problem = attentionProblem(attentionBackward);
        if (problem != null) throw new AssertionError(problem);
    }

    /** softmax(Q Kᵀ / √d) V, the forward pass of notebook 14's {@code attend}. */
    private static Tensor attend(Tensor Q, Tensor K, Tensor V) {
        int n = Q.ndim(), d = Q.size(n - 1);
        return Q.matmul(K.transpose(n - 2, n - 1)).div(Math.sqrt(d)).softmax(n - 1).matmul(V);
    }

    static String softmaxProblem(BinaryOperator<Tensor> softmaxBackward) {
        Tensor S4 = Tensor.randn(new Generator(6), 4, 6).mul(1.5), G = Tensor.randn(new Generator(7), 4, 6);
        Tensor Sr = S4.detach().requiresGrad(true);
        Tensor P4 = Sr.softmax(1);
        P4.mul(G).sum().backward();                             // L = Σ P ⊙ G, so dL/dP = G
        Tensor ref = Sr.grad(), Pv = P4.detach(), got;
        try { got = softmaxBackward.apply(Pv, G); }
        catch (IllegalArgumentException e) { return "softmaxBackward stopped with: " + e.getMessage() + ". P and dP are both (4, 6); rowsum is dP.mul(P).sum(1, true), a (4, 1) column."; }
        if (got == null || !Arrays.equals(got.shape(), new int[] {4, 6})) return "dS must have S's shape [4, 6], got " + (got == null ? "null" : Arrays.toString(got.shape())) + ".";
        if (got.allClose(Tensor.zeros(4, 6))) return "softmaxBackward returned zeros: the stub is still there.";
        if (got.allClose(Pv.mul(G))) return "You returned P ⊙ dP: the term -(g·p) is missing. Each p_i also changes through the shared denominator, which gives -p_i p_j in the Jacobian: dS = P ⊙ (dP - rowsum(dP ⊙ P)).";
        if (got.allClose(Pv.mul(G.sub(G.mul(Pv).sum(0, true))))) return "The sum g·p runs over the wrong axis: sum(0) adds down the columns, but each ROW is one softmax. Use sum(1, true).";
        if (got.allClose(G.sub(G.mul(Pv).sum(1, true)))) return "The leading factor P is missing: dS = P ⊙ (dP - rowsum(dP ⊙ P)). Every entry of the Jacobian diag(p) - p pᵀ carries a factor p_j.";
        if (got.allClose(Pv.mul(G.sub(G.sum(1, true))))) return "The row sum must weight dP by P: g·p = Σ_j g_j p_j, dP.mul(P).sum(1, true), not the plain sum of dP.";
        if (!got.allClose(ref, 1e-12, 1e-12)) return "dS should be (autograd) " + ref + " but is " + got + ".";
        return null;
    }

    static String attentionProblem(AttentionBackward attentionBackward) {
        Tensor Qc = Tensor.randn(new Generator(8), 6, 3), Kc = Tensor.randn(new Generator(9), 6, 3), Vc = Tensor.randn(new Generator(10), 6, 3), G = Tensor.randn(new Generator(11), 6, 3);
        Tensor Qr = Qc.detach().requiresGrad(true), Kr = Kc.detach().requiresGrad(true), Vr = Vc.detach().requiresGrad(true);
        attend(Qr, Kr, Vr).mul(G).sum().backward();             // L = Σ O ⊙ G, so dL/dO = G
        Tensor Pc = Qc.matmul(Kc.T()).div(Math.sqrt(3)).softmax(1), dPc = G.matmul(Vc.T()), dS = Pc.mul(dPc.sub(dPc.mul(Pc).sum(1, true)));
        Tensor[] got;
        try { got = attentionBackward.apply(G, Qc, Kc, Vc, Pc); }
        catch (IllegalArgumentException e) { return "attentionBackward stopped with: " + e.getMessage() + ". With T = 6 tokens and d = 3: dO, Q, K, V are (6, 3), P and dS are (6, 6)."; }
        if (got == null || got.length != 3 || got[0] == null || got[1] == null || got[2] == null) return "Return three tensors: {dQ, dK, dV}.";
        for (int k = 0; k < 3; k++)
            if (!Arrays.equals(got[k].shape(), new int[] {6, 3})) return new String[] {"dQ", "dK", "dV"}[k] + " must have shape [6, 3], like Q, K and V; got " + Arrays.toString(got[k].shape()) + ".";
        if (got[0].allClose(Tensor.zeros(6, 3)) && got[2].allClose(Tensor.zeros(6, 3))) return "attentionBackward returned zeros: the stub is still there.";
        if (got[2].allClose(Pc.matmul(G))) return "dV is P dO; it is Pᵀ dO. O = P V, and the gradient of the right factor of a product is (left factor)ᵀ times dO.";
        if (!got[2].allClose(Vr.grad(), 1e-12, 1e-12)) return "dV should be Pᵀ dO = " + Vr.grad() + " but is " + got[2] + ".";
        if (got[0].allClose(Qr.grad().mul(Math.sqrt(3)))) return "dQ is √d times too large: the scores were divided by √d, so their gradient is divided by √d too: dQ = dS K / √d (and dK = dSᵀ Q / √d).";
        if (got[0].allClose(G.matmul(Vc.T()).matmul(Kc).div(Math.sqrt(3)))) return "dQ skips the softmax: dS is not dP. Pass dP = dO Vᵀ through softmaxBackward(P, dP) first.";
        if (!got[0].allClose(Qr.grad(), 1e-12, 1e-12)) return "dQ should be dS K / √d = " + Qr.grad() + " but is " + got[0] + " (dS = softmaxBackward(P, dO Vᵀ): is Exercise 1 right?).";
        if (got[1].allClose(dS.matmul(Qc).div(Math.sqrt(3)))) return "dK is dS Q / √d: dS must be transposed. S = Q Kᵀ puts K in the right factor as Kᵀ, so dKᵀ = Qᵀ dS and dK = dSᵀ Q / √d.";
        if (!got[1].allClose(Kr.grad(), 1e-12, 1e-12)) return "dK should be dSᵀ Q / √d = " + Kr.grad() + " but is " + got[1] + ".";
        return null;
    }
}
