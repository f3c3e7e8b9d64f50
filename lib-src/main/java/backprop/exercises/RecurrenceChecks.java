package backprop.exercises;

import backprop.nn.RNNCell;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * The check of notebook 13 (backpropagation through time), exercise "the BPTT backward loop".
 *
 * <p>The learner's loop runs on a small case ({@link #smallCase()}: 6 steps, 4 sequences, 2 input features, 5 hidden
 * units, a random local gradient G_t at every step, so that L = Σ_t Σ h_t ⊙ G_t). The reference is autograd on the
 * same cell: each h_t gets a zero leaf added to it, whose gradient is ∂L/∂h_t. Every δ_t and the gradients of W_ih,
 * W_hh and the bias must equal autograd's to 1e-12 (absolute and relative); the typical mistakes (loop forward in
 * time, tanh' factor missing or taken at the wrong step, local gradient missing, W_hh transposed, h_t instead of
 * h_(t-1) in ∂L/∂W_hh) are recognised and named.
 *
 * <pre>{@code
 * RecurrenceChecks.bptt((x, h, g, W, d) -> bptt(x, h, g, W, d));   // throws AssertionError naming the mistake
 * }</pre>
 */
public final class RecurrenceChecks {
    /** Steps, sequences, input features and hidden units of the check's small case. */
    public static final int STEPS = 6, SEQUENCES = 4, FEATURES = 2, HIDDEN = 5;

    private RecurrenceChecks() {
    }

    /** The learner's BPTT loop: fills {@code delta[1..T]} and returns {dL/dW_ih, dL/dW_hh, dL/db}. */
    @FunctionalInterface
    public interface Bptt {
        Tensor[] apply(Tensor[] x, Tensor[] h, Tensor[] g, Tensor whh, Tensor[] delta);
    }

    /**
     * The check's case: the cell, the inputs {@code x[1..T]} (n, d), the hidden states {@code h[0..T]} (n, H) as plain
     * values ({@code h[0]} = 0), and the local gradients {@code g[1..T]} (n, H); index 0 of {@code x} and {@code g} is unused.
     */
    public record SmallCase(RNNCell cell, Tensor[] x, Tensor[] h, Tensor[] g) {
    }

    /** A fresh copy of the small case (its cell has no gradients yet); the same numbers every call. */
    public static SmallCase smallCase() {
        RNNCell cell = new RNNCell(FEATURES, HIDDEN, new Generator(20));
        Tensor xs = Tensor.randn(new Generator(21), STEPS, SEQUENCES, FEATURES);
        Tensor[] x = new Tensor[STEPS + 1], g = new Tensor[STEPS + 1], h = new Tensor[STEPS + 1];
        h[0] = Tensor.zeros(SEQUENCES, HIDDEN);
        for (int t = 1; t <= STEPS; t++) {
            x[t] = xs.select(0, t - 1);
            g[t] = Tensor.randn(new Generator(30 + t), SEQUENCES, HIDDEN);
            h[t] = cell.forward(x[t], h[t - 1]);
        }
        for (int t = 0; t <= STEPS; t++) h[t] = h[t].detach();
        return new SmallCase(cell, x, h, g);
    }

    /** Runs the learner's loop on the small case; throws {@link AssertionError} naming the mistake unless it equals autograd. */
    public static void bptt(Bptt bptt) {
        String problem = bpttProblem(bptt);
        if (problem != null) throw new AssertionError(problem);
    }

