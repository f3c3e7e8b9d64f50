package backprop.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;

/**
 * Filled grid cells under ordinary XY series with numeric axes: a filled contour map or shaded
 * class regions (XChart's HeatMapChart has category axes and cannot carry XY paths). The cells are
 * one small image, one pixel per cell, that XChart paints as the marker of a single hidden point
 * (the centre of the first cell), scaled to the grid's extent without smoothing: one image drawn
 * costs a few milliseconds where a rectangle per cell cost hundreds. The cell size in pixels is
 * known only after XChart has laid the chart out, so {@link #render} draws twice: once to lay out,
 * once with the image in place.
 */
final class Cells extends Marker {

    private final double[] gx;
    private final double[] gy;
    private BufferedImage image;   // one pixel per cell; row 0 is the top row (the largest y)
    private double cellWidth;      // in screen pixels, known after the first layout
    private double cellHeight;

    /** Cells centred on the points of a regular grid. */
    Cells(double[] gx, double[] gy) {
        this.gx = gx;
        this.gy = gy;
    }

    /** Paints the whole grid: the point it is the marker of is the centre of cell (0, 0), the bottom-left one. */
    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        if (image == null || cellWidth <= 0 || cellHeight <= 0) {
            return;   // the layout pass: nothing to paint yet
        }
        double left = xOffset - cellWidth / 2;
        double top = yOffset + cellHeight / 2 - cellHeight * gy.length;
        Object interpolation = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        AffineTransform place = new AffineTransform(cellWidth, 0, 0, cellHeight, left, top);
        g.drawImage(image, place, null);
        if (interpolation != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        }
    }

    /**
     * Colours the cells: the cell whose {@code colorIndex[j][i]} is k gets {@code colors[k]};
     * negative indices are left empty (transparent). Call before adding the series drawn on top.
     */
    void addTo(XYChart chart, int[][] colorIndex, Color[] colors, String name) {
        image = new BufferedImage(gx.length, gy.length, BufferedImage.TYPE_INT_ARGB);
        for (int j = 0; j < gy.length; j++) {
            for (int i = 0; i < gx.length; i++) {
                int k = colorIndex[j][i];
                if (k >= 0 && k < colors.length) {
                    image.setRGB(i, gy.length - 1 - j, 0xFF000000 | colors[k].getRGB());
                }
            }
        }
        XYSeries s = chart.addSeries(name, new double[] {gx[0]}, new double[] {gy[0]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(this);
        s.setMarkerColor(Color.WHITE);
        s.setShowInLegend(false);
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
        cellWidth = Math.abs(chart.getScreenXFromChart(gx[0] + dx) - chart.getScreenXFromChart(gx[0]));
        cellHeight = Math.abs(chart.getScreenYFromChart(gy[0] + dy) - chart.getScreenYFromChart(gy[0]));
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
