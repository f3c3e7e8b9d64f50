package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Containers, names, modes, state, printing, initialisers and dropout. */
class ModuleTest {

    static Sequential mlp() {
        return new Sequential(new Linear(2, 16, new Generator(1)), new ReLU(), new BatchNorm1d(16), new Dropout(0.2, new Generator(3)),
                new Linear(16, 3, false, Init::xavierUniform, new Generator(2)));
    }

    @Test
    void namesFollowPyTorchsStateDict() {
        Sequential m = mlp();
        assertThat(m.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias",
                "4.weight");
        assertThat(m.namedBuffers().keySet()).containsExactly("2.runningMean", "2.runningVar");
        assertThat(m.parameters()).hasSize(5).allMatch(Tensor::requiresGrad);
        assertThat(m.numParameters()).isEqualTo(2 * 16 + 16 + 16 + 16 + 16 * 3);
        assertThat(m.stateDict().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight",
                "2.runningMean", "2.runningVar");
    }

    @Test
    void toStringListsLayersAndShapes() {
        assertThat(mlp().toString()).isEqualTo("""
                Sequential(
                  (0): Linear(inFeatures=2, outFeatures=16, bias=true, init=default, seed=1)   weight [16, 2], bias [16]
                  (1): ReLU()
                  (2): BatchNorm1d(numFeatures=16, eps=1.0E-5, momentum=0.1, affine=true)   weight [16], bias [16]
                  (3): Dropout(p=0.2, seed=3)
                  (4): Linear(inFeatures=16, outFeatures=3, bias=false, init=custom, seed=2)   weight [3, 16]
                )  128 parameters, training mode""");
        assertThat(mlp().summary(5, 2)).isEqualTo("""
                layer  type          output shape    parameters
                       input         [5, 2]
                (0)    Linear        [5, 16]         48  weight [16, 2], bias [16]
                (1)    ReLU          [5, 16]         0
                (2)    BatchNorm1d   [5, 16]         32  weight [16], bias [16]
                (3)    Dropout       [5, 16]         0
                (4)    Linear        [5, 3]          48  weight [3, 16]
                total parameters: 128""");
        assertThat(new Sequential(new Sequential(new Tanh()), new LeakyReLU(0.2)).eval().toString()).isEqualTo("""
                Sequential(
                  (0): Sequential(
                    (0): Tanh()
                  )  0 parameters, eval mode
                  (1): LeakyReLU(negativeSlope=0.2)
                )  0 parameters, eval mode""");
        assertThat(new Softmax()).hasToString("Softmax(axis=-1)");
        assertThat(new BCEWithLogitsLoss(Reduction.SUM)).hasToString("BCEWithLogitsLoss(reduction=SUM)");
    }

    @Test
    void trainAndEvalReachEveryLayer() {
        Sequential m = mlp();
        m.eval();
        for (Module layer : m.layers()) {
            assertThat(layer.isTraining()).isFalse();
        }
        m.train();
        assertThat(m.get(3).isTraining()).isTrue();
        Sequential added = new Sequential().eval();
        added.add(new Dropout(0.5, new Generator(1)));
        assertThat(added.get(0).isTraining()).isFalse();
    }

    @Test
    void stateDictRoundTripAndCopiesAreIndependent() {
        Sequential a = mlp();
        a.forward(Tensor.randn(new Generator(1), 8, 2));                       // moves the running statistics
        Sequential b = new Sequential(new Linear(2, 16, new Generator(9)), new ReLU(), new BatchNorm1d(16), new Dropout(0.2, new Generator(3)),
                new Linear(16, 3, false, new Generator(8)));
        b.loadStateDict(a.stateDict());
        a.eval();
        b.eval();
        Tensor x = Tensor.randn(new Generator(2), 4, 2);
        assertThat(b.forward(x)).isEqualTo(a.forward(x));
        Map<String, Tensor> copy = a.stateDict();
        copy.get("0.weight").dataForUpdate()[0] = 100;
        assertThat(((Linear) a.get(0)).weight().get(0, 0)).isNotEqualTo(100);
    }

    @Test
    void linearDefaultInitIsPyTorchsBoundFromTheSeed() {
        Linear l = new Linear(4, 3, new Generator(42));
        double bound = 1 / Math.sqrt(4);
        Generator rng = new Generator(42);
        for (double w : l.weight().toArray()) {
            assertThat(w).isEqualTo(rng.uniform(-bound, bound));
        }
        for (double b : l.bias().toArray()) {
            assertThat(b).isEqualTo(rng.uniform(-bound, bound));
        }
        assertThat(new Linear(4, 3, new Generator(42)).weight()).isEqualTo(l.weight());
        assertThat(new Linear(4, 3, new Generator(43)).weight()).isNotEqualTo(l.weight());
        Linear custom = new Linear(4, 3, true, Init::kaimingNormal, new Generator(5));
        assertThat(custom.bias().toArray()).containsOnly(0.0);
        assertThat(custom.weight()).isEqualTo(Init.kaimingNormal(Tensor.zeros(3, 4), new Generator(5)));
    }

