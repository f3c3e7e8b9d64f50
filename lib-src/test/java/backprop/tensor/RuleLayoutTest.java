package backprop.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teaching path reads like the math: in every op family's file, each op's backward rule (the lambda handed to
 * {@code Tensor.result} or {@code x.unary}) starts within 40 lines of the declaration of the method that computes
 * its forward pass, so both are on one screen; and no file of the teaching path imports the Vector API (that lives
 * in {@code backprop.tensor.kernels}).
 */
class RuleLayoutTest {
    private static final Path DIR = Path.of("lib-src/main/java/backprop/tensor");
    private static final Pattern METHOD = Pattern.compile("^    (?:(?:static|public|private|protected|final) )+[\\w<>\\[\\], ]+ \\w+\\(.*");
    private static final Pattern RULE = Pattern.compile("(?:Tensor\\.result|\\.unary)\\(");
    static final int MAX_LINES = 40;

    @ParameterizedTest
    @ValueSource(strings = {"Arithmetic", "Activations", "MatrixProduct", "ShapeOps", "Reductions", "Convolution",
        "Pooling", "Slicing", "Softmax"})
    void everyBackwardRuleStartsWithin40LinesOfItsForward(String family) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(family + ".java"));
        int method = -1;
        String name = null;
        List<String> far = new ArrayList<>();
        int rules = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (METHOD.matcher(line).matches() && !line.substring(0, line.indexOf('(')).contains("=")) {
                method = i;
                name = line.strip();
            }
            if (RULE.matcher(line).find()) {
                rules++;
                if (method < 0 || i - method > MAX_LINES) {
                    far.add(family + ".java:" + (i + 1) + " is " + (i - method) + " lines below " + name);
                }
            }
        }
        assertThat(rules).as("backward rules found in %s.java", family).isPositive();
        assertThat(far).as("backward rules more than %d lines below their method's declaration", MAX_LINES).isEmpty();
    }

    @Test
    void onlyTheKernelsImportTheVectorApi() throws IOException {
        Path root = Path.of("lib-src/main/java");
        Path kernels = DIR.resolve("kernels");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(kernels))
                    .filter(f -> read(f).contains("jdk.incubator.vector")).map(Path::toString).toList();
        }
        assertThat(offenders).as("files outside backprop.tensor.kernels naming the Vector API").isEmpty();
        try (Stream<Path> files = Files.list(kernels)) {
            assertThat(files.anyMatch(f -> read(f).contains("import jdk.incubator.vector"))).as("the kernels do use it").isTrue();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
