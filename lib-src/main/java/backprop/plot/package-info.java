/**
 * Pictures for the notebooks, one line each, drawn with XChart (and Java2D for the digit grid
 * and the autograd graph). Every helper returns a {@link java.awt.image.BufferedImage}, which
 * IJava, JJava and Rapaio show inline when it is a cell's last expression:
 *
 * <pre>{@code
 * History history = new History();
 * for (int epoch = 1; epoch <= 20; epoch++) {
 *     history.recordEpoch(1.0 / epoch, 1.2 / epoch);     // train and validation loss
 * }
 * Plots.lossCurves(history)                               // 640 x 400, training solid, validation dashed
 * }</pre>
 *
 * <h2>The pictures</h2>
 * <ul>
 *   <li>{@link backprop.plot.Plots#lossCurves(backprop.train.History, CurveOption...) lossCurves}
 *       of one run or of several runs overlaid; {@link backprop.plot.Plots#metrics metrics};
 *       {@link backprop.plot.Plots#curves curves} for any named series;</li>
 *   <li>{@link backprop.plot.Plots#functionWithSteps functionWithSteps},
 *       {@link backprop.plot.Plots#gradientDescentSteps gradientDescentSteps} (several learning rates side by side),
 *       {@link backprop.plot.Plots#tangent tangent};</li>
 *   <li>{@link backprop.plot.Plots#functions functions}: named functions of one variable over an x range;</li>
 *   <li>{@link backprop.plot.Plots#scatterWithLine(double[], double[], double, double) scatterWithLine} with residuals;</li>
 *   <li>{@link backprop.plot.Plots#lossSurface(java.util.function.DoubleBinaryOperator, double, double, double, double, java.util.Map) lossSurface}
 *       with optimiser paths;</li>
 *   <li>{@link backprop.plot.Plots#decisionBoundary(java.util.function.Function, backprop.tensor.Tensor, backprop.tensor.Tensor) decisionBoundary},
 *       {@link backprop.plot.Plots#confusionMatrix confusionMatrix}, {@link backprop.plot.Plots#digits digits};</li>
 *   <li>{@link backprop.plot.Plots#heatMap heatMap}: any matrix with its values in the cells (attention weights);</li>
 *   <li>{@link backprop.plot.Plots#gradientNorms gradientNorms}, {@link backprop.plot.Plots#gradientNormBars gradientNormBars},
 *       {@link backprop.plot.Plots#activationHistograms activationHistograms};</li>
 *   <li>{@link backprop.plot.Plots#autogradGraph(backprop.tensor.Value) autogradGraph} of a {@code Value},
 *       a {@code Tensor} or any {@link backprop.plot.GraphNode}.</li>
 * </ul>
 *
 * <h2>Refreshing one picture while training (optional)</h2>
 * Every kernel supports {@code display} and {@code updateDisplay}; call {@code display} as a
 * statement so its id is not printed:
 * <pre>{@code
 * String id = display(Plots.lossCurves(history));
 * for (int epoch = 0; epoch < 50; epoch++) {
 *     // ... one epoch of training, then history.recordEpoch(trainLoss, valLoss) ...
 *     if (epoch % 5 == 4) updateDisplay(id, Plots.lossCurves(history));
 * }
 * }</pre>
 * A learner who wants text only prints {@code history} instead: its {@code toString} summarises every record.
 *
 * <h2>Conventions</h2>
 * Charts are {@value backprop.plot.Plots#WIDTH} x {@value backprop.plot.Plots#HEIGHT} pixels; panel grids,
 * the digit grid and the autograd graph grow with their content. The same inputs give the same
 * pixels on every run. NaN and infinite values are drawn as gaps (or left out) and a note under
 * the chart says how many; wrong arguments raise {@code IllegalArgumentException} naming the
 * argument and what is expected. {@link backprop.plot.Plots#save Plots.save} writes PNG files
 * (SVG would need the VectorGraphics2D library, which the workbook jar does not include).
 */
package backprop.plot;
