package backprop.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import backprop.tensor.Tensor;
import backprop.train.History;

/**
 * One picture redrawn in place while a model trains: the loss curves and, for a classifier of
 * 2-D inputs, the decision boundary with the data. The library cannot show an image by itself
 * (showing is the notebook kernel's job), so the notebook hands it its two display functions once:
 *
 * <pre>{@code
 * LivePlot live = new LivePlot(img -> display(img), (id, img) -> updateDisplay(id, img))
 *         .boundary(model::forward, X, y);          // optional: only for 2-D inputs
 * new Trainer(model, loss, opt).live(live).fit(loader, 300);   // redrawn while it trains
 * }</pre>
 *
 * <p>In a hand-written loop, call {@link #update(History)} after every step or epoch and
 * {@link #finish(History)} once at the end; any picture can be animated the same way with
 * {@link #update(Supplier)}, e.g. {@code live.update(() -> Plots.lossSurface(...))}.
 *
 * <p><b>Cheap by construction:</b> {@code update} only reads the clock unless a redraw is due, and
 * the pictures drawn during the run take at most 8 % of it ({@link #maxShare(double)}). A redraw
 * is due when at least {@link #interval(long) interval} milliseconds (250 by default, so at most four
 * pictures a second) have passed since the last one, <em>and</em> the time spent drawing so far plus
 * the expected cost of this picture stays within 8 % of the time since the first {@code update}
 * plus that cost. The expected cost is what the last picture cost: this plot's, or, before its first,
 * the last picture any live plot drew in this JVM (0.1 s if none has), so a run shorter than about
 * twelve pictures' worth shows only its final picture. {@code finish} always draws, so the last picture
 * shows the end state (the picture one would draw after the run anyway); {@code Trainer} calls it
 * when the run ends, also when the divergence guard stops it. {@link #toString()} reports both
 * costs apart.
 *
 * <p><b>Never stops the run:</b> what cannot be drawn is said in the picture instead: an empty
 * history ("no loss recorded yet"), NaN or infinite losses (drawn as gaps, with a note; "no finite
 * value" when there is none), inputs that are not 2-D or a model that fails on the grid (the
 * boundary panel says why). If showing the picture itself fails, one line goes to standard error
 * and training goes on.
 */
public final class LivePlot {

    /** Width of each panel (the loss curves, the decision boundary) in pixels. */
    public static final int PANEL_WIDTH = 520;
    /** Height of each panel in pixels. */
    public static final int PANEL_HEIGHT = 380;
    /** Cells per side of the live decision boundary: half the static picture's, a quarter of the model evaluations. */
    static final int BOUNDARY_GRID = 60;

    private final Function<BufferedImage, String> display;
    private final BiConsumer<String, BufferedImage> updateDisplay;
    /** The expected cost of a first picture when no live plot has drawn one yet in this JVM. */
    static final long FIRST_PICTURE_GUESS_NANOS = 100_000_000L;
    /** What the last picture drawn by any live plot in this JVM cost: the first guess of the next plot. */
    private static volatile long lastPictureNanos = FIRST_PICTURE_GUESS_NANOS;

    private long intervalNanos = 250_000_000L;
    private double maxShare = 0.08;
    private static final LongSupplier SYSTEM_CLOCK = System::nanoTime;
    private LongSupplier clock = SYSTEM_CLOCK;
    private long expectedCost = -1;   // -1: take lastPictureNanos (tests set it)

    private Function<Tensor, Tensor> model;
    private Tensor boundaryX;
    private Tensor boundaryLabels;
    private CurveOption[] curveOptions = new CurveOption[0];
    private String title;                   // null: the loss panel's usual title

    private String id;
    private long lastEnd = Long.MIN_VALUE;   // when the last redraw ended; MIN_VALUE: never
    private long lastCost = -1;             // -1: no picture drawn yet
    private long firstCall = Long.MIN_VALUE;
    private int draws;
    private int updates;
    private long runDrawNanos;              // drawing during the run (update)
    private long finishDrawNanos;           // drawing the final picture (finish)
    private boolean showFailed;
    private static final long NOT_DUE = Long.MIN_VALUE;
    private static final int MAX_STRIDE = 4096;
    private int stride = 1;                 // update calls between two clock reads
    private int callsUntilClock;            // update calls left until the next read
    private long lastRead = Long.MIN_VALUE;  // the clock at the last read

