package backprop.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path of {@link MatMul} for large products, written with the JDK's Vector API
 * ({@code jdk.incubator.vector}). Only {@link MatMul} touches this class, and only after it has found the
 * module in the running JVM (started with {@code --add-modules jdk.incubator.vector}); without it the
 * plain-Java kernel in {@link MatMul} does the same work.
 *
 * <h2>Why it exists</h2>
 * The JIT of JDK 17 vectorises the plain-Java kernel with 256-bit registers and must load and store C
 * for every few multiply-adds; that reaches about half of what a core can do. Here each 8 × 16 tile of C
 * (with 512-bit vectors: 8 rows × 2 vectors of 8 doubles) stays in sixteen vector registers while a
 * whole block of the k-sum is applied to it: per step of k, two vector loads of op(B), eight broadcasts
 * of op(A), sixteen multiplies and sixteen adds, and no memory traffic for C at all.
 *
 * <h2>The same bits as the textbook loop</h2>
 * Each element of C is still {@code c = c + a[i][0]·b[0][j] + a[i][1]·b[1][j] + ...}, k ascending, each
 * step the same {@link MatMul#madd} as the plain-Java kernel and the reference take (a fused multiply-add
 * where the processor has one: up to twice as fast here, see {@link Reference#FUSED}). The lanes of a vector
 * are different columns j, never different terms of one sum, and cutting k into blocks only stores C between
 * two steps. So the result equals {@link Reference#matmul} exactly, at every vector width, and the tests
 * check it without tolerance.
 *
 * <h2>Layout (the classic blocked product)</h2>
 * op(B) is copied once per call into panels of NR columns ({@code packedB[(panel·k + p)·NR + jj]}, the last
 * panel padded with zeros), so that the kernel reads it in order; op(A) is copied per block of MC rows ×
 * KC steps of k into panels of MR rows. One B panel slice (KC × NR) stays in L1 while the MR-row panels of
 * the A block (L2) pass by it. Tiles at the right and bottom edges of C are computed in a scratch tile and
 * copied back, so padding never reaches C.
 */
final class VectorMatMul {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector: 8 with AVX-512, 4 with AVX2. */
    static final int L = S.length();
    /** Columns of a C tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of a C tile: 8 (16 accumulators) when there are 32 vector registers (AVX-512), else 4. */
    static final int MR = L >= 8 ? 8 : 4;
    /** Steps of k per block: KC × NR of op(B) (32 KB) plus MR × KC of op(A) (16 KB) fit in L1. */
    static final int KC = 256;
    /** Rows of C per block: MC × KC of op(A) (256 KB) stays in L2. */
    static final int MC = 128;

    private VectorMatMul() {
    }

    /** One step of every sum: c + x·y, lane by lane, fused exactly when {@link MatMul#madd} is ({@link MatMul#FUSED}). */
    private static DoubleVector madd(DoubleVector c, DoubleVector x, DoubleVector y) {
        return MatMul.FUSED ? x.fma(y, c) : c.add(x.mul(y));
    }

    private static DoubleVector madd(DoubleVector c, DoubleVector x, double y) {
        return madd(c, x, DoubleVector.broadcast(S, y));
    }

    /** Whether vectors are wide enough (4 doubles or more) for this kernel to be faster than plain Java. */
    static boolean worthwhile() {
        return L >= 4;
    }

    private static final class Workspace {
        double[] packedB = new double[0];
        final double[] packedA = new double[MC * KC];
        final double[] tile = new double[MR * NR];

        double[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new double[Math.max(size, packedB.length * 3 / 2)];
            }
            return packedB;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** C(n×m) += op(A) · op(B), rows of C split between {@code workers} threads (see {@link MatMul#multiplyAdd}). */
    static void multiplyAdd(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                            double[] c, int cOff, int n, int k, int m, int workers) {
        int panels = (m + NR - 1) / NR;
        double[] packedB = WORKSPACE.get().packedB(panels * k * NR);
        if (workers <= 1) {
            packB(b, bOff, transB, k, m, packedB, 0, panels);
            rows(a, aOff, transA, packedB, c, cOff, n, k, m, 0, n);
            return;
        }
        // Copying op(B) is shared out by panels, then the product by runs of whole tiles of MR rows (no tile
        // is shared): about four runs per thread, so that a thread slowed down by other programs takes fewer.
        MatMul.runSplit(panels, Math.min(workers, panels),
                (from, to) -> packB(b, bOff, transB, k, m, packedB, from, to));
        int tiles = (n + MR - 1) / MR;
        int tilesPerRun = Math.max(4, Math.min(MC / MR, tiles / (4 * workers)));
        MatMul.runShared(tiles, (tiles + tilesPerRun - 1) / tilesPerRun, workers, (from, to) ->
                rows(a, aOff, transA, packedB, c, cOff, n, k, m, from * MR, Math.min(n, to * MR)));
    }

    /** Panels [from, to) of op(B), each NR columns wide: k rows of NR doubles, zeros beyond column m. */
    private static void packB(double[] b, int bOff, boolean transB, int k, int m, double[] packed, int from, int to) {
        for (int jp = from; jp < to; jp++) {
            int j0 = jp * NR;
            int nr = Math.min(NR, m - j0);
            int base = jp * k * NR;
            if (!transB) {
                for (int p = 0; p < k; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, bOff + p * m + j0, packed, dst, nr);
                    java.util.Arrays.fill(packed, dst + nr, dst + NR, 0.0);
                }
            } else {
                // B stored m×k: op(B)[p][j] = b[j][p]; read each stored row j in order.
                for (int jj = 0; jj < NR; jj++) {
                    if (jj < nr) {
                        int src = bOff + (j0 + jj) * k;
                        for (int p = 0; p < k; p++) {
                            packed[base + p * NR + jj] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < k; p++) {
                            packed[base + p * NR + jj] = 0.0;
                        }
                    }
                }
            }
        }
    }

    /** Rows [i0, i1) of C += op(A) · op(B), op(B) packed by {@link #packB}. */
    private static void rows(double[] a, int aOff, boolean transA, double[] packedB, double[] c, int cOff,
                             int n, int k, int m, int i0, int i1) {
        Workspace ws = WORKSPACE.get();
        double[] packedA = ws.packedA;
        double[] tile = ws.tile;
        int panels = (m + NR - 1) / NR;
        // k in blocks of equal size, at most KC (784 = 4 × 196, not 3 × 256 + 16: few short blocks).
        int kBlock = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC);
        for (int pc = 0; pc < k; pc += kBlock) {
            int kc = Math.min(kBlock, k - pc);
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                packA(a, aOff, transA, n, k, ic, mc, pc, kc, packedA);
                for (int jp = 0; jp < panels; jp++) {
                    int j0 = jp * NR;
                    int nr = Math.min(NR, m - j0);
                    int bo = (jp * k + pc) * NR;
                    for (int r = 0; r < mc; r += MR) {
                        int mr = Math.min(MR, mc - r);
                        int ao = r * kc;
                        int co = cOff + (ic + r) * m + j0;
                        if (mr == MR && nr == NR) {
                            kernel(kc, packedA, ao, packedB, bo, c, co, m);
                        } else {
                            for (int ii = 0; ii < mr; ii++) {
                                System.arraycopy(c, co + ii * m, tile, ii * NR, nr);
                            }
                            kernel(kc, packedA, ao, packedB, bo, tile, 0, NR);
                            for (int ii = 0; ii < mr; ii++) {
                                System.arraycopy(tile, ii * NR, c, co + ii * m, nr);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows [ic, ic+mc) × steps [pc, pc+kc) of op(A), in panels of MR rows:
     * {@code packed[r·kc + p·MR + ii] = op(A)[ic + r + ii][pc + p]} for panel start r; zeros below row ic+mc.
     */
    private static void packA(double[] a, int aOff, boolean transA, int n, int k, int ic, int mc, int pc, int kc,
                              double[] packed) {
        for (int r = 0; r < mc; r += MR) {
            int mr = Math.min(MR, mc - r);
            int base = r * kc;
            for (int ii = 0; ii < MR; ii++) {
                if (ii < mr) {
                    int i = ic + r + ii;
                    if (!transA) {
                        int src = aOff + i * k + pc;          // A stored n×k: a row, in order
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * MR + ii] = a[src + p];
                        }
                    } else {
                        int src = aOff + pc * n + i;          // A stored k×n: op(A)[i][p] = a[p][i]
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * MR + ii] = a[src + p * n];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + ii] = 0.0;
                    }
                }
            }
        }
    }

    private static void kernel(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co, int ldc) {
        if (MR == 8) {
            kernel8(kc, pa, ao, pb, bo, c, co, ldc);
        } else {
            kernel4(kc, pa, ao, pb, bo, c, co, ldc);
        }
    }

    /**
     * An 8 × NR tile of C (at {@code co}, rows {@code ldc} apart) += kc steps of packed op(A) and op(B):
     * {@code c[i][j] = c[i][j] + a[i][p] · b[p][j]} for p ascending, one madd per step.
     */
    private static void kernel8(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(S, c, co);
        DoubleVector c01 = DoubleVector.fromArray(S, c, co + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, co + ldc);
        DoubleVector c11 = DoubleVector.fromArray(S, c, co + ldc + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
        DoubleVector c40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
        DoubleVector c41 = DoubleVector.fromArray(S, c, co + 4 * ldc + L);
        DoubleVector c50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
        DoubleVector c51 = DoubleVector.fromArray(S, c, co + 5 * ldc + L);
        DoubleVector c60 = DoubleVector.fromArray(S, c, co + 6 * ldc);
        DoubleVector c61 = DoubleVector.fromArray(S, c, co + 6 * ldc + L);
        DoubleVector c70 = DoubleVector.fromArray(S, c, co + 7 * ldc);
        DoubleVector c71 = DoubleVector.fromArray(S, c, co + 7 * ldc + L);
        for (int p = 0; p < kc; p++) {
            int a = ao + p * 8;
            int b = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, pb, b);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, b + L);
            DoubleVector x = DoubleVector.broadcast(S, pa[a]);
            c00 = madd(c00, x, b0);
            c01 = madd(c01, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 1]);
            c10 = madd(c10, x, b0);
            c11 = madd(c11, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 2]);
            c20 = madd(c20, x, b0);
            c21 = madd(c21, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 3]);
            c30 = madd(c30, x, b0);
            c31 = madd(c31, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 4]);
            c40 = madd(c40, x, b0);
            c41 = madd(c41, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 5]);
            c50 = madd(c50, x, b0);
            c51 = madd(c51, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 6]);
            c60 = madd(c60, x, b0);
            c61 = madd(c61, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 7]);
            c70 = madd(c70, x, b0);
            c71 = madd(c71, x, b1);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    /**
     * {@link #kernel8} with 4 rows, for 16 vector registers (AVX2). Two kernels rather than one with a row
     * count: the tile's accumulators must be named locals to stay in registers (an array of vectors is kept in
     * memory), and a 4-row tile everywhere costs the 32-register machines more than 10 % on W4 (bench/README.md).
     */
    private static void kernel4(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co, int ldc) {
        DoubleVector c00 = DoubleVector.fromArray(S, c, co);
        DoubleVector c01 = DoubleVector.fromArray(S, c, co + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, co + ldc);
        DoubleVector c11 = DoubleVector.fromArray(S, c, co + ldc + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
        DoubleVector c21 = DoubleVector.fromArray(S, c, co + 2 * ldc + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
        DoubleVector c31 = DoubleVector.fromArray(S, c, co + 3 * ldc + L);
        for (int p = 0; p < kc; p++) {
            int a = ao + p * 4;
            int b = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, pb, b);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, b + L);
            DoubleVector x = DoubleVector.broadcast(S, pa[a]);
            c00 = madd(c00, x, b0);
            c01 = madd(c01, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 1]);
            c10 = madd(c10, x, b0);
            c11 = madd(c11, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 2]);
            c20 = madd(c20, x, b0);
            c21 = madd(c21, x, b1);
            x = DoubleVector.broadcast(S, pa[a + 3]);
            c30 = madd(c30, x, b0);
            c31 = madd(c31, x, b1);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
    }

    /**
     * C(n×m) += op(A) · op(B) when op(A) has few rows or few columns: a first layer with two inputs
     * (X(64×2)·W), the gradient of a layer with one output (G(64×1)·wᵀ), a weight gradient with two
     * rows (Xᵀ(2×64)·G). The tiled kernel would spend more time packing A and B and filling tiles with zeros
     * than multiplying; here each row of C is updated in place, a vector of columns at a time, by each step
     * of k in turn: {@code c[i][j] = c[i][j] + a[i][p]·b[p][j]} for p ascending, one madd per step, the
     * same operations as {@link Reference#matmul}. A transposed B is first copied out as rows (k × m).
     */
    static void thin(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                     double[] c, int cOff, int n, int k, int m) {
        double[] rowsB = b;
        int bo = bOff;
        if (transB && k > 1) {                       // B stored m×k: op(B) = its transpose, copied as k rows of m
            rowsB = WORKSPACE.get().packedB(k * m);
            bo = 0;
            MatMul.transposeInto(b, bOff, m, k, rowsB);
        }                                            // (k = 1: op(B) is b itself, one row of m, either way)
        int ap = transA ? n : 1;                     // strides of op(A)[i][p]: along p, and from row to row
        int ai = transA ? 1 : k;
        int bound = S.loopBound(m);
        for (int i = 0; i < n; i++) {
            int co = cOff + i * m;
            int ao = aOff + i * ai;
            int p = 0;
            for (; p + 2 <= k; p += 2) {             // two steps of k per pass over the row of C
                double x0 = a[ao + p * ap];
                double x1 = a[ao + (p + 1) * ap];
                int b0 = bo + p * m;
                int b1 = b0 + m;
                int j = 0;
                DoubleVector v0 = DoubleVector.broadcast(S, x0);
                DoubleVector v1 = DoubleVector.broadcast(S, x1);
                for (; j < bound; j += L) {
                    DoubleVector cv = madd(DoubleVector.fromArray(S, c, co + j), v0, DoubleVector.fromArray(S, rowsB, b0 + j));
                    madd(cv, v1, DoubleVector.fromArray(S, rowsB, b1 + j)).intoArray(c, co + j);
                }
                for (; j < m; j++) {
                    c[co + j] = MatMul.madd(MatMul.madd(c[co + j], x0, rowsB[b0 + j]), x1, rowsB[b1 + j]);
                }
            }
            if (p < k) {
                double x0 = a[ao + p * ap];
                int b0 = bo + p * m;
                int j = 0;
                DoubleVector v0 = DoubleVector.broadcast(S, x0);
                for (; j < bound; j += L) {
                    madd(DoubleVector.fromArray(S, c, co + j), v0, DoubleVector.fromArray(S, rowsB, b0 + j))
                            .intoArray(c, co + j);
                }
                for (; j < m; j++) {
                    c[co + j] = MatMul.madd(c[co + j], x0, rowsB[b0 + j]);
                }
            }
        }
    }

    /**
     * c[i] += Σ_p a[p][i] · b[p] for A stored k×n: a gradient Aᵀ·g of a layer with one output, such as
     * linear regression's Xᵀ·r over 10⁴ rows, or X·w from X's column-major copy (ColumnMajorCopy).
     * The outputs sit side by side in vector lanes, and each step of p adds a[p][i]·b[p] to every lane: for
     * each output the same sum, in the same order, one madd per step, as {@link Reference#matmul}. Four
     * vectors of outputs at a time: each sum is a chain of dependent steps, and four chains in flight keep
     * the multiply-add units busy (one pass of four vectors measured faster than two passes of two:
     * bench/README.md). Outputs beyond the last whole vector are summed one at a time.
     */
    static void columns(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k) {
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, cOff + i);
            DoubleVector s1 = DoubleVector.fromArray(S, c, cOff + i + L);
            DoubleVector s2 = DoubleVector.fromArray(S, c, cOff + i + 2 * L);
            DoubleVector s3 = DoubleVector.fromArray(S, c, cOff + i + 3 * L);
            for (int p = 0; p < k; p++) {
                DoubleVector y = DoubleVector.broadcast(S, b[bOff + p]);
                int q = aOff + p * n + i;
                s0 = madd(s0, DoubleVector.fromArray(S, a, q), y);
                s1 = madd(s1, DoubleVector.fromArray(S, a, q + L), y);
                s2 = madd(s2, DoubleVector.fromArray(S, a, q + 2 * L), y);
                s3 = madd(s3, DoubleVector.fromArray(S, a, q + 3 * L), y);
            }
            s0.intoArray(c, cOff + i);
            s1.intoArray(c, cOff + i + L);
            s2.intoArray(c, cOff + i + 2 * L);
            s3.intoArray(c, cOff + i + 3 * L);
        }
        for (; i + 2 * L <= n; i += 2 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, cOff + i);
            DoubleVector s1 = DoubleVector.fromArray(S, c, cOff + i + L);
            for (int p = 0; p < k; p++) {
                DoubleVector y = DoubleVector.broadcast(S, b[bOff + p]);
                int q = aOff + p * n + i;
                s0 = madd(s0, DoubleVector.fromArray(S, a, q), y);
                s1 = madd(s1, DoubleVector.fromArray(S, a, q + L), y);
            }
            s0.intoArray(c, cOff + i);
            s1.intoArray(c, cOff + i + L);
        }
        for (; i + L <= n; i += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, c, cOff + i);
            for (int p = 0; p < k; p++) {
                s0 = madd(s0, DoubleVector.fromArray(S, a, aOff + p * n + i), b[bOff + p]);
            }
            s0.intoArray(c, cOff + i);
        }
        for (; i < n; i++) {
            double s = c[cOff + i];
            for (int p = 0; p < k; p++) {
                s = MatMul.madd(s, a[aOff + p * n + i], b[bOff + p]);
            }
            c[cOff + i] = s;
        }
    }

    /**
     * c[i] += Σ_p a[i][p] · b[p] for A stored n×k with few columns (k ≤ 64): a layer with one output, such as
     * linear regression's X·w over 10⁴ rows. L rows at a time sit in vector lanes; step p gathers their
     * column p (elements k apart) and adds a[i][p]·b[p] to each lane: for each row the same sum, in the same
     * order, one madd per step, as {@link Reference#matmul}. Rows beyond the last whole vector are summed one
     * at a time.
     */
    static void dots(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k) {
        int[] rowStarts = new int[L];
        for (int l = 0; l < L; l++) {
            rowStarts[l] = l * k;
        }
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {                // two independent sums in flight
            DoubleVector s0 = DoubleVector.fromArray(S, c, cOff + i);
            DoubleVector s1 = DoubleVector.fromArray(S, c, cOff + i + L);
            int r0 = aOff + i * k;
            int r1 = r0 + L * k;
            for (int p = 0; p < k; p++) {
                double y = b[bOff + p];
                s0 = madd(s0, DoubleVector.fromArray(S, a, r0 + p, rowStarts, 0), y);
                s1 = madd(s1, DoubleVector.fromArray(S, a, r1 + p, rowStarts, 0), y);
            }
            s0.intoArray(c, cOff + i);
            s1.intoArray(c, cOff + i + L);
        }
        for (; i + L <= n; i += L) {
            DoubleVector s = DoubleVector.fromArray(S, c, cOff + i);
            int r = aOff + i * k;
            for (int p = 0; p < k; p++) {
                s = madd(s, DoubleVector.fromArray(S, a, r + p, rowStarts, 0), b[bOff + p]);
            }
            s.intoArray(c, cOff + i);
        }
        for (; i < n; i++) {
            double s = c[cOff + i];
            for (int p = 0; p < k; p++) {
                s = MatMul.madd(s, a[aOff + i * k + p], b[bOff + p]);
            }
            c[cOff + i] = s;
        }
    }
}
