package backprop.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What happened during training: the loss after every update step, the training and validation
 * loss after every epoch, and any named metrics you record (accuracy, gradient norm, ...).
 *
 * <pre>{@code
 * History history = new History();
 * for (int epoch = 0; epoch < 20; epoch++) {
 *     for (Batch b : loader) {
 *         double loss = ...;             // forward, backward, update
 *         history.recordStep(loss);      // one point per update
 *     }
 *     history.recordEpoch(trainLoss, valLoss);   // one point per epoch
 *     history.record("val_acc", accuracy);       // a named per-epoch metric
 * }
 * Plots.lossCurves(history)              // the picture
 * }</pre>
 *
 * <p>Values are stored as given, NaN and infinity included (a diverging run is worth seeing); the
 * plots draw them as gaps. Accessors return copies, so a caller cannot change the record.
 */
public final class History {

    private final DoubleList stepLosses = new DoubleList();
    private final DoubleList trainLosses = new DoubleList();
    private final DoubleList valLosses = new DoubleList();
    /** Number of steps recorded when each epoch was recorded (for "steps per epoch"). */
    private final List<Integer> epochEndSteps = new ArrayList<>();
    private final Map<String, DoubleList> epochMetrics = new LinkedHashMap<>();
    private final Map<String, DoubleList> stepMetrics = new LinkedHashMap<>();

    /** An empty history. */
    public History() {
    }

    // ------------------------------------------------------------------ recording

    /** Records the training loss of one update step (one mini-batch). */
    public History recordStep(double loss) {
        stepLosses.add(loss);
        return this;
    }

    /** Records a named metric of one update step, e.g. {@code recordStep("grad_norm", 0.8)}. */
    public History recordStep(String metric, double value) {
        stepMetrics.computeIfAbsent(checkName("recordStep", metric), k -> new DoubleList()).add(value);
        return this;
    }

    /** Records the training loss of one epoch (no validation set). */
    public History recordEpoch(double trainLoss) {
        return recordEpoch(trainLoss, Double.NaN);
    }

    /**
     * Records the training and validation loss of one epoch. Pass {@code Double.NaN} as
     * {@code valLoss} for an epoch without validation.
     */
    public History recordEpoch(double trainLoss, double valLoss) {
        trainLosses.add(trainLoss);
        valLosses.add(valLoss);
        epochEndSteps.add(stepLosses.size());
        return this;
    }

    /**
     * Appends one value of a named per-epoch metric, e.g. {@code record("val_acc", 0.93)}.
     * Each metric is its own series; its n-th value belongs to its n-th epoch.
     */
    public History record(String metric, double value) {
        epochMetrics.computeIfAbsent(checkName("record", metric), k -> new DoubleList()).add(value);
        return this;
    }

