package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully connected layer, as PyTorch's {@code nn.Linear}:
 * <pre>
 * y = x Wᵀ + b        x: (N, in),  W: (out, in),  b: (out),  y: (N, out)
 * </pre>
 * The gradients come from the tensor operations it is built of (matmul, transpose, add).
 *
 * <p>Default start, as PyTorch: every weight and bias uniform in (−1/√in, 1/√in) (PyTorch's
 * {@code kaiming_uniform_(a=√5)}), drawn from the {@link Generator} passed last (or the default
 * generator, which {@link Tensor#manualSeed(long)} reseeds): first the weight row by row, then the
 * bias. With an {@link Initializer} for the weight, the bias starts at zero.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;
    private final String init;

    /** A layer with a bias and PyTorch's default start, drawn from the default generator. */
    public Linear(int in, int out) {
        this(in, out, true, Generator.defaultGenerator());
    }

    /** A layer with a bias and PyTorch's default start from {@code generator}, e.g. {@code new Generator(1)}. */
    public Linear(int in, int out, Generator generator) {
        this(in, out, true, generator);
    }

    /** PyTorch's default start from the default generator; {@code bias=false} leaves out b. */
    public Linear(int in, int out, boolean bias) {
        this(in, out, bias, Generator.defaultGenerator());
    }

    /** PyTorch's default start from {@code generator}; {@code bias=false} leaves out b. */
    public Linear(int in, int out, boolean bias, Generator generator) {
        this(in, out, bias, null, generator);
    }

    /** The weight filled by {@code weightInit} from the default generator, the bias (if any) zero. */
    public Linear(int in, int out, boolean bias, Initializer weightInit) {
        this(in, out, bias, weightInit, Generator.defaultGenerator());
    }

    /** The weight filled by {@code weightInit} from {@code generator}, the bias (if any) zero. */
    public Linear(int in, int out, boolean bias, Initializer weightInit, Generator generator) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: feature counts must be positive: got in=" + in + ", out=" + out
                    + ": pass the number of input features and of output features");
        }
        this.in = in;
        this.out = out;
        String seed = Init.seedText(generator);
        this.weight = Tensor.zeros(out, in);
        this.bias = bias ? Tensor.zeros(out) : null;
        if (weightInit == null) {
            double bound = 1.0 / Math.sqrt(in);
            Init.uniform(weight, -bound, bound, generator);
            if (bias) {
                Init.uniform(this.bias, -bound, bound, generator);
            }
            this.init = "default, " + seed;
        } else {
            weightInit.fill(weight, generator);
            this.init = "custom, " + seed;
        }
        weight.requiresGrad(true);
        if (bias) {
            this.bias.requiresGrad(true);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.ndim() < 1 || x.size(-1) != in) {
            throw new ShapeMismatchException("Linear: input has shape " + Arrays.toString(x.shape()) + " but the layer"
                    + " expects " + in + " features in the last dimension (weight " + Arrays.toString(weight.shape())
                    + "): pass (batch, " + in + "), or build the layer as new Linear(" + (x.ndim() < 1 ? "?" : x.size(-1))
                    + ", " + out + ")");
        }
        Tensor y = x.matmul(weight.transpose());
        return bias == null ? y : y.add(bias);
    }

    /** The weight W, shape (out, in); a parameter (requires grad). */
    public Tensor weight() {
        return weight;
    }

    /** The bias b, shape (out). */
    public Tensor bias() {
        if (bias == null) {
            throw new IllegalStateException("Linear: this layer was built without a bias (bias=false): check hasBias() "
                    + "first, or build it with new Linear(" + in + ", " + out + ")");
        }
        return bias;
    }

    public boolean hasBias() {
        return bias != null;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** Copy values into the weight (shape (out, in)), in place; returns this. */
    public Linear setWeight(Tensor values) {
        copyInto("Linear.setWeight", "weight", weight, values);
        return this;
    }

    /** Copy values into the bias (shape (out)), in place; returns this. */
    public Linear setBias(Tensor values) {
        copyInto("Linear.setBias", "bias", bias(), values);
        return this;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("weight", weight);
        if (bias != null) {
            params.put("bias", bias);
        }
        return params;
    }

    @Override
    public String toString() {
        return "Linear(inFeatures=" + in + ", outFeatures=" + out + ", bias=" + (bias != null) + ", init=" + init + ")";
    }
}
