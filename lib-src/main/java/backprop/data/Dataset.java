package backprop.data;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Examples to learn from: a feature tensor {@code x} with one row per example, shape (n, d), and a
 * target tensor {@code y} with one entry (or row) per example: class indices (n) for
 * classification, numbers (n) or (n, 1) for regression. As PyTorch's {@code TensorDataset}.
 *
 * <pre>{@code
 * Dataset data = new Dataset(Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), Tensor.of(0, 1, 1));
 * data.size()          // 3
 * data.get(0, 2)       // Batch(x (2, 2), y (2)): rows 0 and 2
 * }</pre>
 *
 * <p>A dataset made by {@link Tables} also knows its column names and, for a text target, the
 * class names ({@link #labels()}). Datasets never change: {@link #subset}, {@link Split} and
 * {@link Standardizer} return new ones. The tensors are held detached: data is not part of any
 * autograd graph.
 */
public final class Dataset {
    private final Tensor x;
    private final Tensor y;
    private final List<String> featureNames;
    private final String targetName;
    private final Labels labels;

    /** Features x (n, ...) and targets y (n, ...): the first axis counts examples in both. */
    public Dataset(Tensor x, Tensor y) {
        this(x, y, null, null, null);
    }

    /**
     * Features and targets with names: {@code featureNames} (one per column of a 2-d x, or null),
     * {@code targetName} (or null) and {@code labels}, the class names of a classification target
     * (or null for a numeric target).
     */
    public Dataset(Tensor x, Tensor y, List<String> featureNames, String targetName, Labels labels) {
        if (x.ndim() == 0 || y.ndim() == 0) {
            throw new ShapeMismatchException("Dataset: x and y need one row per example, got shapes "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape())
                    + ": reshape a single number to (1), or a vector of n values x to (n, 1)");
        }
        if (x.size(0) != y.size(0)) {
            throw new backprop.tensor.ShapeMismatchException("Dataset: x has " + x.size(0) + " rows but y has " + y.size(0)
                    + " (shapes " + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape())
                    + "): give one target per example");
        }
        if (featureNames != null && (x.ndim() != 2 || featureNames.size() != x.size(1))) {
            throw new ShapeMismatchException("Dataset: " + featureNames.size() + " feature names " + featureNames
                    + " for x of shape " + Arrays.toString(x.shape()) + ": give one name per column of a 2-d x, or none");
        }
        requireFinite("x", x, featureNames);
        requireFinite("y", y, null);
        if (labels != null) {
            Labels.checkIndices("Dataset", y, labels.size());
        }
        this.x = x.requiresGrad() ? x.detach() : x;
        this.y = y.requiresGrad() ? y.detach() : y;
        this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
        this.targetName = targetName;
        this.labels = labels;
    }

    /** Every value finite, or a message naming the row (and column) of the first NaN or infinity. */
    private static void requireFinite(String what, Tensor t, List<String> columnNames) {
        double[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                int rowLength = v.length / t.size(0);
                int row = i / rowLength;
                int col = i % rowLength;
                String column = t.ndim() == 1 ? ""
                        : ", column " + col + (columnNames != null && col < columnNames.size() ? " (\"" + columnNames.get(col) + "\")" : "");
                throw new IllegalArgumentException("Dataset: " + what + " holds " + v[i] + " in row " + row + column
                        + " (shape " + Arrays.toString(t.shape()) + "): a model cannot learn from non-finite values "
                        + "(training would stop at the batch holding it): drop that row or fill the value (e.g. with "
                        + "the column mean) before making the Dataset");
            }
        }
    }

    /** The features, one row per example. */
    public Tensor x() {
        return x;
    }

    /** The targets, one per example. */
    public Tensor y() {
        return y;
    }

    /** Number of examples (rows). */
    public int size() {
        return x.size(0);
    }

    /** Number of features: the length of one row of x (1 for a 1-d x). */
    public int numFeatures() {
        int[] s = x.shape();
        int d = 1;
        for (int i = 1; i < s.length; i++) {
            d *= s[i];
        }
        return d;
    }

    /** The feature column names, or an empty list if none were given. */
    public List<String> featureNames() {
        return featureNames == null ? List.of() : featureNames;
    }

    /** The target column name, or null if none was given. */
    public String targetName() {
        return targetName;
    }

    /** Whether the target holds class indices with known class names. */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The class names of a classification target, e.g. {@code {setosa=0, versicolor=1, virginica=2}}.
     *
     * @throws IllegalStateException if the target is numeric
     */
    public Labels labels() {
        if (labels == null) {
            throw new IllegalStateException("labels: this dataset's target" + (targetName == null ? "" : " \"" + targetName + "\"")
                    + " has no class names (it was numeric): if it holds class indices 0..k-1, use Labels.fromIndices(data.y())");
        }
        return labels;
    }

    /** The examples at these row indices, in this order, as one batch. */
    public Batch get(int... rows) {
        return new Batch(x.index(rows), y.index(rows));
    }

    /** A dataset of the examples at these row indices, in this order (names and labels kept). */
    public Dataset subset(int... rows) {
        return new Dataset(x.index(rows), y.index(rows), featureNames, targetName, labels);
    }

    /** The same examples with new features (e.g. standardised); names are kept when the column count is. */
    public Dataset withX(Tensor newX) {
        boolean keepNames = featureNames != null && newX.ndim() == 2 && newX.size(1) == featureNames.size();
        return new Dataset(newX, y, keepNames ? featureNames : null, targetName, labels);
    }

    /** The same examples with new targets (class names dropped unless they still fit). */
    public Dataset withY(Tensor newY) {
        Labels keep = null;
        if (labels != null) {
            try {
                Labels.checkIndices("withY", newY, labels.size());
                keep = labels;
            } catch (IllegalArgumentException notIndices) {
                keep = null;
            }
        }
        return new Dataset(x, newY, featureNames, targetName, keep);
    }

    /**
     * The same examples with y as a column (n, 1): what {@code MSELoss} and {@code BCELoss} compare
     * with the (n, 1) output of a {@code Linear(d, 1)} layer.
     */
    public Dataset targetAsColumn() {
        return new Dataset(x, y.reshape(y.size(0), -1), featureNames, targetName, null);
    }

    /**
     * E.g. {@code Dataset(150 rows: x (150, 4) [sepal_length, sepal_width, petal_length, petal_width],
     * y (150) species {setosa=0, versicolor=1, virginica=2})}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Dataset(").append(size()).append(size() == 1 ? " row: x " : " rows: x ");
        sb.append(shape(x));
        if (featureNames != null) {
            List<String> shown = featureNames.size() <= 8 ? featureNames
                    : new ArrayList<>(featureNames.subList(0, 6));
            sb.append(' ').append(shown.toString());
            if (featureNames.size() > 8) {
                sb.setLength(sb.length() - 1);
                sb.append(", ... ").append(featureNames.size() - 6).append(" more]");
            }
        }
        sb.append(", y ").append(shape(y));
        if (targetName != null) {
            sb.append(' ').append(targetName);
        }
        if (labels != null) {
            sb.append(' ').append(labels);
        }
        return sb.append(')').toString();
    }

    static String shape(Tensor t) {
        int[] s = t.shape();
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return sb.append(')').toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
