package backprop.tensor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Forward values and gradients of a catalogue of expressions against PyTorch (float64), from the
 * fixture written by lib-src/test/python/gen_tensor_golden.py. Each name below is the same
 * expression as in that script.
 */
class TensorGoldenTest {
    /** Agreement needed: |ours − torch| ≤ ABS_FLOOR + REL_TOL · |torch|. */
    static final double REL_TOL = 1e-12;
    static final double ABS_FLOOR = 1e-14;

    private static final Map<String, Function<Map<String, Tensor>, Tensor>> TENSOR = new LinkedHashMap<>();
    private static final Map<String, Function<Map<String, Value>, Value>> VALUE = new LinkedHashMap<>();

    private static void op(String name, Function<Map<String, Tensor>, Tensor> f) {
        TENSOR.put(name, f);
    }

    static {
        op("add", t -> t.get("a").add(t.get("b")));
        op("add_col_row", t -> t.get("a").add(t.get("b")));
        op("add_0d_right", t -> t.get("a").add(t.get("b")));
        op("add_0d_left", t -> t.get("a").add(t.get("b")));
        op("sub_vec_3d", t -> t.get("a").sub(t.get("b")));
        op("sub_col_row", t -> t.get("a").sub(t.get("b")));
        op("mul_vec_3d", t -> t.get("a").mul(t.get("b")));
        op("mul_mid", t -> t.get("a").mul(t.get("b")));
        op("mul_0d", t -> t.get("a").mul(t.get("b")));
        op("div", t -> t.get("a").div(t.get("b")));
        op("div_vec", t -> t.get("a").div(t.get("b")));
        op("div_0d_left", t -> t.get("a").div(t.get("b")));
        op("add_c", t -> t.get("a").add(1.5));
        op("sub_c", t -> t.get("a").sub(0.75));
        op("mul_c", t -> t.get("a").mul(-2.5));
        op("div_c", t -> t.get("a").div(3.0));
        op("neg", t -> t.get("a").neg());
        op("pow3", t -> t.get("a").pow(3.0));
        op("pow2", t -> t.get("a").pow(2.0));
        op("pow_half", t -> t.get("a").pow(0.5));
        op("pow_neg", t -> t.get("a").pow(-1.5));
        op("pow0", t -> t.get("a").pow(0.0));
        op("square", t -> t.get("a").square());
        op("exp", t -> t.get("a").exp());
        op("log", t -> t.get("a").log());
        op("sqrt", t -> t.get("a").sqrt());
        op("abs", t -> t.get("a").abs());
        op("tanh", t -> t.get("a").tanh());
        op("sigmoid", t -> t.get("a").sigmoid());
        op("log_sigmoid", t -> t.get("a").logSigmoid());
        op("relu", t -> t.get("a").relu());
        op("leaky_relu", t -> t.get("a").leakyRelu(0.1));
        op("clamp", t -> t.get("a").clamp(-0.5, 0.5));
        op("mm", t -> t.get("a").matmul(t.get("b")));
        op("dot", t -> t.get("a").matmul(t.get("b")));
        op("vm", t -> t.get("a").matmul(t.get("b")));
        op("mv", t -> t.get("a").matmul(t.get("b")));
        op("bmm", t -> t.get("a").matmul(t.get("b")));
        op("bmm_3d_2d", t -> t.get("a").matmul(t.get("b")));
        op("bmm_2d_3d", t -> t.get("a").matmul(t.get("b")));
        op("bmm_bcast_batch", t -> t.get("a").matmul(t.get("b")));
        op("bmm_3d_1d", t -> t.get("a").matmul(t.get("b")));
        op("bmm_1d_3d", t -> t.get("a").matmul(t.get("b")));
        op("mm_self", t -> t.get("a").matmul(t.get("a")));
        op("transpose", t -> t.get("a").transpose());
        op("T", t -> t.get("a").T());
        op("transpose_3d_last", t -> t.get("a").transpose());
        op("transpose_3d_02", t -> t.get("a").transpose(0, 2));
        op("reshape", t -> t.get("a").reshape(4, -1));
        op("flatten", t -> t.get("a").flatten());
        op("rows", t -> t.get("a").rows(1, 4));
        op("index", t -> t.get("a").index(2, 0, 2));
        op("gather", t -> t.get("a").gather(1, t.get("idx").reshape(-1, 1)).reshape(-1));
        op("concat0", t -> Tensor.concat(0, t.get("a"), t.get("b")));
        op("concat1", t -> Tensor.concat(1, t.get("a"), t.get("b")));
        op("concat_3d_mid", t -> Tensor.concat(1, t.get("a"), t.get("b"), t.get("a")));
        op("stack0", t -> Tensor.stack(0, t.get("a"), t.get("b")));
        op("stack_last", t -> Tensor.stack(-1, t.get("a"), t.get("b")));
        op("sum", t -> t.get("a").sum());
        op("sum0", t -> t.get("a").sum(0, false));
        op("sum1_keep", t -> t.get("a").sum(1, true));
        op("sum_last_3d", t -> t.get("a").sum(-1, false));
        op("sum_mid_keep_3d", t -> t.get("a").sum(1, true));
        op("mean", t -> t.get("a").mean());
        op("mean0", t -> t.get("a").mean(0, false));
        op("mean_mid_keep_3d", t -> t.get("a").mean(1, true));
        op("max", t -> t.get("a").max());
        op("max1_keep", t -> t.get("a").max(1, true));
        op("max0_3d", t -> t.get("a").max(0, false));
        op("min", t -> t.get("a").min());
        op("min1", t -> t.get("a").min(1, false));
        op("softmax_last", t -> t.get("a").softmax(-1));
        op("softmax0", t -> t.get("a").softmax(0));
        op("softmax_mid_3d", t -> t.get("a").softmax(1));
        op("log_softmax1", t -> t.get("a").logSoftmax(1));
        op("log_softmax0_3d", t -> t.get("a").logSoftmax(0));
        op("used_twice", t -> t.get("x").mul(t.get("x")));
        op("used_thrice", t -> t.get("x").mul(t.get("x")).add(t.get("x")));
        op("chain", t -> t.get("a").tanh().add(t.get("b")).exp().div(t.get("a").mul(t.get("a")).add(1.0)).mean());
        op("mse", t -> t.get("x").matmul(t.get("w")).add(t.get("b")).sub(t.get("y")).pow(2.0).mean());
        op("mlp_cross_entropy", t -> t.get("x").matmul(t.get("w1")).add(t.get("b1")).tanh()
                .matmul(t.get("w2")).add(t.get("b2")).logSoftmax(1).gather(1, t.get("y").reshape(-1, 1)).mean().neg());
        op("bce_logits", t -> {
            Tensor z = t.get("z");
            Tensor target = t.get("t");
            return target.mul(z.logSigmoid()).add(target.neg().add(1.0).mul(z.neg().logSigmoid())).mean().neg();
        });
        op("attention", t -> t.get("q").matmul(t.get("k").T()).div(2.0).softmax(-1).matmul(t.get("v")));
        op("normalise", t -> {
            Tensor x = t.get("x");
            Tensor centred = x.sub(x.mean(1, true));
            return centred.div(centred.square().mean(1, true).add(1e-5).sqrt());
        });
        op("relu_mlp_sum", t -> t.get("x").matmul(t.get("w")).relu().sum(1, false).max());

        VALUE.put("value_micrograd_sanity", v -> {
            Value x = v.get("x");
            Value z = x.mul(2).add(2).add(x);
            Value q = z.relu().add(z.mul(x));
            Value h = z.mul(z).relu();
            return h.add(q).add(q.mul(x));
        });
        VALUE.put("value_micrograd_more_ops", v -> {
            Value a = v.get("a");
            Value b = v.get("b");
            Value c = a.add(b);
            Value d = a.mul(b).add(b.pow(3));
            c = c.add(c).add(1);
            c = c.add(1).add(c).add(a.neg());
            d = d.add(d.mul(2)).add(b.add(a).relu());
            d = d.add(d.mul(3)).add(b.sub(a).relu());
            Value e = c.sub(d);
            Value f = e.pow(2);
            Value g = f.div(2.0);
            return g.add(f.pow(-1).mul(10.0));
        });
        VALUE.put("value_neuron", v -> v.get("x1").mul(v.get("w1")).add(v.get("x2").mul(v.get("w2")))
                .add(v.get("b")).tanh());
        VALUE.put("value_misc", v -> {
            Value a = v.get("a");
            Value b = v.get("b");
            return a.sigmoid().mul(b.tanh()).add(a.div(b).exp()).sub(b.log()).add(a.sub(b).relu()).add(a.neg().pow(2));
        });
    }

