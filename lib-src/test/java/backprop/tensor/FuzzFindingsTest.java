package backprop.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the API fuzzer (backprop.testing.ApiFuzzTest) found, each kept as a plain regression test. */
class FuzzFindingsTest {
    @Test
    void anEmptyBatchTimesAVectorIsAnEmptyResult() {
        // (0, 3, 1) @ (1): the batch of 0 was taken as max(0, 1) = 1 and read row 0 of an empty array
        Tensor a = Tensor.zeros(0, 3, 1).requiresGrad(true);
        Tensor y = a.matmul(Tensor.ones(1));
        assertThat(y.shape()).containsExactly(0, 3);
        assertThat(Tensor.zeros(0, 3, 2).matmul(Tensor.ones(2, 4)).shape()).containsExactly(0, 3, 4);
        assertThat(Tensor.ones(2, 4).matmul(Tensor.zeros(0, 4, 5)).shape()).containsExactly(0, 2, 5);
        y.sum().backward();                                     // nothing to propagate, and nothing thrown
    }

    @Test
    void aShapeOfMoreElementsThanTheJvmAllocatesIsRefusedByName() {
        // [1, 2^31 - 1] passed the int check, then the JVM refused the array ("Requested array size exceeds VM limit")
        assertThatThrownBy(() -> Tensor.zeros(1, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zeros: a tensor of shape [1, 2147483647] would hold 2147483647 elements, more than the "
                        + "2147483639 a Java array can hold: use smaller dimensions (or fewer rows per batch)");
    }
}
