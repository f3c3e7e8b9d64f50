package backprop.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A no-grad scope left open is named as the cause when backward() finds no graph. */
class OpenNoGradTest {
    @Test
    void backwardInsideAnOpenScopeNamesTheScope() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        NoGrad scope = Tensor.noGrad();
        Tensor loss;
        try {
            loss = w.mul(w).sum();
            assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                    .hasMessage("backward: a no-grad scope is still open on this thread, so the forward pass recorded "
                            + "no graph: close it (scope.close(), or open it as try (var scope = Tensor.noGrad()) { ... } "
                            + "so that it closes itself), then run the forward pass again");
        } finally {
            scope.close();
        }
        w.mul(w).sum().backward();                  // closed: it works again
        assertThat(w.grad().toArray()).containsExactly(2, 4);
    }

    @Test
    void withoutAScopeTheOldMessageStays() {
        assertThatThrownBy(() -> Tensor.of(1, 2).sum().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: this tensor does not depend on any tensor that requires grad: "
                        + "call requiresGrad(true) on the inputs or parameters before the forward pass");
    }
}
