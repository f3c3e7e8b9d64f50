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
 * <p>This file holds the data, creation, accessors and the autograd API. The operations live in files by
 * family, each writing its forward formula and, right under it, its backward rule: how the gradient of the
 * output, {@code g = ∂L/∂y}, becomes the gradient of each input ({@link Arithmetic}, {@link Activations},
 * {@link MatrixProduct}, {@link ShapeOps}, {@link Reductions}, {@link Softmax}; the table in the package
 * documentation says where each rule is). The engine ({@link Graph}) calls these rules in reverse topological
 * order and adds ({@code +=}) their results into the inputs' gradients, so a tensor used twice receives both.
 */
public final class Tensor extends TensorNode {
    final double[] data;
    final int[] shape;
    private String label;
    Tensor(double[] data, int[] shape) {
        super(null, null, null);
        this.data = data;
        this.shape = shape;
    }

    private Tensor(double[] data, int[] shape, String gradFn, Backward rule, Tensor[] inputs) {
        super(gradFn, rule, inputs);
        this.data = data;
        this.shape = shape;
    }

    /**
     * The result of an operation: tracked (with its backward rule and inputs) when gradients are
     * enabled and some input requires grad; otherwise a plain constant.
     */
    static Tensor result(String op, double[] values, int[] shape, Backward rule, Tensor... inputs) {
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
    public static Tensor of(double... values) { return new Tensor(values.clone(), new int[] {values.length}); }

    /** A 2-d tensor, one row per inner array (all rows the same length). */ public static Tensor of(double[][] rows) { return Creation.of(rows); }

    /** A tensor of the given shape holding a copy of {@code values} in row-major order. */
    public static Tensor of(double[] values, int... shape) {
        int[] s = Shapes.checkShape("of", shape);
        if (Shapes.numel(s) != values.length) {
            throw new ShapeMismatchException("of: " + values.length + " values do not fill shape " + Arrays.toString(s)
                    + " (" + Shapes.numel(s) + " elements): pass as many values as the shape holds");
        }
        return new Tensor(values.clone(), s);
    }

    /** A 0-d tensor holding one number. */ public static Tensor scalar(double value) { return new Tensor(new double[] {value}, new int[0]); }

    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checkShape("zeros", shape);
        return new Tensor(new double[Shapes.numel("zeros", s)], s);
    }

    public static Tensor ones(int... shape) { return full(1.0, shape); }

    public static Tensor full(double value, int... shape) {
        int[] s = Shapes.checkShape("full", shape);
        double[] values = new double[Shapes.numel("full", s)];
        Arrays.fill(values, value);
        return new Tensor(values, s);
    }

    /** 0, 1, ..., n-1. */ public static Tensor arange(int n) { return arange(0, n, 1); }

    /** start, start+step, ... while below {@code end} (above it for a negative step), as NumPy's arange. */
    public static Tensor arange(double start, double end, double step) { return Creation.arange(start, end, step); }

    /** n evenly spaced values from a to b, both included. */ public static Tensor linspace(double a, double b, int n) { return Creation.linspace(a, b, n); }

    /** The n×n identity matrix. */ public static Tensor eye(int n) { return Creation.eye(n); }

    /**
     * Reseed the default generator, like {@code torch.manual_seed}: every random call made without a
     * {@link Generator} ({@code randn(2, 3)}, {@code new Linear(2, 16)}) then repeats its digits.
     */
    public static void manualSeed(long seed) { Generator.defaultGenerator().reseed(seed); }

    /** Uniform values in [0, 1) of the given shape, from the default generator: {@code rand(2, 3)} is 2×3. */
    public static Tensor rand(int... shape) { return rand(Generator.defaultGenerator(), shape); }

    /** Uniform values in [0, 1) from {@code generator}, e.g. {@code rand(new Generator(42), 2, 3)}. */
    public static Tensor rand(Generator generator, int... shape) { return uniform(0.0, 1.0, generator, shape); }

    /** Standard normal values of the given shape, from the default generator: {@code randn(2, 3)} is 2×3. */
    public static Tensor randn(int... shape) { return randn(Generator.defaultGenerator(), shape); }

    /** Standard normal values from {@code generator}, e.g. {@code randn(new Generator(42), 2, 3)}. */
    public static Tensor randn(Generator generator, int... shape) { return generate(shape, i -> generator.normal()); }

