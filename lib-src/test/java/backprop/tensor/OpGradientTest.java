package backprop.tensor;

import backprop.check.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every differentiable op's backward rule against central differences ({@link GradCheck}), on shapes
 * and values drawn from seeded generators: broadcasting pairs, a tensor used more than once, and
 * random chains of ops. Each case's name says the op and the shapes, e.g. {@code mul [2, 1, 4] * [3, 1]}.
 */
class OpGradientTest {
    private static final int TRIALS = 6;

    /** One gradient check: a function of tensors and the point to check it at. */
    record OpCase(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    // ------------------------------------------------------------------ input generators

    /** Uniform in (-2, 2). */
    static Tensor real(Generator rng, int... shape) {
        return Tensor.uniform(-2, 2, rng, shape);
    }

    /** Uniform in (0.5, 2): for log, sqrt, fractional powers and divisors. */
    static Tensor positive(Generator rng, int... shape) {
        return Tensor.uniform(0.5, 2, rng, shape);
    }

    /** Uniform in (-2, 2) but at least 0.05 from every kink, where the derivative jumps. */
    static Tensor awayFrom(Generator rng, int[] shape, double... kinks) {
        double[] v = real(rng, shape).toArray();
        for (int i = 0; i < v.length; i++) {
            for (double k : kinks) {
                if (Math.abs(v[i] - k) < 0.05) {
                    v[i] = k + (v[i] >= k ? 0.1 : -0.1);
                }
            }
        }
        return Tensor.of(v, shape);
    }

    /** Values at least 0.09 apart in shuffled order, so that max/min has one clear winner per slice. */
    static Tensor distinct(Generator rng, int... shape) {
        int n = Shapes.numel(shape);
        int[] order = rng.permutation(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (order[i] - n / 2.0) * 0.13 + rng.uniform(-0.02, 0.02);
        }
        return Tensor.of(v, shape);
    }

    /** 0 to 3 dimensions of length 1 to 4. */
    static int[] randomShape(Generator rng, int minDims, int maxDims) {
        int ndim = minDims + rng.nextInt(maxDims - minDims + 1);
        int[] s = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            s[d] = 1 + rng.nextInt(4);
        }
        return s;
    }

