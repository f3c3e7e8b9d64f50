package backprop.data;

import backprop.nn.Module;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class names of a classification target and their indices, e.g.
 * {@code {Adelie=0, Chinstrap=1, Gentoo=2}}. A model predicts an index; this maps it back to a name.
 *
 * <pre>{@code
 * Labels labels = Labels.of("cat", "dog");     // {cat=0, dog=1}
 * labels.index("dog")                          // 1
 * labels.name(0)                               // "cat"
 * Tensor y = labels.encode("dog", "cat");      // tensor([1., 0.])
 * Labels.oneHot(y, 2)                          // tensor([[0., 1.], [1., 0.]])
 * }</pre>
 *
 * <p>{@link Tables} builds one from a text column, with the names sorted (as scikit-learn's
 * {@code LabelEncoder} does), so the same file always gives the same indices.
 */
public final class Labels {
    private final List<String> names;
    private final Map<String, Integer> indices = new LinkedHashMap<>();

    private Labels(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Labels: no class names given: pass at least one, e.g. Labels.of(\"cat\", \"dog\")");
        }
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            String n = this.names.get(i);
            if (indices.put(n, i) != null) {
                throw new IllegalArgumentException("Labels: class name \"" + n + "\" appears twice in " + names
                        + ": each class needs one distinct name");
            }
        }
    }

    /** Classes in the given order: the first name gets index 0. */
    public static Labels of(String... names) {
        return new Labels(List.of(names));
    }

    /** Classes in the order of the list: the first name gets index 0. */
    public static Labels of(List<String> names) {
        return new Labels(new ArrayList<>(names));
    }

    /** The distinct values, sorted (String order), as classes: {@code sorted(["b", "a", "b"])} is {a=0, b=1}. */
    public static Labels sorted(Collection<String> values) {
        return new Labels(new ArrayList<>(new TreeSet<>(values)));
    }

    /**
     * Classes named "0", "1", ..., "k-1" for a target that already holds class indices 0..k-1
     * (wine's {@code cultivar}, digits' {@code digit}); k is the largest index + 1.
     */
    public static Labels fromIndices(Tensor classIndices) {
        int[] idx = checkIndices("fromIndices", classIndices, Integer.MAX_VALUE);
        int max = -1;
        for (int v : idx) {
            max = Math.max(max, v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            out.add(Integer.toString(i));
        }
        return new Labels(out);
    }

    /** Number of classes. */
    public int size() {
        return names.size();
    }

    /** The class names in index order. */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** The name of class {@code index}. */
    public String name(int index) {
        if (index < 0 || index >= names.size()) {
            throw new IndexOutOfBoundsException("name: class index " + index + " is outside 0.." + (names.size() - 1)
                    + " of " + this + ": use an index the model can predict");
        }
        return names.get(index);
    }

    /** The index of class {@code name}. */
    public int index(String name) {
        Integer i = indices.get(name);
        if (i == null) {
            throw new IllegalArgumentException("index: no class named \"" + name + "\": the classes are " + this
                    + " (names are case-sensitive)");
        }
        return i;
    }

    /** The class indices of these names, as a 1-d tensor (the target {@code CrossEntropyLoss} takes). */
    public Tensor encode(String... values) {
        return encode(List.of(values));
    }

    /** The class indices of these names, as a 1-d tensor. */
    public Tensor encode(List<String> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(values.get(i));
        }
        return Tensor.of(out);
    }

    /** The names of these class indices (e.g. a model's {@code argmax(1)}). */
    public List<String> decode(Tensor classIndices) {
        int[] idx = checkIndices("decode", classIndices, names.size());
        List<String> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(names.get(i));
        }
        return out;
    }

    /**
     * One row per label with a 1 in the label's column: labels {@code [2, 0]} with 3 classes give
     * {@code [[0, 0, 1], [1, 0, 0]]}. The labels must be whole numbers in 0..classes-1.
     */
    public static Tensor oneHot(Tensor labels, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("oneHot: classes must be positive: got " + classes
                    + ": pass the number of classes, e.g. oneHot(y, 3)");
        }
        int[] idx = checkIndices("oneHot", labels, classes);
        double[] out = new double[backprop.tensor.Shapes.numel("oneHot", idx.length, classes)];
        for (int i = 0; i < idx.length; i++) {
            out[i * classes + idx[i]] = 1.0;
        }
        return Tensor.of(out, idx.length, classes);
    }

    /**
     * Checks that a model with {@code outputs} outputs per row fits these classes: one output per
     * class (logits for {@code CrossEntropyLoss}), or, for two classes, also a single output (a
     * probability for {@code BCELoss}).
     *
     * @throws IllegalArgumentException naming both counts and the layer to change
     */
    public void checkOutputs(int outputs) {
        if (outputs == names.size() || (names.size() == 2 && outputs == 1)) {
            return;
        }
        String fix = names.size() == 2
                ? "make the last layer Linear(hidden, 2) for CrossEntropyLoss, or Linear(hidden, 1) with a sigmoid for BCELoss"
                : "make the last layer Linear(hidden, " + names.size() + "): one output (logit) per class";
        throw new IllegalArgumentException("checkOutputs: the model gives " + outputs + " output" + (outputs == 1 ? "" : "s")
                + " per row but the target has " + names.size() + " classes " + this + ": " + fix);
    }

    /**
     * Runs the model on the first row of {@code x} (in eval mode and without gradients, so nothing
     * about training changes) and checks its output count with {@link #checkOutputs(int)}.
     */
    public void checkModel(Module model, Tensor x) {
        if (x.ndim() < 1 || x.size(0) == 0) {
            throw new ShapeMismatchException("checkModel: x has no rows (shape " + java.util.Arrays.toString(x.shape())
                    + "): pass the features the model will be trained on");
        }
        boolean wasTraining = model.isTraining();
        Tensor out;
        model.eval();
        try (var scope = Tensor.noGrad()) {
            out = model.forward(x.rows(0, 1));
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        checkOutputs(out.ndim() <= 1 ? 1 : out.size(-1));
    }

    /** Checks every value is a whole number in 0..classes-1 and returns them as ints. */
    static int[] checkIndices(String op, Tensor labels, int classes) {
        double[] v = labels.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double d = v[i];
            if (d != Math.rint(d) || d < 0 || d >= classes) {
                String range = classes == Integer.MAX_VALUE ? "a whole number >= 0" : "a whole number in 0.." + (classes - 1);
                throw new IllegalArgumentException(op + ": label " + d + " at position " + i + " is not a class index ("
                        + range + "): pass integer class labels"
                        + (labels.ndim() == 2 ? ", not one-hot rows or probabilities (use argmax(1) to turn those into labels)" : ""));
            }
            out[i] = (int) d;
        }
        return out;
    }

    /** Like a map: {@code {Adelie=0, Chinstrap=1, Gentoo=2}}. */
    @Override
    public String toString() {
        return indices.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && l.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}
