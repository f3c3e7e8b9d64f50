package backprop.data;

import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Tablesaw bridge on the real files in data/ (tests run in the project folder). */
class TablesTest {

    @Test
    void irisSpeciesBecomeSortedClassIndices() {
        Dataset iris = Tables.dataset("data/iris.csv", "species");
        assertThat(iris.labels().toString()).isEqualTo("{setosa=0, versicolor=1, virginica=2}");
        assertThat(iris.x().shape()).containsExactly(150, 4);
        assertThat(iris.featureNames()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        // the file is sorted by species: 50 of each
        assertThat(iris.y().get(0)).isEqualTo(0.0);
        assertThat(iris.y().get(50)).isEqualTo(1.0);
        assertThat(iris.y().get(149)).isEqualTo(2.0);
        assertThat(iris.y().sum().item()).isEqualTo(150.0);
        assertThat(iris.x().toArray2d()[0]).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(iris.toString()).isEqualTo("Dataset(150 rows: x (150, 4) [sepal_length, sepal_width, petal_length, "
                + "petal_width], y (150) species {setosa=0, versicolor=1, virginica=2})");
    }

    @Test
    void penguinsMissingValuesNameTheColumnTheRowsAndTheFix() {
        assertThatThrownBy(() -> Tables.dataset("data/penguins.csv", "species", "bill_length_mm", "body_mass_g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features: column \"bill_length_mm\" has 2 missing values, in rows [3, 271] (rows count from 0, "
                        + "the first data line after the header): drop those rows first, with table = "
                        + "table.dropRowsWithMissingValues() (rows missing any value) or table = "
                        + "table.dropWhere(table.column(\"bill_length_mm\").isMissing()) (this column only), or fill them, "
                        + "e.g. table.doubleColumn(\"bill_length_mm\").setMissingTo(43.92) (the column mean)");
        assertThatThrownBy(() -> Tables.dataset("data/penguins.csv", "species", "body_mass_g"))
                .hasMessageContaining("column \"body_mass_g\" has 2 missing values, in rows [3, 271]")
                .hasMessageContaining("table.intColumn(\"body_mass_g\").setMissingTo(4202)");
    }

    @Test
    void penguinsAfterDroppingMissingRows() {
        Table t = Tables.readCsv("data/penguins.csv").dropRowsWithMissingValues();
        Dataset p = Tables.dataset(t, "species", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g");
        assertThat(p.size()).isEqualTo(333);
        assertThat(p.labels().toString()).isEqualTo("{Adelie=0, Chinstrap=1, Gentoo=2}");
        assertThat(p.x().shape()).containsExactly(333, 4);
        // the suggested fill works too
        Table filled = Tables.readCsv("data/penguins.csv");
        filled.doubleColumn("bill_length_mm").setMissingTo(43.92);
        assertThat(Tables.features(filled, "bill_length_mm").get(3, 0)).isEqualTo(43.92);
        // and so does dropping the rows missing this column only
        Table t2 = Tables.readCsv("data/penguins.csv");
        t2 = t2.dropWhere(t2.column("bill_length_mm").isMissing());
        assertThat(Tables.features(t2, "bill_length_mm").shape()).containsExactly(342, 1);
    }

    @Test
    void aColumnThatDoesNotExistListsTheColumns() {
        assertThatThrownBy(() -> Tables.dataset("data/iris.csv", "species", "sepal_length", "petal length"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset: no column named \"petal length\" (did you mean \"petal_length\"?): the available "
                        + "columns are [sepal_length, sepal_width, petal_length, petal_width, species]");
        assertThatThrownBy(() -> Tables.dataset("data/iris.csv", "class"))
                .hasMessage("dataset: no column named \"class\": the available columns are "
                        + "[sepal_length, sepal_width, petal_length, petal_width, species]");
    }

    @Test
    void tablesawMatchesNamesIgnoringCaseAndSoDoWe() {
        Dataset iris = Tables.dataset("data/iris.csv", "Species");
        assertThat(iris.featureNames()).hasSize(4).doesNotContain("species");
        assertThat(iris.targetName()).isEqualTo("species");
    }

    @Test
    void textFeatureColumnsAreExplained() {
        Table t = Tables.readCsv("data/penguins.csv").dropRowsWithMissingValues();
        assertThatThrownBy(() -> Tables.dataset(t, "species", "bill_length_mm", "island"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features: column \"island\" holds text, not numbers (row 0 is \"Torgersen\"): choose numeric "
                        + "feature columns, or turn the categories into numbers first (Tables.labels + Tables.classIndices, "
                        + "then Labels.oneHot); the numeric columns are [bill_length_mm, bill_depth_mm, flipper_length_mm, "
                        + "body_mass_g, year]");
        // a column of numbers with one bad cell is read as text: name the bad row
        Table bad = Table.create("t", StringColumn.create("x", "1.5", "2", "n/a", "4"), DoubleColumn.create("y", 1, 2, 3, 4));
        assertThatThrownBy(() -> Tables.features(bad, "x"))
                .hasMessage("features: column \"x\" was read as text because row 2 holds \"n/a\", which is not a number: drop "
                        + "that row (table = table.dropRows(2)) or fix the value in the file, then read it again");
        assertThatThrownBy(() -> Tables.dataset(t, "species", "species"))
                .hasMessageContaining("the target column \"species\" is also listed as a feature");
    }

    @Test
    void numericTargetsStayNumbers() {
        Dataset d = Tables.dataset("data/diabetes.csv", "progression");
        assertThat(d.x().shape()).containsExactly(442, 10);
        assertThat(d.y().get(0)).isEqualTo(151.0);
        assertThat(d.hasLabels()).isFalse();
        assertThatThrownBy(d::labels)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("labels: this dataset's target \"progression\" has no class names (it was numeric): if it holds "
                        + "class indices 0..k-1, use Labels.fromIndices(data.y())");
        Dataset wine = Tables.dataset("data/wine.csv", "cultivar");
        assertThat(Labels.fromIndices(wine.y()).size()).isEqualTo(3);
        Dataset cancer = Tables.dataset("data/breast_cancer.csv", "diagnosis");
        assertThat(cancer.labels().toString()).isEqualTo("{benign=0, malignant=1}");
        assertThat(cancer.y().sum().item()).isEqualTo(212.0);
        Dataset engel = Tables.dataset("data/engel.csv", "foodexp");
        assertThat(engel.x().shape()).containsExactly(235, 1);
        assertThat(engel.targetAsColumn().y().shape()).containsExactly(235, 1);
    }

    @Test
    void aMissingFileSaysWhereItLooked() {
        String cwd = java.nio.file.Path.of("").toAbsolutePath().toString();
        assertThatThrownBy(() -> Tables.readCsv("../data/no_such_file.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("readCsv: no file \"../data/no_such_file.csv\" (looked for ")
                .hasMessageContaining("the working directory is " + cwd)
                .hasMessageEndingWith("a notebook in notebooks/ reads \"../data/no_such_file.csv\"");
    }

    @Test
    void featuresFromATableInTheOrderGiven() {
        Table t = Table.create("t", DoubleColumn.create("a", 1, 2), DoubleColumn.create("b", 10, 20));
        Tensor x = Tables.features(t, "b", "a");
        assertThat(x.toArray2d()).isEqualTo(new double[][] {{10, 1}, {20, 2}});
    }
}
