package backprop.check;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker itself: it passes right gradients, and a wrong one is reported by input, index and values. */
class GradCheckTest {
    @Test
    void aWrongGradientIsNamedByInputIndexAndValues() {
        // L = Σ x_k y_kj², but row 1 of one factor is detached: at y[1, 0] = 3 with x[1] = 2 autograd sees
        // x₁·y₁₀ = 6 where the true derivative is 2·x₁·y₁₀ = 12
        Tensor x = Tensor.of(new double[] {1, 2}, 1, 2);
        Tensor y = Tensor.of(new double[] {0.5, -0.25, 3, 0}, 2, 2);   // y[1, 1] = 0: both derivatives 0 there
        assertThatThrownBy(() -> GradCheck.check(xs -> xs[0].matmul(xs[1].mul(hideRowOne(xs[1]))).sum(), x, y))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("gradcheck: input 1 at index [1, 0]: analytic gradient 6.0 but central "
                        + "differences give 12.00000000")
                .hasMessageEndingWith("(relative error 5.000e-01): the backward rule of an op on this path is "
                        + "wrong, or the function is not smooth here");
    }

    /** A tensor equal to y in row 0 and to y.detach() in row 1. */
    private static Tensor hideRowOne(Tensor y) {
        return Tensor.concat(0, y.rows(0, 1), y.detach().rows(1, 2));
    }

    @Test
    void runReturnsTheWorstElementWithoutThrowing() {
        GradCheck.Result r = GradCheck.run(xs -> xs[0].mul(xs[0].detach()).sum(), Tensor.of(1.5));
        assertThat(r.passed()).isFalse();
        assertThat(r.input()).isZero();
        assertThat(r.index()).containsExactly(0);
        assertThat(r.analytic()).isEqualTo(1.5);
        assertThat(r.numeric()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(r.maxRelError()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void aRightGradientPassesAndReportsItsWorstElement() {
        GradCheck.Result r = GradCheck.check(xs -> xs[0].softmax(1).mul(xs[1]).sum(0, false),
                Tensor.randn(new Generator(3), 2, 3), Tensor.randn(new Generator(4), 2, 3));
        assertThat(r.passed()).isTrue();
        assertThat(r.maxRelError()).isLessThan(GradCheck.REL_TOL);
        assertThat(r.toString()).startsWith("GradCheck(passed, max relative error ");
    }

    @Test
    void unusedInputsAndConstantFunctionsHaveZeroGradient() {
        GradCheck.Result unused = GradCheck.check(xs -> xs[0].square().sum(), Tensor.of(1, 2), Tensor.of(3, 4));
        assertThat(unused.passed()).isTrue();
        GradCheck.Result constant = GradCheck.check(xs -> Tensor.of(1, 2).sum(), Tensor.of(1, 2));
        assertThat(constant.passed()).isTrue();
        assertThat(constant.maxRelError()).isZero();
    }

    @Test
    void theInputsThemselvesAreLeftAlone() {
        Tensor x = Tensor.of(0.5, -1.0);
        GradCheck.check(xs -> xs[0].exp().sum(), x);
        assertThat(x).isEqualTo(Tensor.of(0.5, -1.0));
        assertThat(x.requiresGrad()).isFalse();
        assertThat(x.hasGrad()).isFalse();
    }
}
