package backprop.nn;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch normalisation over a (N, C) batch, as PyTorch's {@code nn.BatchNorm1d}. Each feature
 * (column) is normalised to mean 0 and variance 1, then scaled and shifted by learned γ and β:
 * <pre>
 * training:  μ = mean over the batch,  σ² = biased variance over the batch
 *            y = (x − μ) / √(σ² + eps) · γ + β
 *            runningMean ← (1 − momentum) · runningMean + momentum · μ
 *            runningVar  ← (1 − momentum) · runningVar  + momentum · σ² · N / (N − 1)   (unbiased)
 * eval:      y = (x − runningMean) / √(runningVar + eps) · γ + β
 * </pre>
 * Defaults as PyTorch: eps = 1e-5, momentum = 0.1, γ = 1, β = 0, running mean 0 and variance 1.
 * The gradients come from the tensor operations the forward pass is built of.
 */
public final class BatchNorm1d extends Module {
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private long numBatchesTracked;

    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true);
    }

    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("BatchNorm1d: number of features must be positive: got " + numFeatures
                    + ": pass the number of columns of the input");
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm1d: need eps > 0 and momentum in [0, 1]: got eps=" + eps
                    + ", momentum=" + momentum + ": the defaults are eps=1e-5, momentum=0.1");
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.weight = affine ? Tensor.ones(numFeatures).requiresGrad(true) : null;
        this.bias = affine ? Tensor.zeros(numFeatures).requiresGrad(true) : null;
        this.runningMean = Tensor.zeros(numFeatures);
        this.runningVar = Tensor.ones(numFeatures);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.ndim() != 2 || x.size(1) != numFeatures) {
            throw new ShapeMismatchException("BatchNorm1d: input has shape " + Arrays.toString(x.shape())
                    + " but the layer expects (batch, " + numFeatures + "): pass a 2-d batch with " + numFeatures
                    + " columns");
        }
        Tensor xhat;
        if (isTraining()) {
            int n = x.size(0);
            if (n < 2) {
                throw new ShapeMismatchException("BatchNorm1d: a batch of " + n + " sample has no variance to "
                        + "normalise by in training mode: input " + Arrays.toString(x.shape())
                        + ": use batches of 2 or more samples, or call eval() first to use the running statistics");
            }
            Tensor mean = x.mean(0, true);                      // μ, (1, C)
            Tensor centred = x.sub(mean);                       // x − μ
            Tensor var = centred.square().mean(0, true);        // σ² (biased), (1, C)
            xhat = centred.div(var.add(eps).sqrt());
            updateRunningStats(mean.toArray(), var.toArray(), n);
        } else {
            xhat = x.sub(runningMean).div(runningVar.add(eps).sqrt());
        }
        return affine ? xhat.mul(weight).add(bias) : xhat;
    }

    private void updateRunningStats(double[] mean, double[] biasedVar, int n) {
        double[] rm = runningMean.dataForUpdate();
        double[] rv = runningVar.dataForUpdate();
        double unbias = (double) n / (n - 1);
        for (int c = 0; c < numFeatures; c++) {
            rm[c] = (1 - momentum) * rm[c] + momentum * mean[c];
            rv[c] = (1 - momentum) * rv[c] + momentum * biasedVar[c] * unbias;
        }
        numBatchesTracked++;
    }

    @Override
    Runnable stateRestorer() {
        if (!isTraining()) {
            return null;                        // eval mode reads the running statistics without changing them
        }
        double[] mean = runningMean.toArray();
        double[] var = runningVar.toArray();
        long tracked = numBatchesTracked;
        return () -> {
            System.arraycopy(mean, 0, runningMean.dataForUpdate(), 0, mean.length);
            System.arraycopy(var, 0, runningVar.dataForUpdate(), 0, var.length);
            numBatchesTracked = tracked;
        };
    }

    /** γ, the learned scale (shape (C)). */
    public Tensor weight() {
        requireAffine();
        return weight;
    }

    /** β, the learned shift (shape (C)). */
    public Tensor bias() {
        requireAffine();
        return bias;
    }

    private void requireAffine() {
        if (!affine) {
            throw new IllegalStateException("BatchNorm1d: this layer was built with affine=false and has no γ, β: "
                    + "build it with affine=true to learn a scale and shift");
        }
    }

    /** The running mean used in eval mode (a copy). */
    public Tensor runningMean() {
        return runningMean.detach();
    }

    /** The running (unbiased) variance used in eval mode (a copy). */
    public Tensor runningVar() {
        return runningVar.detach();
    }

    /** How many training batches have updated the running statistics. */
    public long numBatchesTracked() {
        return numBatchesTracked;
    }

    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        if (affine) {
            params.put("weight", weight);
            params.put("bias", bias);
        }
        return params;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        buffers.put("runningMean", runningMean);
        buffers.put("runningVar", runningVar);
        return buffers;
    }

    @Override
    public String toString() {
        return "BatchNorm1d(numFeatures=" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine="
                + affine + ")";
    }
}
