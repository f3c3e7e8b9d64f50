/**
 * The checks behind the notebooks' exercises, one class per notebook, so that a check cell is one or two lines
 * ({@code Tensor got = HiddenLayerChecks.gradW2((yh, y, a1) -> gradW2(yh, y, a1), yHat, y4, A1, W2, b2);}) and the notebook
 * stays about the math.
 *
 * <p>Every check compares the learner's answer with the library (usually autograd's gradient of the same computation,
 * on inputs of more than one size, so that a hard-coded size shows), recognises the typical wrong answers by name,
 * and throws an {@link java.lang.AssertionError} whose message says what is wrong and how to fix it; a check that
 * passes may return what the notebook prints next (the reference it was compared with, say). Each class is tested with the right answer and
 * with every mistake it names ({@code lib-src/test/java/backprop/exercises}); {@code ./workbook test exercises}
 * also runs each notebook's learner copy with the planted mistakes and expects each to fail with its own message.
 *
 * <table>
 *   <caption>Which notebook uses which checks</caption>
 *   <tr><th>notebook</th><th>class</th></tr>
 *   <tr><td>02 linear regression</td><td>{@link backprop.exercises.LinearRegressionChecks}</td></tr>
 *   <tr><td>03 batch, stochastic, mini-batch</td><td>{@link backprop.exercises.MiniBatchChecks}</td></tr>
 *   <tr><td>04 momentum, RMSprop, Adam</td><td>{@link backprop.exercises.AdamChecks}</td></tr>
 *   <tr><td>05 chain rule, backprop by hand</td><td>{@link backprop.exercises.ChainRuleChecks}</td></tr>
 *   <tr><td>06 logistic regression</td><td>{@link backprop.exercises.LogisticChecks}</td></tr>
 *   <tr><td>07 one hidden layer</td><td>{@link backprop.exercises.HiddenLayerChecks}</td></tr>
 *   <tr><td>08 L layers by hand</td><td>{@link backprop.exercises.LayersChecks}</td></tr>
 *   <tr><td>09 the Keras example in Java</td><td>{@link backprop.exercises.KerasChecks}</td></tr>
 *   <tr><td>12 convolution</td><td>{@link backprop.exercises.ConvolutionChecks}</td></tr>
 *   <tr><td>13 backprop through time</td><td>{@link backprop.exercises.RecurrenceChecks}</td></tr>
 *   <tr><td>14 attention</td><td>{@link backprop.exercises.AttentionChecks}</td></tr>
 *   <tr><td>15 policy gradient</td><td>{@link backprop.exercises.PolicyChecks}</td></tr>
 *   <tr><td>16 interview drill</td><td>{@link backprop.exercises.DrillChecks}</td></tr>
 * </table>
 */
package backprop.exercises;
