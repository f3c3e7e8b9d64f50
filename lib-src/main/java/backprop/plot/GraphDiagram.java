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
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The computation graph of a small expression in micrograd's style: a box per value (name, data,
 * grad) and, above every computed value, a circle with its operation. It is drawn top to bottom
 * (inputs in the top row, each computed value one row below its deepest input) so that it fits the
 * width of a notebook column. Java2D.
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
    static final int MARGIN = 16;
    static final int TITLE_H = 34;

    static BufferedImage draw(GraphNode root, String title) {
        String op = "autogradGraph";
        Args.notNull(op, "root", root);
        // collect the nodes, inputs first (post-order), checking for cycles
        List<GraphNode> order = new ArrayList<>();
        Map<GraphNode, Integer> state = new IdentityHashMap<>();
        visit(op, root, state, order);
        if (order.size() > MAX_NODES) {
            throw Args.error(op, "graph too large to draw", order.size() + " nodes (at most " + MAX_NODES + ")",
                    "draw a smaller expression, e.g. one neuron instead of a whole network");
        }
        // column: 0 for inputs, 1 + the furthest input's column otherwise
        Map<GraphNode, Integer> col = new IdentityHashMap<>();
        int maxCol = 0;
        for (GraphNode n : order) {
            int c = 0;
            for (GraphNode p : n.parents()) {
                c = Math.max(c, col.get(p) + 1);
            }
            col.put(n, c);
            maxCol = Math.max(maxCol, c);
        }
        List<List<GraphNode>> columns = new ArrayList<>();
        for (int c = 0; c <= maxCol; c++) {
            columns.add(new ArrayList<>());
        }
        for (GraphNode n : order) {
            columns.get(col.get(n)).add(n);
        }
        // children, for ordering the inputs by where they are used
        Map<GraphNode, List<GraphNode>> children = new IdentityHashMap<>();
        for (GraphNode n : order) {
            for (GraphNode p : n.parents()) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
            }
        }
        Map<GraphNode, Double> row = new IdentityHashMap<>();
        for (List<GraphNode> column : columns) {
            for (int i = 0; i < column.size(); i++) {
                row.put(column.get(i), (double) i);
            }
        }
        // barycentre sweeps: order each column by the mean row of its neighbours (fewer crossings)
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int c = maxCol - 1; c >= 0; c--) {
                reorder(columns.get(c), row, children);
            }
            for (int c = 1; c <= maxCol; c++) {
                reorder(columns.get(c), row, parentMap(columns.get(c)));
            }
        }

        // measure: every box has the width of the widest text, three lines (name, data, grad)
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        Charts.hints(pg);
        FontMetrics lfm = pg.getFontMetrics(LABEL_FONT);
        FontMetrics tfm = pg.getFontMetrics(TEXT_FONT);
        FontMetrics ofm = pg.getFontMetrics(OP_FONT);
        int textW = 0;
        for (GraphNode n : order) {
            textW = Math.max(textW, lfm.stringWidth(n.label()));
            textW = Math.max(textW, tfm.stringWidth(dataText(n)));
            textW = Math.max(textW, tfm.stringWidth(gradText(n)));
        }
        pg.dispose();
        int boxW = Math.max(100, textW + 20);
        int lineH = tfm.getHeight();
        int boxH = 3 * lineH + 10;
        int rows = maxCol + 1;
        int perRow = 0;
        for (List<GraphNode> column : columns) {
            perRow = Math.max(perRow, column.size());
        }
        boolean hasTitle = title != null && !title.isEmpty();
        int top = MARGIN + (hasTitle ? TITLE_H : 0);
        int rowH = OP_H + OP_GAP + boxH + LEVEL_GAP;
        int width = Math.max(360, 2 * MARGIN + perRow * (boxW + H_GAP) - H_GAP);
        int height = top + rows * rowH - LEVEL_GAP - OP_H - OP_GAP + MARGIN;

        // positions: inputs in the top row, each computed value one row below its deepest input;
        // the op circle of a computed value sits just above its box. pos = {box left, box top}
        Map<GraphNode, double[]> pos = new IdentityHashMap<>();
        for (int c = 0; c <= maxCol; c++) {
            List<GraphNode> column = columns.get(c);
            double rowWidth = column.size() * (boxW + H_GAP) - H_GAP;
            double left = (width - rowWidth) / 2.0;
            for (int i = 0; i < column.size(); i++) {
                double x = left + i * (boxW + H_GAP);
                double y = top + c * rowH - (c == 0 ? 0 : 0);
                pos.put(column.get(i), new double[] {x, y});
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
            // edges first, boxes and circles on top
            g.setStroke(new BasicStroke(1.4f));
            for (GraphNode n : order) {
                if (n.parents().isEmpty()) {
                    continue;
                }
                double[] p = pos.get(n);
                double cx = p[0] + boxW / 2.0;
                double opTop = p[1] - OP_GAP - OP_H;
                for (GraphNode parent : n.parents()) {
                    double[] q = pos.get(parent);
                    double sx = q[0] + boxW / 2.0;
                    double sy = q[1] + boxH;
                    double mid = (sy + opTop) / 2;
                    g.setColor(EDGE);
                    g.draw(new CubicCurve2D.Double(sx, sy, sx, mid, cx, mid, cx, opTop));
                    arrow(g, cx, mid, cx, opTop);
                }
                g.draw(new Line2D.Double(cx, p[1] - OP_GAP, cx, p[1]));
                arrow(g, cx, p[1] - OP_GAP, cx, p[1]);
            }
            for (GraphNode n : order) {
                double[] p = pos.get(n);
                double cx = p[0] + boxW / 2.0;
                if (!n.parents().isEmpty()) {
                    int opW = Math.max(OP_H, ofm.stringWidth(n.op()) + 16);
                    Ellipse2D.Double e = new Ellipse2D.Double(cx - opW / 2.0, p[1] - OP_GAP - OP_H, opW, OP_H);
                    g.setColor(OP_FILL);
                    g.fill(e);
                    g.setColor(EDGE);
                    g.draw(e);
                    g.setFont(OP_FONT);
                    g.setColor(Charts.TEXT);
                    g.drawString(n.op(), (float) (cx - ofm.stringWidth(n.op()) / 2.0),
                            (float) (p[1] - OP_GAP - OP_H / 2.0 + ofm.getAscent() / 2.0 - 2));
                }
                RoundRectangle2D.Double box = new RoundRectangle2D.Double(p[0], p[1], boxW, boxH, 10, 10);
                g.setColor(n == root ? ROOT_FILL : n.parents().isEmpty() ? LEAF_FILL : NODE_FILL);
                g.fill(box);
                g.setColor(EDGE);
                g.draw(box);
                float y = (float) (p[1] + 5 + tfm.getAscent());
                g.setFont(LABEL_FONT);
                g.setColor(Charts.TEXT);
                g.drawString(n.label(), (float) (cx - lfm.stringWidth(n.label()) / 2.0), y);
                g.setFont(TEXT_FONT);
                g.drawString(dataText(n), (float) (cx - tfm.stringWidth(dataText(n)) / 2.0), y + lineH);
                g.setColor(GRAD);
                g.drawString(gradText(n), (float) (cx - tfm.stringWidth(gradText(n)) / 2.0), y + 2 * lineH);
            }
        } finally {
            g.dispose();
        }
        return img;
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
            if (order.size() > MAX_NODES) {
                throw Args.error(op, "graph too large to draw", "more than " + MAX_NODES + " nodes",
                        "draw a smaller expression, e.g. one neuron instead of a whole network");
            }
        }
        state.put(n, 2);
        order.add(n);
    }

    private static String describe(GraphNode n) {
        return (n.label() == null || n.label().isEmpty() ? "(unnamed)" : "\"" + n.label() + "\"") + " value " + n.value();
    }

    private static Map<GraphNode, List<GraphNode>> parentMap(List<GraphNode> column) {
        Map<GraphNode, List<GraphNode>> m = new IdentityHashMap<>();
        for (GraphNode n : column) {
            m.put(n, new ArrayList<>(n.parents()));
        }
        return m;
    }

    /** Sorts a column by the mean row of each node's neighbours (stable; nodes without neighbours keep their row). */
    private static void reorder(List<GraphNode> column, Map<GraphNode, Double> row, Map<GraphNode, List<GraphNode>> neighbours) {
        Map<GraphNode, Double> key = new IdentityHashMap<>();
        for (GraphNode n : column) {
            List<GraphNode> nb = neighbours.getOrDefault(n, Collections.emptyList());
            double k = row.get(n);
            if (!nb.isEmpty()) {
                double sum = 0;
                for (GraphNode m : nb) {
                    sum += row.get(m);
                }
                k = sum / nb.size();
            }
            key.put(n, k);
        }
        column.sort(Comparator.comparingDouble(key::get));
        for (int i = 0; i < column.size(); i++) {
            row.put(column.get(i), (double) i);
        }
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

    static String dataText(GraphNode n) {
        return n.valueText();
    }

    static String gradText(GraphNode n) {
        return n.gradText();
    }
}
