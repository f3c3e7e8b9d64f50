package backprop.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints tensors the way PyTorch does, so that what a learner sees here matches what they will see there:
 * <pre>
 * tensor([[1.0000, 2.0000],
 *         [3.0000, 4.0000]], grad_fn=Mul)
 * </pre>
 * Four decimals (scientific notation when values are very large or very small), columns aligned, and
 * for large tensors only the first and last three entries of each axis, with the shape added.
 */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(double[] data, int[] shape, String suffix) {
        boolean summarize = data.length > SUMMARIZE_ABOVE;
        boolean scientific = needsScientific(data);
        List<String> cells = new ArrayList<>();
        int width = 0;
        for (double v : data) {
            width = Math.max(width, number(v, scientific).length());
        }
        StringBuilder sb = new StringBuilder("tensor(");
        if (shape.length == 0) {
            sb.append(number(data[0], scientific));
        } else {
            appendBlock(sb, data, shape, 0, 0, width, scientific, summarize, "tensor(".length());
        }
        cells.clear();
        if (summarize) {
            sb.append(", shape=").append(Arrays.toString(shape));
        }
        if (suffix != null) {
            sb.append(", ").append(suffix);
        }
        return sb.append(')').toString();
    }

    private static void appendBlock(StringBuilder sb, double[] data, int[] shape, int axis, int offset, int width,
                                    boolean scientific, boolean summarize, int indent) {
        int len = shape[axis];
        int stride = Shapes.inner(shape, axis);
        sb.append('[');
        boolean last = axis == shape.length - 1;
        for (int i = 0; i < len; i++) {
            if (summarize && len > 2 * EDGE && i == EDGE) {
                sb.append(last ? "..." : "...");
                i = len - EDGE - 1;
                separator(sb, shape, axis, indent, last);
                continue;
            }
            if (last) {
                sb.append(pad(number(data[offset + i], scientific), width));
            } else {
                appendBlock(sb, data, shape, axis + 1, offset + i * stride, width, scientific, summarize, indent);
            }
            if (i < len - 1) {
                separator(sb, shape, axis, indent, last);
            }
        }
        sb.append(']');
    }

    private static void separator(StringBuilder sb, int[] shape, int axis, int indent, boolean last) {
        if (last) {
            sb.append(", ");
            return;
        }
        sb.append(',');
        int blankLines = shape.length - axis - 2;
        sb.append("\n".repeat(1 + blankLines));
        sb.append(" ".repeat(indent + axis + 1));
    }

    private static boolean needsScientific(double[] data) {
        double maxAbs = 0;
        double minNonZero = Double.POSITIVE_INFINITY;
        for (double v : data) {
            if (!Double.isFinite(v)) {
                continue;
            }
            double a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) {
                minNonZero = Math.min(minNonZero, a);
            }
        }
        return maxAbs >= 1e8 || minNonZero < 1e-4;
    }

    private static String number(double v, boolean scientific) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, scientific ? "%.4e" : "%.4f", v);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
