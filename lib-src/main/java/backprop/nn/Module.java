package backprop.nn;

import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a network: it maps an input tensor to an output tensor and owns parameters
 * (tensors that require grad and that an optimiser updates). As PyTorch's {@code nn.Module}.
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
}
