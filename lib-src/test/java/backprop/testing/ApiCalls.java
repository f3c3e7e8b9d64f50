package backprop.testing;

import backprop.nn.BCELoss;
import backprop.nn.BCEWithLogitsLoss;
import backprop.nn.BatchNorm1d;
import backprop.nn.CrossEntropyLoss;
import backprop.nn.Dropout;
import backprop.nn.LeakyReLU;
import backprop.nn.Linear;
import backprop.nn.LogSoftmax;
import backprop.nn.MSELoss;
import backprop.nn.Module;
import backprop.nn.ReLU;
import backprop.nn.Sequential;
import backprop.nn.Sigmoid;
import backprop.nn.Softmax;
import backprop.nn.Tanh;
import backprop.optim.Adam;
import backprop.optim.GradClip;
import backprop.optim.Optimizer;
import backprop.optim.RMSprop;
import backprop.optim.SGD;
import backprop.tensor.NoGrad;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The public calls the API fuzzer makes, each with operands drawn from a pool of earlier results.
 * This list is the one place in the fuzzer that names library methods: a renamed method changes
 * here and nowhere else. Each call draws its operands through {@link Pool}, which remembers them
 * so that the fuzzer can check that a refused call left them as they were.
 */
final class ApiCalls {
    private ApiCalls() {
    }

    /** One kind of call: draws operands and arguments from the pool and makes the call; returns what it made (or null). */
    record Call(String name, java.util.function.Function<Pool, Object> body) {
    }

    /** Values a learner's data or a diverging run produce: ordinary, tiny, huge, zero, NaN, ±∞. */
    static final double[] PALETTE = {0, 1, -1, 0.5, -2.5, 3, 1e-300, -1e-300, 1e300, -1e300, 1e154,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};

    /** Operands whose outer product has 65536² elements (more than an array holds); their inner product is fine. */
    static final Tensor HUGE_COLUMN = Tensor.ones(65536, 1);
    static final Tensor HUGE_ROW = Tensor.ones(1, 65536);

