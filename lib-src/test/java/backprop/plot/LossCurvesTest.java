package backprop.plot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LossCurvesTest {

    private static double[] noisyDecay(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1.0 / (1 + i / 100.0) + 0.05 * r.nextDouble();
        }
        return y;
    }

    @Test
    void aShortCurveKeepsEveryPoint() {
        double[] y = noisyDecay(200, 1);
        double[][] xy = LossCurves.envelope(y, 100);
        assertThat(xy[1]).isEqualTo(y);
        assertThat(xy[0][0]).isEqualTo(1.0);
        assertThat(xy[0][199]).isEqualTo(200.0);
    }

    @Test
    void aLongCurveKeepsTheLowestAndHighestOfEveryColumnAndBothEnds() {
        int n = 6000;
        int width = 100;
        double[] y = noisyDecay(n, 2);
        y[3001] = 9.0;      // a spike one epoch wide stays visible
        double[][] xy = LossCurves.envelope(y, width);
        assertThat(xy[0].length).isLessThanOrEqualTo(2 * width + 2);
        assertThat(xy[0][0]).isEqualTo(1.0);
        assertThat(xy[0][xy[0].length - 1]).isEqualTo(n);
        for (int i = 1; i < xy[0].length; i++) {
            assertThat(xy[0][i]).as("x increases").isGreaterThan(xy[0][i - 1]);
            assertThat(xy[1][i]).as("every kept point is the curve's own").isEqualTo(y[(int) xy[0][i] - 1]);
        }
        for (int c = 0; c < width; c++) {
            int from = c * n / width;
            int to = (c + 1) * n / width;
            double min = Arrays.stream(y, from, to).min().orElseThrow();
            double max = Arrays.stream(y, from, to).max().orElseThrow();
            double[] kept = keptBetween(xy, from + 1, to);
            assertThat(kept).as("column %d", c).contains(min, max);
        }
    }

    @Test
    void aGapInALongCurveStaysAGap() {
        double[] y = noisyDecay(5000, 3);
        for (int i = 2500; i < 2600; i++) {
            y[i] = Double.NaN;
        }
        double[][] xy = LossCurves.envelope(y, 100);
        long nans = Arrays.stream(xy[1]).filter(Double::isNaN).count();
        assertThat(nans).as("one NaN per column the gap touches").isBetween(2L, 3L);
        assertThat(Arrays.stream(xy[1]).filter(v -> !Double.isNaN(v)).count()).isGreaterThan(150L);
    }

    private static double[] keptBetween(double[][] xy, int fromX, int toX) {
        return java.util.stream.IntStream.range(0, xy[0].length).filter(i -> xy[0][i] >= fromX && xy[0][i] <= toX)
                .mapToDouble(i -> xy[1][i]).toArray();
    }
}
