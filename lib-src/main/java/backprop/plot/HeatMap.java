package backprop.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A matrix of numbers as an XChart heat map with the value (two decimals) in every cell: row 0 at the top,
 * column 0 at the left, as the matrix is printed. White at min(0, smallest value), dark blue at the largest.
 */
final class HeatMap {

    private HeatMap() {
    }

    static BufferedImage draw(double[][] values, String title, String xLabel, String yLabel, int width, int height) {
        String op = "heatMap";
        Args.notNull(op, "values", values);
        int rows = values.length;
        if (rows == 0 || values[0] == null || values[0].length == 0) {
            throw Args.error(op, "values is empty", "got " + rows + " rows", "pass a matrix with at least one row and one column");
        }
        int cols = values[0].length;
        double min = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            if (values[i] == null || values[i].length != cols) {
                throw Args.error(op, "every row must have the same length",
                        "row " + i + " has " + (values[i] == null ? "null" : values[i].length + " values") + ", expected " + cols,
                        "pass a rectangular double[rows][cols]");
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw Args.error(op, "values must be finite", "values[" + i + "][" + j + "] = " + values[i][j],
                            "plot finite numbers (check the computation for NaN or overflow)");
                }
                min = Math.min(min, values[i][j]);
                max = Math.max(max, values[i][j]);
            }
        }
        HeatMapChart chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
        chart.setTitle(title == null ? "" : title);
        chart.setXAxisTitle(xLabel == null ? "" : xLabel);
        chart.setYAxisTitle(yLabel == null ? "" : yLabel);
        HeatMapStyler s = chart.getStyler();
        Charts.style(s);
        s.setPlotGridLinesVisible(false);
        s.setLegendVisible(false);
        int k = Math.max(rows, cols);
        s.setShowValue(k <= 16);
        s.setValueFont(new java.awt.Font(Charts.FONT, java.awt.Font.PLAIN, k <= 6 ? 14 : k <= 10 ? 12 : 9));
        s.setValueFontColor(Charts.TEXT);
        s.setHeatMapValueDecimalPattern("0.00");
        s.setRangeColors(new Color[] {Color.WHITE, new Color(0x9ECAE1), new Color(0x3182BD)});
        s.setMin(min);
        s.setMax(max > min ? max : min + 1);
        s.setDrawBorder(true);
        s.setPlotContentSize(1.0);
        s.setXAxisTickMarkSpacingHint(10);
        s.setYAxisTickMarkSpacingHint(10);
        s.setAxisTickLabelsFont(Charts.TICK_FONT.deriveFont(k <= 12 ? 13f : 10f));

        List<String> xs = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            xs.add(Integer.toString(j));
        }
        List<String> ys = new ArrayList<>();       // row 0 at the top
        for (int i = rows - 1; i >= 0; i--) {
            ys.add(Integer.toString(i));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                cells.add(new Number[] {j, rows - 1 - i, values[i][j]});
            }
        }
        chart.addSeries("values", xs, ys, cells);
        return Charts.render(chart, null);
    }
}