    static final List<Call> CALLS = List.of(
            // ------------------------------------------------------------ creation
            new Call("of(values, shape)", p -> {
                int[] shape = p.shape();
                double[] values = p.values(p.r.nextInt(4) == 0 ? p.r.nextInt(7) : numel(shape));
                return Tensor.of(values, shape);
            }),
            new Call("of(rows)", p -> {
                double[][] rows = new double[p.r.nextInt(4)][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = p.values(p.r.nextInt(8) == 0 ? p.r.nextInt(4) : 3);
                }
                return Tensor.of(rows);
            }),
            new Call("zeros", p -> Tensor.zeros(p.shapeMaybeHuge())),
            new Call("ones", p -> Tensor.ones(p.shapeMaybeHuge())),
            new Call("full", p -> Tensor.full(p.value(), p.shapeMaybeHuge())),
            new Call("scalar", p -> Tensor.scalar(p.value())),
            new Call("eye", p -> Tensor.eye(p.r.nextInt(10) == 0 ? p.hugeDim() : p.dim())),
            new Call("arange", p -> Tensor.arange(p.bound(), p.bound(), p.step())),
            new Call("arange(n)", p -> Tensor.arange(p.r.nextInt(10) - 2)),
            new Call("linspace", p -> Tensor.linspace(p.value(), p.value(), p.r.nextInt(10) - 2)),
            new Call("randn", p -> Tensor.randn(new Generator(p.r.nextLong()), p.shape())),
            new Call("rand", p -> Tensor.rand(new Generator(p.r.nextLong()), p.shape())),
            new Call("uniform", p -> Tensor.uniform(p.value(), p.value(), new Generator(p.r.nextLong()), p.shape())),
            // ------------------------------------------------------------ elementwise
            new Call("neg", p -> p.tensor().neg()),
            new Call("exp", p -> p.tensor().exp()),
            new Call("log", p -> p.tensor().log()),
            new Call("sqrt", p -> p.tensor().sqrt()),
            new Call("abs", p -> p.tensor().abs()),
            new Call("tanh", p -> p.tensor().tanh()),
            new Call("sigmoid", p -> p.tensor().sigmoid()),
            new Call("logSigmoid", p -> p.tensor().logSigmoid()),
            new Call("relu", p -> p.tensor().relu()),
            new Call("leakyRelu", p -> p.tensor().leakyRelu(p.value())),
            new Call("clamp", p -> p.tensor().clamp(p.value(), p.value())),
            new Call("pow", p -> p.tensor().pow(p.value())),
            new Call("square", p -> p.tensor().square()),
            new Call("add(c)", p -> p.tensor().add(p.value())),
            new Call("sub(c)", p -> p.tensor().sub(p.value())),
            new Call("mul(c)", p -> p.tensor().mul(p.value())),
            new Call("div(c)", p -> p.tensor().div(p.value())),
            // ------------------------------------------------------------ broadcasting and matmul
            new Call("add", p -> p.tensor().add(p.tensor())),
            new Call("sub", p -> p.tensor().sub(p.tensor())),
            new Call("mul", p -> p.tensor().mul(p.tensor())),
            new Call("div", p -> p.tensor().div(p.tensor())),
            new Call("matmul", p -> p.tensor().matmul(p.tensor())),
            new Call("matmul(huge outer)", p -> p.r.nextBoolean() ? HUGE_COLUMN.matmul(HUGE_ROW) : HUGE_ROW.matmul(HUGE_COLUMN)),
            // ------------------------------------------------------------ reductions
            new Call("sum", p -> p.tensor().sum()),
            new Call("mean", p -> p.tensor().mean()),
            new Call("sum(axis)", p -> p.tensor().sum(p.axis(), p.r.nextBoolean())),
            new Call("mean(axis)", p -> p.tensor().mean(p.axis(), p.r.nextBoolean())),
            new Call("max", p -> p.tensor().max()),
            new Call("min", p -> p.tensor().min()),
            new Call("max(axis)", p -> p.tensor().max(p.axis(), p.r.nextBoolean())),
            new Call("min(axis)", p -> p.tensor().min(p.axis(), p.r.nextBoolean())),
            new Call("argmax(axis)", p -> p.tensor().argmax(p.axis())),
            new Call("argmax()", p -> p.tensor().argmax()),
            new Call("softmax", p -> p.tensor().softmax(p.axis())),
            new Call("logSoftmax", p -> p.tensor().logSoftmax(p.axis())),
            // ------------------------------------------------------------ shapes and indexing
            new Call("reshape", p -> {
                Tensor t = p.tensor();
                int[] s = p.shape();
                if (s.length > 0 && p.r.nextBoolean()) {
                    s[p.r.nextInt(s.length)] = -1;
                }
                return t.reshape(p.r.nextInt(10) == 0 ? p.shapeMaybeHuge() : s);
            }),
            new Call("flatten", p -> p.tensor().flatten()),
            new Call("transpose()", p -> p.tensor().transpose()),
            new Call("transpose(a, b)", p -> p.tensor().transpose(p.axis(), p.axis())),
            new Call("rows", p -> p.tensor().rows(p.r.nextInt(5) - 1, p.r.nextInt(6) - 1)),
            new Call("index", p -> p.tensor().index(p.ints(p.r.nextInt(4), -1, 4))),
            new Call("gather", p -> p.tensor().gather(p.axis(), p.tensor())),
            new Call("concat", p -> Tensor.concat(p.axis(), p.tensors(p.r.nextInt(4)))),
            new Call("stack", p -> Tensor.stack(p.axis(), p.tensors(p.r.nextInt(4)))),
            new Call("get", p -> p.tensor().get(p.ints(p.r.nextInt(4), -1, 4))),
            new Call("item", p -> p.tensor().item()),
            new Call("size", p -> p.tensor().size(p.axis())),
            new Call("checkFinite", p -> p.tensor().checkFinite("x")),
            new Call("toArray2d", p -> p.tensor().toArray2d()),
            // ------------------------------------------------------------ autograd
            new Call("requiresGrad", p -> p.tensor().requiresGrad(true)),
            new Call("detach", p -> p.tensor().detach()),
            new Call("backward()", p -> {
                p.tensor().backward();
                return null;
            }),
            new Call("backward(seed)", p -> {
                p.tensor().backward(p.tensor());
                return null;
            }),
            new Call("backward(seed, retain)", p -> {
                p.tensor().backward(p.tensor(), true);
                return null;
            }),
            new Call("grad", p -> p.tensor().grad()),
            new Call("zeroGrad", p -> {
                p.tensor().zeroGrad();
                return null;
            }),
            // ------------------------------------------------------------ layers
            new Call("Linear", p -> new Linear(p.r.nextInt(12) == 0 ? p.r.nextInt(7) - 2 : p.dim(), p.dim(), new Generator(p.r.nextLong()))),
            new Call("BatchNorm1d", p -> new BatchNorm1d(p.r.nextInt(8) == 0 ? p.r.nextInt(3) - 1 : p.dim())),
            new Call("activation", p -> switch (p.r.nextInt(7)) {
                case 0 -> new ReLU();
                case 1 -> new Tanh();
                case 2 -> new Sigmoid();
                case 3 -> new LeakyReLU(p.value());
                case 4 -> new Softmax(p.r.nextInt(5) - 2);
                case 5 -> new LogSoftmax(p.r.nextInt(5) - 2);
                default -> new Dropout(p.r.nextDouble() * 1.4 - 0.2, new Generator(p.r.nextLong()));
            }),
            new Call("Sequential", p -> new Sequential(p.module(), p.module())),
            new Call("forward", p -> p.module().forward(p.tensor())),
            new Call("train/eval", p -> p.r.nextBoolean() ? p.module().train() : p.module().eval()),
            new Call("loadStateDict", p -> p.module().loadStateDict(p.module().stateDict())),
            new Call("module.zeroGrad", p -> {
                p.module().zeroGrad();
                return null;
            }),
            // ------------------------------------------------------------ losses
            new Call("MSELoss", p -> new MSELoss().forward(p.tensor(), p.tensor())),
            new Call("BCELoss", p -> new BCELoss().forward(p.tensor(), p.tensor())),
            new Call("BCEWithLogitsLoss", p -> new BCEWithLogitsLoss().forward(p.tensor(), p.tensor())),
            new Call("CrossEntropyLoss", p -> new CrossEntropyLoss().forward(p.tensor(), p.tensor())),
            // ------------------------------------------------------------ optimisers
            new Call("SGD", p -> new SGD(p.params(), p.value(), p.r.nextBoolean() ? 0 : p.value())),
            new Call("Adam", p -> new Adam(p.params(), p.value())),
            new Call("RMSprop", p -> new RMSprop(p.params(), p.value())),
            new Call("step", p -> {
                p.optimizer().step();
                return null;
            }),
            new Call("optimizer.zeroGrad", p -> {
                p.optimizer().zeroGrad();
                return null;
            }),
            new Call("setLr", p -> {
                p.optimizer().setLr(p.value());
                return null;
            }),
            new Call("clipGradNorm", p -> GradClip.clipGradNorm(p.params(), p.value())),
            new Call("clipGradValue", p -> {
                GradClip.clipGradValue(p.params(), p.value());
                return null;
            }),
            // ------------------------------------------------------------ a call made inside a no-grad scope
            new Call("noGrad { call }", p -> {
                NoGrad scope = Tensor.noGrad();
                try {
                    return p.callInside();
                } finally {
                    scope.close();
                }
            })
    );

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The objects earlier calls made, from which later calls draw their operands. */
    static final class Pool {
        final SplittableRandom r;
        final List<Tensor> tensors = new ArrayList<>();
        final List<Module> modules = new ArrayList<>();
        final List<Optimizer> optimizers = new ArrayList<>();
        /** The objects drawn by the current call: a refused call must leave them unchanged. */
        final List<Object> drawn = new ArrayList<>();
        final List<Object> snapshots = new ArrayList<>();
        java.util.function.Supplier<Object> inside;

