package backprop.train;

import backprop.data.DataLoader;
import backprop.data.Dataset;
import backprop.data.Split;
import backprop.data.Standardizer;
import backprop.data.Tables;
import backprop.nn.CrossEntropyLoss;
import backprop.nn.Dropout;
import backprop.nn.Linear;
import backprop.nn.Loss;
import backprop.nn.MSELoss;
import backprop.nn.Module;
import backprop.nn.Sequential;
import backprop.nn.Tanh;
import backprop.optim.SGD;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {

    /** Standardised iris, split 70/30 with seed 1. */
    static Split iris() {
        Dataset iris = Tables.dataset("data/iris.csv", "species");
        Split split = Split.of(iris, 0.7, 0.3, 1);
        Standardizer s = new Standardizer().fit(split.train());
        return new Split(s.transform(split.train()), s.transform(split.validation()), split.test());
    }

    static Module mlp(long seed) {
        return new Sequential(new Linear(4, 16, new Generator(seed)), new Tanh(), new Linear(16, 3, new Generator(seed + 1)));
    }

    @Test
    void theOneHiddenLayerNetworkTrainsInFourLines() {
        Split data = iris();
        // the notebook's four lines (progress off here; a notebook leaves it on)
        Module model = new Sequential(new Linear(4, 16, new Generator(1)), new Tanh(), new Linear(16, 3, new Generator(2)));
        SGD opt = new SGD(model.parameters(), 0.1);
        History h = new Trainer(model, new CrossEntropyLoss(), opt).progress(false)
                .fit(new DataLoader(data.train(), 16, true, 42), 30, data.validation());

        assertThat(h.epochs()).isEqualTo(30);
        assertThat(h.steps()).isEqualTo(30 * 7);   // 105 rows, batches of 16 -> 7 steps per epoch
        assertThat(h.trainLosses()[0]).isGreaterThan(h.trainLosses()[29] * 3);
        assertThat(h.valLosses()[29]).isLessThan(0.3);
        assertThat(h.metric("val_acc")[29]).isGreaterThanOrEqualTo(0.9);
        assertThat(h.metric("train_acc")).hasSize(30);
        assertThat(java.util.Arrays.stream(h.stepLosses()).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void epochLossIsTheBatchSizeWeightedMeanOfItsSteps() {
        Split data = iris();
        Module model = mlp(3);
        History h = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.05)).progress(false)
                .fit(new DataLoader(data.train(), 50, true, 7), 2);
        double[] steps = h.stepLosses();   // 105 rows: batches of 50, 50, 5
        assertThat(steps).hasSize(6);
        assertThat(h.trainLosses()[1]).isEqualTo((50 * steps[3] + 50 * steps[4] + 5 * steps[5]) / 105);
        assertThat(h.hasValidation()).isFalse();
    }

    @Test
    void sameSeedsGiveTheSameHistoryDigitForDigit() {
        Split data = iris();
        History[] runs = new History[2];
        for (int r = 0; r < 2; r++) {
            Module model = new Sequential(new Linear(4, 16, new Generator(5)), new Tanh(), new Dropout(0.2, new Generator(9)), new Linear(16, 3, new Generator(6)));
            runs[r] = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1, 0.9)).progress(false)
                    .fit(new DataLoader(data.train(), 8, true, 11), 5, data.validation());
        }
        assertThat(runs[1].stepLosses()).containsExactly(runs[0].stepLosses());
        assertThat(runs[1].trainLosses()).containsExactly(runs[0].trainLosses());
        assertThat(runs[1].valLosses()).containsExactly(runs[0].valLosses());
        assertThat(runs[1].metric("val_acc")).containsExactly(runs[0].metric("val_acc"));
        // and another shuffle seed gives another run
        Module model = new Sequential(new Linear(4, 16, new Generator(5)), new Tanh(), new Dropout(0.2, new Generator(9)), new Linear(16, 3, new Generator(6)));
        History other = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1, 0.9)).progress(false)
                .fit(new DataLoader(data.train(), 8, true, 12), 5, data.validation());
        assertThat(other.stepLosses()).isNotEqualTo(runs[0].stepLosses());
    }

    @Test
    void aHugeLearningRateStopsAtTheFirstNonFiniteLoss() {
        // unscaled diabetes features (values up to ~300) and lr 1: the weights overflow within a few steps
        Dataset d = Tables.dataset("data/diabetes.csv", "progression").targetAsColumn();
        Module model = new Linear(10, 1, new Generator(4));
        Trainer trainer = new Trainer(model, new MSELoss(), new SGD(model.parameters(), 1.0)).progress(false);
        TrainingDivergedException e = null;
        try {
            trainer.fit(new DataLoader(d, 32, true, 1), 5);
        } catch (TrainingDivergedException caught) {
            e = caught;
        }
        assertThat(e).as("training should diverge").isNotNull();
        assertThat(e).isInstanceOf(IllegalStateException.class);
        long step = e.step();
        assertThat(step).isGreaterThan(1);
        assertThat(e.history().steps()).isEqualTo(step - 1);   // every step before the failing one was recorded
        double last = e.history().stepLosses()[(int) step - 2];
        assertThat(e.lastFiniteLoss()).isEqualTo(last);
        assertThat(e.getMessage())
                .startsWith("fit: the loss is ")
                .contains(" at step " + step + " (epoch " + ((step - 1) / 14 + 1) + ", batch " + ((step - 1) % 14 + 1)
                        + " of 14): training diverged; the last finite loss was "
                        + Trainer.fmt(last) + " at step " + (step - 1) + "; the model's weights were put back to those fit started with. Likely causes: the learning rate is too high (lr=1.0: try 10 times smaller)")
                .contains("exploding gradients (clip them: trainer.clipGradNorm(1.0)")
                .contains("the log of zero");
    }

    @Test
    void aNonFiniteGradientStopsTrainingAndNamesTheParameter() {
        // loss = mean(sqrt(x · wᵀ)) with w = 0: the loss is 0, but d sqrt(u)/du at u = 0 is infinite
        Tensor w = Tensor.zeros(1, 2).requiresGrad(true);
        Module model = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x.matmul(w.transpose());
            }

            @Override
            public Map<String, Tensor> namedParameters() {
                return Map.of("weight", w);
            }
        };
        Loss sqrtLoss = (input, target) -> input.sqrt().mean();
        Dataset d = new Dataset(Tensor.ones(4, 2), Tensor.zeros(4));
        assertThatThrownBy(() -> new Trainer(model, sqrtLoss, new SGD(model.parameters(), 0.1)).progress(false)
                .fit(new DataLoader(d, 4), 1))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("fit: the gradient of \"weight\" holds Infinity (the loss, 0.0000, was finite) at step 1 "
                        + "(epoch 1, batch 1 of 1): training diverged; the last finite loss was 0.0000 at step 1; the model's weights were put back to those fit started with. "
                        + "Likely causes:");
    }

    @Test
    void clippingKeepsTheSameRunFinite() {
        Dataset d = Tables.dataset("data/diabetes.csv", "progression").targetAsColumn();
        Module model = new Linear(10, 1, new Generator(4));
        // the same setup as above, with clipping and a small learning rate, stays finite
        History h = new Trainer(model, new MSELoss(), new SGD(model.parameters(), 1e-6)).progress(false).clipGradNorm(1.0)
                .fit(new DataLoader(d, 32, true, 1), 2);
        assertThat(java.util.Arrays.stream(h.stepLosses()).allMatch(Double::isFinite)).isTrue();
    }

    private static String run(Trainer t, int epochs, Dataset val, DataLoader loader, ByteArrayOutputStream bytes) {
        t.fit(loader, epochs, val);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void progressOffPrintsNothing() {
        Split data = iris();
        Module model = mlp(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String out = run(new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false)
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8)), 3, null, new DataLoader(data.train(), 16), bytes);
        assertThat(out).isEmpty();
    }

    @Test
    void progressIsOneLineRedrawnWithCarriageReturns() {
        Split data = iris();
        Module model = mlp(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        // a clock that moves 1 s per reading: every step and every epoch end is drawn
        Trainer t = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1))
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .clock(() -> now.addAndGet(1_000_000_000L));
        String out = run(t, 2, data.validation(), new DataLoader(data.train(), 50), bytes);
        assertThat(out).startsWith("\repoch 1/2  step 1/3  loss ").endsWith("\n");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        String[] draws = out.substring(1, out.length() - 1).split("\r");
        assertThat(draws).hasSize(2 * 3 + 2);   // 3 steps and 1 epoch end per epoch
        assertThat(draws[0]).matches("epoch 1/2  step 1/3  loss \\d+\\.\\d{4}  \\d+(\\.\\d)? steps/s");
        assertThat(draws[3].stripTrailing()).matches("epoch 1/2  step 3/3  loss \\d+\\.\\d{4}  val_loss \\d+\\.\\d{4}  \\d+(\\.\\d)? steps/s");
        assertThat(draws[7].stripTrailing()).matches("epoch 2/2  step 3/3  loss \\d+\\.\\d{4}  val_loss \\d+\\.\\d{4}  \\d+(\\.\\d)? steps/s");
        // a shorter line is padded with spaces so nothing of the longer one before it stays on screen
        assertThat(draws[4].length()).isEqualTo(draws[3].length());
    }

    @Test
    void progressIsNotRedrawnMoreOftenThanEvery100Milliseconds() {
        Split data = iris();
        Module model = mlp(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        // a clock that moves 30 ms per reading
        Trainer t = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1))
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .clock(() -> now.addAndGet(30_000_000L));
        String out = run(t, 20, null, new DataLoader(data.train(), 16), bytes);
        long draws = out.chars().filter(c -> c == '\r').count();
        long readings = 1 + 20 * (7 + 1);   // start, then each step and epoch end
        assertThat(draws).isLessThanOrEqualTo(readings * 30 / 100 + 1).isGreaterThan(10);
        assertThat(out).endsWith("\n").contains("\repoch 20/20  step 7/7  loss ");

        // a frozen clock: only the final line
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        Module m2 = mlp(1);
        String once = run(new Trainer(m2, new CrossEntropyLoss(), new SGD(m2.parameters(), 0.1))
                .output(new PrintStream(quiet, true, StandardCharsets.UTF_8)).clock(() -> 0L), 20, null,
                new DataLoader(data.train(), 16), quiet);
        assertThat(once).matches("\repoch 20/20  step 7/7  loss \\d+\\.\\d{4}\n");
    }

    @Test
    void anOptimizerForAnotherModelIsCaught() {
        Module model = mlp(1);
        Module other = mlp(2);
        assertThatThrownBy(() -> new Trainer(model, new CrossEntropyLoss(), new SGD(other.parameters(), 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trainer: the optimizer updates 4 tensors, none of them a parameter of this model, so training "
                        + "would change nothing: build the optimizer from this model, e.g. new SGD(model.parameters(), 0.1)");
    }

    @Test
    void aModelWithTheWrongNumberOfOutputsIsCaughtBeforeTraining() {
        Split data = iris();
        Module model = new Sequential(new Linear(4, 8, new Generator(1)), new Tanh(), new Linear(8, 2, new Generator(2)));
        assertThatThrownBy(() -> new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false)
                .fit(new DataLoader(data.train(), 16), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkOutputs: the model gives 2 outputs per row but the target has 3 classes "
                        + "{setosa=0, versicolor=1, virginica=2}: make the last layer Linear(hidden, 3): one output (logit) per class");
    }

    @Test
    void evaluateGivesTheLossOnAWholeDataset() {
        Split data = iris();
        Module model = mlp(1);
        Trainer t = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false);
        History h = t.fit(new DataLoader(data.train(), 16), 2, data.validation());
        assertThat(t.evaluate(data.validation())).isEqualTo(h.valLosses()[1]);
        assertThat(t.toString()).startsWith("Trainer(model ").endsWith(", progress off)");
    }
}
