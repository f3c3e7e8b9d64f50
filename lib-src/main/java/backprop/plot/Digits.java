package backprop.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A grid of small grey-scale images (the 8x8 digits): dark ink on white, each scaled by its own
 * range, captioned with its label and, when given, the prediction (red when wrong). Java2D.
 */
final class Digits {

    private Digits() {
    }

    static final int CELL = 64;
    static final int CAPTION = 20;
    static final int GAP = 8;
    static final int MAX_COLS = 10;

    static BufferedImage draw(double[][] images, int[] labels, int[] predicted, String title) {
        String op = "digits";
        Args.notNull(op, "images", images);
        int n = images.length;
        if (n == 0) {
            throw Args.error(op, "images is empty", "got 0 images", "pass at least one image, one row of 64 pixels each");
        }
        int side = -1;
        for (int i = 0; i < n; i++) {
            int len = images[i] == null ? -1 : images[i].length;
            int s = (int) Math.round(Math.sqrt(Math.max(len, 0)));
            if (len <= 0 || s * s != len || (side > 0 && s != side)) {
                throw Args.error(op, "every image must be a square of the same size, flattened row by row",
                        "image " + i + " has " + (len < 0 ? "null" : len + " pixels") + (side > 0 ? ", expected " + side * side : ""),
                        "pass rows of 64 values for 8 x 8 images");
            }
            side = s;
        }
        if (labels != null && labels.length != n) {
            throw Args.error(op, "labels and images differ in length", labels.length + " labels for " + n + " images",
                    "pass one label per image, or null");
        }
        if (predicted != null && predicted.length != n) {
            throw Args.error(op, "predicted and images differ in length", predicted.length + " predictions for " + n + " images",
                    "pass one prediction per image, or null");
        }
        int cols = Math.min(MAX_COLS, n);
        int rows = (n + cols - 1) / cols;
        boolean captions = labels != null || predicted != null;
        int cellH = CELL + (captions ? CAPTION : 0);
        int titleH = title == null || title.isEmpty() ? 0 : 30;
        int w = cols * (CELL + GAP) + GAP;
        int h = titleH + rows * (cellH + GAP) + GAP;
        int wrong = 0;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            Charts.hints(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            Font captionFont = new Font(Charts.FONT, Font.PLAIN, 13);
            double px = (double) CELL / side;
            for (int i = 0; i < n; i++) {
                int x0 = GAP + (i % cols) * (CELL + GAP);
                int y0 = titleH + GAP + (i / cols) * (cellH + GAP);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : images[i]) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        double v = images[i][r * side + c];
                        Color color;
                        if (!Double.isFinite(v)) {
                            color = new Color(0xFFB0B0);
                        } else {
                            double t = hi > lo ? (v - lo) / (hi - lo) : 0;
                            int grey = (int) Math.round(255 * (1 - t));
                            color = new Color(grey, grey, grey);
                        }
                        g.setColor(color);
                        int xa = x0 + (int) Math.round(c * px);
                        int xb = x0 + (int) Math.round((c + 1) * px);
                        int ya = y0 + (int) Math.round(r * px);
                        int yb = y0 + (int) Math.round((r + 1) * px);
                        g.fillRect(xa, ya, xb - xa, yb - ya);
                    }
                }
                boolean isWrong = labels != null && predicted != null && labels[i] != predicted[i];
                if (isWrong) {
                    wrong++;
                }
                g.setColor(isWrong ? Charts.VERMILLION : new Color(0xBBBBBB));
                g.setStroke(new java.awt.BasicStroke(isWrong ? 2f : 1f));
                g.drawRect(x0, y0, CELL, CELL);
                if (captions) {
                    String caption = labels != null && predicted != null
                            ? (isWrong ? labels[i] + " as " + predicted[i] : "" + labels[i])
                            : labels != null ? "" + labels[i] : "pred " + predicted[i];
                    g.setFont(captionFont);
                    FontMetrics fm = g.getFontMetrics();
                    g.setColor(isWrong ? Charts.VERMILLION : Charts.TEXT);
                    g.drawString(caption, x0 + (CELL - fm.stringWidth(caption)) / 2, y0 + CELL + fm.getAscent() + 2);
                }
            }
            if (titleH > 0) {
                String full = title;
                if (labels != null && predicted != null) {
                    full += "  (" + wrong + " of " + n + " wrong, red: true as predicted)";
                }
                g.setFont(Charts.TITLE_FONT);
                FontMetrics fm = g.getFontMetrics();
                if (fm.stringWidth(full) > w - 10) {
                    g.setFont(Charts.TITLE_FONT.deriveFont(12f));
                    fm = g.getFontMetrics();
                }
                g.setColor(Charts.TEXT);
                g.drawString(full, Math.max(5, (w - fm.stringWidth(full)) / 2), 8 + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
