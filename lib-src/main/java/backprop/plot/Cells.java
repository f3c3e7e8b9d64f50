package backprop.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;

/**
 * Filled grid cells drawn by XChart itself, as a scatter series whose marker is a rectangle the
 * size of one grid cell: a filled contour map or shaded class regions under ordinary XY series
 * with numeric axes (XChart's HeatMapChart has category axes and cannot carry XY paths).
 * The cell size in pixels is known only after XChart has laid the chart out, so {@link #render}
 * draws twice: once to lay out, once with cells of the right size.
 */
final class Cells extends Marker {

    private double w = 1;
    private double h = 1;
    private final double[] gx;
    private final double[] gy;

    /** Cells centred on the points of a regular grid. */
    Cells(double[] gx, double[] gy) {
        this.gx = gx;
        this.gy = gy;
    }

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        g.fill(new Rectangle2D.Double(xOffset - w / 2, yOffset - h / 2, w, h));
    }

    /**
     * Adds one hidden scatter series per colour: the cells whose {@code colorIndex[j][i]} is k get
     * {@code colors[k]}; negative indices are left empty. Call before adding the series drawn on top.
     */
    void addTo(XYChart chart, int[][] colorIndex, Color[] colors, String namePrefix) {
        for (int k = 0; k < colors.length; k++) {
            List<double[]> pts = new ArrayList<>();
            for (int j = 0; j < gy.length; j++) {
                for (int i = 0; i < gx.length; i++) {
                    if (colorIndex[j][i] == k) {
                        pts.add(new double[] {gx[i], gy[j]});
                    }
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int p = 0; p < x.length; p++) {
                x[p] = pts.get(p)[0];
                y[p] = pts.get(p)[1];
            }
            XYSeries s = chart.addSeries(namePrefix + k, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(this);
            s.setMarkerColor(colors[k]);
            s.setShowInLegend(false);
        }
        // the cells reach the plot border: no content margin, axes exactly the grid's extent
        double dx = gx.length > 1 ? gx[1] - gx[0] : 1;
        double dy = gy.length > 1 ? gy[1] - gy[0] : 1;
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMin(gx[0] - dx / 2).setXAxisMax(gx[gx.length - 1] + dx / 2);
        chart.getStyler().setYAxisMin(gy[0] - dy / 2).setYAxisMax(gy[gy.length - 1] + dy / 2);
    }

    /** Lays the chart out once to learn the cell size in pixels, then renders it for real. */
    BufferedImage render(XYChart chart, Notes notes) {
        Charts.render(chart, notes);
        double dx = gx.length > 1 ? gx[1] - gx[0] : 1;
        double dy = gy.length > 1 ? gy[1] - gy[0] : 1;
        // one pixel of overlap hides the antialiased seams between neighbouring cells
        w = Math.abs(chart.getScreenXFromChart(gx[0] + dx) - chart.getScreenXFromChart(gx[0])) + 1;
        h = Math.abs(chart.getScreenYFromChart(gy[0] + dy) - chart.getScreenYFromChart(gy[0])) + 1;
        return Charts.render(chart, notes);
    }

    /** A colour mixed with white: {@code amount} 0 keeps it, 1 gives white. */
    static Color lighten(Color c, double amount) {
        return new Color(
                (int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
    }

    /** Viridis-like sequential colours, n of them, from yellow (low) to purple (high), lightened. */
    static Color[] sequential(int n, double lighten) {
        int[] stops = {0xFDE725, 0x5EC962, 0x21918C, 0x3B528B, 0x440154};
        Color[] out = new Color[n];
        for (int k = 0; k < n; k++) {
            double t = n == 1 ? 0 : (double) k / (n - 1) * (stops.length - 1);
            int s = Math.min((int) Math.floor(t), stops.length - 2);
            double f = t - s;
            Color a = new Color(stops[s]);
            Color b = new Color(stops[s + 1]);
            Color mix = new Color(
                    (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                    (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                    (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
            out[k] = lighten(mix, lighten);
        }
        return out;
    }
}