    /** A shape that broadcasts with {@code full}: some leading dimensions dropped, some others set to 1. */
    static int[] broadcastable(Generator rng, int[] full) {
        int drop = rng.nextInt(full.length + 1);
        int[] s = Arrays.copyOfRange(full, drop, full.length);
        for (int d = 0; d < s.length; d++) {
            if (rng.uniform() < 0.4) {
                s[d] = 1;
            }
        }
        return s;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    // ------------------------------------------------------------------ the catalogue

    static List<OpCase> elementwiseBinary() {
        List<OpCase> cases = new ArrayList<>();
        Generator rng = new Generator(101);
        for (int t = 0; t < 3 * TRIALS; t++) {
            int[] full = randomShape(rng, 0, 3);
            int[] sa = broadcastable(rng, full);
            int[] sb = broadcastable(rng, full);
            if (rng.uniform() < 0.3) {
                sa = full;   // often one operand has the full shape, as in x + bias
            }
            cases.add(new OpCase("add " + str(sa) + " + " + str(sb), x -> x[0].add(x[1]), real(rng, sa), real(rng, sb)));
            cases.add(new OpCase("sub " + str(sa) + " - " + str(sb), x -> x[0].sub(x[1]), real(rng, sa), real(rng, sb)));
            cases.add(new OpCase("mul " + str(sa) + " * " + str(sb), x -> x[0].mul(x[1]), real(rng, sa), real(rng, sb)));
            cases.add(new OpCase("div " + str(sa) + " / " + str(sb), x -> x[0].div(x[1]), real(rng, sa),
                    positive(rng, sb)));
        }
        // the broadcasting shapes every course shows
        cases.add(new OpCase("add [3, 1] + [1, 4]", x -> x[0].add(x[1]), real(rng, 3, 1), real(rng, 1, 4)));
        cases.add(new OpCase("mul [2, 3, 4] * [4]", x -> x[0].mul(x[1]), real(rng, 2, 3, 4), real(rng, 4)));
        cases.add(new OpCase("mul [] * [2, 3]", x -> x[0].mul(x[1]), real(rng), real(rng, 2, 3)));
        cases.add(new OpCase("div [2, 3] / []", x -> x[0].div(x[1]), real(rng, 2, 3), positive(rng)));
        cases.add(new OpCase("sub [4, 1, 3] - [2, 1]", x -> x[0].sub(x[1]), real(rng, 4, 1, 3), real(rng, 2, 1)));
        return cases;
    }

    static List<OpCase> elementwiseUnary() {
        List<OpCase> cases = new ArrayList<>();
        Generator rng = new Generator(202);
        for (int t = 0; t < TRIALS; t++) {
            int[] s = randomShape(rng, 0, 3);
            double c = rng.uniform(-3, 3);
            double slope = rng.uniform(0.01, 0.3);
            double lo = rng.uniform(-1.5, 0);
            double hi = lo + rng.uniform(0.3, 2);
            String sh = " " + str(s);
            cases.add(new OpCase("add(c)" + sh, x -> x[0].add(c), real(rng, s)));
            cases.add(new OpCase("sub(c)" + sh, x -> x[0].sub(c), real(rng, s)));
            cases.add(new OpCase("mul(c)" + sh, x -> x[0].mul(c), real(rng, s)));
            cases.add(new OpCase("div(c)" + sh, x -> x[0].div(c + (c >= 0 ? 0.5 : -0.5)), real(rng, s)));
            cases.add(new OpCase("neg" + sh, x -> x[0].neg(), real(rng, s)));
            cases.add(new OpCase("pow(2)" + sh, x -> x[0].pow(2), real(rng, s)));
            cases.add(new OpCase("pow(3)" + sh, x -> x[0].pow(3), real(rng, s)));
            cases.add(new OpCase("pow(0)" + sh, x -> x[0].pow(0), real(rng, s)));
            cases.add(new OpCase("pow(-1)" + sh, x -> x[0].pow(-1), positive(rng, s)));
            cases.add(new OpCase("pow(0.5)" + sh, x -> x[0].pow(0.5), positive(rng, s)));
            cases.add(new OpCase("pow(-1.7)" + sh, x -> x[0].pow(-1.7), positive(rng, s)));
            cases.add(new OpCase("square" + sh, x -> x[0].square(), real(rng, s)));
            cases.add(new OpCase("exp" + sh, x -> x[0].exp(), real(rng, s)));
            cases.add(new OpCase("log" + sh, x -> x[0].log(), positive(rng, s)));
            cases.add(new OpCase("sqrt" + sh, x -> x[0].sqrt(), positive(rng, s)));
            cases.add(new OpCase("abs" + sh, x -> x[0].abs(), awayFrom(rng, s, 0)));
            cases.add(new OpCase("tanh" + sh, x -> x[0].tanh(), real(rng, s)));
            cases.add(new OpCase("sigmoid" + sh, x -> x[0].sigmoid(), real(rng, s)));
            cases.add(new OpCase("logSigmoid" + sh, x -> x[0].logSigmoid(), real(rng, s)));
            cases.add(new OpCase("relu" + sh, x -> x[0].relu(), awayFrom(rng, s, 0)));
            cases.add(new OpCase("leakyRelu" + sh, x -> x[0].leakyRelu(slope), awayFrom(rng, s, 0)));
            cases.add(new OpCase("clamp" + sh, x -> x[0].clamp(lo, hi), awayFrom(rng, s, lo, hi)));
        }
        return cases;
    }

    static List<OpCase> matmul() {
        List<OpCase> cases = new ArrayList<>();
        Generator rng = new Generator(303);
        for (int t = 0; t < TRIALS; t++) {
            int n = 1 + rng.nextInt(4);
            int k = 1 + rng.nextInt(4);
            int m = 1 + rng.nextInt(4);
            int b = 2 + rng.nextInt(2);
            int[][][] pairs = {
                {{k}, {k}}, {{k}, {k, m}}, {{n, k}, {k}}, {{n, k}, {k, m}},
                {{b, n, k}, {b, k, m}}, {{b, n, k}, {k, m}}, {{n, k}, {b, k, m}},
                {{1, n, k}, {b, k, m}}, {{b, n, k}, {1, k, m}}, {{b, n, k}, {k}}, {{k}, {b, k, m}},
            };
            for (int[][] p : pairs) {
                cases.add(new OpCase("matmul " + str(p[0]) + " @ " + str(p[1]), x -> x[0].matmul(x[1]),
                        real(rng, p[0]), real(rng, p[1])));
            }
        }
        return cases;
    }

    static List<OpCase> shapeOps() {
        List<OpCase> cases = new ArrayList<>();
        Generator rng = new Generator(404);
        for (int t = 0; t < TRIALS; t++) {
            int[] s2 = randomShape(rng, 2, 4);
            cases.add(new OpCase("transpose " + str(s2), x -> x[0].transpose(), real(rng, s2)));
            int[] m = randomShape(rng, 2, 2);
            cases.add(new OpCase("T " + str(m), x -> x[0].T(), real(rng, m)));
            int p = rng.nextInt(s2.length) - (rng.uniform() < 0.5 ? s2.length : 0);
            int q = rng.nextInt(s2.length);
            cases.add(new OpCase("transpose(" + p + ", " + q + ") " + str(s2), x -> x[0].transpose(p, q), real(rng, s2)));

            int[] s = randomShape(rng, 1, 3);
            int[] target = factorise(rng, Shapes.numel(s));
            cases.add(new OpCase("reshape " + str(s) + " -> " + str(target), x -> x[0].reshape(target), real(rng, s)));
            cases.add(new OpCase("flatten " + str(s), x -> x[0].flatten(), real(rng, s)));

            int[] r = randomShape(rng, 1, 3);
            int from = rng.nextInt(r[0]);
            int to = from + 1 + rng.nextInt(r[0] - from);
            cases.add(new OpCase("rows(" + from + ", " + to + ") " + str(r), x -> x[0].rows(from, to), real(rng, r)));
            int[] idx = IntStream.range(0, 1 + rng.nextInt(5)).map(i -> rng.nextInt(r[0])).toArray();
            cases.add(new OpCase("index" + Arrays.toString(idx) + " " + str(r), x -> x[0].index(idx), real(rng, r)));

            int rows = 1 + rng.nextInt(4);
            int cols = 1 + rng.nextInt(4);
            double[] classes = IntStream.range(0, rows).mapToDouble(i -> rng.nextInt(cols)).toArray();
            Tensor labels = Tensor.of(classes);
            cases.add(new OpCase("gather " + str(new int[] {rows, cols}) + " by " + Arrays.toString(labels.toIntArray()),
                    x -> x[0].gather(1, labels.reshape(-1, 1)), real(rng, rows, cols)));
            int[] input = randomShape(rng, 1, 3);
            int dim = rng.nextInt(input.length);
            int[] picked = input.clone();
            for (int d = 0; d < picked.length; d++) {
                picked[d] = d == dim ? 1 + rng.nextInt(4) : 1 + rng.nextInt(input[d]);
            }
            double[] where = IntStream.range(0, Shapes.numel(picked)).mapToDouble(i -> rng.nextInt(input[dim])).toArray();
            Tensor index = Tensor.of(where, picked);
            cases.add(new OpCase("gather(" + dim + ") " + str(input) + " by " + str(picked),
                    x -> x[0].gather(dim, index), real(rng, input)));

            int[] base = randomShape(rng, 1, 3);
            int axis = rng.nextInt(base.length);
            int count = 1 + rng.nextInt(3);
            Tensor[] parts = new Tensor[count];
            List<String> shapes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int[] ps = base.clone();
                ps[axis] = 1 + rng.nextInt(3);
                parts[i] = real(rng, ps);
                shapes.add(str(ps));
            }
            cases.add(new OpCase("concat(" + axis + ") " + String.join(", ", shapes), x -> Tensor.concat(axis, x), parts));
            cases.add(new OpCase("concat(" + axis + ") x, x", x -> Tensor.concat(axis, x[0], x[0]), parts[0]));
            int stackAxis = rng.nextInt(base.length + 1) - (rng.uniform() < 0.3 ? base.length + 1 : 0);
            Tensor[] same = new Tensor[count];
            for (int i = 0; i < count; i++) {
                same[i] = real(rng, base);
            }
            cases.add(new OpCase("stack(" + stackAxis + ") " + count + " x " + str(base),
                    x -> Tensor.stack(stackAxis, x), same));
        }
        return cases;
    }

