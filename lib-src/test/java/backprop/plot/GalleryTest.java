package backprop.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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
        for (String name : Examples.all().keySet()) {
            Path file = Plots.save(Examples.rendered(name), dir.resolve(name + ".png").toString());
            assertThat(file).exists();
            assertThat(Files.size(file)).as(name).isGreaterThan(2000);
        }
    }
}
