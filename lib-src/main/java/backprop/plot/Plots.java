package backprop.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import javax.imageio.ImageIO;

import backprop.tensor.Tensor;
import backprop.tensor.Value;
import backprop.train.ConfusionMatrix;
import backprop.train.History;

/**
 * One-line pictures for notebooks. Every method returns a {@link BufferedImage}, which every
 * IJava-family kernel shows inline when it is a cell's last expression:
 *
 * <pre>{@code
 * Plots.lossCurves(history)
 * Plots.lossSurface((w0, w1) -> mse(w0, w1), -2, 4, -1, 3, Map.of("SGD", sgdPath, "Adam", adamPath))
 * Plots.decisionBoundary(net::forward, X, y)
 * }</pre>
 *
 * <p>Charts are {@value #WIDTH} x {@value #HEIGHT} pixels (fits a notebook column) unless the
 * method says otherwise; grids of panels and the autograd graph grow with their content. Series
 * given as a {@code Map} are drawn in the map's order when it has one (LinkedHashMap, TreeMap),
 * otherwise sorted by name, so colours do not change between runs. NaN and infinite values are
 * drawn as gaps (or left out) and a short note on the image says how many; bad arguments raise
 * {@link IllegalArgumentException} naming the argument and what is expected.
 */
public final class Plots {

    /** Default chart width in pixels. */
    public static final int WIDTH = 640;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;
    /** Size of each panel in {@link #gradientDescentSteps}: two panels per row. */
    public static final int PANEL_WIDTH = 440;
    /** Height of each panel in {@link #gradientDescentSteps}. */
    public static final int PANEL_HEIGHT = 300;
    /** Size of each panel in {@link #activationHistograms}: three panels per row. */
    public static final int HISTOGRAM_WIDTH = 320;
    /** Height of each panel in {@link #activationHistograms}. */
    public static final int HISTOGRAM_HEIGHT = 240;

    private Plots() {
    }

    // ------------------------------------------------------------------ training curves

    /**
     * Training (solid) and validation (dashed) loss of one run: per epoch when epochs were
     * recorded, else per update step. Options: {@link CurveOption#PER_STEP}, {@link CurveOption#PER_EPOCH},
     * {@link CurveOption#LOG_SCALE}.
     */
    public static BufferedImage lossCurves(History history, CurveOption... options) {
        return LossCurves.draw(LossCurves.single(history), options, WIDTH, HEIGHT);
    }

    /**
     * Several runs overlaid, one colour per run (e.g. three learning rates, or batch vs stochastic
     * vs mini-batch): {@code Plots.lossCurves(Map.of("lr=0.1", h1, "lr=0.01", h2))}.
     */
    public static BufferedImage lossCurves(Map<String, History> runs, CurveOption... options) {
        return LossCurves.draw(runs, options, WIDTH, HEIGHT);
    }

    /** Per-epoch metrics recorded with {@code history.record(name, value)}; all of them when no name is given. */
    public static BufferedImage metrics(History history, String... names) {
        return Curves.metrics(history, names, WIDTH, HEIGHT);
    }

    /** Any named series over 1, 2, 3, ... (x = index + 1), e.g. accuracy of several runs, a learning-rate schedule. */
    public static BufferedImage curves(Map<String, double[]> series, String title, String xLabel, String yLabel,
                                       CurveOption... options) {
        return Curves.draw("curves", series, title, xLabel, yLabel, options, WIDTH, HEIGHT);
    }

