package backprop.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sizes whose product does not fit an int are refused by name, never wrapped into a negative or wrong array length. */
class SizeOverflowTest {
    private static final String LIMIT = " elements, more than the 2147483639 a Java array can hold: "
            + "use smaller dimensions (or fewer rows per batch)";

    @Test
    void eyeTooLarge() {
        assertThatThrownBy(() -> Tensor.eye(46341)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eye: a tensor of shape [46341, 46341] would hold 2147488281" + LIMIT);
    }

    @Test
    void matmulWhoseResultIsTooLarge() {
        Tensor column = Tensor.ones(50000, 1);
        Tensor row = Tensor.ones(1, 50000);
        assertThatThrownBy(() -> column.matmul(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: a tensor of shape [50000, 50000] would hold 2500000000" + LIMIT);
        Tensor c2 = Tensor.ones(65536, 1);
        Tensor r2 = Tensor.ones(1, 65536);
        assertThatThrownBy(() -> c2.matmul(r2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: a tensor of shape [65536, 65536] would hold 4294967296" + LIMIT);
    }

    @Test
    void shapesWhoseProductWrapsAroundALong() {
        // 65536^4 = 2^64 wraps a long to 0: it must not pass as an empty tensor
        assertThatThrownBy(() -> Tensor.zeros(65536, 65536, 65536, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zeros: a tensor of shape [65536, 65536, 65536, 65536] would hold 18446744073709551616" + LIMIT);
        assertThatThrownBy(() -> Tensor.zeros(0).reshape(65536, 65536, 65536, 65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reshape: a tensor of shape [65536, 65536, 65536, 65536] would hold 18446744073709551616" + LIMIT);
        assertThat(Tensor.zeros(65536, 65536, 0).numel()).isZero();
        assertThat(Tensor.zeros(0).reshape(65536, 65536, -1).shape()).containsExactly(65536, 65536, 0);
    }

    @Test
    void arangeWithTooManyValues() {
        assertThatThrownBy(() -> Tensor.arange(0, 1e10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange: start=0.0, end=1.0E10, step=1.0 gives 1.0E10 values, more than a tensor can hold "
                        + "(2^31 - 1): use finite bounds and a larger step");
        assertThatThrownBy(() -> Tensor.arange(0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arange: start=0.0, end=NaN, step=1.0 gives NaN values");
    }

    @Test
    void indexWithManyRepeats() {
        Tensor wide = Tensor.zeros(1, 1 << 20);
        int[] rows = new int[4096];
        assertThatThrownBy(() -> wide.index(rows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index: a tensor of shape [4096, 1048576] would hold 4294967296" + LIMIT);
    }
}
