package backprop.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Per-layer gradient norms: lines over training steps, and grouped bars per layer. */
final class Bars {

    private Bars() {
    }

    static BufferedImage gradientNorms(Map<String, double[]> perLayerOverSteps, boolean log, int width, int height) {
        String op = "gradientNorms";
        Args.nonEmptyMap(op, "perLayerOverSteps", perLayerOverSteps);
        List<String> names = Args.orderedKeys(perLayerOverSteps);
        for (String name : names) {
            if (perLayerOverSteps.get(name).length == 0) {
                throw Args.error(op, "layer \"" + name + "\" has no values", "got 0 steps",
                        "record one gradient norm per step for every layer");
            }
        }
        XYChart chart = Charts.xy(width, height, "Gradient norm per layer", "update step",
                log ? "||grad|| (log scale)" : "||grad||");
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setXAxisMin(0.0); // ticks on round numbers (0, 20, 40, ...), data from 1
        Notes notes = new Notes();
        int drawn = 0;
        for (int l = 0; l < names.size(); l++) {
            String name = names.get(l);
            double[] y = Args.gaps(perLayerOverSteps.get(name), name, log, notes);
            if (y != null) {
                Charts.line(chart, name, Args.oneTo(y.length), y, Charts.color(l));
                drawn++;
            }
        }
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, perLayerOverSteps.get(name).length);
        }
        Charts.roundTicks(chart, longest);
        chart.getStyler().setLegendVisible(drawn > 0);
        return Charts.render(chart, notes);
    }

    static BufferedImage gradientNormBars(Map<String, double[]> normsPerLayerByRun, String[] layerNames, boolean log,
                                          int width, int height) {
        String op = "gradientNormBars";
        Args.nonEmptyMap(op, "normsPerLayerByRun", normsPerLayerByRun);
        List<String> runs = Args.orderedKeys(normsPerLayerByRun);
        int layers = normsPerLayerByRun.get(runs.get(0)).length;
        for (String run : runs) {
            int n = normsPerLayerByRun.get(run).length;
            if (n == 0 || n != layers) {
                throw Args.error(op, "every run needs one norm per layer",
                        "\"" + runs.get(0) + "\" has " + layers + ", \"" + run + "\" has " + n,
                        "pass arrays of the same non-zero length, layer 1 first");
            }
        }
        List<String> categories = new ArrayList<>();
        if (layerNames == null || layerNames.length == 0) {
            for (int i = 1; i <= layers; i++) {
                categories.add("layer " + i);
            }
        } else if (layerNames.length != layers) {
            throw Args.error(op, "layerNames and norms differ in length",
                    layerNames.length + " names for " + layers + " layers", "pass one name per layer or none");
        } else {
            categories.addAll(List.of(layerNames));
        }
        // XChart's bars start at zero, which a log axis cannot show: draw log10(norm) above a floor
        // one decade below the smallest norm, and label the axis with the norms themselves
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        for (String run : runs) {
            for (double v : normsPerLayerByRun.get(run)) {
                if (Double.isFinite(v) && v > 0) {
                    smallest = Math.min(smallest, v);
                    largest = Math.max(largest, v);
                }
            }
        }
        double floor = Double.isFinite(smallest) ? Math.floor(Math.log10(smallest)) - 1 : -1;
        double top = Double.isFinite(largest) ? Math.ceil(Math.log10(largest) + 1e-9) : 1;
        CategoryChart chart = Charts.bars(width, height, "Gradient norm per layer", "layer (input side first)",
                "||grad|| (log scale)");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(top - floor);
        chart.getStyler().setYAxisDecimalPattern("0.#");
        chart.setCustomYAxisTickLabelsFormatter(v -> decade(v + floor));
        Notes notes = new Notes();
        for (int r = 0; r < runs.size(); r++) {
            String run = runs.get(r);
            double[] v = normsPerLayerByRun.get(run);
            int dropped = 0;
            List<Double> heights = new ArrayList<>();
            for (double d : v) {
                if (Double.isFinite(d) && d > 0) {
                    heights.add(Math.log10(d) - floor);
                } else {
                    heights.add(0.0);
                    dropped++;
                }
            }
            if (dropped > 0) {
                notes.add(run + ": " + dropped + " NaN/Inf/zero norm" + (dropped == 1 ? "" : "s") + " shown as an empty bar");
            }
            CategorySeries s = chart.addSeries(run, categories, heights);
            s.setFillColor(Charts.color(r));
        }
        chart.getStyler().setLegendVisible(runs.size() > 1);
        return Charts.render(chart, notes);
    }

    /** Tick label for log10 value e: "1e-6" on whole decades, "1", "10", "100" near one, nothing between decades. */
    static String decade(double e) {
        double r = Math.rint(e);
        if (Math.abs(e - r) > 1e-6) {
            return "";
        }
        int k = (int) r;
        return k >= 0 && k <= 3 ? Integer.toString((int) Math.pow(10, k)) : k == -1 ? "0.1" : k == -2 ? "0.01" : "1e" + k;
    }

    /** Small multiples: one histogram panel per layer, sharing the x range so layers compare. */
    static BufferedImage activationHistograms(Map<String, double[]> activations, int bins, int panelWidth, int panelHeight) {
        String op = "activationHistograms";
        Args.nonEmptyMap(op, "activations", activations);
        List<String> names = Args.orderedKeys(activations);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String name : names) {
            double[] a = activations.get(name);
            if (a.length == 0) {
                throw Args.error(op, "layer \"" + name + "\" has no values", "got 0 activations",
                        "pass the activations of a batch, e.g. layer output .toArray()");
            }
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = -1;
            hi = 1;
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (int l = 0; l < names.size(); l++) {
            String name = names.get(l);
            double[] a = activations.get(name);
            Notes notes = new Notes();
            double sum = 0;
            double sq = 0;
            int n = 0;
            int nonFinite = 0;
            double[] counts = new double[bins];
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    nonFinite++;
                    continue;
                }
                int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
                sum += v;
                sq += v * v;
                n++;
            }
            if (nonFinite > 0) {
                notes.add(nonFinite + " NaN/Inf values not counted");
            }
            double mean = n > 0 ? sum / n : Double.NaN;
            double std = n > 0 ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : Double.NaN;
            // a step outline over the bin edges: edges e0..eB, heights repeated so StepArea draws bars
            double[] ex = new double[bins + 1];
            double[] ey = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                ex[b] = lo + (hi - lo) * b / bins;
                ey[b] = n > 0 ? counts[Math.min(b, bins - 1)] / n : 0;
            }
            String stats = String.format(java.util.Locale.ROOT, "mean %.2f, std %.2f", mean, std);
            XYChart chart = Charts.xy(panelWidth, panelHeight, name, "activation (" + stats + ")", "fraction");
            chart.getStyler().setChartTitleFont(Charts.TITLE_FONT.deriveFont(14f));
            chart.getStyler().setAxisTitleFont(Charts.AXIS_TITLE_FONT.deriveFont(13f));
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisMin(lo).setXAxisMax(hi);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisDecimalPattern("0.###");
            XYSeries s = chart.addSeries(name, stepX(ex), stepY(ey));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            java.awt.Color c = Charts.color(l);
            s.setLineColor(c);
            s.setFillColor(new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            s.setLineStyle(new java.awt.BasicStroke(1.2f));
            panels.add(Charts.render(chart, notes));
        }
        int cols = Math.min(3, panels.size());
        return Charts.grid(panels, cols);
    }

    /** x of a histogram outline: each edge twice (e0, e0, e1, e1, ...), so a Line/Area draws flat bar tops. */
    private static double[] stepX(double[] edges) {
        int b = edges.length - 1;
        double[] x = new double[2 * b];
        for (int i = 0; i < b; i++) {
            x[2 * i] = edges[i];
            x[2 * i + 1] = edges[i + 1];
        }
        return x;
    }

    private static double[] stepY(double[] heights) {
        int b = heights.length - 1;
        double[] y = new double[2 * b];
        for (int i = 0; i < b; i++) {
            y[2 * i] = heights[i];
            y[2 * i + 1] = heights[i];
        }
        return y;
    }
}
