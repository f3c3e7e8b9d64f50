package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import backprop.tensor.NoGrad;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

/**
 * The regions a classifier assigns to each class over 2-D inputs (light shading), its decision
 * boundary (dark line) and the data points coloured by their true class.
 *
 * <p>How the model's output is read, for a grid of m points of shape (m, 2):
 * <ul>
 *   <li>(m) or (m, 1): binary; a probability (threshold 0.5) when every output is in [0, 1],
 *       otherwise a logit (threshold 0). The legend says which threshold was used.</li>
 *   <li>(m, C) with C &gt;= 2: class scores or probabilities; the class is the argmax.</li>
 * </ul>
 */
final class DecisionBoundary {

    private DecisionBoundary() {
    }

    static final int GRID = 120;

    static BufferedImage draw(Function<Tensor, Tensor> model, Tensor X, Tensor labels, String title, int width, int height) {
        return draw(model, X, labels, title, width, height, GRID);
    }

    /** As above on a {@code side x side} grid of cells (a live plot uses a coarser, cheaper one). */
    static BufferedImage draw(Function<Tensor, Tensor> model, Tensor X, Tensor labels, String title, int width, int height,
                              int side) {
        String op = "decisionBoundary";
        Args.notNull(op, "model", model);
        Args.notNull(op, "X", X);
        Args.notNull(op, "labels", labels);
        int[] xs = X.shape();
        if (xs.length != 2 || xs[1] != 2) {
            throw new ShapeMismatchException(op + ": X must have shape (n, 2), two input features per row: got "
                    + Arrays.toString(xs) + ": plot two features, e.g. X with columns 0 and 1 only"
                    + (xs.length == 1 ? ", or X.reshape(-1, 2) if the values are pairs" : ""));
        }
        int n = xs[0];
        if (n == 0) {
            throw Args.error(op, "X has no rows", "shape " + Arrays.toString(xs), "pass at least one point");
        }
        int[] y = classLabels(op, labels, n);
        double[][] pts = X.toArray2d();

        // the plotted range: the data's bounding box plus 10%
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        int nonFinite = 0;
        for (double[] p : pts) {
            if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                xmin = Math.min(xmin, p[0]);
                xmax = Math.max(xmax, p[0]);
                ymin = Math.min(ymin, p[1]);
                ymax = Math.max(ymax, p[1]);
            } else {
                nonFinite++;
            }
        }
        if (nonFinite == n) {
            throw Args.error(op, "X has no finite point", "all " + n + " rows contain NaN or Inf", "check the data");
        }
        double padX = xmax > xmin ? 0.1 * (xmax - xmin) : 1;
        double padY = ymax > ymin ? 0.1 * (ymax - ymin) : 1;
        xmin -= padX;
        xmax += padX;
        ymin -= padY;
        ymax += padY;
        // equal units on both axes (circles stay round): widen the narrower range to the plot's
        // aspect, estimated from the image size minus the usual title, axis and legend space
        double aspect = (width - 90.0) / (height - 120.0);
        if ((xmax - xmin) / (ymax - ymin) < aspect) {
            double grow = (aspect * (ymax - ymin) - (xmax - xmin)) / 2;
            xmin -= grow;
            xmax += grow;
        } else {
            double grow = ((xmax - xmin) / aspect - (ymax - ymin)) / 2;
            ymin -= grow;
            ymax += grow;
        }

