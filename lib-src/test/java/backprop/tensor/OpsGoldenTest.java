package backprop.tensor;

import backprop.testing.Golden;
import backprop.testing.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static backprop.testing.Golden.assertClose;
import static backprop.testing.Golden.obj;
import static backprop.testing.Golden.tensor;

/**
 * Convolution, pooling, slicing (narrow, select, squeeze, unsqueeze, flatten) and batched attention against PyTorch 1.13 (float64): outputs and input gradients to 1e-12
 * relative. The golden values come from lib-src/test/python/gen_ops_golden.py.
 */
class OpsGoldenTest {
    static final double TOL = 1e-12;
    static final Object GOLDEN = Json.resource("/golden/ops.json");
    /** The operations this test knows how to apply; module cases are NnOpsGoldenTest's. */
    static final Set<String> OPS = Set.of("conv1d", "conv2d", "max_pool2d", "avg_pool2d", "max_pool1d", "narrow",
            "select", "squeeze", "unsqueeze", "flatten", "attention");

    @SuppressWarnings("unchecked")
    static Stream<String> cases() {
        return ((Map<String, Object>) GOLDEN).entrySet().stream()
                .filter(e -> e.getValue() instanceof Map<?, ?> m && m.get("op") instanceof String op && OPS.contains(op))
                .map(Map.Entry::getKey);
    }

    static int arg(Map<String, Object> c, String name) {
        return ((Double) obj(c, "args").get(name)).intValue();
    }

    static Tensor apply(String op, Map<String, Object> c, Map<String, Tensor> in) {
        return switch (op) {
            case "conv1d" -> Tensor.conv1d(in.get("x"), in.get("weight"), in.get("bias"), arg(c, "stride"),
                    arg(c, "padding"));
            case "conv2d" -> Tensor.conv2d(in.get("x"), in.get("weight"), in.get("bias"), arg(c, "stride"),
                    arg(c, "padding"));
            case "max_pool2d" -> in.get("x").maxPool2d(arg(c, "kernel"), arg(c, "stride"));
            case "avg_pool2d" -> in.get("x").avgPool2d(arg(c, "kernel"), arg(c, "stride"));
            case "max_pool1d" -> in.get("x").maxPool1d(arg(c, "kernel"), arg(c, "stride"));
            case "narrow" -> in.get("x").narrow(arg(c, "dim"), arg(c, "start"), arg(c, "length"));
            case "select" -> in.get("x").select(arg(c, "dim"), arg(c, "index"));
            case "squeeze" -> obj(c, "args").isEmpty() ? in.get("x").squeeze() : in.get("x").squeeze(arg(c, "dim"));
            case "unsqueeze" -> in.get("x").unsqueeze(arg(c, "dim"));
            case "flatten" -> in.get("x").flatten(arg(c, "start"), arg(c, "end"));
            case "attention" -> attention(in.get("q"), in.get("k"), in.get("v"), arg(c, "causal") == 1);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** softmax(Q Kᵀ / √d) V over a batch (B, T, d), built from batched matmul, transpose(1, 2) and softmax(-1). */
    static Tensor attention(Tensor q, Tensor k, Tensor v, boolean causal) {
        Tensor scores = q.matmul(k.transpose(1, 2)).div(Math.sqrt(q.size(-1)));
        if (causal) {                       // position i may not attend to j > i: −10⁹ before the softmax
            int t = q.size(1);
            double[] mask = new double[t * t];
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    mask[i * t + j] = -1e9;
                }
            }
            scores = scores.add(Tensor.of(mask, t, t));
        }
        return scores.softmax(-1).matmul(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String name) {
        Map<String, Object> c = obj(GOLDEN, name);
        String op = (String) c.get("op");
        Map<String, Tensor> in = new LinkedHashMap<>();
        Golden.tensors(c.get("inputs")).forEach((k, v) -> in.put(k, v.requiresGrad(true)));
        Tensor y = apply(op, c, in);
        y.mul(tensor(c, "upstream")).sum().backward();
        assertClose(op, name + " output", y, tensor(c, "output"), TOL);
        Map<String, Tensor> grads = Golden.tensors(c.get("grads"));
        for (String k : List.copyOf(grads.keySet())) {
            assertClose(op, name + " gradient of " + k, in.get(k).grad(), grads.get(k), TOL);
        }
    }

    @AfterAll
    static void printDeviations() {
        System.out.println("Largest relative deviation from PyTorch, per operation:\n" + Golden.report());
    }
}