    /** The largest relative error seen over all comparisons, and where. */
    private static double worstError;
    private static String worstWhere = "(none)";

    static List<Golden.Case> tensorCases() {
        return Golden.load().cases.stream().filter(c -> !c.name().startsWith("value_")).toList();
    }

    static List<Golden.Case> valueCases() {
        return Golden.load().cases.stream().filter(c -> c.name().startsWith("value_")).toList();
    }

    @Test
    void everyFixtureExpressionHasAJavaTwinAndBackAgain() {
        List<String> names = Golden.load().cases.stream().map(Golden.Case::name).toList();
        Map<String, Object> ours = new HashMap<>(TENSOR);
        ours.putAll(VALUE);
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(names).hasSizeGreaterThanOrEqualTo(85);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tensorCases")
    void tensorExpressionMatchesPyTorch(Golden.Case c) {
        Map<String, Tensor> args = new HashMap<>();
        c.inputs().forEach((name, t) -> args.put(name, t.detach().requiresGrad(true)));
        c.consts().forEach((name, t) -> args.put(name, t.detach()));
        Tensor out = TENSOR.get(c.name()).apply(args);
        compare(c.name() + " forward", out, c.out());
        if (out.ndim() == 0) {
            out.backward();
        } else {
            out.backward(c.seed());
        }
        c.grads().forEach((name, expected) -> compare(c.name() + " grad " + name, args.get(name).grad(), expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueCases")
    void valueExpressionMatchesPyTorch(Golden.Case c) {
        Map<String, Value> args = new HashMap<>();
        c.inputs().forEach((name, t) -> args.put(name, new Value(t.item(), name)));
        Value out = VALUE.get(c.name()).apply(args);
        compare(c.name() + " forward", Tensor.scalar(out.data()), c.out());
        out.backward();
        c.grads().forEach((name, expected) -> compare(c.name() + " grad " + name,
                Tensor.scalar(args.get(name).grad()), expected));
    }

    private static void compare(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - e[i]);
            double rel = diff == 0 ? 0 : diff / Math.max(Math.abs(e[i]), Double.MIN_NORMAL);
            synchronized (TensorGoldenTest.class) {
                if (rel > worstError && Math.abs(e[i]) > ABS_FLOOR) {   // relative error of values above the floor
                    worstError = rel;
                    worstWhere = what + " [" + i + "]: ours " + a[i] + ", PyTorch " + e[i];
                }
            }
            if (!(diff <= ABS_FLOOR + REL_TOL * Math.abs(e[i]))) {
                fail(String.format(Locale.ROOT, "%s: element %d of shape %s: ours %.17g, PyTorch %.17g "
                        + "(relative error %.3e)", what, i, Arrays.toString(expected.shape()), a[i], e[i], rel));
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(Locale.ROOT, "TensorGoldenTest: largest relative error against PyTorch %.3e (%s)%n",
                worstError, worstWhere);
    }
}
