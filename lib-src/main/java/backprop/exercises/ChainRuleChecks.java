package backprop.exercises;

import backprop.check.GradCheck;
import backprop.tensor.Tensor;
import backprop.tensor.Value;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks of notebook 05 (the chain rule and backpropagation by hand): ∂L/∂w1 of a two-weight network derived by
 * hand (exercise 1), compared with central differences at two points by {@link GradCheck#checkGradient}; and, for the
 * learner's own scalar autograd engine, the backward rule of tanh (exercise 2) and the topological order with the
 * backward pass it drives (exercise 3).
 * The engine's node class is the notebook's own, so the checks see it through small functions: the rule's results as
 * numbers, the order through each node's name and inputs. The rule is compared with 0.25 + 2 (1 − tanh²(0.7)) to
 * 1e-15; the gradients of L = tanh(ab + a)·ab + a at a = 0.5, b = −1.5 with the library's {@link Value}, to 1e-14.
 * A failed check throws an {@link AssertionError} whose message names the mistake and the fix.
 */
public final class ChainRuleChecks {
    private ChainRuleChecks() { }

    /** Exercise 1: ∂L/∂w1 for h = tanh(w1·x), ŷ = w2·h, L = (ŷ − y)². */
    @FunctionalInterface
    public interface TwoWeightGradient {
        double dLdw1(double x, double y, double w1, double w2);
    }

    /**
     * Checks exercise 1 at (x, y, w1, w2) = (1.5, 1, 0.4, −2), naming a missing factor or a flipped sign, then with
     * central differences there and at (−0.7, 0.3, 1.2, 0.5).
     *
     * @return the learner's ∂L/∂w1 at (1.5, 1, 0.4, −2)
     */
    public static double dLdw1(TwoWeightGradient mine) {
        double x0 = 1.5, y0 = 1.0, w10 = 0.4, w20 = -2.0, h0 = Math.tanh(w10 * x0), got = mine.dLdw1(x0, y0, w10, w20);
        java.util.function.Function<Tensor, Tensor> lossOfW1 = w1t -> w1t.mul(x0).tanh().mul(w20).sub(y0).square();    // L as a function of w1
        double r = got / GradCheck.numericGradient(lossOfW1, Tensor.scalar(w10)).item();        // yours / central difference
        if (got == 0) throw new AssertionError("dLdw1 returned 0: the stub is still there. Multiply the four local derivatives: 2(yHat - y), w2, 1 - h², x.");
        if (Math.abs(r + 1) < 1e-6)
            throw new AssertionError("your gradient has the wrong sign: dL/dyHat of (yHat - y)² is 2(yHat - y), not 2(y - yHat). With this sign, gradient descent would climb.");
        if (Math.abs(r * w20 - 1) < 1e-6) throw new AssertionError("the factor w2 is missing: yHat = w2·h, so dyHat/dh = w2 (here -2, which also flips the sign).");
        if (Math.abs(r * (1 - h0 * h0) - 1) < 1e-6) throw new AssertionError("the tanh step is missing: h = tanh(w1·x), so dh/d(w1·x) = 1 - tanh² = 1 - h².");
        if (Math.abs(r * x0 - 1) < 1e-6)
            throw new AssertionError("the last factor x is missing: d(w1·x)/dw1 = x. Every weight's gradient ends with the input it multiplies.");
        if (Math.abs(r * (1 - h0 * h0) - (1 - w10 * w10 * x0 * x0)) < 1e-6)
            throw new AssertionError("you used 1 - (w1·x)² for the tanh derivative: it is 1 - tanh²(w1·x) = 1 - h², the OUTPUT of tanh squared.");
        GradCheck.checkGradient(lossOfW1, Tensor.scalar(w10), Tensor.scalar(got));
        GradCheck.checkGradient(w1t -> w1t.mul(-0.7).tanh().mul(0.5).sub(0.3).square(), Tensor.scalar(1.2), Tensor.scalar(mine.dLdw1(-0.7, 0.3, 1.2, 0.5)));
        return got;
    }

    /** Exercise 2, run on a fresh node: t = tanh(x), x.grad preset, t.grad preset, then t's rule run; returns {t, x.grad}. */
    @FunctionalInterface
    public interface TanhNode {
        double[] valueAndInputGrad(double x, double gradBefore, double gradFromAbove);
    }

    /**
     * Checks exercise 2 at x = 0.7, with 0.25 already in x.grad and dL/dt = 2 arriving from above.
     *
     * @return what the rule added to x.grad, 2 (1 − tanh²(0.7))
     */
    public static double tanhRule(TanhNode mine) {
        double[] got = mine.valueAndInputGrad(0.7, 0.25, 2.0);
        double t = got[0], xGrad = got[1];
        double t07 = Math.tanh(0.7), expectedGrad = 0.25 + 2.0 * (1 - t07 * t07);
        if (t != t07) throw new AssertionError("tanh(x) should hold the value tanh(0.7) = " + t07 + ", got " + t);
        if (xGrad == 0.25) throw new AssertionError("x.grad did not change: the stub is still there. The rule adds out.grad * (1 - t * t) into x.grad.");
        if (Math.abs(xGrad - 2.0 * (1 - t07 * t07)) < 1e-15)
            throw new AssertionError("x.grad was overwritten (=) instead of added to (+=): the 0.25 another path had sent is lost. "
                    + "A value used twice must receive the sum of both paths.");
        if (Math.abs(xGrad - (0.25 + 2.0 * (1 - 0.7 * 0.7))) < 1e-15)
            throw new AssertionError("you used 1 - x * x, the INPUT squared; tanh'(x) = 1 - tanh(x)^2 = 1 - t * t, the output squared.");
        if (Math.abs(xGrad - (0.25 + (1 - t07 * t07))) < 1e-15)
            throw new AssertionError("the factor out.grad is missing: the chain rule multiplies the local derivative 1 - t * t by the gradient "
                    + "arriving from above (here 2).");
        if (Math.abs(xGrad - (0.25 + 2.0 * (1 - t07))) < 1e-15) throw new AssertionError("1 - t is not tanh's derivative: it is 1 - t * t.");
        if (Math.abs(xGrad - expectedGrad) > 1e-15) throw new AssertionError("x.grad should be 0.25 + 2 (1 - t^2) = " + expectedGrad + " but is " + xGrad);
        return expectedGrad - 0.25;
    }

    /**
     * Checks exercise 3's order for L = tanh(ab + a)·ab + a: every one of its 7 nodes once, each after all of its inputs.
     *
     * @param order  the learner's topologicalOrder(L)
     * @param name   a node's name ("a", "*", "tanh", ...)
     * @param inputs a node's inputs
     */
    public static <N> void topologicalOrder(List<N> order, Function<N, String> name, Function<N, List<N>> inputs) {
        if (order.size() == 1) throw new AssertionError("the order holds only the root: the stub is still there. Visit the inputs, then append the node.");
        Set<N> once = new HashSet<>();
        for (N s : order)
            if (!once.add(s))
                throw new AssertionError("node '" + name.apply(s) + "' appears twice in the order: a node already placed must be skipped. "
                        + "Without that, a node used twice runs its rule twice and its inputs receive double gradients.");
        if (order.size() != 7)
            throw new AssertionError("the order has " + order.size() + " nodes, the graph has 7 (a, b, a*b, +a, tanh, *, +a): visit the inputs recursively, "
                    + "the inputs of the inputs too, not only the root's own.");
        for (int i = 0; i < order.size(); i++)
            for (N in : inputs.apply(order.get(i)))
                if (order.indexOf(in) > i)
                    throw new AssertionError("'" + name.apply(order.get(i)) + "' comes before its input '" + name.apply(in) + "': append a node AFTER visiting "
                            + "its inputs. backward() walks the list from the end, so a node's rule must come after its inputs' in the list.");
    }

    /**
     * Checks the learner engine's L, dL/da and dL/db for L = tanh(ab + a)·ab + a at a = 0.5, b = −1.5 against the
     * library's {@link Value} on the same expression.
     *
     * @return the library's {L, dL/da, dL/db}
     */
    public static double[] engineGradients(double L, double dLda, double dLdb) {
        Value av = new Value(0.5, "a"), bv = new Value(-1.5, "b");
        Value cv = av.mul(bv);
        Value Lv = cv.add(av).tanh().mul(cv).add(av);
        Lv.backward();
        if (Math.abs(L - Lv.data()) > 1e-15) throw new AssertionError("L should be " + Lv.data() + " but your engine computed " + L);
        if (Math.abs(dLda - av.grad()) > 1e-14 || Math.abs(dLdb - bv.grad()) > 1e-14)
            throw new AssertionError("dL/da = " + dLda + " and dL/db = " + dLdb + ", but the library says " + av.grad() + " and " + bv.grad());
        return new double[] {Lv.data(), av.grad(), bv.grad()};
    }
}
