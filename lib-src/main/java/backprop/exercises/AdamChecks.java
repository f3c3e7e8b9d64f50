package backprop.exercises;

import backprop.optim.Adam;
import backprop.tensor.Tensor;

import java.util.List;
import java.util.function.Function;

/**
 * The check of notebook 04 (Momentum, RMSprop and Adam), the exercise "Adam's second step by hand": the learner's y2,
 * the y coordinate after two Adam steps from (−5, −2) on the notebook's valley, is compared with the library's
 * {@link Adam} after two steps to 1e-12. A step that does not move, goes uphill, skips the bias correction, corrects
 * with t = 1 or swaps β and 1 − β is named in the {@link AssertionError} a failed check throws.
 */
public final class AdamChecks {
    private AdamChecks() { }

    /**
     * Checks y2 against the library's Adam with learning rate lr on {@code loss}, from (−5, −2).
     *
     * @return the learner's second step, y2 − y1
     */
    public static double secondStep(double y1, double y2, double lr, Function<Tensor, Tensor> loss) {
        Tensor wLib = Tensor.of(-5.0, -2.0).requiresGrad(true);               // the library's Adam, two steps
        Adam adamLib = new Adam(List.of(wLib), lr);
        for (int t = 1; t <= 2; t++) {
            adamLib.zeroGrad();
            loss.apply(wLib).backward();
            adamLib.step();
        }
        double yLib = wLib.get(1), step = y2 - y1, stepLib = yLib - y1;
        if (step == 0)
            throw new AssertionError("y2 = y1 = -1.5: nothing moved, the stub is still there. Compute m2 and v2 from m1y, v1y and g2y, divide by 1 - beta^2, then step.");
        if (Math.abs(step + stepLib) < 1e-9)
            throw new AssertionError("y2 = " + y2 + ": you moved DOWN by " + (-step) + ", uphill. The gradient -6 is negative, so y must increase: "
                    + "subtract lr * mHat2 / (sqrt(vHat2) + eps).");
        if (Math.abs(step / stepLib - 4.25) < 0.01)
            throw new AssertionError("y2 = " + y2 + ": a step of " + step + ", 4.25 times too long. That is Adam WITHOUT bias correction: "
                    + "divide m2 by 1 - beta1^2 = 0.19 and v2 by 1 - beta2^2 = 0.001999.");
        if (Math.abs(step - 0.6602) < 1e-3)
            throw new AssertionError("y2 = " + y2 + ": you corrected with t = 1 (dividing by 1 - beta1 and 1 - beta2). This is step t = 2: divide by 1 - beta1^2 and 1 - beta2^2.");
        if (Math.abs(step - 0.1075) < 1e-3)
            throw new AssertionError("y2 = " + y2 + ": beta and 1 - beta are swapped. The OLD mean keeps weight beta1 = 0.9, the new gradient gets 1 - beta1 = 0.1 "
                    + "(same for v with beta2).");
        if (Math.abs(y2 - yLib) > 1e-12) throw new AssertionError("y2 should be " + yLib + " (the library's Adam after two steps) but is " + y2 + ".");
        return step;
    }
}
