package backprop.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import backprop.tensor.Generator;

class SyntheticTest {

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {2, 3, 200, 201})
    void moonsHaveHalfThePointsInEachClassAndTheNamesOfTheirColumns(int n) {
        Dataset d = Synthetic.moons(n, 0.1, 42);
        assertThat(d.x().shape()).containsExactly(n, 2);
        assertThat(d.y().shape()).containsExactly(n);
        int lower = 0;
        for (int label : d.y().toIntArray()) {
            assertThat(label).isBetween(0, 1);
            lower += label;
        }
        assertThat(lower).isEqualTo(n - n / 2);
        assertThat(d.featureNames()).containsExactly("x1", "x2");
        assertThat(d.labels().names()).containsExactly("upper", "lower");
    }

    @Test
    void withoutNoiseEveryPointLiesOnItsArc() {
        Dataset d = Synthetic.moons(50, 0.0, 7);
        double[][] x = d.x().toArray2d();
        int[] y = d.y().toIntArray();
        for (int i = 0; i < x.length; i++) {
            double cx = y[i] == 0 ? 0.0 : 1.0;     // centres (0, 0) and (1, 0.5)
            double cy = y[i] == 0 ? 0.0 : 0.5;
            assertThat(Math.hypot(x[i][0] - cx, x[i][1] - cy)).as("distance of point %d from its centre", i).isCloseTo(1.0, within(1e-12));
            assertThat(y[i] == 0 ? x[i][1] >= -1e-12 : x[i][1] <= 0.5 + 1e-12).as("point %d on the right half", i).isTrue();
        }
        // both ends of both arcs are there: t = 0 and t = π
        assertThat(d.x().toArray()).contains(1.0, -1.0, 0.0, 2.0);
    }

    @Test
    void theNoiseAndTheOrderComeFromTheSeedAsDocumented() {
        Dataset d = Synthetic.moons(4, 0.5, 9);
        Generator rng = new Generator(9);
        double[] clean = {1, 0, -1, 1.2246467991473532e-16, 0, 0.5, 2, 0.5 - 1.2246467991473532e-16};
        double[] noisy = new double[8];
        for (int i = 0; i < 8; i++) {
            noisy[i] = clean[i] + 0.5 * rng.normal();
        }
        int[] order = rng.permutation(4);
        for (int i = 0; i < 4; i++) {
            assertThat(d.x().get(i, 0)).isEqualTo(noisy[2 * order[i]]);
            assertThat(d.x().get(i, 1)).isEqualTo(noisy[2 * order[i] + 1]);
            assertThat(d.y().get(i)).isEqualTo(order[i] < 2 ? 0.0 : 1.0);
        }
        assertThat(Synthetic.moons(4, 0.5, 9)).hasToString(d.toString());
        assertThat(Synthetic.moons(4, 0.5, 9).x()).isEqualTo(d.x());
        assertThat(Synthetic.moons(4, 0.5, 10).x()).isNotEqualTo(d.x());
    }

    @Test
    void printsItsShapeAndClasses() {
        assertThat(Synthetic.moons(200, 0.1, 42)).hasToString(
                "Dataset(200 rows: x (200, 2) [x1, x2], y (200) moon {upper=0, lower=1})");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> Synthetic.moons(1, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("moons: n must be at least 2 (one point per moon): got 1: e.g. Synthetic.moons(200, 0.1, 42)");
        assertThatThrownBy(() -> Synthetic.moons(10, -0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("moons: noise is the standard deviation of the noise and must be a finite number >= 0: got -0.1");
        assertThatThrownBy(() -> Synthetic.moons(10, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got NaN");
    }
}
