package backprop.tensor;

import backprop.tensor.kernels.ColumnMajorCopy;

import java.util.Arrays;

/**
 * How a {@link Tensor} takes part in the backward pass: its gradient array, the backward rule and inputs of the
 * operation that made it, and the checks that a graph can still be run backwards. The engine ({@link Graph})
 * calls the {@link Node} methods; backward rules add into the inputs' gradients through {@link #passGrad},
 * {@link #addGrad} and {@link #gradBuffer}.
 */
abstract class TensorNode extends Node {
    /** A backward rule: given the output gradient g, add each input's share into that input's gradient. */
    @FunctionalInterface
    interface Backward {
        void apply(double[] g);
    }

    double[] grad;
    /**
     * Whether {@link #grad} may be the very array of another tensor's gradient (see passGrad); it is then
     * copied before anything changes it in place.
     */
    boolean gradShared;
    boolean requiresGrad;
    final boolean leaf;
    /** The operation that made this tensor ("Mul", ...), or null for a leaf. */
    final String gradFn;
    private Backward backwardRule;
    boolean released;
    /** Bumped by dataForUpdate(): a graph recorded before an in-place update would backpropagate stale values. */
    int version;
    /**
     * The sum of the inputs' versions when this tensor was computed (checked by backward()). Versions only
     * grow, so the sum grows exactly when some input was updated in place; one number rather than an array
     * per operation, because a graph of 10⁵ small operations is bound by the memory it occupies.
     */
    private long inputVersionSum;
    /** This matrix also stored column by column, for products with a column (MatrixProduct.columnMajor). */
    ColumnMajorCopy columnMajor;

    /** A leaf (gradFn null), or the result of operation {@code gradFn} on {@code inputs} with its backward rule. */
    TensorNode(String gradFn, Backward rule, TensorNode[] inputs) {
        this.leaf = gradFn == null;
        this.gradFn = gradFn;
        if (!leaf) {
            this.backwardRule = rule;
            this.requiresGrad = true;
            this.parents = inputs;
            this.inputVersionSum = versionSum(inputs);
        }
    }

    /** An elementwise backward rule: dx[i] += g[i] · ∂yᵢ/∂xᵢ for every i (see {@link #unary}). */
    @FunctionalInterface
    interface ElementwiseRule {
        void addTo(double[] g, double[] dx);
    }

    abstract int numel();

    abstract int[] shape();

    /** The gradient array to add into (+=) in a backward rule, or null when this tensor needs no gradient. */
    double[] gradBufferOrNull() {
        return requiresGrad ? gradBuffer() : null;
    }

    /** This tensor's gradient array, ready for +=: made (zeros) if there is none, copied first if it is shared. */
    double[] gradBuffer() {
        if (grad == null) {
            grad = new double[numel()];
        } else if (gradShared) {
            grad = grad.clone();
            gradShared = false;
        }
        return grad;
    }

    /**
     * ∂L/∂x += g, where g is passed on unchanged (a + b, reshape) or summed down by unbroadcast. When this is an
     * intermediate result without a gradient yet (the usual case), it takes g itself, marked shared, rather
     * than a zeroed copy with g added in. Why: each full-size array a training step makes is memory the
     * processor must fetch, and this saves one per such operation (two of the four gradient arrays of a
     * linear regression step). Whoever changes a shared gradient in place copies it first.
     */
    void passGrad(double[] g) {
        if (grad == null && !leaf) {
            grad = g;
            gradShared = true;
        } else {
            addInto(gradBuffer(), g);
        }
    }

    /** ∂L/∂x += c, for a contribution c computed by a backward rule (with as many values as this tensor). */
    void addGrad(double[] c) {
        addInto(gradBuffer(), c);
    }

    /** The result of an elementwise operation y = f(x) of this tensor, with the backward rule dx += g · f′(x). */
    Tensor unary(String op, double[] y, ElementwiseRule rule) {
        Tensor x = (Tensor) this;
        return Tensor.result(op, y, shape(), g -> rule.addTo(g, x.gradBuffer()), x);
    }

    static void addInto(double[] target, double[] values) {
        for (int i = 0; i < target.length; i++) {
            target[i] += values[i];
        }
    }

    @Override
    boolean isLeaf() {
        return leaf;
    }

    /** Refuse a graph that was released, or whose saved inputs were changed in place since the forward pass. */
    @Override
    void checkBeforeBackward() {
        if (released) {
            throw new IllegalStateException("backward: part of this graph (" + gradFn + ", shape "
                    + Arrays.toString(shape()) + ") was already released by an earlier backward(): recompute the "
                    + "forward pass, or pass retainGraph=true to the first backward");
        }
        if (!leaf && versionSum(parents) != inputVersionSum) {
            // Only leaves are updated in place (dataForUpdate), so the changed input is one of the leaf inputs.
            java.util.Set<String> shapes = new java.util.LinkedHashSet<>();
            for (Node input : parents) {
                if (input.isLeaf()) {
                    shapes.add(Arrays.toString(((TensorNode) input).shape()));
                }
            }
            throw new IllegalStateException("backward: an input of " + gradFn + " (shape " + String.join(" or ", shapes)
                    + ") was changed in place by dataForUpdate() after the forward pass, so the values saved for the "
                    + "gradient are stale: update parameters only after backward(), then run the forward pass again");
        }
    }

    private static long versionSum(Node[] inputs) {
        long sum = 0;
        for (Node input : inputs) {
            sum += ((TensorNode) input).version;
        }
        return sum;
    }

    @Override
    void clearGrad() {
        grad = null;
        gradShared = false;
    }

    @Override
    void propagate() {
        if (backwardRule != null && grad != null) {
            backwardRule.apply(grad);
            for (Node parent : parents) {
                if (parent instanceof TensorNode t && t.grad == grad) {
                    gradShared = true;              // an input took this gradient array (passGrad)
                }
            }
        }
    }

    @Override
    void release() {
        backwardRule = null;
        parents = NO_PARENTS;
        released = true;
    }
}
