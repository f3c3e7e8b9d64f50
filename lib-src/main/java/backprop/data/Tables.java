package backprop.data;

import backprop.tensor.Tensor;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * From a Tablesaw {@link Table} (or a CSV file) to tensors, by column names:
 *
 * <pre>{@code
 * Dataset iris = Tables.dataset("../data/iris.csv", "species");   // every other column is a feature
 * iris.labels()                                                   // {setosa=0, versicolor=1, virginica=2}
 *
 * Table penguins = Tables.readCsv("../data/penguins.csv").dropRowsWithMissingValues();
 * Dataset p = Tables.dataset(penguins, "species", "bill_length_mm", "flipper_length_mm");
 * }</pre>
 *
 * <p>Features must be numeric columns (whole numbers or decimals; a true/false column counts as
 * 1/0). The target may be numeric (kept as numbers, for regression, or as class indices you
 * already have) or text, whose distinct values become classes numbered in sorted order
 * ({@link Labels}). A missing value, a text value in a feature column or a column name that does
 * not exist stops with a message naming the column, the row and a fix.
 *
 * <p>Relative paths are resolved against the working directory. A notebook's working directory
 * is its own folder, {@code notebooks/}, so it reads {@code "../data/iris.csv"}.
 */
public final class Tables {
    private Tables() {
    }

    /**
     * Reads a CSV file (header row, comma-separated, {@code NA} or an empty cell = missing) into a
     * Table. Column types are detected from all rows: whole numbers, decimals, otherwise text. An empty
     * file, a header without rows, a file separated by another character and a number that is not finite
     * ({@code Infinity}, {@code 1e999}) are refused with the row and column named.
     */
    public static Table readCsv(String path) {
        return readCsv(path, ',');
    }

