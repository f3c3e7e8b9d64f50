package backprop.nn;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * Cross-entropy from raw scores (logits) and integer class labels, as PyTorch's
 * {@code nn.CrossEntropyLoss}: a log-softmax and the negative log-likelihood of the true class.
 * <pre>
 * Lᵢ = −log softmax(xᵢ)[yᵢ] = −xᵢ[yᵢ] + log Σⱼ e^xᵢⱼ        (log-sum-exp taken stably)
 * ∂Lᵢ/∂xᵢⱼ = softmax(xᵢ)ⱼ − [j = yᵢ]                       (divided by N for the mean)
 * </pre>
 * Input: logits (N, C), no softmax applied. Target: the class of each sample as a 1-d tensor of N
 * whole numbers in 0..C−1 (not one-hot vectors, not probabilities).
 */
public final class CrossEntropyLoss implements Loss {
    private final Reduction reduction;

    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    public CrossEntropyLoss(Reduction reduction) {
        this.reduction = Reduction.check("CrossEntropyLoss", reduction);
    }

    @Override
    public Tensor forward(Tensor logits, Tensor labels) {
        check(logits, labels);
        Tensor nll = logits.logSoftmax(1).gather(1, labels.reshape(-1, 1)).reshape(-1).neg();   // −log p(true class), one per sample
        return reduction.apply(nll);
    }

    private static void check(Tensor logits, Tensor labels) {
        int[] xs = logits.shape();
        int[] ys = labels.shape();
        if (xs.length != 2) {
            throw new ShapeMismatchException("CrossEntropyLoss: logits must be 2-d (batch, classes): got shape "
                    + Arrays.toString(xs) + (xs.length == 1 ? ": for one sample use logits.reshape(1, -1)"
                    : ": pass one row of class scores per sample"));
        }
        int n = xs[0];
        int c = xs[1];
        if (ys.length == 2 && ys[0] == n && ys[1] == 1 && c != 1) {
            throw new ShapeMismatchException("CrossEntropyLoss: target has shape " + Arrays.toString(ys)
                    + ", a column of labels, but CrossEntropyLoss takes them as a 1-d tensor of " + n
                    + " class indices: pass target.reshape(-1)");
        }
        if (ys.length == 2) {
            throw new ShapeMismatchException("CrossEntropyLoss: target has shape " + Arrays.toString(ys)
                    + ", like one-hot vectors or probabilities, but CrossEntropyLoss takes class indices: a 1-d tensor"
                    + " of " + n + " whole numbers in 0.." + (c - 1) + ": convert with target.argmax(1)");
        }
        if (ys.length != 1 || ys[0] != n) {
            throw new ShapeMismatchException("CrossEntropyLoss: logits " + Arrays.toString(xs) + " need " + n
                    + " labels but the target has shape " + Arrays.toString(ys)
                    + ": pass one class index per sample, a 1-d tensor of length " + n);
        }
        double[] y = labels.toArray();
        for (int i = 0; i < n; i++) {
            if (y[i] != Math.rint(y[i])) {
                throw new IllegalArgumentException("CrossEntropyLoss: labels must be whole numbers (class indices in 0.."
                        + (c - 1) + "): got " + y[i] + " at index " + i + ": CrossEntropyLoss takes class indices, not "
                        + "probabilities; for 0/1 probabilities of one class use BCEWithLogitsLoss");
            }
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException("CrossEntropyLoss: label " + (long) y[i] + " at index " + i
                        + " is out of range for " + c + " classes: labels must be in 0.." + (c - 1)
                        + ": give the model one output per class (" + (long) Math.max(c, y[i] + 1)
                        + " outputs if labels go up to " + (long) y[i] + "), or renumber the labels from 0");
            }
        }
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(reduction=" + reduction + ")";
    }
}
