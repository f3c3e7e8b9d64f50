package backprop.exercises;

import backprop.data.Batch;
import backprop.nn.Linear;
import backprop.nn.Loss;
import backprop.nn.MSELoss;
import backprop.nn.Module;
import backprop.optim.Optimizer;
import backprop.optim.SGD;
import backprop.tensor.Tensor;

import java.util.Arrays;

/**
 * The check of notebook 03 (batch, stochastic and mini-batch gradient descent), exercise 1: the learner's training step
 * (zeroGrad, forward and loss, backward, step). It runs two steps of SGD (α = 0.1) on a line w0 + w1·x from w = (0, 0)
 * with the three points x = (1, 2, 3), y = (2, 3, 5) and compares the weights with the hand-computed (2/3, 23/15) and
 * (44/75, 308/225) to 1e-9; a step before backward and a forgotten zeroGrad are named in the {@link AssertionError}
 * a failed check throws.
 */
public final class MiniBatchChecks {
    private MiniBatchChecks() { }

    /** Exercise 1: one update of the optimiser on one batch. */
    @FunctionalInterface
    public interface TrainStep {
        void apply(Module model, Loss lossFn, Optimizer opt, Batch b);
    }

    /**
     * Checks exercise 1 with two steps on the three points.
     *
     * @return {w0, w1} after the two steps
     */
    public static double[] trainStep(TrainStep mine) {
        Linear m = new Linear(1, 1).setWeight(Tensor.zeros(1, 1)).setBias(Tensor.zeros(1));
        SGD o = new SGD(m.parameters(), 0.1);
        Batch tiny = new Batch(Tensor.of(new double[][] {{1}, {2}, {3}}), Tensor.of(new double[][] {{2}, {3}, {5}}));
        double[] after1, after2;
        try {
            mine.apply(m, new MSELoss(), o, tiny);
            after1 = new double[] {m.bias().item(), m.weight().item()};
            mine.apply(m, new MSELoss(), o, tiny);
            after2 = new double[] {m.bias().item(), m.weight().item()};
        } catch (IllegalStateException e) {
            throw new AssertionError("opt.step() found no gradient (" + e.getMessage() + "). Call loss.backward() BEFORE opt.step(): "
                    + "zeroGrad, forward, loss, backward, step.");
        }
        boolean ok1 = Math.abs(after1[0] - 2.0 / 3) < 1e-9 && Math.abs(after1[1] - 23.0 / 15) < 1e-9;
        boolean ok2 = Math.abs(after2[0] - 44.0 / 75) < 1e-9 && Math.abs(after2[1] - 308.0 / 225) < 1e-9;
        if (after2[0] == 0 && after2[1] == 0) throw new AssertionError("The weights did not move: the stub is still there. Write zeroGrad, forward + loss, backward, step.");
        if (ok1 && !ok2)
            throw new AssertionError("Step 1 is right but step 2 gives w = " + Arrays.toString(after2) + " instead of (0.587, 1.369): step 1's gradient "
                    + "was still there and was added to step 2's. Call opt.zeroGrad() before backward().");
        if (!ok1 || !ok2)
            throw new AssertionError("Expected w = (0.667, 1.533) after one step and (0.587, 1.369) after two, got " + Arrays.toString(after1) + " and "
                    + Arrays.toString(after2) + ".");
        return after2;
    }
}
