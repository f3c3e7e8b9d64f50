/**
 * Tensors of {@code double}s with reverse-mode automatic differentiation, in PyTorch's vocabulary.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
 * Tensor w = Tensor.of(2.0, -1.0).requiresGrad(true);
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
 *     {@code rand}/{@code randn}/{@code uniform}, whose arguments are the shape, as in PyTorch
 *     ({@code randn(2, 3)} is 2×3): from the default generator ({@link backprop.tensor.Tensor#manualSeed(long)}
 *     reseeds it) or from an explicit one ({@code randn(new Generator(42), 2, 3)}).</li>
 * <li>Operations, each with its backward rule written under its forward formula (table below): {@code add sub mul div}
 *     (tensor or number, with NumPy broadcasting), {@code neg pow square exp log sqrt abs tanh sigmoid
 *     logSigmoid relu leakyRelu clamp}, {@code matmul} (1-d, 2-d, batched 3-d), {@code transpose T reshape
 *     flatten rows index gather concat stack} ({@code gather(dim, index)} as {@code torch.gather}), {@code sum mean
 *     max min argmax} over everything or one axis ({@code sum(0)} drops the axis, as PyTorch's default
 *     keepdim=false; {@code sum(0, true)} keeps it), {@code softmax logSoftmax} (computed stably).</li>
 * <li>For images and sequences, as PyTorch's functions: {@code Tensor.conv1d} (N, C, L) and {@code Tensor.conv2d}
 *     (N, C, H, W) with stride, padding and bias; {@code maxPool2d avgPool2d maxPool1d}; {@code narrow select}
 *     along any axis; {@code unsqueeze squeeze flatten(startDim, endDim)}.</li>
 * <li>Autograd: {@code requiresGrad(true)} (and {@code requiresGrad()} to read the flag), {@code backward()} (or {@code backward(seed)} for a non-scalar),
 *     {@code grad()}, {@code zeroGrad()}, {@code detach()}, and {@code try (var s = Tensor.noGrad()) {...}}.
 *     One engine sorts the graph topologically and adds ({@code +=}) each contribution, so a tensor used
 *     twice gets both; after backward() the graph is released unless {@code backward(seed, true)} keeps it.</li>
 * <li>{@link backprop.tensor.Value}: one number on the same engine, micrograd-style, for the first steps.</li>
 * <li>{@link backprop.tensor.Generator}: SplitMix64, as {@code torch.Generator}: the same digits on every machine and in the Python peers.</li>
 * </ul>
 *
 * <h2>Where is the backward pass of ...?</h2>
 * Every operation is a one-line delegate in {@code Tensor.java}; its forward formula and, right under it, its
 * backward rule (how g = ∂L/∂y becomes each input's gradient) are in one method of the file named here:
 * <table>
 * <caption>operation → file and method of its backward rule</caption>
 * <tr><th>operation</th><th>file</th><th>method</th><th>backward rule</th></tr>
 * <tr><td>{@code add(Tensor)}</td><td>Arithmetic.java</td><td>{@code add(Tensor, Tensor)}</td><td>∂a = g, ∂b = g, each through {@code unbroadcast}</td></tr>
 * <tr><td>{@code sub(Tensor)}</td><td>Arithmetic.java</td><td>{@code sub(Tensor, Tensor)}</td><td>∂a = g, ∂b = −g</td></tr>
 * <tr><td>{@code mul(Tensor)}</td><td>Arithmetic.java</td><td>{@code mul(Tensor, Tensor)}</td><td>∂a = g·b, ∂b = g·a</td></tr>
 * <tr><td>{@code div(Tensor)}</td><td>Arithmetic.java</td><td>{@code div(Tensor, Tensor)}</td><td>∂a = g/b, ∂b = −g·a/b²</td></tr>
 * <tr><td>broadcasting's sum back to an operand's shape</td><td>Arithmetic.java</td><td>{@code unbroadcast}</td><td>Σ over stretched axes</td></tr>
 * <tr><td>{@code add sub mul div(double)}, {@code neg}</td><td>Arithmetic.java</td><td>{@code add(Tensor, double)}, ...</td><td>g, g, g·c, g/c, −g</td></tr>
 * <tr><td>{@code pow square exp log sqrt abs}</td><td>Arithmetic.java</td><td>{@code pow}, {@code square}, ...</td><td>g·p·xᵖ⁻¹, g·2x, g·y, g/x, g/(2y), g·sign x</td></tr>
 * <tr><td>{@code tanh}</td><td>Activations.java</td><td>{@code tanh}</td><td>g·(1 − y²)</td></tr>
 * <tr><td>{@code sigmoid logSigmoid}</td><td>Activations.java</td><td>{@code sigmoid}, {@code logSigmoid}</td><td>g·y(1 − y), g·σ(−x)</td></tr>
 * <tr><td>{@code relu leakyRelu clamp}</td><td>Activations.java</td><td>{@code relu}, {@code leakyRelu}, {@code clamp}</td><td>g where x &gt; 0 (slope·g below), g inside [lo, hi]</td></tr>
 * <tr><td>{@code matmul}</td><td>MatrixProduct.java</td><td>{@code matmul}</td><td>∂A = G Bᵀ, ∂B = Aᵀ G</td></tr>
 * <tr><td>{@code transpose T reshape flatten}</td><td>ShapeOps.java</td><td>{@code transpose}, {@code reshape}</td><td>g moved back</td></tr>
 * <tr><td>{@code rows index gather}</td><td>ShapeOps.java</td><td>{@code rows}, {@code index}, {@code gather}</td><td>g scattered back (+=)</td></tr>
 * <tr><td>{@code concat stack}</td><td>ShapeOps.java</td><td>{@code join}, {@code stack}</td><td>each input's slice of g</td></tr>
 * <tr><td>{@code sum mean} (all)</td><td>Reductions.java</td><td>{@code total}</td><td>g (·1/n) to every element</td></tr>
 * <tr><td>{@code sum mean} (one axis)</td><td>Reductions.java</td><td>{@code sumAlong}</td><td>g (·1/len) along the axis</td></tr>
 * <tr><td>{@code max min}</td><td>Reductions.java</td><td>{@code extremeAlong}</td><td>g to the (first) extreme element</td></tr>
 * <tr><td>{@code conv1d conv2d}</td><td>Convolution.java</td><td>{@code conv}</td><td>∂w = Σ g·x (correlation), ∂x = Σ g·w (full convolution), ∂b = Σ g</td></tr>
 * <tr><td>{@code maxPool2d avgPool2d maxPool1d}</td><td>Pooling.java</td><td>{@code maxPool}, {@code avgPool}</td><td>g to each window's (first) maximum, or shared equally</td></tr>
 * <tr><td>{@code narrow select unsqueeze squeeze flatten(start, end)}</td><td>Slicing.java</td><td>{@code narrow}, ...</td><td>g back into the slice (+=), or reshaped back</td></tr>
 * <tr><td>{@code softmax}</td><td>Softmax.java</td><td>{@code softmax}</td><td>y·(g − Σ g·y)</td></tr>
 * <tr><td>{@code logSoftmax}</td><td>Softmax.java</td><td>{@code logSoftmax}</td><td>g − softmax(x)·Σ g</td></tr>
 * </table>
 * The engine that calls these rules in reverse topological order is {@code Graph.java}; how a rule adds into an
 * input's gradient ({@code passGrad}, {@code addGrad}, {@code unary}) is in {@code TensorNode.java}. Speed is
 * apart, in {@link backprop.tensor.kernels}, which computes exactly what its {@code Reference} class writes out.
 *
 * Tensors print as PyTorch prints them (with {@code grad_fn=Mul} for PyTorch's {@code grad_fn=<MulBackward0>}).
 * Mistakes are answered with unchecked exceptions saying <i>op: what is wrong: the shapes or values: how to
 * fix</i>, e.g. {@code matmul: inner dimensions differ: [4, 64] @ [128, 64] (64 != 128); did you mean
 * b.transpose()?}; {@link backprop.tensor.ShapeMismatchException} for shapes. Values and gradients agree
 * with PyTorch's to 1e-12 (the tests compare a catalogue of expressions).
 */
package backprop.tensor;
