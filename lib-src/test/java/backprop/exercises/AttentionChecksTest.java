package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.BinaryOperator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 14's checks: the right softmax and head backward passes pass, typical mistakes fail with the message that names them. */
class AttentionChecksTest {
    private static final BinaryOperator<Tensor> SOFTMAX_BACKWARD = (P, dP) -> P.mul(dP.sub(dP.mul(P).sum(1, true)));

    /** The head's backward pass; the flags plant one mistake each. */
    private static AttentionChecks.AttentionBackward head(boolean dvUntransposed, boolean noScale, boolean dkUntransposed) {
        return (dO, Q, K, V, P) -> {
            double root = noScale ? 1 : Math.sqrt(Q.size(1));
            Tensor dS = SOFTMAX_BACKWARD.apply(P, dO.matmul(V.T()));
            return new Tensor[] {dS.matmul(K).div(root), (dkUntransposed ? dS : dS.T()).matmul(Q).div(root), (dvUntransposed ? P : P.T()).matmul(dO)};
        };
    }

    @Test
    void theRightSoftmaxBackwardPasses() {
        assertThatCode(() -> AttentionChecks.softmaxBackward(SOFTMAX_BACKWARD)).doesNotThrowAnyException();
    }

    @Test
    void softmaxBackwardMistakesAreNamed() {
        assertThatThrownBy(() -> AttentionChecks.softmaxBackward((P, dP) -> Tensor.zeros(P.shape()))).isInstanceOf(AssertionError.class)
                .hasMessage("softmaxBackward returned zeros: the stub is still there.");
        assertThatThrownBy(() -> AttentionChecks.softmaxBackward((P, dP) -> P.mul(dP))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("You returned P ⊙ dP: the term -(g·p) is missing.");
        assertThatThrownBy(() -> AttentionChecks.softmaxBackward((P, dP) -> P.mul(dP.sub(dP.mul(P).sum(0, true))))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The sum g·p runs over the wrong axis");
        assertThatThrownBy(() -> AttentionChecks.softmaxBackward((P, dP) -> P.mul(dP).sum(1, true))).isInstanceOf(AssertionError.class)
                .hasMessage("dS must have S's shape [4, 6], got [4, 1].");
    }

    @Test
    void theRightHeadBackwardPasses() {
        assertThatCode(() -> AttentionChecks.attentionBackward(head(false, false, false))).doesNotThrowAnyException();
    }

    @Test
    void headBackwardMistakesAreNamed() {
        assertThatThrownBy(() -> AttentionChecks.attentionBackward(head(true, false, false))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("dV is P dO; it is Pᵀ dO.");
        assertThatThrownBy(() -> AttentionChecks.attentionBackward(head(false, true, false))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("dQ is √d times too large");
        assertThatThrownBy(() -> AttentionChecks.attentionBackward(head(false, false, true))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("dK is dS Q / √d: dS must be transposed.");
        assertThatThrownBy(() -> AttentionChecks.attentionBackward((dO, Q, K, V, P) -> new Tensor[] {Tensor.zeros(Q.shape()), Tensor.zeros(K.shape()), Tensor.zeros(V.shape())}))
                .isInstanceOf(AssertionError.class).hasMessage("attentionBackward returned zeros: the stub is still there.");
    }
}
