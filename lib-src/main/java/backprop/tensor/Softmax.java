package backprop.tensor;

/**
 * softmax and log-softmax along one axis, both computed stably (the largest value subtracted before any
 * exponent). For each position o, i outside the axis, k runs along it: element (o, k, i) sits at
 * {@code (o·len + k)·inner + i} of the flat array.
 */
final class Softmax {
    private Softmax() {
    }

    /**
     * softmax along an axis: yₖ = e^(xₖ − m) / Σⱼ e^(xⱼ − m), with m = max x (so no exponent overflows).
     * <pre>  ∂L/∂xₖ = yₖ · (gₖ − Σⱼ gⱼ yⱼ)  </pre>
     */
    static Tensor softmax(Tensor x, int axis) {
        int ax = Shapes.axis("softmax", axis, x.shape.length);
        int outer = Shapes.outer(x.shape, ax);
        int len = x.shape[ax];
        int inner = Shapes.inner(x.shape, ax);
        double[] y = values(x.data, outer, len, inner, false);
        return Tensor.result("Softmax", y, x.shape, g -> {
            double[] dx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double dot = 0;
                    for (int k = 0; k < len; k++) {
                        int at = (o * len + k) * inner + i;
                        dot += g[at] * y[at];
                    }
                    for (int k = 0; k < len; k++) {
                        int at = (o * len + k) * inner + i;
                        dx[at] += y[at] * (g[at] - dot);
                    }
                }
            }
        }, x);
    }

    /**
     * log softmax along an axis: yₖ = xₖ − m − log Σⱼ e^(xⱼ − m)  (finite even for inputs of ±1000).
     * <pre>  ∂L/∂xₖ = gₖ − softmax(x)ₖ · Σⱼ gⱼ  </pre>
     */
    static Tensor logSoftmax(Tensor x, int axis) {
        int ax = Shapes.axis("logSoftmax", axis, x.shape.length);
        int outer = Shapes.outer(x.shape, ax);
        int len = x.shape[ax];
        int inner = Shapes.inner(x.shape, ax);
        double[] y = values(x.data, outer, len, inner, true);
        return Tensor.result("LogSoftmax", y, x.shape, g -> {
            double[] dx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double gSum = 0;
                    for (int k = 0; k < len; k++) {
                        gSum += g[(o * len + k) * inner + i];
                    }
                    for (int k = 0; k < len; k++) {
                        int at = (o * len + k) * inner + i;
                        dx[at] += g[at] - Math.exp(y[at]) * gSum;
                    }
                }
            }
        }, x);
    }

    /** The forward values of softmax ({@code log} false) or log-softmax ({@code log} true). */
    private static double[] values(double[] x, int outer, int len, int inner, boolean log) {
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    m = Math.max(m, x[(o * len + k) * inner + i]);
                }
                double s = 0;
                for (int k = 0; k < len; k++) {
                    s += Math.exp(x[(o * len + k) * inner + i] - m);
                }
                double logS = Math.log(s);
                for (int k = 0; k < len; k++) {
                    int at = (o * len + k) * inner + i;
                    y[at] = log ? x[at] - m - logS : Math.exp(x[at] - m) / s;
                }
            }
        }
        return y;
    }
}
