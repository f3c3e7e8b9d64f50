package backprop.tensor;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SplitMix64 against the streams computed independently in gen_tensor_golden.py (Python integers,
 * following ../shared/bench-workloads.md): raw outputs, uniforms and permutations bit for bit,
 * normals to a few ulps (libm's log1p/cos/sin may differ in the last bit).
 */
class GeneratorTest {
    private final Golden golden = Golden.load();

    @Test
    void rawOutputsAreBitExact() {
        assertThat(golden.rngLongs).hasSizeGreaterThanOrEqualTo(8).containsKeys(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
        for (Map.Entry<Long, long[]> e : golden.rngLongs.entrySet()) {
            Generator rng = new Generator(e.getKey());
            long[] ours = new long[e.getValue().length];
            for (int i = 0; i < ours.length; i++) {
                ours[i] = rng.nextLong();
            }
            assertThat(ours).as("stream %d", e.getKey()).containsExactly(e.getValue());
        }
    }

    @Test
    void uniformStreamIsBitExact() {
        for (Map.Entry<Long, double[]> e : golden.rngUniforms.entrySet()) {
            double[] ours = Generator.uniformArray(e.getKey(), e.getValue().length);
            assertThat(bits(ours)).as("uniform stream %d", e.getKey()).containsExactly(bits(e.getValue()));
            assertThat(Arrays.stream(ours).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
            assertThat(Arrays.stream(ours).max().orElseThrow()).isLessThan(1.0);
        }
    }

    @Test
    void tensorsFillRowMajorFromTheStream() {
        double[] stream = golden.rngUniforms.get(11L);
        assertThat(bits(Tensor.rand(new Generator(11), 3, 4).toArray())).containsExactly(bits(Arrays.copyOf(stream, 12)));
        double[] scaled = Tensor.uniform(-2, 3, new Generator(11), 2, 5).toArray();
        for (int i = 0; i < scaled.length; i++) {
            assertThat(scaled[i]).isEqualTo(-2 + 5 * stream[i]);
        }
        double[] normals = golden.rngNormals.get(11L);
        assertThat(Tensor.randn(new Generator(11), 4, 4).toArray()).containsExactly(Arrays.copyOf(normals, 16),
                org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void normalStreamAgreesToAFewUlps() {
        for (Map.Entry<Long, double[]> e : golden.rngNormals.entrySet()) {
            double[] ours = Generator.normalArray(e.getKey(), e.getValue().length);
            for (int i = 0; i < ours.length; i++) {
                double expected = e.getValue()[i];
                assertThat(Math.abs(ours[i] - expected)).as("normal stream %d [%d]", e.getKey(), i)
                        .isLessThanOrEqualTo(4 * Math.ulp(Math.max(Math.abs(expected), 1.0)));
            }
        }
    }

    @Test
    void permutationIsBitExact() {
        assertThat(golden.rngPermutations).containsKeys(1000L, 1001L, 3000L);
        for (Map.Entry<Long, int[]> e : golden.rngPermutations.entrySet()) {
            int n = e.getValue()[0];
            int[] expected = Arrays.copyOfRange(e.getValue(), 1, e.getValue().length);
            assertThat(expected).hasSize(n);
            assertThat(new Generator(e.getKey()).permutation(n)).as("permutation(%d, %d)", e.getKey(), n)
                    .containsExactly(expected);
        }
    }

    @Test
    void sameSeedSameDigitsAndNoHiddenState() {
        assertThat(Tensor.randn(new Generator(7), 3, 3)).isEqualTo(Tensor.randn(new Generator(7), 3, 3));
        assertThat(Tensor.randn(new Generator(7), 3, 3)).isNotEqualTo(Tensor.randn(new Generator(8), 3, 3));
        Generator rng = new Generator(5);
        Tensor first = Tensor.rand(rng, 4);
        Tensor second = Tensor.rand(rng, 4);
        assertThat(Tensor.concat(0, first, second)).isEqualTo(Tensor.rand(new Generator(5), 8));
        assertThat(rng.toString()).isEqualTo("Generator(seed=5, 8 draws)");
        assertThat(new Generator(5).toString()).isEqualTo("Generator(seed=5)");
    }

    @Test
    void nextIntStaysInRangeAndRejectsABadBound() {
        Generator rng = new Generator(3);
        int[] counts = new int[6];
        for (int i = 0; i < 6000; i++) {
            counts[rng.nextInt(6)]++;
        }
        assertThat(Arrays.stream(counts).min().orElseThrow()).isGreaterThanOrEqualTo(850);
        assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThanOrEqualTo(1150);
        assertThatThrownBy(() -> rng.nextInt(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nextInt: bound must be positive: got 0");
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
