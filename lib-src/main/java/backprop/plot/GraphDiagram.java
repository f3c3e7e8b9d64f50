package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The computation graph of a small expression in micrograd's style: a box per value (name, data,
 * grad) and, above every computed value, a circle with its operation. It is drawn top to bottom
 * (inputs in the top row, each computed value one row below its deepest input) so that it fits the
 * width of a notebook column. An edge that skips rows passes through a narrow slot reserved in each
 * row it crosses, so it never runs under a box; rows are ordered to reduce crossings. Java2D.
 */
final class GraphDiagram {

    private GraphDiagram() {
    }

    static final int MAX_NODES = 60;
    static final Font LABEL_FONT = new Font(Charts.FONT, Font.BOLD, 14);
    static final Font TEXT_FONT = new Font(Charts.FONT, Font.PLAIN, 13);
    static final Font OP_FONT = new Font(Charts.FONT, Font.BOLD, 14);
    static final Color LEAF_FILL = new Color(0xDCEBF7);
    static final Color NODE_FILL = new Color(0xF4F4F4);
    static final Color ROOT_FILL = new Color(0xDDF2E3);
    static final Color OP_FILL = new Color(0xFBE3C8);
    static final Color EDGE = new Color(0x555555);
    static final Color GRAD = new Color(0xB03A00);

    static final int OP_H = 28;
    static final int OP_GAP = 14;
    static final int LEVEL_GAP = 30;
    static final int H_GAP = 22;
    static final int BEND_W = 14;
    static final int MARGIN = 16;
    static final int TITLE_H = 34;

    /** A place in a row: a value's box, or (node == null) the bend of an edge crossing the row. */
    private static final class Slot {
        final GraphNode node;
        final int level;
        final List<Slot> up = new ArrayList<>();
        final List<Slot> down = new ArrayList<>();
        double order;
        double x;

        Slot(GraphNode node, int level) {
            this.node = node;
            this.level = level;
        }
    }

