package backprop.plot;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Supplier;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import backprop.tensor.Value;
import backprop.train.History;

/**
 * Fixed inputs for every picture: the gallery writes them to target/gallery/, the tests check
 * them. Each entry is (file name, how to draw it).
 */
final class Examples {

    private Examples() {
    }

    private static final Map<String, BufferedImage> FIRST = new java.util.concurrent.ConcurrentHashMap<>();

    /** The picture drawn once per test run and shared by the tests and the gallery (drawing is the slow part). */
    static BufferedImage rendered(String name) {
        return FIRST.computeIfAbsent(name, k -> {
            Supplier<BufferedImage> s = all().get(k);
            if (s == null) {
                throw new IllegalArgumentException("no example named " + k);
            }
            return s.get();
        });
    }

    static Map<String, Supplier<BufferedImage>> all() {
        Map<String, Supplier<BufferedImage>> m = new LinkedHashMap<>();
        m.put("loss-curves", () -> Plots.lossCurves(history(0.1, 40, 0)));
        m.put("loss-curves-steps-log", () -> Plots.lossCurves(history(0.1, 40, 0), CurveOption.PER_STEP, CurveOption.LOG_SCALE));
        m.put("loss-curves-runs", () -> Plots.lossCurves(runs()));
        m.put("loss-curves-nan", () -> Plots.lossCurves(divergingHistory()));
        m.put("metrics", () -> Plots.metrics(history(0.1, 40, 0)));
        m.put("function-with-steps", () -> Plots.functionWithSteps(x -> x * x - 2 * x + 3,
                FunctionSteps.descend(x -> 2 * x - 2, -3, 0.15, 12), -4, 5, "Gradient descent on f(x) = x^2 - 2x + 3, lr = 0.15"));
        m.put("gradient-descent-steps", () -> Plots.gradientDescentSteps(x -> x * x - 2 * x + 3, x -> 2 * x - 2, -3,
                new double[] {0.02, 0.3, 0.9, 1.05}, 15, -4, 6));
        m.put("tangent", () -> Plots.tangent(x -> x * x - 2 * x + 3, 2.5, -2, 4));
        m.put("function-with-steps-theta", () -> Plots.functionWithSteps(t -> 1 - Math.exp(-t * t),
                FunctionSteps.descend(t -> 2 * t * Math.exp(-t * t), 2.2, 0.8, 30), -3, 3,
                "A plateau slows gradient descent down", "θ", "J(θ)"));
        m.put("functions", () -> Plots.functions(functionsExample(), -8, 8,
                "dL/dz for a positive example (y = 1)", "z", "dL/dz"));
        m.put("scatter-with-line", Examples::scatter);
        m.put("loss-surface", Examples::lossSurface);
        m.put("decision-boundary-binary", Examples::boundaryBinary);
        m.put("decision-boundary-3-classes", Examples::boundaryThree);
        m.put("gradient-norms", () -> Plots.gradientNorms(gradNorms()));
        m.put("gradient-norm-bars", () -> Plots.gradientNormBars(normBars()));
        m.put("activation-histograms", () -> Plots.activationHistograms(activations()));
        m.put("confusion-matrix-3", () -> Plots.confusionMatrix(new int[][] {{48, 2, 0}, {3, 41, 6}, {0, 4, 46}},
                new String[] {"setosa", "versicolor", "virginica"}));
        m.put("confusion-matrix-10", () -> Plots.confusionMatrix(confusion10(), null));
        m.put("confusion-matrix-from-metrics", () -> Plots.confusionMatrix(backprop.train.Metrics.confusionMatrix(
                Tensor.of(new double[][] {{2, 0, 0}, {0, 1, 3}, {0, 2, 1}, {1, 0, 0}, {0, 0, 4}, {0, 3, 0}}),
                Tensor.of(0, 1, 2, 0, 2, 1), 3)));
        m.put("heat-map", () -> Plots.heatMap(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}, {0, 0, 1}},
                "Attention weights", "key position", "query position"));
        m.put("digits", Examples::digits);
        m.put("autograd-graph-value", Examples::neuronGraph);
        m.put("autograd-graph-tensor", Examples::tensorGraph);
        m.put("autograd-graph-shared-input", Examples::sharedInputGraph);
        m.put("decision-boundary-trained", () -> TRAINED.get().boundary);
        m.put("loss-curves-trained", () -> Plots.lossCurves(TRAINED.get().history));
        return m;
    }

    /** Two named functions in insertion order: the gradients of cross-entropy and of MSE after a sigmoid. */
    static Map<String, java.util.function.DoubleUnaryOperator> functionsExample() {
        Map<String, java.util.function.DoubleUnaryOperator> m = new LinkedHashMap<>();
        m.put("cross-entropy: p - 1", z -> 1 / (1 + Math.exp(-z)) - 1);
        m.put("MSE: 2 (p - 1) p (1 - p)", z -> {
            double p = 1 / (1 + Math.exp(-z));
            return 2 * (p - 1) * p * (1 - p);
        });
        return m;
    }

    /** A run whose losses decay like lr-dependent exponentials plus seeded noise. */
    static History history(double lr, int epochs, long seed) {
        Generator rng = new Generator(42 + seed);
        History h = new History();
        for (int e = 0; e < epochs; e++) {
            double epochSum = 0;
            for (int s = 0; s < 8; s++) {
                double t = e + s / 8.0;
                double loss = 0.05 + 2.0 * Math.exp(-lr * 1.5 * t) + 0.04 * Math.abs(rng.normal());
                h.recordStep(loss);
                epochSum += loss;
            }
            double train = epochSum / 8;
            double val = train + 0.02 + 0.004 * Math.max(0, e - 15) * lr * 10;
            h.recordEpoch(train, val);
            h.record("train_acc", Math.min(0.99, 0.5 + 0.49 * (1 - Math.exp(-lr * e))));
            h.record("val_acc", Math.min(0.97, 0.5 + 0.46 * (1 - Math.exp(-lr * e))));
        }
        return h;
    }

    static Map<String, History> runs() {
        Map<String, History> m = new LinkedHashMap<>();
        m.put("lr = 0.3", history(0.3, 30, 1));
        m.put("lr = 0.1", history(0.1, 30, 2));
        m.put("lr = 0.01", history(0.01, 30, 3));
        return m;
    }

    static History divergingHistory() {
        History h = new History();
        double loss = 1.0;
        for (int e = 0; e < 25; e++) {
            loss = e < 12 ? loss * 0.8 : loss * 3.5;
            h.recordEpoch(e < 20 ? loss : Double.NaN, e < 18 ? loss * 1.1 : Double.POSITIVE_INFINITY);
        }
        return h;
    }

    static BufferedImage scatter() {
        Generator rng = new Generator(7);
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 170 + 60 * rng.uniform();
            y[i] = -5800 + 50 * x[i] + 350 * rng.normal();
        }
        return Plots.scatterWithLine(x, y, -5600, 49, "flipper length (mm)", "body mass (g)");
    }

    /** An elongated bowl: steep in w1, shallow in w0; the classic optimiser comparison. */
    static final DoubleBinaryOperator BOWL = (a, b) -> 0.05 * a * a + 1.0 * b * b;

    static BufferedImage lossSurface() {
        Map<String, double[][]> paths = new LinkedHashMap<>();
        paths.put("SGD", optimise(0, 0.9, 40));
        paths.put("Momentum", optimise(1, 0.9, 40));
        paths.put("RMSprop", optimise(2, 0.25, 40));
        paths.put("Adam", optimise(3, 0.5, 40));
        return Plots.lossSurface(BOWL, -9, 3, -3, 3, paths, "SGD, Momentum, RMSprop and Adam on 0.05 w0^2 + w1^2", "w0", "w1");
    }

    /** kind 0 SGD, 1 momentum 0.9, 2 RMSprop, 3 Adam; start (-8, 2.5). */
    static double[][] optimise(int kind, double lr, int steps) {
        double[] w = {-8, 2.5};
        double[] v = new double[2];
        double[] s = new double[2];
        double[][] path = new double[steps + 1][];
        path[0] = w.clone();
        for (int t = 1; t <= steps; t++) {
            double[] g = {0.1 * w[0], 2.0 * w[1]};
            for (int i = 0; i < 2; i++) {
                switch (kind) {
                    case 0 -> w[i] -= lr * g[i];
                    case 1 -> {
                        v[i] = 0.9 * v[i] + g[i];
                        w[i] -= lr * 0.1 * v[i];
                    }
                    case 2 -> {
                        s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                        w[i] -= lr * g[i] / (Math.sqrt(s[i]) + 1e-8);
                    }
                    default -> {
                        v[i] = 0.9 * v[i] + 0.1 * g[i];
                        s[i] = 0.999 * s[i] + 0.001 * g[i] * g[i];
                        double vh = v[i] / (1 - Math.pow(0.9, t));
                        double sh = s[i] / (1 - Math.pow(0.999, t));
                        w[i] -= lr * vh / (Math.sqrt(sh) + 1e-8);
                    }
                }
            }
            path[t] = w.clone();
        }
        return path;
    }

    /** Two rings and a hand-made classifier p = sigmoid(4 (r^2 - 1.2)). */
    static BufferedImage boundaryBinary() {
        Tensor[] data = rings(120, 3);
        return Plots.decisionBoundary(t -> t.mul(t).sum(1, true).sub(1.2).mul(4).sigmoid(), data[0], data[1], "Circle classifier");
    }

    /** Three blobs and a linear softmax-style scorer (argmax of X W + b). */
    static BufferedImage boundaryThree() {
        Generator rng = new Generator(5);
        double[][] centres = {{-2, -1}, {2, -1}, {0, 2}};
        int n = 150;
        double[] xs = new double[2 * n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            xs[2 * i] = centres[c][0] + 0.8 * rng.normal();
            xs[2 * i + 1] = centres[c][1] + 0.8 * rng.normal();
            ys[i] = c;
        }
        Tensor W = Tensor.of(new double[][] {{-2, 2, 0}, {-1, -1, 2}});
        Tensor b = Tensor.of(0, 0, -1);
        return Plots.decisionBoundary(t -> t.matmul(W).add(b), Tensor.of(xs, n, 2), Tensor.of(ys), "Three blobs, linear scores");
    }

    static Map<String, double[]> gradNorms() {
        Map<String, double[]> m = new LinkedHashMap<>();
        int layers = 5;
        for (int l = 1; l <= layers; l++) {
            double[] v = new double[200];
            for (int s = 0; s < v.length; s++) {
                v[s] = Math.pow(10, -(layers - l) * 1.1) * (0.6 + 0.4 * Math.exp(-s / 60.0)) * (1 + 0.2 * Math.sin(s * 0.7 + l));
            }
            m.put("layer " + l, v);
        }
        return m;
    }

    static Map<String, double[]> normBars() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("sigmoid, N(0, 1) init", new double[] {2e-7, 5e-6, 1e-4, 3e-3, 5e-2});
        m.put("ReLU, He init", new double[] {0.04, 0.05, 0.05, 0.06, 0.07});
        return m;
    }

    static Map<String, double[]> activations() {
        Map<String, double[]> m = new LinkedHashMap<>();
        Generator rng = new Generator(11);
        double scale = 0.8;
        for (int l = 1; l <= 5; l++) {
            double[] a = new double[1000];
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.tanh(scale * rng.normal());
            }
            m.put("layer " + l + " (tanh)", a);
            scale *= 1.7;
        }
        return m;
    }

    static int[][] confusion10() {
        int[][] c = new int[10][10];
        Generator rng = new Generator(9);
        for (int i = 0; i < 10; i++) {
            c[i][i] = 170 + rng.nextInt(15);
            c[i][(i + 3) % 10] = rng.nextInt(6);
            c[i][(i + 7) % 10] = rng.nextInt(3);
        }
        return c;
    }

    /** The first 30 rows of data/digits.csv (8x8 images, values 0..16), with three made-up wrong predictions. */
    static BufferedImage digits() {
        java.util.List<String> rows;
        try {
            rows = java.nio.file.Files.readAllLines(java.nio.file.Path.of("data", "digits.csv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int n = 30;
        double[][] images = new double[n][64];
        int[] labels = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            String[] cells = rows.get(i + 1).split(",");
            for (int p = 0; p < 64; p++) {
                images[i][p] = Double.parseDouble(cells[p]);
            }
            labels[i] = Integer.parseInt(cells[64]);
            predicted[i] = (i == 3 || i == 17 || i == 28) ? (labels[i] + 5) % 10 : labels[i];
        }
        return Plots.digits(images, labels, predicted);
    }

    /** micrograd's neuron: o = tanh(x1 w1 + x2 w2 + b). */
    static BufferedImage neuronGraph() {
        Value x1 = new Value(2.0, "x1");
        Value x2 = new Value(0.0, "x2");
        Value w1 = new Value(-3.0, "w1");
        Value w2 = new Value(1.0, "w2");
        Value b = new Value(6.8813735870195432, "b");
        Value x1w1 = x1.mul(w1).name("x1*w1");
        Value x2w2 = x2.mul(w2).name("x2*w2");
        Value sum = x1w1.add(x2w2).name("x1w1+x2w2");
        Value n = sum.add(b).name("n");
        Value o = n.tanh().name("o");
        o.backward();
        return Plots.autogradGraph(o);
    }

    /** y = a * b + a: the input a is used twice, so two edges leave it and its gradient is b + 1. */
    static BufferedImage sharedInputGraph() {
        Value a = new Value(2.0, "a");
        Value b = new Value(-3.0, "b");
        Value y = a.mul(b).add(a).name("y");
        y.backward();
        return Plots.autogradGraph(y);
    }

    /** A 2-16-1 tanh network trained with Adam on the two rings, with a validation split: real curves, real boundary. */
    record Trained(History history, BufferedImage boundary) {
    }

    static final java.util.function.Supplier<Trained> TRAINED = new java.util.function.Supplier<>() {
        private Trained done;

        @Override
        public synchronized Trained get() {
            if (done == null) {
                done = train();
            }
            return done;
        }
    };

    static Trained train() {
        Tensor[] rings = rings(200, 13);
        Tensor[] val = rings(100, 14);
        backprop.nn.Sequential net = new backprop.nn.Sequential(
                new backprop.nn.Linear(2, 16, new Generator(1)), new backprop.nn.Tanh(),
                new backprop.nn.Linear(16, 1, new Generator(2)));
        backprop.nn.BCEWithLogitsLoss lossFn = new backprop.nn.BCEWithLogitsLoss();
        backprop.optim.Adam opt = new backprop.optim.Adam(net.parameters(), 0.05);
        Tensor y = rings[1].reshape(-1, 1);
        Tensor yVal = val[1].reshape(-1, 1);
        History h = new History();
        for (int epoch = 0; epoch < 60; epoch++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(net.forward(rings[0]), y);
            loss.backward();
            opt.step();
            double valLoss;
            try (var s = Tensor.noGrad()) {
                valLoss = lossFn.forward(net.forward(val[0]), yVal).item();
            }
            h.recordStep(loss.item());
            h.recordEpoch(loss.item(), valLoss);
        }
        return new Trained(h, Plots.decisionBoundary(net::forward, rings[0], rings[1], "2-16-1 tanh network after 60 Adam steps"));
    }

    /** n points on two noisy rings: class 0 inside (radius 0.6), class 1 outside (radius 1.6). Returns {X (n, 2), y (n)}. */
    static Tensor[] rings(int n, long seed) {
        Generator rng = new Generator(seed);
        double[] xs = new double[2 * n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double r = (c == 0 ? 0.6 : 1.6) + 0.25 * rng.normal();
            double a = 2 * Math.PI * rng.uniform();
            xs[2 * i] = r * Math.cos(a);
            xs[2 * i + 1] = r * Math.sin(a);
            ys[i] = c;
        }
        return new Tensor[] {Tensor.of(xs, n, 2), Tensor.of(ys)};
    }

    /** A tensor expression: loss = mean((x W + b)^2), graph kept by backward(seed, true). */
    static BufferedImage tensorGraph() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}).name("x");
        Tensor w = Tensor.of(new double[] {0.1, -0.2}, 2, 1).requiresGrad(true).name("W");
        Tensor b = Tensor.scalar(0.5).requiresGrad(true).name("b");
        Tensor z = x.matmul(w).add(b).name("z");
        Tensor loss = z.square().mean().name("loss");
        loss.backward(Tensor.ones(), true);
        return Plots.autogradGraph(loss);
    }
}
