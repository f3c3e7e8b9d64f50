/**
 * Optimisers, learning-rate schedules and gradient clipping, with {@code torch.optim}'s update
 * equations and defaults, step for step.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
 * Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
 * Module model = new Sequential(new Linear(2, 8, new Generator(1)), new Tanh(), new Linear(8, 1, new Generator(2)));
 * Loss lossFn = new MSELoss();
 * Optimizer optimizer = new Adam(model.parameters(), 0.05);
 * for (int step = 1; step <= 200; step++) {
 *     optimizer.zeroGrad();
 *     Tensor loss = lossFn.forward(model.forward(x), y);
 *     loss.backward();
 *     optimizer.step();
 *     if (step == 1 || step % 50 == 0) {
 *         System.out.printf("step %3d  loss %.4g%n", step, loss.item());
 *     }
 * }
 * System.out.println(optimizer);
 * }</pre>
 *
 * learns XOR and prints:
 * <pre>
 * step   1  loss 0.4155
 * step  50  loss 0.02184
 * step 100  loss 0.0001221
 * step 150  loss 4.940e-08
 * step 200  loss 2.019e-10
 * Adam(lr=0.05, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0; 4 parameter tensors, 33 numbers)
 * </pre>
 *
 * <ul>
 * <li>{@link backprop.optim.Optimizer}: {@code step()}, {@code zeroGrad()}, {@code lr()} / {@code setLr(...)};
 *     parameters without a gradient are skipped; {@code step()} before any {@code backward()} says so.</li>
 * <li>{@link backprop.optim.SGD} (momentum, dampening, Nesterov, weight decay), {@link backprop.optim.RMSprop}
 *     (alpha, eps, momentum, centered), {@link backprop.optim.Adam} (betas, eps, weight decay as an L2 term,
 *     bias correction), {@link backprop.optim.AdamW} (decoupled weight decay).</li>
 * <li>Schedules, stepped explicitly with {@code scheduler.step()}: {@link backprop.optim.StepLR},
 *     {@link backprop.optim.ExponentialLR}, {@link backprop.optim.CosineAnnealingLR}.</li>
 * <li>{@link backprop.optim.GradClip}: {@code clipGradNorm} (global norm; returns the norm before clipping)
 *     and {@code clipGradValue}, between {@code backward()} and {@code step()}.</li>
 * </ul>
 *
 * The tests run 50 steps of every optimiser and schedule next to {@code torch.optim} 1.13 and
 * require the same parameters to 1e-10 relative.
 */
package backprop.optim;
