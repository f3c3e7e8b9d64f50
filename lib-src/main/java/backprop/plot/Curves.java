package backprop.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import backprop.train.History;

/** Named series over 1, 2, 3, ...: per-epoch metrics of a History, or any curves the caller has; named functions over an x range. */
final class Curves {

    private Curves() {
    }

    static BufferedImage draw(String op, Map<String, double[]> series, String title, String xLabel, String yLabel,
                              CurveOption[] options, int width, int height) {
        Args.nonEmptyMap(op, "series", series);
        List<String> names = Args.orderedKeys(series);
        for (String name : names) {
            if (series.get(name).length == 0) {
                throw Args.error(op, "series \"" + name + "\" is empty", "got 0 values", "pass at least one value per series");
            }
        }
        boolean log = CurveOption.has(options, CurveOption.LOG_SCALE);
        XYChart chart = Charts.xy(width, height, title, xLabel, log ? yLabel + " (log scale)" : yLabel);
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setXAxisMin(0.0); // ticks on round numbers (0, 20, 40, ...), data from 1
        Notes notes = new Notes();
        int drawn = 0;
        for (int i = 0; i < names.size(); i++) {
            double[] y = Args.gaps(series.get(names.get(i)), names.get(i), log, notes);
            if (y != null) {
                Charts.line(chart, names.get(i), Args.oneTo(y.length), y, Charts.color(i));
                drawn++;
            }
        }
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, series.get(name).length);
        }
        Charts.roundTicks(chart, longest);
        chart.getStyler().setLegendVisible(drawn > 1);
        return Charts.render(chart, notes);
    }

    /**
     * Named series y(x) over one shared x, both axes logarithmic, with a marker at every point: how a cost grows
     * with a size (a straight line of slope k is growth like xᵏ). Every x and y must be positive.
     */
    static BufferedImage logLog(String op, double[] x, Map<String, double[]> series, String title, String xLabel,
                                String yLabel, int width, int height) {
        Args.nonEmptyMap(op, "series", series);
        if (x.length == 0) {
            throw Args.error(op, "x is empty", "got 0 values", "pass at least one x with its y values");
        }
        for (double v : x) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw Args.error(op, "x has a value that is not positive and finite", "x = " + v,
                        "a logarithmic axis shows positive numbers only");
            }
        }
        List<String> names = Args.orderedKeys(series);
        XYChart chart = Charts.xy(width, height, title, xLabel + " (log scale)", yLabel + " (log scale)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (int i = 0; i < names.size(); i++) {
            double[] y = series.get(names.get(i));
            if (y.length != x.length) {
                throw Args.error(op, "series \"" + names.get(i) + "\" has " + y.length + " values for " + x.length + " x values",
                        "lengths " + y.length + " and " + x.length, "pass one y per x");
            }
            for (double v : y) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw Args.error(op, "series \"" + names.get(i) + "\" has a value that is not positive and finite",
                            "y = " + v, "a logarithmic axis shows positive numbers only");
                }
            }
            Charts.line(chart, names.get(i), x, y, Charts.color(i)).setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setLegendVisible(names.size() > 1);
        return Charts.render(chart, new Notes());
    }

    static BufferedImage metrics(History history, String[] names, int width, int height) {
        String op = "metrics";
        Args.notNull(op, "history", history);
        List<String> chosen = names == null || names.length == 0 ? history.metricNames() : List.of(names);
        if (chosen.isEmpty()) {
            throw Args.error(op, "history has no metrics", "none recorded",
                    "call history.record(\"val_acc\", accuracy) after each epoch");
        }
        Map<String, double[]> series = new java.util.LinkedHashMap<>();
        for (String name : chosen) {
            if (!history.metricNames().contains(name)) {
                throw Args.error(op, "no metric named \"" + name + "\"", "recorded metrics are " + history.metricNames(),
                        "record it with history.record(\"" + name + "\", value) or pick one of those");
            }
            series.put(name, history.metric(name));
        }
        String title = chosen.size() == 1 ? chosen.get(0) + " per epoch" : "Metrics per epoch";
        return draw(op, series, title, "epoch", chosen.size() == 1 ? chosen.get(0) : "value", new CurveOption[0], width, height);
    }

    /** Each function drawn over [xmin, xmax] from {@link FunctionSteps#CURVE_POINTS} points, one colour each. */
    static BufferedImage functions(Map<String, DoubleUnaryOperator> functions, double xmin, double xmax, String title,
                                   String xLabel, String yLabel, CurveOption[] options, int width, int height) {
        String op = "functions";
        Args.nonEmptyMap(op, "functions", functions);
        Args.range(op, "xmin", xmin, "xmax", xmax);
        boolean log = CurveOption.has(options, CurveOption.LOG_SCALE);
        XYChart chart = Charts.xy(width, height, title, xLabel, log ? yLabel + " (log scale)" : yLabel);
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setXAxisMin(xmin).setXAxisMax(xmax);
        int points = FunctionSteps.CURVE_POINTS;
        double[] xs = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = xmin + (xmax - xmin) * i / (points - 1);
        }
        Notes notes = new Notes();
        List<String> names = Args.orderedKeys(functions);
        int drawn = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < names.size(); i++) {
            DoubleUnaryOperator f = functions.get(names.get(i));
            double[] ys = new double[points];
            for (int k = 0; k < points; k++) {
                ys[k] = f.applyAsDouble(xs[k]);
            }
            double[] y = Args.gaps(ys, names.get(i), log, notes);
            if (y != null) {
                Charts.line(chart, names.get(i), xs, y, Charts.color(i));
                drawn++;
                for (double v : y) {
                    if (!Double.isNaN(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (drawn == 0) {
            throw Args.error(op, "no function has a finite" + (log ? " positive" : "") + " value on [xmin, xmax]",
                    "[" + xmin + ", " + xmax + "]", "choose a range where the functions are defined");
        }
        if (!log) { // a little room above and below, so the extreme values get tick labels too
            double pad = hi > lo ? 0.06 * (hi - lo) : Math.max(1, Math.abs(hi)) * 0.5;
            chart.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        }
        // one hidden point off the equally spaced x grid: XChart then puts its ticks on round numbers
        XYSeries ticks = chart.addSeries(" ticks", new double[] {xmin + (xmax - xmin) / (3.0 * points)}, new double[] {Double.NaN});
        ticks.setShowInLegend(false);
        ticks.setMarker(SeriesMarkers.NONE);
        chart.getStyler().setLegendVisible(drawn > 1);
        return Charts.render(chart, notes);
    }
}
