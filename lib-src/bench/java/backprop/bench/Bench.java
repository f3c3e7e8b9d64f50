package backprop.bench;

import backprop.tensor.NoGrad;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@code ./workbook bench}: workloads W1-W5 of shared/bench-workloads.md, written
 * with the library's Tensor operations and autograd, with the same data, initial weights and batch
 * order as the peers in bench/peers/ (so the final losses must agree with theirs).
 *
 * <pre>java -Dbackprop.threads=N -cp backprop-workbook.jar:bench-classes backprop.bench.Bench N [W1 W2 W3 W4 W5]</pre>
 * prints a JSON list of records on standard output (progress on standard error).
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        List<String> want = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("W1", "W2", "W3", "W4", "W5");
        Harness h = new Harness(threads);
        if (want.contains("W1")) {
            w1(h);
        }
        if (want.contains("W2")) {
            w2(h);
        }
        if (want.contains("W3")) {
            w3(h);
        }
        if (want.contains("W4")) {
            w4(h);
        }
        if (want.contains("W5")) {
            w5(h);
        }
        System.out.println(h.toJson());
    }

    // ------------------------------------------------------------------ shared pieces

    /** Plain SGD: p -= lr * grad (the gradient is then zeroed for the next step). */
    static void sgd(double lr, Tensor... params) {
        for (Tensor p : params) {
            double[] w = p.dataForUpdate();
            double[] g = p.gradData();
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
            p.zeroGrad();
        }
    }

    /** Adam in PyTorch's form: p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps). */
    static final class Adam {
        final Tensor[] params;
        final double[][] m;
        final double[][] v;
        final double lr = 1e-3;
        final double beta1 = 0.9;
        final double beta2 = 0.999;
        final double eps = 1e-8;
        int t;

        Adam(Tensor... params) {
            this.params = params;
            m = new double[params.length][];
            v = new double[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new double[params[i].numel()];
                v[i] = new double[params[i].numel()];
            }
        }

        void step() {
            t++;
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = Math.sqrt(1 - Math.pow(beta2, t));
            double stepSize = lr / c1;
            for (int k = 0; k < params.length; k++) {
                double[] w = params[k].dataForUpdate();
                double[] g = params[k].gradData();
                double[] mk = m[k];
                double[] vk = v[k];
                for (int i = 0; i < w.length; i++) {
                    mk[i] = mk[i] * beta1 + (1 - beta1) * g[i];
                    vk[i] = vk[i] * beta2 + (1 - beta2) * g[i] * g[i];
                    w[i] -= stepSize * mk[i] / (Math.sqrt(vk[i]) / c2 + eps);
                }
                params[k].zeroGrad();
            }
        }
    }

    static int[][] batches(int[] perm, int size) {
        int count = (perm.length + size - 1) / size;
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            out[b] = Arrays.copyOfRange(perm, b * size, Math.min(perm.length, (b + 1) * size));
        }
        return out;
    }

    static Map<String, Object> losses(double full, double lastBatch, double accuracy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("final_loss", full);
        if (!Double.isNaN(lastBatch)) {
            m.put("last_batch_loss", lastBatch);
        }
        if (!Double.isNaN(accuracy)) {
            m.put("accuracy", accuracy);
        }
        return m;
    }

    // ------------------------------------------------------------------ W1: linear regression, full batch

    static void w1(Harness h) {
        int n = 10000;
        int d = 16;
        Tensor x = Tensor.of(Generator.normalArray(11, n * d), n, d);
        Tensor wTrue = Tensor.of(Generator.normalArray(12, d), d, 1);
        Tensor noise = Tensor.of(Generator.normalArray(13, n), n, 1);
        Tensor y = x.matmul(wTrue).add(0.5).add(noise.mul(0.1));
        h.measure("W1", "step", 500, 3, 7, Map.of(), () -> {
            Tensor w = Tensor.zeros(d, 1).requiresGrad(true);
            Tensor b = Tensor.zeros(1).requiresGrad(true);
            Tensor loss = null;
            Harness.Stopwatch clock = Harness.start();
            for (int step = 0; step < 500; step++) {
                loss = x.matmul(w).add(b).sub(y).square().mean();
                loss.backward();
                sgd(0.05, w, b);
            }
            Harness.Timing timing = clock.stop();
            return new Harness.Run(timing, losses(loss.item(), Double.NaN, Double.NaN));
        });
    }

    // ------------------------------------------------------------------ W2: 2 -> 64 tanh -> 1 sigmoid, BCE, SGD

    static void w2(Harness h) {
        int n = 4096;
        double[] t = Generator.uniformArray(21, n);
        double[] noise = Generator.normalArray(22, 2 * n);
        double[] xv = new double[2 * n];
        double[] yv = new double[n];
        for (int i = 0; i < n; i++) {
            double ti = Math.PI * t[i];
            boolean second = i >= n / 2;
            xv[2 * i] = (second ? 1.0 - Math.cos(ti) : Math.cos(ti)) + 0.2 * noise[2 * i];
            xv[2 * i + 1] = (second ? 0.5 - Math.sin(ti) : Math.sin(ti)) + 0.2 * noise[2 * i + 1];
            yv[i] = second ? 1.0 : 0.0;
        }
        Tensor x = Tensor.of(xv, n, 2);
        Tensor y = Tensor.of(yv, n, 1);
        double[] w1Init = Generator.normalArray(23, 2 * 64);
        double[] w2Init = Generator.normalArray(24, 64);
        for (int i = 0; i < w1Init.length; i++) {
            w1Init[i] *= Math.sqrt(1.0 / 2);
        }
        for (int i = 0; i < w2Init.length; i++) {
            w2Init[i] *= Math.sqrt(1.0 / 64);
        }
        int[][][] epochs = new int[50][][];
        for (int e = 0; e < 50; e++) {
            epochs[e] = batches(new Generator(1000 + e).permutation(n), 64);
        }
        h.measure("W2", "step", 3200, 2, 5, Map.of(), () -> {
            Tensor w1 = Tensor.of(w1Init, 2, 64).requiresGrad(true);
            Tensor b1 = Tensor.zeros(64).requiresGrad(true);
            Tensor w2 = Tensor.of(w2Init, 64, 1).requiresGrad(true);
            Tensor b2 = Tensor.zeros(1).requiresGrad(true);
            Tensor loss = null;
            Harness.Stopwatch clock = Harness.start();
            for (int[][] epoch : epochs) {
                for (int[] idx : epoch) {
                    Tensor xb = x.index(idx);
                    Tensor yb = y.index(idx);
                    Tensor p = xb.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
                    loss = bce(p, yb);
                    loss.backward();
                    sgd(0.1, w1, b1, w2, b2);
                }
            }
            Harness.Timing timing = clock.stop();
            try (NoGrad ignored = Tensor.noGrad()) {
                Tensor p = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
                double full = bce(p, y).item();
                double[] pv = p.toArray();
                int right = 0;
                for (int i = 0; i < n; i++) {
                    right += (pv[i] > 0.5) == (yv[i] > 0.5) ? 1 : 0;
                }
                return new Harness.Run(timing, losses(full, loss.item(), right / (double) n));
            }
        });
    }

    /** Binary cross-entropy, mean over the batch: −mean(y log p + (1 − y) log(1 − p)). */
    static Tensor bce(Tensor p, Tensor y) {
        return y.mul(p.log()).add(y.neg().add(1.0).mul(p.neg().add(1.0).log())).mean().neg();
    }

    // ------------------------------------------------------------------ W3: 784 -> 256 ReLU -> 10, softmax CE, Adam

    static void w3(Harness h) {
        int n = 10000;
        int d = 784;
        Tensor x = Tensor.of(Generator.uniformArray(31, n * d), n, d);
        Tensor teacher = Tensor.of(Generator.normalArray(32, d * 10), d, 10);
        Tensor labels = x.sub(0.5).matmul(teacher).argmax(1);
        double[] w1Init = Generator.normalArray(33, d * 256);
        double[] w2Init = Generator.normalArray(34, 256 * 10);
        for (int i = 0; i < w1Init.length; i++) {
            w1Init[i] *= Math.sqrt(2.0 / 784);
        }
        for (int i = 0; i < w2Init.length; i++) {
            w2Init[i] *= Math.sqrt(2.0 / 256);
        }
        int[][][] epochs = new int[3][][];
        for (int e = 0; e < 3; e++) {
            epochs[e] = batches(new Generator(3000 + e).permutation(n), 128);
        }
        h.measure("W3", "step", 237, 1, 3, Map.of(), () -> {
            Tensor w1 = Tensor.of(w1Init, d, 256).requiresGrad(true);
            Tensor b1 = Tensor.zeros(256).requiresGrad(true);
            Tensor w2 = Tensor.of(w2Init, 256, 10).requiresGrad(true);
            Tensor b2 = Tensor.zeros(10).requiresGrad(true);
            Adam adam = new Adam(w1, b1, w2, b2);
            Tensor loss = null;
            Harness.Stopwatch clock = Harness.start();
            for (int[][] epoch : epochs) {
                for (int[] idx : epoch) {
                    Tensor logits = x.index(idx).matmul(w1).add(b1).relu().matmul(w2).add(b2);
                    loss = logits.logSoftmax(1).gather(1, labels.index(idx).reshape(-1, 1)).mean().neg();
                    loss.backward();
                    adam.step();
                }
            }
            Harness.Timing timing = clock.stop();
            try (NoGrad ignored = Tensor.noGrad()) {
                Tensor logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
                double full = logits.logSoftmax(1).gather(1, labels.reshape(-1, 1)).mean().neg().item();
                double[] predicted = logits.argmax(1).toArray();
                double[] truth = labels.toArray();
                int right = 0;
                for (int i = 0; i < n; i++) {
                    right += predicted[i] == truth[i] ? 1 : 0;
                }
                return new Harness.Run(timing, losses(full, loss.item(), right / (double) n));
            }
        });
    }

    // ------------------------------------------------------------------ W4: matmul throughput

    static void w4(Harness h) {
        for (int n : new int[] {64, 128, 256, 512, 1024}) {
            Tensor a = Tensor.of(Generator.uniformArray(41, n * n), n, n);
            Tensor b = Tensor.of(Generator.uniformArray(42, n * n), n, n);
            int inner = (int) Math.max(1, 2e8 / (2.0 * n * n * n));
            h.measure("W4 n=" + n, "matmul", inner, 2, 5, Map.of("flops", 2.0 * n * n * n), () -> {
                Tensor c = null;
                Harness.Stopwatch clock = Harness.start();
                for (int r = 0; r < inner; r++) {
                    c = a.matmul(b);
                }
                Harness.Timing timing = clock.stop();
                return new Harness.Run(timing, Map.of("checksum", c.sum().item()));
            });
        }
    }

    // ------------------------------------------------------------------ W5: per-op overhead

    static void w5(Harness h) {
        int count = 100_000;
        Tensor a = Tensor.of(Generator.normalArray(51, 16), 4, 4).requiresGrad(true);
        Tensor b = Tensor.of(Generator.normalArray(52, 16), 4, 4).requiresGrad(true);
        h.measure("W5 add (tracked)", "op", count, 3, 7, Map.of(), () -> {
            Tensor c = null;
            Harness.Stopwatch clock = Harness.start();
            for (int i = 0; i < count; i++) {
                c = a.add(b);
            }
            Harness.Timing timing = clock.stop();
            return new Harness.Run(timing, Map.of("checksum", c.sum().item()));
        });
        h.measure("W5 add (no grad)", "op", count, 3, 7, Map.of(), () -> {
            Tensor c = null;
            Harness.Stopwatch clock = Harness.start();
            try (NoGrad ignored = Tensor.noGrad()) {
                for (int i = 0; i < count; i++) {
                    c = a.add(b);
                }
            }
            Harness.Timing timing = clock.stop();
            return new Harness.Run(timing, Map.of("checksum", c.sum().item()));
        });
        List<Double> checks = new ArrayList<>();
        h.measure("W5 chain + backward", "op", count, 3, 7, Map.of(), () -> {
            a.zeroGrad();
            b.zeroGrad();
            Harness.Stopwatch clock = Harness.start();
            Tensor c = a;
            for (int i = 0; i < count; i++) {
                c = c.add(b);
            }
            c.sum().backward();
            Harness.Timing timing = clock.stop();
            checks.add(b.grad().get(0, 0));
            return new Harness.Run(timing, Map.of("check", b.grad().get(0, 0)));
        });
    }
}
