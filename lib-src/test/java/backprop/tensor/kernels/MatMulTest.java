package backprop.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fast matrix product against the textbook triple loop ({@link Reference#matmul}): the same
 * numbers bit for bit, for every transpose flag, with accumulation into a C that already holds values,
 * at offsets into larger arrays, on odd and 1-wide shapes, whatever the number of threads, and on both
 * kernels: the plain-Java one and the Vector API one ({@link VectorMatMul}).
 */
class MatMulTest {
    private final int savedThreads = MatMul.threads();
    private final boolean savedVector = MatMul.vector();

    /** Every product below is checked on both kernels. */
    private static final boolean[] KERNELS = {false, true};

    @AfterEach
    void restoreSettings() {
        MatMul.setThreads(savedThreads);
        MatMul.setVector(savedVector);
    }

    @Test
    void theTestJvmHasTheVectorModuleSoBothKernelsAreTested() {
        // pom.xml starts the test JVM with --add-modules jdk.incubator.vector; without it, setVector(true) fails.
        assertThat(MatMul.VECTOR_MODULE).isTrue();
    }

    /** Sizes that hit every path: 1-wide edges, below and above the unroll widths 4 and 8, across block edges. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64};

    @Test
    void equalsTheTripleLoopOnRandomShapesForEveryTransposeFlag() {
        SplittableRandom rng = new SplittableRandom(7);
        int cases = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = SIZES[rng.nextInt(SIZES.length)];
            int k = SIZES[rng.nextInt(SIZES.length)];
            int m = SIZES[rng.nextInt(SIZES.length)];
            for (int flags = 0; flags < 4; flags++) {
                check(rng, n, k, m, (flags & 1) != 0, (flags & 2) != 0, 1 + rng.nextInt(3));
                cases++;
            }
        }
        assertThat(cases).isEqualTo(1600);
    }

    @Test
    void equalsTheTripleLoopOnShapesThatSpanSeveralBlocks() {
        SplittableRandom rng = new SplittableRandom(8);
        int[][] shapes = {{1, 300, 1}, {300, 1, 1}, {1, 1, 300}, {5, 37, 300}, {37, 300, 5}, {300, 5, 37},
                          {19, 261, 259}, {130, 70, 150}, {64, 784, 10}, {128, 10, 256}, {10000, 16, 1},
                          {10003, 16, 1}, {7, 5, 1}, {16, 10000, 1}, {1, 16, 10000},
                          // across the Vector API kernel's blocks of k (256) and rows (128), with edge tiles
                          {133, 300, 37}, {260, 513, 17}, {9, 257, 24}, {129, 1, 16},
                          // the row-by-row path for short k or few rows (VectorMatMul.thin), with column tails
                          {64, 2, 64}, {2, 64, 64}, {64, 1, 64}, {3, 40, 1001}, {1000, 3, 19}, {1, 4, 9}};
        for (int[] s : shapes) {
            for (int flags = 0; flags < 4; flags++) {
                check(rng, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, 1);
            }
        }
    }

    @Test
    void largeProductsGiveTheSameBitsOnOneTwoAndThreeThreads() {
        SplittableRandom rng = new SplittableRandom(9);
        // n·k·m > PARALLEL_MIN_WORK, so the rows are split between threads; 9 columns: one panel of op(B)
        int[][] shapes = {{150, 131, 170}, {600, 300, 9}};
        for (int[] shape : shapes) {
            threadCounts(rng, shape[0], shape[1], shape[2]);
        }
    }

    private static void threadCounts(SplittableRandom rng, int n, int k, int m) {
        assertThat((long) n * k * m).isGreaterThan(MatMul.PARALLEL_MIN_WORK);
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            double[] a = random(rng, n * k);
            double[] b = random(rng, k * m);
            double[] c0 = random(rng, n * m);
            double[] expected = c0.clone();
            Reference.matmul(view(a, 0, ta, n, k), view(b, 0, tb, k, m), MatrixView.of(expected, 0, n, m));
            for (boolean vector : KERNELS) {
                for (int threads = 1; threads <= 3; threads++) {
                    MatMul.setVector(vector);
                    MatMul.setThreads(threads);
                    double[] c = c0.clone();
                    MatMul.multiplyAdd(view(a, 0, ta, n, k), view(b, 0, tb, k, m), MatrixView.of(c, 0, n, m));
                    assertArrayEquals(expected, c,
                            "vector=" + vector + " threads=" + threads + " n=" + n + " k=" + k + " m=" + m
                                    + " transA=" + ta + " transB=" + tb);
                }
            }
        }
    }

    @Test
    void eachStepIsOneFusedMultiplyAddExactlyWhereTheProcessorHasOne() {
        // (1 + 2⁻³⁰)(1 − 2⁻³⁰) = 1 − 2⁻⁶⁰ rounds to 1, so c = −1 + x·y is 0 with two roundings and −2⁻⁶⁰ fused.
        double x = 1 + 0x1p-30;
        double y = 1 - 0x1p-30;
        double expected = Hardware.FMA ? -0x1p-60 : 0.0;
        assertThat(Reference.FUSED).isEqualTo(Hardware.FMA);
        for (boolean vector : KERNELS) {
            MatMul.setVector(vector);
            double[] c = {-1.0};
            Reference.matmul(view(new double[] {x}, 0, false, 1, 1), view(new double[] {y}, 0, false, 1, 1), MatrixView.of(c, 0, 1, 1));
            assertThat(c[0]).as("reference").isEqualTo(expected);
            double[] wide = new double[16];                   // a 1×16 row through the fast paths too
            java.util.Arrays.fill(wide, -1.0);
            double[] ones = new double[16];
            java.util.Arrays.fill(ones, y);
            MatMul.multiplyAdd(view(new double[] {x}, 0, false, 1, 1), view(ones, 0, false, 1, 16), MatrixView.of(wide, 0, 1, 16));
            for (double v : wide) {
                assertThat(v).as("vector=%s", vector).isEqualTo(expected);
            }
        }
    }

    @Test
    void emptyDimensionsLeaveCUntouched() {
        double[] c = {1, 2, 3};
        MatMul.multiplyAdd(view(new double[0], 0, false, 3, 0), view(new double[0], 0, false, 0, 1), MatrixView.of(c, 0, 3, 1));
        assertArrayEquals(new double[] {1, 2, 3}, c);
    }

    @Test
    void tensorMatmulMatchesTheTripleLoopIncludingGradients() {
        SplittableRandom rng = new SplittableRandom(10);
        double[] av = random(rng, 33 * 20);
        double[] bv = random(rng, 20 * 9);
        Tensor a = Tensor.of(av, 33, 20).requiresGrad(true);
        Tensor b = Tensor.of(bv, 20, 9).requiresGrad(true);
        Tensor y = a.matmul(b);
        double[] expected = new double[33 * 9];
        Reference.matmul(view(av, 0, false, 33, 20), view(bv, 0, false, 20, 9), MatrixView.of(expected, 0, 33, 9));
        assertArrayEquals(expected, y.toArray());
        double[] g = random(rng, 33 * 9);
        y.backward(Tensor.of(g, 33, 9));
        double[] da = new double[33 * 20];
        Reference.matmul(view(g, 0, false, 33, 9), view(bv, 0, true, 9, 20), MatrixView.of(da, 0, 33, 20));     // dA = G Bᵀ
        double[] db = new double[20 * 9];
        Reference.matmul(view(av, 0, true, 20, 33), view(g, 0, false, 33, 9), MatrixView.of(db, 0, 20, 9));      // dB = Aᵀ G
        assertArrayEquals(da, a.grad().toArray());
        assertArrayEquals(db, b.grad().toArray());
    }

    /** C (pre-filled, inside a larger array) += op(A) op(B), all three at random offsets; compare with the loop. */
    private static void check(SplittableRandom rng, int n, int k, int m, boolean ta, boolean tb, int threads) {
        int aOff = rng.nextInt(5);
        int bOff = rng.nextInt(5);
        int cOff = rng.nextInt(5);
        double[] a = random(rng, aOff + n * k + 3);
        double[] b = random(rng, bOff + k * m + 3);
        double[] c = random(rng, cOff + n * m + 3);
        double[] expected = c.clone();
        Reference.matmul(view(a, aOff, ta, n, k), view(b, bOff, tb, k, m), MatrixView.of(expected, cOff, n, m));
        MatMul.setThreads(threads);
        double[] aCopy = a.clone();
        double[] bCopy = b.clone();
        for (boolean vector : KERNELS) {
            MatMul.setVector(vector);
            double[] cv = c.clone();
            MatMul.multiplyAdd(view(a, aOff, ta, n, k), view(b, bOff, tb, k, m), MatrixView.of(cv, cOff, n, m));
            String what = "vector=" + vector + " n=" + n + " k=" + k + " m=" + m + " transA=" + ta
                    + " transB=" + tb + " threads=" + threads + " offsets " + Arrays.toString(new int[] {aOff, bOff, cOff});
            assertArrayEquals(expected, cv, what);
            assertArrayEquals(aCopy, a, "A changed: " + what);
            assertArrayEquals(bCopy, b, "B changed: " + what);
        }
    }

    /**
     * Tensor.matmul keeps a column-major copy of a tall data matrix from its second product with a column on
     * (Tensor.columnMajor): those products give the textbook loop's bits on both kernels, and an update through
     * dataForUpdate() drops the copy, so the next products see the new values.
     */
    @Test
    void aTallMatrixMultipliedAgainAndAgainGivesTheSameBitsAndFollowsInPlaceUpdates() {
        SplittableRandom rng = new SplittableRandom(10);
        int n = 1500;
        int k = 16;
        assertThat(ColumnMajorCopy.pays(n, k)).as("this shape takes the column-major path").isTrue();
        for (boolean vector : KERNELS) {
            MatMul.setVector(vector);
            Tensor x = Tensor.of(random(rng, n * k), n, k);
            for (int step = 0; step < 4; step++) {
                if (step == 2) {
                    x.dataForUpdate()[5 * k + 3] += 1.0;     // row 5 changes after two products
                }
                Tensor w = Tensor.of(random(rng, k), k, 1);
                double[] expected = new double[n];
                Reference.matmul(view(x.toArray(), 0, false, n, k), view(w.toArray(), 0, false, k, 1), MatrixView.of(expected, 0, n, 1));
                assertArrayEquals(expected, x.matmul(w).toArray(), "vector=" + vector + " product " + step);
            }
        }
    }

    /** op(X) for a matrix stored row by row at {@code off}: rows × cols, or the transpose of a stored cols × rows. */
    private static MatrixView view(double[] x, int off, boolean transposed, int rows, int cols) {
        return transposed ? MatrixView.of(x, off, cols, rows).t() : MatrixView.of(x, off, rows, cols);
    }

    private static double[] random(SplittableRandom rng, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        return x;
    }
}
