package backprop.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import backprop.data.DataLoader;
import backprop.data.Dataset;
import backprop.data.Synthetic;
import backprop.data.Tables;
import backprop.nn.BCELoss;
import backprop.nn.Linear;
import backprop.nn.MSELoss;
import backprop.nn.Sequential;
import backprop.nn.Sigmoid;
import backprop.nn.Tanh;
import backprop.optim.SGD;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import backprop.train.History;
import backprop.train.Trainer;
import backprop.train.TrainingDivergedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LivePlotTest {

    private static final long MS = 1_000_000L;

    /** What the notebook's display / updateDisplay would receive. */
    static final class Screen {
        final List<BufferedImage> shown = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        LivePlot plot() {
            return new LivePlot(img -> {
                calls.add("display");
                shown.add(img);
                return "id-1";
            }, (id, img) -> {
                calls.add("update " + id);
                shown.add(img);
            });
        }

        BufferedImage last() {
            return shown.get(shown.size() - 1);
        }
    }

    static History losses(double... values) {
        History h = new History();
        for (double v : values) {
            h.recordEpoch(v, v * 1.1);
        }
        return h;
    }

    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void fastStepsReadTheClockOnlyEverySoOften() {
        AtomicLong now = new AtomicLong();
        int[] reads = {0};
        LivePlot live = new Screen().plot().clock(() -> {
            reads[0]++;
            return now.get();
        }).firstPictureCost(0);
        History h = losses(1.0, 0.5);
        for (int step = 0; step < 1_000_000; step++) {   // one second of 1 µs steps
            now.addAndGet(1000);
            live.update(h);
        }
        assertThat(reads[0]).as("clock reads in a million calls").isBetween(100, 1000);
        assertThat(live.draws()).as("pictures at 250, 500 and 750 ms, each at most 1/32 of the interval late").isEqualTo(3);
    }

    @Test
    void aTitleNamesTheRun() {
        History h = losses(1.0, 0.5, 0.25);
        Screen plain = new Screen();
        plain.plot().finish(h);
        Screen titled = new Screen();
        LivePlot live = titled.plot().title("CNN: loss per epoch");
        live.finish(h);
        assertThat(live.toString()).contains("loss curves \"CNN: loss per epoch\")");
        BufferedImage a = plain.last();
        BufferedImage b = titled.last();
        boolean differs = false;
        for (int y = 0; y < 40 && !differs; y++) {          // the title band at the top
            for (int x = 0; x < a.getWidth() && !differs; x++) {
                differs = a.getRGB(x, y) != b.getRGB(x, y);
            }
        }
        assertThat(differs).as("the title band shows the given title").isTrue();
        assertThatThrownBy(() -> live.title(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redrawsAtMostOncePerIntervalThenInPlace() {
        AtomicLong now = new AtomicLong();
        Screen screen = new Screen();
        LivePlot live = screen.plot().clock(now::get).firstPictureCost(0);   // pictures that cost nothing: only the interval counts
        History h = losses(1.0, 0.5);
        assertThat(live.update(h)).as("first call starts the clock").isFalse();
        now.set(100 * MS);
        assertThat(live.update(h)).isFalse();
        now.set(250 * MS);
        assertThat(live.update(h)).isTrue();
        now.set(400 * MS);
        assertThat(live.update(h)).isFalse();
        now.set(500 * MS);
        assertThat(live.update(h)).isTrue();
        assertThat(screen.calls).containsExactly("display", "update id-1");
        assertThat(live.draws()).isEqualTo(2);
        assertThat(live.updates()).isEqualTo(1);
        live.finish(h);   // always, even right after a redraw
        assertThat(screen.calls).containsExactly("display", "update id-1", "update id-1");
        assertThat(live.updates()).isEqualTo(2);
        assertThat(screen.last().getWidth()).isEqualTo(LivePlot.PANEL_WIDTH);
    }

    /** A picture that takes {@code millis} of the fake clock to build. */
    static java.util.function.Supplier<BufferedImage> costing(AtomicLong now, long millis, int[] built) {
        return () -> {
            built[0]++;
            now.addAndGet(millis * MS);
            return LivePlot.message(10, 10, "x", "y");
        };
    }

    @Test
    void drawingDuringTheRunTakesAtMostEightPercentOfItByDefault() {
        AtomicLong now = new AtomicLong();
        LivePlot live = new Screen().plot().clock(now::get).interval(0).firstPictureCost(100 * MS);
        int[] built = {0};
        java.util.function.Supplier<BufferedImage> slow = costing(now, 100, built);
        assertThat(live.update(slow)).as("t = 0 starts the clock").isFalse();
        now.set(1149 * MS);
        assertThat(live.update(slow)).as("a 100 ms picture after 1149 ms would be more than 8 %").isFalse();
        assertThat(built[0]).as("the picture is not built when no redraw is due").isZero();
        now.set(1151 * MS);
        assertThat(live.update(slow)).as("100 ms of 1251").isTrue();
        now.set(2399 * MS);
        assertThat(live.update(slow)).isFalse();
        now.set(2401 * MS);
        assertThat(live.update(slow)).as("200 ms of 2501").isTrue();
        assertThat(live.runDrawSeconds()).isEqualTo(0.2);
        live.finish(slow);
        assertThat(live.drawSeconds()).isEqualTo(0.3);
        assertThat(live.finalDrawSeconds()).isEqualTo(0.1);
        assertThat(live.toString()).startsWith("LivePlot(3 pictures, 2 in place; drawing 0.20 s during the run, 0.10 s the final picture;");
    }

    @Test
    void aFirstPictureDearerThanExpectedIsPaidBackBeforeTheNext() {
        AtomicLong now = new AtomicLong();
        LivePlot live = new Screen().plot().clock(now::get).interval(0).maxShare(0.1).firstPictureCost(10 * MS);
        int[] built = {0};
        live.update(costing(now, 10, built));
        now.set(90 * MS);
        assertThat(live.update(costing(now, 500, built))).as("expected 10 ms of 100").isTrue();   // took 500: ends at 590 ms
        // drawn 500 ms; the next (expected 500 ms) only once 1000 ms are at most a tenth: t >= 9500 ms
        now.set(9499 * MS);
        assertThat(live.update(costing(now, 500, built))).isFalse();
        now.set(9500 * MS);
        assertThat(live.update(costing(now, 500, built))).isTrue();
        assertThat(built[0]).isEqualTo(2);
    }

    @Test
    void aShortRunShowsOnlyItsFinalPicture() {
        AtomicLong now = new AtomicLong();
        Screen screen = new Screen();
        LivePlot live = screen.plot().clock(now::get).firstPictureCost(100 * MS);
        History h = losses(1.0, 0.5);
        for (int step = 0; step <= 600; step++) {   // 600 ms of training, 1 ms a step
            now.set(step * MS);
            live.update(h);
        }
        assertThat(live.draws()).as("no picture during a run shorter than ten expected pictures").isZero();
        live.finish(h);
        assertThat(screen.calls).containsExactly("display");
    }

    @Test
    void aDemonstrationLoopMayAllowDrawingHalfTheTime() {
        AtomicLong now = new AtomicLong();
        LivePlot live = new Screen().plot().clock(now::get).interval(0).maxShare(0.5).firstPictureCost(100 * MS);
        int[] built = {0};
        live.update(costing(now, 100, built));   // t = 0: starts the clock
        now.set(99 * MS);
        assertThat(live.update(costing(now, 100, built))).as("100 ms of 199: more than half").isFalse();
        now.set(100 * MS);
        assertThat(live.update(costing(now, 100, built))).as("100 ms of 200: half").isTrue();
        now.set(300 * MS);
        assertThat(live.update(costing(now, 100, built))).as("200 ms of 400").isTrue();
        assertThatThrownBy(() -> live.maxShare(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxShare: share must be between 0 and 1 (exclusive): got 1.0");
        assertThatThrownBy(() -> live.maxShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyHistorySaysSoInThePicture() {
        Screen screen = new Screen();
        LivePlot live = screen.plot();
        live.finish(new History());
        assertThat(samePixels(screen.last(), LivePlot.message(LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT, "Loss",
                "no loss recorded yet (the history is empty)"))).isTrue();
    }

    @Test
    void nanLossesAreDrawnAsGapsOrReportedNeverThrown() {
        Screen screen = new Screen();
        LivePlot live = screen.plot();
        live.finish(losses(1.0, Double.NaN, 0.5));
        assertThat(samePixels(screen.last(), Plots.lossCurves(losses(1.0, Double.NaN, 0.5)))).as("not a message panel")
                .isFalse();
        BufferedImage expected = LossCurves.draw(LossCurves.single(losses(1.0, Double.NaN, 0.5)), new CurveOption[0],
                LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT);
        assertThat(samePixels(screen.last(), expected)).isTrue();
        live.finish(losses(Double.NaN, Double.NaN));
        assertThat(screen.shown).hasSize(2);   // drawn, with the note "no finite value", not thrown
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aDivergingRunIsDrawnOnALogScale() {
        Screen screen = new Screen();
        History h = losses(1.0, 1e10, 1e300, Double.POSITIVE_INFINITY);
        assertThat(LivePlot.diverging(LossCurves.single(h))).isTrue();
        assertThat(LivePlot.diverging(LossCurves.single(losses(1.0, 0.5)))).isFalse();
        screen.plot().finish(h);
        BufferedImage expected = LossCurves.draw(LossCurves.single(h), new CurveOption[] {CurveOption.LOG_SCALE},
                LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT);
        assertThat(samePixels(screen.last(), expected)).isTrue();
    }

    @Test
    void aBoundaryForInputsThatAreNotTwoDimensionalIsReportedInItsPanel() {
        Screen screen = new Screen();
        Tensor x3 = Tensor.zeros(5, 3);
        LivePlot live = screen.plot().boundary(x -> x.sum(1, false), x3, Tensor.zeros(5));
        live.finish(losses(1.0, 0.5));
        BufferedImage image = screen.last();
        assertThat(image.getWidth()).isEqualTo(2 * LivePlot.PANEL_WIDTH);
        BufferedImage right = image.getSubimage(LivePlot.PANEL_WIDTH, 0, LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT);
        assertThat(samePixels(right, LivePlot.message(LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT,
                "Decision boundary: not drawn",
                "it needs inputs with 2 features (n, 2), X has shape [5, 3]; the loss curves are still live"))).isTrue();
    }

    @Test
    void aModelThatFailsOnTheGridIsReportedNotThrown() {
        Screen screen = new Screen();
        LivePlot live = screen.plot().boundary(x -> {
            throw new IllegalStateException("forward: broken");
        }, Tensor.zeros(4, 2), Tensor.zeros(4));
        live.finish(losses(1.0));
        BufferedImage right = screen.last().getSubimage(LivePlot.PANEL_WIDTH, 0, LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT);
        assertThat(samePixels(right, LivePlot.message(LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT,
                "Decision boundary: not drawn", "forward: broken"))).isTrue();
    }

    @Test
    void aFailingDisplayDoesNotStopTheCaller() {
        LivePlot live = new LivePlot(img -> {
            throw new IllegalStateException("no kernel");
        }, (id, img) -> {
        });
        live.finish(losses(1.0));
        assertThat(live.draws()).isZero();
    }

    @Test
    void severalRunsOverlaid() {
        Screen screen = new Screen();
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("lr=0.1", losses(1.0, 0.5));
        runs.put("lr=1", losses(1.0, 2.0));
        screen.plot().finish(runs);
        assertThat(samePixels(screen.last(), LossCurves.draw(runs, new CurveOption[0], LivePlot.PANEL_WIDTH,
                LivePlot.PANEL_HEIGHT))).isTrue();
    }

    @Test
    void trainerShowsTheFinalPictureOfTheRun() {
        Dataset moons = Synthetic.moons(100, 0.1, 7);
        Tensor y = moons.y().reshape(-1, 1);
        Sequential model = new Sequential(new Linear(2, 8, new Generator(1)), new Tanh(), new Linear(8, 1, new Generator(2)), new Sigmoid());
        Screen screen = new Screen();
        LivePlot live = screen.plot().boundary(model::forward, moons.x(), moons.y());
        History h = new Trainer(model, new BCELoss(), new SGD(model.parameters(), 1.0)).progress(false).live(live)
                .fit(new DataLoader(new Dataset(moons.x(), y), 100), 20);
        assertThat(live.draws()).isGreaterThanOrEqualTo(1);
        BufferedImage expected = Charts.grid(List.of(
                LossCurves.draw(LossCurves.single(h), new CurveOption[0], LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT),
                DecisionBoundary.draw(model::forward, moons.x(), moons.y(), null, LivePlot.PANEL_WIDTH, LivePlot.PANEL_HEIGHT,
                        LivePlot.BOUNDARY_GRID)), 2);
        assertThat(samePixels(screen.last(), expected)).as("the last picture is the end state").isTrue();
    }

    @Test
    void trainerShowsTheLastPictureWhenTheDivergenceGuardStopsTheRun() {
        Dataset d = Tables.dataset("data/diabetes.csv", "progression").targetAsColumn();
        Linear model = new Linear(10, 1, new Generator(4));
        Screen screen = new Screen();
        LivePlot live = screen.plot();
        Trainer trainer = new Trainer(model, new MSELoss(), new SGD(model.parameters(), 1.0)).progress(false).live(live);
        TrainingDivergedException e = null;
        try {
            trainer.fit(new DataLoader(d, 32, true, 1), 5);
        } catch (TrainingDivergedException caught) {
            e = caught;
        }
        assertThat(e).as("training should diverge").isNotNull();
        assertThat(live.draws()).as("finish ran in spite of the exception").isGreaterThanOrEqualTo(1);
        Screen reference = new Screen();
        reference.plot().finish(e.history());
        assertThat(samePixels(screen.last(), reference.last())).as("the last picture shows the run up to the failing step").isTrue();
        assertThat(trainer.toString()).endsWith(", live plot, progress off)");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new LivePlot(null, (id, img) -> {
        })).hasMessage("LivePlot: display is null: got null: pass a value for display");
        assertThatThrownBy(() -> new Screen().plot().interval(-1))
                .hasMessage("interval: millis must be 0 or more: got -1: pass e.g. 250 for at most four redraws a second");
        assertThat(new Screen().plot().toString())
                .isEqualTo("LivePlot(0 pictures, 0 in place; drawing 0.00 s during the run, 0.00 s the final picture; every >= 250 ms; loss curves)");
    }
}
