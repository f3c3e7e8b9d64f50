package backprop.exercises;

import backprop.data.Dataset;
import backprop.data.Synthetic;
import backprop.nn.Linear;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 07's checks: the right gradients pass, typical wrong ones fail with the message naming them. */
class HiddenLayerChecksTest {
    static final Dataset MOONS = Synthetic.moons(200, 0.15, 42);
    static final Tensor X4 = MOONS.x().rows(0, 4), Y4 = MOONS.y().rows(0, 4).reshape(4, 1);
    static final Tensor X10 = MOONS.x().rows(0, 10), Y10 = MOONS.y().rows(0, 10).reshape(10, 1);
    static final Linear L1 = new Linear(2, 3, new Generator(1)), L2 = new Linear(3, 1, new Generator(2));
    static final Tensor W1 = L1.weight(), B1 = L1.bias(), W2 = L2.weight(), B2 = L2.bias();
    static final Tensor A1 = X4.matmul(W1.T()).add(B1).tanh(), Y_HAT = A1.matmul(W2.T()).add(B2).sigmoid();

    static Tensor[] hidden(Tensor dZ2, Tensor w2, Tensor a1, Tensor x) {
        Tensor dZ1 = dZ2.matmul(w2).mul(a1.square().neg().add(1));
        return new Tensor[] {dZ1, dZ1.T().matmul(x)};
    }

    static void checkHidden(HiddenLayerChecks.HiddenGrads mine) {
        HiddenLayerChecks.hiddenGrads(mine, W1, B1, W2, B2, X4, Y4, "the four points", X10, Y10, "ten points");
    }

    @Test
    void gradW2AcceptsTheMeanProductAndNamesTransposeSignAndMissingMean() {
        Tensor right = HiddenLayerChecks.gradW2((yh, y, a1) -> yh.sub(y).T().matmul(a1).div(4), Y_HAT, Y4, A1, W2, B2);
        assertThat(right.shape()).containsExactly(1, 3);
        assertThatThrownBy(() -> HiddenLayerChecks.gradW2((yh, y, a1) -> a1.T().matmul(yh.sub(y)).div(4), Y_HAT, Y4, A1, W2, B2))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The shape is [3, 1], the transpose of W2's [1, 3]");
        assertThatThrownBy(() -> HiddenLayerChecks.gradW2((yh, y, a1) -> y.sub(yh).T().matmul(a1).div(4), Y_HAT, Y4, A1, W2, B2))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The sign is flipped");
        assertThatThrownBy(() -> HiddenLayerChecks.gradW2((yh, y, a1) -> yh.sub(y).T().matmul(a1), Y_HAT, Y4, A1, W2, B2))
                .isInstanceOf(AssertionError.class).hasMessage("4 times too large: the 1/n of the mean loss is missing (n = 4 here). Divide by n.");
    }

    @Test
    void hiddenGradsAcceptsTheDeltaAndNamesAMissingSlopeAndADoubledMean() {
        assertThatCode(() -> checkHidden(HiddenLayerChecksTest::hidden)).doesNotThrowAnyException();
        assertThatThrownBy(() -> checkHidden((dZ2, w2, a1, x) -> { Tensor d = dZ2.matmul(w2); return new Tensor[] {d, d.T().matmul(x)}; }))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("δ1 equals dL/dA1: the factor tanh'(Z1) = 1 - A1² is missing.");
        assertThatThrownBy(() -> checkHidden((dZ2, w2, a1, x) -> { Tensor[] g = hidden(dZ2, w2, a1, x); return new Tensor[] {g[0], g[1].div(x.size(0))}; }))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("On the four points dW1 is n = 4 times too small");
        assertThatThrownBy(() -> checkHidden((dZ2, w2, a1, x) -> new Tensor[] {Tensor.zeros(a1.shape()), Tensor.zeros(a1.size(1), x.size(1))}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("hiddenGrads returned zeros: the stub is still there.");
    }
}