    /**
     * Named series over one shared x on log-log axes, a marker at each point: how costs grow with a size, e.g.
     * {@code Plots.logLog(params, Map.of("backprop", backward, "finite differences", fd), "Cost of a gradient",
     * "parameters P", "forward passes")}. A straight line of slope k means growth like xᵏ.
     */
    public static BufferedImage logLog(double[] x, Map<String, double[]> series, String title, String xLabel, String yLabel) {
        return Curves.logLog("logLog", x, series, title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    /**
     * Named functions of one variable drawn over [xmin, xmax], one colour each, e.g. a loss and its
     * derivative, or the gradients two losses give: {@code Plots.functions(Map.of("sigmoid", z -> 1 / (1 + Math.exp(-z))),
     * -6, 6, "The sigmoid", "z", "σ(z)")}. Option: {@link CurveOption#LOG_SCALE}.
     */
    public static BufferedImage functions(Map<String, DoubleUnaryOperator> functions, double xmin, double xmax, String title,
                                          String xLabel, String yLabel, CurveOption... options) {
        return Curves.functions(functions, xmin, xmax, title, xLabel, yLabel, options, WIDTH, HEIGHT);
    }

    // ------------------------------------------------------------------ gradient descent in 1-D

    /**
     * The function f over [xmin, xmax] with the iterates x0, x1, ... of gradient descent drawn on
     * it (start green, end red). The y range comes from f, so iterates outside the window are left
     * out with a note instead of squashing the curve.
     */
    public static BufferedImage functionWithSteps(DoubleUnaryOperator f, double[] iterates, double xmin, double xmax,
                                                  String title) {
        return FunctionSteps.withSteps(f, iterates, xmin, xmax, title, "x", "f(x)", WIDTH, HEIGHT);
    }

    /** As {@link #functionWithSteps(DoubleUnaryOperator, double[], double, double, String)}, with axis titles, e.g. "θ", "J(θ)". */
    public static BufferedImage functionWithSteps(DoubleUnaryOperator f, double[] iterates, double xmin, double xmax,
                                                  String title, String xLabel, String yLabel) {
        return FunctionSteps.withSteps(f, iterates, xmin, xmax, title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    /**
     * Runs {@code x <- x - lr * df(x)} from x0 for {@code steps} steps with each learning rate and
     * draws one panel per rate ({@value #PANEL_WIDTH} x {@value #PANEL_HEIGHT} each, two per row):
     * too small, right, too large, divergent, side by side.
     */
    public static BufferedImage gradientDescentSteps(DoubleUnaryOperator f, DoubleUnaryOperator df, double x0,
                                                     double[] learningRates, int steps, double xmin, double xmax) {
        return FunctionSteps.gradientDescent(f, df, x0, learningRates, steps, xmin, xmax, "x", "f(x)", PANEL_WIDTH, PANEL_HEIGHT);
    }

    /** As {@link #gradientDescentSteps(DoubleUnaryOperator, DoubleUnaryOperator, double, double[], int, double, double)}, with axis titles. */
    public static BufferedImage gradientDescentSteps(DoubleUnaryOperator f, DoubleUnaryOperator df, double x0,
                                                     double[] learningRates, int steps, double xmin, double xmax,
                                                     String xLabel, String yLabel) {
        return FunctionSteps.gradientDescent(f, df, x0, learningRates, steps, xmin, xmax, xLabel, yLabel, PANEL_WIDTH, PANEL_HEIGHT);
    }

    /** The function with its tangent at x0 (slope by central differences) and which way a descent step goes. */
    public static BufferedImage tangent(DoubleUnaryOperator f, double x0, double xmin, double xmax) {
        return FunctionSteps.tangent(f, x0, xmin, xmax, "x", "f(x)", WIDTH, HEIGHT);
    }

    /** As {@link #tangent(DoubleUnaryOperator, double, double, double)}, with axis titles. */
    public static BufferedImage tangent(DoubleUnaryOperator f, double x0, double xmin, double xmax, String xLabel, String yLabel) {
        return FunctionSteps.tangent(f, x0, xmin, xmax, xLabel, yLabel, WIDTH, HEIGHT);
    }

    // ------------------------------------------------------------------ regression

    /** Data points, the line y = w0 + w1 x and the residuals; the title gives the MSE. */
    public static BufferedImage scatterWithLine(double[] x, double[] y, double w0, double w1) {
        return Regression.scatterWithLine(x, y, w0, w1, "x", "y", WIDTH, HEIGHT);
    }

    /** As {@link #scatterWithLine(double[], double[], double, double)}, with axis titles. */
    public static BufferedImage scatterWithLine(double[] x, double[] y, double w0, double w1, String xLabel, String yLabel) {
        return Regression.scatterWithLine(x, y, w0, w1, xLabel, yLabel, WIDTH, HEIGHT);
    }

    // ------------------------------------------------------------------ loss surfaces

    /**
     * A loss of two parameters over [xmin, xmax] x [ymin, ymax] as filled contours (light = low),
     * with optimiser paths on top; each path is a {@code double[steps][2]} of the parameters after
     * every step (first row = start). Pass {@code Map.of()} for the surface alone.
     */
    public static BufferedImage lossSurface(DoubleBinaryOperator loss, double xmin, double xmax, double ymin, double ymax,
                                            Map<String, double[][]> paths) {
        return LossSurface.draw(loss, xmin, xmax, ymin, ymax, paths, "Loss surface", "w0", "w1", WIDTH, HEIGHT);
    }

    /** As {@link #lossSurface(DoubleBinaryOperator, double, double, double, double, Map)}, with title and axis titles. */
    public static BufferedImage lossSurface(DoubleBinaryOperator loss, double xmin, double xmax, double ymin, double ymax,
                                            Map<String, double[][]> paths, String title, String xLabel, String yLabel) {
        return LossSurface.draw(loss, xmin, xmax, ymin, ymax, paths, title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    // ------------------------------------------------------------------ classifiers

    /**
     * Shaded class regions of a classifier over 2-D inputs, its decision boundary, and the points
     * coloured by true class; the title gives the accuracy on these points. {@code X} must be (n, 2);
     * {@code labels} (n) or (n, 1) class indices, or one-hot (n, C). The model's output is read as:
     * (m) or (m, 1) binary, a probability (threshold 0.5) if all outputs lie in [0, 1], else a logit
     * (threshold 0); (m, C) scores, argmax. It runs without recording a graph.
     */
    public static BufferedImage decisionBoundary(Function<Tensor, Tensor> model, Tensor X, Tensor labels) {
        return DecisionBoundary.draw(model, X, labels, null, WIDTH, HEIGHT);
    }

    /** As {@link #decisionBoundary(Function, Tensor, Tensor)}, with a title. */
    public static BufferedImage decisionBoundary(Function<Tensor, Tensor> model, Tensor X, Tensor labels, String title) {
        return DecisionBoundary.draw(model, X, labels, title, WIDTH, HEIGHT);
    }

    /**
     * A matrix as a heat map with its values (two decimals) in the cells, row 0 at the top, as printed:
     * e.g. attention weights, {@code values[query][key]}. White is min(0, smallest value), dark blue the largest.
     */
    public static BufferedImage heatMap(double[][] values, String title, String xLabel, String yLabel) {
        return HeatMap.draw(values, title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    /** Counts {@code counts[true][predicted]} as a heat map with the numbers in the cells; null names give 0, 1, 2, ... */
    public static BufferedImage confusionMatrix(int[][] counts, String[] classNames) {
        return Confusion.draw(counts, classNames, WIDTH, HEIGHT);
    }

    /** A {@link ConfusionMatrix} from {@code Metrics.confusionMatrix(...)}, with its class names. */
    public static BufferedImage confusionMatrix(ConfusionMatrix matrix) {
        Args.notNull("confusionMatrix", "matrix", matrix);
        return Confusion.draw(matrix.counts(), matrix.names().toArray(new String[0]), WIDTH, HEIGHT);
    }

    /**
     * Small grey-scale images (rows of 64 values for 8x8 digits, any square size works), ten per
     * row, captioned with the label and, if {@code predicted} is not null, the prediction (wrong ones
     * in red). {@code labels} may be null. Each image is 64 px.
     */
    public static BufferedImage digits(double[][] images, int[] labels, int[] predicted) {
        return Digits.draw(images, labels, predicted, predicted != null ? "Predictions" : "Images");
    }

    // ------------------------------------------------------------------ what happens inside training

    /**
     * Gradient norm of each layer over the update steps, on a log scale (vanishing gradients
     * show as lines decades apart): {@code Map.of("layer 1", norms1, "layer 2", norms2)}.
     */
    public static BufferedImage gradientNorms(Map<String, double[]> perLayerOverSteps) {
        return Bars.gradientNorms(perLayerOverSteps, true, WIDTH, HEIGHT);
    }

    /**
     * Gradient norm per layer as grouped bars (log scale), one colour per run, e.g.
     * {@code Plots.gradientNormBars(Map.of("sigmoid", s, "relu", r))} with one norm per layer,
     * input side first. Layer names default to "layer 1", "layer 2", ...
     */
    public static BufferedImage gradientNormBars(Map<String, double[]> normsPerLayerByRun, String... layerNames) {
        return Bars.gradientNormBars(normsPerLayerByRun, layerNames, true, WIDTH, HEIGHT);
    }

    /**
     * One histogram per layer of the activations of a batch (30 bins over a shared x range, the
     * mean and standard deviation in each panel): saturating tanh/sigmoid units pile up at the ends,
     * a collapsing network at zero. Panels are {@value #HISTOGRAM_WIDTH} x {@value #HISTOGRAM_HEIGHT}, three per row.
     */
    public static BufferedImage activationHistograms(Map<String, double[]> activationsPerLayer) {
        return Bars.activationHistograms(activationsPerLayer, 30, HISTOGRAM_WIDTH, HISTOGRAM_HEIGHT);
    }

    // ------------------------------------------------------------------ the autograd graph

    /**
     * The graph of a small expression after {@code backward()}: a box per value with its data and
     * grad, a circle per operation, inputs on the left. Size grows with the graph (at most 60 nodes).
     */
    public static BufferedImage autogradGraph(Value root) {
        Args.notNull("autogradGraph", "root", root);
        return GraphDiagram.draw(GraphAdapters.of(root), "Forward values (data) and gradients (grad)");
    }

    /**
     * The graph behind a tensor: scalars show data and grad, larger tensors their shape and
     * gradient norm. Call {@code backward(seed, true)} (retainGraph) first: a plain backward()
     * releases the graph.
     */
    public static BufferedImage autogradGraph(Tensor root) {
        Args.notNull("autogradGraph", "root", root);
        return GraphDiagram.draw(GraphAdapters.of(root), "Forward values (data) and gradients (grad)");
    }

    /** The graph of any {@link GraphNode} structure (build one by hand with {@link GraphNode#of}). */
    public static BufferedImage autogradGraph(GraphNode root) {
        return GraphDiagram.draw(root, "Forward values (data) and gradients (grad)");
    }

    // ------------------------------------------------------------------ files

    /**
     * Writes the image as PNG (creating missing folders) and returns the path, for slides and
     * reports: {@code Plots.save(Plots.lossCurves(h), "figures/loss.png")}. PNG only: XChart's SVG
     * export needs the VectorGraphics2D library, which is not part of the workbook jar.
     */
    public static Path save(BufferedImage image, String path) {
        Args.notNull("save", "image", image);
        Args.notNull("save", "path", path);
        if (!path.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw Args.error("save", "only PNG is supported", "got \"" + path + "\"", "use a file name ending in .png");
        }
        Path p = Path.of(path);
        try {
            if (p.toAbsolutePath().getParent() != null) {
                Files.createDirectories(p.toAbsolutePath().getParent());
            }
            ImageIO.write(image, "png", p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("save: could not write " + p.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return p;
    }
}
