package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import backprop.testing.Golden;
import backprop.testing.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static backprop.testing.Golden.assertClose;
import static backprop.testing.Golden.obj;
import static backprop.testing.Golden.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layers and losses against PyTorch 1.13 (float64): outputs and gradients to 1e-12 relative.
 * The golden values come from lib-src/test/python/gen_nn_golden.py.
 */
class NnGoldenTest {
    static final double TOL = 1e-12;
    static final Object LAYERS = Json.resource("/golden/nn_layers.json");
    static final Object LOSSES = Json.resource("/golden/nn_losses.json");

    static Module build(String name) {
        return switch (name) {
            case "linear" -> new Linear(3, 4, new Generator(0));
            case "linear_nobias" -> new Linear(3, 2, false, new Generator(0));
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "relu" -> new ReLU();
            case "leaky_relu_default" -> new LeakyReLU();
            case "leaky_relu_0.2" -> new LeakyReLU(0.2);
            case "softmax_dim1" -> new Softmax(1);
            case "softmax_dim0" -> new Softmax(0);
            case "log_softmax_dim1" -> new LogSoftmax(1);
            case "mlp" -> new Sequential(new Linear(3, 5, new Generator(0)), new Tanh(), new Linear(5, 4, new Generator(0)), new ReLU(),
                    new Linear(4, 2, new Generator(0)));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Forward and backward of one recorded case; compares output, input gradient and parameter gradients. */
    static void runCase(String component, Module m, Map<String, Object> c) {
        Tensor x = tensor(c, "input").requiresGrad(true);
        Tensor y = m.forward(x);
        y.mul(tensor(c, "upstream")).sum().backward();
        assertClose(component, "output", y, tensor(c, "output"), TOL);
        assertClose(component, "input gradient", x.grad(), tensor(c, "grad_input"), TOL);
        Map<String, Tensor> grads = Golden.tensors(c.get("grads"));
        assertThat(m.namedParameters().keySet()).containsExactlyElementsOf(grads.keySet());
        grads.forEach((name, g) -> assertClose(component, name + " gradient", m.namedParameters().get(name).grad(), g,
                TOL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "linear_nobias", "sigmoid", "tanh", "relu", "leaky_relu_default",
            "leaky_relu_0.2", "softmax_dim1", "softmax_dim0", "log_softmax_dim1", "mlp"})
    void layerMatchesPyTorch(String name) {
        Map<String, Object> c = obj(LAYERS, name);
        Module m = build(name);
        m.loadStateDict(Golden.tensors(c.get("state")));
        String component = name.startsWith("leaky") ? "LeakyReLU" : name.startsWith("softmax") ? "Softmax"
                : name.startsWith("linear") ? "Linear" : name.equals("mlp") ? "Sequential (MLP)"
                : m.getClass().getSimpleName();
        runCase(component, m, c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm", "batchnorm_noaffine"})
    @SuppressWarnings("unchecked")
    void batchNormMatchesPyTorchInTrainingAndEval(String name) {
        Map<String, Object> c = obj(LAYERS, name);
        boolean affine = name.equals("batchnorm");
        BatchNorm1d bn = new BatchNorm1d(4, 1e-5, 0.1, affine);
        bn.loadStateDict(Golden.tensors(c.get("initial_state")));
        for (Object step : (List<Object>) c.get("train_steps")) {
            Map<String, Object> s = (Map<String, Object>) step;
            bn.loadStateDict(Golden.tensors(s.get("state")));   // the state PyTorch had before this step
            bn.zeroGrad();
            runCase("BatchNorm1d (train)", bn, s);
        }
        Map<String, Tensor> after = Golden.tensors(obj(c, "eval").get("state"));
        assertClose("BatchNorm1d (running stats)", "running mean", bn.runningMean(), after.get("runningMean"), TOL);
        assertClose("BatchNorm1d (running stats)", "running var", bn.runningVar(), after.get("runningVar"), TOL);
        bn.eval();
        bn.zeroGrad();
        runCase("BatchNorm1d (eval)", bn, obj(c, "eval"));
        assertThat(bn.numBatchesTracked()).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runningStatisticsAccumulateLikePyTorchWithoutReloading() {
        Map<String, Object> c = obj(LAYERS, "batchnorm");
        BatchNorm1d bn = new BatchNorm1d(4);
        bn.loadStateDict(Golden.tensors(c.get("initial_state")));
        for (Object step : (List<Object>) c.get("train_steps")) {
            bn.forward(tensor(step, "input"));
        }
        Map<String, Tensor> expected = Golden.tensors(c.get("running_after"));
        assertClose("BatchNorm1d (running stats)", "running mean after 3 batches", bn.runningMean(),
                expected.get("runningMean"), TOL);
        assertClose("BatchNorm1d (running stats)", "running var after 3 batches", bn.runningVar(),
                expected.get("runningVar"), TOL);
    }

    static Loss loss(String name, Reduction r) {
        if (name.startsWith("mse")) {
            return new MSELoss(r);
        } else if (name.startsWith("bce_logits")) {
            return new BCEWithLogitsLoss(r);
        } else if (name.startsWith("bce")) {
            return new BCELoss(r);
        } else {
            return new CrossEntropyLoss(r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse_mean", "mse_sum", "mse_none", "bce_mean", "bce_sum", "bce_none", "bce_soft",
            "bce_logits_mean", "bce_logits_sum", "bce_logits_none", "bce_logits_soft", "bce_logits_extreme",
            "cross_entropy_mean", "cross_entropy_sum", "cross_entropy_none", "cross_entropy_extreme"})
    void lossMatchesPyTorch(String name) {
        Map<String, Object> c = obj(LOSSES, name);
        Reduction r = Reduction.valueOf(((String) c.get("reduction")).toUpperCase());
        Loss fn = loss(name, r);
        String component = fn.getClass().getSimpleName();
        Tensor x = tensor(c, "input").requiresGrad(true);
        Tensor l = fn.forward(x, tensor(c, "target"));
        l.mul(tensor(c, "upstream")).sum().backward();
        assertClose(component, "loss", l, tensor(c, "loss"), TOL);
        assertClose(component, "input gradient", x.grad(), tensor(c, "grad_input"), TOL);
    }

    /** At predictions of exactly 0 and 1 the loss is PyTorch's (log clamped at −100); the gradient there is 0 (flat clamp). */
    @Test
    void bceClampsTheLogAtMinus100AsPyTorch() {
        Map<String, Object> c = obj(LOSSES, "bce_edge_values");
        Tensor p = tensor(c, "input").requiresGrad(true);
        Tensor l = new BCELoss(Reduction.NONE).forward(p, tensor(c, "target"));
        assertClose("BCELoss", "edge values", l, tensor(c, "loss"), TOL);
        l.sum().backward();
        for (double g : p.grad().toArray()) {
            assertThat(Double.isFinite(g)).isTrue();
        }
    }

    @AfterAll
    static void printDeviations() {
        System.out.println("Largest relative deviation from PyTorch, per component:\n" + Golden.report());
    }
}
