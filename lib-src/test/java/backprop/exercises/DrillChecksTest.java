package backprop.exercises;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 16's checks: right answers pass, typical wrong ones fail with the message naming them. */
class DrillChecksTest {
    static double sigma(double z) { return 1 / (1 + Math.exp(-z)); }

    static long mlp(int... widths) {
        long count = 0;
        for (int l = 0; l + 1 < widths.length; l++) count += (long) widths[l] * widths[l + 1] + widths[l + 1];
        return count;
    }

    @Test
    void quizExplainsEachWrongLetter() {
        assertThatCode(() -> DrillChecks.quiz('B', 'B', 'C')).doesNotThrowAnyException();
        assertThatThrownBy(() -> DrillChecks.quiz('A', 'B', 'A')).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Q1: A is the optimiser's job").hasMessageContaining("Q3: a zero gradient also holds at a maximum");
        assertThatThrownBy(() -> DrillChecks.quiz('?', 'B', 'C')).isInstanceOf(AssertionError.class).hasMessage("Q1: no answer yet: set q1 to 'A', 'B' or 'C'.");
    }

    @Test
    void sigmoidPrimeAcceptsSTimesOneMinusSAndNamesSigmaItselfAndSquared() {
        assertThat(DrillChecks.sigmoidPrime(z -> sigma(z) * (1 - sigma(z)))[0]).isEqualTo(0.25);
        assertThatThrownBy(() -> DrillChecks.sigmoidPrime(DrillChecksTest::sigma)).isInstanceOf(AssertionError.class).hasMessageStartingWith("sigmoidPrime(0) = 0.5: that is sigma(0) itself");
        assertThatThrownBy(() -> DrillChecks.sigmoidPrime(z -> sigma(z) * sigma(z))).isInstanceOf(AssertionError.class).hasMessageContaining("at 0 the two agree by coincidence");
        assertThatThrownBy(() -> DrillChecks.sigmoidPrime(z -> z * (1 - z))).isInstanceOf(AssertionError.class).hasMessageContaining("you applied a(1 - a) to z");
    }

    @Test
    void crossEntropyAcceptsMinusLogOfTheTrueClassAndNamesTheSumAndLogTen() {
        assertThat(DrillChecks.crossEntropy((p, c) -> -Math.log(p[c]), Math.log(10))).isCloseTo(-Math.log(0.8), org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> DrillChecks.crossEntropy((p, c) -> -Math.log(p[c]), 1.0)).isInstanceOf(AssertionError.class).hasMessageStartingWith("ce = 1.0: that is log base 10.");
        assertThatThrownBy(() -> DrillChecks.crossEntropy((p, c) -> -Math.log(p[c]), 10 * Math.log(10))).isInstanceOf(AssertionError.class).hasMessageContaining("ten times too large");
        assertThatThrownBy(() -> DrillChecks.crossEntropy((p, c) -> 1.0, Math.log(10))).isInstanceOf(AssertionError.class).hasMessageStartingWith("Right for the uniform guess");
    }

    @Test
    void mlpParamsAcceptsTheCountAndNamesWeightsOnlyAndUnits() {
        assertThatCode(() -> DrillChecks.mlpParams(DrillChecksTest::mlp, mlp(784, 256, 10))).doesNotThrowAnyException();
        assertThatThrownBy(() -> DrillChecks.mlpParams(DrillChecksTest::mlp, 784 * 256 + 256 * 10)).isInstanceOf(AssertionError.class).hasMessageContaining("you counted the weights only");
        assertThatThrownBy(() -> DrillChecks.mlpParams(DrillChecksTest::mlp, 784 + 256 + 256 + 10)).isInstanceOf(AssertionError.class).hasMessageContaining("that counts units (neurons)");
        assertThatThrownBy(() -> DrillChecks.mlpParams(w -> 0, mlp(784, 256, 10))).isInstanceOf(AssertionError.class).hasMessageStartingWith("mlpParams(2, 3, 1) is 0");
    }
}
