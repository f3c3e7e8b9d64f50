package backprop.nn;

import backprop.optim.Adam;
import backprop.optim.Optimizer;
import backprop.optim.SGD;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CS231n-style sanity checks, determinism, and flat memory over a long training run. */
class TrainingSanityTest {

    static Tensor labels(long seed, int n, int classes) {
        Generator rng = new Generator(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return Tensor.of(y);
    }

    @Test
    void untrainedTenClassSoftmaxNetworkStartsNearLnTen() {
        Tensor x = Tensor.randn(new Generator(1), 500, 20);
        Tensor y = labels(2, 500, 10);
        // small weights, as CS231n: every class gets probability ≈ 1/10, so the loss is ≈ −ln(1/10)
        Sequential small = new Sequential(new Linear(20, 50, true, (w, rng) -> Init.normal(w, 0, 0.01, rng), new Generator(3)),
                new ReLU(), new Linear(50, 10, true, (w, rng) -> Init.normal(w, 0, 0.01, rng), new Generator(4)));
        double loss = new CrossEntropyLoss().forward(small.forward(x), y).item();
        System.out.printf("initial loss with N(0, 0.01²) weights: %.6f (ln 10 = %.6f)%n", loss, Math.log(10));
        assertThat(loss).isCloseTo(Math.log(10), within(1e-3));
        // PyTorch's default start keeps the logits small too: the loss is near ln 10, not far above it
        Sequential standard = new Sequential(new Linear(20, 50, new Generator(5)), new ReLU(), new Linear(50, 10, new Generator(6)));
        double loss2 = new CrossEntropyLoss().forward(standard.forward(x), y).item();
        System.out.printf("initial loss with the default start: %.6f%n", loss2);
        assertThat(loss2).isCloseTo(Math.log(10), within(0.1));
    }

    @Test
    void smallNetworkOverfitsTwentySamples() {
        Tensor x = Tensor.randn(new Generator(7), 20, 5);
        Tensor y = labels(8, 20, 4);
        Sequential model = new Sequential(new Linear(5, 32, new Generator(9)), new Tanh(), new Linear(32, 4, new Generator(10)));
        Optimizer opt = new Adam(model.parameters(), 0.02);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 400; step++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            opt.step();
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        Tensor predicted = model.forward(x).argmax(1);
        System.out.printf("overfitting 20 samples: loss %.4f -> %.2e, predictions equal labels: %s%n", first, last,
                predicted.equals(y));
        assertThat(last).isLessThan(1e-3);
        assertThat(predicted).isEqualTo(y);
    }

    /** A training run touching every seeded piece: initialisers, dropout masks, batch norm, momentum. */
    static double[] trainingHistory() {
        Tensor.manualSeed(123);
        Tensor x = Tensor.randn(new Generator(20), 64, 6);
        Tensor y = labels(21, 64, 3);
        Sequential model = new Sequential(new Linear(6, 24), new BatchNorm1d(24), new ReLU(), new Dropout(0.3),
                new Linear(24, 3, true, Init::kaimingUniform, new Generator(22)));
        Optimizer opt = new SGD(model.parameters(), 0.05, 0.9, 0.0, 1e-4, true);
        double[] history = new double[200];
        for (int step = 0; step < history.length; step++) {
            int from = (step * 16) % 64;
            opt.zeroGrad();
            Tensor loss = new CrossEntropyLoss().forward(model.forward(x.rows(from, from + 16)),
                    y.rows(from, from + 16));
            loss.backward();
            opt.step();
            history[step] = loss.item();
        }
        return history;
    }

    @Test
    void sameSeedGivesBitIdenticalTraining() {
        double[] a = trainingHistory();
        double[] b = trainingHistory();
        assertThat(Arrays.equals(a, b)).as("two runs with the same seeds differ").isTrue();
        assertThat(a[a.length - 1]).isLessThan(a[0]);
    }

    @Test
    void heapStaysFlatOverOneHundredThousandSteps() {
        Tensor x = Tensor.randn(new Generator(30), 8, 4);
        Tensor y = labels(31, 8, 3);
        Sequential model = new Sequential(new Linear(4, 16, new Generator(32)), new Tanh(), new Linear(16, 3, new Generator(33)));
        Optimizer opt = new SGD(model.parameters(), 0.01, 0.9);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        int steps = 100_000;
        int[] checkpoints = {10_000, 25_000, 50_000, 75_000, 100_000};
        long[] used = new long[checkpoints.length];
        int next = 0;
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            opt.step();
            if (step == checkpoints[next]) {
                used[next++] = usedHeapAfterGc();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder("heap used after GC (KiB) at steps");
        for (int i = 0; i < checkpoints.length; i++) {
            sb.append(String.format(" %d: %d;", checkpoints[i], used[i] / 1024));
        }
        long growth = used[used.length - 1] - used[0];
        System.out.println(sb + String.format(" growth %d KiB over %d steps (%.1f s)", growth / 1024, steps, seconds));
        // a leak of one small tensor per step (≥ 8 bytes · 90 000 steps) would exceed this bound
        assertThat(growth).isLessThan(512 * 1024);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
