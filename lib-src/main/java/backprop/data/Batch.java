package backprop.data;

import backprop.tensor.Tensor;

/**
 * One mini-batch: the features {@code x} and targets {@code y} of the same rows. A
 * {@link DataLoader} hands these out; one update step uses one batch.
 */
public record Batch(Tensor x, Tensor y) {

    /** Number of examples in this batch. */
    public int size() {
        return x.size(0);
    }

    /** E.g. {@code Batch(x (16, 4), y (16))}. */
    @Override
    public String toString() {
        return "Batch(x " + Dataset.shape(x) + ", y " + Dataset.shape(y) + ")";
    }
}
