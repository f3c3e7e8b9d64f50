package backprop.data;

import backprop.nn.Module;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsTest {

    /** A model y = x Wᵀ with a (outputs, inputs) weight, standing in for a Linear layer. */
    static Module linear(int inputs, int outputs) {
        Tensor w = Tensor.randn(new Generator(1), outputs, inputs).requiresGrad(true);
        return new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input.matmul(w.transpose());
            }

            @Override
            public Map<String, Tensor> namedParameters() {
                return Map.of("weight", w);
            }
        };
    }

    @Test
    void namesIndicesAndOneHot() {
        Labels l = Labels.of("cat", "dog", "emu");
        assertThat(l.toString()).isEqualTo("{cat=0, dog=1, emu=2}");
        assertThat(l.index("emu")).isEqualTo(2);
        assertThat(l.name(1)).isEqualTo("dog");
        assertThat(l.encode("dog", "cat").toArray()).containsExactly(1, 0);
        assertThat(l.decode(Tensor.of(2, 0))).containsExactly("emu", "cat");
        assertThat(Labels.sorted(List.of("b", "a", "b")).toString()).isEqualTo("{a=0, b=1}");
        assertThat(Labels.fromIndices(Tensor.of(0, 2, 1, 2)).toString()).isEqualTo("{0=0, 1=1, 2=2}");
        assertThat(Labels.oneHot(Tensor.of(2, 0), 3).toArray2d()).isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}});
    }

    @Test
    void badLabelsAreExplained() {
        Labels l = Labels.of("cat", "dog");
        assertThatThrownBy(() -> l.index("Cat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index: no class named \"Cat\": the classes are {cat=0, dog=1} (names are case-sensitive)");
        assertThatThrownBy(() -> Labels.oneHot(Tensor.of(0, 3), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("oneHot: label 3.0 at position 1 is not a class index (a whole number in 0..2): pass integer class labels");
        assertThatThrownBy(() -> Labels.oneHot(Tensor.of(new double[][] {{0.2, 0.8}}), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one-hot rows or probabilities (use argmax(1) to turn those into labels)");
        assertThatThrownBy(() -> Labels.of("a", "b", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a\" appears twice");
    }

    @Test
    void checkOutputsComparesClassCountWithModelOutputs() {
        Labels three = Labels.of("Adelie", "Chinstrap", "Gentoo");
        three.checkOutputs(3);
        assertThatThrownBy(() -> three.checkOutputs(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkOutputs: the model gives 2 outputs per row but the target has 3 classes "
                        + "{Adelie=0, Chinstrap=1, Gentoo=2}: make the last layer Linear(hidden, 3): one output (logit) per class");
        Labels two = Labels.of("benign", "malignant");
        two.checkOutputs(1);
        two.checkOutputs(2);
        assertThatThrownBy(() -> two.checkOutputs(3)).hasMessageContaining("Linear(hidden, 1) with a sigmoid for BCELoss");
    }

    @Test
    void checkModelRunsOneRowAndLeavesTheModelAsItWas() {
        Labels three = Labels.of("a", "b", "c");
        Tensor x = Tensor.ones(5, 4);
        Module good = linear(4, 3);
        three.checkModel(good, x);
        assertThat(good.isTraining()).isTrue();
        assertThat(good.parameters().get(0).hasGrad()).isFalse();
        assertThatThrownBy(() -> three.checkModel(linear(4, 2), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkOutputs: the model gives 2 outputs per row but the target has 3 classes");
        Module evalModel = linear(4, 3);
        evalModel.eval();
        three.checkModel(evalModel, x);
        assertThat(evalModel.isTraining()).isFalse();
    }
}
