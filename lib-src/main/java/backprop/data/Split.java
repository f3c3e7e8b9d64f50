package backprop.data;

import backprop.tensor.Generator;

import java.util.Arrays;
import java.util.Locale;

/**
 * A dataset cut at random into training, validation and test parts, with a seed:
 *
 * <pre>{@code
 * Split split = Split.of(data, 0.7, 0.15, 0.15, 42);   // 150 rows -> 106 / 22 / 22
 * split.train()        // fit the parameters on this
 * split.validation()   // choose hyperparameters and the epoch to stop at with this
 * split.test()         // report the final score on this, once
 * }</pre>
 *
 * <p>Rows are taken in the order {@code new Generator(seed).permutation(n)}: the first go to training,
 * the next to validation, the rest to test. The sizes follow PyTorch's {@code random_split} with
 * fractions: each part gets {@code floor(fraction * n)} rows, then the rows left over are handed
 * out one at a time to the parts in order (train, validation, test); a part with fraction 0 stays
 * empty.
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    /** Training and validation parts only (the test part is empty). */
    public static Split of(Dataset data, double trainFraction, double validationFraction, long seed) {
        return of(data, trainFraction, validationFraction, 0.0, seed);
    }

    /** Training, validation and test parts; the fractions must add up to 1. */
    public static Split of(Dataset data, double trainFraction, double validationFraction, double testFraction, long seed) {
        double[] f = {trainFraction, validationFraction, testFraction};
        for (double v : f) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("Split.of: fractions must be between 0 and 1: got "
                        + Arrays.toString(f) + ": e.g. Split.of(data, 0.7, 0.15, 0.15, seed)");
            }
        }
        double sum = f[0] + f[1] + f[2];
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("Split.of: fractions " + Arrays.toString(f) + " add up to "
                    + String.format(Locale.ROOT, "%.6g", sum) + ", not 1: e.g. Split.of(data, 0.7, 0.15, 0.15, seed)");
        }
        int n = data.size();
        int[] sizes = sizes(n, f);
        if (sizes[0] == 0) {
            throw new IllegalArgumentException("Split.of: the training part would be empty (" + n + " rows, fractions "
                    + Arrays.toString(f) + "): use a larger training fraction or more data");
        }
        String[] parts = {"training", "validation", "test"};
        for (int i = 1; i < 3; i++) {
            if (f[i] > 0 && sizes[i] == 0) {
                throw new IllegalArgumentException("Split.of: the " + parts[i] + " part would be empty (" + n + " rows, "
                        + "fractions " + Arrays.toString(f) + "), and every loss measured on it would be NaN: use a larger "
                        + parts[i] + " fraction or more data, or a fraction of 0 for no " + parts[i] + " part");
            }
        }
        int[] order = new Generator(seed).permutation(n);
        int[] trainRows = Arrays.copyOfRange(order, 0, sizes[0]);
        int[] valRows = Arrays.copyOfRange(order, sizes[0], sizes[0] + sizes[1]);
        int[] testRows = Arrays.copyOfRange(order, sizes[0] + sizes[1], n);
        return new Split(data.subset(trainRows), data.subset(valRows), data.subset(testRows));
    }

    /** floor(f * n) each, then the remainder one row at a time to train, validation, test (as torch's random_split). */
    static int[] sizes(int n, double[] fractions) {
        int[] sizes = new int[fractions.length];
        int used = 0;
        for (int i = 0; i < fractions.length; i++) {
            sizes[i] = (int) Math.floor(fractions[i] * n);
            used += sizes[i];
        }
        for (int i = 0; used < n; i = (i + 1) % sizes.length) {
            if (fractions[i] > 0) {
                sizes[i]++;
                used++;
            }
        }
        return sizes;
    }

    /** E.g. {@code Split(train 106, validation 22, test 22 rows)}. */
    @Override
    public String toString() {
        return "Split(train " + train.size() + ", validation " + validation.size() + ", test " + test.size() + " rows)";
    }
}