    /** What is wrong with the learner's loop, or null if it matches autograd. */
    static String bpttProblem(Bptt bptt) {
        int TC = STEPS, NC = SEQUENCES, HC = HIDDEN;
        SmallCase small = smallCase();
        Tensor[] xC = small.x(), hC = small.h(), GC = small.g();
        RNNCell c = small.cell();
        Tensor[] probe = new Tensor[TC + 1];
        Tensor hh = Tensor.zeros(NC, HC), L = Tensor.scalar(0);
        for (int t = 1; t <= TC; t++) {
            probe[t] = Tensor.zeros(NC, HC).requiresGrad(true);
            hh = c.forward(xC[t], hh).add(probe[t]);                 // h_t + 0: probe[t].grad() will be dL/dh_t
            L = L.add(hh.mul(GC[t]).sum());                          // L_t = Σ h_t ⊙ G_t
        }
        L.backward();
        Tensor W = c.weightHh().detach();
        Tensor[] delta = new Tensor[TC + 1];
        Tensor[] got = bptt.apply(xC, hC, GC, W, delta);
        if (delta[TC] == null && got[1].allClose(Tensor.zeros(HC, HC))) return "bptt filled no delta[t] and returned zeros: the stub is still there.";
        for (int t = 1; t <= TC; t++) if (delta[t] == null) return "delta[" + t + "] is null: fill delta[t] for every t from 1 to T = " + TC + ".";
        if (delta[1].allClose(GC[1]) && !delta[TC].allClose(GC[TC]))
            return "delta[1] is the local gradient alone and delta[T] is not: your loop runs forward in time. h_1 influences every later step, so δ_1 collects from all of them; δ_T has nothing after it (δ_T = ∂L_T/∂h_T). Loop from t = T down to 1.";
        if (!delta[TC].allClose(GC[TC], 1e-12, 1e-12)) return "delta[T] should be the local gradient g[T] alone: no step comes after T.";
        for (int t = TC - 1; t >= 1; t--) {
            Tensor ref = probe[t].grad(), next = probe[t + 1].grad();
            if (delta[t].allClose(ref, 1e-12, 1e-12)) continue;
            Tensor one = Tensor.ones(NC, HC);
            if (delta[t].allClose(next.matmul(W).add(GC[t]))) return "delta[" + t + "] is δ_(t+1) W_hh + g_t: the tanh' factor is missing. Going back through h_(t+1) = tanh(a_(t+1)) multiplies by 1 − h²_(t+1) first: (δ_(t+1) ⊙ (1 − h²_(t+1))) W_hh.";
            Tensor dA = next.mul(one.sub(hC[t + 1].square()));
            if (delta[t].allClose(dA.matmul(W))) return "delta[" + t + "] misses the local gradient: h_t also changes its own loss L_t, so add g[t] = ∂L_t/∂h_t to what comes back from step t + 1.";
            if (delta[t].allClose(dA.matmul(W.T()).add(GC[t]))) return "delta[" + t + "] uses W_hh transposed. a_(t+1) = ... + h_t W_hhᵀ, so its backward pass multiplies by W_hh itself: (n, H)(H, H), no .T().";
            if (delta[t].allClose(next.mul(one.sub(hC[t].square())).matmul(W).add(GC[t]))) return "delta[" + t + "] takes the tanh' factor at the wrong step: δ_(t+1) goes back through h_(t+1) = tanh(a_(t+1)), so the factor is 1 − h²_(t+1) (in your loop: dA = δ_t ⊙ (1 − h_t²), with h[t], not h[t - 1]).";
            return "delta[" + t + "] should be " + ref + " (autograd) but is " + delta[t] + ": δ_t = (δ_(t+1) ⊙ (1 − h²_(t+1))) W_hh + g_t.";
        }
        Tensor dWhh = c.weightHh().grad();
        if (!Arrays.equals(got[1].shape(), new int[] {HC, HC})) return "dWhh has shape " + Arrays.toString(got[1].shape()) + ", not W_hh's [" + HC + ", " + HC + "].";
        if (!got[1].allClose(dWhh, 1e-12, 1e-12)) {
            if (got[1].allClose(dWhh.T())) return "dWhh is transposed: it is Σ_t (∂L/∂a_t)ᵀ h_(t-1), (H, n)(n, H), with ∂L/∂a_t first.";
            Tensor withHt = Tensor.zeros(HC, HC);
            for (int t = 1; t <= TC; t++) withHt = withHt.add(probe[t].grad().mul(Tensor.ones(NC, HC).sub(hC[t].square())).T().matmul(hC[t]));
            if (got[1].allClose(withHt)) return "dWhh pairs ∂L/∂a_t with h_t; the input of W_hh at step t is the PREVIOUS state: Σ_t (∂L/∂a_t)ᵀ h_(t-1).";
            return "dWhh should be " + dWhh + " but is " + got[1] + ": Σ_t (δ_t ⊙ (1 − h_t²))ᵀ h_(t-1).";
        }
        if (!got[0].allClose(c.weightIh().grad(), 1e-12, 1e-12)) return "dWih should be Σ_t (δ_t ⊙ (1 − h_t²))ᵀ x_t = " + c.weightIh().grad() + " but is " + got[0] + ".";
        if (!got[2].allClose(c.biasIh().grad(), 1e-12, 1e-12)) return "db should be Σ_t of (δ_t ⊙ (1 − h_t²)) summed over the sequences (axis 0) = " + c.biasIh().grad() + " but is " + got[2] + ".";
        return null;
    }
}
