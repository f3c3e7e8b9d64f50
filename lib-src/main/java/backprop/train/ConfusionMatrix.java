package backprop.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs: {@code get(actual, predicted)}. The diagonal holds
 * the correct predictions; everything off it is a mistake, and where it sits says which class was
 * taken for which. Printing it gives a table:
 *
 * <pre>
 * ConfusionMatrix(3 classes, 5 rows, accuracy 0.8000; rows: true class, columns: predicted)
 *                 setosa  versicolor   virginica
 * setosa               2           0           0
 * versicolor           0           1           1
 * virginica            0           0           1
 * </pre>
 */
public final class ConfusionMatrix {
    private final int[][] counts;
    private final List<String> names;

    ConfusionMatrix(int[][] counts, List<String> names) {
        this.counts = counts;
        List<String> n = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            n.add(names == null ? Integer.toString(i) : names.get(i));
        }
        this.names = List.copyOf(n);
    }

    /** A copy of the counts: {@code counts()[actual][predicted]}. */
    public int[][] counts() {
        int[][] out = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i].clone();
        }
        return out;
    }

    /** How many rows of class {@code actual} were predicted as {@code predicted}. */
    public int get(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** The class names shown on the table ("0", "1", ... when none were given). */
    public List<String> names() {
        return names;
    }

    /** Number of rows counted. */
    public int total() {
        int t = 0;
        for (int[] row : counts) {
            for (int c : row) {
                t += c;
            }
        }
        return t;
    }

    /** The share on the diagonal: correct predictions / all rows. */
    public double accuracy() {
        int right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        return total() == 0 ? Double.NaN : (double) right / total();
    }

    /** Of the rows predicted as class c, the share that really are c (NaN if none was predicted c). */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) counts[c][c] / predicted;
    }

    /** Of the rows of class c, the share predicted as c (NaN if there are none). */
    public double recall(int c) {
        int actual = 0;
        for (int v : counts[c]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }

    /** The table shown in the class comment. */
    @Override
    public String toString() {
        int nameWidth = 0;
        int cell = 1;
        for (String n : names) {
            nameWidth = Math.max(nameWidth, n.length());
            cell = Math.max(cell, n.length());
        }
        for (int[] row : counts) {
            for (int c : row) {
                cell = Math.max(cell, Integer.toString(c).length());
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "ConfusionMatrix(%d classes, %d rows, accuracy %.4f; rows: true class, columns: predicted)",
                classes(), total(), accuracy()));
        sb.append('\n').append(" ".repeat(nameWidth));
        for (String n : names) {
            sb.append("  ").append(pad(n, cell));
        }
        for (int i = 0; i < counts.length; i++) {
            sb.append('\n').append(names.get(i)).append(" ".repeat(nameWidth - names.get(i).length()));
            for (int c : counts[i]) {
                sb.append("  ").append(pad(Integer.toString(c), cell));
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