    /** Uniform values in [lo, hi) of the given shape, from the default generator. */
    public static Tensor uniform(double lo, double hi, int... shape) {
        return uniform(lo, hi, Generator.defaultGenerator(), shape);
    }

    /** Uniform values in [lo, hi) from {@code generator}. */
    public static Tensor uniform(double lo, double hi, Generator generator, int... shape) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("uniform: need lo <= hi: got lo=" + lo + ", hi=" + hi);
        }
        return generate(shape, i -> generator.uniform(lo, hi));
    }

    private static Tensor generate(int[] shape, IntFunction<Double> value) {
        int[] s = Shapes.checkShape("random", shape);
        double[] values = new double[Shapes.numel("random", s)];
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
                        + Arrays.toString(Shapes.unravel(i, shape)) + " (shape " + Arrays.toString(shape)
                        + "): remove or replace non-finite values before building the tensor");
            }
        }
        return this;
    }

    // ------------------------------------------------------------------ shape and values

    public int[] shape() { return shape.clone(); }

    public int ndim() { return shape.length; }

    public int numel() { return data.length; }

    /** The length of one axis; negative axes count from the end. */
    public int size(int axis) { return shape[Shapes.axis("size", axis, shape.length)]; }

    /** The single value of a tensor with exactly one element. */
    public double item() {
        if (data.length != 1) {
            throw new ShapeMismatchException("item: tensor has " + data.length + " elements (shape "
                    + Arrays.toString(shape) + "), item() needs exactly one: reduce it first (e.g. sum() or mean()) "
                    + "or read one element with get(...)");
        }
        return data[0];
    }

    /** The value at one index, one coordinate per axis. */ public double get(int... index) { return data[Shapes.flatIndex("get", index, shape)]; }

    /** A copy of all values in row-major order. */ public double[] toArray() { return data.clone(); }

    /** A copy of a 2-d tensor as rows. */
    public double[][] toArray2d() {
        if (shape.length != 2) {
            throw new ShapeMismatchException("toArray2d: tensor has shape " + Arrays.toString(shape)
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
    public boolean allClose(Tensor other) { return allClose(other, 1e-5, 1e-8); }

    /** Equal shapes and bit-for-bit equal values (gradients and graph are not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    /**
     * Printed as PyTorch prints, e.g. {@code tensor([0.5000, 1.2500], grad_fn=Mul)} or {@code tensor([1., 2.])};
     * the operation is named without PyTorch's decoration ({@code grad_fn=Mul}, not {@code <MulBackward0>}).
     */
    @Override
    public String toString() {
        String suffix = gradFn != null ? "grad_fn=" + gradFn : requiresGrad ? "requires_grad=true" : null;
        return TensorFormat.format(data, shape, suffix);
    }

    /** Give this tensor a name, shown when its graph is drawn; returns this. */
    public Tensor name(String name) {
        this.label = name;
        return this;
    }

    /** The name given with {@link #name(String)}, or null. */ public String name() { return label; }

    // ------------------------------------------------------------------ autograd

    /**
     * Mark this leaf tensor (an input or parameter) so that backward() computes its gradient (true), or
     * stop that (false); returns it. PyTorch's {@code requires_grad_()}.
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (!leaf) {
            throw new IllegalStateException("requiresGrad: this tensor was computed by " + gradFn
                    + " and already takes part in the graph: call requiresGrad(true) on the leaf tensors it was made "
                    + "from, or detach().requiresGrad(true) for a fresh leaf");
        }
        this.requiresGrad = requiresGrad;
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

    /** Whether gradients flow to this tensor (PyTorch's {@code requires_grad} attribute). */ public boolean requiresGrad() { return requiresGrad; }

    /** The name of the operation that made this tensor ("Mul", "MatMul", ...), or null for a leaf. */ public String gradFn() { return gradFn; }

    /** Backpropagate from this scalar: fills the gradient ∂this/∂x of every tensor x it depends on. */
    public void backward() {
        if (data.length != 1) {
            throw new ShapeMismatchException("backward: output has shape " + Arrays.toString(shape)
                    + ", not a scalar, so the starting gradient is ambiguous: reduce it first (e.g. y.sum().backward()) "
                    + "or pass the gradient of the same shape, y.backward(Tensor.ones(" + Shapes.join(shape) + "))");
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
            throw new IllegalStateException(!Graph.isGradEnabled() ? Graph.OPEN_SCOPE_MESSAGE
                    : "backward: this tensor does not depend on any tensor that requires grad: "
                    + "call requiresGrad(true) on the inputs or parameters before the forward pass");
        }
        java.util.List<Node> order = Graph.topologicalOrder(this);     // checks every node: checkBeforeBackward()
        Graph.backward(order, () -> addInto(gradBuffer(), seed.data), retainGraph);
    }

    /** The gradient accumulated by backward(), as a new tensor of this tensor's shape. */
    public Tensor grad() {
        if (!requiresGrad) {
            throw new IllegalStateException("grad: this tensor does not require grad, so no gradient is computed for it: "
                    + "call requiresGrad(true) on it before the forward pass");
        }
        if (grad == null) {
            throw new IllegalStateException("grad: no gradient yet: call backward() on a result computed from this "
                    + "tensor first (hasGrad() tells whether there is one)");
        }
        return new Tensor(grad.clone(), shape);
    }

    /** Whether backward() has produced a gradient for this tensor. */ public boolean hasGrad() { return grad != null; }

    /** Set the accumulated gradient to zero (gradients add up across backward() calls until you do). */
    public void zeroGrad() {
        if (gradShared) {
            grad = new double[data.length];
            gradShared = false;
        } else if (grad != null) {
            Arrays.fill(grad, 0.0);
        }
    }

    /** A new leaf with the same values and no graph: gradients stop here. */ public Tensor detach() { return new Tensor(data.clone(), shape); }

    /** Start a scope in which operations record no graph: {@code try (var s = Tensor.noGrad()) { ... }}. */
    public static NoGrad noGrad() { return new NoGrad(); }

    /**
     * The live value array of a leaf tensor: the one in-place path, used by optimisers to apply
     * an update step and by initialisers. Everything else should use operations, which make new tensors.
     * Graphs recorded before this call can no longer be backpropagated (backward() says so), because
     * their saved values would be stale; update after backward(), as optimisers do. Write through the
     * array right away and call this again for the next update: this call is what tells the tensor its values
     * change (it also drops the column-major copy that {@link #matmul} may keep of a data matrix, see MatrixProduct).
     */
    public double[] dataForUpdate() {
        if (!leaf) {
            throw new IllegalStateException("dataForUpdate: this tensor was computed by " + gradFn
                    + "; only leaf tensors (inputs and parameters) may be updated in place");
        }
        version++;
        columnMajor = null;                 // the caller is about to change the values it was copied from
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

    // ------------------------------------------------------------------ operations: y = f(inputs); see each file for ∂L/∂inputs

    /** y = a + b (broadcasting), in {@link Arithmetic}. */ public Tensor add(Tensor b) { return Arithmetic.add(this, b); }
    /** y = a − b (broadcasting). */ public Tensor sub(Tensor b) { return Arithmetic.sub(this, b); }
    /** y = a · b (broadcasting). */ public Tensor mul(Tensor b) { return Arithmetic.mul(this, b); }
    /** y = a / b (broadcasting). */ public Tensor div(Tensor b) { return Arithmetic.div(this, b); }
    /** y = x + c. */ public Tensor add(double c) { return Arithmetic.add(this, c); }
    /** y = x − c. */ public Tensor sub(double c) { return Arithmetic.sub(this, c); }
    /** y = c · x. */ public Tensor mul(double c) { return Arithmetic.mul(this, c); }
    /** y = x / c. */ public Tensor div(double c) { return Arithmetic.div(this, c); }
    /** y = −x. */ public Tensor neg() { return Arithmetic.neg(this); }
    /** y = xᵖ. */ public Tensor pow(double p) { return Arithmetic.pow(this, p); }
    /** y = x². */ public Tensor square() { return Arithmetic.square(this); }
    /** y = eˣ. */ public Tensor exp() { return Arithmetic.exp(this); }
    /** y = ln x. */ public Tensor log() { return Arithmetic.log(this); }
    /** y = √x. */ public Tensor sqrt() { return Arithmetic.sqrt(this); }
    /** y = |x|. */ public Tensor abs() { return Arithmetic.abs(this); }

    /** y = tanh x, in {@link Activations}. */ public Tensor tanh() { return Activations.tanh(this); }
    /** y = σ(x) = 1 / (1 + e⁻ˣ), computed without overflow for large |x|. */ public Tensor sigmoid() { return Activations.sigmoid(this); }
    /** y = log σ(x), finite for any x (where log(sigmoid()) gives −∞ below −745). */
    public Tensor logSigmoid() { return Activations.logSigmoid(this); }
    /** y = max(0, x). */ public Tensor relu() { return Activations.relu(this); }
    /** y = x if x > 0 else slope · x. */ public Tensor leakyRelu(double slope) { return Activations.leakyRelu(this, slope); }
    /** y = min(max(x, lo), hi). */ public Tensor clamp(double lo, double hi) { return Activations.clamp(this, lo, hi); }

    /**
     * Matrix product, in {@link MatrixProduct}. 2-d: (n, k) @ (k, m) → (n, m); 1-d operands act as a row (left)
     * or column (right); 3-d: a leading batch dimension, with a 2-d operand shared by every batch.
     */
    public Tensor matmul(Tensor b) { return MatrixProduct.matmul(this, b); }

    /** Swap the last two axes (a matrix transpose), in {@link ShapeOps}. */
    public Tensor transpose() {
        if (shape.length < 2) {
            throw new ShapeMismatchException("transpose: tensor has shape " + Arrays.toString(shape)
                    + ", fewer than 2 dimensions: reshape a vector to (n, 1) or (1, n) first");
        }
        return transpose(shape.length - 2, shape.length - 1);
    }
    /** Short for {@link #transpose()}. */ public Tensor T() { return transpose(); }
    /** Swap two axes. */ public Tensor transpose(int axisA, int axisB) { return ShapeOps.transpose(this, axisA, axisB); }
    /** The same values in a new shape (one dimension may be -1, inferred). */
    public Tensor reshape(int... newShape) { return ShapeOps.reshape(this, newShape); }
    /** All values as one 1-d tensor. */ public Tensor flatten() { return reshape(data.length); }
    /** Rows [from, to) along axis 0 (a mini-batch). */ public Tensor rows(int from, int to) { return ShapeOps.rows(this, from, to); }
    /** The rows with the given indices along axis 0, in that order (repeats allowed). */
    public Tensor index(int... rowIndices) { return ShapeOps.index(this, rowIndices); }
    /**
     * PyTorch's {@code gather}: along axis {@code dim}, the elements that {@code index} names; for 2-d and dim 1,
     * y[i, j] = x[i, index[i, j]], so {@code logProbs.gather(1, labels.reshape(-1, 1))} is each row's true class.
     */
    public Tensor gather(int dim, Tensor index) { return ShapeOps.gather(this, dim, index); }
    /** Join tensors along an existing axis (all other dimensions equal). */
    public static Tensor concat(int axis, Tensor... tensors) { return ShapeOps.join("Concat", axis, tensors); }
    /** Join equal-shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) { return ShapeOps.stack(axis, tensors); }

    /** Σ of all values (0-d), in {@link Reductions}. */ public Tensor sum() { return Reductions.total(this, "Sum", 1.0); }
    /** Σ along one axis, which is removed (PyTorch's default keepdim=false): (3, 4).sum(0) is (4). */
    public Tensor sum(int axis) { return sum(axis, false); }
    /** Σ along one axis, keeping it as size 1 if {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) { return Reductions.sumAlong(this, "sum", axis, keepDim, 1.0, "Sum"); }
    /** The mean of all values (0-d). */ public Tensor mean() { return Reductions.total(this, "Mean", 1.0 / data.length); }
    /** The mean along one axis, which is removed (keepdim=false). */ public Tensor mean(int axis) { return mean(axis, false); }
    /** The mean along one axis, keeping it as size 1 if {@code keepDim}. */
    public Tensor mean(int axis, boolean keepDim) {
        return Reductions.sumAlong(this, "mean", axis, keepDim, 1.0 / shape[Shapes.axis("mean", axis, shape.length)], "Mean");
    }
    /** The largest value (0-d). */ public Tensor max() { return Reductions.extreme(this, "max", true); }
    /** The smallest value (0-d). */ public Tensor min() { return Reductions.extreme(this, "min", false); }
    /** The largest values along one axis, which is removed (keepdim=false); their indices: {@link #argmax(int)}. */
    public Tensor max(int axis) { return max(axis, false); }
    /** The largest values along one axis. */
    public Tensor max(int axis, boolean keepDim) { return Reductions.extremeAlong(this, "max", axis, keepDim, true); }
    /** The smallest values along one axis, which is removed (keepdim=false). */ public Tensor min(int axis) { return min(axis, false); }
    /** The smallest values along one axis. */
    public Tensor min(int axis, boolean keepDim) { return Reductions.extremeAlong(this, "min", axis, keepDim, false); }
    /** Index of the largest value along an axis, which is removed (keepdim=false), as whole numbers (no gradient). */
    public Tensor argmax(int axis) { return argmax(axis, false); }
    /** Index of the largest value along an axis, kept as size 1 if {@code keepDim} (no gradient). */
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.argmax(this, axis, keepDim); }
    /** Flat (row-major) index of the largest value, as a 0-d tensor like PyTorch's {@code argmax()}. */
    public Tensor argmax() { return scalar(Reductions.argmax(this)); }

    /** softmax along an axis (computed stably), in {@link Softmax}. */ public Tensor softmax(int axis) { return Softmax.softmax(this, axis); }
    /** log softmax along an axis (finite even for inputs of ±1000). */ public Tensor logSoftmax(int axis) { return Softmax.logSoftmax(this, axis); }

    /** 1-d convolution as PyTorch's {@code F.conv1d}, in {@link Convolution}: x (N, C_in, L), weight (C_out, C_in, k), bias (C_out) or null. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return Convolution.conv("Conv1d", x, weight, bias, stride, padding, true);
    }
    /** conv1d with stride 1 and no padding. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias) { return conv1d(x, weight, bias, 1, 0); }
    /** 2-d convolution as PyTorch's {@code F.conv2d}: x (N, C_in, H, W), weight (C_out, C_in, kH, kW), bias (C_out) or null. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return Convolution.conv("Conv2d", x, weight, bias, stride, padding, false);
    }
    /** conv2d with stride 1 and no padding. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) { return conv2d(x, weight, bias, 1, 0); }

    /** Max pooling over kernel × kernel windows, stride = kernel, as {@code F.max_pool2d}, in {@link Pooling}; x (N, C, H, W). */
    public Tensor maxPool2d(int kernel) { return maxPool2d(kernel, kernel); }
    /** Max pooling over kernel × kernel windows that start every {@code stride} positions. */
    public Tensor maxPool2d(int kernel, int stride) { return Pooling.maxPool("MaxPool2d", this, kernel, stride, false); }
    /** Average pooling over kernel × kernel windows, stride = kernel, as {@code F.avg_pool2d}; x (N, C, H, W). */
    public Tensor avgPool2d(int kernel) { return avgPool2d(kernel, kernel); }
    /** Average pooling over kernel × kernel windows that start every {@code stride} positions. */
    public Tensor avgPool2d(int kernel, int stride) { return Pooling.avgPool("AvgPool2d", this, kernel, stride, false); }
    /** Max pooling over windows of {@code kernel} values, stride = kernel, as {@code F.max_pool1d}; x (N, C, L). */
    public Tensor maxPool1d(int kernel) { return maxPool1d(kernel, kernel); }
    /** Max pooling over windows of {@code kernel} values that start every {@code stride} positions. */
    public Tensor maxPool1d(int kernel, int stride) { return Pooling.maxPool("MaxPool1d", this, kernel, stride, true); }

    /** The {@code length} entries from {@code start} along axis {@code dim}, as PyTorch's {@code narrow}, in {@link Slicing}. */
    public Tensor narrow(int dim, int start, int length) { return Slicing.narrow(this, dim, start, length); }
    /** The entry {@code index} along axis {@code dim}, that axis removed, as PyTorch's {@code select} (x[:, i] is select(1, i)). */
    public Tensor select(int dim, int index) { return Slicing.select(this, dim, index); }
    /** A new axis of length 1 at {@code dim}, as PyTorch's {@code unsqueeze}. */
    public Tensor unsqueeze(int dim) { return Slicing.unsqueeze(this, dim); }
    /** Axis {@code dim} removed if its length is 1 (else unchanged), as PyTorch's {@code squeeze(dim)}. */
    public Tensor squeeze(int dim) { return Slicing.squeeze(this, dim); }
    /** Every axis of length 1 removed, as PyTorch's {@code squeeze()}. */ public Tensor squeeze() { return Slicing.squeeze(this); }
    /** Axes {@code startDim} to the last merged into one, as {@code flatten(startDim)}: (N, C, H, W) → (N, C·H·W) for 1. */
    public Tensor flatten(int startDim) { return Slicing.flatten(this, startDim, -1); }
    /** Axes {@code startDim} to {@code endDim} (inclusive) merged into one, as PyTorch's {@code flatten(startDim, endDim)}. */
    public Tensor flatten(int startDim, int endDim) { return Slicing.flatten(this, startDim, endDim); }
}
