/**
 * Tensors of {@code double}s with reverse-mode automatic differentiation, in PyTorch's vocabulary.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
 * Tensor w = Tensor.of(2.0, -1.0).requiresGrad();
 * Tensor loss = x.matmul(w).square().mean();   // mean((x w)²) = (0² + 2²) / 2 = 2
 * loss.backward();                             // ∂loss/∂w = Σᵢ (xᵢ·w) xᵢ = 0·[1, 2] + 2·[3, 4]
 * System.out.println(w);
 * System.out.println(loss);
 * System.out.println(w.grad());
 * }</pre>
 *
 * prints
 * <pre>
 * tensor([ 2., -1.], requires_grad=true)
 * tensor(2., grad_fn=Mean)
 * tensor([6., 8.])
 * </pre>
 *
 * <ul>
 * <li>{@link backprop.tensor.Tensor}: n-dimensional (0-d scalars upward), values in one flat row-major
 *     array that never changes: every operation returns a new tensor. Created with {@code of},
 *     {@code zeros}, {@code ones}, {@code full}, {@code arange}, {@code linspace}, {@code eye}, and
 *     {@code rand}/{@code randn}/{@code uniform} from an explicit seed.</li>
 * <li>Operations, each with its backward rule written under its forward formula: {@code add sub mul div}
 *     (tensor or number, with NumPy broadcasting), {@code neg pow square exp log sqrt abs tanh sigmoid
 *     logSigmoid relu leakyRelu clamp}, {@code matmul} (1-d, 2-d, batched 3-d), {@code transpose T reshape
 *     flatten rows index gather concat stack}, {@code sum mean max min} over everything or one axis (with
 *     {@code keepDim}), {@code softmax logSoftmax} (computed stably), {@code argmax}.</li>
 * <li>For images and sequences, as PyTorch's functions: {@code Tensor.conv1d} (N, C, L) and {@code Tensor.conv2d}
 *     (N, C, H, W) with stride, padding and bias; {@code maxPool2d avgPool2d maxPool1d}; {@code narrow select}
 *     along any axis; {@code unsqueeze squeeze flatten(startDim, endDim)}.</li>
 * <li>Autograd: {@code requiresGrad()}, {@code backward()} (or {@code backward(seed)} for a non-scalar),
 *     {@code grad()}, {@code zeroGrad()}, {@code detach()}, and {@code try (var s = Tensor.noGrad()) {...}}.
 *     One engine sorts the graph topologically and adds ({@code +=}) each contribution, so a tensor used
 *     twice gets both; after backward() the graph is released unless {@code backward(seed, true)} keeps it.</li>
 * <li>{@link backprop.tensor.Value}: one number on the same engine, micrograd-style, for the first steps.</li>
 * <li>{@link backprop.tensor.Rng}: SplitMix64, the same digits on every machine and in the Python peers.</li>
 * </ul>
 *
 * Tensors print as PyTorch prints them (with {@code grad_fn=Mul} for PyTorch's {@code grad_fn=<MulBackward0>}).
 * Mistakes are answered with unchecked exceptions saying <i>op: what is wrong: the shapes or values: how to
 * fix</i>, e.g. {@code matmul: inner dimensions differ: [4, 64] @ [128, 64] (64 != 128); did you mean
 * b.transpose()?}; {@link backprop.tensor.ShapeMismatchException} for shapes. Values and gradients agree
 * with PyTorch's to 1e-12 (the tests compare a catalogue of expressions).
 */
package backprop.tensor;
