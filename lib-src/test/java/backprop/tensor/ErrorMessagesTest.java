package backprop.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input is answered with "op: what is wrong: the shapes or values: how to fix", asserted word
 * for word, and a failed call leaves its operands exactly as they were.
 */
class ErrorMessagesTest {
    private static void fails(Class<? extends RuntimeException> type, String message, Executable call) {
        assertThatThrownBy(call::execute).isInstanceOf(type).hasMessage(message);
    }

    @Test
    void matmulInnerMismatchSuggestsTheTranspose() {
        fails(ShapeMismatchException.class, "matmul: inner dimensions differ: [4, 64] @ [128, 64] (64 != 128); "
                + "did you mean b.transpose()? ([128, 64] transposed has 64 rows)",
                () -> Tensor.zeros(4, 64).matmul(Tensor.zeros(128, 64)));
        fails(ShapeMismatchException.class, "matmul: inner dimensions differ: [64, 4] @ [64, 128] (4 != 64); "
                + "did you mean a.transpose()? ([64, 4] transposed has 64 columns)",
                () -> Tensor.zeros(64, 4).matmul(Tensor.zeros(64, 128)));
        fails(ShapeMismatchException.class, "matmul: inner dimensions differ: [2, 3] @ [4, 5] (3 != 4); "
                + "the columns of the left operand must equal the rows of the right one",
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        fails(ShapeMismatchException.class, "matmul: batch sizes differ: [2, 3, 4] @ [3, 4, 5] (2 != 3): "
                + "batched operands need the same leading dimension, or one of them 2-d",
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        fails(ShapeMismatchException.class, "matmul: needs 1-d, 2-d or 3-d operands: got [] @ [3]: "
                + "use mul() for scalars, reshape() for higher dimensions",
                () -> Tensor.scalar(2).matmul(Tensor.zeros(3)));
    }

    @Test
    void shapesThatDoNotBroadcastSayWhichDimensionAndHowToFix() {
        fails(ShapeMismatchException.class, "sub: shapes cannot be broadcast: [3, 4] and [3] (dimension 1 of the "
                + "aligned shapes: 4 vs 3): trailing dimensions must be equal or 1; to combine b with each row of a, "
                + "make it a column: b.reshape(3, 1)",
                () -> Tensor.zeros(3, 4).sub(Tensor.zeros(3)));
        fails(ShapeMismatchException.class, "mul: shapes cannot be broadcast: [3] and [3, 4] (dimension 1 of the "
                + "aligned shapes: 3 vs 4): trailing dimensions must be equal or 1; to combine a with each row of b, "
                + "make it a column: a.reshape(3, 1)",
                () -> Tensor.zeros(3).mul(Tensor.zeros(3, 4)));
        fails(ShapeMismatchException.class, "add: shapes cannot be broadcast: [2, 3] and [4] (dimension 1 of the "
                + "aligned shapes: 3 vs 4): trailing dimensions must be equal or 1; reshape or transpose one operand "
                + "so that, aligned from the right, each pair of dimensions is equal or one of them is 1",
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        fails(ShapeMismatchException.class, "div: shapes cannot be broadcast: [2, 3, 4] and [3, 3, 4] (dimension 0 "
                + "of the aligned shapes: 2 vs 3): trailing dimensions must be equal or 1; reshape or transpose one "
                + "operand so that, aligned from the right, each pair of dimensions is equal or one of them is 1",
                () -> Tensor.zeros(2, 3, 4).div(Tensor.zeros(3, 3, 4)));
    }

    @Test
    void reshapeToAnotherElementCount() {
        fails(ShapeMismatchException.class, "reshape: cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements): "
                + "the element count must stay the same; use -1 for one dimension to infer it",
                () -> Tensor.zeros(2, 3).reshape(4, 2));
        fails(ShapeMismatchException.class, "reshape: cannot infer -1 in [4, -1] for 6 elements (shape [2, 3]): "
                + "the other dimensions must divide 6",
                () -> Tensor.zeros(2, 3).reshape(4, -1));
        fails(IllegalArgumentException.class, "reshape: invalid shape [-1, -1]: dimensions must be >= 0, "
                + "with at most one -1 to infer",
                () -> Tensor.zeros(2, 3).reshape(-1, -1));
        fails(ShapeMismatchException.class, "of: 3 values do not fill shape [2, 2] (4 elements): "
                + "pass as many values as the shape holds",
                () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
    }

    @Test
    void axisOutOfRange() {
        fails(IllegalArgumentException.class, "sum: axis 2 is out of range for a tensor with 2 dimensions: "
                + "use an axis in [-2, 1]", () -> Tensor.zeros(2, 3).sum(2, false));
        fails(IllegalArgumentException.class, "softmax: axis -3 is out of range for a tensor with 2 dimensions: "
                + "use an axis in [-2, 1]", () -> Tensor.zeros(2, 3).softmax(-3));
        fails(IllegalArgumentException.class, "max: axis 1 is out of range for a tensor with 1 dimension: "
                + "use an axis in [-1, 0]", () -> Tensor.zeros(3).max(1, true));
        fails(IllegalArgumentException.class, "mean: axis 0 given for a 0-d tensor, which has no axes: "
                + "call mean() without an axis, or reshape the tensor to (1) first",
                () -> Tensor.scalar(1).mean(0, false));
        fails(IllegalArgumentException.class, "transpose: tensor has shape [3], fewer than 2 dimensions: "
                + "reshape a vector to (n, 1) or (1, n) first", () -> Tensor.zeros(3).transpose());
    }

    @Test
    void indexOutOfRange() {
        fails(IndexOutOfBoundsException.class, "index: row 3 is out of range for 3 rows (shape [3, 2]): "
                + "valid rows are 0..2", () -> Tensor.zeros(3, 2).index(0, 3));
        fails(IndexOutOfBoundsException.class, "rows: range [2, 5) is outside the 3 rows of shape [3, 2]: "
                + "use 0 <= from <= to <= 3", () -> Tensor.zeros(3, 2).rows(2, 5));
        fails(IndexOutOfBoundsException.class, "get: index 2 is out of range for axis 1 of size 2 (shape [3, 2]): "
                + "valid indices are 0..1", () -> Tensor.zeros(3, 2).get(1, 2));
        fails(IllegalArgumentException.class, "get: 1 coordinates for a 2-d tensor of shape [3, 2]: "
                + "give one index per axis", () -> Tensor.zeros(3, 2).get(1));
        fails(IndexOutOfBoundsException.class, "gather: index 3.0 at [1, 0] is outside 0..2: indices must be whole "
                + "numbers below the size of dimension 1 (3)",
                () -> Tensor.zeros(2, 3).gather(1, Tensor.of(new double[] {0, 3}, 2, 1)));
        fails(ShapeMismatchException.class, "gather: index has shape [3] but the input has shape [2, 3] (1 != 2 "
                + "dimensions): give the index the input's rank, e.g. labels.reshape(-1, 1) to pick one column per row "
                + "of an (N, C) tensor", () -> Tensor.zeros(2, 3).gather(1, Tensor.of(0, 1, 2)));
        fails(ShapeMismatchException.class, "gather: index has shape [3, 1] but the input has shape [2, 3] (3 > 2 "
                + "in dimension 0): outside dimension 1 the index may not be larger than the input",
                () -> Tensor.zeros(2, 3).gather(1, Tensor.zeros(3, 1)));
    }

    @Test
    void nonFiniteValuesWhenAskedToValidate() {
        fails(IllegalArgumentException.class, "checkFinite: input holds NaN at index [1] (shape [2]): "
                + "remove or replace non-finite values before building the tensor",
                () -> Tensor.of(1, Double.NaN).checkFinite("input"));
        fails(IllegalArgumentException.class, "checkFinite: x holds -Infinity at index [1, 1] (shape [2, 2]): "
                + "remove or replace non-finite values before building the tensor",
                () -> Tensor.of(new double[] {1, 2, 3, Double.NEGATIVE_INFINITY}, 2, 2).checkFinite("x"));
        Tensor ok = Tensor.of(1, 2);
        assertThat(ok.checkFinite("x")).isSameAs(ok);
    }

    @Test
    void raggedRows() {
        fails(ShapeMismatchException.class, "of: ragged rows: row 0 has 2 values but row 2 has 1: "
                + "every row of a 2-d tensor needs the same length",
                () -> Tensor.of(new double[][] {{1, 2}, {3, 4}, {5}}));
    }

    @Test
    void joiningTensorsOfTheWrongShapes() {
        fails(ShapeMismatchException.class, "concat: shapes [2, 3] and [2, 4] differ outside axis 0: "
                + "all dimensions except the joined one must be equal",
                () -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        fails(ShapeMismatchException.class, "concat: shapes [2, 3] and [3] have 2 and 1 dimensions: "
                + "all tensors need the same number of dimensions; reshape one of them",
                () -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(3)));
        fails(IllegalArgumentException.class, "concat: no tensors given: pass at least one", () -> Tensor.concat(0));
        fails(ShapeMismatchException.class, "stack: shapes [2, 3] and [3, 2] differ: stack needs tensors of one shape",
                () -> Tensor.stack(0, Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
    }

    @Test
    void badCreationArguments() {
        fails(ShapeMismatchException.class, "zeros: negative dimension in shape [2, -1]: every dimension must be >= 0",
                () -> Tensor.zeros(2, -1));
        fails(IllegalArgumentException.class, "eye: negative dimension in shape [-1, -1]: every dimension must be >= 0",
                () -> Tensor.eye(-1));
        fails(IllegalArgumentException.class, "arange: step must be non-zero: got 0.0", () -> Tensor.arange(0, 1, 0));
        fails(IllegalArgumentException.class, "linspace: count must be >= 0: got -1", () -> Tensor.linspace(0, 1, -1));
        fails(IllegalArgumentException.class, "clamp: lower bound 1.0 is above upper bound 0.0: pass lo <= hi",
                () -> Tensor.zeros(2).clamp(1, 0));
        fails(ShapeMismatchException.class, "item: tensor has 2 elements (shape [2]), item() needs exactly one: "
                + "reduce it first (e.g. sum() or mean()) or read one element with get(...)",
                () -> Tensor.zeros(2).item());
        fails(ShapeMismatchException.class, "max: tensor is empty (shape [0]): there is no largest value",
                () -> Tensor.zeros(0).max());
    }

    /** A shape that does not fit the call is always a ShapeMismatchException (an IllegalArgumentException). */
    @Test
    void everyShapeMistakeIsAShapeMismatch() {
        Tensor v = Tensor.of(1, 2, 3);
        Executable[] shapeMistakes = {
            () -> v.requiresGrad(true).mul(2.0).backward(), () -> v.transpose(), () -> v.reshape(-2),
            () -> Tensor.scalar(1).rows(0, 1), () -> Tensor.scalar(1).index(0), () -> v.sum(1), () -> v.mean(-2),
            () -> Tensor.zeros(2, 0).max(1), () -> v.get(0, 0), () -> v.item(), () -> v.toArray2d(),
            () -> v.gather(0, Tensor.zeros(1, 1)), () -> v.add(Tensor.zeros(2)), () -> v.matmul(Tensor.zeros(2)),
            () -> v.argmax(1), () -> Tensor.stack(0, v, Tensor.zeros(2)),
        };
        for (Executable call : shapeMistakes) {
            assertThatThrownBy(call::execute).isInstanceOf(ShapeMismatchException.class);
        }
    }

    /** Every failing call above leaves its operands untouched: same values, no gradient, still usable. */
    @Test
    void aFailedOpLeavesItsOperandsAsTheyWere() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor aCopy = a.detach();
        Tensor bCopy = b.detach();
        Executable[] failing = {
            () -> a.matmul(b), () -> a.add(b), () -> a.reshape(4), () -> a.sum(3, true), () -> a.index(7),
            () -> Tensor.concat(0, a, b), () -> Tensor.stack(0, a, b), () -> a.gather(1, Tensor.of(new double[] {5, 0}, 2, 1)),
            () -> a.mul(b).sum().backward(), () -> a.backward(), () -> a.clamp(2, 1),
        };
        for (Executable call : failing) {
            assertThatThrownBy(call::execute).isInstanceOf(RuntimeException.class);
            assertThat(a).isEqualTo(aCopy);
            assertThat(b).isEqualTo(bCopy);
            assertThat(a.hasGrad()).isFalse();
            assertThat(b.hasGrad()).isFalse();
        }
        b.matmul(a).sum().backward();        // both still work normally: (2,2) @ (2,3)
        assertThat(a.grad()).isEqualTo(Tensor.of(new double[] {4, 4, 4, 6, 6, 6}, 2, 3));   // column sums of b
        assertThat(b.grad()).isEqualTo(Tensor.of(new double[] {6, 15, 6, 15}, 2, 2));       // row sums of a
    }
}