    /**
     * A live plot shown through the notebook's {@code display} (first picture; returns its id) and
     * {@code updateDisplay} (every later picture, in place): in a notebook,
     * {@code new LivePlot(img -> display(img), (id, img) -> updateDisplay(id, img))}.
     */
    public LivePlot(Function<BufferedImage, String> display, BiConsumer<String, BufferedImage> updateDisplay) {
        Args.notNull("LivePlot", "display", display);
        Args.notNull("LivePlot", "updateDisplay", updateDisplay);
        this.display = display;
        this.updateDisplay = updateDisplay;
    }

    /**
     * Also draw the decision boundary of {@code model} over the points {@code X} (n, 2) coloured
     * by {@code labels}, as {@link Plots#decisionBoundary(Function, Tensor, Tensor)} does. Inputs
     * that are not 2-D are reported in the panel, not thrown, so the run goes on. Returns this.
     */
    public LivePlot boundary(Function<Tensor, Tensor> model, Tensor X, Tensor labels) {
        this.model = Args.notNull("boundary", "model", model);
        this.boundaryX = Args.notNull("boundary", "X", X);
        this.boundaryLabels = Args.notNull("boundary", "labels", labels);
        return this;
    }

    /** Options for the loss curves, e.g. {@link CurveOption#PER_STEP} or {@link CurveOption#LOG_SCALE}. Returns this. */
    public LivePlot curves(CurveOption... options) {
        this.curveOptions = Args.notNull("curves", "options", options).clone();
        return this;
    }

    /**
     * The title of the loss panel, in place of the usual "Loss per epoch" or "Training loss per update step":
     * say which run it is when a notebook shows several, e.g. {@code .title("CNN: loss per epoch")}. Returns this.
     */
    public LivePlot title(String title) {
        this.title = Args.notNull("title", "title", title);
        return this;
    }

    /** The shortest time between two redraws, in milliseconds (default 250). Returns this. */
    public LivePlot interval(long millis) {
        if (millis < 0) {
            throw Args.error("interval", "millis must be 0 or more", "got " + millis,
                    "pass e.g. 250 for at most four redraws a second");
        }
        this.intervalNanos = millis * 1_000_000L;
        return this;
    }

    /**
     * The largest share of the run's time that drawing during it may take (default 0.08). A watched run
     * is slowed by a little more than the drawing time this plot measures (the garbage collector clears
     * the pictures away, and the training loop shares the processor's caches with the drawing), so 8 %
     * keeps it within 10 % of a plain run: {@code ./workbook bench} measures both (its live plot table;
     * numbers in bench/README.md). A loop
     * that only waits for the reader (a demonstration with {@code Thread.sleep}) can allow 0.5; a training
     * run should keep the default. Returns this.
     */
    public LivePlot maxShare(double share) {
        if (!(share > 0 && share < 1)) {
            throw Args.error("maxShare", "share must be between 0 and 1 (exclusive)", "got " + share,
                    "pass e.g. 0.1 for at most a tenth of the run, or 0.5 for a loop that only waits for the reader");
        }
        this.maxShare = share;
        return this;
    }

    /** The time source (tests use a fake one). */
    LivePlot clock(LongSupplier nanos) {
        this.clock = nanos;
        return this;
    }

    /** The expected cost of the first picture, instead of the JVM's last one (tests use it). */
    LivePlot firstPictureCost(long nanos) {
        this.expectedCost = nanos;
        return this;
    }

    // ------------------------------------------------------------------ while training

    /** Redraws the loss curves of {@code history} (and the boundary, if set) when a redraw is due; returns whether it drew. */
    public boolean update(History history) {
        long now = due();
        if (now == NOT_DUE) {
            return false;
        }
        runDrawNanos += draw(() -> picture(history), now);
        return true;
    }

    /** Redraws several runs overlaid, one colour each, when a redraw is due; returns whether it drew. */
    public boolean update(Map<String, History> runs) {
        long now = due();
        if (now == NOT_DUE) {
            return false;
        }
        runDrawNanos += draw(() -> picture(runs), now);
        return true;
    }

