package backprop.plot;

import java.awt.image.BufferedImage;
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
        String title = perStep ? "Training loss per update step"
                : single || !anyVal ? "Loss per epoch" : "Loss per epoch (solid: training, dashed: validation)";
        XYChart chart = Charts.xy(width, height, title, perStep ? "update step" : "epoch",
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
                    Charts.line(chart, single ? "training loss" : name, Args.oneTo(y.length), y, Charts.color(r));
                    drawn++;
                }
            } else {
                double[] train = Args.gaps(h.trainLosses(), prefix + "train loss", log, notes);
                if (train != null) {
                    Charts.line(chart, single ? "training" : name, Args.oneTo(train.length), train,
                            single ? Charts.BLUE : Charts.color(r));
                    drawn++;
                }
                if (h.hasValidation()) {
                    double[] val = Args.gaps(h.valLosses(), prefix + "val loss", log, notes);
                    if (val != null) {
                        Charts.dashed(chart, single ? "validation" : name + " (val)", Args.oneTo(val.length), val,
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

    static Map<String, History> single(History h) {
        Args.notNull("lossCurves", "history", h);
        Map<String, History> m = new LinkedHashMap<>();
        m.put("run", h);
        return m;
    }
}