    /** A random shape with n elements, possibly with one -1 to infer. */
    static int[] factorise(Generator rng, int n) {
        List<Integer> dims = new ArrayList<>();
        int left = n;
        while (left > 1 && dims.size() < 3) {
            int remaining = left;
            List<Integer> divisors = IntStream.rangeClosed(1, remaining).filter(d -> remaining % d == 0).boxed()
                    .collect(Collectors.toList());
            int d = divisors.get(rng.nextInt(divisors.size()));
            dims.add(d);
            left /= d;
        }
        dims.add(left);
        int[] out = dims.stream().mapToInt(Integer::intValue).toArray();
        if (rng.uniform() < 0.5) {
            out[rng.nextInt(out.length)] = -1;
        }
        return out;
    }

    static List<OpCase> reductions() {
        List<OpCase> cases = new ArrayList<>();
        Generator rng = new Generator(505);
        for (int t = 0; t < TRIALS; t++) {
            int[] s = randomShape(rng, 1, 3);
            int axis = rng.nextInt(s.length) - (rng.uniform() < 0.4 ? s.length : 0);
            boolean keep = rng.uniform() < 0.5;
            String along = "(" + axis + ", keepDim=" + keep + ") " + str(s);
            int[] any = randomShape(rng, 0, 3);
            cases.add(new OpCase("sum() " + str(any), x -> x[0].sum(), real(rng, any)));
            cases.add(new OpCase("sum" + along, x -> x[0].sum(axis, keep), real(rng, s)));
            cases.add(new OpCase("mean() " + str(any), x -> x[0].mean(), real(rng, any)));
            cases.add(new OpCase("mean" + along, x -> x[0].mean(axis, keep), real(rng, s)));
            cases.add(new OpCase("max() " + str(s), x -> x[0].max(), distinct(rng, s)));
            cases.add(new OpCase("max" + along, x -> x[0].max(axis, keep), distinct(rng, s)));
            cases.add(new OpCase("min() " + str(s), x -> x[0].min(), distinct(rng, s)));
            cases.add(new OpCase("min" + along, x -> x[0].min(axis, keep), distinct(rng, s)));
            cases.add(new OpCase("softmax(" + axis + ") " + str(s), x -> x[0].softmax(axis), real(rng, s)));
            cases.add(new OpCase("logSoftmax(" + axis + ") " + str(s), x -> x[0].logSoftmax(axis), real(rng, s)));
        }
        return cases;
    }