    private static String checkName(String op, String metric) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException(op + ": metric name is empty: got " + (metric == null ? "null" : "\"" + metric + "\"")
                    + ": pass a name such as \"val_acc\"");
        }
        return metric;
    }

    // ------------------------------------------------------------------ reading

    /** The training loss of every update step, in order (a copy). */
    public double[] stepLosses() {
        return stepLosses.toArray();
    }

    /** The loss of the first step recorded (NaN if none). */
    double firstStepLoss() {
        return stepLosses.size() == 0 ? Double.NaN : stepLosses.get(0);
    }

    /** The training loss of every epoch, in order (a copy). */
    public double[] trainLosses() {
        return trainLosses.toArray();
    }

    /** The validation loss of every epoch, NaN where none was recorded (a copy). */
    public double[] valLosses() {
        return valLosses.toArray();
    }

    /** The values of a per-epoch metric recorded with {@link #record(String, double)}. */
    public double[] metric(String name) {
        DoubleList values = epochMetrics.get(name);
        if (values == null) {
            throw new IllegalArgumentException("metric: no metric named \"" + name + "\": recorded metrics are "
                    + epochMetrics.keySet() + ": record it with history.record(\"" + name + "\", value)");
        }
        return values.toArray();
    }

    /** The values of a per-step metric recorded with {@link #recordStep(String, double)}. */
    public double[] stepMetric(String name) {
        DoubleList values = stepMetrics.get(name);
        if (values == null) {
            throw new IllegalArgumentException("stepMetric: no step metric named \"" + name + "\": recorded step metrics are "
                    + stepMetrics.keySet() + ": record it with history.recordStep(\"" + name + "\", value)");
        }
        return values.toArray();
    }

    /** Names of the per-epoch metrics, in the order they were first recorded. */
    public List<String> metricNames() {
        return Collections.unmodifiableList(new ArrayList<>(epochMetrics.keySet()));
    }

    /** Names of the per-step metrics, in the order they were first recorded. */
    public List<String> stepMetricNames() {
        return Collections.unmodifiableList(new ArrayList<>(stepMetrics.keySet()));
    }

    /** Number of update steps recorded with {@link #recordStep(double)}. */
    public int steps() {
        return stepLosses.size();
    }

    /** Number of epochs recorded with {@link #recordEpoch(double, double)}. */
    public int epochs() {
        return trainLosses.size();
    }

    /** Whether at least one epoch has a (non-NaN) validation loss. */
    public boolean hasValidation() {
        for (double v : valLosses.toArray()) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing at all has been recorded yet. */
    public boolean isEmpty() {
        return stepLosses.size() == 0 && trainLosses.size() == 0 && epochMetrics.isEmpty() && stepMetrics.isEmpty();
    }

    /**
     * The number of update steps recorded before the end of each epoch (cumulative), e.g.
     * {@code [32, 64, 96]} for 32 mini-batches per epoch.
     */
    public int[] epochEndSteps() {
        return epochEndSteps.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The epoch (counting from 1) with the lowest validation loss, or the lowest training loss
     * when no validation loss was recorded: the epoch early stopping would keep.
     *
     * @throws IllegalStateException if no epoch has been recorded
     */
    public int bestEpoch() {
        if (epochs() == 0) {
            throw new IllegalStateException("bestEpoch: no epoch recorded yet: call history.recordEpoch(trainLoss, valLoss) first");
        }
        double[] losses = hasValidation() ? valLosses() : trainLosses();
        int best = -1;
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isNaN(losses[i]) && (best < 0 || losses[i] < losses[best])) {
                best = i;
            }
        }
        return best + 1; // 0 if every loss is NaN
    }

    /**
     * One line per kind of record, with first and last values, e.g.
     * <pre>
     * History(20 epochs, 640 steps)
     *   train loss  0.6931 -> 0.1020
     *   val loss    0.7012 -> 0.1198 (best 0.1150 at epoch 17)
     *   val_acc     0.5000 -> 0.9500
     * </pre>
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "History(empty: call recordStep(loss) or recordEpoch(trainLoss, valLoss) while training)";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("History(").append(epochs()).append(epochs() == 1 ? " epoch, " : " epochs, ")
                .append(steps()).append(steps() == 1 ? " step)" : " steps)");
        if (steps() > 0) {
            line(sb, "step loss", stepLosses.toArray(), "");
        }
        if (epochs() > 0) {
            line(sb, "train loss", trainLosses.toArray(), "");
        }
        if (hasValidation()) {
            double[] val = valLosses.toArray();
            int best = bestEpoch();
            line(sb, "val loss", val, best > 0 ? " (best " + fmt(val[best - 1]) + " at epoch " + best + ")" : "");
        }
        epochMetrics.forEach((name, values) -> line(sb, name, values.toArray(), ""));
        stepMetrics.forEach((name, values) -> line(sb, name + " (per step)", values.toArray(), ""));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, double[] values, String suffix) {
        sb.append(String.format(Locale.ROOT, "%n  %-12s", name));
        if (values.length == 0) {
            sb.append("(none)");
        } else if (values.length == 1) {
            sb.append(fmt(values[0]));
        } else {
            sb.append(fmt(values[0])).append(" -> ").append(fmt(values[values.length - 1]));
        }
        sb.append(suffix);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        return (a != 0 && (a < 1e-3 || a >= 1e5)) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A growable double array (no boxing for long runs). */
    private static final class DoubleList {
        private double[] data = new double[16];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        double get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
