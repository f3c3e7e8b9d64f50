package backprop.nn;

import backprop.tensor.Tensor;

/** x for x > 0, else slope · x; derivative 1 or slope. PyTorch's default slope is 0.01. */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negative slope must be finite: got " + negativeSlope
                    + ": pass a small number such as 0.01");
        }
        this.negativeSlope = negativeSlope;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(negativeSlope);
    }

    @Override
    public String toString() {
        return "LeakyReLU(negativeSlope=" + negativeSlope + ")";
    }
}
