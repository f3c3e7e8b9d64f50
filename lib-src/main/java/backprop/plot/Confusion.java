package backprop.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/** A confusion matrix as an XChart heat map with the count in every cell: rows true class, columns predicted. */
final class Confusion {

    private Confusion() {
    }

    static BufferedImage draw(int[][] counts, String[] classNames, int width, int height) {
        String op = "confusionMatrix";
        Args.notNull(op, "counts", counts);
        int k = counts.length;
        if (k == 0) {
            throw Args.error(op, "counts is empty", "got 0 rows", "pass a k x k matrix, counts[true][predicted]");
        }
        for (int i = 0; i < k; i++) {
            if (counts[i] == null || counts[i].length != k) {
                throw Args.error(op, "counts must be square (k x k)",
                        "row " + i + " has " + (counts[i] == null ? "null" : counts[i].length + " values") + ", expected " + k,
                        "pass counts[true][predicted] with one row and one column per class");
            }
            for (int j = 0; j < k; j++) {
                if (counts[i][j] < 0) {
                    throw Args.error(op, "counts must not be negative", "counts[" + i + "][" + j + "] = " + counts[i][j],
                            "pass how many samples of true class i were predicted as j");
                }
            }
        }
        String[] names = classNames;
        if (names == null || names.length == 0) {
            names = new String[k];
            for (int i = 0; i < k; i++) {
                names[i] = Integer.toString(i);
            }
        } else if (names.length != k) {
            throw Args.error(op, "classNames and counts differ in size", names.length + " names for a " + k + " x " + k + " matrix",
                    "pass one name per class, or null for 0, 1, 2, ...");
        }
        long total = 0;
        long correct = 0;
        int max = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                total += counts[i][j];
                max = Math.max(max, counts[i][j]);
            }
            correct += counts[i][i];
        }
        String title = total > 0
                ? String.format(Locale.ROOT, "Confusion matrix: %d of %d correct (%.1f%%)", correct, total, 100.0 * correct / total)
                : "Confusion matrix (no samples)";

        HeatMapChart chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
        chart.setTitle(title);
        chart.setXAxisTitle("predicted class");
        chart.setYAxisTitle("true class");
        HeatMapStyler s = chart.getStyler();
        Charts.style(s);
        s.setPlotGridLinesVisible(false);
        s.setLegendVisible(false);
        s.setShowValue(true);
        s.setValueFont(new java.awt.Font(Charts.FONT, java.awt.Font.BOLD, k <= 6 ? 15 : k <= 12 ? 12 : 9));
        s.setValueFontColor(Charts.TEXT);
        s.setHeatMapValueDecimalPattern("#");
        s.setRangeColors(new Color[] {Color.WHITE, new Color(0x9ECAE1), new Color(0x3182BD)});
        s.setMin(0);
        s.setMax(Math.max(1, max));
        s.setDrawBorder(true);
        s.setPlotContentSize(1.0);
        // a label under every column and beside every row, however many classes
        s.setXAxisTickMarkSpacingHint(10);
        s.setYAxisTickMarkSpacingHint(10);
        s.setAxisTickLabelsFont(Charts.TICK_FONT.deriveFont(k <= 12 ? 13f : 10f));

        // the first class at the top, as confusion matrices are usually read
        List<String> xs = new ArrayList<>(List.of(names));
        List<String> ys = new ArrayList<>();
        for (int i = k - 1; i >= 0; i--) {
            ys.add(names[i]);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cells.add(new Number[] {j, k - 1 - i, counts[i][j]});
            }
        }
        chart.addSeries("counts", xs, ys, cells);
        return Charts.render(chart, null);
    }
}
