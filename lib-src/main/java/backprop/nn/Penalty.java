package backprop.nn;

import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Regularisation terms to add to a loss: {@code loss.add(Penalty.l2(Penalty.weightsOf(model)).mul(1e-3))}.
 * <pre>
 * l2(w) = Σ w²   ∂/∂w = 2w   (weight decay: pulls weights towards 0 in proportion to their size)
 * l1(w) = Σ |w|  ∂/∂w = sign(w)   (pushes small weights to exactly 0: sparsity)
 * </pre>
 */
public final class Penalty {
    private Penalty() {
    }

    /** Σ w² over all the given tensors (a scalar with a graph). */
    public static Tensor l2(List<Tensor> params) {
        return total("Penalty.l2", params, true);
    }

    /** Σ |w| over all the given tensors (a scalar with a graph). */
    public static Tensor l1(List<Tensor> params) {
        return total("Penalty.l1", params, false);
    }

    private static Tensor total(String op, List<Tensor> params, boolean squared) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(op + ": no tensors given: pass model.parameters() or "
                    + "Penalty.weightsOf(model)");
        }
        Tensor sum = null;
        for (Tensor p : params) {
            Tensor term = (squared ? p.square() : p.abs()).sum();
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /** The weight matrices of a model (parameters named "weight" with 2 or more dimensions), not the biases. */
    public static List<Tensor> weightsOf(Module model) {
        List<Tensor> weights = new ArrayList<>();
        model.namedParameters().forEach((name, p) -> {
            if ((name.equals("weight") || name.endsWith(".weight")) && p.ndim() >= 2) {
                weights.add(p);
            }
        });
        return weights;
    }
}
