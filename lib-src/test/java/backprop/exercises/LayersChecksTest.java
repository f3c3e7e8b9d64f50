package backprop.exercises;

import backprop.nn.Linear;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 08's checks: the right backward passes pass, typical wrong ones fail with the message naming them. */
class LayersChecksTest {
    static Tensor[] linear(Tensor dZ, Tensor A, Tensor W) { return new Tensor[] {dZ.matmul(W), dZ.T().matmul(A), dZ.sum(0)}; }

    static Tensor step(Tensor Z) {
        double[] s = Z.toArray();
        for (int i = 0; i < s.length; i++) s[i] = s[i] > 0 ? 1 : 0;
        return Tensor.of(s, Z.shape());
    }

    static Tensor activation(Tensor dA, Tensor Z, String f) {
        if (f.equals("sigmoid")) { Tensor s = Z.sigmoid(); return dA.mul(s.mul(s.neg().add(1))); }
        if (f.equals("tanh")) return dA.mul(Z.tanh().square().neg().add(1));
        if (f.equals("relu")) return dA.mul(step(Z));
        throw new IllegalArgumentException("unknown " + f);
    }

    /** The δ recursion; {@code deltaScale} 1 is right, 16 forgets the 1/n; {@code sameLayerZ} takes Z from the wrong layer. */
    static List<Tensor> backward(List<Tensor[]> cache, Tensor y, List<Tensor> W, String[] act, double deltaScale, boolean sameLayerZ) {
        int L = W.size(), n = y.size(0);
        Tensor[] grads = new Tensor[2 * L];
        Tensor dZ = cache.get(L - 1)[1].sigmoid().sub(y).div(n).mul(deltaScale);
        for (int l = L - 1; l >= 0; l--) {
            Tensor[] g = linear(dZ, cache.get(l)[0], W.get(l));
            grads[2 * l] = g[1];
            grads[2 * l + 1] = g[2];
            if (l > 0) dZ = activation(g[0], cache.get(sameLayerZ ? l : l - 1)[1], act[l - 1]);
        }
        return Arrays.asList(grads);
    }

    @Test
    void linearBackwardAcceptsTheRightFormulaAndNamesTransposeAndMean() {
        assertThatCode(() -> LayersChecks.linearBackward(LayersChecksTest::linear)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LayersChecks.linearBackward((dZ, A, W) -> new Tensor[] {dZ.matmul(W), A.T().matmul(dZ), dZ.sum(0)}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("dW has shape [4, 3], the transpose of W's [3, 4]");
        assertThatThrownBy(() -> LayersChecks.linearBackward((dZ, A, W) -> new Tensor[] {dZ.matmul(W), dZ.T().matmul(A).div(5), dZ.mean(0)}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("dW is 1/n = 1/5 of the right value");
        assertThatThrownBy(() -> LayersChecks.linearBackward((dZ, A, W) -> new Tensor[] {dZ.matmul(W.T()), dZ.T().matmul(A), dZ.sum(0)}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("linearBackward stopped with: ");
    }

    @Test
    void activationBackwardAcceptsTheSlopesAndNamesTheWrongOnes() {
        assertThatCode(() -> LayersChecks.activationBackward(LayersChecksTest::activation)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LayersChecks.activationBackward((dA, Z, f) -> dA))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("sigmoid: activationBackward returned dA unchanged");
        assertThatThrownBy(() -> LayersChecks.activationBackward((dA, Z, f) -> f.equals("relu") ? dA.mul(Z.relu()) : activation(dA, Z, f)))
                .isInstanceOf(AssertionError.class).hasMessage("relu: you multiplied by relu(Z); the slope is 1 where z > 0 and 0 elsewhere: step(Z).");
        assertThatThrownBy(() -> LayersChecks.activationBackward((dA, Z, f) -> f.equals("relu") || f.equals("softplus") ? dA.mul(step(Z)) : activation(dA, Z, f)))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("activationBackward(dA, Z, \"softplus\") returned a value");
    }

    @Test
    void backwardAcceptsTheDeltaRecursionAndNamesAMissingMeanAndTheWrongLayer() {
        Tensor X = Tensor.randn(new Generator(1), 16, 2), y = step(Tensor.rand(new Generator(2), 16, 1).sub(0.5));
        int[] widths = {2, 8, 8, 8, 1};
        String[] act = {"tanh", "relu", "sigmoid"};
        List<Tensor> W = new ArrayList<>(), b = new ArrayList<>();
        for (int l = 0; l < 4; l++) {
            Linear layer = new Linear(widths[l], widths[l + 1], new Generator(30 + l));
            W.add(layer.weight().detach());
            b.add(layer.bias().detach());
        }
        assertThatCode(() -> LayersChecks.backward((c, yy, w, a) -> backward(c, yy, w, a, 1, false), X, y, W, b, act)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LayersChecks.backward((c, yy, w, a) -> backward(c, yy, w, a, 16, false), X, y, W, b, act))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The top layer's gradient is n = 16 times too large");
        assertThatThrownBy(() -> LayersChecks.backward((c, yy, w, a) -> backward(c, yy, w, a, 1, true), X, y, W, b, act))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("Layers 4 to 4 are right, but dW of layer 3 is wrong");
        assertThatThrownBy(() -> LayersChecks.backward((c, yy, w, a) -> backward(c, yy, w, a, -1, false), X, y, W, b, act))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The top layer's gradient has the wrong sign");
    }
}
