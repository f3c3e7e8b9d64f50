package backprop.tensor;

/**
 * A seeded random number generator (SplitMix64), so that the same seed gives the same digits on
 * every machine and every run, and the same streams as the NumPy/PyTorch peer scripts.
 *
 * <pre>
 * output i of stream `seed`:  z = seed + (i+1)·GAMMA;  z = (z ^ z>>>30)·C1;  z = (z ^ z>>>27)·C2;  z ^= z>>>31
 * uniform = (z >>> 11) · 2^-53   in [0, 1)
 * normal  = Box–Muller on two consecutive uniforms: r·cos(t), r·sin(t), r = sqrt(-2·log1p(-u1)), t = 2π·u2
 * </pre>
 */
public final class Rng {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private final long seed;
    private long state;
    private double spareNormal;
    private boolean hasSpareNormal;

    public Rng(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /** The next raw 64-bit output of the stream. */
    public long nextLong() {
        state += GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double uniform in [0, 1). */
    public double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A double uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * uniform();
    }

    /** A standard normal value (Box–Muller, pairs taken from consecutive uniforms). */
    public double normal() {
        if (hasSpareNormal) {
            hasSpareNormal = false;
            return spareNormal;
        }
        double u1 = uniform();
        double u2 = uniform();
        double r = Math.sqrt(-2.0 * Math.log1p(-u1));
        double t = 2.0 * Math.PI * u2;
        spareNormal = r * Math.sin(t);
        hasSpareNormal = true;
        return r * Math.cos(t);
    }

    /** An int uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive: got " + bound);
        }
        return (int) (uniform() * bound);
    }

    /** The indices 0..n-1 ordered by the key uniform() drawn for each index in turn (a stable sort). */
    public int[] permutation(int n) {
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = uniform();
        }
        return java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> keys[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The first n uniforms of stream {@code seed}. */
    public static double[] uniformArray(long seed, int n) {
        Rng rng = new Rng(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.uniform();
        }
        return out;
    }

    /** The first n normals of stream {@code seed}. */
    public static double[] normalArray(long seed, int n) {
        Rng rng = new Rng(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.normal();
        }
        return out;
    }

    @Override
    public String toString() {
        return "Rng(seed=" + seed + ")";
    }
}
