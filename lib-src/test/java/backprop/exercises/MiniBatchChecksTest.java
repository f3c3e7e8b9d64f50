package backprop.exercises;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 03's check: the right training step passes, a step before backward and a missing zeroGrad are named. */
class MiniBatchChecksTest {
    @Test
    void zeroGradForwardBackwardStepLandsOnTheHandComputedWeights() {
        double[] w = MiniBatchChecks.trainStep((model, lossFn, opt, b) -> {
            opt.zeroGrad();
            lossFn.forward(model.forward(b.x()), b.y()).backward();
            opt.step();
        });
        assertThat(w[0]).isCloseTo(44.0 / 75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w[1]).isCloseTo(308.0 / 225, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aMissingZeroGradAndAStepBeforeBackwardAreNamed() {
        assertThatThrownBy(() -> MiniBatchChecks.trainStep((model, lossFn, opt, b) -> {
            lossFn.forward(model.forward(b.x()), b.y()).backward();
            opt.step();
        })).isInstanceOf(AssertionError.class).hasMessageStartingWith("Step 1 is right but step 2 gives w = ")
                .hasMessageContaining("Call opt.zeroGrad() before backward().");
        assertThatThrownBy(() -> MiniBatchChecks.trainStep((model, lossFn, opt, b) -> {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(b.x()), b.y());
            opt.step();
            loss.backward();
        })).isInstanceOf(AssertionError.class).hasMessageStartingWith("opt.step() found no gradient");
        assertThatThrownBy(() -> MiniBatchChecks.trainStep((model, lossFn, opt, b) -> { }))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The weights did not move: the stub is still there.");
    }
}
