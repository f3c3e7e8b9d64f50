package backprop.train;

import backprop.data.Labels;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * How often a classifier is right: {@link #accuracy} and the {@link #confusionMatrix}.
 *
 * <pre>{@code
 * Tensor logits = model.forward(test.x());            // (n, C) scores, one column per class
 * Metrics.accuracy(logits, test.y())                  // 0.9556: the share of rows whose argmax is the label
 * Metrics.confusionMatrix(logits, test.y(), 3)        // which classes get mistaken for which
 * }</pre>
 *
 * <p>The model output can take three forms, all read by {@link #predictions(Tensor)}:
 * <ul>
 * <li>(n, C) with C ≥ 2: scores, logits or probabilities per class; the prediction is the column
 *     with the largest value (the argmax).</li>
 * <li>(n) or (n, 1) of whole numbers: predicted class indices, used as they are.</li>
 * <li>(n) or (n, 1) of other numbers: the probability of class 1 (a sigmoid output for
 *     {@code BCELoss}); the prediction is 1 when it is at least 0.5. For raw logits of a
 *     {@code BCEWithLogitsLoss} model pass {@code output.sigmoid()}.</li>
 * </ul>
 */
public final class Metrics {
    private Metrics() {
    }

    /** The predicted class of each row (see the class comment for the forms accepted). */
    public static int[] predictions(Tensor output) {
        int[] s = output.shape();
        if (s.length == 2 && s[1] >= 2) {
            double[] v = output.toArray();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("predictions: output row " + (i / s[1]) + " holds " + v[i]
                            + " (shape " + Arrays.toString(s) + "): the model produced a non-finite value, and its argmax "
                            + "would be a guess; check training for divergence");
                }
            }
            return output.argmax(1).toIntArray();
        }
        if (s.length == 1 || (s.length == 2 && s[1] == 1)) {
            double[] v = output.toArray();
            boolean whole = true;
            for (double d : v) {
                whole &= d == Math.rint(d) && d >= 0;
            }
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("predictions: output " + i + " is " + v[i]
                            + ": the model produced a non-finite value; check training for divergence");
                }
                out[i] = whole ? (int) v[i] : (v[i] >= 0.5 ? 1 : 0);
            }
            return out;
        }
        throw new ShapeMismatchException("predictions: model output has shape " + Arrays.toString(s)
                + ": pass (n, classes) scores, or (n) / (n, 1) class indices or probabilities of class 1");
    }

    /** The fraction of rows whose predicted class equals the label, in [0, 1]. */
    public static double accuracy(Tensor output, Tensor labels) {
        int[] pred = predictions(output);
        int[] y = labels("accuracy", labels, pred.length, output);
        if (y.length == 0) {
            throw new IllegalArgumentException("accuracy: no rows: pass at least one prediction and label");
        }
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            if (pred[i] == y[i]) {
                right++;
            }
        }
        return (double) right / y.length;
    }

    /**
     * Counts of (true class, predicted class) pairs over {@code classes} classes: row = the label,
     * column = the prediction, so the diagonal holds the correct predictions.
     */
    public static ConfusionMatrix confusionMatrix(Tensor output, Tensor labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("confusionMatrix: classes must be at least 1: got " + classes
                    + ": pass the number of classes the model predicts");
        }
        return new ConfusionMatrix(counts(output, labels, classes), null);
    }

    /** As {@link #confusionMatrix(Tensor, Tensor, int)}, with the class names printed on the table. */
    public static ConfusionMatrix confusionMatrix(Tensor output, Tensor labels, Labels names) {
        return new ConfusionMatrix(counts(output, labels, names.size()), names.names());
    }

    private static int[][] counts(Tensor output, Tensor labels, int classes) {
        int[] pred = predictions(output);
        int[] y = labels("confusionMatrix", labels, pred.length, output);
        int[][] m = new int[classes][classes];
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes || pred[i] >= classes) {
                throw new IllegalArgumentException("confusionMatrix: row " + i + " has label " + y[i] + " and prediction "
                        + pred[i] + ", but there are only " + classes + " classes (0.." + (classes - 1)
                        + "): pass the right number of classes");
            }
            m[y[i]][pred[i]]++;
        }
        return m;
    }

    private static int[] labels(String op, Tensor labels, int n, Tensor output) {
        int[] s = labels.shape();
        boolean column = s.length == 2 && s[1] == 1;
        if (s.length == 2 && !column) {
            throw new ShapeMismatchException(op + ": labels have shape " + Arrays.toString(s)
                    + ", like one-hot rows; pass class indices, a 1-d tensor (convert with labels.argmax(1))");
        }
        if (labels.numel() != n) {
            throw new ShapeMismatchException(op + ": " + n + " predictions (output " + Arrays.toString(output.shape())
                    + ") but " + labels.numel() + " labels (shape " + Arrays.toString(s) + "): pass one label per row");
        }
        double[] v = labels.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0) {
                throw new IllegalArgumentException(op + ": label " + v[i] + " at position " + i
                        + " is not a class index (a whole number >= 0): pass integer class labels");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
