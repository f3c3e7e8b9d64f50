package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 15's checks: the right score function and surrogate loss pass, typical mistakes fail with the message that names them. */
class PolicyChecksTest {
    private static Tensor oneHot(int a, int k) {
        return PolicyChecks.oneHot(a, k);
    }

    private static Tensor pick(Tensor m, int[] actions) {
        return PolicyChecks.pick(m, actions);
    }

    @Test
    void theRightScoreFunctionPasses() {
        assertThatCode(() -> PolicyChecks.gradLogPi((z, a) -> oneHot(a, z.size(0)).sub(z.softmax(0)))).doesNotThrowAnyException();
    }

    @Test
    void scoreFunctionMistakesAreNamed() {
        assertThatThrownBy(() -> PolicyChecks.gradLogPi((z, a) -> z.softmax(0).sub(oneHot(a, z.size(0))))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The sign is flipped: you returned pi - onehot(a)");
        assertThatThrownBy(() -> PolicyChecks.gradLogPi((z, a) -> oneHot(a, z.size(0)))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Only onehot(a)");
        assertThatThrownBy(() -> PolicyChecks.gradLogPi((z, a) -> Tensor.zeros(z.shape()))).isInstanceOf(AssertionError.class)
                .hasMessage("gradLogPi returned zeros: the stub is still there.");
    }

    @Test
    void theRightSurrogateLossPasses() {
        assertThatCode(() -> PolicyChecks.reinforceLoss((logits, actions, rewards, baseline) ->
                pick(logits.logSoftmax(1), actions).mul(Tensor.of(rewards).sub(baseline.detach())).mean().neg())).doesNotThrowAnyException();
    }

    @Test
    void surrogateLossMistakesAreNamed() {
        assertThatThrownBy(() -> PolicyChecks.reinforceLoss((logits, actions, rewards, baseline) ->
                pick(logits.logSoftmax(1), actions).mul(Tensor.of(rewards).sub(baseline.detach())).mean())).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The sign is flipped: this loss's gradient points along the REINFORCE estimate");
        assertThatThrownBy(() -> PolicyChecks.reinforceLoss((logits, actions, rewards, baseline) ->
                pick(logits.logSoftmax(1), actions).mul(Tensor.of(rewards).sub(baseline)).mean().neg())).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The gradient flowed into the baseline");
        assertThatThrownBy(() -> PolicyChecks.reinforceLoss((logits, actions, rewards, baseline) -> Tensor.scalar(0.0))).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The loss does not depend on the logits");
    }
}