    /**
     * Redraws any picture when a redraw is due: {@code picture} is called only then, so building
     * it costs nothing in between. Returns whether it drew.
     */
    public boolean update(Supplier<BufferedImage> picture) {
        long now = due();
        if (now == NOT_DUE) {
            return false;
        }
        runDrawNanos += draw(picture, now);
        return true;
    }

    /**
     * The clock's time when a redraw is due, else {@link #NOT_DUE}. Reading the clock costs about as much as
     * a tiny training step (tens of nanoseconds), so calls much closer together than the interval read it
     * only every so many calls ({@code stride}, from the time per call measured between two reads; a read
     * at least every 1/32 of the interval, so a picture comes at most that late).
     */
    private long due() {
        if (--callsUntilClock > 0) {
            return NOT_DUE;
        }
        long now = clock.getAsLong();
        if (lastRead != Long.MIN_VALUE && now > lastRead) {
            long perCall = (now - lastRead) / stride;
            stride = (int) Math.max(1, Math.min(MAX_STRIDE, perCall == 0 ? MAX_STRIDE : intervalNanos / 32 / perCall));
        }
        lastRead = now;
        callsUntilClock = stride;
        if (firstCall == Long.MIN_VALUE) {
            firstCall = now;
        }
        if (now - (lastEnd == Long.MIN_VALUE ? firstCall : lastEnd) < intervalNanos) {
            return NOT_DUE;
        }
        long expected = lastCost >= 0 ? lastCost : expectedCost >= 0 ? expectedCost : lastPictureNanos;
        // after this picture, drawing would have taken (drawn + expected) of (elapsed + expected)
        if (runDrawNanos + expected > maxShare * (now - firstCall + expected)) {
            return NOT_DUE;
        }
        return now;
    }

    /** Draws the final picture of {@code history}, whatever the time. */
    public void finish(History history) {
        finish(() -> picture(history));
    }

    /** Draws the final picture of several runs, whatever the time. */
    public void finish(Map<String, History> runs) {
        finish(() -> picture(runs));
    }

    /** Draws the final picture, whatever the time. */
    public void finish(Supplier<BufferedImage> picture) {
        finishDrawNanos += draw(picture, clock.getAsLong());
    }

    /** How many pictures were shown (the first {@code display} included). */
    public int draws() {
        return draws;
    }

    /** How many of them replaced the picture in place ({@code updateDisplay} calls). */
    public int updates() {
        return updates;
    }

    /** Seconds spent drawing and sending pictures so far, the final one included. */
    public double drawSeconds() {
        return (runDrawNanos + finishDrawNanos) / 1e9;
    }

    /** Seconds spent drawing and sending the pictures during the run ({@code update}), the final one not included. */
    public double runDrawSeconds() {
        return runDrawNanos / 1e9;
    }

    /** Seconds spent drawing and sending the final picture ({@code finish}). */
    public double finalDrawSeconds() {
        return finishDrawNanos / 1e9;
    }

    /**
     * E.g. {@code LivePlot(12 pictures, 11 in place; drawing 0.31 s during the run, 0.04 s the final
     * picture; every >= 250 ms; loss curves + decision boundary)}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LivePlot(%d picture%s, %d in place; drawing %.2f s during the run, %.2f s the final picture; "
                        + "every >= %d ms; loss curves%s%s)",
                draws, draws == 1 ? "" : "s", updates, runDrawNanos / 1e9, finishDrawNanos / 1e9, intervalNanos / 1_000_000L,
                title == null ? "" : " \"" + title + "\"", model == null ? "" : " + decision boundary");
    }

    // ------------------------------------------------------------------ drawing

    /** Draws and shows one picture; returns what it cost in nanoseconds. */
    private long draw(Supplier<BufferedImage> picture, long start) {
        BufferedImage image;
        try {
            image = picture.get();
            if (image == null) {
                image = message(PANEL_WIDTH, PANEL_HEIGHT, "Live plot", "the picture function returned null");
            }
        } catch (RuntimeException e) {
            image = message(PANEL_WIDTH, PANEL_HEIGHT, "Live plot: this picture could not be drawn", e.getMessage());
        }
        try {
            if (id == null) {
                id = display.apply(image);
            } else {
                updateDisplay.accept(id, image);
                updates++;
            }
            draws++;
        } catch (RuntimeException e) {
            if (!showFailed) {
                System.err.println("LivePlot: showing the picture failed (" + e + "); training goes on without it");
                showFailed = true;
            }
        }
        long end = clock.getAsLong();
        lastCost = end - start;
        if (clock == SYSTEM_CLOCK) {   // a test's fake clock says nothing about real pictures
            lastPictureNanos = lastCost;
        }
        lastEnd = end;
        return lastCost;
    }

