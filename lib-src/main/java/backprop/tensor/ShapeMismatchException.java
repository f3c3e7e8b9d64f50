package backprop.tensor;

/** A caller passed tensors whose shapes do not fit the operation; the message says which and how to fix it. */
public class ShapeMismatchException extends IllegalArgumentException {
    public ShapeMismatchException(String message) {
        super(message);
    }
}