        Pool(long seed) {
            r = new SplittableRandom(seed);
        }

        int dim() {
            return switch (r.nextInt(10)) {
                case 0 -> 0;
                case 1, 2, 3 -> 1;
                case 9 -> 7 + r.nextInt(60);
                default -> 2 + r.nextInt(4);
            };
        }

        int hugeDim() {
            return switch (r.nextInt(5)) {
                case 0 -> 46341;
                case 1 -> 65536;
                case 2 -> Integer.MAX_VALUE;
                case 3 -> -1 - r.nextInt(3);
                default -> 1 << (16 + r.nextInt(15));
            };
        }

        int[] shape() {
            int[] s = new int[r.nextInt(8) == 0 ? 3 : r.nextInt(3)];
            for (int i = 0; i < s.length; i++) {
                s[i] = s.length == 3 ? Math.min(dim(), 5) : dim();     // at most a few thousand values: seconds, not minutes
            }
            return s;
        }

        /**
         * A shape that is sometimes far too large (two dimensions of 46341 or more: past what an array holds)
         * or negative: creation must refuse it by name, or make an empty tensor when another dimension is 0.
         */
        int[] shapeMaybeHuge() {
            int[] s = shape();
            if (r.nextInt(8) == 0) {
                s = new int[2 + r.nextInt(3)];
                for (int i = 0; i < s.length; i++) {
                    s[i] = i < 2 ? hugeDim() : dim();
                }
            }
            return s;
        }

