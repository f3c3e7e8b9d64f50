/**
 * Training in a few lines: {@link backprop.train.Trainer}, its {@link backprop.train.History},
 * and {@link backprop.train.Metrics} for classifiers.
 *
 * <pre>{@code
 * Dataset iris = Tables.dataset("../data/iris.csv", "species");
 * Split split = Split.of(iris, 0.7, 0.3, 2);
 * Sequential model = new Sequential(new Linear(4, 16, new Generator(1)), new Tanh(), new Linear(16, 3, new Generator(2)));
 * History h = Trainer.fit(model, new CrossEntropyLoss(), new SGD(model.parameters(), 0.1),
 *         new DataLoader(split.train(), 16, true, 42), 50, split.validation());
 * ConfusionMatrix cm = Metrics.confusionMatrix(model.forward(split.validation().x()), split.validation().y(), iris.labels());
 * }</pre>
 *
 * <p>While it runs, one line is redrawn in place; it ends as
 * {@code epoch 50/50  step 7/7  loss 0.3217  val_loss 0.1706  737 steps/s} (the rate depends on the
 * machine). The training loss fell from 0.9695 in the first epoch to 0.3217 in the last, the
 * validation loss from 0.8396 to 0.1706, and {@code cm} prints:
 * <pre>
 * ConfusionMatrix(3 classes, 45 rows, accuracy 0.9778; rows: true class, columns: predicted)
 *                 setosa  versicolor   virginica
 * setosa              15           0           0
 * versicolor           0          12           1
 * virginica            0           0          17
 * </pre>
 *
 * <p>{@code Trainer.fit} runs forward, loss, backward and update for every mini-batch of every
 * epoch, keeps the losses in a {@code History} (for {@code Plots}), shows one progress line and
 * stops with a {@link backprop.train.TrainingDivergedException} at the first NaN or infinite loss
 * or gradient, saying which step and what to try. Writing that loop by hand is worth doing once;
 * the notebooks do it before they use {@code fit}.
 */
package backprop.train;