    /** One tensor feeding an op more than once: each use must add its share (early tinygrad overwrote). */
    static List<OpCase> usedTwice() {
        Generator rng = new Generator(606);
        return List.of(
                new OpCase("x * x", x -> x[0].mul(x[0]), real(rng, 2, 3)),
                new OpCase("x + x", x -> x[0].add(x[0]), real(rng, 2, 3)),
                new OpCase("x * x + x", x -> x[0].mul(x[0]).add(x[0]), real(rng, 3)),
                new OpCase("x / x.sum()", x -> x[0].div(x[0].sum()), positive(rng, 4)),
                new OpCase("x @ x", x -> x[0].matmul(x[0]), real(rng, 3, 3)),
                new OpCase("x @ x.T", x -> x[0].matmul(x[0].T()), real(rng, 2, 3)),
                new OpCase("x * x.exp() - x.tanh()", x -> x[0].mul(x[0].exp()).sub(x[0].tanh()), real(rng, 2, 2)),
                new OpCase("x.index(0, 0, 1)", x -> x[0].index(0, 0, 1), real(rng, 2, 3)),
                new OpCase("(x - mean) / std", x -> {
                    Tensor centred = x[0].sub(x[0].mean(1, true));
                    return centred.div(centred.square().mean(1, true).add(1e-3).sqrt());
                }, real(rng, 3, 4)));
    }

