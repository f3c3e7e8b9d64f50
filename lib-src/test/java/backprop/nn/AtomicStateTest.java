package backprop.nn;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A refused call changes nothing: no half-loaded model, no running statistics from a failed forward pass. */
class AtomicStateTest {
    private static Map<String, double[]> values(Module m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((name, t) -> out.put(name, t.toArray()));
        return out;
    }

    @Test
    void loadStateDictWithALaterShapeMismatchLoadsNothing() {
        Sequential model = new Sequential(new Linear(2, 3, new Generator(1)), new ReLU(), new Linear(3, 1, new Generator(2)));
        Sequential other = new Sequential(new Linear(2, 3, new Generator(5)), new ReLU(), new Linear(3, 2, new Generator(6)));
        Map<String, double[]> before = values(model);
        assertThatThrownBy(() -> model.loadStateDict(other.stateDict())).isInstanceOf(ShapeMismatchException.class)
                .hasMessage("loadStateDict: 2.weight has shape [1, 3] but the values given have shape [2, 3]: "
                        + "pass a tensor of shape [1, 3]");
        assertThat(values(model)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void loadStateDictWithANullValue() {
        Linear model = new Linear(2, 1, new Generator(1));
        Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
        state.put("bias", null);
        Map<String, double[]> before = values(model);
        assertThatThrownBy(() -> model.loadStateDict(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loadStateDict: the value for bias is null: pass a tensor of shape [1]");
        assertThat(values(model)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void aForwardPassThatFailsInALaterLayerLeavesBatchNormStatisticsAlone() {
        BatchNorm1d bn = new BatchNorm1d(4);
        Sequential model = new Sequential(new Linear(2, 4, new Generator(1)), bn, new Sequential(new ReLU(), new Linear(5, 1, new Generator(2))));
        Tensor x = Tensor.arange(16).reshape(8, 2).mul(0.1);
        Map<String, double[]> before = values(model);
        assertThatThrownBy(() -> model.forward(x)).isInstanceOf(ShapeMismatchException.class);
        assertThat(values(model)).usingRecursiveComparison().isEqualTo(before);
        assertThat(bn.numBatchesTracked()).isZero();

        Sequential good = new Sequential(new Linear(2, 4, new Generator(1)), bn);
        good.forward(x);                                        // a pass that succeeds still updates them
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
        assertThat(bn.runningMean().toArray()).isNotEqualTo(new double[4]);
    }
}
