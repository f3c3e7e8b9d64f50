package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 2-d convolution layer, as PyTorch's {@code nn.Conv2d}: input (N, C_in, H, W), output (N, C_out, H_out, W_out),
 * computed by {@link Tensor#conv2d} (whose comment derives the gradients):
 * <pre>
 * y = conv2d(x, W, b, stride, padding)        W: (C_out, C_in, k, k),  b: (C_out)
 * </pre>
 * A kernel of k × k taps slides over the input with the given stride; zero padding on every side.
 *
 * <p>Default start, as PyTorch: the weight from {@code kaiming_uniform_(a=√5)}, which is uniform in
 * (−1/√fanIn, 1/√fanIn) with fanIn = C_in · (taps per kernel), and the bias uniform in the same range; both
 * drawn from the {@link Generator} passed last (or the default generator, which {@link Tensor#manualSeed(long)} reseeds), first the weight in row-major order, then the bias.
 */
public final class Conv2d extends Module {
    private final int in;
    private final int out;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final Tensor weight;
    private final Tensor bias;
    private final String seed;

    /** Stride 1, no padding, a bias; drawn from the default generator ({@link Tensor#manualSeed(long)} reseeds it). */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, true, Generator.defaultGenerator());
    }

    /** Stride 1, no padding, a bias; PyTorch's default start from {@code generator}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator) {
        this(inChannels, outChannels, kernelSize, 1, 0, true, generator);
    }

    /** With a bias; drawn from the default generator. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, true, Generator.defaultGenerator());
    }

    /** PyTorch's default start from {@code generator}; {@code bias=false} leaves out b. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias, Generator generator) {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: channel counts, kernel size and stride must be positive and "
                    + "padding >= 0: got inChannels=" + inChannels + ", outChannels=" + outChannels + ", kernelSize="
                    + kernelSize + ", stride=" + stride + ", padding=" + padding
                    + ": e.g. new Conv2d(1, 8, 3, 1, 1) keeps the size of the input");
        }
        this.in = inChannels;
        this.out = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.seed = Init.seedText(generator);
        int k = kernelSize;
        this.weight = Tensor.zeros(out, in, k, k);
        this.bias = bias ? Tensor.zeros(out) : null;
        double bound = 1.0 / Math.sqrt(Init.fanIn(weight));
        Init.uniform(weight, -bound, bound, generator);
        weight.requiresGrad(true);
        if (bias) {
            Init.uniform(this.bias, -bound, bound, generator);
            this.bias.requiresGrad(true);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return Tensor.conv2d(x, weight, bias, stride, padding);
    }

    /** The weight, shape (C_out, C_in, k, k); a parameter (requires grad). */
    public Tensor weight() {
        return weight;
    }

    /** The bias, shape (C_out). */
    public Tensor bias() {
        if (bias == null) {
            throw new IllegalStateException("Conv2d: this layer was built without a bias (bias=false): check hasBias() "
                    + "first, or build it with a bias");
        }
        return bias;
    }

    /** Copy values into the weight (its shape), in place; returns this. */
    public Conv2d setWeight(Tensor values) {
        copyInto("Conv2d.setWeight", "weight", weight, values);
        return this;
    }

    /** Copy values into the bias (shape (C_out)), in place; returns this. */
    public Conv2d setBias(Tensor values) {
        copyInto("Conv2d.setBias", "bias", bias(), values);
        return this;
    }

    public boolean hasBias() {
        return bias != null;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
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
        return "Conv2d(" + in + ", " + out + ", kernelSize=" + kernelSize + ", stride=" + stride + ", padding="
                + padding + ", bias=" + (bias != null) + ", " + seed + ")";
    }
}
