package backprop.check;

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
 * Runs the example that opens backprop/check/package-info.java and checks that it prints what the
 * page says; the page's code must equal the lines between the markers below.
 */
class PackageExampleTest {
    static final Path DOC = Path.of("lib-src/main/java/backprop/check/package-info.java");
    static final Path SELF = Path.of("lib-src/test/java/backprop/check/PackageExampleTest.java");

    static String run() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            // example:begin
            GradCheck.Result good = GradCheck.check(xs -> xs[0].tanh().mul(xs[1]).sum(),
                    Tensor.randn(new Generator(1), 3, 2), Tensor.randn(new Generator(2), 3, 2));
            System.out.println(good.passed());
            // x * x.detach() hides one factor from autograd: its gradient comes out as x, not 2x
            System.out.println(GradCheck.run(xs -> xs[0].mul(xs[0].detach()).sum(), Tensor.of(1.5)));
            // example:end
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theExamplePrintsWhatTheDocSays() throws IOException {
        assertThat(run().lines().toList()).isEqualTo(block(DOC, "<pre>", "</pre>"));
    }

    @Test
    void theDocShowsTheSameCode() throws IOException {
        assertThat(block(DOC, "<pre>{@code", "}</pre>")).isEqualTo(block(SELF, "// example:begin", "// example:end"));
    }

    /** The lines between the first line equal to {@code open} and the next starting with {@code close}, Javadoc stars removed. */
    static List<String> block(Path file, String open, String close) throws IOException {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            l = l.startsWith("* ") ? l.substring(2) : l.equals("*") ? "" : l;
            if (!in && l.strip().equals(open)) {
                in = true;
            } else if (in && l.strip().startsWith(close)) {
                return out;
            } else if (in) {
                out.add(l.strip().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            }
        }
        throw new IllegalStateException(file + ": no block between '" + open + "' and '" + close + "'");
    }
}
