package backprop.data;

import backprop.tensor.Generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Cuts a {@link Dataset} into batches, one epoch per {@code for} loop, as PyTorch's
 * {@code DataLoader}:
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 16, true, 42);   // batches of 16, shuffled, seed 42
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) {                               // each loop is the next epoch
 *         Tensor loss = lossFn.forward(model.forward(b.x()), b.y());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>The batch size picks the kind of gradient descent.</b> Batch size 1 is <i>stochastic</i>
 * gradient descent: one update per example, noisy but cheap. The dataset size is <i>batch</i>
 * (full-batch) gradient descent: one update per epoch with the exact gradient of the training loss.
 * Anything between is <i>mini-batch</i> gradient descent, the usual choice: {@code n / batchSize}
 * updates per epoch, each from an average over {@code batchSize} examples. {@link #mode()} names it.
 *
 * <p><b>Order.</b> Every epoch visits every row exactly once. Without shuffling, rows come in
 * dataset order. With shuffling, epoch {@code e} (counting from 0) visits the rows in the order
 * {@code new Generator(seed + e).permutation(n)}, the indices sorted by one SplitMix64 uniform each, so the
 * same seed gives the same batches on every machine (the benchmark peers in NumPy and PyTorch use
 * the same rule). The first {@code for} loop over a loader is epoch 0, the next epoch 1, and so
 * on; {@link #batches(int)} gives any epoch's batches directly.
 *
 * <p><b>The last batch</b> holds the rows left over ({@code n % batchSize}) unless
 * {@code dropLast} is set, which skips it so every batch has the same size.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private int nextEpoch;

    /** Batches in dataset order, the last one possibly smaller. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, 0L, false);
    }

    /** Batches of {@code batchSize}, shuffled every epoch from {@code seed} if {@code shuffle}. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, seed, false);
    }

    /** As {@link #DataLoader(Dataset, int, boolean, long)}; {@code dropLast} skips a last, smaller batch. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("DataLoader: batch size must be at least 1: got " + batchSize
                    + ": use 1 for stochastic, " + dataset.size() + " (the dataset size) for full-batch, "
                    + "or a size between for mini-batch gradient descent");
        }
        if (dropLast && batchSize > dataset.size()) {
            throw new IllegalArgumentException("DataLoader: batch size " + batchSize + " is larger than the dataset ("
                    + dataset.size() + " rows) and dropLast is set, so every epoch would be empty: use a batch size <= "
                    + dataset.size() + " or dropLast = false");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public long seed() {
        return seed;
    }

    public boolean dropLast() {
        return dropLast;
    }

    /** Number of batches (update steps) per epoch. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The epoch the next {@code for} loop over this loader will be (0 before the first). */
    public int epoch() {
        return nextEpoch;
    }

    /**
     * "stochastic" (batch size 1), "full-batch" (one batch holds the whole dataset) or "mini-batch".
     */
    public String mode() {
        if (batchSize == 1) {
            return "stochastic";
        }
        return batchSize >= dataset.size() ? "full-batch" : "mini-batch";
    }

    /** The row order of epoch {@code e}: {@code new Generator(seed + e).permutation(n)} if shuffling, else 0..n-1. */
    public int[] order(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("order: epoch must be >= 0: got " + epoch + ": epochs count from 0");
        }
        int n = dataset.size();
        if (shuffle) {
            return new Generator(seed + epoch).permutation(n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** All batches of epoch {@code e}, in order (does not change which epoch the next loop is). */
    public List<Batch> batches(int epoch) {
        List<Batch> out = new ArrayList<>(numBatches());
        Iterator<Batch> it = iterate(epoch);
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    /** The batches of the next epoch; each call starts a new epoch. */
    @Override
    public Iterator<Batch> iterator() {
        return iterate(nextEpoch++);
    }

    private Iterator<Batch> iterate(int epoch) {
        int[] order = order(epoch);
        int count = numBatches();
        return new Iterator<>() {
            private int b;

            @Override
            public boolean hasNext() {
                return b < count;
            }

            @Override
            public Batch next() {
                if (b >= count) {
                    throw new NoSuchElementException("DataLoader: epoch " + epoch + " has only " + count + " batches");
                }
                int from = b * batchSize;
                int to = Math.min(from + batchSize, order.length);
                b++;
                int[] rows = new int[to - from];
                System.arraycopy(order, from, rows, 0, rows.length);
                return dataset.get(rows);
            }
        };
    }

    /**
     * E.g. {@code DataLoader(150 rows, batch 16, mini-batch: 10 batches per epoch, last has 6 rows;
     * shuffled, seed 42)}.
     */
    @Override
    public String toString() {
        int n = dataset.size();
        StringBuilder sb = new StringBuilder("DataLoader(").append(n).append(n == 1 ? " row" : " rows")
                .append(", batch ").append(batchSize).append(", ").append(mode()).append(": ")
                .append(numBatches()).append(numBatches() == 1 ? " batch" : " batches").append(" per epoch");
        int rest = n % batchSize;
        if (rest != 0 && n > batchSize) {
            sb.append(dropLast ? ", last " + rest + " rows dropped" : ", last has " + rest + (rest == 1 ? " row" : " rows"));
        }
        sb.append(shuffle ? "; shuffled, seed " + seed : "; in order");
        return sb.append(')').toString();
    }
}