    /** {@link #readCsv(String)} for a file whose values are separated by {@code separator}, e.g. {@code ';'}. */
    public static Table readCsv(String path, char separator) {
        Path p = Path.of(path);
        Path abs = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("readCsv: no file \"" + path + "\" (looked for " + abs
                    + "; the working directory is " + Path.of("").toAbsolutePath()
                    + "): check the name; relative paths start from the working directory, "
                    + "and a notebook in notebooks/ reads \"../data/" + p.getFileName() + "\"");
        }
        requireHeaderAndRows(path, abs, separator);
        Table table;
        try {
            CsvReadOptions options = CsvReadOptions.builder(abs.toFile())
                    .separator(separator)
                    .sample(false)
                    .columnTypesToDetect(List.of(ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING))
                    .build();
            table = Table.read().usingOptions(options);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("readCsv: could not read \"" + path + "\" (" + abs + ") as CSV: "
                    + e.getMessage() + ": it needs a header row and " + (separator == ',' ? "comma" : "'" + separator + "'")
                    + "-separated values", e);
        }
        if (table.columnCount() == 1) {
            String header = table.columnNames().get(0);
            for (char other : new char[] {';', '\t', '|', ','}) {
                if (other != separator && header.indexOf(other) >= 0) {
                    String shown = other == '\t' ? "\\t" : String.valueOf(other);
                    throw new IllegalArgumentException("readCsv: \"" + path + "\" was read as one column named \"" + header
                            .replace("\t", "\\t") + "\": its values look separated by '" + shown + "', not '" + separator
                            + "': read it with Tables.readCsv(\"" + path + "\", '" + shown + "')");
                }
            }
        }
        for (Column<?> c : table.columns()) {
            if (c instanceof NumericColumn<?> num) {
                for (int i = 0; i < num.size(); i++) {
                    double v = num.isMissing(i) ? 0 : num.getDouble(i);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("readCsv: column \"" + c.name() + "\" holds " + v + " in row " + i
                                + " of \"" + path + "\" (rows count from 0, the first data line after the header): the file "
                                + "says Infinity or NaN there, or a number too large for a double (such as 1e999): fix the "
                                + "value in the file, or drop the row after reading: table = table.dropRows(" + i + ")");
                    }
                }
            }
        }
        return table;
    }

    /** The file must have a header line and at least one data line; else say which one is missing. */
    private static void requireHeaderAndRows(String path, Path abs, char separator) {
        String header = null;
        boolean rows = false;
        try (java.io.BufferedReader in = Files.newBufferedReader(abs, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null && !rows; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = line;
                } else {
                    rows = true;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("readCsv: could not read \"" + path + "\" (" + abs + "): " + e.getMessage()
                    + ": check that the file is readable", e);
        }
        if (header == null) {
            throw new IllegalArgumentException("readCsv: \"" + path + "\" is empty (" + abs + "): a CSV file needs a header "
                    + "row of column names and one row per example: check that the file was written completely");
        }
        if (!rows) {
            List<String> names = Arrays.asList(header.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1));
            throw new IllegalArgumentException("readCsv: \"" + path + "\" has a header row with " + names.size()
                    + (names.size() == 1 ? " column " : " columns ") + names + " but no data rows: add rows below the "
                    + "header, or check that the file was written completely");
        }
    }

    /** {@link #dataset(Table, String, String...)} on {@link #readCsv(String) readCsv(csvPath)}. */
    public static Dataset dataset(String csvPath, String target, String... features) {
        return dataset(readCsv(csvPath), target, features);
    }

    /**
     * Features x (n, d) from the {@code features} columns, in that order (all columns except the
     * target when none are named), and the target y (n) from column {@code target}: numbers as
     * they are, text as class indices with the class names kept in {@link Dataset#labels()}.
     */
    public static Dataset dataset(Table table, String target, String... features) {
        target = requireColumn("dataset", table, target).name(); // Tablesaw matches names ignoring case
        List<String> names = new ArrayList<>();
        if (features.length == 0) {
            for (String c : table.columnNames()) {
                if (!c.equals(target)) {
                    names.add(c);
                }
            }
        } else {
            for (String f : features) {
                names.add(requireColumn("dataset", table, f).name());
            }
            if (names.contains(target)) {
                throw new IllegalArgumentException("dataset: the target column \"" + target
                        + "\" is also listed as a feature " + names + ": a model must not see the answer; remove it from the features");
            }
        }
        Tensor x = features(table, names.toArray(new String[0]));
        Column<?> t = table.column(target);
        if (t instanceof NumericColumn<?>) {
            return new Dataset(x, target(table, target), names, target, null);
        }
        Labels labels = labels(table, target);
        return new Dataset(x, classIndices(table, target, labels), names, target, labels);
    }

    /** The named numeric columns as a (rows, columns) tensor, columns in the order given. */
    public static Tensor features(Table table, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("features: no columns named: pass the feature columns, e.g. features(table, \""
                    + table.columnNames().get(0) + "\"); the table has " + table.columnNames());
        }
        int n = table.rowCount();
        int d = columns.length;
        double[] values = new double[backprop.tensor.Shapes.numel("features", n, d)];
        for (int j = 0; j < d; j++) {
            double[] col = numbers("features", table, columns[j]);
            for (int i = 0; i < n; i++) {
                values[i * d + j] = col[i];
            }
        }
        return Tensor.of(values, n, d);
    }

    /** A numeric column as a 1-d tensor (a regression target). */
    public static Tensor target(Table table, String column) {
        return Tensor.of(numbers("target", table, column));
    }

    /** The distinct values of a text (or true/false) column, sorted, as classes: {Adelie=0, Chinstrap=1, Gentoo=2}. */
    public static Labels labels(Table table, String column) {
        Column<?> c = requireColumn("labels", table, column);
        requireNoMissing("labels", table, c);
        if (c instanceof NumericColumn<?>) {
            throw new IllegalArgumentException("labels: column \"" + column + "\" holds numbers, not class names: "
                    + "use it as it is (Tables.target) if it holds class indices 0..k-1, with Labels.fromIndices(y) for the names");
        }
        List<String> values = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            values.add(c.getString(i));
        }
        return Labels.sorted(values);
    }

    /** The class index of every row of a text column under {@code labels}, as a 1-d tensor. */
    public static Tensor classIndices(Table table, String column, Labels labels) {
        Column<?> c = requireColumn("classIndices", table, column);
        requireNoMissing("classIndices", table, c);
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            String v = c.getString(i);
            if (!labels.names().contains(v)) {
                throw new IllegalArgumentException("classIndices: row " + i + " of column \"" + column + "\" is \"" + v
                        + "\", which is not one of the classes " + labels + ": build the labels from this table with Tables.labels");
            }
            out[i] = labels.index(v);
        }
        return Tensor.of(out);
    }

    // ------------------------------------------------------------------ checks with helpful messages

    private static double[] numbers(String op, Table table, String name) {
        Column<?> c = requireColumn(op, table, name);
        int n = c.size();
        double[] out = new double[n];
        if (c instanceof BooleanColumn b) {
            requireNoMissing(op, table, c);
            for (int i = 0; i < n; i++) {
                out[i] = b.get(i) ? 1.0 : 0.0;
            }
            return out;
        }
        if (!(c instanceof NumericColumn<?> num)) {
            throw notNumeric(op, table, c);
        }
        requireNoMissing(op, table, c);
        for (int i = 0; i < n; i++) {
            out[i] = num.getDouble(i);
        }
        return out;
    }

    private static Column<?> requireColumn(String op, Table table, String name) {
        if (name != null && table.containsColumn(name)) {
            return table.column(name);
        }
        String hint = "";
        for (String c : table.columnNames()) {
            if (c.replace("_", "").equalsIgnoreCase(String.valueOf(name).replace("_", "").replace(" ", ""))) {
                hint = " (did you mean \"" + c + "\"?)";
                break;
            }
        }
        throw new IllegalArgumentException(op + ": no column named \"" + name + "\"" + hint
                + ": the available columns are " + table.columnNames());
    }

    private static void requireNoMissing(String op, Table table, Column<?> c) {
        int count = c.countMissing();
        if (count == 0) {
            return;
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < c.size() && rows.size() < 5; i++) {
            if (c.isMissing(i)) {
                rows.add(i);
            }
        }
        String name = c.name();
        String where = count == 1 ? "1 missing value, in row " + rows.get(0)
                : count + " missing values, in rows " + rows + (count > rows.size() ? " and more" : "");
        throw new IllegalArgumentException(op + ": column \"" + name + "\" has " + where
                + " (rows count from 0, the first data line after the header): drop those rows first, with "
                + "table = table.dropRowsWithMissingValues() (rows missing any value) or table = table.dropWhere(table.column(\""
                + name + "\").isMissing()) (this column only), or fill them, e.g. " + fillHint(c));
    }

    private static String fillHint(Column<?> c) {
        String name = c.name();
        if (c instanceof NumericColumn<?> num) {
            double mean = num.mean();
            String kind = num.type().equals(ColumnType.DOUBLE) ? "doubleColumn" : num.type().equals(ColumnType.INTEGER) ? "intColumn"
                    : num.type().equals(ColumnType.LONG) ? "longColumn" : num.type().equals(ColumnType.FLOAT) ? "floatColumn" : "shortColumn";
            String value = kind.equals("doubleColumn") || kind.equals("floatColumn")
                    ? String.format(Locale.ROOT, "%.4g", mean) + (kind.equals("floatColumn") ? "f" : "")
                    : Long.toString(Math.round(mean)) + (kind.equals("longColumn") ? "L" : kind.equals("shortColumn") ? " (as a short)" : "");
            return "table." + kind + "(\"" + name + "\").setMissingTo(" + value + ") (the column mean)";
        }
        return "table.stringColumn(\"" + name + "\").setMissingTo(\"unknown\")";
    }

    private static IllegalArgumentException notNumeric(String op, Table table, Column<?> c) {
        String name = c.name();
        List<String> numeric = new ArrayList<>();
        for (Column<?> col : table.columns()) {
            if (col instanceof NumericColumn<?> || col instanceof BooleanColumn) {
                numeric.add(col.name());
            }
        }
        String numericList = "; the numeric columns are " + numeric;
        if (c instanceof StringColumn s) {
            // Mostly numbers with a few bad cells (e.g. "n/a", "12,5")? Then name the first bad row.
            int firstBad = -1;
            int parsed = 0;
            for (int i = 0; i < s.size(); i++) {
                if (s.isMissing(i)) {
                    continue;
                }
                if (parses(s.get(i))) {
                    parsed++;
                } else if (firstBad < 0) {
                    firstBad = i;
                }
            }
            if (firstBad >= 0 && parsed > 0) {
                return new IllegalArgumentException(op + ": column \"" + name + "\" was read as text because row " + firstBad
                        + " holds \"" + s.get(firstBad) + "\", which is not a number: drop that row (table = table.dropRows("
                        + firstBad + ")) or fix the value in the file, then read it again");
            }
            String example = firstBad >= 0 ? " (row " + firstBad + " is \"" + s.get(firstBad) + "\")" : "";
            return new IllegalArgumentException(op + ": column \"" + name + "\" holds text, not numbers" + example
                    + ": choose numeric feature columns, or turn the categories into numbers first "
                    + "(Tables.labels + Tables.classIndices, then Labels.oneHot)" + numericList);
        }
        return new IllegalArgumentException(op + ": column \"" + name + "\" has type " + c.type().name()
                + ", not numbers: choose numeric columns" + numericList);
    }

    private static boolean parses(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