    /** Random chains of 3 to 6 smooth ops, each fed the previous result, ending in a scalar or not. */
    static List<OpCase> chains() {
        List<OpCase> cases = new ArrayList<>();
        Generator rng = new Generator(707);
        List<String> names = List.of("tanh", "sigmoid", "mul(c)", "add(w)", "mul(w)", "square", "exp(-|.|)",
                "softmax", "logSoftmax", "matmul(W)", "transpose", "sum(axis, keep)", "reshape", "logSigmoid");
        for (int t = 0; t < 4 * TRIALS; t++) {
            int rows = 1 + rng.nextInt(3);
            int cols = 1 + rng.nextInt(3);
            int length = 3 + rng.nextInt(4);
            List<String> steps = new ArrayList<>();
            List<Tensor> inputs = new ArrayList<>();
            inputs.add(real(rng, rows, cols));
            List<BiFunction<Tensor, Tensor[], Tensor>> ops = new ArrayList<>();
            int[] shape = {rows, cols};
            for (int i = 0; i < length; i++) {
                String name = names.get(rng.nextInt(names.size()));
                steps.add(name);
                int[] cur = shape.clone();
                int slot = inputs.size();
                switch (name) {
                    case "tanh" -> ops.add((y, x) -> y.tanh());
                    case "sigmoid" -> ops.add((y, x) -> y.sigmoid());
                    case "logSigmoid" -> ops.add((y, x) -> y.logSigmoid());
                    case "square" -> ops.add((y, x) -> y.square());
                    case "exp(-|.|)" -> ops.add((y, x) -> y.square().add(0.1).sqrt().neg().exp());
                    case "softmax" -> ops.add((y, x) -> y.softmax(-1));
                    case "logSoftmax" -> ops.add((y, x) -> y.logSoftmax(0));
                    case "transpose" -> {
                        ops.add((y, x) -> y.transpose());
                        shape = new int[] {cur[1], cur[0]};
                    }
                    case "reshape" -> {
                        ops.add((y, x) -> y.reshape(cur[1], cur[0]));
                        shape = new int[] {cur[1], cur[0]};
                    }
                    case "sum(axis, keep)" -> {
                        ops.add((y, x) -> y.sum(1, true));
                        shape = new int[] {cur[0], 1};
                    }
                    case "mul(c)" -> {
                        double c = rng.uniform(-2, 2);
                        ops.add((y, x) -> y.mul(c));
                    }
                    case "add(w)" -> {
                        inputs.add(real(rng, broadcastable(rng, cur)));
                        ops.add((y, x) -> y.add(x[slot]));
                    }
                    case "mul(w)" -> {
                        inputs.add(real(rng, broadcastable(rng, cur)));
                        ops.add((y, x) -> y.mul(x[slot]));
                    }
                    case "matmul(W)" -> {
                        int next = 1 + rng.nextInt(3);
                        inputs.add(real(rng, cur[1], next));
                        ops.add((y, x) -> y.matmul(x[slot]));
                        shape = new int[] {cur[0], next};
                    }
                    default -> throw new IllegalStateException(name);
                }
            }
            boolean reduce = rng.uniform() < 0.5;
            if (reduce) {
                steps.add("mean");
            }
            List<BiFunction<Tensor, Tensor[], Tensor>> chain = List.copyOf(ops);
            cases.add(new OpCase("chain " + String.join(" > ", steps), x -> {
                Tensor y = x[0];
                for (BiFunction<Tensor, Tensor[], Tensor> op : chain) {
                    y = op.apply(y, x);
                }
                return reduce ? y.mean() : y;
            }, inputs.toArray(new Tensor[0])));
        }
        return cases;
    }

    static List<OpCase> all() {
        List<OpCase> all = new ArrayList<>();
        all.addAll(elementwiseBinary());
        all.addAll(elementwiseUnary());
        all.addAll(matmul());
        all.addAll(shapeOps());
        all.addAll(reductions());
        all.addAll(usedTwice());
        all.addAll(chains());
        return all;
    }

