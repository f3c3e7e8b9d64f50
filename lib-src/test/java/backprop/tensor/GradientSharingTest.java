package backprop.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Operations that pass a gradient on unchanged (a + b, a − b for a, x + c, reshape) hand the very array to
 * an intermediate input that has no gradient yet (Tensor.passGradient). These check that every tensor
 * still sees its own gradient: when the input receives more afterwards, when a gradient is read or zeroed
 * later, and when the same tensor is both operands.
 */
class GradientSharingTest {
    @Test
    void anInputThatReceivesMoreLeavesTheOutputsGradientAlone() {
        Tensor w = Tensor.of(1, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(0.5, 0.5, 0.5).requiresGrad(true);
        Tensor h = w.mul(2.0);                       // intermediate
        Tensor z = h.add(b);                         // z's gradient is passed to h ...
        Tensor loss = z.sum().add(h.mul(3.0).sum()); // ... which then receives 3 more from the second use
        loss.backward();
        assertThat(z.grad().toArray()).containsExactly(1, 1, 1);
        assertThat(h.grad().toArray()).containsExactly(4, 4, 4);
        assertThat(w.grad().toArray()).containsExactly(8, 8, 8);
        assertThat(b.grad().toArray()).containsExactly(1, 1, 1);
    }

    @Test
    void aChainOfPassedGradientsStaysCorrectWhenOneLinkIsZeroed() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor h = w.mul(3.0);
        Tensor r = h.reshape(2, 1).sub(1.0).add(Tensor.of(new double[] {1, 1}, 2, 1));
        r.sum().backward(Tensor.scalar(2.0), true);
        assertThat(h.grad().toArray()).containsExactly(2, 2);
        assertThat(r.grad().toArray()).containsExactly(2, 2);
        r.zeroGrad();                                // zeroing one must not zero the others
        assertThat(h.grad().toArray()).containsExactly(2, 2);
        assertThat(w.grad().toArray()).containsExactly(6, 6);
        h.gradData()[0] = 100;                       // the live array of one is its own
        assertThat(r.grad().toArray()).containsExactly(0, 0);
        assertThat(h.grad().toArray()).containsExactly(100, 2);
    }

    @Test
    void theSameTensorAsBothOperandsGetsBothContributions() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor h = w.mul(1.0);
        Tensor y = h.add(h).sub(h.neg());            // 3h
        y.sum().backward();
        assertThat(h.grad().toArray()).containsExactly(3, 3);
        assertThat(w.grad().toArray()).containsExactly(3, 3);
    }

    @Test
    void aSecondBackwardThroughARetainedGraphAddsUp() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = w.mul(2.0).add(1.0).sum();
        y.backward(Tensor.scalar(1.0), true);
        y.backward(Tensor.scalar(1.0), true);
        assertThat(w.grad().toArray()).containsExactly(4, 4);
    }
}
