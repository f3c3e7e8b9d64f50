package backprop.optim;

import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Updates parameters from their gradients, one {@link #step()} at a time. As PyTorch's
 * {@code torch.optim.Optimizer}, with one parameter group: every parameter shares the learning rate.
 *
 * <p>A subclass writes its update rule in {@link #update(int, double[], double[])}, which sees
 * each parameter's live values and gradient; parameters without a gradient (not used in the last
 * backward pass) are skipped, as in PyTorch.
 */
public abstract class Optimizer {
    private final String name;
    private final List<Tensor> params;
    private double lr;
    private long steps;

    protected Optimizer(String name, List<Tensor> params, double lr) {
        this.name = name;
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(name + ": the parameter list is empty: nothing to optimise: pass "
                    + "model.parameters() after building the model (or tensors marked with requiresGrad(true))");
        }
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " is null: pass model.parameters()");
            }
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " (shape "
                        + java.util.Arrays.toString(p.shape()) + ") does not require grad, so it never gets a gradient: "
                        + "call requiresGrad(true) on it, or leave it out");
            }
            if (p.gradFn() != null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " was computed by " + p.gradFn()
                        + " and cannot be updated in place: pass leaf tensors (the model's parameters())");
            }
            if (seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " appears twice in the list: pass each "
                        + "parameter once");
            }
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.lr = checkLr(name, lr);
    }

    static double checkLr(String op, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(op + ": learning rate must be a positive finite number: got lr=" + lr
                    + ": try a value such as 0.1 (SGD) or 0.001 (Adam)");
        }
        return lr;
    }

    static double checkRange(String op, String what, double value, double lo, boolean loOpen, double hi, boolean hiOpen,
                             String fix) {
        boolean ok = (loOpen ? value > lo : value >= lo) && (hiOpen ? value < hi : value <= hi);
        if (!ok) {
            throw new IllegalArgumentException(op + ": " + what + " must be in " + (loOpen ? "(" : "[") + lo + ", "
                    + hi + (hiOpen ? ")" : "]") + ": got " + value + ": " + fix);
        }
        return value;
    }

    /**
     * Apply one update to every parameter that has a gradient. Throws {@link IllegalStateException}
     * if none has one (no backward pass since the gradients were created).
     */
    public void step() {
        boolean any = false;
        for (Tensor p : params) {
            any |= p.gradData() != null;
        }
        if (!any) {
            throw new IllegalStateException(name + ".step: no parameter has a gradient: " + params.size()
                    + " parameters, none used in a backward pass yet: call loss.backward() first");
        }
        steps++;
        for (int i = 0; i < params.size(); i++) {
            double[] grad = params.get(i).gradData();
            if (grad != null) {
                update(i, params.get(i).dataForUpdate(), grad);
            }
        }
    }

    /** Update parameter {@code index} in place: {@code param} is its live value array, {@code grad} its gradient. */
    protected abstract void update(int index, double[] param, double[] grad);

    /** Zero the gradients of all parameters (call before each backward pass: gradients add up). */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** The current learning rate. */
    public double lr() {
        return lr;
    }

    /** Change the learning rate (schedules call this); 0 is allowed here (a schedule may anneal to 0), negatives are not. */
    public void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + ".setLr: learning rate must be a finite number >= 0: got lr=" + lr
                    + ": pass a small positive value");
        }
        this.lr = lr;
    }

    /** The parameters this optimiser updates (read-only). */
    public List<Tensor> parameters() {
        return params;
    }

    /** How many times step() has run. */
    public long steps() {
        return steps;
    }

    /** The hyperparameters after the learning rate, e.g. "momentum=0.9, nesterov=true". */
    protected abstract String hyperparameters();

    @Override
    public String toString() {
        int numbers = 0;
        for (Tensor p : params) {
            numbers += p.numel();
        }
        return name + "(lr=" + lr + ", " + hyperparameters() + "; " + params.size() + " parameter tensors, " + numbers
                + " numbers)";
    }
}
