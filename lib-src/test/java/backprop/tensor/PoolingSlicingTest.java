package backprop.tensor;

import backprop.check.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static backprop.tensor.ConvolutionTest.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pooling, narrow/select and the length-1 reshapes: small cases by hand, gradients against central
 * differences on random shapes, and the error messages word for word.
 */
class PoolingSlicingTest {
    /** Values at least 0.09 apart in shuffled order, so that every pooling window has one clear maximum. */
    static Tensor distinct(Generator rng, int... shape) {
        int n = Shapes.numel(shape);
        int[] order = rng.permutation(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (order[i] - n / 2.0) * 0.13 + rng.uniform(-0.02, 0.02);
        }
        return Tensor.of(v, shape);
    }

    static List<ConvolutionTest.Case> randomCases() {
        List<ConvolutionTest.Case> cases = new ArrayList<>();
        Generator rng = new Generator(1616);
        for (int t = 0; t < 8; t++) {
            int k = 1 + rng.nextInt(3);
            int stride = 1 + rng.nextInt(3);
            int[] s4 = {1 + rng.nextInt(2), 1 + rng.nextInt(3), k + rng.nextInt(4), k + rng.nextInt(4)};
            int[] s3 = {1 + rng.nextInt(2), 1 + rng.nextInt(3), k + rng.nextInt(5)};
            String ks = " kernel " + k + " stride " + stride;
            cases.add(new ConvolutionTest.Case("maxPool2d " + Arrays.toString(s4) + ks,
                    x -> x[0].maxPool2d(k, stride), distinct(rng, s4)));
            cases.add(new ConvolutionTest.Case("avgPool2d " + Arrays.toString(s4) + ks,
                    x -> x[0].avgPool2d(k, stride), real(rng, s4)));
            cases.add(new ConvolutionTest.Case("maxPool1d " + Arrays.toString(s3) + ks,
                    x -> x[0].maxPool1d(k, stride), distinct(rng, s3)));

            int[] s = {1 + rng.nextInt(4), 1 + rng.nextInt(4), 1 + rng.nextInt(4)};
            int dim = rng.nextInt(3) - (rng.uniform() < 0.5 ? 3 : 0);
            int size = s[dim < 0 ? dim + 3 : dim];
            int start = rng.nextInt(size);
            int length = 1 + rng.nextInt(size - start);
            int index = rng.nextInt(size);
            cases.add(new ConvolutionTest.Case("narrow(" + dim + ", " + start + ", " + length + ") " + Arrays.toString(s),
                    x -> x[0].narrow(dim, start, length), real(rng, s)));
            cases.add(new ConvolutionTest.Case("select(" + dim + ", " + index + ") " + Arrays.toString(s),
                    x -> x[0].select(dim, index), real(rng, s)));
            cases.add(new ConvolutionTest.Case("narrow and select of one tensor, added (gradients accumulate) "
                    + Arrays.toString(s), x -> x[0].narrow(dim, start, length).sum().add(x[0].select(dim, index).sum()
                    .mul(x[0].narrow(dim, start, length).mean())), real(rng, s)));
            cases.add(new ConvolutionTest.Case("unsqueeze(" + dim + ") then squeeze() " + Arrays.toString(s),
                    x -> x[0].unsqueeze(dim).mul(x[0].unsqueeze(dim)).squeeze(), real(rng, s)));
            cases.add(new ConvolutionTest.Case("flatten(1) " + Arrays.toString(s4), x -> x[0].flatten(1), real(rng, s4)));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomCases")
    void gradientsMatchCentralDifferences(ConvolutionTest.Case c) {
        GradCheck.check(c.f(), c.inputs());
    }

    @Test
    void maxPoolSendsTheGradientToEachWindowsWinner() {
        // 3×3 windows every 2 on a 1×5: the middle element 9 wins both windows and collects both gradients.
        Tensor x = Tensor.of(new double[] {1, 2, 9, 3, 4}, 1, 1, 5).requiresGrad(true);
        Tensor y = x.maxPool1d(3, 2);
        assertThat(y.toArray()).containsExactly(9, 9);
        y.mul(Tensor.of(new double[] {1, 10}, 1, 1, 2)).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 0, 11, 0, 0);
        // on a tie the first element of the window wins, as PyTorch
        Tensor tie = Tensor.of(new double[] {5, 5, 5, 5}, 1, 1, 2, 2).requiresGrad(true);
        tie.maxPool2d(2).sum().backward();
        assertThat(tie.grad().toArray()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void avgPoolSharesTheGradientEqually() {
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4).requiresGrad(true);
        Tensor y = x.avgPool2d(2);
        assertThat(y.toArray()).containsExactly(2.5, 4.5, 10.5, 12.5);
        y.sum().backward();
        assertThat(x.grad().toArray()).containsOnly(0.25);
    }

    @Test
    void slicesAndReshapesAgreeWithTheirDefinitions() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertThat(x.narrow(2, 1, 2).shape()).containsExactly(2, 3, 2);
        assertThat(x.narrow(2, 1, 2).toArray()).containsExactly(1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22);
        assertThat(x.narrow(1, -1, 1).toArray()).containsExactly(8, 9, 10, 11, 20, 21, 22, 23);
        assertThat(x.select(1, 2).shape()).containsExactly(2, 4);
        assertThat(x.select(-1, 0).toArray()).containsExactly(0, 4, 8, 12, 16, 20);
        assertThat(x.unsqueeze(0).shape()).containsExactly(1, 2, 3, 4);
        assertThat(x.unsqueeze(-1).shape()).containsExactly(2, 3, 4, 1);
        assertThat(x.unsqueeze(1).squeeze(1).shape()).containsExactly(2, 3, 4);
        assertThat(x.squeeze(0)).isSameAs(x);
        assertThat(Tensor.zeros(1, 3, 1).squeeze().shape()).containsExactly(3);
        assertThat(x.flatten(1).shape()).containsExactly(2, 12);
        assertThat(x.flatten(0, 1).shape()).containsExactly(6, 4);
        assertThat(x.flatten(1).toArray()).containsExactly(x.toArray());
    }

    private static void fails(Class<? extends RuntimeException> type, String message, Executable call) {
        assertThatThrownBy(call::execute).isInstanceOf(type).hasMessage(message);
    }

    @Test
    void errorsSayWhatIsWrongAndHowToFixIt() {
        fails(ShapeMismatchException.class, "maxPool2d: input must be 4-d (N, C, H, W): got [8, 8]: reshape it to "
                + "(N, C, H, W)", () -> Tensor.zeros(8, 8).maxPool2d(2));
        fails(ShapeMismatchException.class, "avgPool2d: input must be 4-d (N, C, H, W): got [1, 8, 8]: add the batch "
                + "dimension with unsqueeze(0)", () -> Tensor.zeros(1, 8, 8).avgPool2d(2));
        fails(ShapeMismatchException.class, "maxPool2d: the window 3 is larger than the input [2, 2] (shape "
                + "[1, 4, 2, 2]): use a smaller kernel, or pool earlier in the network",
                () -> Tensor.zeros(1, 4, 2, 2).maxPool2d(3));
        fails(IllegalArgumentException.class, "maxPool1d: kernel size and stride must be >= 1: got kernel=2, stride=0: "
                + "e.g. kernel 2 with stride 2 halves each side", () -> Tensor.zeros(1, 1, 4).maxPool1d(2, 0));
        fails(IndexOutOfBoundsException.class, "narrow: start 2 with length 3 does not fit in dimension 1 of size 4 "
                + "(shape [2, 4]): need 0 <= start and start + length <= 4 (a negative start counts from the end)",
                () -> Tensor.zeros(2, 4).narrow(1, 2, 3));
        fails(IndexOutOfBoundsException.class, "select: index 3 is out of range for dimension 0 of size 3 (shape "
                + "[3, 2]): valid indices are -3..2", () -> Tensor.zeros(3, 2).select(0, 3));
        fails(IllegalArgumentException.class, "select: axis 2 is out of range for a tensor with 2 dimensions: use an "
                + "axis in [-2, 1]", () -> Tensor.zeros(3, 2).select(2, 0));
        fails(IllegalArgumentException.class, "flatten: startDim 2 comes after endDim 1 for shape [2, 3, 4]: pass "
                + "startDim <= endDim (e.g. flatten(1) keeps the batch axis)", () -> Tensor.zeros(2, 3, 4).flatten(2, 1));
    }
}