    // ------------------------------------------------------------------ the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void backwardAgreesWithCentralDifferences(OpCase c) {
        GradCheck.Result result = GradCheck.check(c.f(), c.inputs());
        assertThat(result.passed()).isTrue();
    }

    /** The catalogue of the issue: every differentiable op appears in some case above. */
    @Test
    void everyDifferentiableOpIsChecked() {
        String labels = all().stream().map(OpCase::label).collect(Collectors.joining("\n"));
        for (String op : List.of("add ", "sub ", "mul ", "div ", "add(c)", "sub(c)", "mul(c)", "div(c)", "neg", "pow(",
                "square", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "logSigmoid", "relu", "leakyRelu", "clamp",
                "matmul [", "transpose ", "transpose(", "T ", "reshape", "flatten", "rows(", "index[", "gather",
                "concat(", "stack(", "sum()", "sum(", "mean()", "mean(", "max()", "max(", "min()", "min(", "softmax(",
                "logSoftmax(", "x * x", "chain ")) {
            assertThat(labels).as("a case for " + op).contains(op);
        }
        assertThat(all()).hasSizeGreaterThan(400);
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.of(1.5, -2.0, 3.0).requiresGrad(true);
        x.mul(x).sum().backward();
        assertThat(x.grad()).isEqualTo(Tensor.of(3.0, -4.0, 6.0));   // d(x²)/dx = 2x, not x
        Tensor y = Tensor.of(1.5, -2.0, 3.0).requiresGrad(true);
        y.add(y).add(y).sum().backward();
        assertThat(y.grad()).isEqualTo(Tensor.of(3.0, 3.0, 3.0));
    }

    @Test
    void gradientsOfBroadcastOperandsAreSummedBackToTheirShape() {
        Tensor col = Tensor.of(new double[] {1, 2, 3}, 3, 1).requiresGrad(true);
        Tensor row = Tensor.of(new double[] {10, 20, 30, 40}, 1, 4).requiresGrad(true);
        Tensor s = Tensor.scalar(2).requiresGrad(true);
        col.add(row).mul(s).sum().backward();
        assertThat(col.grad()).isEqualTo(Tensor.of(new double[] {8, 8, 8}, 3, 1));     // 4 columns · s
        assertThat(row.grad()).isEqualTo(Tensor.of(new double[] {6, 6, 6, 6}, 1, 4)); // 3 rows · s
        assertThat(s.grad()).isEqualTo(Tensor.scalar(3 * 4 * 2 + 100 * 3));            // Σ (col + row)
        assertThat(s.grad().shape()).isEmpty();
    }

    // ------------------------------------------------------------------ Value, the scalar twin

    record ValueCase(String label, Function<Value[], Value> f, double... at) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<ValueCase> valueCases() {
        Generator rng = new Generator(808);
        List<ValueCase> cases = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            double a = rng.uniform(-2, 2);
            double b = rng.uniform(-2, 2);
            double p = rng.uniform(0.5, 2);
            double c = rng.uniform(-3, 3);
            if (Math.abs(a) < 0.05) {
                a += 0.1;
            }
            if (Math.abs(a - b) < 0.05) {
                b += 0.1;
            }
            cases.add(new ValueCase("a + b", v -> v[0].add(v[1]), a, b));
            cases.add(new ValueCase("a + c", v -> v[0].add(c), a));
            cases.add(new ValueCase("a - b", v -> v[0].sub(v[1]), a, b));
            cases.add(new ValueCase("a - c", v -> v[0].sub(c), a));
            cases.add(new ValueCase("a * b", v -> v[0].mul(v[1]), a, b));
            cases.add(new ValueCase("a * c", v -> v[0].mul(c), a));
            cases.add(new ValueCase("a / p", v -> v[0].div(v[1]), a, p));
            cases.add(new ValueCase("a / c", v -> v[0].div(c + 4), a));
            cases.add(new ValueCase("-a", v -> v[0].neg(), a));
            cases.add(new ValueCase("a^3", v -> v[0].pow(3), a));
            cases.add(new ValueCase("p^-1.5", v -> v[0].pow(-1.5), p));
            cases.add(new ValueCase("exp", v -> v[0].exp(), a));
            cases.add(new ValueCase("log", v -> v[0].log(), p));
            cases.add(new ValueCase("tanh", v -> v[0].tanh(), a));
            cases.add(new ValueCase("sigmoid", v -> v[0].sigmoid(), a));
            cases.add(new ValueCase("relu", v -> v[0].relu(), a));
            cases.add(new ValueCase("a * a (used twice)", v -> v[0].mul(v[0]), a));
            cases.add(new ValueCase("neuron tanh(a·b + p)", v -> v[0].mul(v[1]).add(v[2]).tanh(), a, b, p));
            cases.add(new ValueCase("(a - b)² / p + exp(a·b)", v -> v[0].sub(v[1]).pow(2).div(v[2])
                    .add(v[0].mul(v[1]).exp()), a, b, p));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueCases")
    void valueBackwardAgreesWithCentralDifferences(ValueCase c) {
        Value[] leaves = Arrays.stream(c.at()).mapToObj(Value::new).toArray(Value[]::new);
        c.f().apply(leaves).backward();
        double h = 1e-6;
        for (int i = 0; i < c.at().length; i++) {
            double[] up = c.at().clone();
            double[] down = c.at().clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (eval(c, up) - eval(c, down)) / (2 * h);
            assertThat(leaves[i].grad()).as("%s: d/d(input %d) at %s", c.label(), i, Arrays.toString(c.at()))
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-7 + 1e-6 * Math.abs(numeric)));
        }
    }

    private static double eval(ValueCase c, double[] at) {
        return c.f().apply(Arrays.stream(at).mapToObj(Value::new).toArray(Value[]::new)).data();
    }
}
