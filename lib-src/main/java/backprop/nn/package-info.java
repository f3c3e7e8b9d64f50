/**
 * Layers, losses and initialisers: networks built from tensor operations, so that autograd
 * computes every gradient.
 *
 * <pre>{@code
 * Module model = new Sequential(new Linear(2, 8, new Generator(1)), new Tanh(), new Linear(8, 1, new Generator(2)));
 * Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
 * Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
 * Tensor loss = new MSELoss().forward(model.forward(x), y);
 * loss.backward();
 * System.out.println(loss);
 * System.out.println(model.parameters().get(2).grad());
 * }</pre>
 *
 * prints the loss of the untrained network on XOR and the gradient of the second layer's weight (1, 8):
 * <pre>
 * tensor(0.4155, grad_fn=Mean)
 * tensor([[-0.3145, -0.4197, -0.2999, -0.4938,  0.3305,  0.3955,  0.0070,  0.5211]])
 * </pre>
 *
 * <ul>
 * <li>{@link backprop.nn.Module}: {@code forward}, {@code parameters()} / {@code namedParameters()},
 *     {@code train()} / {@code eval()}, {@code stateDict()} / {@code loadStateDict(...)}; its
 *     {@code toString} lists the layers and parameter shapes.</li>
 * <li>Layers: {@link backprop.nn.Linear} (y = x Wᵀ + b, W of shape (out, in)), {@link backprop.nn.Sequential},
 *     {@link backprop.nn.Sigmoid}, {@link backprop.nn.Tanh}, {@link backprop.nn.ReLU},
 *     {@link backprop.nn.LeakyReLU}, {@link backprop.nn.Softmax}, {@link backprop.nn.LogSoftmax},
 *     {@link backprop.nn.Dropout} (inverted, seeded), {@link backprop.nn.BatchNorm1d} (running statistics);
 *     for images {@link backprop.nn.Conv1d}, {@link backprop.nn.Conv2d}, {@link backprop.nn.MaxPool2d},
 *     {@link backprop.nn.AvgPool2d}, {@link backprop.nn.Flatten}; for sequences {@link backprop.nn.RNNCell},
 *     called once per time step in a plain loop.</li>
 * <li>Losses ({@link backprop.nn.Loss}): {@link backprop.nn.MSELoss}, {@link backprop.nn.BCELoss} (on
 *     probabilities), {@link backprop.nn.BCEWithLogitsLoss} and {@link backprop.nn.CrossEntropyLoss} (on raw
 *     scores, computed stably); {@link backprop.nn.Reduction} mean / sum / none; {@link backprop.nn.Penalty}
 *     L1 and L2 terms.</li>
 * <li>{@link backprop.nn.Init}: zeros, uniform, normal, Xavier/Glorot and He/Kaiming, each drawing
 *     from an explicit {@link backprop.tensor.Generator} or the default one. Layers made without a
 *     generator ({@code new Linear(2, 16)}) draw from the default generator, which
 *     {@link backprop.tensor.Tensor#manualSeed(long)} reseeds, like {@code torch.manual_seed}.</li>
 * </ul>
 *
 * Names, shapes, defaults and numbers follow PyTorch ({@code torch.nn}): the tests compare outputs
 * and gradients with PyTorch's to 1e-12.
 */
package backprop.nn;
