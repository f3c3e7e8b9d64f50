package backprop.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import backprop.tensor.Tensor;
import backprop.tensor.Value;

/** Views of {@link Value} and {@link Tensor} graphs as {@link GraphNode}s. Package-private. */
final class GraphAdapters {

    private GraphAdapters() {
    }

    static GraphNode of(Value root) {
        return value(root, new IdentityHashMap<>());
    }

    private static GraphNode value(Value v, Map<Object, GraphNode> seen) {
        GraphNode done = seen.get(v);
        if (done != null) {
            return done;
        }
        List<GraphNode> parents = new ArrayList<>();
        for (Value p : v.inputs()) {
            parents.add(value(p, seen));
        }
        GraphNode node = new GraphNode.Node(v.name(), v.op(), v.data(), v.grad(), parents);
        seen.put(v, node);
        return node;
    }

    static GraphNode of(Tensor root) {
        if (root.gradFn() != null && root.inputs().isEmpty()) {
            throw Args.error("autogradGraph", "the graph behind this tensor was released by backward()",
                    "it was computed by " + root.gradFn() + " but keeps no inputs",
                    "call loss.backward(Tensor.ones(shape), true) to keep the graph, or draw before backward()");
        }
        return tensor(root, new IdentityHashMap<>());
    }

    private static GraphNode tensor(Tensor t, Map<Object, GraphNode> seen) {
        GraphNode done = seen.get(t);
        if (done != null) {
            return done;
        }
        List<GraphNode> parents = new ArrayList<>();
        for (Tensor p : t.inputs()) {
            parents.add(tensor(p, seen));
        }
        GraphNode node = new TensorNode(t, parents);
        seen.put(t, node);
        return node;
    }

    /** A tensor in the drawing: scalars show their value and gradient, larger tensors their shape and gradient norm. */
    record TensorNode(Tensor t, List<GraphNode> parents) implements GraphNode {
        @Override
        public String name() {
            return t.name() == null ? "" : t.name();
        }

        @Override
        public String op() {
            return t.gradFn() == null ? "" : t.gradFn();
        }

        @Override
        public double value() {
            return t.numel() == 1 ? t.toArray()[0] : Double.NaN;
        }

        @Override
        public double grad() {
            return t.hasGrad() && t.numel() == 1 ? t.gradData()[0] : Double.NaN;
        }

        @Override
        public String valueText() {
            return t.numel() == 1 ? GraphNode.super.valueText() : "shape " + Arrays.toString(t.shape());
        }

        @Override
        public String gradText() {
            if (!t.hasGrad() || t.numel() == 1) {
                return GraphNode.super.gradText();
            }
            double sq = 0;
            for (double g : t.gradData()) {
                sq += g * g;
            }
            return "|grad| " + GraphNode.format(Math.sqrt(sq));
        }
    }
}
