package backprop.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import backprop.train.History;

/** The example at the top of package-info.java, run as written. */
class PackageExampleTest {

    @Test
    void packageExampleRunsAndGivesADefaultSizeChart() {
        History history = new History();
        for (int epoch = 1; epoch <= 20; epoch++) {
            history.recordEpoch(1.0 / epoch, 1.2 / epoch);     // train and validation loss
        }
        BufferedImage img = Plots.lossCurves(history);
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        assertThat(history.toString()).startsWith("History(20 epochs, 0 steps)");
    }
}
