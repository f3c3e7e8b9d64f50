package backprop.exercises;

import backprop.nn.BCELoss;
import backprop.nn.Linear;
import backprop.nn.ReLU;
import backprop.nn.Sequential;
import backprop.nn.Sigmoid;
import backprop.tensor.Tensor;

/**
 * The checks of notebook 09 (the Keras example in Java). Exercise 1, the number of trainable parameters of a stack of
 * Dense layers, is compared with what the library's {@link Sequential#numParameters()} counts for 5-10-1 and for
 * 3-4-4-2; exercise 2, the binary cross-entropy of always predicting the fraction of ones, with {@link BCELoss} of that
 * constant prediction, to 1e-12. Counting weights only, biases per input, a log base 10 and a missing minus sign are
 * named in the {@link AssertionError} a failed check throws.
 */
public final class KerasChecks {
    private KerasChecks() { }

    /** Exercise 1: the parameters of Dense layers with these numbers of units on {@code inputs} inputs. */
    @FunctionalInterface
    public interface DenseParams {
        int count(int inputs, int... units);
    }

    /**
     * Checks exercise 1: {@code numParams} is the learner's count for 5-10-1, then {@code mine} is asked for 3-4-4-2.
     *
     * @return the library's count for 3-4-4-2
     */
    public static int denseParams(DenseParams mine, int numParams) {
        int expected = new Sequential(new Linear(5, 10), new ReLU(), new Linear(10, 1), new Sigmoid()).numParameters();
        int deeper = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 4), new ReLU(), new Linear(4, 2)).numParameters();
        if (numParams == 0)
            throw new AssertionError("numParams is 0: the stub is still there. Count weights (inputs x outputs) and biases (one per output) of every layer.");
        if (numParams == 5 * 10 + 10 * 1)
            throw new AssertionError(numParams + " counts the weights only (5*10 + 10*1). Every Dense layer also has one bias per output unit: "
                    + "10 in the hidden layer, 1 in the output layer.");
        if (numParams == 5 * 10 + 5 + 10 * 1 + 10)
            throw new AssertionError(numParams + ": biases belong to the outputs of a layer, not its inputs. The hidden layer has 10 units, so 10 biases, not 5.");
        if (numParams == expected - 2) throw new AssertionError(numParams + " is one short per layer: each layer has exactly `out` biases, one per unit.");
        if (numParams != expected) throw new AssertionError("numParams should be " + expected + " but is " + numParams + ".");
        int mineDeeper = mine.count(3, 4, 4, 2);
        if (mineDeeper != deeper)
            throw new AssertionError("Right for 5-10-1, but denseParams(3, 4, 4, 2) is " + mineDeeper + " where the library counts " + deeper
                    + ": the loop must carry each layer's output size on as the next layer's input.");
        return deeper;
    }

    /** Checks exercise 2: {@code baseline} against BCELoss of predicting yBar for each of the labels. */
    public static void baseline(double baseline, double yBar, Tensor labels) {
        double ref = new BCELoss().forward(Tensor.full(yBar, labels.size(0), 1), labels).item();    // the library's loss of the constant prediction
        if (baseline == 0.0) throw new AssertionError("baseline is 0: the stub is still there. Use -(yBar ln yBar + (1 - yBar) ln(1 - yBar)).");
        if (Math.abs(baseline + ref) < 1e-12)
            throw new AssertionError("baseline is " + baseline + ", negative: a loss is -log(probability of the right answer), and log of a probability is "
                    + "negative, so a minus sign belongs in front.");
        if (Math.abs(baseline * Math.log(10) - ref) < 1e-12)
            throw new AssertionError("baseline is " + baseline + ", ln 10 = 2.303 times too small: Math.log10 is the base-10 logarithm; cross-entropy uses "
                    + "the natural log, Math.log.");
        if (Math.abs(baseline + Math.log(yBar)) < 1e-12)
            throw new AssertionError("baseline is -ln(yBar) = " + baseline + ": that is the loss of the ones only. The zeros (51 of 100) pay -ln(1 - yBar): "
                    + "weight both terms by how often they occur.");
        if (Math.abs(baseline - ref) > 1e-12)
            throw new AssertionError("baseline should be " + ref + " (BCELoss of predicting " + yBar + " for everyone) but is " + baseline + ".");
    }
}
