/**
 * Speed, kept apart from the math: the kernels behind {@code backprop.tensor}'s matrix product, tanh and
 * elementwise arithmetic. Not part of the library's API (public only so that {@code backprop.tensor} can call
 * it); learners can skip this package.
 *
 * <p>Start with {@link backprop.tensor.kernels.Reference}: the textbook triple-loop matrix product and the
 * scalar tanh. <b>The fast kernels compute exactly these numbers, bit for bit</b> (only the order in which memory
 * is visited changes, never the order of a sum's terms), and MatMulTest and FastMathTest prove it by comparing
 * them with no tolerance on every path, shape, transpose, thread count and vector width.
 *
 * <ul>
 * <li>{@link backprop.tensor.kernels.MatrixView}: a matrix inside a flat array (offset, rows, cols, transposed),
 *     what a product kernel takes.</li>
 * <li>{@link backprop.tensor.kernels.MatMul}: C += A·B, blocked and packed for the caches, split between threads,
 *     with direct paths for a column; {@code VectorMatMul}: the same on the Vector API
 *     ({@code jdk.incubator.vector}, the only place besides {@code VectorMath} that imports it).</li>
 * <li>{@link backprop.tensor.kernels.FastMath}: tanh over an array, through {@code VectorMath} where the
 *     processor has fused multiply-add ({@code Hardware.FMA}).</li>
 * <li>{@link backprop.tensor.kernels.ColumnMajorCopy}: a tall data matrix kept column by column for X·w.</li>
 * <li>{@link backprop.tensor.kernels.Elementwise}: add/sub/mul/div loops that read a broadcast scalar or bias row
 *     in place, and a sum with four running totals.</li>
 * </ul>
 * Each optimisation says in its comment why it pays; the measured times are in bench/README.md.
 */
package backprop.tensor.kernels;
