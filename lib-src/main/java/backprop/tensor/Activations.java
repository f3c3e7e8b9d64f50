package backprop.tensor;

import backprop.tensor.kernels.FastMath;

/**
 * Activation functions, one element at a time: tanh, sigmoid, logSigmoid, relu, leakyRelu, clamp. Each writes
 * its forward formula and, under it, its backward rule in the one pattern of {@link Tensor#unary}:
 * {@code dx[i] += g[i] · ∂yᵢ/∂xᵢ}, where g = ∂L/∂y.
 */
final class Activations {
    private Activations() {
    }

    /** y = tanh x;   ∂y/∂x = 1 − y². */
    static Tensor tanh(Tensor x) {
        double[] y = new double[x.data.length];
        FastMath.tanh(x.data, y);                 // tanh(x[i]) for every i, computed fast (kernels.Reference.tanh)
        return x.unary("Tanh", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (1.0 - y[i] * y[i]);
            }
        });
    }

    /** y = σ(x) = 1 / (1 + e⁻ˣ);   ∂y/∂x = y · (1 − y).  Computed without overflow for large |x|. */
    static Tensor sigmoid(Tensor x) {
        double[] y = new double[x.data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = sigmoid(x.data[i]);
        }
        return x.unary("Sigmoid", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (y[i] * (1.0 - y[i]));
            }
        });
    }

    /** σ(x), as 1 / (1 + e⁻ˣ) for x ≥ 0 and eˣ / (1 + eˣ) below, so that no exponent overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * y = log σ(x) = min(x, 0) − log(1 + e^(−|x|))   (finite for any x, where log(sigmoid()) gives −∞ below −745);
     * ∂y/∂x = 1 − σ(x) = σ(−x).
     */
    static Tensor logSigmoid(Tensor in) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(x[i], 0.0) - Math.log1p(Math.exp(-Math.abs(x[i])));
        }
        return in.unary("LogSigmoid", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * sigmoid(-x[i]);
            }
        });
    }

    /** y = max(0, x);   ∂y/∂x = 1 if x > 0 else 0. */
    static Tensor relu(Tensor in) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0 ? x[i] : 0.0;
        }
        return in.unary("Relu", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (x[i] > 0 ? 1.0 : 0.0);
            }
        });
    }

    /** y = x if x > 0 else slope · x;   ∂y/∂x = 1 if x > 0 else slope. */
    static Tensor leakyRelu(Tensor in, double slope) {
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
        return in.unary("LeakyRelu", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (x[i] > 0 ? 1.0 : slope);
            }
        });
    }

    /** y = min(max(x, lo), hi);   ∂y/∂x = 1 where lo ≤ x ≤ hi, else 0. */
    static Tensor clamp(Tensor in, double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " is above upper bound " + hi
                    + ": pass lo <= hi");
        }
        double[] x = in.data;
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(Math.max(x[i], lo), hi);
        }
        return in.unary("Clamp", y, (g, dx) -> {
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * (x[i] >= lo && x[i] <= hi ? 1.0 : 0.0);
            }
        });
    }
}
