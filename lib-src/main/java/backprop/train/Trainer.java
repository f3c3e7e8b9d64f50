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
import backprop.tensor.Tensor;

import java.io.PrintStream;
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
 * Sequential model = new Sequential(new Linear(4, 16, 1), new Tanh(), new Linear(16, 3, 2));
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
                        throw diverged("the loss is " + value, history, step, epoch, b, train.numBatches(), lastFinite, lastFiniteStep);
                    }
                    l.backward();
                    for (Tensor p : optimizer.parameters()) {
                        double[] g = p.gradData();
                        if (g != null) {
                            for (double v : g) {
                                if (!Double.isFinite(v)) {
                                    throw diverged("the gradient of " + names.getOrDefault(p, "a parameter") + " holds " + v
                                                    + " (the loss, " + fmt(value) + ", was finite)",
                                            history, step, epoch, b, train.numBatches(), value, step);
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
                                               double lastFinite, long lastFiniteStep) {
        String last = Double.isNaN(lastFinite)
                ? "there was no finite loss before it (check the data for NaN values and the initial weights)"
                : "the last finite loss was " + fmt(lastFinite) + " at step " + lastFiniteStep;
        String message = "fit: " + what + " at step " + step + " (epoch " + epoch + ", batch " + batch + " of " + batches
                + "): training diverged; " + last + ". Likely causes: the learning rate is too high (lr=" + optimizer.lr()
                + ": try 10 times smaller); exploding gradients (clip them: trainer.clipGradNorm(1.0), or "
                + "GradClip.clipGradNorm(model.parameters(), 1.0) before optimizer.step()); the log of zero (a probability "
                + "of exactly 0 or 1 in BCELoss or a log of softmax: use BCEWithLogitsLoss or CrossEntropyLoss on logits); "
                + "unscaled features (standardise them with Standardizer)";
        return new TrainingDivergedException(message, history, step, lastFinite);
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
