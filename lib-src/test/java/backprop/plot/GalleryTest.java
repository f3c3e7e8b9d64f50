package backprop.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Writes every picture, drawn from the fixed inputs in {@link Examples}, to target/gallery/NAME.png
 * so a person can look at them all: {@code mvn test -Dtest=GalleryTest} (also runs with the whole suite).
 */
class GalleryTest {

    @Test
    void writesEveryPictureToTargetGallery() throws Exception {
        Path dir = Path.of("target", "gallery");
        Files.createDirectories(dir);
        for (Map.Entry<String, Supplier<BufferedImage>> e : Examples.all().entrySet()) {
            Path file = Plots.save(e.getValue().get(), dir.resolve(e.getKey() + ".png").toString());
            assertThat(file).exists();
            assertThat(Files.size(file)).as(e.getKey()).isGreaterThan(2000);
        }
    }
}
