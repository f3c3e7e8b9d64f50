package backprop.data;

import backprop.tensor.Tensor;
import backprop.train.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad data is refused where it enters, with the row and column named; nothing stays silent. */
class BadDataTest {
    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @Test
    void csvInfinityAndOverflowAreRefusedWithRowAndColumn() throws IOException {
        String inf = file("inf.csv", "x1,x2,y\n1,2,3\n4,Infinity,6\n");
        assertThatThrownBy(() -> Tables.readCsv(inf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readCsv: column \"x2\" holds Infinity in row 1 of \"" + inf + "\" (rows count from 0, the "
                        + "first data line after the header): the file says Infinity or NaN there, or a number too large "
                        + "for a double (such as 1e999): fix the value in the file, or drop the row after reading: "
                        + "table = table.dropRows(1)");
        String big = file("big.csv", "x1,y\n1e999,0\n2,1\n");
        assertThatThrownBy(() -> Tables.readCsv(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("readCsv: column \"x1\" holds Infinity in row 0 of \"" + big + "\"");
    }

    @Test
    void csvWithAnotherSeparatorSaysWhichAndHowToReadIt() throws IOException {
        String semi = file("semi.csv", "x1;x2;y\n1;2;3\n4;5;6\n");
        assertThatThrownBy(() -> Tables.dataset(semi, "y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readCsv: \"" + semi + "\" was read as one column named \"x1;x2;y\": its values look "
                        + "separated by ';', not ',': read it with Tables.readCsv(\"" + semi + "\", ';')");
        Dataset d = Tables.dataset(Tables.readCsv(semi, ';'), "y");
        assertThat(d.featureNames()).containsExactly("x1", "x2");
        assertThat(d.x().toArray()).containsExactly(1, 2, 4, 5);
    }

    @Test
    void emptyAndHeaderOnlyFilesAreToldApart() throws IOException {
        String empty = file("empty.csv", "");
        assertThatThrownBy(() -> Tables.readCsv(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readCsv: \"" + empty + "\" is empty (" + empty + "): a CSV file needs a header row of "
                        + "column names and one row per example: check that the file was written completely");
        String header = file("header.csv", "x1,x2,y\n");
        assertThatThrownBy(() -> Tables.dataset(header, "y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readCsv: \"" + header + "\" has a header row with 3 columns [x1, x2, y] but no data rows: "
                        + "add rows below the header, or check that the file was written completely");
    }

    @Test
    void datasetRefusesNaNAndInfinityNamingRowAndColumn() {
        double[][] rows = new double[30][2];
        rows[25][1] = Double.NaN;
        Tensor x = Tensor.of(rows);
        Tensor y = Tensor.zeros(30);
        assertThatThrownBy(() -> new Dataset(x, y, List.of("age", "bmi"), "y", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dataset: x holds NaN in row 25, column 1 (\"bmi\") (shape [30, 2]): a model cannot learn "
                        + "from non-finite values (training would stop at the batch holding it): drop that row or fill "
                        + "the value (e.g. with the column mean) before making the Dataset");
        double[] yv = new double[30];
        yv[7] = Double.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> new Dataset(Tensor.zeros(30, 2), Tensor.of(yv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Dataset: y holds -Infinity in row 7 (shape [30]): ");
        assertThat(new Dataset(Tensor.zeros(30, 2), Tensor.zeros(30)).size()).isEqualTo(30);
    }

    @Test
    void splitRefusesAnEmptyValidationPart() {
        Dataset d = new Dataset(Tensor.zeros(5, 2), Tensor.zeros(5));
        assertThatThrownBy(() -> Split.of(d, 0.9, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Split.of: the validation part would be empty (5 rows, fractions [0.9, 0.1, 0.0]), and every "
                        + "loss measured on it would be NaN: use a larger validation fraction or more data, or a fraction "
                        + "of 0 for no validation part");
        assertThat(Split.of(d, 1.0, 0.0, 1).validation().size()).isZero();   // asked for none: none
    }

    @Test
    void accuracyRefusesNaNScores() {
        Tensor logits = Tensor.of(new double[][] {{0.1, 0.9}, {Double.NaN, Double.NaN}});
        assertThatThrownBy(() -> Metrics.accuracy(logits, Tensor.of(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predictions: output row 1 holds NaN (shape [2, 2]): the model produced a non-finite value, "
                        + "and its argmax would be a guess; check training for divergence");
    }
}
