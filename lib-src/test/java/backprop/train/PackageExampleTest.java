package backprop.train;

import backprop.data.DataLoader;
import backprop.data.Dataset;
import backprop.data.Split;
import backprop.data.Tables;
import backprop.nn.CrossEntropyLoss;
import backprop.nn.Linear;
import backprop.nn.Sequential;
import backprop.nn.Tanh;
import backprop.optim.SGD;
import backprop.tensor.Generator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the example that opens backprop/train/package-info.java and checks what the page says about it. */
class PackageExampleTest {

    @Test
    void theExampleTrainsAndPrintsWhatTheDocSays() throws IOException {
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            // example:begin
            Dataset iris = Tables.dataset("data/iris.csv", "species");
            Split split = Split.of(iris, 0.7, 0.3, 2);
            Sequential model = new Sequential(new Linear(4, 16, new Generator(1)), new Tanh(), new Linear(16, 3, new Generator(2)));
            History h = Trainer.fit(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1),
                    new DataLoader(split.train(), 16, true, 42), 50, split.validation());
            ConfusionMatrix cm = Metrics.confusionMatrix(model.forward(split.validation().x()), split.validation().y(), iris.labels());
            // example:end
            String progress = bytes.toString(StandardCharsets.UTF_8);
            String doc = Files.readString(Path.of("lib-src/main/java/backprop/train/package-info.java"));
            // the numbers the page quotes
            assertThat(h.epochs()).isEqualTo(50);
            assertThat(h.steps()).isEqualTo(350);
            assertThat(Trainer.fmt(h.trainLosses()[0])).isEqualTo("0.9695");
            assertThat(Trainer.fmt(h.trainLosses()[49])).isEqualTo("0.3217");
            assertThat(Trainer.fmt(h.valLosses()[0])).isEqualTo("0.8396");
            assertThat(Trainer.fmt(h.valLosses()[49])).isEqualTo("0.1706");
            assertThat(doc).contains("training loss fell from 0.9695 in the first epoch to 0.3217 in the last, the\n"
                    + " * validation loss from 0.8396 to 0.1706");
            // the progress line: redrawn with \r, closed with one newline, final numbers as quoted
            assertThat(progress).endsWith("\n").doesNotContain("\n\r");
            String last = progress.substring(progress.lastIndexOf('\r') + 1).stripTrailing();
            assertThat(last).matches("epoch 50/50  step 7/7  loss 0\\.3217  val_loss 0\\.1706  \\d+ steps/s");
            assertThat(doc).contains("{@code epoch 50/50  step 7/7  loss 0.3217  val_loss 0.1706  737 steps/s}");
            // the confusion matrix as printed on the page
            String table = doc.substring(doc.indexOf(" * ConfusionMatrix("), doc.indexOf(" * </pre>", doc.indexOf(" * ConfusionMatrix(")))
                    .replace(" * ", "").stripTrailing();
            assertThat(cm.toString()).isEqualTo(table);
            assertThat(cm.accuracy()).isEqualTo(h.metric("val_acc")[49]);
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void theDocShowsTheSameCode() throws IOException {
        List<String> doc = backprop.data.PackageExampleTest.docExample(Path.of("lib-src/main/java/backprop/train/package-info.java"));
        List<String> test = backprop.data.PackageExampleTest.between(
                Files.readAllLines(Path.of("lib-src/test/java/backprop/train/PackageExampleTest.java")), "// example:begin", "// example:end");
        assertThat(doc).isNotEmpty();
        assertThat(doc.stream().map(l -> l.replace("\"../data/", "\"data/")).toList()).isEqualTo(test);
    }
}
