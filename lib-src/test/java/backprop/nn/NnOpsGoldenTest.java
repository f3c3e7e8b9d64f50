package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import backprop.testing.Golden;
import backprop.testing.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static backprop.testing.Golden.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recurrent cell unrolled over time, convolution layers and a small CNN (convolution, ReLU, max pooling, tanh, average pooling, flatten, linear) against PyTorch 1.13 (float64), with PyTorch's parameters loaded: outputs and gradients
 * to 1e-12 relative. The golden values come from lib-src/test/python/gen_ops_golden.py.
 */
class NnOpsGoldenTest {
    static final Object GOLDEN = Json.resource("/golden/ops.json");

    static Module build(String name) {
        return switch (name) {
            case "Conv1d" -> new Conv1d(2, 3, 3, 1, 1, true, new Generator(0));
            case "Conv2d" -> new Conv2d(2, 3, 3, 2, 1, true, new Generator(0));
            case "Conv2d_nobias" -> new Conv2d(1, 2, 2, 1, 0, false, new Generator(0));
            case "cnn" -> new Sequential(new Conv2d(1, 4, 3, 1, 1, true, new Generator(0)), new ReLU(), new MaxPool2d(2),
                    new Conv2d(4, 6, 3, 1, 1, true, new Generator(0)), new Tanh(), new AvgPool2d(2), new Flatten(), new Linear(24, 3, new Generator(0)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"Conv1d", "Conv2d", "Conv2d_nobias", "cnn"})
    void layerMatchesPyTorch(String name) {
        Map<String, Object> c = obj(GOLDEN, name);
        Module m = build(name);
        m.loadStateDict(Golden.tensors(c.get("state")));
        NnGoldenTest.runCase(name.equals("cnn") ? "Sequential (CNN)" : name.replace("_nobias", ""), m, c);
    }

    /** The cell unrolled in a plain loop over the sequence (T, N, in), as the generator did; Σ_t sum(h_t · upstream_t). */
    @ParameterizedTest
    @ValueSource(strings = {"RNNCell_loop", "RNNCell_loop_h0"})
    void rnnCellUnrolledOverTimeMatchesPyTorch(String name) {
        Map<String, Object> c = obj(GOLDEN, name);
        Map<String, Tensor> state = Golden.tensors(c.get("state"));
        int[] w = state.get("weightIh").shape();
        RNNCell cell = new RNNCell(w[1], w[0], new Generator(0));
        cell.loadStateDict(state);
        Tensor xs = Golden.tensor(c, "input").requiresGrad(true);
        Tensor h0 = Golden.tensor(c, "h0").requiresGrad(true);
        Tensor h = h0;
        Tensor[] hs = new Tensor[xs.size(0)];
        for (int t = 0; t < hs.length; t++) {
            h = cell.forward(xs.select(0, t), h);
            hs[t] = h;
        }
        Tensor out = Tensor.stack(0, hs);
        out.mul(Golden.tensor(c, "upstream")).sum().backward();
        Golden.assertClose("RNNCell (unrolled)", "hidden states", out, Golden.tensor(c, "output"), 1e-12);
        Golden.assertClose("RNNCell (unrolled)", "input gradient", xs.grad(), Golden.tensor(c, "grad_input"), 1e-12);
        Golden.assertClose("RNNCell (unrolled)", "h0 gradient", h0.grad(), Golden.tensor(c, "grad_h0"), 1e-12);
        Map<String, Tensor> grads = Golden.tensors(c.get("grads"));
        assertThat(cell.namedParameters().keySet()).containsExactlyElementsOf(grads.keySet());
        grads.forEach((k, g) -> Golden.assertClose("RNNCell (unrolled)", k + " gradient",
                cell.namedParameters().get(k).grad(), g, 1e-12));
    }

    @Test
    void defaultStartIsUniformWithinOneOverRootFanIn() {
        Conv2d conv = new Conv2d(3, 8, 5, 1, 2, true, new Generator(7));
        double bound = 1 / Math.sqrt(3 * 5 * 5);
        assertThat(conv.weight().shape()).containsExactly(8, 3, 5, 5);
        for (Tensor p : conv.parameters()) {
            assertThat(p.requiresGrad()).isTrue();
            for (double v : p.toArray()) {
                assertThat(Math.abs(v)).isLessThan(bound);
            }
        }
        // a spread that fills the range: the largest weight is close to the bound
        assertThat(conv.weight().abs().max().item()).isGreaterThan(0.95 * bound);
        assertThat(new Conv2d(3, 8, 5, 1, 2, true, new Generator(7)).weight().toArray()).containsExactly(conv.weight().toArray());
        assertThat(new Conv1d(2, 4, 3, new Generator(9)).weight().shape()).containsExactly(4, 2, 3);
        Conv1d edge = new Conv1d(1, 1, 3, new Generator(0)).setWeight(Tensor.of(new double[] {-1, 0, 1}, 1, 1, 3)).setBias(Tensor.zeros(1));
        assertThat(edge.forward(Tensor.of(new double[] {1, 2, 4, 8}, 1, 1, 4)).toArray()).containsExactly(3, 6);
        assertThat(conv.numParameters()).isEqualTo(8 * 3 * 25 + 8);
        assertThat(conv).hasToString("Conv2d(3, 8, kernelSize=5, stride=1, padding=2, bias=true, seed=7)");
    }

    @Test
    void poolingAndFlattenLayersSayWhatTheyDo() {
        Tensor x = Tensor.arange(32).reshape(2, 1, 4, 4);
        assertThat(new MaxPool2d(2).forward(x).shape()).containsExactly(2, 1, 2, 2);
        assertThat(new AvgPool2d(3, 1).forward(x).shape()).containsExactly(2, 1, 2, 2);
        assertThat(new Flatten().forward(x).shape()).containsExactly(2, 16);
        assertThat(new MaxPool2d(2)).hasToString("MaxPool2d(kernelSize=2, stride=2)");
        assertThat(new AvgPool2d(3, 1)).hasToString("AvgPool2d(kernelSize=3, stride=1)");
        assertThat(new Flatten()).hasToString("Flatten(startDim=1, endDim=-1)");
        assertThat(new MaxPool2d(2).parameters()).isEmpty();
        assertThatThrownBy(() -> new MaxPool2d(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MaxPool2d: kernel size and stride must be >= 1: got kernelSize=0, stride=0: "
                        + "e.g. new MaxPool2d(2) halves each side");
        assertThatThrownBy(() -> new Conv2d(1, 8, 3, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2d: channel counts, kernel size and stride must be positive and padding >= 0: got "
                        + "inChannels=1, outChannels=8, kernelSize=3, stride=0, padding=1: e.g. new Conv2d(1, 8, 3, 1, 1) "
                        + "keeps the size of the input");
    }

    @AfterAll
    static void printDeviations() {
        System.out.println("Largest relative deviation from PyTorch, per layer:\n" + Golden.report());
    }
}
