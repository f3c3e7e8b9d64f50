package backprop.plot;

import java.util.List;

/**
 * What {@link Plots#autogradGraph(GraphNode)} needs to know about one node of a computation graph:
 * its name, the operation that produced it, its value after the forward pass, its gradient after
 * {@code backward()}, and the nodes it was computed from. A node used twice must be the same object.
 *
 * <pre>{@code
 * GraphNode a = GraphNode.of("a", 2.0, -3.0);
 * GraphNode b = GraphNode.of("b", -3.0, 2.0);
 * GraphNode e = GraphNode.of("e", -6.0, 1.0, "*", a, b);
 * Plots.autogradGraph(e)
 * }</pre>
 */
public interface GraphNode {

    /** The name shown in the box, e.g. "a"; empty for an unnamed intermediate. */
    String name();

    /** The operation that produced this node, e.g. "+", "*", "tanh"; empty for an input (leaf). */
    String op();

    /** The value computed by the forward pass. */
    double value();

    /** The gradient of the output with respect to this node after backward(); NaN when there is none. */
    double grad();

    /** The nodes this one was computed from (empty for a leaf). */
    List<? extends GraphNode> parents();

    /** The value as written in the box; override to show something else (a tensor's shape). */
    default String valueText() {
        return "data " + format(value());
    }

    /** The gradient as written in the box ("grad -" when there is none). */
    default String gradText() {
        return Double.isNaN(grad()) ? "grad -" : "grad " + format(grad());
    }

    /** Four decimals, as micrograd prints; scientific notation for very small or large numbers. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e6)) {
            return String.format(java.util.Locale.ROOT, "%.3e", v);
        }
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** A leaf (input or parameter) with its value and gradient. */
    static GraphNode of(String name, double value, double grad) {
        return new Node(name, "", value, grad, List.of());
    }

    /** A node computed by {@code op} from {@code parents}. */
    static GraphNode of(String name, double value, double grad, String op, GraphNode... parents) {
        return new Node(name, op, value, grad, List.of(parents));
    }

    /** The plain implementation behind {@link #of}. */
    record Node(String name, String op, double value, double grad, List<GraphNode> parents) implements GraphNode {
        public Node {
            name = name == null ? "" : name;
            op = op == null ? "" : op;
            parents = List.copyOf(parents);
        }

        @Override
        public String toString() {
            return "GraphNode(" + (name.isEmpty() ? "" : name + " = ") + (op.isEmpty() ? "" : op + " of " + parents.size() + ", ")
                    + "value " + value + ", grad " + grad + ")";
        }
    }
}
