package backprop.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Data points, the fitted line y = w0 + w1 * x, and the residuals as thin vertical segments. */
final class Regression {

    private Regression() {
    }

    static BufferedImage scatterWithLine(double[] x, double[] y, double w0, double w1, String xLabel, String yLabel,
                                         int width, int height) {
        String op = "scatterWithLine";
        Args.nonEmpty(op, "x", x);
        Args.notNull(op, "y", y);
        Args.sameLength(op, "x", x, "y", y);
        if (!Double.isFinite(w0) || !Double.isFinite(w1)) {
            throw Args.error(op, "w0 and w1 must be finite", "got w0 = " + w0 + ", w1 = " + w1,
                    "the fit diverged: lower the learning rate or standardise x");
        }
        // keep the points whose x and y are both finite
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        Notes notes = new Notes();
        if (n < x.length) {
            notes.add((x.length - n) + " of " + x.length + " points with NaN/Inf in x or y not drawn");
        }
        double[] px = new double[n];
        double[] py = new double[n];
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double sse = 0;
        for (int i = 0, j = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                px[j] = x[i];
                py[j] = y[i];
                xmin = Math.min(xmin, x[i]);
                xmax = Math.max(xmax, x[i]);
                double r = y[i] - (w0 + w1 * x[i]);
                sse += r * r;
                j++;
            }
        }
        String title = n > 0
                ? "y = " + Charts.num(w0) + " + " + Charts.num(w1) + " x   (MSE = " + Charts.num(sse / n) + ")"
                : "y = " + Charts.num(w0) + " + " + Charts.num(w1) + " x";
        XYChart chart = Charts.xy(width, height, title, xLabel, yLabel);
        chart.getStyler().setLegendVisible(true);
        if (n == 0) {
            return Charts.render(chart, notes);
        }
        // residuals: (x, y) -> (x, y_hat), one segment per point, separated by NaN gaps
        double[] rx = new double[3 * n];
        double[] ry = new double[3 * n];
        for (int j = 0; j < n; j++) {
            rx[3 * j] = px[j];
            ry[3 * j] = py[j];
            rx[3 * j + 1] = px[j];
            ry[3 * j + 1] = w0 + w1 * px[j];
            rx[3 * j + 2] = px[j];
            ry[3 * j + 2] = Double.NaN;
        }
        XYSeries res = chart.addSeries("residual y - y_hat", rx, ry);
        res.setLineColor(Charts.RESIDUAL);
        res.setLineStyle(new BasicStroke(1f));
        res.setMarker(SeriesMarkers.NONE);

        XYSeries points = Charts.scatter(chart, "data (" + n + " points)", px, py, Charts.BLUE);
        points.setMarkerColor(new java.awt.Color(0, 114, 178, 200));

        if (xmin == xmax) {
            xmin -= 1;
            xmax += 1;
        }
        double pad = 0.03 * (xmax - xmin);
        double[] lx = {xmin - pad, xmax + pad};
        double[] ly = {w0 + w1 * lx[0], w0 + w1 * lx[1]};
        XYSeries fit = Charts.line(chart, "fit y_hat = w0 + w1 x", lx, ly, Charts.VERMILLION);
        fit.setMarker(SeriesMarkers.NONE);
        return Charts.render(chart, notes);
    }
}
