package backprop.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A 1-D function with gradient-descent iterates on it; the tangent picture; several learning rates. */
final class FunctionSteps {

    private FunctionSteps() {
    }

    static final int CURVE_POINTS = 400;

    static BufferedImage withSteps(DoubleUnaryOperator f, double[] iterates, double xmin, double xmax, String title,
                                   String xLabel, String yLabel, int width, int height) {
        String op = "functionWithSteps";
        Args.notNull(op, "f", f);
        Args.nonEmpty(op, "iterates", iterates);
        Args.range(op, "xmin", xmin, "xmax", xmax);
        Notes notes = new Notes();
        XYChart chart = curveChart(op, f, xmin, xmax, title, xLabel, yLabel, width, height, notes);
        addIterates(chart, f, iterates, xmin, xmax, notes, true);
        return Charts.render(chart, notes);
    }

    /** The function over [xmin, xmax] with a fixed y range taken from the curve (iterates cannot stretch it). */
    private static XYChart curveChart(String op, DoubleUnaryOperator f, double xmin, double xmax, String title,
                                      String xLabel, String yLabel, int width, int height, Notes notes) {
        double[] xs = new double[CURVE_POINTS];
        double[] ys = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            xs[i] = xmin + (xmax - xmin) * i / (CURVE_POINTS - 1);
            ys[i] = f.applyAsDouble(xs[i]);
        }
        double[] clean = Args.gaps(ys, "f(x)", false, notes);
        if (clean == null) {
            throw Args.error(op, "f has no finite value on [xmin, xmax]",
                    "[" + xmin + ", " + xmax + "]", "choose a range where f is defined");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double y : clean) {
            if (!Double.isNaN(y)) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        double pad = hi > lo ? 0.06 * (hi - lo) : Math.max(1, Math.abs(hi)) * 0.5;
        XYChart chart = Charts.xy(width, height, title, xLabel, yLabel);
        chart.getStyler().setXAxisMin(xmin).setXAxisMax(xmax);
        chart.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        XYSeries curve = Charts.line(chart, yLabel, xs, clean, Charts.BLUE);
        curve.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** The iterates as points on the curve joined by thin lines; out-of-range iterates leave a gap and a note. */
    private static void addIterates(XYChart chart, DoubleUnaryOperator f, double[] iterates, double xmin, double xmax,
                                    Notes notes, boolean legend) {
        int n = iterates.length;
        double[] px = new double[n];
        double[] py = new double[n];
        int outside = 0;
        int nonFinite = 0;
        for (int k = 0; k < n; k++) {
            double x = iterates[k];
            px[k] = Double.isFinite(x) ? x : (k > 0 ? px[k - 1] : xmin);
            if (!Double.isFinite(x)) {
                nonFinite++;
                py[k] = Double.NaN;
            } else if (x < xmin || x > xmax) {
                outside++;
                py[k] = Double.NaN;
            } else {
                py[k] = f.applyAsDouble(x);
                if (!Double.isFinite(py[k])) {
                    py[k] = Double.NaN;
                    nonFinite++;
                }
            }
        }
        if (outside > 0) {
            notes.add(outside + " of " + n + " iterates outside the x range [" + Charts.num(xmin) + ", " + Charts.num(xmax)
                    + "] not drawn (diverging?)");
        }
        if (nonFinite > 0) {
            notes.add(nonFinite + " of " + n + " iterates are NaN/Inf (diverged), not drawn");
        }
        XYSeries path = chart.addSeries(legend ? "iterates x0 .. x" + (n - 1) : " ", px, py);
        path.setLineColor(Charts.ORANGE);
        path.setMarkerColor(Charts.ORANGE);
        path.setLineStyle(new BasicStroke(1.3f));
        path.setMarker(n <= 200 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        path.setShowInLegend(legend);
        if (!Double.isNaN(py[0])) {
            XYSeries start = Charts.scatter(chart, "start x0 = " + Charts.num(iterates[0]),
                    new double[] {px[0]}, new double[] {py[0]}, Charts.GREEN);
            start.setMarker(SeriesMarkers.DIAMOND);
            start.setShowInLegend(legend);
        }
        int last = n - 1;
        if (n > 1 && !Double.isNaN(py[last])) {
            XYSeries end = Charts.scatter(chart, "x" + last + " = " + Charts.num(iterates[last]),
                    new double[] {px[last]}, new double[] {py[last]}, Charts.VERMILLION);
            end.setMarker(SeriesMarkers.SQUARE);
            end.setShowInLegend(legend);
        }
    }

    /** Runs x <- x - lr * df(x) for each learning rate and draws one panel per rate, two per row. */
    static BufferedImage gradientDescent(DoubleUnaryOperator f, DoubleUnaryOperator df, double x0, double[] learningRates,
                                         int steps, double xmin, double xmax, String xLabel, String yLabel,
                                         int panelWidth, int panelHeight) {
        String op = "gradientDescentSteps";
        Args.notNull(op, "f", f);
        Args.notNull(op, "df", df);
        Args.nonEmpty(op, "learningRates", learningRates);
        Args.range(op, "xmin", xmin, "xmax", xmax);
        if (steps < 1 || steps > 10_000) {
            throw Args.error(op, "steps must be between 1 and 10000", "got " + steps, "pass e.g. 20");
        }
        if (!Double.isFinite(x0)) {
            throw Args.error(op, "x0 must be finite", "got " + x0, "start from a number such as 2.0");
        }
        List<XYChart> charts = new ArrayList<>();
        List<Notes> notes = new ArrayList<>();
        double f0 = f.applyAsDouble(x0);
        for (double lr : learningRates) {
            double[] xs = descend(df, x0, lr, steps);
            double last = xs[xs.length - 1];
            double fLast = Double.isFinite(last) ? f.applyAsDouble(last) : Double.NaN;
            String outcome = !Double.isFinite(fLast) ? "diverges to " + last
                    : fLast > f0 ? "diverges (f = " + Charts.num(fLast) + ")"
                    : "x" + steps + " = " + Charts.num(last) + ", f = " + Charts.num(fLast);
            Notes panelNotes = new Notes();
            XYChart chart = curveChart(op, f, xmin, xmax, "lr = " + Charts.num(lr) + ":  " + outcome,
                    xLabel, yLabel, panelWidth, panelHeight, panelNotes);
            chart.getStyler().setChartTitleFont(Charts.TITLE_FONT.deriveFont(14f));
            chart.getStyler().setLegendVisible(false);
            addIterates(chart, f, xs, xmin, xmax, panelNotes, false);
            charts.add(chart);
            notes.add(panelNotes);
        }
        // the same note strip height in every panel keeps the plots aligned
        int lines = 0;
        for (Notes n : notes) {
            lines = Math.max(lines, n.lines().size());
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            notes.get(i).padTo(lines);
            panels.add(Charts.render(charts.get(i), notes.get(i)));
        }
        return Charts.grid(panels, Math.min(2, panels.size()));
    }

    /** x_0 = x0, x_{k+1} = x_k - lr * df(x_k); stops (NaN) once x leaves the finite numbers. */
    static double[] descend(DoubleUnaryOperator df, double x0, double lr, int steps) {
        double[] xs = new double[steps + 1];
        xs[0] = x0;
        for (int k = 0; k < steps; k++) {
            double x = xs[k];
            xs[k + 1] = Double.isFinite(x) ? x - lr * df.applyAsDouble(x) : Double.NaN;
        }
        return xs;
    }

    /** The function with its tangent at x0, the slope estimated by central differences. */
    static BufferedImage tangent(DoubleUnaryOperator f, double x0, double xmin, double xmax, String xLabel, String yLabel,
                                 int width, int height) {
        String op = "tangent";
        Args.notNull(op, "f", f);
        Args.range(op, "xmin", xmin, "xmax", xmax);
        if (!(x0 >= xmin && x0 <= xmax)) {
            throw Args.error(op, "x0 is outside [xmin, xmax]", "x0 = " + x0 + ", range [" + xmin + ", " + xmax + "]",
                    "pick x0 inside the range or widen the range");
        }
        double h = 1e-5 * Math.max(1, Math.abs(x0));
        double slope = (f.applyAsDouble(x0 + h) - f.applyAsDouble(x0 - h)) / (2 * h);
        double y0 = f.applyAsDouble(x0);
        if (!Double.isFinite(slope) || !Double.isFinite(y0)) {
            throw Args.error(op, "f or its slope is not finite at x0", "f(" + x0 + ") = " + y0 + ", slope " + slope,
                    "pick a point where f is smooth");
        }
        String direction = slope > 0 ? "gradient descent steps left" : slope < 0 ? "gradient descent steps right"
                : "zero gradient: no step";
        Notes notes = new Notes();
        XYChart chart = curveChart(op, f, xmin, xmax, "Slope at x = " + Charts.num(x0) + " is " + Charts.num(slope)
                + ": " + direction, xLabel, yLabel, width, height, notes);
        double half = (xmax - xmin) * 0.2;
        double[] tx = {Math.max(xmin, x0 - half), Math.min(xmax, x0 + half)};
        double[] ty = {y0 + slope * (tx[0] - x0), y0 + slope * (tx[1] - x0)};
        XYSeries t = Charts.line(chart, "tangent, slope f'(x) = " + Charts.num(slope), tx, ty, Charts.VERMILLION);
        t.setMarker(SeriesMarkers.NONE);
        Charts.scatter(chart, "x = " + Charts.num(x0), new double[] {x0}, new double[] {y0}, Charts.BLACK);
        return Charts.render(chart, notes);
    }
}
