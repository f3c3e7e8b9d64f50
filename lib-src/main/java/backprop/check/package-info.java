/**
 * Checks of gradients against central differences, the safety net under every backward rule.
 *
 * <pre>{@code
 * GradCheck.Result good = GradCheck.check(xs -> xs[0].tanh().mul(xs[1]).sum(),
 *         Tensor.randn(new Generator(1), 3, 2), Tensor.randn(new Generator(2), 3, 2));
 * System.out.println(good.passed());
 * // x * x.detach() hides one factor from autograd: its gradient comes out as x, not 2x
 * System.out.println(GradCheck.run(xs -> xs[0].mul(xs[0].detach()).sum(), Tensor.of(1.5)));
 * }</pre>
 *
 * prints
 * <pre>
 * true
 * GradCheck(FAILED, max relative error 5.000e-01 at input 0 index [0]: analytic 1.500000000, numeric 3.000000000)
 * </pre>
 *
 * {@link backprop.check.GradCheck} moves each input element by ±h (h = 10⁻⁶), evaluates the function
 * without a graph, and compares (L(x + h) − L(x − h)) / 2h with the gradient backward() computed. A
 * function with a non-scalar result is reduced to L = Σ f(x) ⊙ w with fixed random weights w, so that every
 * output element matters. {@code check} throws an {@link java.lang.AssertionError} naming the input, the
 * index, both values and the relative error; {@code run} returns the worst element without throwing.
 *
 * <p>For a gradient derived by hand, {@code checkGradient(f, x, claimed)} compares the claimed numbers with
 * central differences of the scalar function f at x, with the same tolerances and the same kind of message;
 * {@code numericGradient(f, x)} returns the central differences themselves.
 */
package backprop.check;
