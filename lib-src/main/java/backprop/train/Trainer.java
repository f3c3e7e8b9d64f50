package backprop.train;

import backprop.data.Batch;
import backprop.data.DataLoader;
import backprop.data.Dataset;
import backprop.nn.BCELoss;
import backprop.nn.BCEWithLogitsLoss;
import backprop.nn.CrossEntropyLoss;
import backprop.nn.Loss;
import backprop.nn.Module;
import backprop.optim.GradClip;
import backprop.optim.LRScheduler;
import backprop.optim.Optimizer;
import backprop.plot.LivePlot;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The training loop, written once: for each epoch, for each batch, forward, loss, backward, update;
 * the losses go into a {@link History}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Linear(4, 16, new Generator(1)), new Tanh(), new Linear(16, 3, new Generator(2)));
 * SGD opt = new SGD(model.parameters(), 0.1);
 * History h = Trainer.fit(model, new CrossEntropyLoss(), opt, new DataLoader(train, 16, true, 42), 100, val);
 * }</pre>
 *
 * <p>Each step is exactly the loop a notebook writes by hand:
 * <pre>{@code
 * optimizer.zeroGrad();                                   // gradients add up: clear last step's
 * Tensor loss = lossFn.forward(model.forward(b.x()), b.y());
 * loss.backward();                                        // ∂loss/∂p for every parameter p
 * optimizer.step();                                       // p ← p − lr · ∂loss/∂p (or Adam's rule, ...)
 * }</pre>
 *
 * <p><b>Recorded:</b> the loss of every step ({@link History#stepLosses()}); per epoch, the training
 * loss (the mean of that epoch's step losses weighted by batch size) and, with validation data, the
 * validation loss (the whole validation set in eval mode, without gradients, after the epoch's
 * updates). For a classifier ({@code CrossEntropyLoss}, {@code BCELoss}, {@code BCEWithLogitsLoss})
 * also {@code "train_acc"} (from the batches as they were trained) and {@code "val_acc"}.
 *
 * <p><b>Progress:</b> one line on standard output, rewritten in place with {@code \r}:
 * {@code epoch 3/100  step 7/7  loss 0.4213  val_loss 0.4410  850 steps/s}. It is redrawn at most
 * every 100 ms, so fast epochs do not flood a notebook, and always at the end of the last epoch, so
 * the final numbers stay on screen. Turn it off with {@code new Trainer(...).progress(false)}.
 *
 * <p><b>Divergence guard:</b> training stops at the first step whose loss or gradient is NaN or
 * infinite, with a {@link TrainingDivergedException} that names the step, the last finite loss and
 * the usual causes (learning rate too high, exploding gradients, the log of zero). Its
 * {@link TrainingDivergedException#history() history()} holds the run so far.
 *
 * <p>The same model, optimiser, data and seeds give the same History, digit for digit.
 */
public final class Trainer {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private boolean progress = true;
    private PrintStream out;   // null: System.out as it is when fit runs (a notebook kernel swaps it per cell)
    private double clipNorm = Double.NaN;
    private LRScheduler scheduler;
    private LongSupplier clock = System::nanoTime;
    private LivePlot live;

    /** A trainer for this model, loss and optimiser (build the optimiser from {@code model.parameters()}). */
    public Trainer(Module model, Loss loss, Optimizer optimizer) {
        if (model == null || loss == null || optimizer == null) {
            throw new IllegalArgumentException("Trainer: model, loss and optimizer are all needed: got model=" + model
                    + ", loss=" + loss + ", optimizer=" + optimizer);
        }
        Map<Tensor, Boolean> own = new IdentityHashMap<>();
        for (Tensor p : model.parameters()) {
            own.put(p, Boolean.TRUE);
        }
        boolean any = false;
        for (Tensor p : optimizer.parameters()) {
            any |= own.containsKey(p);
        }
        if (!any) {
            throw new IllegalArgumentException("Trainer: the optimizer updates " + optimizer.parameters().size()
                    + " tensors, none of them a parameter of this model, so training would change nothing: "
                    + "build the optimizer from this model, e.g. new SGD(model.parameters(), 0.1)");
        }
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /** Trains with the progress line on; see the class comment. */
    public static History fit(Module model, Loss loss, Optimizer optimizer, DataLoader train, int epochs) {
        return new Trainer(model, loss, optimizer).fit(train, epochs);
    }

    /** Trains with the progress line on, measuring the validation loss after every epoch. */
    public static History fit(Module model, Loss loss, Optimizer optimizer, DataLoader train, int epochs, Dataset validation) {
        return new Trainer(model, loss, optimizer).fit(train, epochs, validation);
    }

    /** Show the progress line (the default) or not. Returns this. */
    public Trainer progress(boolean show) {
        this.progress = show;
        return this;
    }

    /** Where the progress line goes (by default standard output, looked up when {@code fit} starts). Returns this. */
    public Trainer output(PrintStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("output: stream is null: pass System.out, or call progress(false) for no output");
        }
        this.out = stream;
        return this;
    }

    /**
     * Clip the gradients to global L2 norm {@code maxNorm} after each backward pass, before the
     * update ({@link GradClip#clipGradNorm}). Returns this.
     */
    public Trainer clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be a positive finite number: got " + maxNorm
                    + ": typical values are 0.5 to 5");
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Call {@code scheduler.step()} after every epoch. Returns this. */
    public Trainer scheduler(LRScheduler schedule) {
        if (schedule != null && schedule.optimizer() != optimizer) {
            throw new IllegalArgumentException("scheduler: this schedule changes another optimizer's learning rate: "
                    + "build it from the trainer's optimizer");
        }
        this.scheduler = schedule;
        return this;
    }

    /**
     * Redraw {@code plot} (the loss curves, and the decision boundary if it has one) while training:
     * {@code update} after every step and epoch (it draws at most a few times a second), and
     * {@code finish} when the run ends, also when the divergence guard stops it. Returns this.
     */
    public Trainer live(LivePlot plot) {
        this.live = plot;
        return this;
    }

    /** The time source for redrawing the progress line (tests use a fake one). */
    Trainer clock(LongSupplier nanos) {
        this.clock = nanos;
        return this;
    }

    /** Trains for {@code epochs} epochs over {@code train}; returns what happened. */
    public History fit(DataLoader train, int epochs) {
        return fit(train, epochs, null);
    }

    /**
     * Trains for {@code epochs} epochs over {@code train}, measuring the loss on {@code validation}
     * (may be null) after each epoch; returns what happened.
     */
    public History fit(DataLoader train, int epochs, Dataset validation) {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit: epochs must be at least 1: got " + epochs + ": one epoch is one pass over the training data");
        }
        if (train.numBatches() == 0) {
            throw new IllegalArgumentException("fit: the training loader has no batches (" + train
                    + "): give it some data");
        }
        boolean classifier = loss instanceof CrossEntropyLoss || loss instanceof BCELoss || loss instanceof BCEWithLogitsLoss;
        if (loss instanceof CrossEntropyLoss && train.dataset().hasLabels()) {
            train.dataset().labels().checkModel(model, train.dataset().x());
        }
        checkBeforeFit(train.dataset(), validation);
        Checkpoint good = new Checkpoint(0, Double.NaN);   // the weights to go back to if training diverges
        History history = new History();
        Progress bar = new Progress(epochs, train.numBatches());
        Map<Tensor, String> names = parameterNames();
        long step = 0;
        double lastFinite = Double.NaN;
        long lastFiniteStep = 0;
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                model.train();
                double lossSum = 0;
                int rows = 0;
                int right = 0;
                int b = 0;
                for (Batch batch : train) {
                    b++;
                    step++;
                    optimizer.zeroGrad();
                    Tensor output = model.forward(batch.x());
                    Tensor l = loss.forward(output, batch.y());
                    double value = l.item();
                    if (!Double.isFinite(value)) {
                        throw diverged("the loss is " + value, history, step, epoch, b, train.numBatches(), lastFinite, lastFiniteStep, good);
                    }
                    l.backward();
                    for (Tensor p : optimizer.parameters()) {
                        double[] g = p.gradData();
                        if (g != null) {
                            for (double v : g) {
                                if (!Double.isFinite(v)) {
                                    throw diverged("the gradient of " + names.getOrDefault(p, "a parameter") + " holds " + v
                                                    + " (the loss, " + fmt(value) + ", was finite)",
                                            history, step, epoch, b, train.numBatches(), value, step, good);
                                }
                            }
                        }
                    }
                    if (!Double.isNaN(clipNorm)) {
                        GradClip.clipGradNorm(optimizer.parameters(), clipNorm);
                    }
                    optimizer.step();
                    history.recordStep(value);
                    lastFinite = value;
                    lastFiniteStep = step;
                    lossSum += value * batch.size();
                    rows += batch.size();
                    if (classifier) {
                        right += correct(output, batch.y());
                    }
                    bar.step(epoch, b, lossSum / rows, step);
                    if (live != null) {
                        live.update(history);
                    }
                }
                double trainLoss = lossSum / rows;
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                if (validation != null) {
                    model.eval();
                    try (var noGrad = Tensor.noGrad()) {
                        Tensor output = model.forward(validation.x());
                        valLoss = loss.forward(output, validation.y()).item();
                        if (classifier) {
                            valAcc = (double) correct(output, validation.y()) / validation.size();
                        }
                    } finally {
                        model.train();
                    }
                }
                history.recordEpoch(trainLoss, valLoss);
                if (validation != null && !Double.isFinite(valLoss)) {
                    throw new TrainingDivergedException("fit: the validation loss is " + valLoss + " after epoch " + epoch
                            + " while the training loss is finite (" + fmt(trainLoss) + "): the model's outputs on some "
                            + "validation rows are ones the loss cannot take (e.g. a probability of exactly 0 or 1 in "
                            + "BCELoss: use BCEWithLogitsLoss on logits), or the validation targets differ in kind from the "
                            + "training targets: look at trainer.evaluate(validation) and model.forward(validation.x())",
                            history, step, trainLoss);
                }
                if (trainLoss <= (good.epoch == 0 ? history.firstStepLoss() : good.trainLoss)) {   // better than all before
                    good = new Checkpoint(epoch, trainLoss);
                }
                if (classifier) {
                    history.record("train_acc", (double) right / rows);
                    if (validation != null) {
                        history.record("val_acc", valAcc);
                    }
                }
                if (scheduler != null) {
                    scheduler.step();
                }
                bar.epochEnd(epoch, trainLoss, valLoss, step);
                if (live != null) {
                    live.update(history);
                }
            }
        } finally {
            bar.close();
            if (live != null) {
                live.finish(history);   // the end state, also after a divergence
            }
        }
        return history;
    }

    /** The loss of the model on a whole dataset, in eval mode and without gradients. */
    public double evaluate(Dataset data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var noGrad = Tensor.noGrad()) {
            return loss.forward(model.forward(data.x()), data.y()).item();
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }

    private int correct(Tensor output, Tensor y) {
        Tensor scores = loss instanceof BCEWithLogitsLoss ? output.detach().sigmoid() : output.detach();
        int[] pred = Metrics.predictions(scores);
        double[] labels = y.toArray();
        int right = 0;
        for (int i = 0; i < pred.length && i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                right++;
            }
        }
        return right;
    }

    private Map<Tensor, String> parameterNames() {
        Map<Tensor, String> names = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            names.put(e.getValue(), "\"" + e.getKey() + "\"");
        }
        List<Tensor> params = optimizer.parameters();
        for (int i = 0; i < params.size(); i++) {
            names.putIfAbsent(params.get(i), "parameter " + i);
        }
        return names;
    }

    private TrainingDivergedException diverged(String what, History history, long step, int epoch, int batch, int batches,
                                               double lastFinite, long lastFiniteStep, Checkpoint good) {
        String last = Double.isNaN(lastFinite)
                ? "there was no finite loss before it (the data and the starting weights are finite, both checked: "
                + "look at the scale of the initial weights and of the features)"
                : "the last finite loss was " + fmt(lastFinite) + " at step " + lastFiniteStep;
        last += "; " + good.restore();
        String message = "fit: " + what + " at step " + step + " (epoch " + epoch + ", batch " + batch + " of " + batches
                + "): training diverged; " + last + ". Likely causes: the learning rate is too high (lr=" + optimizer.lr()
                + ": try 10 times smaller); exploding gradients (clip them: trainer.clipGradNorm(1.0), or "
                + "GradClip.clipGradNorm(model.parameters(), 1.0) before optimizer.step()); the log of zero (a probability "
                + "of exactly 0 or 1 in BCELoss or a log of softmax: use BCEWithLogitsLoss or CrossEntropyLoss on logits); "
                + "unscaled features (standardise them with Standardizer). To train again, build a new optimizer "
                + "(its running averages saw the diverged gradients)";
        return new TrainingDivergedException(message, history, step, lastFinite);
    }

    /**
     * Checks made before the first step, so that a mistake is named before an epoch is spent: finite
     * parameters, a validation set that fits the training data, class labels the model has outputs for
     * (named by their row in the data set), and a loss that returns one number.
     */
    private void checkBeforeFit(Dataset data, Dataset validation) {
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            double[] v = e.getValue().toArray();
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalStateException("fit: parameter \"" + e.getKey() + "\" holds " + x + " before training "
                            + "starts: an earlier run that diverged (or a value set by hand) left it so, and no step can "
                            + "recover from it: rebuild the model, or load a saved state with model.loadStateDict(saved), "
                            + "then train again");
                }
            }
        }
        if (validation != null) {
            if (validation.size() == 0) {
                throw new IllegalArgumentException("fit: the validation set has no rows, so every validation loss would be "
                        + "NaN: pass null for no validation, or give it rows (e.g. Split.of(data, 0.8, 0.2, seed))");
            }
            String fix = ": build both from the same data (e.g. Split.of(data, 0.8, 0.2, seed)), with the same columns "
                    + "and the same Standardizer";
            if (!Arrays.equals(rowShape(data.x()), rowShape(validation.x()))) {
                throw new ShapeMismatchException("fit: the validation set's rows have shape " + Arrays.toString(rowShape(validation.x()))
                        + " but the training rows " + Arrays.toString(rowShape(data.x())) + " (x " + Arrays.toString(validation.x().shape())
                        + " and " + Arrays.toString(data.x().shape()) + ")" + fix);
            }
            if (!Arrays.equals(rowShape(data.y()), rowShape(validation.y()))) {
                throw new ShapeMismatchException("fit: the validation targets have shape " + Arrays.toString(validation.y().shape())
                        + " but the training targets " + Arrays.toString(data.y().shape()) + " (one " + Arrays.toString(rowShape(data.y()))
                        + " per row)" + fix);
            }
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var noGrad = Tensor.noGrad()) {    // one forward pass on two rows: no graph, no running statistics
            int rows = Math.min(2, data.size());
            Tensor output = model.forward(data.x().rows(0, rows));
            if (loss instanceof CrossEntropyLoss && output.ndim() == 2) {
                checkClasses("training", data.y(), output.size(1));
                if (validation != null) {
                    checkClasses("validation", validation.y(), output.size(1));
                }
            }
            Tensor l = loss.forward(output, data.y().rows(0, rows));
            if (l.numel() != 1) {
                throw new IllegalArgumentException("fit: the loss " + loss + " returns shape " + Arrays.toString(l.shape())
                        + " for " + rows + " rows, one value per element instead of one number: Reduction.NONE is for "
                        + "looking at each sample's loss; train with Reduction.MEAN (the default), e.g. new "
                        + loss.getClass().getSimpleName() + "()");
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }

    private static int[] rowShape(Tensor t) {
        int[] s = t.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /** Every label a class index below {@code classes}; else name its row in the data set (not in a shuffled batch). */
    private static void checkClasses(String part, Tensor y, int classes) {
        if (y.ndim() != 1) {
            return;                             // the loss explains a target of the wrong shape
        }
        double[] labels = y.toArray();
        for (int row = 0; row < labels.length; row++) {
            double v = labels[row];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException("fit: row " + row + " of the " + part + " data has label " + v
                        + ", not a class index (a whole number in 0.." + (classes - 1) + "): CrossEntropyLoss takes "
                        + "class indices; for probabilities of one class use BCEWithLogitsLoss");
            }
            if (v < 0 || v >= classes) {
                throw new IllegalArgumentException("fit: row " + row + " of the " + part + " data has label " + (long) v
                        + ", but the model has " + classes + " outputs (classes 0.." + (classes - 1) + "): give the last layer "
                        + "one output per class (" + (long) Math.max(classes, v + 1) + " if labels go up to " + (long) v
                        + "), or renumber the labels from 0");
            }
        }
    }

    /**
     * A copy of the model's parameters and buffers: as fit found them (epoch 0), later after an epoch whose
     * training loss is below that of every earlier epoch and below the loss of the first step.
     */
    private final class Checkpoint {
        private final int epoch;
        private final double trainLoss;
        private final Map<Tensor, double[]> values = new IdentityHashMap<>();

        Checkpoint(int epoch, double trainLoss) {
            this.epoch = epoch;
            this.trainLoss = trainLoss;
            model.namedParameters().values().forEach(t -> values.put(t, t.toArray()));
            model.namedBuffers().values().forEach(t -> values.put(t, t.toArray()));
        }

        /** Puts the saved values back and says which ones they are. */
        String restore() {
            values.forEach((t, v) -> System.arraycopy(v, 0, t.dataForUpdate(), 0, v.length));
            return epoch == 0 ? "the model's weights were put back to those fit started with"
                    : "the model's weights were put back to those after epoch " + epoch + " (training loss "
                    + fmt(trainLoss) + ", the lowest epoch loss of this run)";
        }
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        return (a != 0 && (a < 1e-3 || a >= 1e5)) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** E.g. {@code Trainer(model Sequential(...), loss CrossEntropyLoss(...), optimizer SGD(...), progress on)}. */
    @Override
    public String toString() {
        return "Trainer(model " + model + ", loss " + loss + ", optimizer " + optimizer
                + (Double.isNaN(clipNorm) ? "" : ", clipGradNorm " + clipNorm)
                + (scheduler == null ? "" : ", scheduler " + scheduler)
                + (live == null ? "" : ", live plot")
                + ", progress " + (progress ? "on" : "off") + ")";
    }

    /** The single progress line, redrawn with \r at most every 100 ms and at the end of the last epoch. */
    private final class Progress {
        private final int epochs;
        private final int batches;
        private final long start;
        private long lastDraw;
        private int lastLength;
        private boolean drawn;

        private final PrintStream stream = out != null ? out : System.out;

        Progress(int epochs, int batches) {
            this.epochs = epochs;
            this.batches = batches;
            this.start = clock.getAsLong();
            this.lastDraw = start;
        }

        void step(int epoch, int batch, double runningLoss, long steps) {
            if (!progress) {
                return;
            }
            long now = clock.getAsLong();
            if (now - lastDraw >= REDRAW_NANOS) {
                draw(line(epoch, batch, runningLoss, Double.NaN, steps, now), now);
            }
        }

        void epochEnd(int epoch, double trainLoss, double valLoss, long steps) {
            if (!progress) {
                return;
            }
            long now = clock.getAsLong();
            if (epoch == epochs || now - lastDraw >= REDRAW_NANOS) {
                draw(line(epoch, batches, trainLoss, valLoss, steps, now), now);
            }
        }

        private String line(int epoch, int batch, double loss, double valLoss, long steps, long now) {
            StringBuilder sb = new StringBuilder();
            sb.append("epoch ").append(epoch).append('/').append(epochs)
                    .append("  step ").append(batch).append('/').append(batches)
                    .append("  loss ").append(fmt(loss));
            if (!Double.isNaN(valLoss)) {
                sb.append("  val_loss ").append(fmt(valLoss));
            }
            double seconds = (now - start) / 1e9;
            if (seconds > 0) {
                double rate = steps / seconds;
                sb.append("  ").append(rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate)
                        : String.format(Locale.ROOT, "%.1f", rate)).append(" steps/s");
            }
            return sb.toString();
        }

        private void draw(String line, long now) {
            int pad = Math.max(0, lastLength - line.length());
            stream.print("\r" + line + " ".repeat(pad));
            stream.flush();
            lastLength = line.length();
            lastDraw = now;
            drawn = true;
        }

        void close() {
            if (drawn) {
                stream.println();
                stream.flush();
            }
        }
    }
}
