package backprop.exercises;

import backprop.nn.CrossEntropyLoss;
import backprop.nn.Linear;
import backprop.nn.ReLU;
import backprop.nn.Sequential;
import backprop.nn.Tanh;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * The checks of notebook 16 (the interview drill): the quiz (three letters, each wrong one explained); σ′(z) (exercise
 * 1) at 0 and 2 against s(1 − s) to 1e-12; the cross-entropy of one prediction (exercise 2) against
 * {@link CrossEntropyLoss} for ten equal logits and for a confident right answer, to 1e-12; the parameter count of an
 * MLP (exercise 3) against {@link Sequential#numParameters()} for 784-256-10 and 2-3-1. Each names the typical wrong
 * answer (σ itself, a(1 − a) applied to z, a log base 10, weights only, biases per input) in the {@link AssertionError}
 * a failed check throws.
 */
public final class DrillChecks {
    private DrillChecks() { }

    /** Exercise 2: −ln of the probability p gives the true class. */
    @FunctionalInterface
    public interface CrossEntropy {
        double loss(double[] p, int trueClass);
    }

    /** Exercise 3: the parameters of an MLP whose layer widths are given, input first. */
    @FunctionalInterface
    public interface MlpParams {
        long count(int... widths);
    }

    /** Checks the quiz's answers: what backward() does, which way a positive gradient moves a weight, what a zero gradient means. */
    public static void quiz(char q1, char q2, char q3) {
        String[] why = {
            q1 == 'B' ? null : q1 == 'A' ? "Q1: A is the optimiser's job (opt.step()); backward() only fills in gradients and never changes a weight."
                : q1 == 'C' ? "Q1: the learning rate is a choice you make (or a scheduler makes); backpropagation computes gradients." : "Q1: no answer yet: set q1 to 'A', 'B' or 'C'.",
            q2 == 'B' ? null : q2 == 'A' ? "Q2: increasing the weight would climb: a positive gradient means the loss grows as the weight grows. w - alpha * g with g > 0 makes w smaller."
                : q2 == 'C' ? "Q2: gradient descent moves at every step by -alpha * g; with g > 0 that is a decrease now, not later." : "Q2: no answer yet: set q2 to 'A', 'B' or 'C'.",
            q3 == 'C' ? null : q3 == 'A' || q3 == 'B' ? "Q3: a zero gradient also holds at a maximum, a saddle point or on a plateau: notebook 01 started on the top of a bump, where the gradient is 0, and never moved."
                : "Q3: no answer yet: set q3 to 'A', 'B' or 'C'." };
        String wrongAnswers = Arrays.stream(why).filter(Objects::nonNull).collect(Collectors.joining(" "));
        if (!wrongAnswers.isEmpty()) throw new AssertionError(wrongAnswers);
    }

    /**
     * Checks exercise 1 at z = 0 and z = 2.
     *
     * @return {σ′(0), σ′(2)} as the learner computed them
     */
    public static double[] sigmoidPrime(DoubleUnaryOperator mine) {
        double at0 = mine.applyAsDouble(0), at2 = mine.applyAsDouble(2), s2 = 1 / (1 + Math.exp(-2));
        if (at0 == 0.0 && at2 == 0.0) throw new AssertionError("sigmoidPrime returns 0: the stub is still there. Compute s = 1 / (1 + exp(-z)) and return s * (1 - s).");
        if (Math.abs(at0 - 0.5) < 1e-12) throw new AssertionError("sigmoidPrime(0) = 0.5: that is sigma(0) itself, not its slope. The derivative is sigma(z) * (1 - sigma(z)).");
        if (at0 == 0.0 && Math.abs(at2 + 2) < 1e-12)
            throw new AssertionError("sigmoidPrime(0) = 0 and sigmoidPrime(2) = -2: you applied a(1 - a) to z. The formula needs a = sigma(z) first; "
                    + "a(1 - a) only works on the activation.");
        if (Math.abs(at0 - 0.25) < 1e-12 && Math.abs(at2 - s2 * s2) < 1e-12)
            throw new AssertionError("sigmoidPrime(0) = 0.25 is right, but sigmoidPrime(2) = " + at2 + " = sigma(2)^2: at 0 the two agree by coincidence "
                    + "(0.5 * 0.5 = 0.5 * (1 - 0.5)). Use sigma(z) * (1 - sigma(z)).");
        if (Math.abs(at0 - 0.25) > 1e-12) throw new AssertionError("sigmoidPrime(0) should be 0.5 * (1 - 0.5) = 0.25 but is " + at0 + ".");
        if (Math.abs(at2 - s2 * (1 - s2)) > 1e-12) throw new AssertionError("sigmoidPrime(2) should be " + s2 * (1 - s2) + " but is " + at2 + ".");
        return new double[] {at0, at2};
    }

    /**
     * Checks exercise 2: {@code ce} is the learner's loss of ten equal probabilities with true class 3, then
     * {@code mine} is asked for p = (0.05, 0.8, 0.15) with true class 1.
     *
     * @return the library's loss of that confident right answer, −ln 0.8
     */
    public static double crossEntropy(CrossEntropy mine, double ce) {
        double libCe = new CrossEntropyLoss().forward(Tensor.zeros(1, 10), Tensor.of(3.0)).item();   // equal logits = uniform
        if (ce == 0.0) throw new AssertionError("ce = 0: the stub is still there. Only the true class counts: L = -ln(p_true) = -ln(0.1).");
        if (Math.abs(ce + libCe) < 1e-12)
            throw new AssertionError("ce = " + ce + " is negative: a loss cannot be. ln(0.1) < 0, and cross-entropy has a minus in front: -ln(0.1).");
        if (Math.abs(ce - 1.0) < 1e-12)
            throw new AssertionError("ce = 1.0: that is log base 10. Cross-entropy uses the natural logarithm, Math.log, not Math.log10.");
        if (Math.abs(ce - 10 * libCe) < 1e-9)
            throw new AssertionError("ce = " + ce + ": ten times too large. The one-hot y is 0 for the 9 wrong classes, so only one term of the sum is left: -ln(0.1).");
        if (Math.abs(ce - libCe) > 1e-12) throw new AssertionError("ce should be -ln(0.1) = ln(10) = " + libCe + " but is " + ce + ".");
        double[] confident = {0.05, 0.8, 0.15};
        double libConfident = new CrossEntropyLoss().forward(Tensor.of(new double[][] {{Math.log(0.05), Math.log(0.8), Math.log(0.15)}}), Tensor.of(1.0)).item();
        double got = mine.loss(confident, 1);
        if (Math.abs(got - libConfident) > 1e-12)
            throw new AssertionError("Right for the uniform guess, but for p = (0.05, 0.8, 0.15) and true class 1 you return " + got
                    + " where the loss is -ln 0.8 = " + libConfident + ".");
        return libConfident;
    }

    /** Checks exercise 3: {@code params} is the learner's count for 784-256-10, then {@code mine} is asked for 2-3-1. */
    public static void mlpParams(MlpParams mine, long params) {
        int libCount = new Sequential(new Linear(784, 256, new Generator(1)), new ReLU(), new Linear(256, 10, new Generator(2))).numParameters();
        if (params == 0) throw new AssertionError("params = 0: the stub is still there. A Linear(in, out) has in * out weights and out biases.");
        if (params == 784 * 256 + 256 * 10)
            throw new AssertionError("params = " + params + ": you counted the weights only. Each Linear also has one bias per output: 256 + 10 more.");
        if (params == 784 + 256 + 256 + 10)
            throw new AssertionError("params = " + params + ": that counts units (neurons), not parameters. Every connection between two layers has its own weight.");
        if (params == 784 * 256 + 784 + 256 * 10 + 256)
            throw new AssertionError("params = " + params + ": one bias per INPUT; a layer has one bias per output unit (256 + 10).");
        if (params != libCount) throw new AssertionError("params should be " + libCount + " (what the library counts) but is " + params + ".");
        int smallCount = new Sequential(new Linear(2, 3, new Generator(1)), new Tanh(), new Linear(3, 1, new Generator(2))).numParameters();
        long small = mine.count(2, 3, 1);
        if (small != smallCount) throw new AssertionError("mlpParams(2, 3, 1) is " + small + " where the library counts " + smallCount + ".");
    }
}
