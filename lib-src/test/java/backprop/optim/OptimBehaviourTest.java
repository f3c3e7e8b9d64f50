package backprop.optim;

import backprop.nn.Linear;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong calls and bad hyperparameters, asserted by text; skipping parameters without a gradient; toString. */
class OptimBehaviourTest {

    @Test
    void stepBeforeBackwardSaysToCallBackward() {
        Linear layer = new Linear(2, 1, new Generator(0));
        Optimizer opt = new SGD(layer.parameters(), 0.1);
        assertThatThrownBy(opt::step)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SGD.step: no parameter has a gradient: 2 parameters, none used in a backward pass yet: call "
                        + "loss.backward() first");
        assertThatThrownBy(() -> new Adam(layer.parameters()).step())
                .hasMessageStartingWith("Adam.step: no parameter has a gradient");
    }

    @Test
    void badLearningRatesAndEmptyParameterLists() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
        for (double lr : new double[] {0.0, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> new SGD(p, lr))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SGD: learning rate must be a positive finite number: got lr=" + lr + ": try a value "
                            + "such as 0.1 (SGD) or 0.001 (Adam)");
        }
        assertThatThrownBy(() -> new Adam(p, Double.POSITIVE_INFINITY))
                .hasMessageStartingWith("Adam: learning rate must be a positive finite number: got lr=Infinity");
        assertThatThrownBy(() -> new Adam(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Adam: the parameter list is empty: nothing to optimise: pass model.parameters() after "
                        + "building the model (or tensors marked with requiresGrad(true))");
        assertThatThrownBy(() -> new RMSprop(List.of(Tensor.zeros(2))))
                .hasMessage("RMSprop: parameter 0 (shape [2]) does not require grad, so it never gets a gradient: call "
                        + "requiresGrad(true) on it, or leave it out");
        assertThatThrownBy(() -> new SGD(p, 0.1).setLr(-1))
                .hasMessage("SGD.setLr: learning rate must be a finite number >= 0: got lr=-1.0: pass a small positive "
                        + "value");
    }

    @Test
    void badHyperparameters() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
        assertThatThrownBy(() -> new SGD(p, 0.1, 0.0, 0.0, 0.0, true))
                .hasMessage("SGD: Nesterov momentum requires momentum > 0 and dampening = 0: got momentum=0.0, "
                        + "dampening=0.0: set momentum (e.g. 0.9) and dampening 0");
        assertThatThrownBy(() -> new SGD(p, 0.1, 1.5))
                .hasMessage("SGD: momentum must be in [0.0, 1.0]: got 1.5: typical values are 0.9 or 0.99");
        assertThatThrownBy(() -> new Adam(p, 0.1, 0.9, 1.0, 1e-8, 0))
                .hasMessage("Adam: beta2 must be in [0.0, 1.0): got 1.0: the default is 0.999");
        assertThatThrownBy(() -> new StepLR(new SGD(p, 0.1), 0))
                .hasMessage("StepLR: step size must be positive: got 0: pass the number of epochs between decays, e.g. 30");
        assertThatThrownBy(() -> GradClip.clipGradNorm(p, -1))
                .hasMessage("clipGradNorm: maxNorm must be a finite number >= 0: got -1.0: typical values are 0.5 to 5");
    }

    @Test
    void parametersWithoutAGradientAreSkipped() {
        Tensor used = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor unused = Tensor.of(3.0, 4.0).requiresGrad(true);
        for (Optimizer opt : List.of(new SGD(List.of(used, unused), 0.1, 0.9, 0, 0.1, true),
                new Adam(List.of(used, unused), 0.1, 0.9, 0.999, 1e-8, 0.1), new AdamW(List.of(used, unused), 0.1),
                new RMSprop(List.of(used, unused), 0.1, 0.9, 1e-8, 0.1, 0.9, true))) {
            opt.zeroGrad();
            used.square().sum().backward();
            opt.step();
            assertThat(unused.toArray()).containsExactly(3.0, 4.0);
            assertThat(unused.hasGrad()).isFalse();
        }
        assertThat(used.get(0)).isLessThan(1.0);
    }

    @Test
    void plainSgdIsThetaMinusLrTimesGradient() {
        Tensor w = Tensor.of(1.0, -2.0).requiresGrad(true);
        SGD opt = new SGD(List.of(w), 0.25);
        w.square().sum().backward();             // gradient 2w = (2, −4)
        opt.step();
        assertThat(w.toArray()).containsExactly(0.5, -1.0);
        assertThat(opt.steps()).isEqualTo(1);
    }

    @Test
    void toStringPrintsEveryHyperparameter() {
        List<Tensor> p = new Linear(3, 2, new Generator(0)).parameters();
        assertThat(new SGD(p, 0.1, 0.9, 0.0, 1e-4, true)).hasToString(
                "SGD(lr=0.1, momentum=0.9, dampening=0.0, weightDecay=1.0E-4, nesterov=true; 2 parameter tensors, 8 "
                        + "numbers)");
        assertThat(new Adam(p)).hasToString("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0; "
                + "2 parameter tensors, 8 numbers)");
        assertThat(new AdamW(p)).hasToString("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01; "
                + "2 parameter tensors, 8 numbers)");
        assertThat(new RMSprop(p)).hasToString("RMSprop(lr=0.01, alpha=0.99, eps=1.0E-8, weightDecay=0.0, momentum=0.0, "
                + "centered=false; 2 parameter tensors, 8 numbers)");
        SGD sgd = new SGD(p, 0.1);
        StepLR s = new StepLR(sgd, 2);
        s.step();
        s.step();
        assertThat(s).hasToString("StepLR(stepSize=2, gamma=0.1, baseLr=0.1, lastEpoch=2, lr=" + (0.1 * 0.1) + ")");
        assertThat(new CosineAnnealingLR(new SGD(p, 0.1), 10)).hasToString(
                "CosineAnnealingLR(tMax=10, etaMin=0.0, baseLr=0.1, lastEpoch=0, lr=0.1)");
        assertThat(new ExponentialLR(new SGD(p, 0.1), 0.9)).hasToString(
                "ExponentialLR(gamma=0.9, baseLr=0.1, lastEpoch=0, lr=0.1)");
    }

    @Test
    void clipByNormKeepsDirectionAndReturnsTheNormBefore() {
        Tensor a = Tensor.of(3.0).requiresGrad(true);
        Tensor b = Tensor.of(4.0).requiresGrad(true);
        a.mul(a).div(2).add(b.mul(b).div(2)).sum().backward();   // gradients (3, 4), norm 5
        double norm = GradClip.clipGradNorm(List.of(a, b), 1.0);
        assertThat(norm).isEqualTo(5.0);
        assertThat(a.grad().item()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.grad().item()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
        GradClip.clipGradValue(List.of(a, b), 0.7);
        assertThat(b.grad().item()).isEqualTo(0.7);
        assertThat(GradClip.clipGradNorm(List.of(Tensor.zeros(2).requiresGrad(true)), 1.0)).isEqualTo(0.0);
    }
}
