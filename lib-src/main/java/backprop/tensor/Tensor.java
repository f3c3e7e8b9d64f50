package backprop.tensor;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * An n-dimensional array of {@code double}s with reverse-mode automatic differentiation.
 *
 * <p>Values live in one flat row-major array and never change once made: every operation returns a
 * new tensor. Only gradients change in place (accumulated by {@link #backward()}), and parameters
 * change through the one in-place path {@link #dataForUpdate()}, which optimisers use.
 *
 * <p>Each operation below writes its forward formula and, right under it, its backward rule: how
 * the gradient of the output, {@code g = ∂L/∂y}, becomes the gradient of each input. The engine
 * ({@link Graph}) calls these rules in reverse topological order and adds ({@code +=}) their results
 * into the inputs' gradients, so a tensor used twice receives both contributions.
 */
public final class Tensor extends Node {
    /** A backward rule: given the output gradient g, add each input's share into that input's gradient. */
    @FunctionalInterface
    private interface Backward {
        void apply(double[] g);
    }

    private final double[] data;
    private final int[] shape;
    private double[] grad;
    /**
     * Whether {@link #grad} may be the very array of another tensor's gradient (see passGradient); it is then
     * copied before anything changes it in place.
     */
    private boolean gradShared;
    private boolean requiresGrad;
    private final boolean leaf;
    private final String gradFn;
    private Backward backwardRule;
    private boolean released;
    /** Bumped by dataForUpdate(): a graph recorded before an in-place update would backpropagate stale values. */
    private int version;
    /**
     * The sum of the inputs' versions when this tensor was computed (checked by backward()). Versions only
     * grow, so the sum grows exactly when some input was updated in place; one number rather than an array
     * per operation, because a graph of 10⁵ small operations is bound by the memory it occupies.
     */
    private long inputVersionSum;
    private String label;
    /** See {@link #columnMajor()}: this matrix stored column by column, made once it has been multiplied twice. */
    private volatile double[] columnMajor;
    /** How many times this matrix has been the left operand of a product that a column-major copy speeds up. */
    private int columnMajorUses;

    private Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
        this.leaf = true;
        this.gradFn = null;
    }

    private Tensor(double[] data, int[] shape, String gradFn, Backward rule, Tensor[] inputs) {
        this.data = data;
        this.shape = shape;
        this.leaf = false;
        this.gradFn = gradFn;
        this.backwardRule = rule;
        this.requiresGrad = true;
        this.parents = inputs;
        this.inputVersionSum = versionSum(inputs);
    }

    /**
     * The result of an operation: tracked (with its backward rule and inputs) when gradients are
     * enabled and some input requires grad; otherwise a plain constant.
     */
    private static Tensor result(String op, double[] values, int[] shape, Backward rule, Tensor... inputs) {
        if (Graph.isGradEnabled()) {
            for (Tensor input : inputs) {
                if (input.requiresGrad) {
                    return new Tensor(values, shape, op, rule, inputs);
                }
            }
        }
        return new Tensor(values, shape);
    }

    // ------------------------------------------------------------------ creation

    /** A 1-d tensor holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return new Tensor(values.clone(), new int[] {values.length});
    }

    /** A 2-d tensor, one row per inner array (all rows the same length). */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] values = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new ShapeMismatchException("of: ragged rows: row 0 has " + cols + " values but row " + r
                        + " has " + rows[r].length + ": every row of a 2-d tensor needs the same length");
            }
            System.arraycopy(rows[r], 0, values, r * cols, cols);
        }
        return new Tensor(values, new int[] {rows.length, cols});
    }

    /** A tensor of the given shape holding a copy of {@code values} in row-major order. */
    public static Tensor of(double[] values, int... shape) {
        int[] s = Shapes.checkShape("of", shape);
        if (Shapes.numel(s) != values.length) {
            throw new ShapeMismatchException("of: " + values.length + " values do not fill shape " + Arrays.toString(s)
                    + " (" + Shapes.numel(s) + " elements): pass as many values as the shape holds");
        }
        return new Tensor(values.clone(), s);
    }

    /** A 0-d tensor holding one number. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checkShape("zeros", shape);
        return new Tensor(new double[Shapes.numel(s)], s);
    }

    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    public static Tensor full(double value, int... shape) {
        int[] s = Shapes.checkShape("full", shape);
        double[] values = new double[Shapes.numel(s)];
        Arrays.fill(values, value);
        return new Tensor(values, s);
    }

    /** 0, 1, ..., n-1. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** start, start+step, ... while below {@code end} (above it for a negative step), as NumPy's arange. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero: got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return new Tensor(values, new int[] {n});
    }

    /** n evenly spaced values from a to b, both included. */
    public static Tensor linspace(double a, double b, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: count must be >= 0: got " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        }
        return new Tensor(values, new int[] {n});
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        Shapes.checkShape("eye", new int[] {n, n});
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1.0;
        }
        return new Tensor(values, new int[] {n, n});
    }

    /** Uniform values in [0, 1) from the seeded stream {@code seed}. */
    public static Tensor rand(long seed, int... shape) {
        return rand(new Rng(seed), shape);
    }

    public static Tensor rand(Rng rng, int... shape) {
        return uniform(0.0, 1.0, rng, shape);
    }

    /** Standard normal values from the seeded stream {@code seed}. */
    public static Tensor randn(long seed, int... shape) {
        return randn(new Rng(seed), shape);
    }

    public static Tensor randn(Rng rng, int... shape) {
        return generate(shape, i -> rng.normal());
    }

    /** Uniform values in [lo, hi) from the seeded stream {@code seed}. */
    public static Tensor uniform(double lo, double hi, long seed, int... shape) {
        return uniform(lo, hi, new Rng(seed), shape);
    }

    public static Tensor uniform(double lo, double hi, Rng rng, int... shape) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("uniform: need lo <= hi: got lo=" + lo + ", hi=" + hi);
        }
        return generate(shape, i -> rng.uniform(lo, hi));
    }

    private static Tensor generate(int[] shape, IntFunction<Double> value) {
        int[] s = Shapes.checkShape("random", shape);
        double[] values = new double[Shapes.numel(s)];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(i);
        }
        return new Tensor(values, s);
    }

    /** This tensor, after checking that every value is finite; otherwise says where the first NaN or infinity is. */
    public Tensor checkFinite(String what) {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("checkFinite: " + what + " holds " + data[i] + " at index "
                        + Arrays.toString(unravel(i)) + " (shape " + Arrays.toString(shape)
                        + "): remove or replace non-finite values before building the tensor");
            }
        }
        return this;
    }

    // ------------------------------------------------------------------ shape and values

    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public int numel() {
        return data.length;
    }

    /** The length of one axis; negative axes count from the end. */
    public int size(int axis) {
        return shape[Shapes.axis("size", axis, shape.length)];
    }

    /** The single value of a tensor with exactly one element. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item: tensor has " + data.length + " elements (shape "
                    + Arrays.toString(shape) + "), item() needs exactly one: reduce it first (e.g. sum() or mean()) "
                    + "or read one element with get(...)");
        }
        return data[0];
    }

    /** The value at one index, one coordinate per axis. */
    public double get(int... index) {
        return data[flatIndex("get", index)];
    }

    /** A copy of all values in row-major order. */
    public double[] toArray() {
        return data.clone();
    }

    /** A copy of a 2-d tensor as rows. */
    public double[][] toArray2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2d: tensor has shape " + Arrays.toString(shape)
                    + ", not 2-d: reshape it to (rows, cols) first");
        }
        double[][] rows = new double[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            rows[r] = Arrays.copyOfRange(data, r * shape[1], (r + 1) * shape[1]);
        }
        return rows;
    }

    /** The values rounded to ints (for class labels and indices). */
    public int[] toIntArray() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (int) Math.round(data[i]);
        }
        return out;
    }

    /** Same shape and every |a − b| ≤ atol + rtol·|b|. */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            double a = data[i];
            double b = other.data[i];
            if (a == b) {
                continue;
            }
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allClose(Tensor, double, double)} with NumPy's defaults rtol = 1e-5, atol = 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** Equal shapes and bit-for-bit equal values (gradients and graph are not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /**
     * Printed as PyTorch prints, e.g. {@code tensor([0.5000, 1.2500], grad_fn=Mul)} or {@code tensor([1., 2.])};
     * the operation is named without PyTorch's decoration ({@code grad_fn=Mul}, not {@code <MulBackward0>}).
     */
    @Override
    public String toString() {
        String suffix = gradFn != null ? "grad_fn=" + gradFn : requiresGrad ? "requires_grad=true" : null;
        return TensorFormat.format(data, shape, suffix);
    }

    /** Give this tensor a name, shown when its graph is drawn. */
    public Tensor name(String label) {
        this.label = label;
        return this;
    }

    public String label() {
        return label;
    }

    // ------------------------------------------------------------------ autograd

    /** Mark this leaf tensor (an input or parameter) so that backward() computes its gradient; returns it. */
    public Tensor requiresGrad() {
        if (!leaf) {
            throw new IllegalStateException("requiresGrad: this tensor was computed by " + gradFn
                    + " and already takes part in the graph: call requiresGrad() on the leaf tensors it was made from, "
                    + "or detach().requiresGrad() for a fresh leaf");
        }
        requiresGrad = true;
        return this;
    }

    /**
     * The tensors this one was computed from (empty for a leaf, and after backward() released the
     * graph; pass retainGraph=true to keep it for drawing).
     */
    public java.util.List<Tensor> inputs() {
        Tensor[] in = new Tensor[parents.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = (Tensor) parents[i];
        }
        return java.util.List.of(in);
    }

    /** Whether gradients flow to this tensor. */
    public boolean needsGrad() {
        return requiresGrad;
    }

    /** The name of the operation that made this tensor ("Mul", "MatMul", ...), or null for a leaf. */
    public String gradFn() {
        return gradFn;
    }

    /** Backpropagate from this scalar: fills the gradient ∂this/∂x of every tensor x it depends on. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalArgumentException("backward: output has shape " + Arrays.toString(shape)
                    + ", not a scalar, so the starting gradient is ambiguous: reduce it first (e.g. y.sum().backward()) "
                    + "or pass the gradient of the same shape, y.backward(Tensor.ones(" + joinShape() + "))");
        }
        backward(Tensor.ones(shape), false);
    }

    /** Backpropagate from this tensor, starting from the gradient {@code seed} (of this tensor's shape). */
    public void backward(Tensor seed) {
        backward(seed, false);
    }

    /**
     * Backpropagate from this tensor with the given starting gradient. With {@code retainGraph} the
     * graph is kept, so backward can run through it again (gradients then add up).
     */
    public void backward(Tensor seed, boolean retainGraph) {
        if (!Arrays.equals(seed.shape, shape)) {
            throw new ShapeMismatchException("backward: gradient has shape " + Arrays.toString(seed.shape)
                    + " but the output has shape " + Arrays.toString(shape) + ": pass a gradient of the output's shape");
        }
        if (released) {
            throw new IllegalStateException("backward: the graph behind this tensor was already used and released by "
                    + "an earlier backward(): recompute the forward pass, or pass retainGraph=true to the first backward");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not depend on any tensor that requires grad: "
                    + "call requiresGrad() on the inputs or parameters before the forward pass");
        }
        java.util.List<Node> order = Graph.topologicalOrder(this);     // checks every node: checkBeforeBackward()
        Graph.backward(order, () -> addInto(gradBuffer(), seed.data), retainGraph);
    }

    /** The gradient accumulated by backward(), as a new tensor of this tensor's shape. */
    public Tensor grad() {
        if (!requiresGrad) {
            throw new IllegalStateException("grad: this tensor does not require grad, so no gradient is computed for it: "
                    + "call requiresGrad() on it before the forward pass");
        }
        if (grad == null) {
            throw new IllegalStateException("grad: no gradient yet: call backward() on a result computed from this "
                    + "tensor first (hasGrad() tells whether there is one)");
        }
        return new Tensor(grad.clone(), shape);
    }

    /** Whether backward() has produced a gradient for this tensor. */
    public boolean hasGrad() {
        return grad != null;
    }

    /** Set the accumulated gradient to zero (gradients add up across backward() calls until you do). */
    public void zeroGrad() {
        if (gradShared) {
            grad = new double[data.length];
            gradShared = false;
        } else if (grad != null) {
            Arrays.fill(grad, 0.0);
        }
    }

    /** A new leaf with the same values and no graph: gradients stop here. */
    public Tensor detach() {
        return new Tensor(data.clone(), shape);
    }

    /** Start a scope in which operations record no graph: {@code try (var s = Tensor.noGrad()) { ... }}. */
    public static NoGrad noGrad() {
        return new NoGrad();
    }

    /**
     * The live value array of a leaf tensor: the one in-place path, used by optimisers to apply
     * an update step and by initialisers. Everything else should use operations, which make new tensors.
     * Graphs recorded before this call can no longer be backpropagated (backward() says so), because
     * their saved values would be stale; update after backward(), as optimisers do. Write through the
     * array right away and call this again for the next update: this call is what tells the tensor its values
     * change (it also drops the column-major copy that {@link #matmul} may keep of a data matrix).
     */
    public double[] dataForUpdate() {
        if (!leaf) {
            throw new IllegalStateException("dataForUpdate: this tensor was computed by " + gradFn
                    + "; only leaf tensors (inputs and parameters) may be updated in place");
        }
        version++;
        columnMajor = null;                 // the caller is about to change the values it was copied from
        columnMajorUses = 0;
        return data;
    }

    /** The live gradient array, or null before the first backward(). For optimisers; prefer {@link #grad()}. */
    public double[] gradData() {
        if (gradShared) {
            grad = grad.clone();
            gradShared = false;
        }
        return grad;
    }

    /** This tensor's gradient array, ready for +=: made (zeros) if there is none, copied first if it is shared. */
    private double[] gradBuffer() {
        if (grad == null) {
            grad = new double[data.length];
        } else if (gradShared) {
            grad = grad.clone();
            gradShared = false;
        }
        return grad;
    }

    /**
     * Add g, a gradient with as many values as this tensor, into this tensor's gradient: the backward rule of
     * operations that pass the gradient on unchanged (a + b, a − b for a, x + c, reshape). When this is an
     * intermediate result without a gradient yet (the usual case), it takes g itself, marked shared, rather
     * than a zeroed copy with g added in. Why: each full-size array a training step makes is memory the
     * processor must fetch, and this saves one per such operation (two of the four gradient arrays of a
     * linear regression step). Whoever changes a shared gradient in place copies it first.
     */
    private void passGradient(double[] g) {
        if (grad == null && !leaf) {
            grad = g;
            gradShared = true;
        } else {
            addInto(gradBuffer(), g);
        }
    }

    /** dx += sign · g, summed down to this operand's period p (see Elementwise), for add and sub. */
    private void accumulate(int p, double[] g, double sign) {
        if (p == g.length && sign == 1.0) {
            passGradient(g);
        } else {
            Elementwise.accumulate(gradBuffer(), p, g, sign);
        }
    }

    private static void addInto(double[] target, double[] values) {
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
                    + Arrays.toString(shape) + ") was already released by an earlier backward(): recompute the "
                    + "forward pass, or pass retainGraph=true to the first backward");
        }
        if (!leaf && versionSum(parents) != inputVersionSum) {
            // Only leaves are updated in place (dataForUpdate), so the changed input is one of the leaf inputs.
            java.util.Set<String> shapes = new java.util.LinkedHashSet<>();
            for (Node input : parents) {
                if (input.isLeaf()) {
                    shapes.add(Arrays.toString(((Tensor) input).shape));
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
            sum += ((Tensor) input).version;
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
                if (parent instanceof Tensor t && t.grad == grad) {
                    gradShared = true;              // an input took this gradient array (passGradient)
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

    // ------------------------------------------------------------------ elementwise, two operands (broadcasting)

    /*
     * The four operations below first try the fast loops in Elementwise (equal shapes, a scalar, a bias row:
     * the broadcasts a training step makes, with no full-size copies); any other broadcast takes the
     * general path written out here, which copies each operand out to the output's shape.
     */

    /** y = a + b;   ∂L/∂a = g,  ∂L/∂b = g   (each summed back over broadcast dimensions). */
    public Tensor add(Tensor b) {
        Tensor a = this;
        int[] out = Shapes.broadcast("add", a.shape, b.shape);
        double[] y = new double[Shapes.numel(out)];
        int pa = Elementwise.period(a.shape, out);
        int pb = Elementwise.period(b.shape, out);
        if (Elementwise.forward(Elementwise.ADD, a.data, pa, b.data, pb, y)) {
            return result("Add", y, out, g -> {
                if (a.requiresGrad) {
                    a.accumulate(pa, g, 1.0);
                }
                if (b.requiresGrad) {
                    b.accumulate(pb, g, 1.0);
                }
            }, a, b);
        }
        double[] av = Shapes.expand(a.data, a.shape, out);
        double[] bv = Shapes.expand(b.data, b.shape, out);
        for (int i = 0; i < y.length; i++) {
            y[i] = av[i] + bv[i];
        }
        return result("Add", y, out, g -> {
            a.accumulateBroadcast(g, out);
            b.accumulateBroadcast(g, out);
        }, a, b);
    }

    /** y = a − b;   ∂L/∂a = g,  ∂L/∂b = −g. */
    public Tensor sub(Tensor b) {
        Tensor a = this;
        int[] out = Shapes.broadcast("sub", a.shape, b.shape);
        double[] y = new double[Shapes.numel(out)];
        int pa = Elementwise.period(a.shape, out);
        int pb = Elementwise.period(b.shape, out);
        if (Elementwise.forward(Elementwise.SUB, a.data, pa, b.data, pb, y)) {
            return result("Sub", y, out, g -> {
                if (a.requiresGrad) {
                    a.accumulate(pa, g, 1.0);
                }
                if (b.requiresGrad) {
                    b.accumulate(pb, g, -1.0);
                }
            }, a, b);
        }
        double[] av = Shapes.expand(a.data, a.shape, out);
        double[] bv = Shapes.expand(b.data, b.shape, out);
        for (int i = 0; i < y.length; i++) {
            y[i] = av[i] - bv[i];
        }
        return result("Sub", y, out, g -> {
            a.accumulateBroadcast(g, out);
            if (b.requiresGrad) {
                double[] minusG = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    minusG[i] = -g[i];
                }
                b.accumulateBroadcast(minusG, out);
            }
        }, a, b);
    }

    /** y = a · b;   ∂L/∂a = g · b,  ∂L/∂b = g · a. */
    public Tensor mul(Tensor b) {
        Tensor a = this;
        int[] out = Shapes.broadcast("mul", a.shape, b.shape);
        double[] y = new double[Shapes.numel(out)];
        int pa = Elementwise.period(a.shape, out);
        int pb = Elementwise.period(b.shape, out);
        boolean fast = Elementwise.forward(Elementwise.MUL, a.data, pa, b.data, pb, y);
        double[] aExpanded = fast ? null : Shapes.expand(a.data, a.shape, out);
        double[] bExpanded = fast ? null : Shapes.expand(b.data, b.shape, out);
        if (!fast) {
            for (int i = 0; i < y.length; i++) {
                y[i] = aExpanded[i] * bExpanded[i];
            }
        }
        return result("Mul", y, out, g -> {
            double[] av = fast ? Elementwise.full(a.data, pa, g.length) : aExpanded;
            double[] bv = fast ? Elementwise.full(b.data, pb, g.length) : bExpanded;
            if (a.requiresGrad) {
                boolean direct = pa == g.length;            // a has the output's shape: no temporary
                double[] ga = direct ? a.gradBuffer() : new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * bv[i];
                }
                if (!direct) {
                    a.accumulateBroadcast(ga, out);
                }
            }
            if (b.requiresGrad) {
                boolean direct = pb == g.length;
                double[] gb = direct ? b.gradBuffer() : new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    gb[i] += g[i] * av[i];
                }
                if (!direct) {
                    b.accumulateBroadcast(gb, out);
                }
            }
        }, a, b);
    }

    /** y = a / b;   ∂L/∂a = g / b,  ∂L/∂b = −g · a / b². */
    public Tensor div(Tensor b) {
        Tensor a = this;
        int[] out = Shapes.broadcast("div", a.shape, b.shape);
        double[] y = new double[Shapes.numel(out)];
        int pa = Elementwise.period(a.shape, out);
        int pb = Elementwise.period(b.shape, out);
        boolean fast = Elementwise.forward(Elementwise.DIV, a.data, pa, b.data, pb, y);
        double[] aExpanded = fast ? null : Shapes.expand(a.data, a.shape, out);
        double[] bExpanded = fast ? null : Shapes.expand(b.data, b.shape, out);
        if (!fast) {
            for (int i = 0; i < y.length; i++) {
                y[i] = aExpanded[i] / bExpanded[i];
            }
        }
        return result("Div", y, out, g -> {
            double[] av = fast ? Elementwise.full(a.data, pa, g.length) : aExpanded;
            double[] bv = fast ? Elementwise.full(b.data, pb, g.length) : bExpanded;
            if (a.requiresGrad) {
                boolean direct = pa == g.length;            // a has the output's shape: no temporary
                double[] ga = direct ? a.gradBuffer() : new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] / bv[i];
                }
                if (!direct) {
                    a.accumulateBroadcast(ga, out);
                }
            }
            if (b.requiresGrad) {
                boolean direct = pb == g.length;
                double[] gb = direct ? b.gradBuffer() : new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    gb[i] += -g[i] * av[i] / (bv[i] * bv[i]);
                }
                if (!direct) {
                    b.accumulateBroadcast(gb, out);
                }
            }
        }, a, b);
    }

    /** Add a gradient of the broadcast shape {@code from} into this tensor's gradient, summing over stretched axes. */
    private void accumulateBroadcast(double[] g, int[] from) {
        if (requiresGrad) {
            addInto(gradBuffer(), Shapes.sumTo(g, from, shape));
        }
    }

    // ------------------------------------------------------------------ elementwise, one operand

    /** An elementwise backward rule: dx[i] += g[i] · (∂y/∂x)[i]. */
    @FunctionalInterface
    private interface LocalDerivative {
        double at(int i);
    }

    /*
     * Speed note: the rule below calls dydx.at(i) through an interface for every element, and since every
     * unary operation passes its own lambda, the JIT cannot inline that call (~3 ns per element, no SIMD).
     * The operations a training step runs over large arrays (the activations, the loss's arithmetic with
     * constants, square, exp, log) write their loop out instead, through scaled() or in place.
     */
    private Tensor unary(String op, double[] y, LocalDerivative dydx) {
        Tensor x = this;
        return result(op, y, shape, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * dydx.at(i);
            }
        }, x);
    }

    /** The result of an operation whose derivative is the constant c:   dx[i] += c · g[i]. */
    private Tensor scaled(String op, double[] y, double c) {
        Tensor x = this;
        return result(op, y, shape, g -> {
            if (c == 1.0) {
                x.passGradient(g);
            } else {
                double[] dx = x.gradBuffer();
                for (int i = 0; i < dx.length; i++) {
                    dx[i] += g[i] * c;
                }
            }
        }, x);
    }

    /** y = x + c;   ∂y/∂x = 1. */
    public Tensor add(double c) {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] + c;
        }
        return scaled("Add", y, 1.0);
    }

    /** y = x − c;   ∂y/∂x = 1. */
    public Tensor sub(double c) {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] - c;
        }
        return scaled("Sub", y, 1.0);
    }

    /** y = c · x;   ∂y/∂x = c. */
    public Tensor mul(double c) {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] * c;
        }
        return scaled("Mul", y, c);
    }

    /** y = x / c;   ∂y/∂x = 1/c. */
    public Tensor div(double c) {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] / c;
        }
        return scaled("Div", y, 1.0 / c);
    }

    /** y = −x;   ∂y/∂x = −1. */
    public Tensor neg() {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -data[i];
        }
        return scaled("Neg", y, -1.0);
    }

    /** y = xᵖ;   ∂y/∂x = p · xᵖ⁻¹. */
    public Tensor pow(double p) {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.pow(x[i], p);
        }
        return unary("Pow", y, i -> p == 0 ? 0.0 : p * Math.pow(x[i], p - 1));
    }

    /** y = x²;   ∂y/∂x = 2x. */
    public Tensor square() {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * x[i];
        }
        Tensor in = this;                             // the loop written out: see unary()
        return result("Square", y, shape, g -> {
            double[] dx = in.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (2.0 * x[i]);
            }
        }, in);
    }

    /** y = eˣ;   ∂y/∂x = eˣ = y. */
    public Tensor exp() {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(data[i]);
        }
        Tensor in = this;                             // the loop written out: see unary()
        return result("Exp", y, shape, g -> {
            double[] dx = in.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * y[i];
            }
        }, in);
    }

    /** y = ln x;   ∂y/∂x = 1/x. */
    public Tensor log() {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log(x[i]);
        }
        Tensor in = this;                             // the loop written out: see unary()
        return result("Log", y, shape, g -> {
            double[] dx = in.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (1.0 / x[i]);
            }
        }, in);
    }

    /** y = √x;   ∂y/∂x = 1 / (2√x) = 1 / (2y). */
    public Tensor sqrt() {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sqrt(data[i]);
        }
        return unary("Sqrt", y, i -> 0.5 / y[i]);
    }

    /** y = |x|;   ∂y/∂x = sign(x)  (0 at x = 0, as PyTorch). */
    public Tensor abs() {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return unary("Abs", y, i -> Math.signum(x[i]));
    }

    /** y = tanh x;   ∂y/∂x = 1 − y². */
    public Tensor tanh() {
        double[] y = new double[data.length];
        FastMath.tanh(data, y);                       // Math.tanh is 7x slower in JDK 17: see FastMath
        Tensor x = this;                              // the loop written out: see unary()
        return result("Tanh", y, shape, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (1.0 - y[i] * y[i]);
            }
        }, x);
    }

    /** y = σ(x) = 1 / (1 + e⁻ˣ);   ∂y/∂x = y · (1 − y).  Computed without overflow for large |x|. */
    public Tensor sigmoid() {
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = sigmoid(data[i]);
        }
        Tensor x = this;                              // the loop written out: see unary()
        return result("Sigmoid", y, shape, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (y[i] * (1.0 - y[i]));
            }
        }, x);
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * y = log σ(x) = min(x, 0) − log(1 + e^(−|x|))   (finite for any x, where log(sigmoid()) gives −∞ below −745);
     * ∂y/∂x = 1 − σ(x) = σ(−x).
     */
    public Tensor logSigmoid() {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(x[i], 0.0) - Math.log1p(Math.exp(-Math.abs(x[i])));
        }
        return unary("LogSigmoid", y, i -> sigmoid(-x[i]));
    }

    /** y = max(0, x);   ∂y/∂x = 1 if x > 0 else 0. */
    public Tensor relu() {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0 ? x[i] : 0.0;
        }
        Tensor in = this;                             // the loop written out: see unary()
        return result("Relu", y, shape, g -> {
            double[] dx = in.gradBuffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (x[i] > 0 ? 1.0 : 0.0);
            }
        }, in);
    }

    /** y = x if x > 0 else slope · x;   ∂y/∂x = 1 if x > 0 else slope. */
    public Tensor leakyRelu(double slope) {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
        return unary("LeakyRelu", y, i -> x[i] > 0 ? 1.0 : slope);
    }

    /** y = min(max(x, lo), hi);   ∂y/∂x = 1 where lo ≤ x ≤ hi, else 0. */
    public Tensor clamp(double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " is above upper bound " + hi
                    + ": pass lo <= hi");
        }
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(Math.max(x[i], lo), hi);
        }
        return unary("Clamp", y, i -> x[i] >= lo && x[i] <= hi ? 1.0 : 0.0);
    }

    // ------------------------------------------------------------------ matrix product

    /**
     * Matrix product. 2-d: (n, k) @ (k, m) → (n, m); 1-d operands act as a row (left) or column (right);
     * 3-d: a leading batch dimension, with a 2-d operand shared by every batch.
     * <pre>
     * Y = A B;   ∂L/∂A = G Bᵀ,   ∂L/∂B = Aᵀ G
     * </pre>
     */
    public Tensor matmul(Tensor b) {
        Tensor a = this;
        if (a.ndim() == 0 || b.ndim() == 0 || a.ndim() > 3 || b.ndim() > 3) {
            throw new ShapeMismatchException("matmul: needs 1-d, 2-d or 3-d operands: got " + Arrays.toString(a.shape)
                    + " @ " + Arrays.toString(b.shape) + ": use mul() for scalars, reshape() for higher dimensions");
        }
        // View both operands as batches of matrices: A as (batchA, n, k), B as (batchB, k, m).
        int n = a.ndim() == 1 ? 1 : a.shape[a.ndim() - 2];
        int k = a.shape[a.ndim() - 1];
        int kb = b.ndim() == 1 ? b.shape[0] : b.shape[b.ndim() - 2];
        int m = b.ndim() == 1 ? 1 : b.shape[b.ndim() - 1];
        int batchA = a.ndim() == 3 ? a.shape[0] : 1;
        int batchB = b.ndim() == 3 ? b.shape[0] : 1;
        if (k != kb) {
            throw new ShapeMismatchException(matmulMismatch(a.shape, b.shape, k, kb));
        }
        if (batchA != batchB && batchA != 1 && batchB != 1) {
            throw new ShapeMismatchException("matmul: batch sizes differ: " + Arrays.toString(a.shape) + " @ "
                    + Arrays.toString(b.shape) + " (" + batchA + " != " + batchB
                    + "): batched operands need the same leading dimension, or one of them 2-d");
        }
        int batch = Math.max(batchA, batchB);
        int[] out = matmulShape(a, b, batch, n, m);
        double[] y = new double[batch * n * m];
        double[] aColumns = batch == 1 && m == 1 ? a.columnMajor() : null;
        if (aColumns != null) {     // A·b as (Aᵀ)ᵀ·b from A's column-major copy: the same sums, faster
            MatMul.multiplyAdd(aColumns, 0, true, b.data, 0, false, y, 0, n, k, 1);
        } else {
            for (int t = 0; t < batch; t++) {
                MatMul.multiplyAdd(a.data, batchA == 1 ? 0 : t * n * k, false, b.data, batchB == 1 ? 0 : t * k * m,
                        false, y, t * n * m, n, k, m);
            }
        }
        return result("MatMul", y, out, g -> {
            for (int t = 0; t < batch; t++) {
                int aOff = batchA == 1 ? 0 : t * n * k;
                int bOff = batchB == 1 ? 0 : t * k * m;
                if (a.requiresGrad) {   // dA(n×k) += G(n×m) · Bᵀ
                    MatMul.multiplyAdd(g, t * n * m, false, b.data, bOff, true, a.gradBuffer(), aOff, n, m, k);
                }
                if (b.requiresGrad) {   // dB(k×m) += Aᵀ · G(n×m)
                    MatMul.multiplyAdd(a.data, aOff, true, g, t * n * m, false, b.gradBuffer(), bOff, k, n, m);
                }
            }
        }, a, b);
    }

    /**
     * This matrix stored column by column, for products with a column (see {@link MatMul#columnMajorPays}); null
     * when the shape does not pay. Made on the second such product with this tensor (a matrix used once is not
     * worth copying), kept while the tensor lives, and dropped by {@link #dataForUpdate}.
     */
    private double[] columnMajor() {
        if (ndim() != 2 || !MatMul.columnMajorPays(shape[0], shape[1])) {
            return null;
        }
        double[] copy = columnMajor;
        if (copy == null && ++columnMajorUses >= 2) {
            copy = new double[data.length];
            MatMul.transposeInto(data, 0, shape[0], shape[1], copy);
            columnMajor = copy;
        }
        return copy;
    }

    private static String matmulMismatch(int[] as, int[] bs, int k, int kb) {
        String hint = bs.length >= 2 && bs[bs.length - 1] == k
                ? "did you mean b.transpose()? (" + Arrays.toString(bs) + " transposed has " + k + " rows)"
                : as.length >= 2 && as[as.length - 2] == kb
                ? "did you mean a.transpose()? (" + Arrays.toString(as) + " transposed has " + kb + " columns)"
                : "the columns of the left operand must equal the rows of the right one";
        return "matmul: inner dimensions differ: " + Arrays.toString(as) + " @ " + Arrays.toString(bs) + " (" + k
                + " != " + kb + "); " + hint;
    }

    private static int[] matmulShape(Tensor a, Tensor b, int batch, int n, int m) {
        int[] shape = new int[] {batch, n, m};
        boolean batched = a.ndim() == 3 || b.ndim() == 3;
        int from = batched ? 0 : 1;
        int to = 3;
        if (b.ndim() == 1) {
            to = 2;                                  // drop the column dimension of a vector on the right
        }
        if (a.ndim() == 1) {                         // drop the row dimension of a vector on the left
            int[] s = Arrays.copyOfRange(shape, from, to);
            int[] r = new int[s.length - 1];
            int skip = batched ? 1 : 0;
            for (int i = 0, j = 0; i < s.length; i++) {
                if (i != skip) {
                    r[j++] = s[i];
                }
            }
            return r;
        }
        return Arrays.copyOfRange(shape, from, to);
    }

    // ------------------------------------------------------------------ shape changes

    /** Swap the last two axes (a matrix transpose). */
    public Tensor transpose() {
        if (shape.length < 2) {
            throw new IllegalArgumentException("transpose: tensor has shape " + Arrays.toString(shape)
                    + ", fewer than 2 dimensions: reshape a vector to (n, 1) or (1, n) first");
        }
        return transpose(shape.length - 2, shape.length - 1);
    }

    /** Short for {@link #transpose()}. */
    public Tensor T() {
        return transpose();
    }

    /** Swap two axes.   ∂L/∂x = the gradient with the same two axes swapped back. */
    public Tensor transpose(int axisA, int axisB) {
        int p = Shapes.axis("transpose", axisA, shape.length);
        int q = Shapes.axis("transpose", axisB, shape.length);
        int[] out = shape.clone();
        out[p] = shape[q];
        out[q] = shape[p];
        int[] sourceOf = permutedIndex(shape, p, q);
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[sourceOf[i]];
        }
        Tensor x = this;
        return result("Transpose", y, out, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                dx[sourceOf[i]] += g[i];
            }
        }, x);
    }

    /** For each flat index of the axes-swapped tensor, the flat index of the same element in the original. */
    private static int[] permutedIndex(int[] shape, int p, int q) {
        int[] strides = Shapes.strides(shape);
        int[] outShape = shape.clone();
        outShape[p] = shape[q];
        outShape[q] = shape[p];
        int[] srcStrides = strides.clone();
        srcStrides[p] = strides[q];
        srcStrides[q] = strides[p];
        int total = Shapes.numel(shape);
        int[] result = new int[total];
        int[] counter = new int[shape.length];
        int offset = 0;
        for (int flat = 0; flat < total; flat++) {
            result[flat] = offset;
            for (int d = shape.length - 1; d >= 0; d--) {
                counter[d]++;
                offset += srcStrides[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                offset -= srcStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return result;
    }

    /** The same values in a new shape (one dimension may be -1, inferred).   ∂L/∂x = g reshaped back. */
    public Tensor reshape(int... newShape) {
        int[] out = resolveReshape(newShape);
        Tensor x = this;
        return result("Reshape", data.clone(), out, g -> x.passGradient(g), x);
    }

    private int[] resolveReshape(int[] newShape) {
        int[] out = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid shape " + Arrays.toString(newShape)
                        + ": dimensions must be >= 0, with at most one -1 to infer");
            } else {
                known *= out[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new ShapeMismatchException("reshape: cannot infer -1 in " + Arrays.toString(newShape) + " for "
                        + data.length + " elements (shape " + Arrays.toString(shape) + "): the other dimensions must divide "
                        + data.length);
            }
            out[inferred] = (int) (data.length / known);
            known *= out[inferred];
        }
        if (known != data.length) {
            throw new ShapeMismatchException("reshape: cannot reshape " + Arrays.toString(shape) + " (" + data.length
                    + " elements) to " + Arrays.toString(newShape) + " (" + known
                    + " elements): the element count must stay the same; use -1 for one dimension to infer it");
        }
        return out;
    }

    /** All values as one 1-d tensor. */
    public Tensor flatten() {
        return reshape(data.length);
    }

    /** Rows [from, to) along axis 0 (a mini-batch).   ∂L/∂x = g in those rows, 0 elsewhere. */
    public Tensor rows(int from, int to) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("rows: a 0-d tensor has no rows: reshape it to (1) first");
        }
        if (from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("rows: range [" + from + ", " + to + ") is outside the " + shape[0]
                    + " rows of shape " + Arrays.toString(shape) + ": use 0 <= from <= to <= " + shape[0]);
        }
        int rowSize = data.length / Math.max(shape[0], 1);
        int[] out = shape.clone();
        out[0] = to - from;
        double[] y = Arrays.copyOfRange(data, from * rowSize, to * rowSize);
        Tensor x = this;
        return result("Rows", y, out, g -> {
            double[] dx = x.gradBuffer();
            int start = from * rowSize;
            for (int i = 0; i < g.length; i++) {
                dx[start + i] += g[i];
            }
        }, x);
    }

    /** The rows with the given indices along axis 0, in that order (repeats allowed).   ∂L/∂x: g scattered back (+=). */
    public Tensor index(int... rowIndices) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("index: a 0-d tensor has no rows: reshape it to (1) first");
        }
        int rowSize = data.length / Math.max(shape[0], 1);
        int[] rowsCopy = rowIndices.clone();
        for (int r : rowsCopy) {
            if (r < 0 || r >= shape[0]) {
                throw new IndexOutOfBoundsException("index: row " + r + " is out of range for " + shape[0]
                        + " rows (shape " + Arrays.toString(shape) + "): valid rows are 0.." + (shape[0] - 1));
            }
        }
        int[] out = shape.clone();
        out[0] = rowsCopy.length;
        double[] y = new double[rowsCopy.length * rowSize];
        for (int i = 0; i < rowsCopy.length; i++) {
            System.arraycopy(data, rowsCopy[i] * rowSize, y, i * rowSize, rowSize);
        }
        Tensor x = this;
        return result("Index", y, out, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < rowsCopy.length; i++) {
                int src = rowsCopy[i] * rowSize;
                for (int j = 0; j < rowSize; j++) {
                    dx[src + j] += g[i * rowSize + j];
                }
            }
        }, x);
    }

    /**
     * For a (N, C) tensor and N class indices, the N values x[i, idx[i]] (e.g. the log-probability of
     * each sample's true class).   ∂L/∂x[i, idx[i]] += g[i], 0 elsewhere.
     */
    public Tensor gather(Tensor classIndices) {
        if (shape.length != 2 || classIndices.ndim() != 1 || classIndices.numel() != shape[0]) {
            throw new ShapeMismatchException("gather: needs a (N, C) tensor and N indices: got " + Arrays.toString(shape)
                    + " and indices of shape " + Arrays.toString(classIndices.shape)
                    + ": pass one class index per row, as a 1-d tensor");
        }
        int rows = shape[0];
        int cols = shape[1];
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            double v = classIndices.data[i];
            if (v != Math.rint(v) || v < 0 || v >= cols) {
                throw new IndexOutOfBoundsException("gather: index " + v + " in row " + i + " is not a class in 0.."
                        + (cols - 1) + ": indices must be whole numbers below the number of columns (" + cols + ")");
            }
            idx[i] = (int) v;
        }
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = data[i * cols + idx[i]];
        }
        Tensor x = this;
        return result("Gather", y, new int[] {rows}, g -> {
            double[] dx = x.gradBuffer();
            for (int i = 0; i < rows; i++) {
                dx[i * cols + idx[i]] += g[i];
            }
        }, x);
    }

    /** Join tensors along an existing axis (all other dimensions equal).   ∂L/∂xᵢ = its slice of g. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return join("Concat", axis, tensors);
    }

    private static Tensor join(String gradFn, int axis, Tensor[] tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given: pass at least one");
        }
        int[] first = tensors[0].shape;
        int ax = Shapes.axis("concat", axis, first.length);
        int total = 0;
        for (Tensor t : tensors) {
            if (t.shape.length != first.length) {
                throw new ShapeMismatchException("concat: shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(t.shape) + " have " + first.length + " and " + t.shape.length
                        + " dimensions: all tensors need the same number of dimensions; reshape one of them");
            }
            boolean fits = true;
            for (int d = 0; fits && d < first.length; d++) {
                fits = d == ax || t.shape[d] == first[d];
            }
            if (!fits) {
                throw new ShapeMismatchException("concat: shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(t.shape) + " differ outside axis " + ax
                        + ": all dimensions except the joined one must be equal");
            }
            total += t.shape[ax];
        }
        int joined = total;
        int[] out = first.clone();
        out[ax] = joined;
        int outer = Shapes.outer(first, ax);
        int inner = Shapes.inner(first, ax);
        double[] y = new double[Shapes.numel(out)];
        int[] offsets = new int[tensors.length];
        int offset = 0;
        for (int t = 0; t < tensors.length; t++) {
            offsets[t] = offset;
            int block = tensors[t].shape[ax] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(tensors[t].data, o * block, y, o * total * inner + offset, block);
            }
            offset += block;
        }
        Tensor[] inputs = tensors.clone();
        return result(gradFn, y, out, g -> {
            for (int t = 0; t < inputs.length; t++) {
                if (!inputs[t].requiresGrad) {
                    continue;
                }
                double[] dx = inputs[t].gradBuffer();
                int block = inputs[t].shape[ax] * inner;
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < block; j++) {
                        dx[o * block + j] += g[o * joined * inner + offsets[t] + j];
                    }
                }
            }
        }, inputs);
    }

    /** Join equal-shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given: pass at least one");
        }
        int[] s = tensors[0].shape;
        int ax = Shapes.axis("stack", axis, s.length + 1);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int t = 0; t < tensors.length; t++) {
            if (!Arrays.equals(tensors[t].shape, s)) {
                throw new ShapeMismatchException("stack: shapes " + Arrays.toString(s) + " and "
                        + Arrays.toString(tensors[t].shape) + " differ: stack needs tensors of one shape");
            }
            int[] withAxis = new int[s.length + 1];
            for (int d = 0, j = 0; d < withAxis.length; d++) {
                withAxis[d] = d == ax ? 1 : s[j++];
            }
            expanded[t] = tensors[t].reshape(withAxis);
        }
        return join("Stack", ax, expanded);
    }

    // ------------------------------------------------------------------ reductions

    /** Σ of all values (0-d).   ∂L/∂xᵢ = g. */
    public Tensor sum() {
        return total("Sum", 1.0);
    }

    /** Σ along one axis, keeping it as size 1 if {@code keepDim}.   ∂L/∂x[o, k, i] = g[o, i]. */
    public Tensor sum(int axis, boolean keepDim) {
        return sumAlong("sum", axis, keepDim, 1.0, "Sum");
    }

    /** The mean of all values (0-d).   ∂L/∂xᵢ = g / n. */
    public Tensor mean() {
        return total("Mean", 1.0 / data.length);
    }

    /** scale · Σ of all values (0-d), summed four lanes at a time (see Elementwise.sum).   ∂L/∂xᵢ = g · scale. */
    private Tensor total(String gradFn, double scale) {
        double s = Elementwise.sum(data);
        Tensor x = this;
        return result(gradFn, new double[] {scale == 1.0 ? s : s * scale}, new int[0], g -> {
            double[] dx = x.gradBuffer();
            double d = scale == 1.0 ? g[0] : g[0] * scale;
            for (int i = 0; i < dx.length; i++) {
                dx[i] += d;
            }
        }, x);
    }

    /** The mean along one axis.   ∂L/∂x[o, k, i] = g[o, i] / (length of the axis). */
    public Tensor mean(int axis, boolean keepDim) {
        int ax = Shapes.axis("mean", axis, shape.length);
        return sumAlong("mean", axis, keepDim, 1.0 / shape[ax], "Mean");
    }

    private Tensor sumAlong(String op, int axis, boolean keepDim, double scale, String gradFn) {
        int ax = Shapes.axis(op, axis, shape.length);
        int outer = Shapes.outer(shape, ax);
        int len = shape[ax];
        int inner = Shapes.inner(shape, ax);
        double[] y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < len; k++) {
                int base = (o * len + k) * inner;
                for (int i = 0; i < inner; i++) {
                    y[o * inner + i] += data[base + i];
                }
            }
        }
        if (scale != 1.0) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= scale;
            }
        }
        Tensor x = this;
        return result(gradFn, y, reducedShape(ax, keepDim), g -> {
            double[] dx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < len; k++) {
                    int base = (o * len + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        dx[base + i] += g[o * inner + i] * scale;
                    }
                }
            }
        }, x);
    }

    private int[] reducedShape(int ax, boolean keepDim) {
        int[] out = keepDim ? shape.clone() : new int[shape.length - 1];
        if (keepDim) {
            out[ax] = 1;
        } else {
            for (int d = 0, j = 0; d < shape.length; d++) {
                if (d != ax) {
                    out[j++] = shape[d];
                }
            }
        }
        return out;
    }

    /** The largest value (0-d).   ∂L/∂x = g at the (first) largest element, 0 elsewhere. */
    public Tensor max() {
        return extreme("max", true);
    }

    /** The smallest value (0-d).   ∂L/∂x = g at the (first) smallest element, 0 elsewhere. */
    public Tensor min() {
        return extreme("min", false);
    }

    private Tensor extreme(String op, boolean largest) {
        if (data.length == 0) {
            throw new IllegalArgumentException(op + ": tensor is empty (shape " + Arrays.toString(shape)
                    + "): there is no " + (largest ? "largest" : "smallest") + " value");
        }
        return reshape(data.length).extremeAlong(op, 0, false, largest);
    }

    /** The largest values along one axis.   ∂L/∂x = g at each (first) maximum, 0 elsewhere. */
    public Tensor max(int axis, boolean keepDim) {
        return extremeAlong("max", axis, keepDim, true);
    }

    /** The smallest values along one axis.   ∂L/∂x = g at each (first) minimum, 0 elsewhere. */
    public Tensor min(int axis, boolean keepDim) {
        return extremeAlong("min", axis, keepDim, false);
    }

    private Tensor extremeAlong(String op, int axis, boolean keepDim, boolean largest) {
        int ax = Shapes.axis(op, axis, shape.length);
        int outer = Shapes.outer(shape, ax);
        int len = shape[ax];
        int inner = Shapes.inner(shape, ax);
        if (len == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Arrays.toString(shape)
                    + " is empty: there is nothing to compare");
        }
        double[] y = new double[outer * inner];
        int[] where = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * len * inner + i;
                for (int k = 1; k < len; k++) {
                    int at = (o * len + k) * inner + i;
                    if (beats(data[at], data[best], largest)) {
                        best = at;
                    }
                }
                y[o * inner + i] = data[best];
                where[o * inner + i] = best;
            }
        }
        Tensor x = this;
        return result(largest ? "Max" : "Min", y, reducedShape(ax, keepDim), g -> {
            double[] dx = x.gradBuffer();
            for (int j = 0; j < where.length; j++) {
                dx[where[j]] += g[j];
            }
        }, x);
    }

    /** Whether {@code candidate} replaces {@code best} as the extreme; a NaN wins, so that NaN propagates as in PyTorch. */
    private static boolean beats(double candidate, double best, boolean largest) {
        if (Double.isNaN(candidate)) {
            return !Double.isNaN(best);
        }
        return largest ? candidate > best : candidate < best;
    }

    /** Index of the largest value along an axis, as a tensor of whole numbers (no gradient). */
    public Tensor argmax(int axis) {
        int ax = Shapes.axis("argmax", axis, shape.length);
        int outer = Shapes.outer(shape, ax);
        int len = shape[ax];
        int inner = Shapes.inner(shape, ax);
        double[] y = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                for (int k = 1; k < len; k++) {
                    if (beats(data[(o * len + k) * inner + i], data[(o * len + best) * inner + i], true)) {
                        best = k;
                    }
                }
                y[o * inner + i] = best;
            }
        }
        return new Tensor(y, reducedShape(ax, false));
    }

    /** Flat index of the largest value. */
    public int argmax() {
        if (data.length == 0) {
            throw new IllegalArgumentException("argmax: tensor is empty: there is no largest value");
        }
        int best = 0;
        for (int i = 1; i < data.length; i++) {
            if (beats(data[i], data[best], true)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * softmax along an axis: yₖ = e^(xₖ − m) / Σⱼ e^(xⱼ − m), with m = max x (so no exponent overflows).
     * <pre>  ∂L/∂xₖ = yₖ · (gₖ − Σⱼ gⱼ yⱼ)  </pre>
     */
    public Tensor softmax(int axis) {
        int ax = Shapes.axis("softmax", axis, shape.length);
        int outer = Shapes.outer(shape, ax);
        int len = shape[ax];
        int inner = Shapes.inner(shape, ax);
        double[] y = softmaxValues(data, outer, len, inner, false);
        Tensor x = this;
        return result("Softmax", y, shape, g -> {
            double[] dx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double dot = 0;
                    for (int k = 0; k < len; k++) {
                        int at = (o * len + k) * inner + i;
                        dot += g[at] * y[at];
                    }
                    for (int k = 0; k < len; k++) {
                        int at = (o * len + k) * inner + i;
                        dx[at] += y[at] * (g[at] - dot);
                    }
                }
            }
        }, x);
    }

    /**
     * log softmax along an axis: yₖ = xₖ − m − log Σⱼ e^(xⱼ − m)  (finite even for inputs of ±1000).
     * <pre>  ∂L/∂xₖ = gₖ − softmax(x)ₖ · Σⱼ gⱼ  </pre>
     */
    public Tensor logSoftmax(int axis) {
        int ax = Shapes.axis("logSoftmax", axis, shape.length);
        int outer = Shapes.outer(shape, ax);
        int len = shape[ax];
        int inner = Shapes.inner(shape, ax);
        double[] y = softmaxValues(data, outer, len, inner, true);
        Tensor x = this;
        return result("LogSoftmax", y, shape, g -> {
            double[] dx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double gSum = 0;
                    for (int k = 0; k < len; k++) {
                        gSum += g[(o * len + k) * inner + i];
                    }
                    for (int k = 0; k < len; k++) {
                        int at = (o * len + k) * inner + i;
                        dx[at] += g[at] - Math.exp(y[at]) * gSum;
                    }
                }
            }
        }, x);
    }

    private static double[] softmaxValues(double[] x, int outer, int len, int inner, boolean log) {
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    m = Math.max(m, x[(o * len + k) * inner + i]);
                }
                double s = 0;
                for (int k = 0; k < len; k++) {
                    s += Math.exp(x[(o * len + k) * inner + i] - m);
                }
                double logS = Math.log(s);
                for (int k = 0; k < len; k++) {
                    int at = (o * len + k) * inner + i;
                    y[at] = log ? x[at] - m - logS : Math.exp(x[at] - m) / s;
                }
            }
        }
        return y;
    }

    // ------------------------------------------------------------------ helpers

    private int flatIndex(String op, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": " + index.length + " coordinates for a " + shape.length
                    + "-d tensor of shape " + Arrays.toString(shape) + ": give one index per axis");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException(op + ": index " + index[d] + " is out of range for axis " + d
                        + " of size " + shape[d] + " (shape " + Arrays.toString(shape) + "): valid indices are 0.."
                        + (shape[d] - 1));
            }
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    private int[] unravel(int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    private String joinShape() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ operations whose bodies live in family files

    /** The 1-d convolution of PyTorch's {@code F.conv1d}: x (N, C_in, L), weight (C_out, C_in, k), bias (C_out) or null. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return Convolution.conv("Conv1d", x, weight, bias, stride, padding, true);
    }

    /** {@link #conv1d(Tensor, Tensor, Tensor, int, int)} with stride 1 and no padding. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias) {
        return conv1d(x, weight, bias, 1, 0);
    }

    /** The 2-d convolution of PyTorch's {@code F.conv2d}: x (N, C_in, H, W), weight (C_out, C_in, kH, kW), bias (C_out) or null. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return Convolution.conv("Conv2d", x, weight, bias, stride, padding, false);
    }

    /** {@link #conv2d(Tensor, Tensor, Tensor, int, int)} with stride 1 and no padding. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return conv2d(x, weight, bias, 1, 0);
    }

    /** Max pooling as PyTorch's {@code F.max_pool2d(x, kernel)}: windows kernel × kernel, stride = kernel; x (N, C, H, W). */
    public Tensor maxPool2d(int kernel) {
        return maxPool2d(kernel, kernel);
    }

    /** Max pooling over kernel × kernel windows that start every {@code stride} positions; x (N, C, H, W). */
    public Tensor maxPool2d(int kernel, int stride) {
        return Pooling.maxPool("MaxPool2d", this, kernel, stride, false);
    }

    /** Average pooling as PyTorch's {@code F.avg_pool2d(x, kernel)}: stride = kernel; x (N, C, H, W). */
    public Tensor avgPool2d(int kernel) {
        return avgPool2d(kernel, kernel);
    }

    /** Average pooling over kernel × kernel windows that start every {@code stride} positions; x (N, C, H, W). */
    public Tensor avgPool2d(int kernel, int stride) {
        return Pooling.avgPool("AvgPool2d", this, kernel, stride, false);
    }

    /** Max pooling as PyTorch's {@code F.max_pool1d(x, kernel)}: stride = kernel; x (N, C, L). */
    public Tensor maxPool1d(int kernel) {
        return maxPool1d(kernel, kernel);
    }

    /** Max pooling over windows of {@code kernel} values that start every {@code stride} positions; x (N, C, L). */
    public Tensor maxPool1d(int kernel, int stride) {
        return Pooling.maxPool("MaxPool1d", this, kernel, stride, true);
    }

    /** The {@code length} entries from {@code start} along axis {@code dim}, as PyTorch's {@code narrow}. */
    public Tensor narrow(int dim, int start, int length) {
        return Slicing.narrow(this, dim, start, length);
    }

    /** The entry {@code index} along axis {@code dim}, that axis removed, as PyTorch's {@code select} (x[:, i] is select(1, i)). */
    public Tensor select(int dim, int index) {
        return Slicing.select(this, dim, index);
    }

    /** A new axis of length 1 at {@code dim}, as PyTorch's {@code unsqueeze}. */
    public Tensor unsqueeze(int dim) {
        return Slicing.unsqueeze(this, dim);
    }

    /** Axis {@code dim} removed if its length is 1 (else unchanged), as PyTorch's {@code squeeze(dim)}. */
    public Tensor squeeze(int dim) {
        return Slicing.squeeze(this, dim);
    }

    /** Every axis of length 1 removed, as PyTorch's {@code squeeze()}. */
    public Tensor squeeze() {
        return Slicing.squeeze(this);
    }

    /** Axes {@code startDim} to the last merged into one, as PyTorch's {@code flatten(startDim)}: (N, C, H, W) → (N, C·H·W) for 1. */
    public Tensor flatten(int startDim) {
        return Slicing.flatten(this, startDim, -1);
    }

    /** Axes {@code startDim} to {@code endDim} (inclusive) merged into one, as PyTorch's {@code flatten(startDim, endDim)}. */
    public Tensor flatten(int startDim, int endDim) {
        return Slicing.flatten(this, startDim, endDim);
    }

    // ------------------------------------------------------------------ access for the family files of this package

    /** A tracked result made by a family file: as {@link #result}, with the backward rule given as a consumer of g. */
    static Tensor record(String op, double[] values, int[] shape, java.util.function.Consumer<double[]> rule,
                         Tensor... inputs) {
        return result(op, values, shape, rule::accept, inputs);
    }

    /** The live value array (read only: values never change). */
    double[] values() {
        return data;
    }

    /** The gradient array to add into (+=) in a backward rule, or null when this tensor needs no gradient. */
    double[] gradSink() {
        return requiresGrad ? gradBuffer() : null;
    }
}