        /** An end of a range: small, huge or not a number. */
        double bound() {
            double[] ends = {-3, -1, 0, 2, 5, 1e300, -1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            return ends[r.nextInt(ends.length)];
        }

        /** A step of a range: ordinary, zero, tiny (too many values), or not a number. */
        double step() {
            double[] steps = {1, -1, 0.5, -0.25, 0, -0.0, 1e-300, Double.NaN, Double.POSITIVE_INFINITY};
            return steps[r.nextInt(steps.length)];
        }

        int axis() {
            return r.nextInt(7) - 3;
        }

        double value() {
            return r.nextInt(3) == 0 ? PALETTE[r.nextInt(PALETTE.length)] : r.nextDouble() * 6 - 3;
        }

        double[] values(int n) {
            double[] v = new double[Math.max(n, 0)];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(6) == 0 ? PALETTE[r.nextInt(PALETTE.length)] : Math.rint(r.nextDouble() * 4 - 1);
            }
            return v;
        }

        int[] ints(int n, int lo, int hi) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = lo + r.nextInt(hi - lo + 1);
            }
            return v;
        }

        private <T> T draw(T object) {
            drawn.add(object);
            snapshots.add(State.of(object));
            return object;
        }

        Tensor tensor() {
            if (tensors.isEmpty() || r.nextInt(6) == 0) {
                Tensor fresh = Tensor.of(values(6), 2, 3);
                if (r.nextBoolean()) {
                    fresh.requiresGrad(true);
                }
                tensors.add(fresh);
            }
            return draw(tensors.get(r.nextInt(tensors.size())));
        }

        Tensor[] tensors(int n) {
            Tensor[] out = new Tensor[n];
            for (int i = 0; i < n; i++) {
                out[i] = tensor();
            }
            return out;
        }

        Module module() {
            if (modules.isEmpty() || r.nextInt(5) == 0) {
                modules.add(new Linear(r.nextInt(4) + 1, r.nextInt(4) + 1, new Generator(r.nextLong())));
            }
            return draw(modules.get(r.nextInt(modules.size())));
        }

        List<Tensor> params() {
            List<Tensor> params = module().parameters();
            if (r.nextInt(6) == 0) {
                params = new ArrayList<>(params);
                params.add(tensor());
            }
            return params;
        }

        Optimizer optimizer() {
            if (optimizers.isEmpty()) {
                optimizers.add(new SGD(module().parameters(), 0.1));
            }
            return draw(optimizers.get(r.nextInt(optimizers.size())));
        }

        Object callInside() {
            return inside.get();
        }

        void keep(Object result) {
            if (result instanceof Tensor t) {
                add(tensors, t);
            } else if (result instanceof Module m) {
                add(modules, m);
            } else if (result instanceof Optimizer o) {
                add(optimizers, o);
            }
        }

        private static <T> void add(List<T> list, T item) {
            list.add(item);
            if (list.size() > 16) {
                list.remove(0);
            }
        }
    }

    /** What a refused call must not change: an object's values, shape, gradient and flags. */
    static final class State {
        private final Object[] parts;

        private State(List<Object> parts) {
            this.parts = parts.toArray();
        }

        static State of(Object o) {
            List<Object> parts = new ArrayList<>();
            if (o instanceof Tensor t) {
                tensor(parts, t);
            } else if (o instanceof Module m) {
                parts.add(m.isTraining());
                for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
                    parts.add(e.getKey());
                    tensor(parts, e.getValue());
                }
                for (Map.Entry<String, Tensor> e : m.namedBuffers().entrySet()) {
                    parts.add(e.getKey());
                    tensor(parts, e.getValue());
                }
            } else if (o instanceof Optimizer opt) {
                parts.add(opt.lr());
                parts.add(opt.steps());
                for (Tensor p : opt.parameters()) {
                    tensor(parts, p);
                }
            } else {
                parts.add(String.valueOf(o));
            }
            return new State(parts);
        }

        private static void tensor(List<Object> parts, Tensor t) {
            parts.add(t.shape());
            parts.add(t.toArray());
            parts.add(t.requiresGrad());
            parts.add(t.requiresGrad() && t.hasGrad() ? t.grad().toArray() : null);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof State s && java.util.Arrays.deepEquals(parts, s.parts);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.deepHashCode(parts);
        }

        @Override
        public String toString() {
            return java.util.Arrays.deepToString(parts);
        }
    }
}
