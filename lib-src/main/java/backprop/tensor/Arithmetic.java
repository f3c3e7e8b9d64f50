package backprop.tensor;

import backprop.tensor.kernels.Elementwise;

import java.util.function.DoubleBinaryOperator;

/**
 * Arithmetic, one element at a time: + − · / between two tensors (with NumPy broadcasting) or a tensor and a
 * number, and neg, pow, square, exp, log, sqrt, abs. Each operation writes its forward formula and, right under
 * it, its backward rule: how g = ∂L/∂y, the gradient of the output, becomes the gradient of each input.
 *
 * <p>Two patterns serve every rule (see {@link Tensor#unary} and {@link #unbroadcast}):
 * <ul>
 * <li>one operand: {@code dx[i] += g[i] · ∂yᵢ/∂xᵢ}, the chain rule element by element;</li>
 * <li>two operands: each input's textbook gradient at the output's shape ({@code g}, {@code −g}, {@code g·b},
 *     {@code g/b}, ...), then {@link #unbroadcast} sums it back to that input's own shape.</li>
 * </ul>
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** y = a + b;   ∂L/∂a = g,   ∂L/∂b = g. */
    static Tensor add(Tensor a, Tensor b) {
        int[] out = Shapes.broadcast("add", a.shape, b.shape);
        double[] y = forward(Elementwise.ADD, a, b, out, (u, v) -> u + v);
        return Tensor.result("Add", y, out, g -> {
            if (a.requiresGrad) {
                a.passGrad(unbroadcast(g, out, a.shape));
            }
            if (b.requiresGrad) {
                b.passGrad(unbroadcast(g, out, b.shape));
            }
        }, a, b);
    }

    /** y = a − b;   ∂L/∂a = g,   ∂L/∂b = −g. */
    static Tensor sub(Tensor a, Tensor b) {
        int[] out = Shapes.broadcast("sub", a.shape, b.shape);
        double[] y = forward(Elementwise.SUB, a, b, out, (u, v) -> u - v);
        return Tensor.result("Sub", y, out, g -> {
            if (a.requiresGrad) {
                a.passGrad(unbroadcast(g, out, a.shape));
            }
            if (b.requiresGrad) {
                double[] gb = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    gb[i] = -g[i];
                }
                b.addGrad(unbroadcast(gb, out, b.shape));
            }
        }, a, b);
    }

    /** y = a · b;   ∂L/∂a = g · b,   ∂L/∂b = g · a. */
    static Tensor mul(Tensor a, Tensor b) {
        int[] out = Shapes.broadcast("mul", a.shape, b.shape);
        double[] y = forward(Elementwise.MUL, a, b, out, (u, v) -> u * v);
        return Tensor.result("Mul", y, out, g -> {
            double[] av = Shapes.expand(a.data, a.shape, out);         // each operand at every output element
            double[] bv = Shapes.expand(b.data, b.shape, out);
            if (a.requiresGrad) {
                double[] ga = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    ga[i] = g[i] * bv[i];
                }
                a.addGrad(unbroadcast(ga, out, a.shape));
            }
            if (b.requiresGrad) {
                double[] gb = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    gb[i] = g[i] * av[i];
                }
                b.addGrad(unbroadcast(gb, out, b.shape));
            }
        }, a, b);
    }

    /** y = a / b;   ∂L/∂a = g / b,   ∂L/∂b = −g · a / b². */
    static Tensor div(Tensor a, Tensor b) {
        int[] out = Shapes.broadcast("div", a.shape, b.shape);
        double[] y = forward(Elementwise.DIV, a, b, out, (u, v) -> u / v);
        return Tensor.result("Div", y, out, g -> {
            double[] av = Shapes.expand(a.data, a.shape, out);
            double[] bv = Shapes.expand(b.data, b.shape, out);
            if (a.requiresGrad) {
                double[] ga = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    ga[i] = g[i] / bv[i];
                }
                a.addGrad(unbroadcast(ga, out, a.shape));
            }
            if (b.requiresGrad) {
                double[] gb = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    gb[i] = -g[i] * av[i] / (bv[i] * bv[i]);
                }
                b.addGrad(unbroadcast(gb, out, b.shape));
            }
        }, a, b);
    }

    /**
     * y[i] = f(a[i], b[i]) over the broadcast shape {@code out}: each operand expanded to {@code out} and combined
     * element by element. When one operand only repeats (a scalar, a bias row), the kernel's loops for
     * {@code op} read it in place instead of expanding it: the same arithmetic, so the same bits.
     */
    private static double[] forward(int op, Tensor a, Tensor b, int[] out, DoubleBinaryOperator f) {
        double[] y = new double[Shapes.numel(out)];
        if (Elementwise.forward(op, a.data, Elementwise.period(a.shape, out), b.data, Elementwise.period(b.shape, out), y)) {
            return y;
        }
        double[] av = Shapes.expand(a.data, a.shape, out);
        double[] bv = Shapes.expand(b.data, b.shape, out);
        for (int i = 0; i < y.length; i++) {
            y[i] = f.applyAsDouble(av[i], bv[i]);
        }
        return y;
    }

    /**
     * A gradient of the broadcast shape {@code from}, summed back down to an operand's shape {@code to}: over every
     * axis that broadcasting stretched (added in front, or of length 1 in the operand), since each of the
     * operand's values was used once per element of that axis. Returned as is when no axis was stretched.
     * This is the only place where broadcasting's gradients are reduced (early tinygrad's {@code unbroadcast}).
     */
    static double[] unbroadcast(double[] g, int[] from, int[] to) {
        if (java.util.Arrays.equals(from, to)) {
            return g;
        }
        double[] out = new double[Shapes.numel(to)];
        if (out.length == 1) {
            out[0] = Elementwise.sum(g);                         // a scalar operand: Σ of all (four lanes at once)
            return out;
        }
        int p = Elementwise.period(to, from);
        if (p > 0) {                                             // a bias row: its values repeat every p elements
            for (int s = 0; s < g.length; s += p) {
                for (int j = 0; j < p; j++) {
                    out[j] += g[s + j];
                }
            }
            return out;
        }
        int[] source = Shapes.sourceIndex(to, from);             // the operand's element behind each output element
        for (int i = 0; i < g.length; i++) {
            out[source[i]] += g[i];
        }
        return out;
    }

    // ------------------------------------------------------------------ with a number

    /** y = x + c;   ∂L/∂x = g. */
    static Tensor add(Tensor x, double c) {
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data[i] + c;
        }
        return Tensor.result("Add", y, x.shape, g -> x.passGrad(g), x);
    }

    /** y = x − c;   ∂L/∂x = g. */
    static Tensor sub(Tensor x, double c) {
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data[i] - c;
        }
        return Tensor.result("Sub", y, x.shape, g -> x.passGrad(g), x);
    }

    /** y = c · x;   ∂y/∂x = c. */
    static Tensor mul(Tensor x, double c) {
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data[i] * c;
        }
        return x.unary("Mul", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * c;
            }
        });
    }

    /** y = x / c;   ∂y/∂x = 1/c. */
    static Tensor div(Tensor x, double c) {
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.data[i] / c;
        }
        double inverse = 1.0 / c;
        return x.unary("Div", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * inverse;
            }
        });
    }

    /** y = −x;   ∂y/∂x = −1. */
    static Tensor neg(Tensor x) {
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -x.data[i];
        }
        return x.unary("Neg", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * -1.0;
            }
        });
    }

    // ------------------------------------------------------------------ powers, exponential, logarithm

    /** y = xᵖ;   ∂y/∂x = p · xᵖ⁻¹. */
    static Tensor pow(Tensor in, double p) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.pow(x[i], p);
        }
        return in.unary("Pow", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (p == 0 ? 0.0 : p * Math.pow(x[i], p - 1));
            }
        });
    }

    /** y = x²;   ∂y/∂x = 2x. */
    static Tensor square(Tensor in) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * x[i];
        }
        return in.unary("Square", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (2.0 * x[i]);
            }
        });
    }

    /** y = eˣ;   ∂y/∂x = eˣ = y. */
    static Tensor exp(Tensor in) {
        double[] y = new double[in.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(in.data[i]);
        }
        return in.unary("Exp", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * y[i];
            }
        });
    }

    /** y = ln x;   ∂y/∂x = 1/x. */
    static Tensor log(Tensor in) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log(x[i]);
        }
        return in.unary("Log", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (1.0 / x[i]);
            }
        });
    }

    /** y = √x;   ∂y/∂x = 1 / (2√x) = 1 / (2y). */
    static Tensor sqrt(Tensor in) {
        double[] y = new double[in.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sqrt(in.data[i]);
        }
        return in.unary("Sqrt", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (0.5 / y[i]);
            }
        });
    }

    /** y = |x|;   ∂y/∂x = sign(x)  (0 at x = 0, as PyTorch). */
    static Tensor abs(Tensor in) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return in.unary("Abs", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * Math.signum(x[i]);
            }
        });
    }
}
