package backprop.nn;

import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied one after another, as PyTorch's {@code nn.Sequential}: the output of layer i is
 * the input of layer i+1. Parameters are named by position, "0.weight", "0.bias", "2.weight", ...
 * <pre>
 * Module model = new Sequential(new Linear(2, 16, new Generator(1)), new Tanh(), new Linear(16, 1, new Generator(2)));
 * </pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... layers) {
        for (Module layer : layers) {
            add(layer);
        }
    }

    /** Append a layer (it takes on this container's mode); returns this. */
    public Sequential add(Module layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential: layer " + layers.size() + " is null: pass a Module");
        }
        layer.setTraining(isTraining());
        layers.add(layer);
        return this;
    }

    @Override
    public Tensor forward(Tensor input) {
        Runnable restore = stateRestorer();     // null unless a layer (BatchNorm1d in training) changes state
        boolean finished = false;
        try {
            Tensor x = input;
            for (Module layer : layers) {
                x = layer.forward(x);
            }
            finished = true;
            return x;
        } finally {
            if (!finished && restore != null) {
                restore.run();                  // a later layer failed: the running statistics are as before the call
            }
        }
    }

    @Override
    Runnable stateRestorer() {
        List<Runnable> restorers = null;
        for (Module layer : layers) {
            Runnable r = layer.stateRestorer();
            if (r != null) {
                restorers = restorers == null ? new ArrayList<>() : restorers;
                restorers.add(r);
            }
        }
        if (restorers == null) {
            return null;
        }
        List<Runnable> all = restorers;
        return () -> all.forEach(Runnable::run);
    }

    /** Layer i. */
    public Module get(int i) {
        if (i < 0 || i >= layers.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: no layer " + i + ": this container has "
                    + layers.size() + " layers, 0.." + (layers.size() - 1));
        }
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    /** The layers, in order (read-only). */
    public List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            layers.get(i).namedParameters().forEach((name, p) -> params.put(prefix + name, p));
        }
        return params;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            layers.get(i).namedBuffers().forEach((name, b) -> buffers.put(prefix + name, b));
        }
        return buffers;
    }

    @Override
    public Sequential train() {
        super.train();
        return this;
    }

    @Override
    public Sequential eval() {
        super.eval();
        return this;
    }

    @Override
    protected void setTraining(boolean training) {
        super.setTraining(training);
        for (Module layer : layers) {
            layer.setTraining(training);
        }
    }

    /**
     * A table of the layers with the output shape each produces for an input of the given shape,
     * and their parameters. Runs one forward pass on zeros in eval mode without recording a graph,
     * so running statistics and dropout masks are untouched:
     * <pre>
     * layer  type          output shape    parameters
     *        input         [5, 2]
     * (0)    Linear        [5, 16]         48  weight [16, 2], bias [16]
     * (1)    ReLU          [5, 16]         0
     * total parameters: 48
     * </pre>
     */
    public String summary(int... inputShape) {
        boolean wasTraining = isTraining();
        StringBuilder sb = new StringBuilder();
        String row = "%-6s %-13s %-15s %s%n";
        sb.append(String.format(row, "layer", "type", "output shape", "parameters"));
        setTraining(false);
        try (var scope = Tensor.noGrad()) {
            Tensor x = Tensor.zeros(inputShape);
            sb.append(String.format(row, "", "input", Arrays.toString(x.shape()), "").stripTrailing()).append('\n');
            for (int i = 0; i < layers.size(); i++) {
                Module layer = layers.get(i);
                x = layer.forward(x);
                String shapes = layer.parameterShapes();
                sb.append(String.format(row, "(" + i + ")", layer.getClass().getSimpleName(),
                        Arrays.toString(x.shape()), layer.numParameters() + (shapes.isEmpty() ? "" : "  " + shapes)));
            }
        } finally {
            setTraining(wasTraining);
        }
        sb.append("total parameters: ").append(numParameters());
        return sb.toString();
    }

    /**
     * One line per layer with its parameter shapes, then the parameter count and the mode:
     * <pre>
     * Sequential(
     *   (0): Linear(inFeatures=2, outFeatures=16, bias=true, init=default, seed=1)   weight [16, 2], bias [16]
     *   (1): Tanh()
     * )  48 parameters, training mode
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            String shapes = layer.parameterShapes();
            String inner = layer.toString().replace("\n", "\n  ");
            sb.append("  (").append(i).append("): ").append(inner);
            if (!shapes.isEmpty() && !(layer instanceof Sequential)) {
                sb.append("   ").append(shapes);
            }
            sb.append('\n');
        }
        sb.append(")  ").append(numParameters()).append(" parameters, ")
                .append(isTraining() ? "training" : "eval").append(" mode");
        return sb.toString();
    }
}
