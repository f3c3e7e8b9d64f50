package backprop.check;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** checkGradient and numericGradient: a gradient derived by hand, checked against central differences. */
class HandGradientTest {
    @Test
    void numericGradientIsTheCentralDifferenceOfEachElement() {
        // f = Σ x³ + x0·x1: ∂f/∂x0 = 3·x0² + x1, ∂f/∂x1 = 3·x1² + x0, ∂f/∂x2 = 3·x2²
        Tensor x = Tensor.of(1.5, -2.0, 4.0);
        Tensor g = GradCheck.numericGradient(t -> t.pow(3).sum().add(t.rows(0, 1).mul(t.rows(1, 2)).sum()), x);
        assertThat(g.shape()).containsExactly(3);
        assertThat(g.get(0)).isCloseTo(3 * 2.25 - 2.0, offset(1e-7));
        assertThat(g.get(1)).isCloseTo(3 * 4.0 + 1.5, offset(1e-7));
        assertThat(g.get(2)).isCloseTo(3 * 16.0, offset(1e-7));
        assertThat(x).isEqualTo(Tensor.of(1.5, -2.0, 4.0));
    }

    @Test
    void aRightHandGradientPasses() {
        // L(w) = Σ (1.5·w − 1)², dL/dw = 2(1.5·w − 1)·1.5, elementwise
        Tensor w = Tensor.of(new double[] {2.0, -0.5, 0.25, 1.0}, 2, 2);
        Tensor hand = w.mul(1.5).sub(1).mul(3.0);
        GradCheck.Result r = GradCheck.checkGradient(x -> x.mul(1.5).sub(1).square().sum(), w, hand);
        assertThat(r.passed()).isTrue();
        assertThat(r.input()).isZero();
        assertThat(r.maxRelError()).isLessThan(GradCheck.REL_TOL);
        assertThat(w.requiresGrad()).isFalse();
    }

    @Test
    void aMissingChainRuleFactorIsNamedByIndexAndValues() {
        // forgetting the inner derivative 1.5: claimed 2(1.5·w − 1) instead of 3(1.5·w − 1); at w = 2: 4 vs 6
        assertThatThrownBy(() -> GradCheck.checkGradient(x -> x.mul(1.5).sub(1).square(), Tensor.scalar(2.0),
                Tensor.scalar(2 * (1.5 * 2.0 - 1))))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("checkGradient: at index [] the claimed gradient is 4.000000000 but "
                        + "central differences give 6.000000000 (relative error 3.333e-01)")
                .hasMessageEndingWith("): the derivation is wrong here (a flipped sign? a "
                        + "missing chain-rule factor?), or the function is not smooth here");
    }

    @Test
    void theWorstElementIsReported() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0);
        Tensor claimed = Tensor.of(2.0, -4.0, 6.0);          // ∇ Σx² = 2x; element 1 has the sign flipped
        assertThatThrownBy(() -> GradCheck.checkGradient(t -> t.square().sum(), x, claimed))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("checkGradient: at index [1] the claimed gradient is -4.000000000 but "
                        + "central differences give 4.000000000 (relative error 2.000e+00)");
    }

    @Test
    void wrongShapesAndNonScalarFunctionsAreRejected() {
        assertThatThrownBy(() -> GradCheck.checkGradient(t -> t.square().sum(), Tensor.of(1.0, 2.0), Tensor.of(2.0)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("checkGradient: the claimed gradient has shape [1] but x has shape [2]: pass one "
                        + "derivative per element of x, in x's shape");
        assertThatThrownBy(() -> GradCheck.numericGradient(t -> t.square(), Tensor.of(1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numericGradient: f must return a scalar (the loss): got shape [2]: reduce it, e.g. with "
                        + ".sum() or .mean()");
    }
}
