package backprop.tensor;

import java.util.List;

/**
 * One number that remembers how it was computed, for learning backprop one scalar at a time
 * (in the spirit of micrograd). It runs on the same engine as {@link Tensor}:
 * <pre>
 * Value a = new Value(2.0, "a"), b = new Value(-3.0, "b");
 * Value y = a.mul(b).add(a).name("y");   // y = a·b + a = -4
 * y.backward();                          // dy/da = b + 1 = -2,  dy/db = a = 2
 * </pre>
 * Unlike tensors, a Value keeps its graph after backward(), so the graph can be drawn with every
 * value and gradient on it. Gradients add up across backward() calls; call {@link #zeroGrad()} between them.
 */
public final class Value extends Node {
    @FunctionalInterface
    private interface Backward {
        void apply(double outGrad);
    }

    private final double data;
    private double grad;
    private final String op;
    private final Backward rule;
    private String label;

    /** A leaf value (an input or a parameter). */
    public Value(double data) {
        this(data, null);
    }

    /** A named leaf value. */
    public Value(double data, String label) {
        this(data, "", null, label);
    }

    private Value(double data, String op, Backward rule, String label, Value... inputs) {
        this.data = data;
        this.op = op;
        this.rule = rule;
        this.label = label;
        this.parents = inputs;
    }

    public double data() {
        return data;
    }

    public double grad() {
        return grad;
    }

    /** The operation that made this value ("+", "*", "tanh", ...), or "" for a leaf. */
    public String op() {
        return op;
    }

    /** The name given with {@link #name(String)} or the constructor, or null. */
    public String name() {
        return label;
    }

    /** Name this value (shown when the graph is drawn); returns it. */
    public Value name(String label) {
        this.label = label;
        return this;
    }

    /** The values this one was computed from. */
    public List<Value> inputs() {
        Value[] in = new Value[parents.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (Value) parents[i];
        }
        return List.of(in);
    }

    /** y = a + b;   ∂y/∂a = 1,  ∂y/∂b = 1. */
    public Value add(Value b) {
        Value a = this;
        return new Value(a.data + b.data, "+", g -> {
            a.grad += g;
            b.grad += g;
        }, null, a, b);
    }

    public Value add(double b) {
        return add(new Value(b));
    }

    /** y = a · b;   ∂y/∂a = b,  ∂y/∂b = a. */
    public Value mul(Value b) {
        Value a = this;
        return new Value(a.data * b.data, "*", g -> {
            a.grad += g * b.data;
            b.grad += g * a.data;
        }, null, a, b);
    }

    public Value mul(double b) {
        return mul(new Value(b));
    }

    /** y = xᵖ;   ∂y/∂x = p · xᵖ⁻¹. */
    public Value pow(double p) {
        Value x = this;
        return new Value(Math.pow(x.data, p), "^" + exponent(p), g -> x.grad += g * p * Math.pow(x.data, p - 1), null, x);
    }

    /** y = −x, built from mul so it needs no rule of its own. */
    public Value neg() {
        return mul(-1.0);
    }

    /** y = a − b = a + (−b). */
    public Value sub(Value b) {
        return add(b.neg());
    }

    public Value sub(double b) {
        return add(-b);
    }

    /** y = a / b = a · b⁻¹. */
    public Value div(Value b) {
        return mul(b.pow(-1));
    }

    public Value div(double b) {
        return mul(1.0 / b);
    }

    /** y = eˣ;   ∂y/∂x = eˣ. */
    public Value exp() {
        Value x = this;
        double y = Math.exp(x.data);
        return new Value(y, "exp", g -> x.grad += g * y, null, x);
    }

    /** y = ln x;   ∂y/∂x = 1/x. */
    public Value log() {
        Value x = this;
        return new Value(Math.log(x.data), "log", g -> x.grad += g / x.data, null, x);
    }

    /** y = tanh x;   ∂y/∂x = 1 − y². */
    public Value tanh() {
        Value x = this;
        double y = Math.tanh(x.data);
        return new Value(y, "tanh", g -> x.grad += g * (1 - y * y), null, x);
    }

    /** y = σ(x);   ∂y/∂x = y(1 − y). */
    public Value sigmoid() {
        Value x = this;
        double y = Activations.sigmoid(x.data);
        return new Value(y, "sigmoid", g -> x.grad += g * y * (1 - y), null, x);
    }

    /** y = max(0, x);   ∂y/∂x = 1 if x > 0 else 0. */
    public Value relu() {
        Value x = this;
        return new Value(Math.max(0, x.data), "relu", g -> x.grad += x.data > 0 ? g : 0.0, null, x);
    }

    /** Fill in dthis/dv for every value v this one depends on (this one's own gradient is 1). */
    public void backward() {
        Graph.backward(this, () -> grad += 1.0, true);
    }

    /** Set this value's gradient to zero. */
    public void zeroGrad() {
        grad = 0.0;
    }

    @Override
    boolean isLeaf() {
        return parents.length == 0;
    }

    @Override
    void clearGrad() {
        grad = 0.0;
    }

    @Override
    void propagate() {
        if (rule != null) {
            rule.apply(grad);
        }
    }

    @Override
    void release() {
        // A Value keeps its graph so that it can be drawn after backward().
    }

    @Override
    public String toString() {
        return "Value(" + (label == null ? "" : label + ": ") + "data=" + format(data) + ", grad=" + format(grad) + ")";
    }

    /** Four decimals, rounded as Python and the tensor printout round them. */
    private static String format(double v) {
        return TensorFormat.fixed(v, 4);
    }

    /** "2" for 2.0, "0.5" for 0.5: the exponent as a learner would write it. */
    private static String exponent(double p) {
        return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : Double.toString(p);
    }
}
