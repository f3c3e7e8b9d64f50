package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a simple (Elman) recurrent network, as PyTorch's {@code nn.RNNCell} with tanh:
 * <pre>
 * h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)      x: (N, in),  h, h': (N, hidden)
 * W_ih: (hidden, in),  W_hh: (hidden, hidden),  b_ih, b_hh: (hidden)
 * </pre>
 * A sequence is processed by calling the cell in a plain loop, feeding each step's h' back as the next h;
 * autograd records every step, and since the same four parameters are used at every step, backward()
 * adds (+=) their gradient contributions from all steps: backpropagation through time.
 * <pre>{@code
 * Tensor h = Tensor.zeros(batch, hidden);
 * for (int t = 0; t < xs.size(0); t++) {
 *     h = cell.forward(xs.select(0, t), h);       // xs: (T, N, in)
 * }
 * }</pre>
 * The parameters are named as PyTorch's in Java spelling: weightIh, weightHh, biasIh, biasHh
 * (PyTorch's weight_ih, weight_hh, bias_ih, bias_hh).
 *
 * <p>Default start, as PyTorch: every parameter uniform in (−1/√hidden, 1/√hidden), drawn from
 * the {@link Generator} passed last (or the default generator, which {@link Tensor#manualSeed(long)} reseeds) in the order weightIh, weightHh, biasIh, biasHh.
 */
public final class RNNCell extends Module {
    private final int inputSize;
    private final int hiddenSize;
    private final Tensor weightIh;
    private final Tensor weightHh;
    private final Tensor biasIh;
    private final Tensor biasHh;
    private final String seed;

    /** A cell with biases, drawn from the default generator ({@link Tensor#manualSeed(long)} reseeds it). */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Generator.defaultGenerator());
    }

    /** A cell with biases and PyTorch's default start from {@code generator}. */
    public RNNCell(int inputSize, int hiddenSize, Generator generator) {
        this(inputSize, hiddenSize, true, generator);
    }

    /** PyTorch's default start from {@code generator}; {@code bias=false} leaves out b_ih and b_hh. */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, Generator generator) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("RNNCell: sizes must be positive: got inputSize=" + inputSize
                    + ", hiddenSize=" + hiddenSize + ": pass the number of input features and of hidden units");
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.seed = Init.seedText(generator);
        this.weightIh = Tensor.zeros(hiddenSize, inputSize);
        this.weightHh = Tensor.zeros(hiddenSize, hiddenSize);
        this.biasIh = bias ? Tensor.zeros(hiddenSize) : null;
        this.biasHh = bias ? Tensor.zeros(hiddenSize) : null;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (Tensor p : parameters()) {
            Init.uniform(p, -bound, bound, generator);
            p.requiresGrad(true);
        }
    }

    /** One step from a zero hidden state (as PyTorch when no h is given). */
    @Override
    public Tensor forward(Tensor x) {
        int[] h = x.shape();
        h[h.length - 1] = hiddenSize;
        return forward(x, Tensor.zeros(h));
    }

    /** One step: the next hidden state h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). */
    public Tensor forward(Tensor x, Tensor h) {
        if (x.ndim() < 1 || x.ndim() > 2 || x.size(-1) != inputSize) {
            throw new ShapeMismatchException("RNNCell: input has shape " + Arrays.toString(x.shape()) + " but the cell "
                    + "expects (N, " + inputSize + ") or (" + inputSize + "): pass one time step of the sequence, e.g. "
                    + "xs.select(0, t) for xs of shape (T, N, " + inputSize + ")");
        }
        int[] expected = x.shape();
        expected[expected.length - 1] = hiddenSize;
        if (!Arrays.equals(h.shape(), expected)) {
            throw new ShapeMismatchException("RNNCell: hidden state has shape " + Arrays.toString(h.shape()) + " but "
                    + "the input " + Arrays.toString(x.shape()) + " needs " + Arrays.toString(expected) + ": start "
                    + "from Tensor.zeros(" + Arrays.toString(expected).replaceAll("[\\[\\]]", "") + ") and pass each "
                    + "step's output back in");
        }
        Tensor fromInput = x.matmul(weightIh.transpose());
        Tensor fromHidden = h.matmul(weightHh.transpose());
        if (biasIh != null) {
            fromInput = fromInput.add(biasIh);
            fromHidden = fromHidden.add(biasHh);
        }
        return fromInput.add(fromHidden).tanh();
    }

    /** W_ih, shape (hidden, in). */
    public Tensor weightIh() {
        return weightIh;
    }

    /** W_hh, shape (hidden, hidden): the recurrent weight whose spectral radius decides vanishing or exploding. */
    public Tensor weightHh() {
        return weightHh;
    }

    /** b_ih, shape (hidden). */
    public Tensor biasIh() {
        return bias("biasIh", biasIh);
    }

    /** b_hh, shape (hidden). */
    public Tensor biasHh() {
        return bias("biasHh", biasHh);
    }

    private Tensor bias(String name, Tensor b) {
        if (b == null) {
            throw new IllegalStateException("RNNCell: this cell was built without biases (bias=false), so it has no "
                    + name + ": check hasBias() first, or build it with biases");
        }
        return b;
    }

    /** Copy values into W_ih (shape (hidden, in)), in place; returns this. */
    public RNNCell setWeightIh(Tensor values) {
        copyInto("RNNCell.setWeightIh", "weightIh", weightIh, values);
        return this;
    }

    /** Copy values into W_hh (shape (hidden, hidden)), in place, e.g. a matrix of chosen spectral radius; returns this. */
    public RNNCell setWeightHh(Tensor values) {
        copyInto("RNNCell.setWeightHh", "weightHh", weightHh, values);
        return this;
    }

    public boolean hasBias() {
        return biasIh != null;
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("weightIh", weightIh);
        params.put("weightHh", weightHh);
        if (biasIh != null) {
            params.put("biasIh", biasIh);
            params.put("biasHh", biasHh);
        }
        return params;
    }

    @Override
    public String toString() {
        return "RNNCell(" + inputSize + ", " + hiddenSize + ", bias=" + hasBias() + ", nonlinearity=tanh, "
                + seed + ")";
    }
}
