package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A loss of two parameters as filled contours (light = low, dark = high) with contour lines, the
 * lowest grid point marked, and optimiser paths drawn on top: the SGD / Momentum / RMSprop / Adam picture.
 */
final class LossSurface {

    private LossSurface() {
    }

    static final int GRID = 90;
    static final int BANDS = 12;

    static BufferedImage draw(DoubleBinaryOperator loss, double xmin, double xmax, double ymin, double ymax,
                              Map<String, double[][]> paths, String title, String xLabel, String yLabel,
                              int width, int height) {
        String op = "lossSurface";
        Args.notNull(op, "loss", loss);
        Args.range(op, "xmin", xmin, "xmax", xmax);
        Args.range(op, "ymin", ymin, "ymax", ymax);
        Args.notNull(op, "paths", paths);
        List<String> names = Args.orderedKeys(paths);
        for (String name : names) {
            double[][] path = paths.get(name);
            if (path == null || path.length == 0) {
                throw Args.error(op, "path \"" + name + "\" is empty", "got " + (path == null ? "null" : "0 points"),
                        "pass the parameters after each step as rows {w0, w1}");
            }
            for (int k = 0; k < path.length; k++) {
                if (path[k] == null || path[k].length != 2) {
                    throw Args.error(op, "path \"" + name + "\" must have rows of two values {x, y}",
                            "row " + k + " has " + (path[k] == null ? "null" : path[k].length + " values"),
                            "pass a double[steps][2], one row per step");
                }
            }
        }

        // sample the loss on a grid of cell centres
        double dx = (xmax - xmin) / GRID;
        double dy = (ymax - ymin) / GRID;
        double[] gx = Contours.linspace(xmin + dx / 2, xmax - dx / 2, GRID);
        double[] gy = Contours.linspace(ymin + dy / 2, ymax - dy / 2, GRID);
        double[][] z = new double[GRID][GRID];
        int bad = 0;
        int bi = -1;
        int bj = -1;
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                double v = loss.applyAsDouble(gx[i], gy[j]);
                if (!Double.isFinite(v)) {
                    v = Double.NaN;
                    bad++;
                } else if (bi < 0 || v < z[bj][bi]) {
                    bi = i;
                    bj = j;
                }
                z[j][i] = v;
            }
        }
        if (bi < 0) {
            throw Args.error(op, "loss has no finite value on the grid",
                    "x in [" + xmin + ", " + xmax + "], y in [" + ymin + ", " + ymax + "]",
                    "choose ranges where the loss is defined");
        }
        Notes notes = new Notes();
        if (bad > 0) {
            notes.add("loss is NaN/Inf at " + bad + " of " + GRID * GRID + " grid points (left white)");
        }

        XYChart chart = Charts.xy(width, height, title, xLabel, yLabel);
        chart.getStyler().setLegendSeriesLineLength(16);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setMarkerSize(6);

        // filled bands
        double[] levels = Contours.quantileLevels(z, BANDS);
        Color[] colors = Cells.sequential(levels.length + 1, 0.45);
        int[][] band = new int[GRID][GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                band[j][i] = Double.isNaN(z[j][i]) ? -1 : Contours.band(levels, z[j][i]);
            }
        }
        Cells cells = new Cells(gx, gy);
        cells.addTo(chart, band, colors, "bands");

        // contour lines at the band edges
        for (int l = 0; l < levels.length; l++) {
            double[][] seg = Contours.segments(gx, gy, z, levels[l]);
            if (seg[0].length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries("level " + l, seg[0], seg[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(40, 40, 60, 70));
            s.setLineStyle(new BasicStroke(1f));
            s.setShowInLegend(false);
        }

        // the lowest grid point
        XYSeries min = Charts.scatter(chart, "minimum",
                new double[] {gx[bi]}, new double[] {gy[bj]}, Charts.BLACK);
        min.setMarker(SeriesMarkers.CROSS);

        // optimiser paths
        Color[] pathColors = {Charts.VERMILLION, Charts.BLUE, Charts.GREEN, Charts.PURPLE, Charts.ORANGE, Charts.BLACK, Charts.SKY};
        for (int p = 0; p < names.size(); p++) {
            String name = names.get(p);
            double[][] path = paths.get(name);
            double[] px = new double[path.length];
            double[] py = new double[path.length];
            int nonFinite = 0;
            for (int k = 0; k < path.length; k++) {
                boolean ok = Double.isFinite(path[k][0]) && Double.isFinite(path[k][1]);
                px[k] = ok ? path[k][0] : (k > 0 ? px[k - 1] : xmin);
                py[k] = ok ? path[k][1] : Double.NaN;
                if (!ok) {
                    nonFinite++;
                }
            }
            if (nonFinite > 0) {
                notes.add(name + ": " + nonFinite + " NaN/Inf points not drawn (diverged?)");
            }
            double[] last = path[path.length - 1];
            double lastLoss = loss.applyAsDouble(last[0], last[1]);
            String label = name + ": " + Charts.num(lastLoss);
            Color c = pathColors[p % pathColors.length];
            XYSeries s = chart.addSeries(label, px, py);
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            s.setMarker(path.length <= 80 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            int outside = 0;
            for (int k = 0; k < path.length; k++) {
                if (!Double.isNaN(py[k]) && (px[k] < xmin || px[k] > xmax || py[k] < ymin || py[k] > ymax)) {
                    outside++;
                }
            }
            if (outside > 0) {
                notes.add(name + ": " + outside + " of " + path.length + " points outside the plotted range");
            }
        }
        chart.getStyler().setLegendVisible(true);
        return cells.render(chart, notes);
    }
}
