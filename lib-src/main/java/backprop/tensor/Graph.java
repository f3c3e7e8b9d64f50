package backprop.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The one backprop engine. Given an output node whose gradient has been seeded:
 * <ol>
 *   <li>sort the graph topologically (every node after all the nodes it was computed from);</li>
 *   <li>walk that order backwards, letting each node push its gradient into its parents
 *       ({@code +=}, so a value used twice receives both contributions);</li>
 *   <li>release the graph (unless asked to retain it) so a training loop does not keep every step alive.</li>
 * </ol>
 * The sort is iterative, so a chain of 10⁵ operations does not overflow the stack.
 */
final class Graph {
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    /**
     * How many no-grad scopes are open in all threads together. Every operation asks isGradEnabled(), and
     * a ThreadLocal lookup costs a good part of a small operation; while no scope is open anywhere (the
     * usual case in training) this one read answers without it.
     */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN_SCOPES = new java.util.concurrent.atomic.AtomicInteger();
    private static int passCounter;

    private Graph() {
    }

    static boolean isGradEnabled() {
        return OPEN_SCOPES.get() == 0 || NO_GRAD_DEPTH.get()[0] == 0;
    }

    static void enterNoGrad() {
        NO_GRAD_DEPTH.get()[0]++;
        OPEN_SCOPES.incrementAndGet();
    }

    static void exitNoGrad() {
        NO_GRAD_DEPTH.get()[0]--;
        OPEN_SCOPES.decrementAndGet();
    }

    /** Nodes reachable from {@code root}, parents before children (root last). */
    static List<Node> topologicalOrder(Node root) {
        int mark;
        synchronized (Graph.class) {
            mark = ++passCounter;
        }
        List<Node> order = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        List<Integer> nextParent = new ArrayList<>();
        root.visitMark = mark;
        stack.add(root);
        nextParent.add(0);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Node node = stack.get(top);
            int i = nextParent.get(top);
            if (i < node.parents.length) {
                nextParent.set(top, i + 1);
                Node parent = node.parents[i];
                if (parent.visitMark != mark) {
                    parent.visitMark = mark;
                    stack.add(parent);
                    nextParent.add(0);
                }
            } else {
                order.add(node);
                stack.remove(top);
                nextParent.remove(top);
            }
        }
        return order;
    }

    /** Run the backward pass from a root whose own gradient the caller has already seeded. */
    static void backward(Node root, Runnable seedRootGrad, boolean retainGraph) {
        List<Node> order = topologicalOrder(root);
        for (Node node : order) {
            if (!node.isLeaf()) {
                node.clearGrad();
            }
        }
        seedRootGrad.run();
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).propagate();
        }
        if (!retainGraph) {
            for (Node node : order) {
                if (!node.isLeaf()) {
                    node.release();
                }
            }
        }
    }
}
