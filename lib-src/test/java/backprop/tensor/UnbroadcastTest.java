package backprop.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Broadcasting's gradients go through the one helper Arithmetic.unbroadcast; constants take no gradient. */
class UnbroadcastTest {
    @Test
    void sumsOverEveryStretchedAxis() {
        double[] g = {1, 2, 3, 4, 5, 6};                                     // shape (2, 3)
        assertArrayEquals(new double[] {21}, Arithmetic.unbroadcast(g, new int[] {2, 3}, new int[0]));
        assertArrayEquals(new double[] {5, 7, 9}, Arithmetic.unbroadcast(g, new int[] {2, 3}, new int[] {3}));
        assertArrayEquals(new double[] {5, 7, 9}, Arithmetic.unbroadcast(g, new int[] {2, 3}, new int[] {1, 3}));
        assertArrayEquals(new double[] {6, 15}, Arithmetic.unbroadcast(g, new int[] {2, 3}, new int[] {2, 1}));
        assertThat(Arithmetic.unbroadcast(g, new int[] {2, 3}, new int[] {2, 3})).isSameAs(g);
    }

    @Test
    void aConstantOperandTakesNoGradient() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(0.5, -1, 2).requiresGrad(true);
        x.add(b).sub(x).mul(x).div(x.add(10)).sum().backward();
        assertThat(x.hasGrad()).isFalse();
        assertThat(b.hasGrad()).isTrue();
    }
}
