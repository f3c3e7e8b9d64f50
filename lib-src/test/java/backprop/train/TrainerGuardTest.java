package backprop.train;

import backprop.data.DataLoader;
import backprop.data.Dataset;
import backprop.data.Tables;
import backprop.nn.CrossEntropyLoss;
import backprop.nn.Linear;
import backprop.nn.Loss;
import backprop.nn.MSELoss;
import backprop.nn.Module;
import backprop.nn.Reduction;
import backprop.optim.SGD;
import backprop.tensor.ShapeMismatchException;
import backprop.tensor.Generator;
import backprop.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** fit names a mistake before training when it can, and a diverged run does not leave blown-up weights behind. */
class TrainerGuardTest {
    private static Map<String, double[]> values(Module m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((name, t) -> out.put(name, t.toArray()));
        return out;
    }

    private static Dataset classes(int rows, int badRow, double badLabel) {
        double[] x = new double[rows * 4];
        double[] y = new double[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        for (int i = 0; i < rows; i++) {
            y[i] = i % 3;
        }
        if (badRow >= 0) {
            y[badRow] = badLabel;
        }
        return new Dataset(Tensor.of(x, rows, 4), Tensor.of(y));
    }

    @Test
    void aDivergedRunPutsTheWeightsBackSoTheModelCanBeTrainedAgain() {
        Dataset d = Tables.dataset("data/diabetes.csv", "progression").targetAsColumn();
        Module model = new Linear(10, 1, new Generator(4));
        Map<String, double[]> start = values(model);
        assertThatThrownBy(() -> new Trainer(model, new MSELoss(), new SGD(model.parameters(), 1.0)).progress(false)
                .fit(new DataLoader(d, 32, true, 1), 5))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("; the model's weights were put back to those fit started with. Likely causes:")
                .hasMessageEndingWith("To train again, build a new optimizer (its running averages saw the diverged gradients)");
        assertThat(values(model)).usingRecursiveComparison().isEqualTo(start);
        History again = new Trainer(model, new MSELoss(), new SGD(model.parameters(), 1e-6)).progress(false)
                .fit(new DataLoader(d, 32, true, 1), 2);
        assertThat(java.util.Arrays.stream(again.trainLosses()).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void aDivergenceAfterGoodEpochsKeepsTheBestEpochsWeights() {
        // a loss that is fine for two epochs, then infinite: the weights after the better epoch come back
        Module model = new Linear(4, 1, new Generator(3));
        int[] calls = {0};
        Loss turnsBad = (input, target) -> ++calls[0] > 1 + 2 * 2 ? input.sum().div(0.0) : input.sub(target).square().mean();
        Dataset d = new Dataset(Tensor.ones(8, 4), Tensor.ones(8, 1));
        Trainer trainer = new Trainer(model, turnsBad, new SGD(model.parameters(), 0.01)).progress(false);
        assertThatThrownBy(() -> trainer.fit(new DataLoader(d, 4), 3))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("at step 5 (epoch 3, batch 1 of 2)")
                .hasMessageContaining("; the model's weights were put back to those after epoch 2 (training loss ");
        // the fit's first check (one forward and loss) used call 1; steps used calls 2..5
        Module twin = new Linear(4, 1, new Generator(3));
        new Trainer(twin, new MSELoss(), new SGD(twin.parameters(), 0.01)).progress(false).fit(new DataLoader(d, 4), 2);
        assertThat(values(model)).usingRecursiveComparison().isEqualTo(values(twin));
    }

    @Test
    void weightsThatAreAlreadyNaNAreNamedBeforeTraining() {
        Linear model = new Linear(4, 3, new Generator(1));
        model.weight().dataForUpdate()[2] = Double.NaN;
        assertThatThrownBy(() -> new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false)
                .fit(new DataLoader(classes(12, -1, 0), 4), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fit: parameter \"weight\" holds NaN before training starts: an earlier run that diverged (or a "
                        + "value set by hand) left it so, and no step can recover from it: rebuild the model, or load a "
                        + "saved state with model.loadStateDict(saved), then train again");
    }

    @Test
    void aLabelOutOfRangeIsNamedByItsRowInTheDataSetBeforeTraining() {
        Linear model = new Linear(4, 3, new Generator(1));
        Map<String, double[]> start = values(model);
        assertThatThrownBy(() -> new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false)
                .fit(new DataLoader(classes(50, 37, 7), 8, true, 1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: row 37 of the training data has label 7, but the model has 3 outputs (classes 0..2): give "
                        + "the last layer one output per class (8 if labels go up to 7), or renumber the labels from 0");
        assertThat(values(model)).usingRecursiveComparison().isEqualTo(start);
        assertThatThrownBy(() -> new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false)
                .fit(new DataLoader(classes(50, -1, 0), 8, true, 1), 3, classes(10, 4, 1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: row 4 of the validation data has label 1.5, not a class index (a whole number in 0..2): "
                        + "CrossEntropyLoss takes class indices; for probabilities of one class use BCEWithLogitsLoss");
    }

    @Test
    void aValidationSetThatDoesNotFitIsNamedBeforeTheFirstEpoch() {
        Linear model = new Linear(4, 3, new Generator(1));
        Trainer trainer = new Trainer(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1)).progress(false);
        DataLoader train = new DataLoader(classes(20, -1, 0), 5);
        Dataset threeFeatures = new Dataset(Tensor.zeros(10, 3), Tensor.zeros(10));
        assertThatThrownBy(() -> trainer.fit(train, 2, threeFeatures)).isInstanceOf(ShapeMismatchException.class)
                .hasMessage("fit: the validation set's rows have shape [3] but the training rows [4] (x [10, 3] and "
                        + "[20, 4]): build both from the same data (e.g. Split.of(data, 0.8, 0.2, seed)), with the same "
                        + "columns and the same Standardizer");
        Dataset columnTargets = new Dataset(Tensor.zeros(10, 4), Tensor.zeros(10, 1));
        assertThatThrownBy(() -> trainer.fit(train, 2, columnTargets)).isInstanceOf(ShapeMismatchException.class)
                .hasMessage("fit: the validation targets have shape [10, 1] but the training targets [20] (one [] per "
                        + "row): build both from the same data (e.g. Split.of(data, 0.8, 0.2, seed)), with the same "
                        + "columns and the same Standardizer");
        Dataset empty = new Dataset(Tensor.zeros(0, 4), Tensor.zeros(0));
        assertThatThrownBy(() -> trainer.fit(train, 2, empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: the validation set has no rows, so every validation loss would be NaN: pass null for "
                        + "no validation, or give it rows (e.g. Split.of(data, 0.8, 0.2, seed))");
    }

    @Test
    void anUnreducedLossIsNamedBeforeTraining() {
        Linear model = new Linear(4, 3, new Generator(1));
        assertThatThrownBy(() -> new Trainer(model, new CrossEntropyLoss(Reduction.NONE), new SGD(model.parameters(), 0.1))
                .progress(false).fit(new DataLoader(classes(20, -1, 0), 5), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fit: the loss CrossEntropyLoss(reduction=NONE) returns shape [2] for 2 rows, one value per "
                        + "element instead of one number: Reduction.NONE is for looking at each sample's loss; train with "
                        + "Reduction.MEAN (the default), e.g. new CrossEntropyLoss()");
    }

    @Test
    void aNaNValidationLossIsReportedAsSuch() {
        // the log of a target of 0 times 0 is NaN: finite on the training targets (1), NaN on the validation ones (0)
        Loss loss = (input, target) -> input.sub(target).square().mean().add(target.log().mul(0.0).mean());
        Module model = new Linear(2, 1, new Generator(1));
        Dataset train = new Dataset(Tensor.ones(6, 2), Tensor.ones(6, 1));
        Dataset val = new Dataset(Tensor.ones(3, 2), Tensor.zeros(3, 1));
        TrainingDivergedException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingDivergedException.class,
                () -> new Trainer(model, loss, new SGD(model.parameters(), 0.1)).progress(false)
                        .fit(new DataLoader(train, 3), 4, val));
        assertThat(e.getMessage()).startsWith("fit: the validation loss is NaN after epoch 1 while the training loss is "
                + "finite (").contains("the validation targets differ in kind from the training targets");
        assertThat(e.history().epochs()).isEqualTo(1);
        assertThat(e.history().trainLosses()[0]).isFinite();
    }
}
