package backprop.plot;

import java.util.Arrays;

/**
 * Contour lines of a function sampled on a grid, by marching squares: each grid cell whose
 * corners lie on both sides of the level contributes one segment (two at a saddle), its ends
 * placed on the cell edges by linear interpolation. Package-private plotting logic.
 */
final class Contours {

    private Contours() {
    }

    /**
     * Segments of the level line z = level, as one polyline for XChart: x1, x2, gap, x1, x2, gap, ...
     *
     * @param gx grid x coordinates (ascending), length nx
     * @param gy grid y coordinates (ascending), length ny
     * @param z  values, z[j][i] at (gx[i], gy[j]); NaN corners skip the cell
     * @return {xs, ys}, with NaN y after every segment (XChart draws NaN as a gap)
     */
    static double[][] segments(double[] gx, double[] gy, double[][] z, double level) {
        double[] xs = new double[64];
        double[] ys = new double[64];
        int n = 0;
        double[] ex = new double[4];
        double[] ey = new double[4];
        for (int j = 0; j + 1 < gy.length; j++) {
            for (int i = 0; i + 1 < gx.length; i++) {
                double z00 = z[j][i];
                double z10 = z[j][i + 1];
                double z01 = z[j + 1][i];
                double z11 = z[j + 1][i + 1];
                if (Double.isNaN(z00) || Double.isNaN(z10) || Double.isNaN(z01) || Double.isNaN(z11)) {
                    continue;
                }
                boolean a00 = z00 > level;
                boolean a10 = z10 > level;
                boolean a01 = z01 > level;
                boolean a11 = z11 > level;
                // crossing points on the edges: 0 bottom, 1 right, 2 top, 3 left (NaN where no crossing)
                Arrays.fill(ex, Double.NaN);
                if (a00 != a10) {
                    ex[0] = lerp(gx[i], gx[i + 1], z00, z10, level);
                    ey[0] = gy[j];
                }
                if (a10 != a11) {
                    ex[1] = gx[i + 1];
                    ey[1] = lerp(gy[j], gy[j + 1], z10, z11, level);
                }
                if (a01 != a11) {
                    ex[2] = lerp(gx[i], gx[i + 1], z01, z11, level);
                    ey[2] = gy[j + 1];
                }
                if (a00 != a01) {
                    ex[3] = gx[i];
                    ey[3] = lerp(gy[j], gy[j + 1], z00, z01, level);
                }
                int crossings = 0;
                for (double e : ex) {
                    if (!Double.isNaN(e)) {
                        crossings++;
                    }
                }
                if (crossings == 2) {
                    int p = -1;
                    int q = -1;
                    for (int e = 0; e < 4; e++) {
                        if (!Double.isNaN(ex[e])) {
                            if (p < 0) {
                                p = e;
                            } else {
                                q = e;
                            }
                        }
                    }
                    if (n + 3 > xs.length) {
                        xs = Arrays.copyOf(xs, xs.length * 2);
                        ys = Arrays.copyOf(ys, ys.length * 2);
                    }
                    n = put(xs, ys, n, ex[p], ey[p], ex[q], ey[q]);
                } else if (crossings == 4) {
                    // saddle: the centre value decides which corners are joined
                    boolean centreAbove = (z00 + z10 + z01 + z11) / 4 > level;
                    boolean diagonal0011 = a00; // above corners are 00 and 11 (else 10 and 01)
                    // cut off the two corners that are NOT connected through the centre
                    boolean cutCorners00and11 = diagonal0011 != centreAbove;
                    if (n + 6 > xs.length) {
                        xs = Arrays.copyOf(xs, xs.length * 2 + 6);
                        ys = Arrays.copyOf(ys, ys.length * 2 + 6);
                    }
                    if (cutCorners00and11) {
                        n = put(xs, ys, n, ex[0], ey[0], ex[3], ey[3]); // corner 00: bottom-left
                        n = put(xs, ys, n, ex[1], ey[1], ex[2], ey[2]); // corner 11: right-top
                    } else {
                        n = put(xs, ys, n, ex[0], ey[0], ex[1], ey[1]); // corner 10: bottom-right
                        n = put(xs, ys, n, ex[2], ey[2], ex[3], ey[3]); // corner 01: top-left
                    }
                }
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    private static int put(double[] xs, double[] ys, int n, double x1, double y1, double x2, double y2) {
        xs[n] = x1;
        ys[n] = y1;
        xs[n + 1] = x2;
        ys[n + 1] = y2;
        xs[n + 2] = x2;
        ys[n + 2] = Double.NaN;
        return n + 3;
    }

    private static double lerp(double a, double b, double za, double zb, double level) {
        double t = (level - za) / (zb - za);
        return a + t * (b - a);
    }

    /** n evenly spaced values from lo to hi inclusive. */
    static double[] linspace(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * i / (n - 1);
        }
        return v;
    }

    /**
     * Contour levels at the quantiles of the finite grid values, so that every band covers about
     * the same area: a steep bowl keeps lines near its minimum instead of crowding at the rim.
     */
    static double[] quantileLevels(double[][] z, int bands) {
        int count = 0;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    count++;
                }
            }
        }
        double[] all = new double[count];
        int k = 0;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    all[k++] = v;
                }
            }
        }
        Arrays.sort(all);
        double[] levels = new double[bands - 1];
        int m = 0;
        for (int b = 1; b < bands; b++) {
            double q = all[Math.min(count - 1, (int) Math.round((double) b * (count - 1) / bands))];
            if (m == 0 || q > levels[m - 1]) {
                levels[m++] = q;
            }
        }
        return Arrays.copyOf(levels, m);
    }

    /** Index of the band a value falls in: the number of levels below it. */
    static int band(double[] levels, double v) {
        int b = 0;
        while (b < levels.length && v > levels[b]) {
            b++;
        }
        return b;
    }
}
