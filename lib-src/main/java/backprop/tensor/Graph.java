package backprop.tensor;

import java.util.Arrays;
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
    /** What backward() says when a no-grad scope is still open on the calling thread. */
    static final String OPEN_SCOPE_MESSAGE = "backward: a no-grad scope is still open on this thread, so the forward "
            + "pass recorded no graph: close it (scope.close(), or open it as try (var scope = Tensor.noGrad()) { ... } "
            + "so that it closes itself), then run the forward pass again";

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

    /**
     * Nodes reachable from {@code root}, parents before children (root last), each checked by
     * {@link Node#checkBeforeBackward} as it joins the order. A depth-first search with
     * its own stack: {@code stack[top]} is a node whose parents are being visited, {@code next[top]} the
     * index of the parent to visit next; a node joins the order once all its parents have.
     * (Plain arrays rather than lists of boxed indices: a chain of 10⁵ tracked operations sorts in a few
     * milliseconds.)
     */
    static List<Node> topologicalOrder(Node root) {
        int mark;
        synchronized (Graph.class) {
            mark = ++passCounter;
        }
        Node[] order = new Node[16];
        int count = 0;
        Node[] stack = new Node[16];
        int[] next = new int[16];
        int top = 0;
        root.visitMark = mark;
        stack[0] = root;
        next[0] = 0;
        while (top >= 0) {
            Node node = stack[top];
            int i = next[top];
            if (i < node.parents.length) {
                next[top] = i + 1;
                Node parent = node.parents[i];
                if (parent.visitMark != mark) {
                    parent.visitMark = mark;
                    top++;
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * top);
                        next = Arrays.copyOf(next, 2 * top);
                    }
                    stack[top] = parent;
                    next[top] = 0;
                }
            } else {
                if (count == order.length) {
                    order = Arrays.copyOf(order, 2 * count);
                }
                node.checkBeforeBackward();
                order[count++] = node;
                stack[top--] = null;
            }
        }
        return Arrays.asList(order).subList(0, count);
    }

    /** Run the backward pass from a root whose own gradient the caller has already seeded. */
    static void backward(Node root, Runnable seedRootGrad, boolean retainGraph) {
        backward(topologicalOrder(root), seedRootGrad, retainGraph);
    }

    /** The same, with the order {@link #topologicalOrder} gave for the root (the root is its last node). */
    static void backward(List<Node> order, Runnable seedRootGrad, boolean retainGraph) {
        for (Node node : order) {
            if (!node.isLeaf()) {
                node.clearGrad();
            }
        }
        seedRootGrad.run();
        for (int i = order.size() - 1; i >= 0; i--) {
            Node node = order.get(i);
            node.propagate();
            if (!retainGraph && !node.isLeaf()) {
                node.release();         // its gradient has reached its inputs: nothing later needs its graph
            }
        }
    }
}
