package backprop.plot;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;

import backprop.train.History;

/** Loss curves from one or several {@link History} records: training solid, validation dashed. */
final class LossCurves {

    private LossCurves() {
    }

    static BufferedImage draw(Map<String, History> runs, CurveOption[] options, int width, int height) {
        return draw(runs, options, width, height, null);
    }

    /** As {@link #draw(Map, CurveOption[], int, int)}, with {@code title} in place of the usual one when it is not null. */
    static BufferedImage draw(Map<String, History> runs, CurveOption[] options, int width, int height, String title) {
        String op = "lossCurves";
        Args.nonEmptyMap(op, "runs", runs);
        List<String> names = Args.orderedKeys(runs);
        for (String name : names) {
            History h = runs.get(name);
            if (h.steps() == 0 && h.epochs() == 0) {
                throw Args.error(op, "history " + (runs.size() == 1 ? "" : "\"" + name + "\" ") + "is empty",
                        "no steps or epochs recorded",
                        "call history.recordStep(loss) or history.recordEpoch(trainLoss, valLoss) while training");
            }
        }
        boolean perStep = perStep(op, runs, names, options);
        boolean log = CurveOption.has(options, CurveOption.LOG_SCALE);
        boolean single = runs.size() == 1;

        boolean anyVal = false;
        for (String name : names) {
            anyVal |= !perStep && runs.get(name).hasValidation();
        }
        String usual = perStep ? "Training loss per update step"
                : single || !anyVal ? "Loss per epoch" : "Loss per epoch (solid: training, dashed: validation)";
        XYChart chart = Charts.xy(width, height, title != null ? title : usual, perStep ? "update step" : "epoch",
                log ? "loss (log scale)" : "loss");
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setXAxisMin(0.0); // ticks on round numbers (0, 20, 40, ...), data from 1
        Notes notes = new Notes();
        int drawn = 0;
        for (int r = 0; r < names.size(); r++) {
            String name = names.get(r);
            History h = runs.get(name);
            String prefix = single ? "" : name + " ";
            if (perStep) {
                double[] y = Args.gaps(h.stepLosses(), prefix + "step loss", log, notes);
                if (y != null) {
                    double[][] xy = envelope(y, width);
                    Charts.line(chart, single ? "training loss" : name, xy[0], xy[1], Charts.color(r));
                    drawn++;
                }
            } else {
                double[] train = Args.gaps(h.trainLosses(), prefix + "train loss", log, notes);
                if (train != null) {
                    double[][] xy = envelope(train, width);
                    Charts.line(chart, single ? "training" : name, xy[0], xy[1], single ? Charts.BLUE : Charts.color(r));
                    drawn++;
                }
                if (h.hasValidation()) {
                    double[] val = Args.gaps(h.valLosses(), prefix + "val loss", log, notes);
                    if (val != null) {
                        double[][] xy = envelope(val, width);
                        Charts.dashed(chart, single ? "validation" : name + " (val)", xy[0], xy[1],
                                single ? Charts.VERMILLION : Charts.color(r)).setShowInLegend(single);
                        drawn += single ? 1 : 0;
                    }
                }
            }
        }
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, perStep ? runs.get(name).steps() : runs.get(name).epochs());
        }
        Charts.roundTicks(chart, longest);
        chart.getStyler().setLegendVisible(drawn > 1 || !single);
        return Charts.render(chart, notes);
    }

    private static boolean perStep(String op, Map<String, History> runs, List<String> names, CurveOption[] options) {
        boolean wantStep = CurveOption.has(options, CurveOption.PER_STEP);
        boolean wantEpoch = CurveOption.has(options, CurveOption.PER_EPOCH);
        if (wantStep && wantEpoch) {
            throw Args.error(op, "PER_STEP and PER_EPOCH both given", "one picture shows one x axis",
                    "pass one of them (or draw two pictures)");
        }
        for (String name : names) {
            History h = runs.get(name);
            String who = runs.size() == 1 ? "history" : "history \"" + name + "\"";
            if (wantStep && h.steps() == 0) {
                throw Args.error(op, who + " has no steps", "PER_STEP asked, " + h.epochs() + " epochs and 0 steps recorded",
                        "call history.recordStep(loss) after every update, or drop PER_STEP");
            }
            if (wantEpoch && h.epochs() == 0) {
                throw Args.error(op, who + " has no epochs", "PER_EPOCH asked, " + h.steps() + " steps and 0 epochs recorded",
                        "call history.recordEpoch(trainLoss, valLoss) after every epoch, or drop PER_EPOCH");
            }
        }
        if (wantStep || wantEpoch) {
            return wantStep;
        }
        // default: per epoch when every run has epochs, per step otherwise
        for (String name : names) {
            if (runs.get(name).epochs() == 0) {
                for (String other : names) {
                    if (runs.get(other).steps() == 0) {
                        throw Args.error(op, "runs mix per-step and per-epoch records",
                                "\"" + name + "\" has no epochs, \"" + other + "\" has no steps",
                                "record the same kind in every run, or pass CurveOption.PER_STEP / PER_EPOCH");
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * The points of y over x = 1..n that a picture {@code width} pixels wide can show: all of them when
     * n &le; 2·width, else, for each of {@code width} runs of consecutive points, the lowest and the highest
     * (in their order; a run with a gap keeps one NaN, so the gap stays), and the first and the last point.
     * A line through these covers the same pixels as one through every point, and drawing 6,000 epochs
     * costs what drawing 1,000 does (a live plot redraws the curve many times during a run).
     */
    static double[][] envelope(double[] y, int width) {
        int n = y.length;
        if (n <= 2 * width) {
            return new double[][] {Args.oneTo(n), y};
        }
        double[] xs = new double[3 * width + 2];
        double[] ys = new double[3 * width + 2];
        int m = 0;
        for (int c = 0; c < width; c++) {
            int from = (int) ((long) c * n / width);
            int to = (int) ((long) (c + 1) * n / width);
            int lo = -1;
            int hi = -1;
            int gap = -1;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(y[i])) {
                    gap = gap < 0 ? i : gap;
                } else {
                    lo = lo < 0 || y[i] < y[lo] ? i : lo;
                    hi = hi < 0 || y[i] > y[hi] ? i : hi;
                }
            }
            // the run's lowest and highest point, one NaN of a gap, and the very first and last point
            int[] keep = {lo, hi, gap, c == 0 ? from : -1, c == width - 1 ? to - 1 : -1};
            Arrays.sort(keep);
            for (int k = 0; k < keep.length; k++) {
                if (keep[k] >= 0 && (k == 0 || keep[k] != keep[k - 1])) {
                    xs[m] = keep[k] + 1;
                    ys[m++] = y[keep[k]];
                }
            }
        }
        return new double[][] {Arrays.copyOf(xs, m), Arrays.copyOf(ys, m)};
    }

    static Map<String, History> single(History h) {
        Args.notNull("lossCurves", "history", h);
        Map<String, History> m = new LinkedHashMap<>();
        m.put("run", h);
        return m;
    }
}
