package backprop.exercises;

import backprop.check.GradCheck;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 06's check: the right gradient passes on both data sets, typical wrong ones fail with their message. */
class LogisticChecksTest {
    static final Tensor XA = Tensor.of(new double[] {1, 2, -1, 0.5, 0.3, -2, 2, 1}, 4, 2), YA = Tensor.of(new double[] {1, 0, 0, 1}, 4);
    static final Tensor WA = Tensor.of(new double[] {-0.5, -0.4}, 2);
    static final Tensor XB = Tensor.randn(new Generator(11), 100, 30), YB = labels(Tensor.rand(new Generator(12), 100));

    static Tensor labels(Tensor u) {
        double[] v = u.toArray();
        for (int i = 0; i < v.length; i++) v[i] = v[i] > 0.5 ? 1 : 0;
        return Tensor.of(v, u.shape());
    }

    static Tensor[] right(Tensor X, Tensor y, Tensor w, double b) {
        Tensor err = X.matmul(w).add(b).sigmoid().sub(y);
        return new Tensor[] {X.T().matmul(err).div(X.size(0)), err.mean()};
    }

    @Test
    void theRightGradientPassesAndFiniteDifferencesAgree() {
        GradCheck.Result fd = LogisticChecks.gradient(LogisticChecksTest::right, XA, YA, WA, 0.1, XB, YB);
        assertThat(fd.passed()).isTrue();
    }

    @Test
    void aFlippedSignAMissingMeanAndAHardCodedNAreNamed() {
        assertThatThrownBy(() -> LogisticChecks.gradient((X, y, w, b) -> { Tensor[] g = right(X, y, w, b); return new Tensor[] {g[0].neg(), g[1].neg()}; },
                XA, YA, WA, 0.1, XB, YB))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("The sign is flipped: dL/dz = p - y");
        assertThatThrownBy(() -> LogisticChecks.gradient((X, y, w, b) -> { Tensor[] g = right(X, y, w, b); return new Tensor[] {g[0].mul(X.size(0)), g[1]}; },
                XA, YA, WA, 0.1, XB, YB))
                .isInstanceOf(AssertionError.class).hasMessage("On the 4 examples dw is n = 4 times too large: the 1/n of the mean loss is missing. Divide by n.");
        assertThatThrownBy(() -> LogisticChecks.gradient((X, y, w, b) -> { Tensor[] g = right(X, y, w, b); return new Tensor[] {g[0].mul(X.size(0)).div(4), g[1]}; },
                XA, YA, WA, 0.1, XB, YB))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("Right on the 4 examples, but 25 times too large on the 100 biopsies");
        assertThatThrownBy(() -> LogisticChecks.gradient((X, y, w, b) -> new Tensor[] {Tensor.zeros(X.size(1)), Tensor.scalar(0)}, XA, YA, WA, 0.1, XB, YB))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("logisticGrad returned zeros: the stub is still there.");
    }
}
