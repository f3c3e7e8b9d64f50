package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a message of the form "op: what is wrong: the values: how to fix". */
class NnErrorsTest {

    @Test
    void crossEntropyGivenOneHotOrProbabilitiesSaysItTakesClassIndices() {
        Tensor logits = Tensor.randn(new Generator(1), 3, 4);
        Tensor oneHot = Tensor.of(new double[][] {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}});
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, oneHot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CrossEntropyLoss: target has shape [3, 4], like one-hot vectors or probabilities, but "
                        + "CrossEntropyLoss takes class indices: a 1-d tensor of 3 whole numbers in 0..3: convert with "
                        + "target.argmax(1)");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, Tensor.of(0.2, 0.7, 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CrossEntropyLoss: labels must be whole numbers (class indices in 0..3): got 0.2 at index 0: "
                        + "CrossEntropyLoss takes class indices, not probabilities; for 0/1 probabilities of one class "
                        + "use BCEWithLogitsLoss");
    }

    @Test
    void crossEntropyGivenAColumnOfLabelsSaysToFlattenIt() {
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.randn(new Generator(1), 3, 4), Tensor.of(new double[][] {{1},
                {0}, {3}})))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("CrossEntropyLoss: target has shape [3, 1], a column of labels, but CrossEntropyLoss takes "
                        + "them as a 1-d tensor of 3 class indices: pass target.reshape(-1)");
    }

    @Test
    void crossEntropyLabelOutOfRangeNamesTheLabelAndTheClassCount() {
        Tensor logits = Tensor.randn(new Generator(1), 3, 10);
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, Tensor.of(3, 10, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CrossEntropyLoss: label 10 at index 1 is out of range for 10 classes: labels must be in "
                        + "0..9: give the model one output per class (11 outputs if labels go up to 10), or renumber "
                        + "the labels from 0");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(logits, Tensor.of(3, -1, 1)))
                .hasMessageStartingWith("CrossEntropyLoss: label -1 at index 1 is out of range for 10 classes");
    }

    @Test
    void crossEntropyShapeMistakes() {
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.randn(new Generator(1), 4), Tensor.of(1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("CrossEntropyLoss: logits must be 2-d (batch, classes): got shape [4]: for one sample use "
                        + "logits.reshape(1, -1)");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.randn(new Generator(1), 3, 4), Tensor.of(1, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("CrossEntropyLoss: logits [3, 4] need 3 labels but the target has shape [2]: pass one class "
                        + "index per sample, a 1-d tensor of length 3");
    }

    @Test
    void bceOutsideZeroOneSaysToApplySigmoid() {
        Tensor p = Tensor.of(0.2, 1.7, 0.5);
        assertThatThrownBy(() -> new BCELoss().forward(p, Tensor.of(0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCELoss: predictions must be in [0, 1]: got 1.7 at index [1] (shape [3]): BCELoss takes "
                        + "probabilities: apply sigmoid() first, or use BCEWithLogitsLoss on the raw scores");
        assertThatThrownBy(() -> new BCELoss().forward(Tensor.of(0.2, Double.NaN), Tensor.of(0, 1)))
                .hasMessageStartingWith("BCELoss: predictions must be in [0, 1]: got NaN at index [1]");
        assertThatThrownBy(() -> new BCELoss().forward(Tensor.of(0.2, 0.3), Tensor.of(0, 2)))
                .hasMessage("BCELoss: targets must be in [0, 1]: got 2.0 at index [1] (shape [2]): targets are 0/1 "
                        + "labels or probabilities");
    }

    @Test
    void predictionAndTargetShapesMustAgree() {
        Tensor column = Tensor.randn(new Generator(1), 4, 1);
        assertThatThrownBy(() -> new MSELoss().forward(column, Tensor.randn(new Generator(2), 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("MSELoss: prediction and target shapes differ: input [4, 1] vs target [4]: reshape the "
                        + "target to a column with target.reshape(-1, 1) (broadcasting (N, 1) against (N) would compare "
                        + "every prediction with every target)");
        assertThatThrownBy(() -> new BCEWithLogitsLoss().forward(Tensor.randn(new Generator(1), 4), Tensor.zeros(4, 1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("BCEWithLogitsLoss: prediction and target shapes differ: input [4] vs target "
                        + "[4, 1]: reshape the prediction to a column");
        assertThatThrownBy(() -> new BCELoss().forward(Tensor.full(0.5, 2, 3), Tensor.zeros(3, 2)))
                .hasMessage("BCELoss: prediction and target shapes differ: input [2, 3] vs target [3, 2]: pass a target "
                        + "of the prediction's shape, one value per model output");
    }

    @Test
    void layerShapeAndArgumentMistakes() {
        assertThatThrownBy(() -> new Linear(3, 2, new Generator(0)).forward(Tensor.zeros(5, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("Linear: input has shape [5, 4] but the layer expects 3 features in the last dimension "
                        + "(weight [2, 3]): pass (batch, 3), or build the layer as new Linear(4, 2)");
        assertThatThrownBy(() -> new Linear(0, 2))
                .hasMessage("Linear: feature counts must be positive: got in=0, out=2: pass the number of input features "
                        + "and of output features");
        assertThatThrownBy(() -> new Linear(3, 2, false, new Generator(0)).bias())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Linear: this layer was built without a bias (bias=false)");
        assertThatThrownBy(() -> new Dropout(1.5))
                .hasMessage("Dropout: probability must be in [0, 1]: got p=1.5: p is the fraction of activations to "
                        + "drop, e.g. 0.5");
        assertThatThrownBy(() -> new BatchNorm1d(3).forward(Tensor.zeros(1, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("BatchNorm1d: a batch of 1 sample has no variance to normalise by in training mode: input "
                        + "[1, 3]: use batches of 2 or more samples, or call eval() first to use the running statistics");
        assertThatThrownBy(() -> new BatchNorm1d(3).forward(Tensor.zeros(4, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("BatchNorm1d: input has shape [4, 2] but the layer expects (batch, 3): pass a 2-d batch with "
                        + "3 columns");
        assertThatThrownBy(() -> Init.xavierUniform(Tensor.zeros(3), new Generator(1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("Init: fan in and fan out need a tensor with at least 2 dimensions: got [3]: use "
                        + "uniform/normal/zeros for biases and other vectors");
    }

    @Test
    void loadStateDictNamesAndShapes() {
        Sequential m = new Sequential(new Linear(2, 3, new Generator(0)), new ReLU(), new Linear(3, 1, new Generator(1)));
        assertThatThrownBy(() -> m.loadStateDict(Map.of("0.weight", Tensor.zeros(3, 2))))
                .hasMessage("loadStateDict: names do not match: missing [0.bias, 2.bias, 2.weight], unexpected []: pass "
                        + "exactly the names of stateDict() (this module has [0.weight, 0.bias, 2.weight, 2.bias])");
        Map<String, Tensor> state = m.stateDict();
        state.put("2.weight", Tensor.zeros(3, 1));
        assertThatThrownBy(() -> m.loadStateDict(state))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("loadStateDict: 2.weight has shape [1, 3] but the values given have shape [3, 1]: pass a "
                        + "tensor of shape [1, 3]");
    }
}
