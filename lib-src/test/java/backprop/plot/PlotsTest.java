package backprop.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;
import backprop.train.History;

/** Every picture renders headless, has its documented size, is not blank, and is the same pixels twice. */
class PlotsTest {

    static Stream<Arguments> pictures() {
        return Examples.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictures")
    void rendersNonBlankAndIdenticalTwice(String name, Supplier<BufferedImage> picture) {
        BufferedImage a = Examples.rendered(name);
        BufferedImage b = picture.get();
        assertThat(pixelStdDev(a)).as(name + " pixel standard deviation").isGreaterThan(10.0);
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        assertThat(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()))
                .as(name + " pixels on a second run")
                .isEqualTo(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    }

    @Test
    void chartsHaveTheDocumentedSize() {
        for (String name : new String[] {"loss-curves", "loss-curves-runs", "loss-curves-nan", "metrics", "function-with-steps", "functions",
                "tangent", "scatter-with-line", "loss-surface", "decision-boundary-binary", "gradient-norms",
                "gradient-norm-bars", "confusion-matrix-3", "heat-map"}) {
            BufferedImage img = Examples.rendered(name);
            assertThat(img.getWidth()).as(name).isEqualTo(Plots.WIDTH);
            assertThat(img.getHeight()).as(name).isEqualTo(Plots.HEIGHT);
        }
    }

    @Test
    void panelGridsHaveTheDocumentedPanelSize() {
        BufferedImage steps = Examples.rendered("gradient-descent-steps"); // 4 rates: 2 x 2
        assertThat(steps.getWidth()).isEqualTo(2 * Plots.PANEL_WIDTH);
        assertThat(steps.getHeight()).isEqualTo(2 * Plots.PANEL_HEIGHT);
        BufferedImage hist = Examples.rendered("activation-histograms"); // 5 layers: 3 + 2
        assertThat(hist.getWidth()).isEqualTo(3 * Plots.HISTOGRAM_WIDTH);
        assertThat(hist.getHeight()).isEqualTo(2 * Plots.HISTOGRAM_HEIGHT);
    }

    @Test
    void nanValuesAreDrawnAsGapsWithANoteNotAnException() {
        History h = new History();
        h.recordEpoch(1.0, 1.1).recordEpoch(Double.NaN, 0.9).recordEpoch(0.5, Double.POSITIVE_INFINITY);
        BufferedImage withNan = Plots.lossCurves(h);
        assertThat(withNan.getWidth()).isEqualTo(Plots.WIDTH);
        // the note strip at the bottom holds text in the note colour
        assertThat(countColour(withNan, Charts.NOTE.getRGB(), withNan.getHeight() - 40)).isGreaterThan(20);

        History clean = new History().recordEpoch(1.0, 1.1).recordEpoch(0.7, 0.9).recordEpoch(0.5, 0.6);
        assertThat(countColour(Plots.lossCurves(clean), Charts.NOTE.getRGB(), Plots.HEIGHT - 40)).isZero();
    }

    @Test
    void allNanSeriesAndLogScaleWithZerosStillRender() {
        History h = new History();
        h.recordStep(Double.NaN).recordStep(Double.NaN);
        assertThat(Plots.lossCurves(h).getWidth()).isEqualTo(Plots.WIDTH);
        History z = new History().recordStep(1).recordStep(0).recordStep(0.5);
        assertThat(Plots.lossCurves(z, CurveOption.LOG_SCALE).getWidth()).isEqualTo(Plots.WIDTH);
        Map<String, double[]> norms = new LinkedHashMap<>();
        norms.put("layer 1", new double[] {0, Double.NaN, 1e-3});
        assertThat(Plots.gradientNorms(norms).getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(Plots.gradientNormBars(Map.of("run", new double[] {0, Double.NaN, 1e-3})).getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(Plots.lossSurface((a, b) -> a < 0 ? Double.NaN : a * a + b * b, -1, 1, -1, 1, Map.of()).getWidth())
                .isEqualTo(Plots.WIDTH);
    }

    // ------------------------------------------------------------------ error messages

    @Test
    void logLogDrawsPositiveSeriesAndRefusesOthersWithAReason() {
        double[] p = {10, 100, 1000};
        Map<String, double[]> costs = new LinkedHashMap<>();
        costs.put("backprop", new double[] {3, 3.1, 2.9});
        costs.put("finite differences", new double[] {20, 200, 2000});
        assertThat(Plots.logLog(p, costs, "cost", "P", "forward passes").getWidth()).isEqualTo(Plots.WIDTH);
        assertThatThrownBy(() -> Plots.logLog(p, Map.of("a", new double[] {1, 0, 2}), "t", "x", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logLog: series \"a\" has a value that is not positive and finite: y = 0.0: "
                        + "a logarithmic axis shows positive numbers only");
        assertThatThrownBy(() -> Plots.logLog(p, Map.of("a", new double[] {1, 2}), "t", "x", "y"))
                .hasMessage("logLog: series \"a\" has 2 values for 3 x values: lengths 2 and 3: pass one y per x");
    }

    @Test
    void emptyHistoryIsRejectedWithAHint() {
        assertThatThrownBy(() -> Plots.lossCurves(new History()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lossCurves: history is empty: no steps or epochs recorded: "
                        + "call history.recordStep(loss) or history.recordEpoch(trainLoss, valLoss) while training");
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("a", new History().recordEpoch(1));
        runs.put("b", new History());
        assertThatThrownBy(() -> Plots.lossCurves(runs)).hasMessageStartingWith("lossCurves: history \"b\" is empty");
        assertThatThrownBy(() -> Plots.lossCurves(new History().recordStep(1), CurveOption.PER_EPOCH))
                .hasMessageStartingWith("lossCurves: history has no epochs: PER_EPOCH asked, 1 steps and 0 epochs recorded");
        assertThatThrownBy(() -> Plots.lossCurves(Map.of())).hasMessageStartingWith("lossCurves: runs is empty");
        assertThatThrownBy(() -> Plots.lossCurves((History) null)).hasMessage("lossCurves: history is null: got null: pass a value for history");
    }

    @Test
    void mismatchedLengthsNameBothArguments() {
        assertThatThrownBy(() -> Plots.scatterWithLine(new double[] {1, 2, 3}, new double[] {1, 2}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scatterWithLine: x and y differ in length: x has 3 values, y has 2: pass one y value per x value");
        assertThatThrownBy(() -> Plots.digits(new double[][] {new double[64]}, new int[] {1, 2}, null))
                .hasMessage("digits: labels and images differ in length: 2 labels for 1 images: pass one label per image, or null");
        assertThatThrownBy(() -> Plots.gradientNormBars(Map.of("a", new double[] {1, 2}), "only one"))
                .hasMessage("gradientNormBars: layerNames and norms differ in length: 1 names for 2 layers: pass one name per layer or none");
    }

    @Test
    void wrongShapesAreRejected() {
        Tensor X3 = Tensor.zeros(10, 3);
        assertThatThrownBy(() -> Plots.decisionBoundary(t -> t, X3, Tensor.zeros(10)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("decisionBoundary: X must have shape (n, 2), two input features per row: got [10, 3]: "
                        + "plot two features, e.g. X with columns 0 and 1 only");
        Tensor X = Tensor.zeros(10, 2);
        assertThatThrownBy(() -> Plots.decisionBoundary(t -> t.sum(1, true), X, Tensor.zeros(9)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("decisionBoundary: labels must have shape (10) or (10, 1) to match X: got [9]: "
                        + "pass one class index (0, 1, ...) per row of X");
        assertThatThrownBy(() -> Plots.decisionBoundary(t -> t.sum(), X, Tensor.zeros(10)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith("decisionBoundary: model output must have shape (m), (m, 1) or (m, C) for m input rows: got []");
        assertThatThrownBy(() -> Plots.decisionBoundary(t -> t.sum(1, true), X, Tensor.full(0.5, 10)))
                .hasMessage("decisionBoundary: labels must be class indices 0, 1, 2, ...: labels[0] = 0.5: "
                        + "pass whole numbers; for -1/+1 labels use (y + 1) / 2");
        assertThatThrownBy(() -> Plots.confusionMatrix(new int[][] {{1, 2}, {3}}, null))
                .hasMessage("confusionMatrix: counts must be square (k x k): row 1 has 1 values, expected 2: "
                        + "pass counts[true][predicted] with one row and one column per class");
        assertThatThrownBy(() -> Plots.heatMap(new double[][] {{1, 2}, {3}}, "t", "x", "y"))
                .hasMessage("heatMap: every row must have the same length: row 1 has 1 values, expected 2: "
                        + "pass a rectangular double[rows][cols]");
        assertThatThrownBy(() -> Plots.digits(new double[][] {new double[63]}, null, null))
                .hasMessage("digits: every image must be a square of the same size, flattened row by row: image 0 has 63 pixels: "
                        + "pass rows of 64 values for 8 x 8 images");
        assertThatThrownBy(() -> Plots.lossSurface((a, b) -> a, -1, 1, -1, 1, Map.of("SGD", new double[][] {{1, 2, 3}})))
                .hasMessage("lossSurface: path \"SGD\" must have rows of two values {x, y}: row 0 has 3 values: "
                        + "pass a double[steps][2], one row per step");
    }

    @Test
    void badRangesAndFunctionsAreRejected() {
        assertThatThrownBy(() -> Plots.functionWithSteps(x -> x * x, new double[] {1}, 2, 1, "t"))
                .hasMessage("functionWithSteps: xmin must be finite and below xmax: got xmin = 2.0, xmax = 1.0: "
                        + "pass a range such as xmin = -2, xmax = 2");
        assertThatThrownBy(() -> Plots.functionWithSteps(x -> x * x, new double[0], -1, 1, "t"))
                .hasMessage("functionWithSteps: iterates is empty: got 0 values: pass at least one value");
        assertThatThrownBy(() -> Plots.functions(Map.of("f", x -> x), 1, 1, "t", "x", "y"))
                .hasMessage("functions: xmin must be finite and below xmax: got xmin = 1.0, xmax = 1.0: "
                        + "pass a range such as xmin = -2, xmax = 2");
        assertThatThrownBy(() -> Plots.functions(Map.of(), -1, 1, "t", "x", "y"))
                .hasMessage("functions: functions is empty: got no entries: pass at least one name -> values entry");
        assertThatThrownBy(() -> Plots.functions(Map.of("f", x -> -1.0), -1, 1, "t", "x", "y", CurveOption.LOG_SCALE))
                .hasMessage("functions: no function has a finite positive value on [xmin, xmax]: [-1.0, 1.0]: "
                        + "choose a range where the functions are defined");
        assertThatThrownBy(() -> Plots.tangent(x -> x, 5, -1, 1))
                .hasMessage("tangent: x0 is outside [xmin, xmax]: x0 = 5.0, range [-1.0, 1.0]: pick x0 inside the range or widen the range");
        assertThatThrownBy(() -> Plots.lossSurface((a, b) -> Double.NaN, -1, 1, -1, 1, Map.of()))
                .hasMessageStartingWith("lossSurface: loss has no finite value on the grid");
        assertThatThrownBy(() -> Plots.save(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "x.svg"))
                .hasMessage("save: only PNG is supported: got \"x.svg\": use a file name ending in .png");
    }

    @Test
    void graphCyclesAndReleasedTensorGraphsAreExplained() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor loss = w.mul(w).sum();
        loss.backward();
        assertThatThrownBy(() -> Plots.autogradGraph(loss))
                .hasMessageStartingWith("autogradGraph: the graph behind this tensor was released by backward()");
    }

    @Test
    void graphsBuiltByHandDrawAndLargeGraphsAreRefused() {
        GraphNode a = GraphNode.of("a", 2.0, -3.0);
        GraphNode b = GraphNode.of("b", -3.0, 2.0);
        BufferedImage img = Plots.autogradGraph(GraphNode.of("e", -6.0, 1.0, "*", a, b));
        assertThat(pixelStdDev(img)).isGreaterThan(10.0);
        GraphNode chain = GraphNode.of("x0", 0, 0);
        for (int i = 1; i <= 40; i++) {
            chain = GraphNode.of("x" + i, i, 0, "+", chain, GraphNode.of("c" + i, 1, 0));
        }
        GraphNode big = chain;
        assertThatThrownBy(() -> Plots.autogradGraph(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("autogradGraph: graph too large to draw: more than 60 nodes: "
                        + "draw a smaller expression, e.g. one neuron instead of a whole network");
    }

    @Test
    void mapOrderIsStableForUnorderedMaps() {
        // Map.of iterates in a per-JVM order; the picture must not depend on it
        Map<String, double[]> a = Map.of("layer 10", new double[] {1, 2}, "layer 2", new double[] {2, 3}, "layer 1", new double[] {3, 1});
        assertThat(Args.orderedKeys(a)).containsExactly("layer 1", "layer 2", "layer 10");
    }

    static double pixelStdDev(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    static int countColour(BufferedImage img, int rgb, int fromY) {
        int count = 0;
        for (int y = Math.max(0, fromY); y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }
}
