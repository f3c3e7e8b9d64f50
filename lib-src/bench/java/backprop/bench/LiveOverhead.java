package backprop.bench;

import backprop.data.DataLoader;
import backprop.data.Dataset;
import backprop.data.Synthetic;
import backprop.nn.BCELoss;
import backprop.nn.Linear;
import backprop.nn.Sequential;
import backprop.nn.Sigmoid;
import backprop.nn.Tanh;
import backprop.optim.SGD;
import backprop.plot.LivePlot;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import backprop.train.Trainer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link LivePlot} costs a training run: the watched run of notebook 07 (the moons, 2 -> 16 tanh -> 1
 * sigmoid, mini-batches of 2, SGD at 0.003, 10,000 epochs), run without and with a live plot, alternating which
 * goes first from round to round so that load falls on both alike. The live plot's pictures are encoded as PNG
 * and base64, as a kernel's {@code display} does. The run's time with the live plot counts up to its final
 * picture (that picture is the one drawn after a run anyway); the overhead is the median over rounds of
 * (watched run / plain run), wall clock and the training thread's CPU time. One JSON line at the end for
 * bench/run.py.
 *
 * <pre>java -cp backprop-workbook.jar:bench-classes backprop.bench.LiveOverhead [rounds]</pre>
 */
public final class LiveOverhead {
    private static final int EPOCHS = 10000;
    private static final Dataset MOONS = Synthetic.moons(200, 0.15, 42);
    private static final Tensor X = MOONS.x();
    private static final Tensor Y = MOONS.y().reshape(-1, 1);

    private LiveOverhead() {
    }

    private static Sequential network() {
        return new Sequential(new Linear(2, 16, new Generator(1)), new Tanh(), new Linear(16, 1, new Generator(2)), new Sigmoid());
    }

    /** A kernel's display: the picture as PNG, then base64. */
    private static String send(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(png.toByteArray()).substring(0, 8);
    }

    /** One run; returns {wall s, cpu s, drawing s during the run, pictures}, without the final picture. */
    private static double[] run(boolean watched, int epochs) {
        Sequential net = network();
        Trainer trainer = new Trainer(net, new BCELoss(), new SGD(net.parameters(), 0.003)).progress(false);
        LivePlot live = null;
        if (watched) {
            live = new LivePlot(LiveOverhead::send, (id, image) -> send(image)).boundary(net::forward, X, MOONS.y());
            trainer.live(live);
        }
        Harness.Stopwatch clock = Harness.start();
        trainer.fit(new DataLoader(new Dataset(X, Y), 2, true, 42), epochs);
        Harness.Timing t = clock.stop();
        double last = live == null ? 0 : live.finalDrawSeconds();
        return new double[] {t.seconds() - last, t.cpuSeconds() - last, live == null ? 0 : live.runDrawSeconds(),
            live == null ? 0 : live.draws()};
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        run(true, 600);    // warm-up: the JIT compiles the training loop and the drawing code
        run(false, 600);
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        List<String> json = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double[] plain;
            double[] watched;
            if (r % 2 == 0) {
                plain = run(false, EPOCHS);
                watched = run(true, EPOCHS);
            } else {
                watched = run(true, EPOCHS);
                plain = run(false, EPOCHS);
            }
            wall.add(watched[0] / plain[0]);
            cpu.add(watched[1] / plain[1]);
            share.add(watched[2] / watched[0]);
            System.err.printf(Locale.ROOT, "live plot, round %d/%d: plain %.2f s (cpu %.2f), watched %.2f s (cpu %.2f), "
                    + "%d pictures, drawing %.2f s during the run%n", r + 1, rounds, plain[0], plain[1], watched[0], watched[1],
                    (int) watched[3], watched[2]);
            json.add(String.format(Locale.ROOT, "{\"plain_seconds\": %.4f, \"plain_cpu_seconds\": %.4f, \"watched_seconds\": %.4f, "
                            + "\"watched_cpu_seconds\": %.4f, \"draw_seconds\": %.4f, \"pictures\": %d}",
                    plain[0], plain[1], watched[0], watched[1], watched[2], (int) watched[3]));
        }
        System.out.printf(Locale.ROOT, "{\"workload\": \"live plot (notebook 07's watched run, %d epochs)\", \"rounds\": [%s], "
                        + "\"wall_ratio_median\": %.4f, \"cpu_ratio_median\": %.4f, \"draw_share_median\": %.4f, "
                        + "\"wall_ratios\": %s}%n", EPOCHS, String.join(", ", json), median(wall), median(cpu), median(share),
                Arrays.toString(wall.stream().mapToDouble(d -> Math.round(d * 1000) / 1000.0).toArray()));
    }
}