    @Test
    void globalSeedMakesUnseededLayersReproducible() {
        Tensor.manualSeed(7);
        Tensor first = new Linear(3, 2).weight().detach();
        Tensor second = new Linear(3, 2).weight().detach();
        Tensor.manualSeed(7);
        assertThat(new Linear(3, 2).weight()).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void initialiserScalesFollowTheFormulas() {
        Tensor w = Tensor.zeros(200, 300);
        int fanIn = 300;
        int fanOut = 200;
        assertThat(Init.fanIn(w)).isEqualTo(fanIn);
        assertThat(Init.fanOut(w)).isEqualTo(fanOut);
        assertThat(maxAbs(Init.xavierUniform(w, new Generator(1)))).isLessThanOrEqualTo(Math.sqrt(6.0 / (fanIn + fanOut)))
                .isGreaterThan(0.99 * Math.sqrt(6.0 / (fanIn + fanOut)));
        assertThat(std(Init.xavierNormal(w, new Generator(2)))).isCloseTo(Math.sqrt(2.0 / (fanIn + fanOut)), within(0.005 * 0.06));
        assertThat(maxAbs(Init.kaimingUniform(w, new Generator(3)))).isLessThanOrEqualTo(Math.sqrt(6.0 / fanIn))
                .isGreaterThan(0.99 * Math.sqrt(6.0 / fanIn));
        assertThat(std(Init.kaimingNormal(w, new Generator(4)))).isCloseTo(Math.sqrt(2.0 / fanIn), within(0.01 * 0.08));
        assertThat(std(Init.normal(w, 0, 0.5, new Generator(5)))).isCloseTo(0.5, within(0.005));
        assertThat(Init.zeros(w).toArray()).containsOnly(0.0);
        assertThat(Init.gain("tanh")).isEqualTo(5.0 / 3.0);
        assertThat(Init.gain("relu")).isEqualTo(Math.sqrt(2));
    }

    @Test
    void dropoutIsInvertedSeededAndIdentityInEval() {
        Tensor x = Tensor.ones(100, 100);
        Dropout d = new Dropout(0.25, new Generator(11));
        double[] y = d.forward(x).toArray();
        int zeros = 0;
        for (double v : y) {
            assertThat(v == 0.0 || v == 1 / 0.75).isTrue();
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros / 1e4).isCloseTo(0.25, within(0.015));
        assertThat(new Dropout(0.25, new Generator(11)).forward(x)).isEqualTo(Tensor.of(y, 100, 100));
        assertThat(d.forward(x)).isNotEqualTo(Tensor.of(y, 100, 100));     // a new mask each pass
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
        assertThat(new Dropout(1.0, new Generator(1)).forward(x).toArray()).containsOnly(0.0);
        assertThat(new Dropout(0.0, new Generator(1)).forward(x)).isSameAs(x);
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInEval() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new double[][] {{1, 10}, {3, 20}, {5, 60}});
        Tensor y = bn.forward(x);
        assertThat(y.mean(0, false).toArray()).containsExactly(new double[] {0, 0}, within(1e-12));
        // running mean 0.9·0 + 0.1·batch mean; running var 0.9·1 + 0.1·unbiased var
        assertThat(bn.runningMean().toArray()).containsExactly(new double[] {0.3, 3.0}, within(1e-12));
        assertThat(bn.runningVar().toArray()).containsExactly(new double[] {0.9 + 0.1 * 4, 0.9 + 0.1 * 700},
                within(1e-12));
        bn.eval();
        Tensor e = bn.forward(x);
        assertThat(e.get(0, 0)).isCloseTo((1 - 0.3) / Math.sqrt(1.3 + 1e-5), within(1e-12));
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
    }

    @Test
    void penaltiesSumSquaresOrAbsoluteValuesOfTheWeights() {
        Linear l = new Linear(2, 2, new Generator(0)).setWeight(Tensor.of(new double[][] {{1, -2}, {3, 0}}))
                .setBias(Tensor.of(5, 5));
        Sequential m = new Sequential(l);
        assertThat(Penalty.weightsOf(m)).containsExactly(l.weight());
        assertThat(Penalty.l2(Penalty.weightsOf(m)).item()).isEqualTo(14.0);
        assertThat(Penalty.l1(List.of(l.weight(), l.bias())).item()).isEqualTo(16.0);
    }

    private static double maxAbs(Tensor t) {
        return t.abs().max().item();
    }

    private static double std(Tensor t) {
        return Math.sqrt(t.sub(t.mean()).square().mean().item());
    }
}
