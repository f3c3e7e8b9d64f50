package backprop.exercises;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;

import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * The checks of notebook 15 (policy gradient) on its five-armed bandit: Exercise 1, ∂log π(a)/∂z for a softmax
 * policy, and Exercise 2, the REINFORCE surrogate loss −mean((R − b) log π(a)).
 *
 * <p>Exercise 1 is compared with autograd (the gradient of {@code logSoftmax(z)[a]}) for every arm on seeded random
 * logits, to 1e-12. Exercise 2 is judged by the gradient its loss sends into a (6, 5) batch of logits, compared with
 * autograd's gradient of the right loss to 1e-12, with a baseline computed from the logits so that a missing
 * {@code detach()} shows. The typical mistakes (sign flipped, the gradient of π(a) instead of log π(a), only onehot(a),
 * logits in place of probabilities; π(a) weighted instead of log π(a), the baseline not detached or missing) are
 * recognised and named.
 *
 * <pre>{@code
 * PolicyChecks.gradLogPi((z, a) -> gradLogPi(z, a));
 * PolicyChecks.reinforceLoss((logits, actions, rewards, baseline) -> reinforceLoss(logits, actions, rewards, baseline));
 * }</pre>
 */
public final class PolicyChecks {
    /** The bandit's number of arms (notebook 15's K). */
    public static final int ARMS = 5;

    private PolicyChecks() {
    }

    /** The learner's surrogate loss: one number whose gradient on the logits is minus the REINFORCE estimate. */
    @FunctionalInterface
    public interface ReinforceLoss {
        Tensor apply(Tensor logits, int[] actions, double[] rewards, Tensor baseline);
    }

    /** Exercise 1: {@code gradLogPi.apply(z, a)} must be onehot(a) − softmax(z); throws {@link AssertionError} naming the mistake. */
    public static void gradLogPi(BiFunction<Tensor, Integer, Tensor> gradLogPi) {
        String problem = gradLogPiProblem(gradLogPi);
        if (problem != null) throw new AssertionError(problem);
    }

    /** Exercise 2: the loss's gradient on the logits must be the REINFORCE gradient; throws {@link AssertionError} naming the mistake. */
    public static void reinforceLoss(ReinforceLoss reinforceLoss) {
        String problem = lossProblem(reinforceLoss);
        if (problem != null) throw new AssertionError(problem);
    }

    /** The one-hot vector of arm {@code a} among {@code k} (also the tests' right answer: onehot(a) − softmax(z)). */
    static Tensor oneHot(int a, int k) {
        double[] e = new double[k];
        e[a] = 1;
        return Tensor.of(e);
    }

    /** m[i, actions[i]] for every row i, shape (n): notebook 15's {@code pick}. */
    static Tensor pick(Tensor m, int[] actions) {
        double[] idx = new double[actions.length];
        for (int i = 0; i < idx.length; i++) idx[i] = actions[i];
        return m.gather(1, Tensor.of(idx, actions.length, 1)).reshape(actions.length);
    }

    static String gradLogPiProblem(BiFunction<Tensor, Integer, Tensor> gradLogPi) {
        int K = ARMS;
        Tensor zt = Tensor.randn(new Generator(4), K);
        for (int a = 0; a < K; a++) {
            Tensor zr = zt.detach().requiresGrad(true);
            zr.logSoftmax(0).select(0, a).backward();                 // autograd: d log pi(a) / dz
            Tensor ref = zr.grad(), p = zt.softmax(0);
            Tensor got = gradLogPi.apply(zt.detach(), a);
            if (!Arrays.equals(got.shape(), new int[] {K})) return "gradLogPi must return one number per logit, shape [" + K + "], got " + Arrays.toString(got.shape()) + ".";
            if (got.allClose(Tensor.zeros(K))) return "gradLogPi returned zeros: the stub is still there.";
            if (got.allClose(ref.neg(), 1e-12, 1e-12)) return "The sign is flipped: you returned pi - onehot(a), the gradient of -log pi(a) (the cross-entropy of notebook 10). d log pi(a)/dz = onehot(a) - pi.";
            if (got.allClose(ref.mul(p.get(a)), 1e-12, 1e-12)) return "That is the gradient of pi(a), not of log pi(a): it carries the extra factor pi(a). Dividing by pi(a) (d log pi = d pi / pi) gives onehot(a) - pi.";
            if (got.allClose(oneHot(a, K))) return "Only onehot(a): the normaliser log sum exp(z) depends on every logit too, and contributes -pi.";
            if (got.allClose(oneHot(a, K).sub(zt), 1e-12, 1e-12)) return "onehot(a) - z uses the logits where the probabilities belong: onehot(a) - softmax(z).";
            if (!got.allClose(ref, 1e-12, 1e-12)) return "For arm " + a + " autograd gives " + ref + " but gradLogPi gives " + got + ".";
        }
        return null;
    }

