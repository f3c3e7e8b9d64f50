package backprop.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints tensors the way PyTorch does (its {@code torch/_tensor_str.py}, default print options), so
 * that what a learner sees here matches what they will see there:
 * <pre>
 * tensor([[ 3.,  4.],
 *         [ 6., -8.]], grad_fn=Mul)
 * tensor([0.5000, 1.2500])
 * </pre>
 * <ul>
 *   <li>whole numbers print as {@code 3.}; otherwise four decimals; scientific notation ({@code 1.0000e-05})
 *       when the largest |value| is above 10⁸, the smallest non-zero one below 10⁻⁴, or their ratio above 1000;</li>
 *   <li>columns are right-aligned to the widest number; rows wrap at 80 characters;</li>
 *   <li>above 1000 elements only the first and last three entries of each axis are shown, and (unlike
 *       PyTorch) the shape is added, {@code shape=[2000, 3]}; an empty tensor other than 1-d shows its shape too.</li>
 * </ul>
 * Numbers are rounded exactly as Python rounds them (the exact binary value, ties to even).
 */
final class TensorFormat {
    /** More elements than this are summarised. */
    private static final int THRESHOLD = 1000;
    /** Entries kept at each end of a summarised axis. */
    private static final int EDGE = 3;
    private static final int LINE_WIDTH = 80;
    private static final int PRECISION = 4;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {
    }

    static String format(double[] data, int[] shape, String suffix) {
        int indent = PREFIX.length();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (data.length == 0) {
            body = "[]";
            if (shape.length != 1) {
                suffixes.add("shape=" + Arrays.toString(shape));
            }
        } else {
            boolean summarize = data.length > THRESHOLD;
            NumberFormat numbers = new NumberFormat(summarize ? summarized(data, shape) : data);
            body = block(data, shape, 0, 0, indent, summarize, numbers);
            if (summarize) {
                suffixes.add("shape=" + Arrays.toString(shape));
            }
        }
        if (suffix != null) {
            suffixes.add(suffix);
        }
        return addSuffixes(PREFIX + body, suffixes, indent);
    }

    /** The sub-tensor starting at {@code offset} whose dimensions are {@code shape[axis..]}. */
    private static String block(double[] data, int[] shape, int axis, int offset, int indent, boolean summarize,
                                NumberFormat numbers) {
        int dim = shape.length - axis;
        if (dim == 0) {
            return numbers.format(data[offset]);
        }
        int len = shape[axis];
        if (dim == 1) {
            return vector(data, offset, len, indent, summarize, numbers);
        }
        int stride = Shapes.inner(shape, axis);
        List<String> slices = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            if (summarize && len > 2 * EDGE && i == EDGE) {
                slices.add("...");
                i = len - EDGE;
            }
            slices.add(block(data, shape, axis + 1, offset + i * stride, indent + 1, summarize, numbers));
        }
        return "[" + String.join("," + "\n".repeat(dim - 1) + " ".repeat(indent + 1), slices) + "]";
    }

    /** One row of numbers, wrapped so that no line passes 80 characters. */
    private static String vector(double[] data, int offset, int len, int indent, boolean summarize,
                                 NumberFormat numbers) {
        int elementLength = numbers.width() + 2;
        int perLine = Math.max(1, (LINE_WIDTH - indent) / elementLength);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            if (summarize && len > 2 * EDGE && i == EDGE) {
                items.add(" ...");
                i = len - EDGE;
            }
            items.add(numbers.format(data[offset + i]));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perLine) {
            lines.add(String.join(", ", items.subList(i, Math.min(i + perLine, items.size()))));
        }
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }

    /** The values that a summarised print shows (first and last EDGE entries of every axis). */
    private static double[] summarized(double[] data, int[] shape) {
        List<Double> kept = new ArrayList<>();
        collect(data, shape, 0, 0, kept);
        double[] out = new double[kept.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = kept.get(i);
        }
        return out;
    }

    private static void collect(double[] data, int[] shape, int axis, int offset, List<Double> kept) {
        if (axis == shape.length) {
            kept.add(data[offset]);
            return;
        }
        int len = shape[axis];
        int stride = Shapes.inner(shape, axis);
        for (int i = 0; i < len; i++) {
            if (len > 2 * EDGE && i == EDGE) {
                i = len - EDGE;
            }
            collect(data, shape, axis + 1, offset + i * stride, kept);
        }
    }

    /** Append ", grad_fn=..." and the like, moving a suffix to its own line when the line would pass 80 characters. */
    private static String addSuffixes(String tensor, List<String> suffixes, int indent) {
        StringBuilder sb = new StringBuilder(tensor);
        int lastLineLength = tensor.length() - tensor.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** Chooses one notation and width for all numbers of a tensor, from its non-zero finite values. */
    private static final class NumberFormat {
        private boolean intMode = true;
        private boolean scientific;
        private int width = 1;

        NumberFormat(double[] values) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            int count = 0;
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    count++;
                    min = Math.min(min, Math.abs(v));
                    max = Math.max(max, Math.abs(v));
                    if (v != Math.ceil(v)) {
                        intMode = false;
                    }
                }
            }
            if (count == 0) {
                return;
            }
            scientific = max / min > 1000.0 || max > 1.0e8 || (!intMode && min < 1.0e-4);
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    int length = scientific ? scientific(v).length() : intMode ? fixed(v, 0).length() + 1
                            : fixed(v, PRECISION).length();
                    width = Math.max(width, length);
                }
            }
        }

        int width() {
            return width;
        }

        String format(double v) {
            String s;
            if (scientific) {
                s = scientific(v);
            } else if (intMode) {
                s = fixed(v, 0) + (Double.isFinite(v) ? "." : "");
            } else {
                s = fixed(v, PRECISION);
            }
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }
    }

    /** Python's '{:.Nf}': the exact binary value rounded half to even, keeping the sign of -0.0. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        String digits = new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (negative(v) ? "-" : "") + digits;
    }

    /** Python's '{:.4e}': d.dddde±XX. */
    static String scientific(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        String sign = negative(v) ? "-" : "";
        if (v == 0) {
            return sign + "0." + "0".repeat(PRECISION) + "e+00";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).setScale(PRECISION, RoundingMode.HALF_EVEN).toPlainString();
        int e = Math.abs(exponent);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
    }

    private static boolean negative(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
}
