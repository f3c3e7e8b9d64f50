/**
 * Data for training: tables to tensors, splits, scaling and mini-batches.
 *
 * <pre>{@code
 * Dataset iris = Tables.dataset("../data/iris.csv", "species");      // 150 rows, 4 features, 3 classes
 * Split split = Split.of(iris, 0.7, 0.15, 0.15, 42);                 // 106 / 22 / 22 rows
 * Standardizer scaler = new Standardizer().fit(split.train());       // means and stds of the training rows
 * Dataset train = scaler.transform(split.train());
 * DataLoader loader = new DataLoader(train, 16, true, 42);           // 7 mini-batches: six of 16, one of 10
 * for (Batch b : loader) { }                                         // one epoch; b.x() is (16, 4), b.y() is (16)
 * }</pre>
 *
 * <p>After it, {@code iris.labels()} prints {@code {setosa=0, versicolor=1, virginica=2}},
 * {@code split} prints {@code Split(train 106, validation 22, test 22 rows)} and {@code loader}
 * prints {@code DataLoader(106 rows, batch 16, mini-batch: 7 batches per epoch, last has 10 rows;
 * shuffled, seed 42)}.
 *
 * <ul>
 * <li>{@link backprop.data.Dataset}: a feature tensor x (n, d) and a target tensor y (n), with the
 *     column and class names when they came from a table.</li>
 * <li>{@link backprop.data.DataLoader}: batches for one epoch per {@code for} loop. Batch size 1 is
 *     stochastic gradient descent, the dataset size is (full-)batch gradient descent, anything between
 *     is mini-batch gradient descent. Shuffled with a seed: epoch e uses {@code new Generator(seed + e)}.</li>
 * <li>{@link backprop.data.Split}: training / validation / test parts with a seed.</li>
 * <li>{@link backprop.data.Standardizer}: mean 0, std 1 per feature, with training statistics only.</li>
 * <li>{@link backprop.data.Labels}: class names and indices, one-hot encoding and the check that a
 *     model has one output per class.</li>
 * <li>{@link backprop.data.Tables}: the Tablesaw bridge, from a {@code Table} or a CSV file to
 *     tensors, with errors that name the column and row of a missing or non-numeric value.</li>
 * <li>{@link backprop.data.Synthetic}: made-up data with a known shape, such as two interleaving
 *     moons, for pictures of a decision boundary.</li>
 * </ul>
 *
 * <p>Relative paths are resolved against the working directory: a notebook runs in
 * {@code notebooks/}, so it reads {@code "../data/iris.csv"}.
 */
package backprop.data;
