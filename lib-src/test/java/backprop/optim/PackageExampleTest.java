package backprop.optim;

import backprop.nn.Linear;
import backprop.nn.Loss;
import backprop.nn.MSELoss;
import backprop.nn.Module;
import backprop.nn.Sequential;
import backprop.nn.Tanh;
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
 * Runs the example that opens backprop/optim/package-info.java and checks that it prints what the
 * page says; the example's lines must equal the lines between the markers below.
 */
class PackageExampleTest {

    static String run() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            // example:begin
            Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
            Tensor y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
            Module model = new Sequential(new Linear(2, 8, new Generator(1)), new Tanh(), new Linear(8, 1, new Generator(2)));
            Loss lossFn = new MSELoss();
            Optimizer optimizer = new Adam(model.parameters(), 0.05);
            for (int step = 1; step <= 200; step++) {
                optimizer.zeroGrad();
                Tensor loss = lossFn.forward(model.forward(x), y);
                loss.backward();
                optimizer.step();
                if (step == 1 || step % 50 == 0) {
                    System.out.printf("step %3d  loss %.4g%n", step, loss.item());
                }
            }
            System.out.println(optimizer);
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
        List<String> expected = block(Path.of("lib-src/main/java/backprop/optim/package-info.java"), "<pre>", "</pre>");
        assertThat(printed.lines().toList()).isEqualTo(expected);
    }

    @Test
    void theDocShowsTheSameCode() throws IOException {
        List<String> doc = block(Path.of("lib-src/main/java/backprop/optim/package-info.java"), "<pre>{@code", "}</pre>")
                .stream().map(String::strip).toList();
        List<String> test = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of("lib-src/test/java/backprop/optim/PackageExampleTest.java"))) {
            String l = line.strip();
            if (l.equals("// example:begin")) {
                in = true;
            } else if (l.equals("// example:end")) {
                break;
            } else if (in) {
                test.add(l);
            }
        }
        assertThat(doc).isNotEmpty().isEqualTo(test);
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
                out.add(l.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            }
        }
        return out;
    }
}