    static BufferedImage draw(GraphNode root, String title) {
        String op = "autogradGraph";
        Args.notNull(op, "root", root);
        // the nodes, inputs first (post-order), checking for cycles and size
        List<GraphNode> nodes = new ArrayList<>();
        visit(op, root, new IdentityHashMap<>(), nodes);

        // level: 0 for inputs, one below the deepest input otherwise
        Map<GraphNode, Slot> slot = new IdentityHashMap<>();
        int levels = 0;
        for (GraphNode n : nodes) {
            int level = 0;
            for (GraphNode p : n.parents()) {
                level = Math.max(level, slot.get(p).level + 1);
            }
            slot.put(n, new Slot(n, level));
            levels = Math.max(levels, level + 1);
        }
        List<List<Slot>> rows = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            rows.add(new ArrayList<>());
        }
        for (GraphNode n : nodes) {
            rows.get(slot.get(n).level).add(slot.get(n));
        }
        // every edge as a chain of slots: parent, one bend per crossed row, child
        List<List<Slot>> edges = new ArrayList<>();
        for (GraphNode n : nodes) {
            Slot child = slot.get(n);
            for (GraphNode p : n.parents()) {
                List<Slot> chain = new ArrayList<>();
                Slot prev = slot.get(p);
                chain.add(prev);
                for (int l = prev.level + 1; l < child.level; l++) {
                    Slot bend = new Slot(null, l);
                    rows.get(l).add(bend);
                    link(prev, bend);
                    chain.add(bend);
                    prev = bend;
                }
                link(prev, child);
                chain.add(child);
                edges.add(chain);
            }
        }
        // order the rows: each slot by the mean position of its neighbours, down then up (fewer crossings)
        for (List<Slot> row : rows) {
            renumber(row);
        }
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int l = levels - 2; l >= 0; l--) {
                sortBy(rows.get(l), true);
            }
            for (int l = 1; l < levels; l++) {
                sortBy(rows.get(l), false);
            }
        }

        // measure: every box is as wide as the widest text, three lines (name, data, grad)
        Graphics2D pg = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Charts.hints(pg);
        FontMetrics lfm = pg.getFontMetrics(LABEL_FONT);
        FontMetrics tfm = pg.getFontMetrics(TEXT_FONT);
        FontMetrics ofm = pg.getFontMetrics(OP_FONT);
        int titleW = title == null ? 0 : pg.getFontMetrics(Charts.TITLE_FONT).stringWidth(title);
        int textW = 0;
        for (GraphNode n : nodes) {
            textW = Math.max(textW, lfm.stringWidth(n.name()));
            textW = Math.max(textW, tfm.stringWidth(n.valueText()));
            textW = Math.max(textW, tfm.stringWidth(n.gradText()));
        }
        pg.dispose();
        int boxW = Math.max(100, textW + 20);
        int lineH = tfm.getHeight();
        int boxH = 3 * lineH + 10;
        int rowH = OP_H + OP_GAP + boxH + LEVEL_GAP;
        boolean hasTitle = title != null && !title.isEmpty();
        int top = MARGIN + (hasTitle ? TITLE_H : 0);
        double widest = 0;
        for (List<Slot> row : rows) {
            widest = Math.max(widest, rowWidth(row, boxW));
        }
        int width = (int) Math.max(Math.max(360, titleW + 2 * MARGIN), 2 * MARGIN + widest);
        int height = top + levels * rowH - LEVEL_GAP - OP_H - OP_GAP + MARGIN;
        for (List<Slot> row : rows) {
            double x = (width - rowWidth(row, boxW)) / 2.0;
            for (int i = 0; i < row.size(); i++) {
                Slot s = row.get(i);
                double w = s.node != null ? boxW : BEND_W;
                s.x = x + w / 2;
                x += w + (i + 1 < row.size() ? gap(s, row.get(i + 1)) : 0);
            }
        }

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            Charts.hints(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            if (hasTitle) {
                g.setFont(Charts.TITLE_FONT);
                FontMetrics fm = g.getFontMetrics();
                g.setColor(Charts.TEXT);
                g.drawString(title, Math.max(MARGIN, (width - fm.stringWidth(title)) / 2), MARGIN + fm.getAscent());
            }
            // edges first, circles and boxes on top
            g.setStroke(new BasicStroke(1.4f));
            g.setColor(EDGE);
            for (List<Slot> chain : edges) {
                Slot from = chain.get(0);
                double x = from.x;
                double y = boxTop(top, rowH, from.level) + boxH;
                for (int k = 1; k < chain.size(); k++) {
                    Slot s = chain.get(k);
                    double enterY = boxTop(top, rowH, s.level) - OP_GAP - OP_H;
                    double mid = (y + enterY) / 2;
                    g.draw(new CubicCurve2D.Double(x, y, x, mid, s.x, mid, s.x, enterY));
                    if (s.node != null) {
                        arrow(g, s.x, mid, s.x, enterY);
                    } else {
                        g.draw(new Line2D.Double(s.x, enterY, s.x, boxTop(top, rowH, s.level) + boxH));
                    }
                    x = s.x;
                    y = boxTop(top, rowH, s.level) + boxH;
                }
            }
            for (GraphNode n : nodes) {
                Slot s = slot.get(n);
                double boxTop = boxTop(top, rowH, s.level);
                if (!n.parents().isEmpty()) {
                    g.setColor(EDGE);
                    g.draw(new Line2D.Double(s.x, boxTop - OP_GAP, s.x, boxTop));
                    arrow(g, s.x, boxTop - OP_GAP, s.x, boxTop);
                    int opW = Math.max(OP_H, ofm.stringWidth(n.op()) + 16);
                    Ellipse2D.Double e = new Ellipse2D.Double(s.x - opW / 2.0, boxTop - OP_GAP - OP_H, opW, OP_H);
                    g.setColor(OP_FILL);
                    g.fill(e);
                    g.setColor(EDGE);
                    g.draw(e);
                    g.setFont(OP_FONT);
                    g.setColor(Charts.TEXT);
                    g.drawString(n.op(), (float) (s.x - ofm.stringWidth(n.op()) / 2.0),
                            (float) (boxTop - OP_GAP - OP_H / 2.0 + ofm.getAscent() / 2.0 - 2));
                }
                RoundRectangle2D.Double box = new RoundRectangle2D.Double(s.x - boxW / 2.0, boxTop, boxW, boxH, 10, 10);
                g.setColor(n == root ? ROOT_FILL : n.parents().isEmpty() ? LEAF_FILL : NODE_FILL);
                g.fill(box);
                g.setColor(EDGE);
                g.draw(box);
                float y = (float) (boxTop + 5 + tfm.getAscent());
                g.setFont(LABEL_FONT);
                g.setColor(Charts.TEXT);
                g.drawString(n.name(), (float) (s.x - lfm.stringWidth(n.name()) / 2.0), y);
                g.setFont(TEXT_FONT);
                g.drawString(n.valueText(), (float) (s.x - tfm.stringWidth(n.valueText()) / 2.0), y + lineH);
                g.setColor(GRAD);
                g.drawString(n.gradText(), (float) (s.x - tfm.stringWidth(n.gradText()) / 2.0), y + 2 * lineH);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static double boxTop(int top, int rowH, int level) {
        return top + (double) level * rowH;
    }

    private static void link(Slot upper, Slot lower) {
        upper.down.add(lower);
        lower.up.add(upper);
    }

    private static double gap(Slot a, Slot b) {
        return a.node != null && b.node != null ? H_GAP : H_GAP / 2.0;
    }

    private static double rowWidth(List<Slot> row, int boxW) {
        double w = 0;
        for (int i = 0; i < row.size(); i++) {
            w += row.get(i).node != null ? boxW : BEND_W;
            if (i + 1 < row.size()) {
                w += gap(row.get(i), row.get(i + 1));
            }
        }
        return w;
    }

    /** Stable sort of a row by the mean position of the neighbours below (byDown) or above. */
    private static void sortBy(List<Slot> row, boolean byDown) {
        Map<Slot, Double> key = new IdentityHashMap<>();
        for (Slot s : row) {
            List<Slot> nb = byDown ? s.down : s.up;
            double k = s.order;
            if (!nb.isEmpty()) {
                double sum = 0;
                for (Slot m : nb) {
                    sum += m.order;
                }
                k = sum / nb.size();
            }
            key.put(s, k);
        }
        row.sort(Comparator.comparingDouble(key::get));
        renumber(row);
    }

    private static void renumber(List<Slot> row) {
        for (int i = 0; i < row.size(); i++) {
            row.get(i).order = i;
        }
    }

    private static void visit(String op, GraphNode n, Map<GraphNode, Integer> state, List<GraphNode> order) {
        Integer s = state.get(n);
        if (s != null) {
            if (s == 1) {
                throw Args.error(op, "the graph has a cycle", "node " + describe(n) + " is its own ancestor",
                        "build the graph from an expression (each node from earlier ones)");
            }
            return;
        }
        state.put(n, 1);
        List<? extends GraphNode> parents = n.parents();
        if (parents == null) {
            throw Args.error(op, "parents() returned null", "node " + describe(n), "return an empty list for an input");
        }
        for (GraphNode p : parents) {
            if (p == null) {
                throw Args.error(op, "a parent is null", "node " + describe(n), "pass the nodes an operation was computed from");
            }
            visit(op, p, state, order);
        }
        state.put(n, 2);
        order.add(n);
        if (order.size() > MAX_NODES) {
            throw Args.error(op, "graph too large to draw", "more than " + MAX_NODES + " nodes",
                    "draw a smaller expression, e.g. one neuron instead of a whole network");
        }
    }

    private static String describe(GraphNode n) {
        return (n.name() == null || n.name().isEmpty() ? "(unnamed)" : "\"" + n.name() + "\"") + " with value " + n.value();
    }

    private static void arrow(Graphics2D g, double fx, double fy, double tx, double ty) {
        double angle = Math.atan2(ty - fy, tx - fx);
        double len = 8;
        Path2D.Double head = new Path2D.Double();
        head.moveTo(tx, ty);
        head.lineTo(tx - len * Math.cos(angle - 0.4), ty - len * Math.sin(angle - 0.4));
        head.lineTo(tx - len * Math.cos(angle + 0.4), ty - len * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
    }
}
