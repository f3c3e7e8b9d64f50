package backprop.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Creation, accessors and comparison: the parts of Tensor that are not operations. */
class TensorBasicsTest {
    @Test
    void creationFunctions() {
        assertThat(Tensor.zeros(2, 3).toArray()).containsOnly(0.0).hasSize(6);
        assertThat(Tensor.ones(4).toArray()).containsExactly(1, 1, 1, 1);
        assertThat(Tensor.full(2.5, 1, 2).toArray2d()).isEqualTo(new double[][] {{2.5, 2.5}});
        assertThat(Tensor.arange(4).toArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(1, 2, 0.25).toArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.arange(3, 0, -1).toArray()).containsExactly(3, 2, 1);
        assertThat(Tensor.arange(0, 1, 0.1).numel()).isEqualTo(10);   // as NumPy: the end is excluded
        assertThat(Tensor.linspace(0, 1, 5).toArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Tensor.linspace(3, 7, 1).toArray()).containsExactly(3);
        assertThat(Tensor.eye(3).toArray2d()).isEqualTo(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).shape()).containsExactly(2, 3);
        assertThat(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 1, 2).shape()).containsExactly(3, 1, 2);
        assertThat(Tensor.zeros(0, 3).numel()).isZero();
    }

    @Test
    void valuesAreCopiedInAndOut() {
        double[] source = {1, 2, 3};
        Tensor t = Tensor.of(source);
        source[0] = 99;
        assertThat(t.get(0)).isEqualTo(1.0);
        t.toArray()[1] = 99;
        assertThat(t.get(1)).isEqualTo(2.0);
        t.shape()[0] = 7;
        assertThat(t.shape()).containsExactly(3);
        double[][] rows = {{1, 2}, {3, 4}};
        Tensor m = Tensor.of(rows);
        rows[1][1] = 99;
        assertThat(m.get(1, 1)).isEqualTo(4.0);
    }

    @Test
    void scalarsAndAccessors() {
        Tensor s = Tensor.scalar(4.5);
        assertThat(s.ndim()).isZero();
        assertThat(s.numel()).isEqualTo(1);
        assertThat(s.shape()).isEmpty();
        assertThat(s.item()).isEqualTo(4.5);
        assertThat(s.get()).isEqualTo(4.5);
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        assertThat(t.ndim()).isEqualTo(3);
        assertThat(t.size(0)).isEqualTo(2);
        assertThat(t.size(-1)).isEqualTo(4);
        assertThat(t.get(1, 2, 3)).isEqualTo(23.0);
        assertThat(Tensor.of(0.4, 1.6, -2.5).toIntArray()).containsExactly(0, 2, -2);
    }

    @Test
    void equalityIsShapeAndExactValues() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertThat(a).isEqualTo(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        assertThat(a.hashCode()).isEqualTo(Tensor.of(new double[][] {{1, 2}, {3, 4}}).hashCode());
        assertThat(a).isNotEqualTo(a.reshape(4));
        assertThat(a).isNotEqualTo(a.add(1e-15));
        assertThat(a.allClose(a.add(1e-9))).isTrue();
        assertThat(a.allClose(a.add(1e-3))).isFalse();
        assertThat(a.allClose(a.mul(1.01), 0.02, 0)).isTrue();
        assertThat(a.allClose(a.reshape(4))).isFalse();
        assertThat(Tensor.of(Double.NaN).allClose(Tensor.of(Double.NaN))).isFalse();
        assertThat(a.requiresGrad(true)).isEqualTo(a.detach());   // gradients and graph are not compared
    }

    @Test
    void argmaxAlongAnAxisAndOverall() {
        Tensor t = Tensor.of(new double[][] {{1, 5, 2}, {7, 0, 7}});
        assertThat(t.argmax(1).toArray()).containsExactly(1, 0);   // the first of equal maxima
        assertThat(t.argmax(0).toArray()).containsExactly(1, 0, 1);
        assertThat(t.argmax()).isEqualTo(Tensor.scalar(3));        // a 0-d tensor, as torch.argmax()
        assertThat(t.argmax(1, true).shape()).containsExactly(2, 1);
        assertThat(t.argmax(1).requiresGrad()).isFalse();
    }

    @Test
    void reductionsAlongOneAxisDropItByDefault() {
        Tensor t = Tensor.of(new double[][] {{1, 5, 2}, {7, 0, 7}});
        assertThat(t.sum(0)).isEqualTo(Tensor.of(8, 5, 9));               // keepdim=false, as torch.sum(t, 0)
        assertThat(t.sum(1, true)).isEqualTo(Tensor.of(new double[][] {{8}, {14}}));
        assertThat(t.mean(1).allClose(Tensor.of(8.0 / 3, 14.0 / 3))).isTrue();
        assertThat(t.max(1)).isEqualTo(Tensor.of(5, 7));
        assertThat(t.min(0)).isEqualTo(Tensor.of(1, 0, 2));
    }

    @Test
    void gatherPicksAlongADimensionAsTorchGather() {
        Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor index = Tensor.of(new double[][] {{0, 0}, {1, 0}});
        assertThat(t.gather(1, index)).isEqualTo(Tensor.of(new double[][] {{1, 1}, {4, 3}}));   // y[i][j] = t[i][index[i][j]]
        assertThat(t.gather(0, index)).isEqualTo(Tensor.of(new double[][] {{1, 2}, {3, 2}}));   // y[i][j] = t[index[i][j]][j]
        Tensor w = t.detach().requiresGrad(true);
        w.gather(1, index).sum().backward();
        assertThat(w.grad()).isEqualTo(Tensor.of(new double[][] {{2, 0}, {1, 1}}));           // repeats add up
    }

    @Test
    void generatorsAndTheDefaultGenerator() {
        assertThat(Tensor.randn(2, 3).shape()).containsExactly(2, 3);                         // shapes are the arguments
        Tensor.manualSeed(42);
        Tensor first = Tensor.randn(2, 3);
        Tensor.manualSeed(42);
        assertThat(Tensor.randn(2, 3)).isEqualTo(first).isEqualTo(Tensor.randn(new Generator(42), 2, 3));
        assertThat(Tensor.rand(4)).isEqualTo(Tensor.rand(new Generator(42), 10).rows(6, 10));
    }

    @Test
    void emptyTensorsReduceAsPyTorchDoes() {
        assertThat(Tensor.zeros(0, 3).sum().item()).isZero();
        assertThat(Tensor.zeros(0, 3).sum(0, false)).isEqualTo(Tensor.zeros(3));
        assertThat(Tensor.zeros(0).mean().item()).isNaN();
        assertThat(Tensor.zeros(0, 3).rows(0, 0).shape()).containsExactly(0, 3);
    }

    @Test
    void namesInputsAndTheInPlacePath() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true).name("w");
        Tensor y = w.mul(3.0).name("y");
        assertThat(w.name()).isEqualTo("w");
        assertThat(y.inputs()).containsExactly(w);
        assertThat(y.gradFn()).isEqualTo("Mul");
        assertThat(w.gradData()).isNull();
        y.sum().backward();
        assertThat(w.gradData()).containsExactly(3.0, 3.0);
        w.dataForUpdate()[0] = 10;              // optimisers update leaves through this one path
        assertThat(w.get(0)).isEqualTo(10.0);
        assertThat(y.get(0)).isEqualTo(3.0);   // results already computed keep their values
        assertThat(Tensor.concat(0, w, w).gradFn()).isEqualTo("Concat");
        assertThat(Tensor.stack(0, w, w).gradFn()).isEqualTo("Stack");
    }

    @Test
    void randomTensorsHaveTheRightMoments() {
        Tensor n = Tensor.randn(new Generator(9), 100, 100);
        assertThat(n.mean().item()).isCloseTo(0, within(0.03));
        assertThat(n.square().mean().item()).isCloseTo(1, within(0.05));
        Tensor u = Tensor.uniform(-1, 3, new Generator(9), 10_000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-1);
        assertThat(u.max().item()).isLessThan(3);
        assertThat(u.mean().item()).isCloseTo(1, within(0.05));
    }
}
