package backprop.data;

import java.util.List;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

/**
 * Small made-up data sets with a known shape, for pictures of what a classifier learns.
 *
 * <pre>{@code
 * Dataset moons = Synthetic.moons(200, 0.1, 42);
 * // Dataset(200 rows: x (200, 2) [x1, x2], y (200) moon {upper=0, lower=1})
 * }</pre>
 */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: class 0 ("upper") on
     * (cos t, sin t), class 1 ("lower") on (1 − cos t, 0.5 − sin t), t evenly spaced over [0, π]
     * (n/2 points on the upper moon, the rest on the lower one). No straight line separates them;
     * one hidden layer does.
     *
     * <p>Then Gaussian noise of standard deviation {@code noise} is added to both coordinates and the
     * rows are shuffled, both from {@code new Generator(seed)}: first two normal draws per point (x1, x2) in
     * the order above, then the permutation. The same seed gives the same data on every machine.
     *
     * @param n     number of points, at least 2
     * @param noise standard deviation of the noise (0 puts every point on its arc; 0.1 to 0.2 is typical)
     * @param seed  seed of the noise and the shuffle
     */
    public static Dataset moons(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("moons: n must be at least 2 (one point per moon): got " + n
                    + ": e.g. Synthetic.moons(200, 0.1, 42)");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("moons: noise is the standard deviation of the noise and must be a finite number >= 0: got "
                    + noise + ": 0 puts the points on the arcs, 0.1 to 0.2 is typical");
        }
        int upper = n / 2;
        int lower = n - upper;
        double[] xs = new double[2 * n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            boolean isUpper = i < upper;
            int k = isUpper ? i : i - upper;
            int count = isUpper ? upper : lower;
            double t = count == 1 ? 0.0 : Math.PI * k / (count - 1);
            xs[2 * i] = isUpper ? Math.cos(t) : 1 - Math.cos(t);
            xs[2 * i + 1] = isUpper ? Math.sin(t) : 0.5 - Math.sin(t);
            ys[i] = isUpper ? 0 : 1;
        }
        Generator rng = new Generator(seed);
        for (int i = 0; i < 2 * n; i++) {
            xs[i] += noise * rng.normal();
        }
        int[] order = rng.permutation(n);
        double[] sx = new double[2 * n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[2 * i] = xs[2 * order[i]];
            sx[2 * i + 1] = xs[2 * order[i] + 1];
            sy[i] = ys[order[i]];
        }
        return new Dataset(Tensor.of(sx, n, 2), Tensor.of(sy), List.of("x1", "x2"), "moon", Labels.of("upper", "lower"));
    }
}
