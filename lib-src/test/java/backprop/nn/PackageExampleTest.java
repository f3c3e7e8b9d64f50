package backprop.nn;

import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example that opens backprop/nn/package-info.java and checks that it prints what the
 * page says; the example's lines must equal the lines between the markers below.
 */
class PackageExampleTest {

    static String run() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            // example:begin
            Module model = new Sequential(new Linear(2, 8, new Generator(1)), new Tanh(), new Linear(8, 1, new Generator(2)));
            Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
            Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
            Tensor loss = new MSELoss().forward(model.forward(x), y);
            loss.backward();
            System.out.println(loss);
            System.out.println(model.parameters().get(2).grad());
            // example:end
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theExamplePrintsWhatTheDocSays() throws IOException {
        String printed = run();
        System.out.print(printed);
        List<String> expected = docPrinted(Path.of("lib-src/main/java/backprop/nn/package-info.java"));
        assertThat(printed.lines().toList()).isEqualTo(expected);
    }

    @Test
    void theDocShowsTheSameCode() throws IOException {
        assertThat(docExample(Path.of("lib-src/main/java/backprop/nn/package-info.java"))).isEqualTo(
                between(Files.readAllLines(Path.of("lib-src/test/java/backprop/nn/PackageExampleTest.java")),
                        "// example:begin", "// example:end"));
    }

    /** The code lines inside the first {@code <pre>{@code ... }</pre>} of a Javadoc comment, trimmed. */
    static List<String> docExample(Path file) throws IOException {
        return block(file, "<pre>{@code", "}</pre>");
    }

    /** The lines of the second block, {@code <pre>} ... {@code </pre>}: what the example prints. */
    static List<String> docPrinted(Path file) throws IOException {
        return block(file, "<pre>", "</pre>");
    }

    private static List<String> block(Path file, String open, String close) throws IOException {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            l = l.startsWith("* ") ? l.substring(2) : l.startsWith("*") ? l.substring(1) : l;
            if (!in && l.strip().equals(open)) {
                in = true;
            } else if (in && l.strip().startsWith(close)) {
                break;
            } else if (in) {
                out.add(open.equals("<pre>") ? l.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                        : l.strip());
            }
        }
        return out;
    }

    static List<String> between(List<String> lines, String begin, String end) {
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
