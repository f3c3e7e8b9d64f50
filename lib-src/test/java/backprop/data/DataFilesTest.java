package backprop.data;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** data/README.md's table agrees with the CSV files beside it. */
class DataFilesTest {
    private static final Path DATA = Path.of("data");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+\\.csv)` \\| (\\d+) \\| (\\d+) \\| `([^`]+)`.*");

    private static final Map<String, Table> TABLES = new java.util.HashMap<>();

    /** Each file is read once for all tests here. */
    private static Table table(String file) {
        return TABLES.computeIfAbsent(file, f -> Tables.readCsv("data/" + f));
    }

    private static Map<String, int[]> readmeTable() throws IOException {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DATA.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
            }
        }
        return out;
    }

    @Test
    void everyCsvIsListedWithItsRowAndColumnCounts() throws IOException {
        Map<String, int[]> table = readmeTable();
        List<String> files;
        try (Stream<Path> s = Files.list(DATA)) {
            files = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted().toList();
        }
        assertThat(files).containsExactlyInAnyOrder("breast_cancer.csv", "diabetes.csv", "digits.csv", "engel.csv",
                "iris.csv", "penguins.csv", "wine.csv");
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(files);
        for (String f : files) {
            Table t = table(f);
            int[] expected = table.get(f);
            assertThat(new int[] {t.rowCount(), t.columnCount()}).as(f + " rows, columns").containsExactly(expected);
            // the plain line count agrees with Tablesaw (header + one line per row, no blank lines)
            assertThat(Files.readAllLines(DATA.resolve(f))).as(f + " lines").hasSize(expected[0] + 1);
        }
    }

    @Test
    void targetColumnsNamedInTheReadmeExist() throws IOException {
        for (String line : Files.readAllLines(DATA.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Table t = table(m.group(1));
                assertThat(t.columnNames()).as(m.group(1)).contains(m.group(4));
            }
        }
    }

    @Test
    void onlyPenguinsHasMissingValues() {
        for (String f : List.of("iris", "wine", "breast_cancer", "digits", "diabetes", "engel")) {
            Table t = table(f + ".csv");
            assertThat(t.columns().stream().mapToInt(c -> c.countMissing()).sum()).as(f).isZero();
        }
        Table p = table("penguins.csv");
        assertThat(p.columns().stream().mapToInt(c -> c.countMissing()).sum()).isEqualTo(19);
        assertThat(p.dropRowsWithMissingValues().rowCount()).isEqualTo(344 - 11);
    }
}
