package backprop.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinalgTest {

    @Test
    void solvesASmallSystemByHand() {
        // 2x + y = 5, x + 3y = 10  ->  x = 1, y = 3
        Tensor a = Tensor.of(new double[][] {{2, 1}, {1, 3}});
        Tensor x = Linalg.solve(a, Tensor.of(5, 10));
        assertArrayEquals(new int[] {2}, x.shape());
        assertArrayEquals(new double[] {1, 3}, x.toArray(), 1e-12);
    }

    @Test
    void needsPivotingWhenTheFirstEntryIsZero() {
        Tensor a = Tensor.of(new double[][] {{0, 1}, {1, 0}});
        assertArrayEquals(new double[] {7, 4}, Linalg.solve(a, Tensor.of(4, 7)).toArray(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void recoversKnownSolutionsOfRandomSystems(int n) {
        Tensor a = Tensor.randn(new Generator(100 + n), n, n).add(Tensor.eye(n).mul(n));
        Tensor x = Tensor.randn(new Generator(200 + n), n, 2);
        Tensor solved = Linalg.solve(a, a.matmul(x));
        assertArrayEquals(new int[] {n, 2}, solved.shape());
        assertTrue(solved.allClose(x, 1e-9, 1e-9), "expected " + x + " got " + solved);
    }

    @Test
    void normalEquationsGiveTheLeastSquaresLine() {
        // points on y = 1 + 2x exactly: the fit must return w0 = 1, w1 = 2
        Tensor X = Tensor.of(new double[][] {{1, 0}, {1, 1}, {1, 2}, {1, 3}});
        Tensor y = Tensor.of(1, 3, 5, 7);
        Tensor w = Linalg.solve(X.T().matmul(X), X.T().matmul(y));
        assertArrayEquals(new double[] {1, 2}, w.toArray(), 1e-12);
    }

    @Test
    void explainsASingularMatrix() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {2, 4}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linalg.solve(a, Tensor.of(1, 2)));
        assertEquals("solve: a is singular (or nearly so): no pivot in column 1 of 2: some columns are linear "
                + "combinations of others; drop duplicated or constant features", e.getMessage());
    }

    @Test
    void explainsWrongShapes() {
        ShapeMismatchException notSquare = assertThrows(ShapeMismatchException.class,
                () -> Linalg.solve(Tensor.zeros(3, 2), Tensor.zeros(3)));
        assertEquals("solve: a must be a square matrix: got shape [3, 2]: for least squares pass X.T().matmul(X), "
                + "which is (d, d)", notSquare.getMessage());
        ShapeMismatchException rows = assertThrows(ShapeMismatchException.class,
                () -> Linalg.solve(Tensor.eye(2), Tensor.zeros(3)));
        assertEquals("solve: b must have 2 rows to match a: got a [2, 2] and b [3]: pass b as (2) or (2, k), "
                + "e.g. X.T().matmul(y)", rows.getMessage());
    }
}
