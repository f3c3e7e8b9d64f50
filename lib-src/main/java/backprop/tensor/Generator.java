package backprop.tensor;

/**
 * A seeded random number generator (SplitMix64), as PyTorch's {@code torch.Generator}: the same seed
 * gives the same digits on every machine and every run, and the same streams as the NumPy/PyTorch peer
 * scripts. Pass one where a random start should not depend on anything else
 * ({@code Tensor.randn(new Generator(42), 2, 3)}, {@code new Linear(2, 16, new Generator(1))});
 * calls without one draw from the library's one default generator, which
 * {@link Tensor#manualSeed(long)} reseeds (like {@code torch.manual_seed}). Not for concurrent use.
 *
 * <pre>
 * output i of stream `seed`:  z = seed + (i+1)·GAMMA;  z = (z ^ z>>>30)·C1;  z = (z ^ z>>>27)·C2;  z ^= z>>>31
 * uniform = (z >>> 11) · 2^-53   in [0, 1)
 * normal  = Box–Muller on two consecutive uniforms: r·cos(t), r·sin(t), r = sqrt(-2·log1p(-u1)), t = 2π·u2
 * </pre>
 */
public final class Generator {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final Generator DEFAULT = new Generator(0);
    private long seed;
    private long state;
    private long draws;
    private double spareNormal;
    private boolean hasSpareNormal;

    public Generator(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /**
     * The generator behind every random call made without one ({@code Tensor.randn(2, 3)},
     * {@code new Linear(2, 16)}), like {@code torch.default_generator}; it starts at seed 0.
     */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /** Restart at stream {@code seed}: the values that follow are those of {@code new Generator(seed)}. */
    void reseed(long seed) {
        this.seed = seed;
        this.state = seed;
        this.draws = 0;
        this.hasSpareNormal = false;
    }

    /** The seed this stream started from, like {@code torch.Generator.initial_seed()}. */
    public long initialSeed() {
        return seed;
    }

    /** How many raw 64-bit outputs were drawn since the seed (with the seed, this fixes the state). */
    public long draws() {
        return draws;
    }

    /** The next raw 64-bit output of the stream. */
    public long nextLong() {
        draws++;
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
        Generator rng = new Generator(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.uniform();
        }
        return out;
    }

    /** The first n normals of stream {@code seed}. */
    public static double[] normalArray(long seed, int n) {
        Generator rng = new Generator(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.normal();
        }
        return out;
    }

    /** The seed, and the draws made since if any: "Generator(seed=5)", "Generator(seed=5, 12 draws)". */
    @Override
    public String toString() {
        return "Generator(seed=" + seed + (draws == 0 ? "" : ", " + draws + " draws") + ")";
    }
}
