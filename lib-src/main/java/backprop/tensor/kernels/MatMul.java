package backprop.tensor.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The matrix-product kernel behind {@code Tensor.matmul}, in one place so that it can be made fast
 * without touching the autograd code. Every call computes
 * <pre>  C(n×m) += A(n×k) · B(k×m)  </pre>
 * for three {@link MatrixView}s (A or B may be a transposed view: no copy is made).
 *
 * <h2>Why this file is longer than a triple loop</h2>
 * Training a network is mostly matrix products, and the plain i-k-j triple loop reaches only a few
 * GFLOP/s: it reads one element of B from memory for every multiply-add. This kernel keeps the
 * arithmetic exactly that of the triple loop and changes only the order in which the work is visited:
 * <ul>
 *   <li><b>Same result as the textbook loop, bit for bit.</b> Every element is summed in the same order,
 *       {@code c = c + a[i][0]·b[0][j] + a[i][1]·b[1][j] + ...} (k ascending, each step one
 *       {@link Reference#madd}: a fused multiply-add where the processor has one, see {@link Reference#FUSED}), so
 *       the fast kernel equals {@link Reference#matmul} exactly, whatever the shapes, transposes or thread count. The tests
 *       check this with {@code assertArrayEquals}, no tolerance.</li>
 *   <li><b>Register blocking.</b> The inner loop updates one row segment of C with eight rows of op(B) at
 *       a time: {@code c[j] = c[j] + x0·y0[j] + ... + x7·y7[j]}. That loads and stores C once per eight
 *       multiply-adds instead of once per one, and the JIT compiles it to SIMD instructions (AVX/AVX-512).</li>
 *   <li><b>Packing.</b> The JIT of JDK 17 vectorises such a loop only when every array in it is indexed
 *       by the bare loop counter (no offsets that differ). So op(B) is copied once per call into separate
 *       arrays per row and column block ({@link #packB}, which also turns a transposed B into rows), and
 *       each block of C is worked on in scratch rows and copied back.</li>
 *   <li><b>Cache blocking.</b> A block of MB × NB values of C (64 KB) stays in the L2 cache while the whole
 *       k-sum is applied to it, KB rows of op(B) at a time (KB × NB doubles = 32 KB, kept in L1 while
 *       every row of the C block passes by). Blocking k does not change the order of the sum.</li>
 *   <li><b>Both cores for large products.</b> The rows of C are split between a few worker threads; the
 *       k-sum is never split, so each element is computed by one thread in the same order as always and
 *       the result does not depend on the thread count.</li>
 *   <li><b>Vector registers when the JVM offers them.</b> When the JVM was started with
 *       {@code --add-modules jdk.incubator.vector} (our notebook kernel, the tests and the benchmarks are),
 *       large products go to {@link VectorMatMul}, which keeps tiles of C in vector registers: about twice
 *       as fast, and still exactly the same numbers (see there). Without the module, or with
 *       {@code -Dbackprop.vector=false}, everything runs on the plain-Java kernel here.</li>
 *   <li><b>Products with a column vector</b> (a layer with one output, a gradient of one) take direct
 *       paths that sum several outputs side by side, each still in order of k. Scratch arrays are kept per
 *       thread, so small products in a training loop allocate nothing. A tall data matrix that is multiplied
 *       by a column again and again (full-batch gradient descent's X·w) is worth a column-major copy, kept
 *       by its tensor ({@link ColumnMajorCopy}).</li>
 *   <li><b>Thin products</b> (k ≤ {@link #THIN}, or fewer rows than a tile: a layer with two inputs, an
 *       outer product, a two-row weight gradient) update each row of C in place on the Vector API
 *       ({@link VectorMatMul#thin}), since packing and tiles would cost more than the arithmetic (measured
 *       about three times faster on a (64×2)·(2×64) product; bench/README.md).</li>
 * </ul>
 * The thread count is the number of processors, or the system property {@code backprop.threads}.
 */
public final class MatMul {
    /** Columns of C per block (and per packed block of op(B)). */
    static final int NB = 128;
    /** Rows of op(B) applied per pass: KB × NB doubles = 32 KB, kept in L1 while the rows of a C block pass by. */
    static final int KB = 32;
    /** Rows of C per block: MB × NB doubles of C stay in L2 while the whole k-sum is applied to them. */
    static final int MB = 64;
    /** The Vector API kernel works on tiles of 4 or 8 rows × 8 or 16 columns; narrower products stay here. */
    static final int VECTOR_MIN_ROWS = 4;
    static final int VECTOR_MIN_COLUMNS = 8;
    /** Products with k at most this (or fewer rows than a tile) update C row by row in place (VectorMatMul.thin). */
    static final int THIN = 4;
    /** Products with fewer multiply-adds than this run on the calling thread only. */
    static final long PARALLEL_MIN_WORK = 1L << 20;

    private static volatile int threads = Math.max(1, Integer.getInteger("backprop.threads",
            Runtime.getRuntime().availableProcessors()));
    private static ExecutorService pool;

    /**
     * Whether the JVM has the Vector API module. Checked before {@link VectorMatMul} is ever loaded: that
     * class cannot even be loaded without the module (a notebook kernel started without the flag).
     */
    static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static volatile boolean vector = VECTOR_MODULE
            && Boolean.parseBoolean(System.getProperty("backprop.vector", "true"))
            && VectorMatMul.worthwhile();

    /** Whether each step of a sum is one fused multiply-add: see {@link Reference#FUSED}. */
    static final boolean FUSED = Reference.FUSED;

    private MatMul() {
    }

    /** One step of every sum: {@link Reference#madd}, the step of the textbook loop. */
    static double madd(double c, double x, double y) {
        return FUSED ? Math.fma(x, y, c) : c + x * y;
    }

    /** Set the number of threads large products use (1 = the calling thread only). For tests and benchmarks. */
    static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("setThreads: need at least 1 thread: got " + n);
        }
        threads = n;
    }

    static int threads() {
        return threads;
    }

    /** Use the Vector API kernel for large products (true) or the plain-Java one (false). For tests and benchmarks. */
    static void setVector(boolean on) {
        if (on && !VECTOR_MODULE) {
            throw new IllegalStateException("setVector: the JVM has no module jdk.incubator.vector: "
                    + "start it with --add-modules jdk.incubator.vector");
        }
        vector = on;
    }

    static boolean vector() {
        return vector;
    }

    /** C += A · B, the numbers of {@link Reference#matmul}: C is n×m, A n×k, B k×m (C stored row by row). */
    public static void multiplyAdd(MatrixView a, MatrixView b, MatrixView c) {
        checkShapes(a, b, c);
        multiplyAdd(a.data(), a.offset(), a.transposed(), b.data(), b.offset(), b.transposed(), c.data(), c.offset(),
                a.rows(), a.cols(), b.cols());
    }

    /** Refuse views whose sizes do not fit C(n×m) += A(n×k) · B(k×m), or a transposed C. */
    static void checkShapes(MatrixView a, MatrixView b, MatrixView c) {
        if (a.cols() != b.rows() || c.rows() != a.rows() || c.cols() != b.cols() || c.transposed()) {
            throw new IllegalArgumentException("multiplyAdd: C(" + c.rows() + "×" + c.cols() + ") += A(" + a.rows() + "×"
                    + a.cols() + ") · B(" + b.rows() + "×" + b.cols() + ") does not fit: need C n×m stored row by row, "
                    + "A n×k, B k×m");
        }
    }

    private static void multiplyAdd(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                                    double[] c, int cOff, int n, int k, int m) {
        if (n == 0 || m == 0 || k == 0) {
            return;
        }
        if (m == 1) {
            // C is a column: c[i] += Σ_p op(A)[i][p] · b[p]; op(B) is a contiguous k-vector either way.
            if (!transA) {
                // L rows in vector lanes, their elements gathered: that pays with 8 doubles per vector; with 4 the
                // gathers cost more than they save (the measurements are in bench/README.md).
                if (vector && k <= 64 && n >= VectorMatMul.L && VectorMatMul.L >= 8) {
                    VectorMatMul.dots(a, aOff, b, bOff, c, cOff, n, k);
                } else {
                    dots(a, aOff, b, bOff, c, cOff, n, k);
                }
            } else if (vector && n >= VectorMatMul.L && (n <= 256 || k <= 64)) {
                VectorMatMul.columns(a, aOff, b, bOff, c, cOff, n, k);       // the outputs in vector lanes
            } else if (n < 32) {
                columns(a, aOff, b, bOff, c, cOff, n, k);
            } else {
                // The same numbers as the row (1×n) = bᵀ(1×k) · A(k×n), which the blocked kernel vectorises.
                blocked(b, bOff, false, a, aOff, false, c, cOff, 1, k, n);
            }
            return;
        }
        blocked(a, aOff, transA, b, bOff, transB, c, cOff, n, k, m);
    }

    /** Per-thread scratch arrays, kept between calls so that small products allocate nothing. */
    private static final class Workspace {
        /** Rows of NB doubles: packed op(B) ({@code rows[jb·k + p]} = block jb of row p) and the C block. */
        double[][] rows = new double[0][];
        final double[][] cblock = new double[MB][NB];

        double[][] rows(int count) {
            if (rows.length < count) {
                double[][] grown = java.util.Arrays.copyOf(rows, Math.max(count, rows.length * 3 / 2));
                for (int i = rows.length; i < grown.length; i++) {
                    grown[i] = new double[NB];
                }
                rows = grown;
            }
            return rows;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static void blocked(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                                double[] c, int cOff, int n, int k, int m) {
        int workers = (long) n * k * m >= PARALLEL_MIN_WORK && n >= 16 ? Math.min(threads, n / 8) : 1;
        if (vector && workers <= 1 && (k <= THIN || n < VECTOR_MIN_ROWS) && m >= VECTOR_MIN_COLUMNS) {
            VectorMatMul.thin(a, aOff, transA, b, bOff, transB, c, cOff, n, k, m);
            return;
        }
        if (vector && n >= VECTOR_MIN_ROWS && m >= VECTOR_MIN_COLUMNS) {
            VectorMatMul.multiplyAdd(a, aOff, transA, b, bOff, transB, c, cOff, n, k, m, workers);
            return;
        }
        double[][] packed = packB(WORKSPACE.get(), b, bOff, transB, k, m);
        if (workers <= 1) {
            rowsKernel(a, aOff, transA, packed, c, cOff, n, k, m, 0, n);
            return;
        }
        runSplit(n, workers, (from, to) -> rowsKernel(a, aOff, transA, packed, c, cOff, n, k, m, from, to));
    }

    /**
     * op(B) cut into column blocks of NB, each row of each block in its own array starting at index 0:
     * {@code packed[jb·k + p][jj] = op(B)[p][jb·NB + jj]}. The JIT (JDK 17) vectorises a loop only when all
     * its arrays are indexed alike, by the bare loop counter, hence separate arrays.
     */
    private static double[][] packB(Workspace ws, double[] b, int bOff, boolean transB, int k, int m) {
        int blocks = (m + NB - 1) / NB;
        double[][] rows = ws.rows(blocks * k);
        for (int jb = 0; jb < blocks; jb++) {
            int j0 = jb * NB;
            int nb = Math.min(NB, m - j0);
            int base = jb * k;
            if (!transB) {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, bOff + p * m + j0, rows[base + p], 0, nb);
                }
            } else {
                for (int p0 = 0; p0 < k; p0 += 8) {       // B stored m×k: op(B)[p][j] = b[j][p], 8 p per pass
                    int p1 = Math.min(k, p0 + 8);
                    for (int jj = 0; jj < nb; jj++) {
                        int src = bOff + (j0 + jj) * k;
                        for (int p = p0; p < p1; p++) {
                            rows[base + p][jj] = b[src + p];
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Rows [i0, i1) of C += op(A) · op(B). A block of MB rows × NB columns of C is copied into scratch rows
     * and kept there (L2) while the whole k-sum is applied, KB rows of op(B) (L1) at a time.
     */
    private static void rowsKernel(double[] a, int aOff, boolean transA, double[][] packed, double[] c, int cOff,
                                   int n, int k, int m, int i0, int i1) {
        // Strides to walk op(A)[i][p]: along p, and from one row i to the next.
        int ap = transA ? n : 1;
        int ai = transA ? 1 : k;
        double[][] cblock = WORKSPACE.get().cblock;
        int blocks = (m + NB - 1) / NB;
        for (int ib = i0; ib < i1; ib += MB) {
            int mb = Math.min(MB, i1 - ib);
            for (int jb = 0; jb < blocks; jb++) {
                int base = jb * k;
                int j0 = jb * NB;
                int nb = Math.min(NB, m - j0);
                for (int r = 0; r < mb; r++) {
                    System.arraycopy(c, cOff + (ib + r) * m + j0, cblock[r], 0, nb);
                }
                for (int p0 = 0; p0 < k; p0 += KB) {
                    int p1 = Math.min(k, p0 + KB);
                    for (int r = 0; r < mb; r++) {
                        double[] crow = cblock[r];
                        int ao = aOff + (ib + r) * ai;
                        int p = p0;
                        for (; p + 8 <= p1; p += 8) {
                            int q = ao + p * ap;
                            update8(crow, nb, packed, base + p, a[q], a[q + ap], a[q + 2 * ap], a[q + 3 * ap],
                                    a[q + 4 * ap], a[q + 5 * ap], a[q + 6 * ap], a[q + 7 * ap]);
                        }
                        if (p + 4 <= p1) {
                            int q = ao + p * ap;
                            update4(crow, nb, packed, base + p, a[q], a[q + ap], a[q + 2 * ap], a[q + 3 * ap]);
                            p += 4;
                        }
                        for (; p < p1; p++) {
                            update1(crow, nb, packed[base + p], a[ao + p * ap]);
                        }
                    }
                }
                for (int r = 0; r < mb; r++) {
                    System.arraycopy(cblock[r], 0, c, cOff + (ib + r) * m + j0, nb);
                }
            }
        }
    }

    /** crow[j] = crow[j] + x0·rows[p][j] + ... + x7·rows[p+7][j], one {@link #madd} per term, in order: the inner kernel. */
    private static void update8(double[] crow, int nb, double[][] rows, int p,
                                double x0, double x1, double x2, double x3,
                                double x4, double x5, double x6, double x7) {
        double[] y0 = rows[p];
        double[] y1 = rows[p + 1];
        double[] y2 = rows[p + 2];
        double[] y3 = rows[p + 3];
        double[] y4 = rows[p + 4];
        double[] y5 = rows[p + 5];
        double[] y6 = rows[p + 6];
        double[] y7 = rows[p + 7];
        for (int j = 0; j < nb; j++) {
            double s = madd(crow[j], x0, y0[j]);
            s = madd(s, x1, y1[j]);
            s = madd(s, x2, y2[j]);
            s = madd(s, x3, y3[j]);
            s = madd(s, x4, y4[j]);
            s = madd(s, x5, y5[j]);
            s = madd(s, x6, y6[j]);
            crow[j] = madd(s, x7, y7[j]);
        }
    }

    private static void update4(double[] crow, int nb, double[][] rows, int p,
                                double x0, double x1, double x2, double x3) {
        double[] y0 = rows[p];
        double[] y1 = rows[p + 1];
        double[] y2 = rows[p + 2];
        double[] y3 = rows[p + 3];
        for (int j = 0; j < nb; j++) {
            crow[j] = madd(madd(madd(madd(crow[j], x0, y0[j]), x1, y1[j]), x2, y2[j]), x3, y3[j]);
        }
    }

    private static void update1(double[] crow, int nb, double[] y, double x) {
        for (int j = 0; j < nb; j++) {
            crow[j] = madd(crow[j], x, y[j]);
        }
    }

    /**
     * c[i] += Σ_p a[i][p] · b[p] (A stored n×k): four rows at a time, each summed in order of p. Four
     * rows measured faster than eight (bench/README.md), so more sums in flight do not pay for the extra
     * row offsets.
     */
    private static void dots(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r0 = aOff + i * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            double s0 = c[cOff + i];
            double s1 = c[cOff + i + 1];
            double s2 = c[cOff + i + 2];
            double s3 = c[cOff + i + 3];
            for (int p = 0; p < k; p++) {
                double y = b[bOff + p];
                s0 = madd(s0, a[r0 + p], y);
                s1 = madd(s1, a[r1 + p], y);
                s2 = madd(s2, a[r2 + p], y);
                s3 = madd(s3, a[r3 + p], y);
            }
            c[cOff + i] = s0;
            c[cOff + i + 1] = s1;
            c[cOff + i + 2] = s2;
            c[cOff + i + 3] = s3;
        }
        for (; i < n; i++) {
            int r = aOff + i * k;
            double s = c[cOff + i];
            for (int p = 0; p < k; p++) {
                s = madd(s, a[r + p], b[bOff + p]);
            }
            c[cOff + i] = s;
        }
    }

    /** c[i] += Σ_p a[p][i] · b[p] (A stored k×n, n small): eight outputs at a time, each summed in order of p. */
    private static void columns(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            double s0 = c[cOff + i];
            double s1 = c[cOff + i + 1];
            double s2 = c[cOff + i + 2];
            double s3 = c[cOff + i + 3];
            double s4 = c[cOff + i + 4];
            double s5 = c[cOff + i + 5];
            double s6 = c[cOff + i + 6];
            double s7 = c[cOff + i + 7];
            for (int p = 0; p < k; p++) {
                double y = b[bOff + p];
                int q = aOff + p * n + i;
                s0 = madd(s0, a[q], y);
                s1 = madd(s1, a[q + 1], y);
                s2 = madd(s2, a[q + 2], y);
                s3 = madd(s3, a[q + 3], y);
                s4 = madd(s4, a[q + 4], y);
                s5 = madd(s5, a[q + 5], y);
                s6 = madd(s6, a[q + 6], y);
                s7 = madd(s7, a[q + 7], y);
            }
            c[cOff + i] = s0;
            c[cOff + i + 1] = s1;
            c[cOff + i + 2] = s2;
            c[cOff + i + 3] = s3;
            c[cOff + i + 4] = s4;
            c[cOff + i + 5] = s5;
            c[cOff + i + 6] = s6;
            c[cOff + i + 7] = s7;
        }
        for (; i < n; i++) {
            double s = c[cOff + i];
            for (int p = 0; p < k; p++) {
                s = madd(s, a[aOff + p * n + i], b[bOff + p]);
            }
            c[cOff + i] = s;
        }
    }

    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    /** Split rows [0, n) into {@code parts} contiguous ranges, run them on the pool and this thread, wait. */
    static void runSplit(int n, int parts, RowRange body) {
        runShared(n, parts, parts, body);
    }

    /**
     * Cut [0, n) into {@code parts} contiguous ranges and run them on {@code workers} threads (the pool and
     * this one); each thread takes the next range nobody has taken yet, so that a thread slowed down by other
     * work on the machine simply takes fewer. Returns when all ranges are done.
     */
    static void runShared(int n, int parts, int workers, RowRange body) {
        if (parts <= 1 || workers <= 1) {
            body.run(0, n);
            return;
        }
        int chunk = (n + parts - 1) / parts;
        AtomicInteger next = new AtomicInteger();
        Runnable takeRanges = () -> {
            for (int t = next.getAndIncrement(); t * chunk < n; t = next.getAndIncrement()) {
                body.run(t * chunk, Math.min(n, (t + 1) * chunk));
            }
        };
        ExecutorService executor = pool(workers - 1);
        List<Future<?>> pending = new ArrayList<>(workers - 1);
        for (int t = 1; t < workers; t++) {
            pending.add(executor.submit(takeRanges));
        }
        takeRanges.run();
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("matmul: interrupted while waiting for a worker thread", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("matmul: a worker thread failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static synchronized ExecutorService pool(int size) {
        if (pool == null || ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize() < size) {
            ExecutorService old = pool;
            pool = Executors.newFixedThreadPool(size, r -> {
                Thread t = new Thread(r, "backprop-matmul");
                t.setDaemon(true);
                return t;
            });
            if (old != null) {
                old.shutdown();
            }
        }
        return pool;
    }

    /** Write the transpose of the rows×cols matrix stored at {@code off} into {@code t} (cols×rows, from index 0). */
    static void transposeInto(double[] x, int off, int rows, int cols, double[] t) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[off + r * cols + c];
            }
        }
    }
}
