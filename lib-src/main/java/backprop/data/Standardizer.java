package backprop.data;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Rescales each feature to mean 0 and standard deviation 1, with statistics taken from the
 * training data only: {@code z = (x − mean) / std}. As scikit-learn's {@code StandardScaler}.
 *
 * <pre>{@code
 * Standardizer scaler = new Standardizer().fit(split.train());   // means and stds of the training rows
 * Dataset train = scaler.transform(split.train());
 * Dataset val   = scaler.transform(split.validation());          // the same shift and scale
 * }</pre>
 *
 * <p>Why training data only: the validation and test sets stand for data the model has never seen.
 * Statistics computed on them would leak information about them into training, and the scores
 * measured on them would look better than they will be on new data.
 *
 * <p>The standard deviation is the population one (divide by n). A feature that is constant in the
 * training data has std 0; it is divided by 1 instead (so it becomes 0), as scikit-learn does.
 */
public final class Standardizer {
    private double[] means;
    private double[] stds;
    private List<String> featureNames = List.of();

    /** An unfitted standardiser: call {@link #fit(Dataset)} or {@link #fit(Tensor)} next. */
    public Standardizer() {
    }

    /** Learns each column's mean and std from the training features x (n, d). Returns this. */
    public Standardizer fit(Tensor x) {
        if (x.ndim() != 2) {
            throw new ShapeMismatchException("fit: needs a 2-d feature tensor (rows, features): got shape "
                    + Arrays.toString(x.shape()) + ": reshape it, e.g. x.reshape(-1, 1) for one feature");
        }
        int n = x.size(0);
        int d = x.size(1);
        if (n == 0) {
            throw new ShapeMismatchException("fit: x has no rows (shape " + Arrays.toString(x.shape())
                    + "): fit on the training data");
        }
        double[] v = x.toArray();
        double[] m = new double[d];
        double[] s = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = v[i * d + j] - m[j];
                s[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = Math.sqrt(s[j] / n);
            if (!Double.isFinite(m[j]) || !Double.isFinite(s[j])) {
                throw new IllegalArgumentException("fit: feature " + j + " has mean " + m[j] + " and std " + s[j]
                        + ": the training data hold NaN or infinite values: drop or fill them first");
            }
        }
        this.means = m;
        this.stds = s;
        this.featureNames = List.of();
        return this;
    }

    /** Learns the statistics from a training dataset's features (and remembers their names). Returns this. */
    public Standardizer fit(Dataset train) {
        fit(train.x());
        this.featureNames = train.featureNames();
        return this;
    }

    /** Whether {@code fit} has been called. */
    public boolean isFitted() {
        return means != null;
    }

    /** The training means, one per feature. */
    public Tensor means() {
        return Tensor.of(fitted("means").clone());
    }

    /** The training standard deviations, one per feature (0 for a constant feature). */
    public Tensor stds() {
        fitted("stds");
        return Tensor.of(stds.clone());
    }

    /** {@code (x − mean) / std} column by column, with the training statistics (differentiable). */
    public Tensor transform(Tensor x) {
        double[] m = fitted("transform");
        checkColumns("transform", x);
        return x.sub(Tensor.of(m)).div(Tensor.of(divisors()));
    }

    /** The dataset with standardised features; the targets are unchanged. */
    public Dataset transform(Dataset data) {
        return data.withX(transform(data.x()));
    }

    /** Back to the original units: {@code z · std + mean}. */
    public Tensor inverseTransform(Tensor z) {
        double[] m = fitted("inverseTransform");
        checkColumns("inverseTransform", z);
        return z.mul(Tensor.of(divisors())).add(Tensor.of(m));
    }

    private double[] divisors() {
        double[] div = stds.clone();
        for (int j = 0; j < div.length; j++) {
            if (div[j] == 0) {
                div[j] = 1;
            }
        }
        return div;
    }

    private double[] fitted(String op) {
        if (means == null) {
            throw new IllegalStateException(op + ": this Standardizer is not fitted yet: call fit(train) on the "
                    + "training data first, then transform(train), transform(validation), ...");
        }
        return means;
    }

    private void checkColumns(String op, Tensor x) {
        if (x.ndim() != 2 || x.size(1) != means.length) {
            throw new backprop.tensor.ShapeMismatchException(op + ": fitted on " + means.length + " features but x has shape "
                    + Arrays.toString(x.shape()) + ": pass (rows, " + means.length + ") with the columns in the training order");
        }
    }

    /**
     * E.g. {@code Standardizer(4 features: sepal_length mean 5.8433 std 0.8253, ...)}, one line per
     * feature; names appear when fitted on a named dataset.
     */
    @Override
    public String toString() {
        if (means == null) {
            return "Standardizer(not fitted: call fit(train) first)";
        }
        StringBuilder sb = new StringBuilder("Standardizer(").append(means.length)
                .append(means.length == 1 ? " feature)" : " features)");
        int width = 0;
        for (int j = 0; j < means.length; j++) {
            width = Math.max(width, name(j).length());
        }
        for (int j = 0; j < means.length; j++) {
            sb.append("\n  ").append(String.format("%-" + width + "s", name(j)))
                    .append("  mean ").append(fmt(means[j])).append("  std ").append(fmt(stds[j]));
        }
        return sb.toString();
    }

    private String name(int j) {
        return featureNames.size() == means.length ? featureNames.get(j) : "x" + j;
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return (a != 0 && (a < 1e-3 || a >= 1e5)) ? String.format(java.util.Locale.ROOT, "%.4e", v)
                : String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
