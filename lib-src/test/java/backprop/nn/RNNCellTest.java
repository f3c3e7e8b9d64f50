package backprop.nn;

import backprop.check.GradCheck;
import backprop.tensor.Generator;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A recurrent cell unrolled in a plain Java loop: autograd records every step, the shared parameters collect
 * (+=) the gradient of every step, and the result agrees with central differences and with the formula.
 */
class RNNCellTest {
    static Tensor real(Generator rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] v = t.dataForUpdate();
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.uniform(-1, 1);
        }
        return t;
    }

    /** L = Σ_t Σ h_t · w_t over the unrolled sequence, accumulated with loss = loss.add(...) in the loop. */
    static Tensor unrolledLoss(RNNCell cell, Tensor xs, Tensor h0, Tensor weights) {
        Tensor h = h0;
        Tensor loss = Tensor.scalar(0);
        for (int t = 0; t < xs.size(0); t++) {
            h = cell.forward(xs.select(0, t), h);
            loss = loss.add(h.mul(weights.select(0, t)).sum());
        }
        return loss;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 12})
    void backpropagationThroughTimeMatchesCentralDifferences(int steps) {
        Generator rng = new Generator(1700 + steps);
        RNNCell cell = new RNNCell(3, 4, new Generator(11));
        Tensor xs = real(rng, steps, 2, 3);
        Tensor h0 = real(rng, 2, 4);
        Tensor weights = real(rng, steps, 2, 4);
        // the inputs and the initial state, through every step
        GradCheck.check(in -> unrolledLoss(cell, in[0], in[1], weights), xs, h0);
        // each shared parameter: its gradient is the sum over all steps
        cell.zeroGrad();
        unrolledLoss(cell, xs, h0, weights).backward();
        for (var entry : cell.namedParameters().entrySet()) {
            Tensor p = entry.getValue();
            Tensor start = p.detach();
            Function<Tensor, Tensor> lossAt = v -> {
                Module.copyInto("test", entry.getKey(), p, v);
                return unrolledLoss(cell, xs, h0, weights);
            };
            GradCheck.checkGradient(lossAt, start, p.grad());
            Module.copyInto("test", entry.getKey(), p, start);
        }
    }

    /**
     * After backward() every hidden state of the unrolled loop holds ∂L/∂h_t (what a plot of the gradient norm per
     * time step shows), and it follows the recursion of backpropagation through time:
     * δ_T = ∂L/∂h_T,  δ_t = (δ_{t+1} ⊙ (1 − h_{t+1}²)) W_hh.
     */
    @Test
    void hiddenStateGradientsFollowTheDeltaRecursion() {
        Generator rng = new Generator(1801);
        RNNCell cell = new RNNCell(3, 4, new Generator(21));
        Tensor xs = real(rng, 6, 2, 3);
        Tensor w = real(rng, 2, 4);
        Tensor[] hs = new Tensor[7];
        hs[0] = Tensor.zeros(2, 4).requiresGrad(true);
        for (int t = 1; t <= 6; t++) {
            hs[t] = cell.forward(xs.select(0, t - 1), hs[t - 1]);
        }
        hs[6].mul(w).sum().backward();
        Tensor delta = w;
        for (int t = 6; t >= 0; t--) {
            assertThat(hs[t].grad().sub(delta).abs().max().item()).as("step %d", t).isLessThan(1e-12);
            if (t > 0) {
                Tensor slope = Tensor.ones(2, 4).sub(hs[t].detach().square());      // tanh' = 1 − h²
                delta = delta.mul(slope).matmul(cell.weightHh().detach());
            }
        }
    }

    @Test
    void oneStepIsTheFormula() {
        RNNCell cell = new RNNCell(2, 3, new Generator(5));
        Tensor x = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}});
        Tensor h = Tensor.of(new double[][] {{0.1, 0.2, 0.3}, {-0.3, 0, 0.4}});
        Tensor expected = x.matmul(cell.weightIh().transpose()).add(cell.biasIh())
                .add(h.matmul(cell.weightHh().transpose()).add(cell.biasHh())).tanh();
        assertThat(cell.forward(x, h).toArray()).containsExactly(expected.toArray());
        // no h: a zero state, as PyTorch
        assertThat(cell.forward(x).toArray()).containsExactly(cell.forward(x, Tensor.zeros(2, 3)).toArray());
        // one unbatched step: x (in), h (hidden)
        assertThat(cell.forward(x.select(0, 1), h.select(0, 1)).toArray())
                .containsExactly(expected.select(0, 1).toArray());
    }

    @Test
    void defaultStartAndNames() {
        RNNCell cell = new RNNCell(3, 16, new Generator(2));
        assertThat(cell.namedParameters().keySet()).containsExactly("weightIh", "weightHh", "biasIh", "biasHh");
        assertThat(cell.numParameters()).isEqualTo(16 * 3 + 16 * 16 + 16 + 16);
        double bound = 1 / Math.sqrt(16);
        for (Tensor p : cell.parameters()) {
            assertThat(p.requiresGrad()).isTrue();
            assertThat(p.abs().max().item()).isLessThan(bound);
        }
        assertThat(cell.weightHh().abs().max().item()).isGreaterThan(0.9 * bound);
        assertThat(new RNNCell(3, 16, new Generator(2)).weightHh().toArray()).containsExactly(cell.weightHh().toArray());
        assertThat(new RNNCell(3, 4, false, new Generator(1)).namedParameters().keySet()).containsExactly("weightIh", "weightHh");
        assertThat(cell).hasToString("RNNCell(3, 16, bias=true, nonlinearity=tanh, seed=2)");
        cell.setWeightHh(Tensor.eye(16).mul(0.5)).setWeightIh(Tensor.ones(16, 3));
        assertThat(cell.weightHh().get(3, 3)).isEqualTo(0.5);
        assertThat(cell.weightIh().get(15, 2)).isEqualTo(1.0);
        assertThatThrownBy(() -> cell.setWeightHh(Tensor.eye(3))).isInstanceOf(ShapeMismatchException.class)
                .hasMessage("RNNCell.setWeightHh: weightHh has shape [16, 16] but the values given have shape [3, 3]: "
                        + "pass a tensor of shape [16, 16]");
    }

    @Test
    void errorsSayWhatIsWrongAndHowToFixIt() {
        RNNCell cell = new RNNCell(3, 4, new Generator(0));
        assertThatThrownBy(() -> cell.forward(Tensor.zeros(5, 2, 3), Tensor.zeros(2, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("RNNCell: input has shape [5, 2, 3] but the cell expects (N, 3) or (3): pass one time step "
                        + "of the sequence, e.g. xs.select(0, t) for xs of shape (T, N, 3)");
        assertThatThrownBy(() -> cell.forward(Tensor.zeros(2, 3), Tensor.zeros(4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("RNNCell: hidden state has shape [4] but the input [2, 3] needs [2, 4]: start from "
                        + "Tensor.zeros(2, 4) and pass each step's output back in");
        assertThatThrownBy(() -> new RNNCell(3, 4, false, new Generator(0)).biasHh())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("RNNCell: this cell was built without biases (bias=false), so it has no biasHh: check "
                        + "hasBias() first, or build it with biases");
    }
}
