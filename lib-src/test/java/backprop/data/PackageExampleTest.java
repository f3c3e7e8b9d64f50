package backprop.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example that opens backprop/data/package-info.java and checks what the page says about
 * it. The example's lines must equal the lines between the markers below (paths aside: the doc
 * reads "../data/" as a notebook does, tests run in the project folder and read "data/").
 */
public class PackageExampleTest {

    @Test
    void theExampleRunsAndPrintsWhatTheDocSays() {
        // example:begin
        Dataset iris = Tables.dataset("data/iris.csv", "species");      // 150 rows, 4 features, 3 classes
        Split split = Split.of(iris, 0.7, 0.15, 0.15, 42);                 // 106 / 22 / 22 rows
        Standardizer scaler = new Standardizer().fit(split.train());       // means and stds of the training rows
        Dataset train = scaler.transform(split.train());
        DataLoader loader = new DataLoader(train, 16, true, 42);           // 7 mini-batches: six of 16, one of 10
        for (Batch b : loader) { }                                         // one epoch; b.x() is (16, 4), b.y() is (16)
        // example:end
        assertThat(iris.size()).isEqualTo(150);
        assertThat(iris.numFeatures()).isEqualTo(4);
        assertThat(iris.labels().toString()).isEqualTo("{setosa=0, versicolor=1, virginica=2}");
        assertThat(split.toString()).isEqualTo("Split(train 106, validation 22, test 22 rows)");
        assertThat(loader.toString()).isEqualTo(
                "DataLoader(106 rows, batch 16, mini-batch: 7 batches per epoch, last has 10 rows; shuffled, seed 42)");
        assertThat(loader.epoch()).isEqualTo(1);
        List<Batch> batches = loader.batches(0);
        assertThat(batches).hasSize(7);
        assertThat(batches.get(0).x().shape()).containsExactly(16, 4);
        assertThat(batches.get(0).y().shape()).containsExactly(16);
        assertThat(batches.get(6).size()).isEqualTo(10);
        assertThat(scaler.toString()).startsWith("Standardizer(4 features)");
    }

    @Test
    void theDocShowsTheSameCode() throws IOException {
        List<String> doc = docExample(Path.of("lib-src/main/java/backprop/data/package-info.java"));
        List<String> test = between(Files.readAllLines(Path.of("lib-src/test/java/backprop/data/PackageExampleTest.java")),
                "// example:begin", "// example:end");
        assertThat(doc).isNotEmpty();
        assertThat(doc.stream().map(l -> l.replace("\"../data/", "\"data/")).toList()).isEqualTo(test);
    }

    /** The lines inside the first {@code <pre>{@code ... }</pre>} of a Javadoc comment, " * " removed, trimmed. */
    public static List<String> docExample(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            l = l.startsWith("*") ? l.substring(1).strip() : l;
            if (l.startsWith("<pre>{@code")) {
                in = true;
            } else if (in && l.startsWith("}</pre>")) {
                break;
            } else if (in) {
                out.add(l);
            }
        }
        return out;
    }

    public static List<String> between(List<String> lines, String begin, String end) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            String l = line.strip();
            if (l.equals(begin) && !in) {
                in = true;
            } else if (l.equals(end) && in) {
                break;
            } else if (in) {
                out.add(l);
            }
        }
        return out;
    }
}
