package backprop.optim;

import backprop.tensor.Tensor;
import backprop.testing.Golden;
import backprop.testing.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static backprop.testing.Golden.obj;
import static backprop.testing.Golden.tensor;

/**
 * 50-step trajectories of every optimiser, schedule and clipping mode on one fixed problem,
 * against torch.optim 1.13 (float64) to 1e-10 relative: the loss before each step, every
 * parameter after each step, the learning rate after each scheduler step, the clipped norm.
 * Golden values from lib-src/test/python/gen_nn_golden.py.
 */
class OptimGoldenTest {
    static final double TOL = 1e-10;
    static final Object GOLDEN = Json.resource("/golden/optim.json");

    /** The fixed problem: a 3 → 3 (tanh) → 1 regression network on eight samples, plus one unused parameter. */
    static final class Problem {
        final Tensor x = tensor(obj(GOLDEN, "problem"), "X");
        final Tensor y = tensor(obj(GOLDEN, "problem"), "Y");
        final Map<String, Tensor> p = Golden.tensors(obj(GOLDEN, "problem").get("init"));
        final List<Tensor> params = new ArrayList<>();

        Problem() {
            for (String name : List.of("w1", "b1", "w2", "b2", "unused")) {
                params.add(p.get(name).requiresGrad(true));
            }
        }

        Tensor loss() {
            Tensor h = x.matmul(p.get("w1").transpose()).add(p.get("b1")).tanh();
            return h.matmul(p.get("w2").transpose()).add(p.get("b2")).sub(y).square().mean();
        }

        double[] flat() {
            List<Double> all = new ArrayList<>();
            for (Tensor t : params) {
                for (double v : t.toArray()) {
                    all.add(v);
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static Optimizer optimizer(String name, List<Tensor> p) {
        return switch (name) {
            case "sgd" -> new SGD(p, 0.1);
            case "sgd_momentum" -> new SGD(p, 0.05, 0.9);
            case "sgd_nesterov_wd" -> new SGD(p, 0.05, 0.9, 0.0, 0.01, true);
            case "sgd_dampening_wd" -> new SGD(p, 0.05, 0.8, 0.3, 0.05, false);
            case "adam_default" -> new Adam(p);
            case "adam_custom" -> new Adam(p, 0.05, 0.8, 0.99, 1e-6, 0.01);
            case "adamw_default" -> new AdamW(p);
            case "adamw_custom" -> new AdamW(p, 0.05, 0.85, 0.995, 1e-7, 0.1);
            case "rmsprop_default" -> new RMSprop(p);
            case "rmsprop_momentum" -> new RMSprop(p, 0.01, 0.99, 1e-8, 0.0, 0.5, false);
            case "rmsprop_centered" -> new RMSprop(p, 0.005, 0.9, 1e-6, 0.01, 0.9, true);
            case "sched_step" -> new SGD(p, 0.1, 0.9);
            case "sched_exponential" -> new Adam(p, 0.05);
            case "sched_cosine", "clip_norm", "clip_value" ->
                    new SGD(p, name.startsWith("clip") ? 0.5 : 0.1);
            case "sched_cosine_to_zero" -> new SGD(p, 0.1, 0.5);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Function<Optimizer, LRScheduler> schedule(String name) {
        return switch (name) {
            case "sched_step" -> o -> new StepLR(o, 10, 0.5);
            case "sched_exponential" -> o -> new ExponentialLR(o, 0.95);
            case "sched_cosine" -> o -> new CosineAnnealingLR(o, 20, 0.001);
            case "sched_cosine_to_zero" -> o -> new CosineAnnealingLR(o, 50);
            default -> null;
        };
    }

    static String component(String name) {
        return switch (name.split("_")[0]) {
            case "sgd" -> "SGD";
            case "adam" -> "Adam";
            case "adamw" -> "AdamW";
            case "rmsprop" -> "RMSprop";
            case "sched" -> name.contains("step") ? "StepLR" : name.contains("exponential") ? "ExponentialLR"
                    : "CosineAnnealingLR";
            default -> name.contains("norm") ? "clipGradNorm" : "clipGradValue";
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "sgd_nesterov_wd", "sgd_dampening_wd", "adam_default",
            "adam_custom", "adamw_default", "adamw_custom", "rmsprop_default", "rmsprop_momentum", "rmsprop_centered",
            "sched_step", "sched_exponential", "sched_cosine", "sched_cosine_to_zero", "clip_norm", "clip_value"})
    void fiftyStepsMatchTorchOptim(String name) {
        Map<String, Object> g = obj(GOLDEN, name);
        double[] losses = Golden.doubles(g.get("losses"));
        double[] lrs = Golden.doubles(g.get("lrs"));
        double[] norms = Golden.doubles(g.get("norms"));
        List<double[]> params = Golden.rows(g.get("params"));
        Problem pr = new Problem();
        Optimizer opt = optimizer(name, pr.params);
        Function<Optimizer, LRScheduler> makeSchedule = schedule(name);
        LRScheduler sched = makeSchedule == null ? null : makeSchedule.apply(opt);
        String component = component(name);
        for (int step = 0; step < 50; step++) {
            opt.zeroGrad();
            Tensor loss = pr.loss();
            loss.backward();
            if (name.equals("clip_norm")) {
                double norm = GradClip.clipGradNorm(pr.params, 0.5);
                Golden.assertClose(component, name + " norm at step " + step, new double[] {norm},
                        new double[] {norms[step]}, TOL);
            } else if (name.equals("clip_value")) {
                GradClip.clipGradValue(pr.params, 0.05);
            }
            Golden.assertClose(component, name + " loss at step " + step, new double[] {loss.item()},
                    new double[] {losses[step]}, TOL);
            opt.step();
            if (sched != null) {
                sched.step();
            }
            Golden.assertClose(component, name + " lr after step " + step, new double[] {opt.lr()},
                    new double[] {lrs[step]}, TOL);
            Golden.assertClose(component, name + " parameters after step " + step, pr.flat(), params.get(step), TOL);
        }
    }

    @AfterAll
    static void printDeviations() {
        System.out.println("Largest relative deviation from torch.optim over 50 steps, per component:\n"
                + Golden.report());
    }
}
