package backprop.nn;

import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A piece of a network: it maps an input tensor to an output tensor and owns parameters
 * (tensors that require grad and that an optimiser updates). As PyTorch's {@code nn.Module}.
 *
 * <p>A layer with parameters overrides {@link #namedParameters()}; a layer with state that is not
 * trained (BatchNorm's running statistics) overrides {@link #namedBuffers()}; a container overrides
 * {@link #setTraining(boolean)} to pass the mode on to its children.
 */
public abstract class Module {
    private boolean training = true;

    /** The forward pass. */
    public abstract Tensor forward(Tensor input);

    /** Parameters by name (e.g. "0.weight"), in a stable order; leaves that require grad. */
    public Map<String, Tensor> namedParameters() {
        return new LinkedHashMap<>();
    }

    /** All parameters, in the order of {@link #namedParameters()}. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** State that is saved and loaded but not trained (e.g. "1.runningMean"); empty for most layers. */
    public Map<String, Tensor> namedBuffers() {
        return new LinkedHashMap<>();
    }

    /** The number of trainable numbers: the sum of the parameters' element counts. */
    public int numParameters() {
        int n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    /** A copy of every parameter and buffer by name (as PyTorch's {@code state_dict()}). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> state.put(name, p.detach()));
        namedBuffers().forEach((name, b) -> state.put(name, b.detach()));
        return state;
    }

    /**
     * Copy values into the parameters and buffers of the same names (as PyTorch's
     * {@code load_state_dict}); every name must match and every shape must agree. Returns this.
     */
    public Module loadStateDict(Map<String, Tensor> state) {
        if (state == null) {
            throw new IllegalArgumentException("loadStateDict: state is null: pass a map from stateDict()");
        }
        Map<String, Tensor> own = new LinkedHashMap<>(namedParameters());
        own.putAll(namedBuffers());
        TreeSet<String> missing = new TreeSet<>(own.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(own.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: names do not match: missing " + missing + ", unexpected "
                    + unexpected + ": pass exactly the names of stateDict() (this module has " + own.keySet() + ")");
        }
        // Check every name first, copy afterwards: a refused state leaves the module exactly as it was.
        own.forEach((name, target) -> checkCopy("loadStateDict", name, target, state.get(name)));
        own.forEach((name, target) -> copyInto("loadStateDict", name, target, state.get(name)));
        return this;
    }

    /** Copy the values of {@code source} into the leaf tensor {@code target} (same shape), in place. */
    static void copyInto(String op, String name, Tensor target, Tensor source) {
        checkCopy(op, name, target, source);
        double[] values = source.toArray();
        System.arraycopy(values, 0, target.dataForUpdate(), 0, values.length);
    }

    private static void checkCopy(String op, String name, Tensor target, Tensor source) {
        if (source == null) {
            throw new IllegalArgumentException(op + ": the value for " + name + " is null: pass a tensor of shape "
                    + Arrays.toString(target.shape()));
        }
        if (!Arrays.equals(target.shape(), source.shape())) {
            throw new backprop.tensor.ShapeMismatchException(op + ": " + name + " has shape "
                    + Arrays.toString(target.shape()) + " but the values given have shape "
                    + Arrays.toString(source.shape()) + ": pass a tensor of shape " + Arrays.toString(target.shape()));
        }
    }

    /**
     * For a layer whose forward pass in training mode changes state (BatchNorm's running statistics): what
     * puts that state back, so that a forward pass that fails in a later layer leaves no trace. Null for a
     * layer without such state (most layers).
     */
    Runnable stateRestorer() {
        return null;
    }

    /** Training mode (the default): dropout drops, batch norm uses batch statistics. Returns this. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode: dropout is the identity, batch norm uses running statistics. Returns this. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    /** Whether this module is in training mode. */
    public boolean isTraining() {
        return training;
    }

    /** Set the mode of this module; containers override this to pass it on to their children. */
    protected void setTraining(boolean training) {
        this.training = training;
    }

    /** Zero the gradient of every parameter. */
    public void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    /** The parameter shapes, e.g. "weight [16, 2], bias [16]"; empty for a layer without parameters. */
    public String parameterShapes() {
        StringBuilder sb = new StringBuilder();
        namedParameters().forEach((name, p) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(Arrays.toString(p.shape())));
        return sb.toString();
    }

    /** The layer's name and settings, e.g. {@code ReLU()}; layers with settings override this. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}
