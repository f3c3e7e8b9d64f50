package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look shared by every picture: fonts, colours, background, legend, and the one place where
 * an XChart chart becomes a {@link BufferedImage}. Package-private; the public face is {@link Plots}.
 */
final class Charts {

    private Charts() {
    }

    /** Okabe-Ito palette: distinguishable with every common colour-vision deficiency. */
    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color GREEN = new Color(0x009E73);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color PURPLE = new Color(0xCC79A7);
    static final Color SKY = new Color(0x56B4E9);
    static final Color BLACK = new Color(0x222222);
    static final Color YELLOW = new Color(0xF0E442);
    static final Color[] PALETTE = {BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY, BLACK, YELLOW};

    static final Color GRID = new Color(0xE3E3E3);
    static final Color TEXT = new Color(0x222222);
    static final Color NOTE = new Color(0xA33A00);
    static final Color RESIDUAL = new Color(0x888888);

    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 16);
    static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 13);
    static final Font NOTE_FONT = new Font(FONT, Font.ITALIC, 12);

    static final float LINE_WIDTH = 2.0f;

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** An XY chart with the workbook look: title, axis titles, light grid, legend below the plot. */
    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title == null ? "" : title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        return chart;
    }

    /** A category (bar) chart with the workbook look. */
    static CategoryChart bars(int width, int height, String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChart(width, height);
        chart.setTitle(title == null ? "" : title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        return chart;
    }

    /** Fonts, colours, background and legend placement shared by every chart. */
    static void style(AxesChartStyler s) {
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(TEXT);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(8);
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setAxisTickLabelsColor(TEXT);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 235));
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendPadding(6);
        s.setLegendSeriesLineLength(22);
        s.setSeriesColors(PALETTE);
        s.setSeriesMarkers(new org.knowm.xchart.style.markers.Marker[] {SeriesMarkers.CIRCLE});
        s.setChartPadding(10);
        s.setPlotMargin(4);
        s.setLocale(java.util.Locale.ROOT);
    }

    /** Line series with the workbook stroke and no markers (markers only when there are few points). */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        s.setMarker(x.length <= 20 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return s;
    }

    /**
     * For an x axis of counts 1..n (epochs, steps) with n &gt; 20: XChart puts ticks only on data
     * x values when they are equally spaced, choosing every k-th one (1, 17, 33, ...) and letting
     * 3-digit labels touch. One hidden point off that grid (y = NaN, so nothing is drawn) makes it
     * use its usual round-number ticks (0, 50, 100, ...) instead.
     */
    static void roundTicks(XYChart chart, int n) {
        if (n > 20 && chart.getSeries(" ticks") == null) {
            XYSeries s = chart.addSeries(" ticks", new double[] {1.5}, new double[] {Double.NaN});
            s.setShowInLegend(false);
            s.setMarker(SeriesMarkers.NONE);
        }
    }

    /** Dashed variant of {@link #line}, for a validation curve beside its training curve. */
    static XYSeries dashed(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = line(chart, name, x, y, color);
        s.setLineStyle(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {7f, 4f}, 0f));
        return s;
    }

    /** Scatter series (markers only). */
    static XYSeries scatter(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        s.setLineColor(color);
        return s;
    }

    /**
     * Renders a chart; notes, if any, go in a strip below it (the chart is drawn that much shorter,
     * so the image keeps the chart's size and nothing covers the axis titles or the legend).
     */
    static BufferedImage render(Chart<?, ?> chart, Notes notes) {
        fitLegend(chart);
        if (notes == null || notes.isEmpty()) {
            return BitmapEncoder.getBufferedImage(chart);
        }
        List<String> lines = notes.lines();
        int width = chart.getWidth();
        int height = chart.getHeight();
        int strip = lines.size() * NOTE_LINE + 6;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            chart.paint(g, width, height - strip);
        } finally {
            g.dispose();
        }
        // paint() remembers the height it was given: restore it for the next render of this chart
        chart.paint(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics(), width, height);
        drawNotes(image, lines, height - strip);
        return image;
    }

    static final int NOTE_LINE = 16;

    /** Writes short notes in the strip that starts at {@code top}, one per line. */
    static void drawNotes(BufferedImage image, List<String> lines, int top) {
        Graphics2D g = image.createGraphics();
        try {
            hints(g);
            g.setFont(NOTE_FONT);
            FontMetrics fm = g.getFontMetrics();
            int y = top + fm.getAscent() + 1;
            for (String line : lines) {
                g.setColor(NOTE);
                g.drawString(line, 10, y);
                y += NOTE_LINE;
            }
        } finally {
            g.dispose();
        }
    }

    /**
     * A legend below the plot is one row: when its entries would not fit in the width, move the
     * legend to the right of the plot, one entry per line, instead of letting it run off the image.
     */
    static void fitLegend(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            hints(g);
            // XChart centres the title over the plot, which starts right of the y axis: keep it inside the image
            shrinkTitle(g, chart, chart.getWidth() - 2 * s.getChartPadding() - 80);
            if (!s.isLegendVisible() || s.getLegendPosition() != Styler.LegendPosition.OutsideS) {
                return;
            }
            FontMetrics fm = g.getFontMetrics(s.getLegendFont());
            int total = 2 * s.getLegendPadding();
            int widest = 0;
            for (Object o : chart.getSeriesCollection()) {
                org.knowm.xchart.internal.series.Series series = (org.knowm.xchart.internal.series.Series) o;
                if (series.isShowInLegend() && series.isEnabled()) {
                    String label = series.getLabel() != null ? series.getLabel() : series.getName();
                    int entry = s.getLegendSeriesLineLength() + fm.stringWidth(label) + 3 * s.getLegendPadding();
                    total += entry;
                    widest = Math.max(widest, entry);
                }
            }
            if (total > chart.getWidth() - 2 * s.getChartPadding()) {
                s.setLegendPosition(Styler.LegendPosition.OutsideE);
                s.setLegendLayout(Styler.LegendLayout.Vertical);
                // XChart centres the title over the plot, now narrower: shrink a title that would not fit
                shrinkTitle(g, chart, chart.getWidth() - widest - 2 * s.getLegendPadding() - 2 * s.getChartPadding() - 60);
            }
        } finally {
            g.dispose();
        }
    }

    /** Makes the title font smaller (down to 11 pt) until the title fits in {@code width} pixels. */
    private static void shrinkTitle(Graphics2D g, Chart<?, ?> chart, int width) {
        Styler s = chart.getStyler();
        String title = chart.getTitle();
        if (title == null || title.isEmpty()) {
            return;
        }
        java.awt.Font font = s.getChartTitleFont();
        while (font.getSize2D() > 11 && g.getFontMetrics(font).stringWidth(title) > width) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        s.setChartTitleFont(font);
    }

    /** The same rendering hints everywhere, so the pixels are the same on every run. */
    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** Lays panels out on a grid, row by row, on a white background. All panels must have one size. */
    static BufferedImage grid(List<BufferedImage> panels, int cols) {
        int pw = panels.get(0).getWidth();
        int ph = panels.get(0).getHeight();
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(pw * cols, ph * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(panels.get(i), (i % cols) * pw, (i / cols) * ph, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Compact number format for titles and legends: 4 significant digits, scientific when tiny or huge. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 1e-3 || a >= 1e5) {
            return String.format(java.util.Locale.ROOT, "%.2e", v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
