package backprop.nn;

import backprop.check.GradCheck;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every layer and loss: the gradients backward() computes, with respect to the input and to every
 * parameter, agree with central differences, on seeded random inputs.
 */
class NnGradCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky", "softmax", "softmax0", "logsoftmax"})
    void activationGradientsMatchCentralDifferences(String name) {
        Module m = switch (name) {
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "relu" -> new ReLU();
            case "leaky" -> new LeakyReLU(0.1);
            case "softmax" -> new Softmax();
            case "softmax0" -> new Softmax(0);
            default -> new LogSoftmax(1);
        };
        // values kept away from ReLU's kink at 0, where the derivative is not defined
        Tensor x = Tensor.uniform(0.1, 2.0, new Generator(7), 4, 5).mul(Tensor.of(new double[] {1, -1, 1, -1, 1}, 5));
        GradCheck.check(xs -> m.forward(xs[0]), x);
    }

    @Test
    void linearLayerGradientsDirectly() {
        // the parameters of the layer, perturbed in place, against the backward pass of the layer itself
        for (boolean bias : new boolean[] {true, false}) {
            Linear layer = new Linear(3, 2, bias, new Generator(9));
            Tensor x = Tensor.randn(new Generator(4), 5, 3);
            LayerCheck.checkParameters(layer, x);
        }
    }

    @Test
    void sequentialGradientsDirectly() {
        Sequential mlp = new Sequential(new Linear(3, 5, new Generator(1)), new Tanh(), new Linear(5, 4, new Generator(2)), new Sigmoid(),
                new Linear(4, 2, new Generator(3)));
        LayerCheck.checkParameters(mlp, Tensor.randn(new Generator(6), 7, 3));
    }

    @Test
    void batchNormGradientsInTrainingAndEval() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Init.normal(bn.weight(), 1, 0.5, new Generator(3));
        Init.normal(bn.bias(), 0, 0.5, new Generator(4));
        Tensor x = Tensor.randn(new Generator(12), 8, 3).mul(2).add(1);
        LayerCheck.checkParameters(bn, x);           // training: batch statistics (gradient flows through μ and σ²)
        for (int i = 0; i < 5; i++) {
            bn.forward(Tensor.randn(new Generator(20 + i), 8, 3));   // move the running statistics away from 0 and 1
        }
        bn.eval();
        LayerCheck.checkParameters(bn, x);           // eval: running statistics are constants
        BatchNorm1d plain = new BatchNorm1d(3, 1e-5, 0.1, false);
        LayerCheck.checkParameters(plain, x);
    }

    @Test
    void dropoutGradientIsTheSameMaskScaled() {
        // a fresh layer with the same seed per evaluation, so every evaluation sees the same mask
        Function<Tensor[], Tensor> f = xs -> new Dropout(0.3, new Generator(77)).forward(xs[0]);
        GradCheck.check(f, Tensor.randn(new Generator(13), 5, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MEAN", "SUM", "NONE"})
    void lossGradientsMatchCentralDifferences(String reduction) {
        Reduction r = Reduction.valueOf(reduction);
        Tensor target = Tensor.randn(new Generator(21), 5, 3);
        GradCheck.check(xs -> new MSELoss(r).forward(xs[0], target), Tensor.randn(new Generator(22), 5, 3));

        Tensor p = Tensor.uniform(0.05, 0.95, new Generator(23), 5, 3);
        Tensor hard = Tensor.of(new double[] {1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0}, 5, 3);
        GradCheck.check(xs -> new BCELoss(r).forward(xs[0], hard), p);
        Tensor soft = Tensor.rand(new Generator(25), 5, 3);
        GradCheck.check(xs -> new BCELoss(r).forward(xs[0], soft), p);

        Tensor z = Tensor.randn(new Generator(26), 5, 3).mul(3);
        GradCheck.check(xs -> new BCEWithLogitsLoss(r).forward(xs[0], hard), z);
        GradCheck.check(xs -> new BCEWithLogitsLoss(r).forward(xs[0], soft), z);

        Tensor labels = Tensor.of(0, 2, 1, 3, 3, 0);
        GradCheck.check(xs -> new CrossEntropyLoss(r).forward(xs[0], labels), Tensor.randn(new Generator(27), 6, 4).mul(2));
    }

    @Test
    void penaltyGradients() {
        Tensor w = Tensor.uniform(0.1, 1, new Generator(30), 3, 2).mul(Tensor.of(1, -1));
        GradCheck.check(xs -> Penalty.l2(List.of(xs[0], xs[1])), w, Tensor.randn(new Generator(31), 4));
        GradCheck.check(xs -> Penalty.l1(List.of(xs[0])), w);
    }
}
