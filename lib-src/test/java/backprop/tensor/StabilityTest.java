package backprop.tensor;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Inputs of ±1000 (logits of a badly scaled network) give finite values and finite gradients
 * wherever the mathematics is finite: logSoftmax, softmax, sigmoid and the log-sigmoid path.
 */
class StabilityTest {
    private static final double[] EXTREME = {1000, -1000, 0, 999.5, -999.5, 1};

    /** Forward and backward (with a non-uniform seed, so every term of the backward rule matters). */
    private static Tensor[] valueAndGrad(Function<Tensor, Tensor> f, Tensor input) {
        Tensor x = input.detach().requiresGrad(true);
        Tensor y = f.apply(x);
        Tensor seed = Tensor.arange(1, y.numel() + 1, 1).reshape(y.shape());
        y.backward(seed);
        return new Tensor[] {y, x.grad()};
    }

    private static void assertFinite(Tensor t, String what) {
        assertThat(Arrays.stream(t.toArray()).allMatch(Double::isFinite)).as(what + " finite: " + t).isTrue();
    }

    @Test
    void logSoftmaxIsFiniteAtThousands() {
        Tensor logits = Tensor.of(EXTREME, 2, 3);
        for (int axis : new int[] {0, 1, -1}) {
            Tensor[] r = valueAndGrad(x -> x.logSoftmax(axis), logits);
            assertFinite(r[0], "logSoftmax(" + axis + ")");
            assertFinite(r[1], "its gradient");
        }
        Tensor y = Tensor.of(1000, -1000).logSoftmax(0);
        assertThat(y.get(0)).isZero();
        assertThat(y.get(1)).isEqualTo(-2000.0);
    }

    @Test
    void softmaxIsFiniteAtThousands() {
        Tensor[] r = valueAndGrad(x -> x.softmax(1), Tensor.of(EXTREME, 2, 3));
        assertFinite(r[0], "softmax");
        assertFinite(r[1], "its gradient");
        assertThat(r[0].sum(1, false).toArray()).containsExactly(new double[] {1, 1}, within(1e-15));
    }

    @Test
    void sigmoidIsFiniteAtThousands() {
        Tensor[] r = valueAndGrad(Tensor::sigmoid, Tensor.of(EXTREME));
        assertFinite(r[0], "sigmoid");
        assertFinite(r[1], "its gradient");
        assertThat(r[0].get(0)).isEqualTo(1.0);
        assertThat(r[0].get(1)).isEqualTo(0.0);
        assertThat(new Value(1000).sigmoid().data()).isEqualTo(1.0);
        assertThat(new Value(-1000).sigmoid().data()).isEqualTo(0.0);
    }

    /** log(sigmoid(x)) is −∞ below x ≈ −745 in doubles; logSigmoid() is the finite path to the same value. */
    @Test
    void logSigmoidIsTheFinitePathForLogOfSigmoid() {
        Tensor x = Tensor.of(EXTREME);
        assertThat(x.sigmoid().log().get(1)).isEqualTo(Double.NEGATIVE_INFINITY);   // why logSigmoid exists
        Tensor[] r = valueAndGrad(Tensor::logSigmoid, x);
        assertFinite(r[0], "logSigmoid");
        assertFinite(r[1], "its gradient");
        assertThat(r[0].get(0)).isEqualTo(0.0);
        assertThat(r[0].get(1)).isEqualTo(-1000.0);
        assertThat(r[1].get(0)).isEqualTo(0.0);        // seed 1 · (1 − σ(1000))
        assertThat(r[1].get(1)).isEqualTo(2.0);        // seed 2 · (1 − σ(−1000))
        Tensor moderate = Tensor.of(-3, 0.5, 4);
        assertThat(moderate.logSigmoid().allClose(moderate.sigmoid().log(), 1e-15, 0)).isTrue();
    }

    /** Binary cross-entropy on logits, written with logSigmoid: finite loss and gradient for confident mistakes. */
    @Test
    void binaryCrossEntropyOnExtremeLogitsIsFinite() {
        Tensor target = Tensor.of(1, 0, 0, 1, 1, 0);
        Tensor[] r = valueAndGrad(z -> target.mul(z.logSigmoid()).add(target.neg().add(1).mul(z.neg().logSigmoid()))
                .mean().neg(), Tensor.of(EXTREME));
        assertFinite(r[0], "loss");
        assertFinite(r[1], "its gradient");
        // per sample −log p(label): 0, 0, log 2, 0, 999.5 (a confident mistake), 1 + log(1 + e⁻¹)
        assertThat(r[0].item()).isCloseTo((0 + 0 + Math.log(2) + 0 + 999.5 + (1 + Math.log1p(Math.exp(-1)))) / 6,
                within(1e-12));
    }

    /** Softmax cross-entropy (logSoftmax, gather, mean) with logits of ±1000. */
    @Test
    void crossEntropyOnExtremeLogitsIsFinite() {
        Tensor labels = Tensor.of(1, 2);
        Tensor[] r = valueAndGrad(z -> z.logSoftmax(1).gather(1, labels.reshape(-1, 1)).mean().neg(), Tensor.of(EXTREME, 2, 3));
        assertFinite(r[0], "loss");
        assertFinite(r[1], "its gradient");
        // row 1: −log p(class 1) = 1000 − (−1000) = 2000;  row 2: 999.5 − 1 = 998.5 (+ e^−1999, e^−998.5 terms)
        assertThat(r[0].item()).isEqualTo((2000 + 998.5) / 2);
    }

    @Test
    void tanhAndExpOfExtremesStayInRange() {
        Tensor[] r = valueAndGrad(Tensor::tanh, Tensor.of(EXTREME));
        assertFinite(r[0], "tanh");
        assertFinite(r[1], "its gradient");
        assertThat(Tensor.of(-1000).exp().item()).isZero();
    }

    @Test
    void nanPropagatesThroughReductionsInsteadOfHiding() {
        Tensor x = Tensor.of(1, Double.NaN, 3);
        assertThat(x.max().item()).isNaN();
        assertThat(x.min().item()).isNaN();
        assertThat(x.argmax().item()).isEqualTo(1);
        assertThat(Tensor.of(new double[] {1, 2, Double.NaN, 0}, 2, 2).max(1, false).toArray()[1]).isNaN();
        assertThat(x.sum().item()).isNaN();
    }
}
