package backprop.data;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLoaderTest {

    /** n rows whose single feature is the row number and whose target is 10 × the row number. */
    static Dataset numbered(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 10 * i;
        }
        return new Dataset(Tensor.of(x, n, 1), Tensor.of(y));
    }

    /** The row numbers visited by one epoch, batch by batch; also checks x and y stay paired. */
    static List<Integer> visit(Iterable<Batch> epoch, List<Integer> sizes) {
        List<Integer> rows = new ArrayList<>();
        for (Batch b : epoch) {
            sizes.add(b.size());
            assertThat(b.x().shape()).containsExactly(b.size(), 1);
            assertThat(b.y().shape()).containsExactly(b.size());
            for (int i = 0; i < b.size(); i++) {
                int row = (int) b.x().get(i, 0);
                assertThat(b.y().get(i)).isEqualTo(10.0 * row);
                rows.add(row);
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "n={0} batch={1} shuffle={2}")
    @CsvSource({"150,1,true", "150,7,true", "150,16,false", "150,150,true", "150,200,true", "1,1,true", "37,36,false"})
    void everyRowExactlyOncePerEpoch(int n, int batchSize, boolean shuffle) {
        DataLoader loader = new DataLoader(numbered(n), batchSize, shuffle, 5);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> sizes = new ArrayList<>();
            List<Integer> rows = visit(loader, sizes);
            assertThat(rows).hasSize(n).doesNotHaveDuplicates();
            assertThat(rows).allMatch(r -> r >= 0 && r < n);
            assertThat(sizes).hasSize(loader.numBatches());
            // every batch is full except possibly the last, which holds the rest
            for (int i = 0; i < sizes.size() - 1; i++) {
                assertThat(sizes.get(i)).isEqualTo(batchSize);
            }
            assertThat(sizes.get(sizes.size() - 1)).isEqualTo(n - batchSize * (sizes.size() - 1));
        }
        assertThat(loader.epoch()).isEqualTo(3);
    }

    @Test
    void batchSizeNamesTheKindOfGradientDescent() {
        Dataset d = numbered(150);
        DataLoader sgd = new DataLoader(d, 1);
        DataLoader full = new DataLoader(d, 150);
        DataLoader mini = new DataLoader(d, 32);
        assertThat(sgd.mode()).isEqualTo("stochastic");
        assertThat(sgd.numBatches()).isEqualTo(150);
        assertThat(full.mode()).isEqualTo("full-batch");
        assertThat(full.numBatches()).isEqualTo(1);
        assertThat(full.batches(0).get(0).size()).isEqualTo(150);
        assertThat(new DataLoader(d, 1000).mode()).isEqualTo("full-batch");
        assertThat(mini.mode()).isEqualTo("mini-batch");
        assertThat(mini.numBatches()).isEqualTo(5);   // 4 × 32 + 22
        assertThat(mini.toString()).isEqualTo(
                "DataLoader(150 rows, batch 32, mini-batch: 5 batches per epoch, last has 22 rows; in order)");
        assertThat(new DataLoader(d, 32, true, 9, true).toString()).isEqualTo(
                "DataLoader(150 rows, batch 32, mini-batch: 4 batches per epoch, last 22 rows dropped; shuffled, seed 9)");
    }

    @Test
    void withoutShuffleRowsComeInDatasetOrder() {
        DataLoader loader = new DataLoader(numbered(10), 4);
        List<Integer> rows = visit(loader, new ArrayList<>());
        assertThat(rows).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(visit(loader, new ArrayList<>())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void dropLastSkipsTheSmallerBatch() {
        DataLoader loader = new DataLoader(numbered(10), 4, true, 1, true);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> rows = visit(loader, sizes);
        assertThat(sizes).containsExactly(4, 4);
        assertThat(rows).hasSize(8).doesNotHaveDuplicates();
        assertThat(loader.numBatches()).isEqualTo(2);
        // exactly divisible: nothing dropped
        assertThat(visit(new DataLoader(numbered(12), 4, true, 1, true), new ArrayList<>())).hasSize(12);
    }

    @Test
    void epochEShufflesWithRngOfSeedPlusE() {
        DataLoader loader = new DataLoader(numbered(50), 8, true, 1000);
        for (int e = 0; e < 4; e++) {
            int[] expected = new Generator(1000 + e).permutation(50);
            List<Integer> rows = visit(loader, new ArrayList<>());
            assertThat(rows.stream().mapToInt(Integer::intValue).toArray()).as("epoch " + e).containsExactly(expected);
            assertThat(loader.order(e)).containsExactly(expected);
        }
    }

    @Test
    void sameSeedSameOrderDifferentEpochsDifferentOrders() {
        DataLoader a = new DataLoader(numbered(40), 6, true, 7);
        DataLoader b = new DataLoader(numbered(40), 6, true, 7);
        List<Integer> a0 = visit(a, new ArrayList<>());
        List<Integer> a1 = visit(a, new ArrayList<>());
        assertThat(visit(b, new ArrayList<>())).isEqualTo(a0);
        assertThat(visit(b, new ArrayList<>())).isEqualTo(a1);
        assertThat(a1).isNotEqualTo(a0);
        assertThat(a0).isNotEqualTo(visit(new DataLoader(numbered(40), 6, true, 8), new ArrayList<>()));
    }

    @Test
    void batchesOfAnEpochDoNotAdvanceTheLoop() {
        DataLoader loader = new DataLoader(numbered(20), 5, true, 3);
        List<Batch> e1 = loader.batches(1);
        assertThat(loader.epoch()).isZero();
        visit(loader, new ArrayList<>());   // epoch 0
        List<Integer> second = visit(loader, new ArrayList<>());   // epoch 1
        assertThat(visit(e1, new ArrayList<>())).isEqualTo(second);
    }

    @Test
    void badBatchSizesAreExplained() {
        Dataset d = numbered(10);
        assertThatThrownBy(() -> new DataLoader(d, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: batch size must be at least 1: got 0: use 1 for stochastic, 10 (the dataset size) "
                        + "for full-batch, or a size between for mini-batch gradient descent");
        assertThatThrownBy(() -> new DataLoader(d, -3, true, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -3");
        assertThatThrownBy(() -> new DataLoader(d, 11, true, 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: batch size 11 is larger than the dataset (10 rows) and dropLast is set, so every "
                        + "epoch would be empty: use a batch size <= 10 or dropLast = false");
        // without dropLast a batch larger than the dataset is one full batch, as in PyTorch
        assertThat(new DataLoader(d, 11).batches(0)).hasSize(1);
    }

    @Test
    void datasetRowsAndShapesAreChecked() {
        Dataset d = new Dataset(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Tensor.of(0, 1, 1));
        Batch b = d.get(2, 0);
        assertThat(b.x().toArray2d()).isEqualTo(new double[][] {{5, 6}, {1, 2}});
        assertThat(b.y().toArray()).containsExactly(1, 0);
        assertThat(b.toString()).isEqualTo("Batch(x (2, 2), y (2))");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.numFeatures()).isEqualTo(2);
        assertThat(d.toString()).isEqualTo("Dataset(3 rows: x (3, 2), y (3))");
        assertThatThrownBy(() -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(4)))
                .isInstanceOf(backprop.tensor.ShapeMismatchException.class)
                .hasMessage("Dataset: x has 3 rows but y has 4 (shapes [3, 2] and [4]): give one target per example");
        assertThat(d.targetAsColumn().y().shape()).containsExactly(3, 1);
        assertThat(Arrays.toString(d.subset(1).x().toArray())).isEqualTo("[3.0, 4.0]");
    }

    @Test
    void datasetHoldsDetachedTensors() {
        Tensor x = Tensor.ones(4, 2).requiresGrad(true);
        Dataset d = new Dataset(x, Tensor.zeros(4));
        assertThat(d.x().requiresGrad()).isFalse();
    }
}
