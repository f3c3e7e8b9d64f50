package backprop.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * toString prints what PyTorch prints. The expected texts come from PyTorch itself (fixture written by
 * gen_tensor_golden.py); our spelling differs only in naming the operation {@code grad_fn=Mul} (not
 * {@code grad_fn=<MulBackward0>}), {@code requires_grad=true} in Java's spelling, and the shape added to
 * summarised and empty tensors.
 */
class TensorFormatTest {
    static List<Golden.Format> formats() {
        return Golden.load().formats;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void printsWhatPyTorchPrints(Golden.Format f) {
        Tensor t = switch (f.kind()) {
            case "plain" -> f.tensor();
            case "requires_grad" -> f.tensor().detach().requiresGrad(true);
            case "mul" -> f.tensor().detach().requiresGrad(true).mul(1.0);
            default -> throw new IllegalStateException("unknown kind " + f.kind());
        };
        assertThat(t.toString()).isEqualTo(f.text());
    }

    @Test
    void catalogueCoversEveryLayout() {
        assertThat(formats()).extracting(Golden.Format::name).contains("scalar", "vector", "matrix", "cube",
                "hypercube", "wrapped", "wrapped_suffix", "large_int", "large_matrix", "large_cube", "empty_2d",
                "non_finite", "rounding_fixed");
    }

    /** A few of the fixture's texts written out, so that a reader sees the format without opening the file. */
    @Test
    void readableExamples() {
        Tensor x = Tensor.of(new double[][] {{1.5, 2}, {3, -4}}).requiresGrad(true);
        assertThat(Tensor.scalar(2.5).toString()).isEqualTo("tensor(2.5000)");
        assertThat(Tensor.of(1, 2, 3).toString()).isEqualTo("tensor([1., 2., 3.])");
        assertThat(x.toString()).isEqualTo("tensor([[ 1.5000,  2.0000],\n"
                + "        [ 3.0000, -4.0000]], requires_grad=true)");
        assertThat(x.mul(2.0).toString()).isEqualTo("tensor([[ 3.,  4.],\n"
                + "        [ 6., -8.]], grad_fn=Mul)");
        assertThat(x.sum().toString()).isEqualTo("tensor(2.5000, grad_fn=Sum)");
        assertThat(x.max().toString()).isEqualTo("tensor(3., grad_fn=Max)");
        assertThat(Tensor.arange(2000).toString()).isEqualTo(
                "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                        + "        1.9990e+03], shape=[2000])");
        assertThat(Tensor.of(1e-5, 1).toString()).isEqualTo("tensor([1.0000e-05, 1.0000e+00])");
    }

    @Test
    void gradFnNamesFollowPyTorchWithoutDecoration() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        assertThat(x.add(1.0).gradFn()).isEqualTo("Add");
        assertThat(x.sub(1.0).gradFn()).isEqualTo("Sub");
        assertThat(x.mul(2.0).gradFn()).isEqualTo("Mul");
        assertThat(x.div(2.0).gradFn()).isEqualTo("Div");
        assertThat(x.add(x).gradFn()).isEqualTo("Add");
        assertThat(x.sum(0, false).gradFn()).isEqualTo("Sum");
        assertThat(x.mean(0, true).gradFn()).isEqualTo("Mean");
        assertThat(x.mean().gradFn()).isEqualTo("Mean");
        assertThat(x.min().gradFn()).isEqualTo("Min");
        assertThat(x.gradFn()).isNull();
    }
}
