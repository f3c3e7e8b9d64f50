package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 13's BPTT check: the right loop passes, each typical mistake fails with the message that names it. */
class RecurrenceChecksTest {
    /** The BPTT loop; the flags plant one mistake each. */
    private static RecurrenceChecks.Bptt loop(boolean forwardInTime, boolean transposed, boolean hNotPrevious) {
        return (x, h, g, whh, delta) -> {
            int T = h.length - 1, H = whh.size(0);
            Tensor dWih = Tensor.zeros(H, x[1].size(1)), dWhh = Tensor.zeros(H, H), db = Tensor.zeros(H), dA = null;
            Tensor w = transposed ? whh.T() : whh;
            for (int k = 0; k < T; k++) {
                int t = forwardInTime ? k + 1 : T - k;
                delta[t] = dA == null ? g[t] : dA.matmul(w).add(g[t]);
                dA = delta[t].mul(h[t].square().neg().add(1));
                dWhh = dWhh.add(dA.T().matmul(hNotPrevious ? h[t] : h[t - 1]));
                dWih = dWih.add(dA.T().matmul(x[t]));
                db = db.add(dA.sum(0));
            }
            return new Tensor[] {dWih, dWhh, db};
        };
    }

    @Test
    void theRightLoopPasses() {
        assertThatCode(() -> RecurrenceChecks.bptt(loop(false, false, false))).doesNotThrowAnyException();
    }

    @Test
    void theStubIsRecognised() {
        RecurrenceChecks.Bptt stub = (x, h, g, whh, delta) ->
                new Tensor[] {Tensor.zeros(whh.size(0), x[1].size(1)), Tensor.zeros(whh.size(0), whh.size(0)), Tensor.zeros(whh.size(0))};
        assertThatThrownBy(() -> RecurrenceChecks.bptt(stub)).isInstanceOf(AssertionError.class)
                .hasMessage("bptt filled no delta[t] and returned zeros: the stub is still there.");
    }

    @Test
    void aLoopForwardInTimeIsNamed() {
        assertThatThrownBy(() -> RecurrenceChecks.bptt(loop(true, false, false))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("delta[1] is the local gradient alone and delta[T] is not: your loop runs forward in time.");
    }

    @Test
    void aTransposedRecurrentMatrixIsNamed() {
        assertThatThrownBy(() -> RecurrenceChecks.bptt(loop(false, true, false))).isInstanceOf(AssertionError.class)
                .hasMessage("delta[5] uses W_hh transposed. a_(t+1) = ... + h_t W_hhᵀ, so its backward pass multiplies by W_hh itself: (n, H)(H, H), no .T().");
    }

    @Test
    void theCurrentInsteadOfThePreviousStateIsNamed() {
        assertThatThrownBy(() -> RecurrenceChecks.bptt(loop(false, false, true))).isInstanceOf(AssertionError.class)
                .hasMessage("dWhh pairs ∂L/∂a_t with h_t; the input of W_hh at step t is the PREVIOUS state: Σ_t (∂L/∂a_t)ᵀ h_(t-1).");
    }

    @Test
    void theSmallCaseIsTheSameEveryCall() {
        RecurrenceChecks.SmallCase a = RecurrenceChecks.smallCase(), b = RecurrenceChecks.smallCase();
        for (int t = 1; t <= RecurrenceChecks.STEPS; t++) {
            if (!a.h()[t].allClose(b.h()[t], 0, 0) || !a.g()[t].allClose(b.g()[t], 0, 0)) throw new AssertionError("step " + t + " differs");
        }
    }
}