    private BufferedImage picture(History history) {
        Args.notNull("LivePlot.update", "history", history);
        return withBoundary(lossPanel(LossCurves.single(history)));
    }

    private BufferedImage picture(Map<String, History> runs) {
        Args.nonEmptyMap("LivePlot.update", "runs", runs);
        return withBoundary(lossPanel(runs));
    }

    private BufferedImage lossPanel(Map<String, History> runs) {
        for (History h : runs.values()) {
            if (h.steps() == 0 && h.epochs() == 0) {
                return message(PANEL_WIDTH, PANEL_HEIGHT, "Loss", "no loss recorded yet (the history is empty)");
            }
        }
        try {
            return LossCurves.draw(runs, diverging(runs) ? withLogScale(curveOptions) : curveOptions, PANEL_WIDTH, PANEL_HEIGHT, title);
        } catch (RuntimeException e) {
            return message(PANEL_WIDTH, PANEL_HEIGHT, "Loss: not drawn", e.getMessage());
        }
    }

    /**
     * Whether the finite losses span more than a factor of a million (a run that is diverging): a
     * linear axis would show one spike, and XChart's tick search takes minutes on a range like
     * 1e300, so such a picture is drawn on a log scale.
     */
    static boolean diverging(Map<String, History> runs) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (History h : runs.values()) {
            for (double[] series : new double[][] {h.stepLosses(), h.trainLosses(), h.valLosses()}) {
                for (double v : series) {
                    if (Double.isFinite(v) && v > 0) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return max > 1e6 * min;
    }

    private static CurveOption[] withLogScale(CurveOption[] options) {
        if (CurveOption.has(options, CurveOption.LOG_SCALE)) {
            return options;
        }
        CurveOption[] out = Arrays.copyOf(options, options.length + 1);
        out[options.length] = CurveOption.LOG_SCALE;
        return out;
    }

    private BufferedImage withBoundary(BufferedImage loss) {
        if (model == null) {
            return loss;
        }
        BufferedImage right;
        int[] s = boundaryX.shape();
        if (s.length != 2 || s[1] != 2) {
            right = message(PANEL_WIDTH, PANEL_HEIGHT, "Decision boundary: not drawn",
                    "it needs inputs with 2 features (n, 2), X has shape " + Arrays.toString(s)
                            + "; the loss curves are still live");
        } else {
            try {
                right = DecisionBoundary.draw(model, boundaryX, boundaryLabels, null, PANEL_WIDTH, PANEL_HEIGHT, BOUNDARY_GRID);
            } catch (RuntimeException e) {
                right = message(PANEL_WIDTH, PANEL_HEIGHT, "Decision boundary: not drawn", e.getMessage());
            }
        }
        return Charts.grid(List.of(loss, right), 2);
    }

    /** A white panel with a title and a wrapped message: what could not be drawn, and why. */
    static BufferedImage message(int width, int height, String title, String text) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Charts.hints(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xBBBBBB));
            g.drawRect(10, 10, width - 21, height - 21);
            g.setColor(Charts.TEXT);
            g.setFont(Charts.TITLE_FONT);
            g.drawString(title, 24, 40);
            g.setColor(Charts.NOTE);
            g.setFont(Charts.NOTE_FONT.deriveFont(Font.PLAIN, 13f));
            FontMetrics fm = g.getFontMetrics();
            int y = 70;
            for (String line : wrap(text == null ? "(no message)" : text, fm, width - 48)) {
                g.drawString(line, 24, y);
                y += fm.getHeight();
                if (y > height - 20) {
                    break;
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
