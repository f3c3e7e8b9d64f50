package backprop.tensor;

/**
 * One vertex of the computation graph, as the backprop engine ({@link Graph}) sees it. Both
 * {@link Tensor} and the scalar {@link Value} are nodes, so one engine serves both.
 */
abstract class Node {
    /** The inputs this node was computed from; empty for leaves and after the graph is released. */
    Node[] parents = NO_PARENTS;
    /** Set by the engine while sorting, so that each node is visited once per backward pass. */
    int visitMark;

    static final Node[] NO_PARENTS = new Node[0];

    /** True for nodes made by the user rather than by an operation (inputs, parameters). */
    abstract boolean isLeaf();

    /**
     * Throw if backward() cannot run through this node (say, its graph was released); called by the sort for
     * every node, parents first, before any gradient moves. (Done in the sort because a walk over a graph
     * of 10⁵ nodes costs more than the checks.)
     */
    void checkBeforeBackward() {
    }

    /** Forget the gradient of a non-leaf node, so that each backward pass starts from zero. */
    abstract void clearGrad();

    /** Apply this node's chain-rule step: add (upstream gradient) · (local derivative) to each parent's gradient. */
    abstract void propagate();

    /** Drop the references that keep the graph alive (parents, saved values); called after backward. */
    abstract void release();
}