    static String lossProblem(ReinforceLoss reinforceLoss) {
        int n = 6, K = ARMS;
        Tensor L0 = Tensor.randn(new Generator(6), n, K);
        int[] a = {3, 0, 1, 3, 4, 2};
        double[] r = {2.5, 0.3, 1.9, 1.1, -0.4, 0.8};
        Tensor q = Tensor.of(0.9, 1.4, 0.6, 1.8, 1.0);                 // the network's own reward estimate per arm
        // reference gradients on the logits of the right loss and of the typical wrong ones, by autograd
        BiFunction<Tensor, Integer, Tensor> variant = (lg, k) -> {
            Tensor p = lg.softmax(1), b = p.mul(q).sum(1);             // baseline b_i = sum_a pi_ia q_a: depends on the logits
            Tensor adv = Tensor.of(r).sub(k == 2 ? b : k == 3 ? Tensor.zeros(n) : b.detach());
            Tensor pickd = pick(k == 1 ? p : lg.logSoftmax(1), a);
            return pickd.mul(adv).mean().neg();
        };
        Tensor[] refGrad = new Tensor[4];
        double refLoss = 0;
        for (int k = 0; k < 4; k++) {
            Tensor lr = L0.detach().requiresGrad(true);
            Tensor l = variant.apply(lr, k);
            if (k == 0) refLoss = l.item();
            l.backward();
            refGrad[k] = lr.grad();
        }
        Tensor lg = L0.detach().requiresGrad(true);
        Tensor loss = reinforceLoss.apply(lg, a, r, lg.softmax(1).mul(q).sum(1));
        if (loss.numel() != 1) return "Return one number (a 0-d tensor): the mean over the batch, got shape " + Arrays.toString(loss.shape()) + ".";
        if (!loss.requiresGrad()) return "The loss does not depend on the logits (no graph behind it): the stub is still there, or log pi(a) was computed from a detached copy.";
        loss.backward();
        Tensor got = lg.grad();
        if (got.allClose(refGrad[0].neg(), 1e-12, 1e-12)) return "The sign is flipped: this loss's gradient points along the REINFORCE estimate, so SGD would step DOWN the expected reward. Optimisers minimise: the loss is -(R - b) log pi(a).";
        if (got.allClose(refGrad[1], 1e-12, 1e-12)) return "You weighted pi(a) instead of log pi(a): the gradient of pi(a) carries an extra factor pi(a), so the estimate is biased (rare arms are barely pushed). Use logits.logSoftmax(1).";
        if (got.allClose(refGrad[2], 1e-12, 1e-12)) return "The gradient flowed into the baseline: here the baseline is computed from the logits, so without detach() backward also differentiates b, which biases the estimate. Use baseline.detach().";
        if (got.allClose(refGrad[3], 1e-12, 1e-12)) return "The baseline is missing: subtract it from the rewards, (R - b), before weighting log pi(a).";
        if (!got.allClose(refGrad[0], 1e-12, 1e-12)) return "The gradient on the logits should be " + refGrad[0] + " but is " + got + ".";
        if (Math.abs(loss.item() - refLoss) > 1e-12) return "The gradient is right but the value " + loss.item() + " should be " + refLoss + ": the mean over the batch.";
        return null;
    }
}