        double dx = (xmax - xmin) / side;
        double dy = (ymax - ymin) / side;
        double[] gx = Contours.linspace(xmin + dx / 2, xmax - dx / 2, side);
        double[] gy = Contours.linspace(ymin + dy / 2, ymax - dy / 2, side);
        double[] grid = new double[side * side * 2];
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                grid[2 * (j * side + i)] = gx[i];
                grid[2 * (j * side + i) + 1] = gy[j];
            }
        }
        Scores gridScores = scores(op, model, Tensor.of(grid, side * side, 2), side * side);
        Scores dataScores = scores(op, model, X, n);

        int classes = Math.max(gridScores.classes(), 1 + Arrays.stream(y).max().orElse(0));
        // predicted class per grid cell, and a margin whose zero level is the boundary
        int[][] cls = new int[side][side];
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                cls[j][i] = gridScores.predict(j * side + i);
            }
        }
        Notes notes = new Notes();
        if (nonFinite > 0) {
            notes.add(nonFinite + " of " + n + " points with NaN/Inf coordinates not drawn");
        }
        if (gridScores.nonFinite > 0) {
            notes.add("model output is NaN/Inf at " + gridScores.nonFinite + " grid points (left white)");
        }
        int correct = 0;
        for (int r = 0; r < n; r++) {
            if (dataScores.predict(r) == y[r]) {
                correct++;
            }
        }
        String fullTitle = (title == null || title.isEmpty() ? "Decision boundary" : title)
                + String.format(Locale.ROOT, ": accuracy %.1f%% (%d points)", 100.0 * correct / n, n);

        XYChart chart = Charts.xy(width, height, fullTitle, "x1", "x2");
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setMarkerSize(8);
        Color[] shades = new Color[classes];
        for (int c = 0; c < classes; c++) {
            shades[c] = Cells.lighten(Charts.color(c), 0.78);
        }
        Cells cells = new Cells(gx, gy);
        cells.addTo(chart, cls, shades, "regions");

        // boundary: zero level of each class's margin over the best other class (binary: score - threshold)
        boolean firstLine = true;
        for (int c = gridScores.binary() ? 1 : 0; c < (gridScores.binary() ? 2 : gridScores.classes()); c++) {
            double[][] margin = new double[side][side];
            for (int j = 0; j < side; j++) {
                for (int i = 0; i < side; i++) {
                    margin[j][i] = gridScores.margin(j * side + i, c);
                }
            }
            double[][] seg = Contours.segments(gx, gy, margin, 0.0);
            if (seg[0].length == 0) {
                continue;
            }
            String name = gridScores.binary()
                    ? "boundary (" + (gridScores.probabilities ? "p = 0.5" : "logit = 0") + ")"
                    : "boundary " + c;
            XYSeries s = chart.addSeries(name, seg[0], seg[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(0x333333));
            s.setLineStyle(new BasicStroke(2f));
            s.setShowInLegend(firstLine);
            if (firstLine && !gridScores.binary()) {
                s.setLabel("decision boundary");
            }
            firstLine = false;
        }

        // the data, one series per true class
        for (int c = 0; c < classes; c++) {
            int count = 0;
            for (int r = 0; r < n; r++) {
                if (y[r] == c && Double.isFinite(pts[r][0]) && Double.isFinite(pts[r][1])) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            double[] px = new double[count];
            double[] py = new double[count];
            for (int r = 0, k = 0; r < n; r++) {
                if (y[r] == c && Double.isFinite(pts[r][0]) && Double.isFinite(pts[r][1])) {
                    px[k] = pts[r][0];
                    py[k] = pts[r][1];
                    k++;
                }
            }
            Charts.scatter(chart, "class " + c + " (" + count + ")", px, py, Charts.color(c));
        }
        chart.getStyler().setLegendVisible(true);
        return cells.render(chart, notes);
    }

    /** Integer class labels from a (n) or (n, 1) tensor of whole numbers, or a one-hot (n, C). */
    static int[] classLabels(String op, Tensor labels, int n) {
        int[] s = labels.shape();
        double[] v = labels.toArray();
        int[] y = new int[n];
        if (s.length == 2 && s[0] == n && s[1] > 1) {
            for (int r = 0; r < n; r++) {
                int best = 0;
                for (int c = 1; c < s[1]; c++) {
                    if (v[r * s[1] + c] > v[r * s[1] + best]) {
                        best = c;
                    }
                }
                y[r] = best;
            }
            return y;
        }
        if (!((s.length == 1 && s[0] == n) || (s.length == 2 && s[0] == n && s[1] == 1))) {
            throw new ShapeMismatchException(op + ": labels must have shape (" + n + ") or (" + n + ", 1) to match X: got "
                    + Arrays.toString(s) + ": pass one class index (0, 1, ...) per row of X");
        }
        for (int r = 0; r < n; r++) {
            double d = v[r];
            if (!(d >= 0 && d == Math.rint(d) && d < 1000)) {
                throw Args.error(op, "labels must be class indices 0, 1, 2, ...", "labels[" + r + "] = " + d,
                        "pass whole numbers; for -1/+1 labels use (y + 1) / 2");
            }
            y[r] = (int) d;
        }
        return y;
    }

    private static Scores scores(String op, Function<Tensor, Tensor> model, Tensor input, int m) {
        Tensor out;
        try (NoGrad scope = Tensor.noGrad()) {
            out = model.apply(input);
        }
        if (out == null) {
            throw Args.error(op, "model returned null", "for an input of shape " + Arrays.toString(input.shape()),
                    "return the model's output tensor");
        }
        int[] s = out.shape();
        int classes;
        if (s.length == 1 && s[0] == m) {
            classes = 1;
        } else if (s.length == 2 && s[0] == m && s[1] >= 1) {
            classes = s[1];
        } else {
            throw new ShapeMismatchException(op + ": model output must have shape (m), (m, 1) or (m, C) for m input rows: "
                    + "got " + Arrays.toString(s) + " for input " + Arrays.toString(input.shape())
                    + ": return one score (binary) or one score per class for every row");
        }
        return new Scores(out.toArray(), m, classes);
    }

    /** Model outputs for m rows, read as binary (one column) or multi-class (argmax). */
    static final class Scores {
        final double[] v;
        final int m;
        final int cols;
        final boolean probabilities;
        final int nonFinite;

        Scores(double[] v, int m, int cols) {
            this.v = v;
            this.m = m;
            this.cols = cols;
            boolean inUnit = true;
            int bad = 0;
            for (double d : v) {
                if (!Double.isFinite(d)) {
                    bad++;
                } else if (d < 0 || d > 1) {
                    inUnit = false;
                }
            }
            this.probabilities = inUnit;
            this.nonFinite = bad;
        }

        boolean binary() {
            return cols == 1;
        }

        int classes() {
            return binary() ? 2 : cols;
        }

        int predict(int row) {
            if (binary()) {
                double d = v[row];
                return Double.isFinite(d) ? (d > (probabilities ? 0.5 : 0.0) ? 1 : 0) : -1;
            }
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (v[row * cols + c] > v[row * cols + best]) {
                    best = c;
                }
            }
            return Double.isFinite(v[row * cols + best]) ? best : -1;
        }

        /** For binary: score - threshold (class 1 positive). For C classes: score_c - best other score. */
        double margin(int row, int c) {
            if (binary()) {
                double d = v[row];
                return Double.isFinite(d) ? d - (probabilities ? 0.5 : 0.0) : Double.NaN;
            }
            double mine = v[row * cols + c];
            double other = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < cols; k++) {
                if (k != c) {
                    other = Math.max(other, v[row * cols + k]);
                }
            }
            double d = mine - other;
            return Double.isFinite(d) ? d : Double.NaN;
        }
    }
}
