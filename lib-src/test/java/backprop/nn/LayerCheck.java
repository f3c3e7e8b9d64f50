package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient check of a module as it is: backward() through {@code module.forward(x)} against central
 * differences, nudging each input element and each parameter element in place.
 */
final class LayerCheck {
    static final double STEP = 1e-6;
    static final double REL_TOL = 1e-5;
    static final double ABS_TOL = 1e-7;

    private LayerCheck() {
    }

    /** Returns the largest relative error; throws an AssertionError naming the first mismatch. */
    static double checkParameters(Module module, Tensor x) {
        module.zeroGrad();
        Tensor xin = x.detach().requiresGrad(true);
        Tensor y = module.forward(xin);
        Tensor w = Tensor.randn(new Generator(4242L), y.shape());
        y.mul(w).sum().backward();

        Map<String, double[]> analytic = new LinkedHashMap<>();
        analytic.put("input", xin.grad().toArray());
        module.namedParameters().forEach((name, p) -> analytic.put(name,
                p.hasGrad() ? p.grad().toArray() : new double[p.numel()]));

        Map<String, double[]> live = new LinkedHashMap<>();
        double[] xv = x.toArray();
        live.put("input", xv);
        module.namedParameters().forEach((name, p) -> live.put(name, p.dataForUpdate()));

        double worst = 0;
        for (Map.Entry<String, double[]> e : live.entrySet()) {
            double[] v = e.getValue();
            double[] a = analytic.get(e.getKey());
            for (int j = 0; j < v.length; j++) {
                double old = v[j];
                v[j] = old + STEP;
                double fp = loss(module, x, xv, w);
                v[j] = old - STEP;
                double fm = loss(module, x, xv, w);
                v[j] = old;
                double numeric = (fp - fm) / (2 * STEP);
                double diff = Math.abs(numeric - a[j]);
                worst = Math.max(worst, diff / Math.max(Math.abs(numeric), 1e-12));
                if (!(diff <= ABS_TOL + REL_TOL * Math.abs(numeric))) {
                    throw new AssertionError(module + ": gradient of " + e.getKey() + " at flat index " + j + " (shape "
                            + Arrays.toString(e.getKey().equals("input") ? x.shape()
                            : module.namedParameters().get(e.getKey()).shape()) + "): backward gives " + a[j]
                            + ", central differences give " + numeric);
                }
            }
        }
        return worst;
    }

    private static double loss(Module module, Tensor x, double[] xv, Tensor w) {
        try (var scope = Tensor.noGrad()) {
            return module.forward(Tensor.of(xv, x.shape())).mul(w).sum().item();
        }
    }
}
