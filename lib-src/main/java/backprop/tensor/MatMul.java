package backprop.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The matrix-product kernel behind {@link Tensor#matmul}, in one place so that it can be made fast
 * without touching the autograd code. Every call computes
 * <pre>  C(n×m) += op(A)(n×k) · op(B)(k×m)  </pre>
 * where op(A) is A (stored n×k, row-major) or, when {@code transA}, Aᵀ (A stored k×n); likewise for B.
 *
 * <h2>Why this file is longer than a triple loop</h2>
 * Training a network is mostly matrix products, and the plain i-k-j triple loop reaches only a few
 * GFLOP/s: it reads one element of B from memory for every multiply-add. This kernel keeps the
 * arithmetic exactly that of the triple loop and changes only the order in which the work is visited:
 * <ul>
 *   <li><b>Same result as the textbook loop, bit for bit.</b> Every element is summed in the same order,
 *       {@code c = c + a[i][0]·b[0][j] + a[i][1]·b[1][j] + ...} (k ascending, one rounding per + and ·),
 *       so the fast kernel equals {@link #reference} exactly, whatever the shapes, transposes or thread
 *       count. The tests check this with {@code assertArrayEquals}, no tolerance.</li>
 *   <li><b>Register blocking.</b> The inner loop updates one row segment of C with eight rows of op(B) at
 *       a time: {@code c[j] = c[j] + x0·y0[j] + ... + x7·y7[j]}. That loads and stores C once per eight
 *       multiply-adds instead of once per one, and it is a loop the JIT compiles to SIMD instructions
 *       (it vectorises a loop over j only when each row lives in its own array; hence the packing).</li>
 *   <li><b>Packing.</b> op(B) is copied once per call into k separate row arrays ({@code packB}), which
 *       also turns a transposed B into plain rows.</li>
 *   <li><b>Cache blocking.</b> Columns are visited in blocks of {@link #NB} and the k-sum in blocks of
 *       {@link #KB}, so the rows of B in use (KB × NB doubles, 32 KB) stay in the L1 cache while every
 *       row of C passes by. Blocking k does not change the order of the sum: blocks run in order.</li>
 *   <li><b>Both cores for large products.</b> The rows of C are split between a few worker threads; the
 *       k-sum is never split, so each element is computed by one thread in the same order as always and
 *       the result does not depend on the thread count.</li>
 *   <li><b>Shapes from small networks</b> (a column vector, a handful of rows) take direct paths that skip
 *       the packing, because there the copy would cost as much as the product.</li>
 * </ul>
 * The thread count is the number of processors, or the system property {@code backprop.threads}.
 */
final class MatMul {
    /** Columns of C per block: one row segment of C (2 KB) stays in L1 while the k-block is applied. */
    static final int NB = 256;
    /** Rows of op(B) per block: KB × NB doubles = 32 KB, kept in L1 while all rows of C pass by. */
    static final int KB = 16;
    /** Products with fewer multiply-adds than this run on the calling thread only. */
    static final long PARALLEL_MIN_WORK = 1L << 20;

    private static volatile int threads = Math.max(1, Integer.getInteger("backprop.threads",
            Runtime.getRuntime().availableProcessors()));
    private static ExecutorService pool;

    private MatMul() {
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

    static void multiplyAdd(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                            double[] c, int cOff, int n, int k, int m) {
        if (n == 0 || m == 0 || k == 0) {
            return;
        }
        if (m == 1) {
            // C is a column: c[i] += Σ_p op(A)[i][p] · op(B)[p]; op(B) is a contiguous k-vector either way.
            if (transA) {
                columnFromRows(a, aOff, b, bOff, c, cOff, n, k);
            } else {
                dots(a, aOff, b, bOff, c, cOff, n, k);
            }
            return;
        }
        if (n < 4 && !transB) {
            // A few rows: c[i][:] += a[i][p] · b[p][:] straight from B, no packing.
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOff + p * n + i] : a[aOff + i * k + p];
                    axpy(x, b, bOff + p * m, c, cOff + i * m, m);
                }
            }
            return;
        }
        double[][] rows = packB(b, bOff, transB, k, m);
        int workers = (long) n * k * m >= PARALLEL_MIN_WORK && n >= 16 ? Math.min(threads, n / 8) : 1;
        if (workers <= 1) {
            rowsKernel(a, aOff, transA, rows, c, cOff, n, k, m, 0, n);
            return;
        }
        double[] aa = a;
        int ao = aOff;
        runSplit(n, workers, (from, to) -> rowsKernel(aa, ao, transA, rows, c, cOff, n, k, m, from, to));
    }

    /** op(B) as k separate row arrays of length m (a copy, transposing when B is stored m×k). */
    static double[][] packB(double[] b, int bOff, boolean transB, int k, int m) {
        double[][] rows = new double[k][m];
        if (!transB) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * m, rows[p], 0, m);
            }
            return rows;
        }
        // B stored m×k: rows[p][j] = b[j][p]; in tiles of 8 p so each cache line of b is read once.
        for (int p0 = 0; p0 < k; p0 += 8) {
            int p1 = Math.min(k, p0 + 8);
            for (int j = 0; j < m; j++) {
                int src = bOff + j * k;
                for (int p = p0; p < p1; p++) {
                    rows[p][j] = b[src + p];
                }
            }
        }
        return rows;
    }

    /** Rows [i0, i1) of C += op(A) · rows, blocked over columns (NB) and the k-sum (KB). */
    private static void rowsKernel(double[] a, int aOff, boolean transA, double[][] rows, double[] c, int cOff,
                                   int n, int k, int m, int i0, int i1) {
        // Strides to walk op(A)[i][p]: along p, and from one row i to the next.
        int ap = transA ? n : 1;
        int ai = transA ? 1 : k;
        for (int j0 = 0; j0 < m; j0 += NB) {
            int j1 = Math.min(m, j0 + NB);
            for (int p0 = 0; p0 < k; p0 += KB) {
                int p1 = Math.min(k, p0 + KB);
                for (int i = i0; i < i1; i++) {
                    int co = cOff + i * m;
                    int ao = aOff + i * ai;
                    int p = p0;
                    for (; p + 8 <= p1; p += 8) {
                        int q = ao + p * ap;
                        update8(c, co, j0, j1, rows, p, a[q], a[q + ap], a[q + 2 * ap], a[q + 3 * ap],
                                a[q + 4 * ap], a[q + 5 * ap], a[q + 6 * ap], a[q + 7 * ap]);
                    }
                    if (p + 4 <= p1) {
                        int q = ao + p * ap;
                        update4(c, co, j0, j1, rows, p, a[q], a[q + ap], a[q + 2 * ap], a[q + 3 * ap]);
                        p += 4;
                    }
                    for (; p < p1; p++) {
                        double x = a[ao + p * ap];
                        double[] y = rows[p];
                        for (int j = j0; j < j1; j++) {
                            c[co + j] += x * y[j];
                        }
                    }
                }
            }
        }
    }

    /** c[co+j] = c[co+j] + x0·rows[p][j] + ... + x7·rows[p+7][j] for j in [j0, j1): the inner kernel. */
    private static void update8(double[] c, int co, int j0, int j1, double[][] rows, int p,
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
        for (int j = j0; j < j1; j++) {
            c[co + j] = c[co + j] + x0 * y0[j] + x1 * y1[j] + x2 * y2[j] + x3 * y3[j]
                    + x4 * y4[j] + x5 * y5[j] + x6 * y6[j] + x7 * y7[j];
        }
    }

    private static void update4(double[] c, int co, int j0, int j1, double[][] rows, int p,
                                double x0, double x1, double x2, double x3) {
        double[] y0 = rows[p];
        double[] y1 = rows[p + 1];
        double[] y2 = rows[p + 2];
        double[] y3 = rows[p + 3];
        for (int j = j0; j < j1; j++) {
            c[co + j] = c[co + j] + x0 * y0[j] + x1 * y1[j] + x2 * y2[j] + x3 * y3[j];
        }
    }

    private static void axpy(double x, double[] y, int yo, double[] c, int co, int len) {
        for (int j = 0; j < len; j++) {
            c[co + j] += x * y[yo + j];
        }
    }

    /** c[i] += Σ_p a[i][p] · b[p] (A stored n×k): eight rows at a time, each summed in order of p. */
    private static void dots(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int r = aOff + i * k;
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
                int q = r + p;
                s0 += a[q] * y;
                s1 += a[q + k] * y;
                s2 += a[q + 2 * k] * y;
                s3 += a[q + 3 * k] * y;
                s4 += a[q + 4 * k] * y;
                s5 += a[q + 5 * k] * y;
                s6 += a[q + 6 * k] * y;
                s7 += a[q + 7 * k] * y;
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
            int r = aOff + i * k;
            double s = c[cOff + i];
            for (int p = 0; p < k; p++) {
                s += a[r + p] * b[bOff + p];
            }
            c[cOff + i] = s;
        }
    }

    /** c[i] += Σ_p a[p][i] · b[p] (A stored k×n): row p of A scaled into C, p in order. */
    private static void columnFromRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                       int n, int k) {
        for (int p = 0; p < k; p++) {
            axpy(b[bOff + p], a, aOff + p * n, c, cOff, n);
        }
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    /** Split rows [0, n) into {@code parts} contiguous ranges, run them on the pool and this thread, wait. */
    private static void runSplit(int n, int parts, RowRange body) {
        ExecutorService workers = pool(parts - 1);
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        int chunk = (n + parts - 1) / parts;
        for (int t = 1; t < parts; t++) {
            int from = Math.min(n, t * chunk);
            int to = Math.min(n, from + chunk);
            pending.add(workers.submit(() -> body.run(from, to)));
        }
        body.run(0, Math.min(n, chunk));
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

    /** The textbook triple loop, in i-k-j order: the definition the fast paths above must equal exactly. */
    static void reference(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                          double[] c, int cOff, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double x = transA ? a[aOff + p * n + i] : a[aOff + i * k + p];
                for (int j = 0; j < m; j++) {
                    double y = transB ? b[bOff + j * k + p] : b[bOff + p * m + j];
                    c[cOff + i * m + j] += x * y;
                }
            }
        }
    }

    /** The transpose of the rows×cols matrix stored at {@code off}, as a new cols×rows array. */
    static double[] transposeCopy(double[] x, int off, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[off + r * cols + c];
            }
        }
        return t;
    }
}
