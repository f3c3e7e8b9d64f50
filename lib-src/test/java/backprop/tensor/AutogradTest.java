package backprop.tensor;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's contract: when backward may run, what it fills in, what it releases, and no-grad scopes. */
class AutogradTest {
    private static Tensor x() {
        return Tensor.of(1.0, -2.0, 3.0).requiresGrad(true);
    }

    @Test
    void backwardOnANonScalarNeedsAGradient() {
        Tensor y = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true).mul(2.0);
        assertThatThrownBy(y::backward).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backward: output has shape [2, 3], not a scalar, so the starting gradient is ambiguous: "
                        + "reduce it first (e.g. y.sum().backward()) or pass the gradient of the same shape, "
                        + "y.backward(Tensor.ones(2, 3))");
        y.backward(Tensor.ones(2, 3));   // what the message suggests works
    }

    @Test
    void aOneElementTensorCountsAsScalar() {
        Tensor w = Tensor.of(new double[] {3}, 1, 1).requiresGrad(true);
        w.mul(w).backward();
        assertThat(w.grad()).isEqualTo(Tensor.of(new double[] {6}, 1, 1));
    }

    @Test
    void backwardTwiceThroughAReleasedGraphFailsAndChangesNothing() {
        Tensor x = x();
        Tensor loss = x.mul(x).sum();
        loss.backward();
        Tensor before = x.grad();
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: the graph behind this tensor was already used and released by an earlier "
                        + "backward(): recompute the forward pass, or pass retainGraph=true to the first backward");
        assertThat(x.grad()).isEqualTo(before);
    }

    @Test
    void aNewLossThroughAReleasedPartFailsBeforeTouchingAnyGradient() {
        Tensor x = x();
        Tensor y = Tensor.of(0.5, 0.5, 0.5).requiresGrad(true);
        Tensor h = x.mul(2.0);
        h.sum().backward();                              // releases h's graph
        Tensor xGrad = x.grad();
        Tensor second = h.mul(3.0).add(x.mul(y)).sum();   // reaches x and y, and the released h
        assertThatThrownBy(second::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: part of this graph (Mul, shape [3]) was already released by an earlier "
                        + "backward(): recompute the forward pass, or pass retainGraph=true to the first backward");
        assertThat(x.grad()).isEqualTo(xGrad);           // not half-updated
        assertThat(y.hasGrad()).isFalse();
    }

    @Test
    void aSeedOfTheWrongShapeChangesNothing() {
        Tensor x = x();
        Tensor y = x.mul(x);
        assertThatThrownBy(() -> y.backward(Tensor.ones(2))).isInstanceOf(ShapeMismatchException.class)
                .hasMessage("backward: gradient has shape [2] but the output has shape [3]: "
                        + "pass a gradient of the output's shape");
        assertThat(x.hasGrad()).isFalse();
        y.backward(Tensor.ones(3));                      // the graph is still intact
        assertThat(x.grad()).isEqualTo(Tensor.of(2.0, -4.0, 6.0));
    }

    @Test
    void retainGraphAllowsASecondBackwardAndGradientsAdd() {
        Tensor x = x();
        Tensor loss = x.mul(x).sum();
        loss.backward(Tensor.scalar(1.0), true);
        assertThat(x.grad()).isEqualTo(Tensor.of(2.0, -4.0, 6.0));
        loss.backward(Tensor.scalar(1.0), true);
        assertThat(x.grad()).isEqualTo(Tensor.of(4.0, -8.0, 12.0));
        assertThat(loss.inputs()).hasSize(1);            // still there, e.g. to draw it
        loss.backward();                                 // the last one may release
        assertThat(x.grad()).isEqualTo(Tensor.of(6.0, -12.0, 18.0));
        assertThat(loss.inputs()).isEmpty();
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor w = x();
        w.mul(3.0).sum().backward();
        w.square().sum().backward();
        assertThat(w.grad()).isEqualTo(Tensor.of(3 + 2.0, 3 - 4.0, 3 + 6.0));
        w.zeroGrad();
        assertThat(w.grad()).isEqualTo(Tensor.zeros(3));
        w.mul(3.0).sum().backward();
        assertThat(w.grad()).isEqualTo(Tensor.full(3.0, 3));
    }

    @Test
    void zeroGradBeforeAnyBackwardIsHarmless() {
        Tensor w = x();
        w.zeroGrad();
        assertThat(w.hasGrad()).isFalse();
    }

    @Test
    void intermediateGradientsStartFromZeroEachPass() {
        Tensor x = x();
        Tensor h = x.mul(2.0);
        Tensor loss = h.sum();
        loss.backward(Tensor.scalar(1.0), true);
        loss.backward(Tensor.scalar(1.0), true);
        assertThat(h.grad()).isEqualTo(Tensor.ones(3));           // this pass's ∂loss/∂h
        assertThat(x.grad()).isEqualTo(Tensor.full(4.0, 3));     // the leaf adds both passes
    }

    @Test
    void gradOnATensorThatDoesNotRequireGradSaysWhatToDo() {
        Tensor c = Tensor.of(1.0, 2.0);
        assertThatThrownBy(c::grad).isInstanceOf(IllegalStateException.class)
                .hasMessage("grad: this tensor does not require grad, so no gradient is computed for it: "
                        + "call requiresGrad(true) on it before the forward pass");
        assertThatThrownBy(() -> x().grad()).isInstanceOf(IllegalStateException.class)
                .hasMessage("grad: no gradient yet: call backward() on a result computed from this tensor first "
                        + "(hasGrad() tells whether there is one)");
        assertThatThrownBy(() -> c.mul(2.0).sum().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: this tensor does not depend on any tensor that requires grad: call "
                        + "requiresGrad(true) on the inputs or parameters before the forward pass");
    }

    @Test
    void onlyLeavesCanBeMarkedOrUpdatedInPlace() {
        Tensor y = x().mul(2.0);
        assertThatThrownBy(() -> y.requiresGrad(true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("requiresGrad: this tensor was computed by Mul and already takes part in the graph: "
                        + "call requiresGrad(true) on the leaf tensors it was made from, or detach().requiresGrad(true) "
                        + "for a fresh leaf");
        assertThatThrownBy(y::dataForUpdate).isInstanceOf(IllegalStateException.class)
                .hasMessage("dataForUpdate: this tensor was computed by Mul; only leaf tensors (inputs and "
                        + "parameters) may be updated in place");
        assertThat(y.detach().requiresGrad(true).requiresGrad()).isTrue();
    }

    /** An update between forward and backward would make backward use the new values: refused, as in PyTorch. */
    @Test
    void anInPlaceUpdateBeforeBackwardIsRefused() {
        Tensor w = x();
        Tensor loss = w.mul(w).sum();
        w.dataForUpdate()[0] = 5;   // the step taken too early
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: an input of Mul (shape [3]) was changed in place by dataForUpdate() after the "
                        + "forward pass, so the values saved for the gradient are stale: update parameters only after "
                        + "backward(), then run the forward pass again");
        assertThat(w.hasGrad()).isFalse();
        Tensor again = w.mul(w).sum();   // the forward pass after the update is fine
        again.backward();
        assertThat(w.grad()).isEqualTo(Tensor.of(10.0, -4.0, 6.0));
        w.dataForUpdate()[0] = 1;        // and updating after backward, as optimisers do, is the normal order
        assertThat(w.mul(2.0).sum().item()).isEqualTo(2 * (1 - 2 + 3));
    }

    /** Backward cannot tell which of two parameters was updated too early, so it names the shapes of both. */
    @Test
    void theRefusalNamesEveryParameterThatCouldHaveChanged() {
        Tensor weights = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor scale = Tensor.of(0.5, 1.0, 2.0).requiresGrad(true);
        Tensor loss = weights.mul(scale).sum();
        scale.dataForUpdate()[1] = 3;
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("backward: an input of Mul (shape [2, 3] or [3]) was changed in place");
        assertThat(weights.hasGrad()).isFalse();
        assertThat(scale.hasGrad()).isFalse();
    }

    @Test
    void constantsOnlyRecordNothing() {
        Tensor a = Tensor.of(1.0, 2.0);
        Tensor y = a.mul(a).exp().sum();
        assertThat(y.gradFn()).isNull();
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.inputs()).isEmpty();
    }

    @Test
    void detachStopsGradientsAndCopiesValues() {
        Tensor x = x();
        Tensor d = x.detach();
        assertThat(d).isEqualTo(x);
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.gradFn()).isNull();
        x.mul(d).sum().backward();          // d is a constant: ∂(x·d)/∂x = d, not 2x
        assertThat(x.grad()).isEqualTo(Tensor.of(1.0, -2.0, 3.0));
        Tensor y = x.mul(3.0);
        assertThat(y.detach().gradFn()).isNull();
        assertThat(y.detach()).isEqualTo(y);
    }

    @Test
    void noGradRecordsNothingNestsAndRestores() {
        Tensor x = x();
        assertThat(x.mul(2.0).requiresGrad()).isTrue();
        try (var outer = Tensor.noGrad()) {
            Tensor y = x.mul(2.0).exp().sum();
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.gradFn()).isNull();
            assertThat(y.inputs()).isEmpty();
            assertThat(y.item()).isCloseTo(Math.exp(2) + Math.exp(-4) + Math.exp(6), org.assertj.core.data.Offset.offset(1e-9));
            try (var inner = Tensor.noGrad()) {
                assertThat(x.mul(2.0).requiresGrad()).isFalse();
                assertThat(inner.toString()).isEqualTo("NoGrad(open)");
            }
            assertThat(x.mul(2.0).requiresGrad()).as("closing the inner scope keeps the outer one").isFalse();
            outer.close();
            assertThat(outer.toString()).isEqualTo("NoGrad(closed)");
            assertThat(x.mul(2.0).requiresGrad()).isTrue();
        }   // closing again (by try) is harmless
        assertThat(x.mul(2.0).requiresGrad()).isTrue();
        assertThat(x.hasGrad()).isFalse();
    }

    @Test
    void noGradIsRestoredWhenTheScopeThrows() {
        Tensor x = x();
        assertThatThrownBy(() -> {
            try (var scope = Tensor.noGrad()) {
                x.reshape(5);
            }
        }).isInstanceOf(ShapeMismatchException.class);
        assertThat(x.mul(2.0).requiresGrad()).isTrue();
    }

    @Test
    void noGradBelongsToItsThread() throws InterruptedException {
        Tensor x = x();
        boolean[] otherThreadRecords = new boolean[1];
        try (var scope = Tensor.noGrad()) {
            Thread t = new Thread(() -> otherThreadRecords[0] = x.mul(2.0).requiresGrad());
            t.start();
            t.join();
        }
        assertThat(otherThreadRecords[0]).isTrue();
    }

    @Test
    void backwardReleasesTheGraphSoIntermediatesCanBeCollected() {
        Tensor x = x();
        Tensor h = x.mul(2.0).tanh();
        WeakReference<Tensor> intermediate = new WeakReference<>(h);
        Tensor loss = h.sum();
        h = null;
        loss.backward();
        assertThat(collected(intermediate)).as("loss no longer holds its inputs after backward()").isTrue();

        Tensor kept = x.mul(2.0).tanh();
        WeakReference<Tensor> retained = new WeakReference<>(kept);
        Tensor loss2 = kept.sum();
        kept = null;
        loss2.backward(Tensor.scalar(1.0), true);
        assertThat(collected(retained)).as("retainGraph keeps them").isFalse();
        assertThat(loss2.inputs()).hasSize(1);
    }

    private static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        return ref.get() == null;
    }

    /** 10⁵ training-like steps (forward, backward, zeroGrad) must not grow the heap: each graph is released. */
    @Test
    void aLongTrainingLoopKeepsTheHeapFlat() {
        Tensor w = Tensor.randn(new Generator(1), 2, 2).requiresGrad(true);
        Tensor input = Tensor.randn(new Generator(2), 3, 2);
        Tensor lastLoss = null;
        long[] used = new long[4];
        int[] checkpoints = {1_000, 10_000, 50_000, 100_000};
        int next = 0;
        for (int step = 1; step <= 100_000; step++) {
            Tensor loss = input.matmul(w).tanh().square().sum();
            loss.backward();
            try (var scope = Tensor.noGrad()) {
                double[] p = w.dataForUpdate();
                double[] g = w.gradData();
                for (int i = 0; i < p.length; i++) {
                    p[i] -= 0.01 * g[i];
                }
            }
            w.zeroGrad();
            lastLoss = loss;   // a caller holding the last loss must not hold every step's graph
            if (step == checkpoints[next]) {
                used[next++] = usedHeapAfterGc();
            }
        }
        System.out.printf(Locale.ROOT, "AutogradTest: used heap after GC at steps 1e3/1e4/5e4/1e5: %.2f / %.2f / %.2f / %.2f MB%n",
                used[0] / 1e6, used[1] / 1e6, used[2] / 1e6, used[3] / 1e6);
        assertThat(lastLoss.item()).isFinite();
        assertThat(used[3] - used[1]).as("heap growth from step 10⁴ to 10⁵ (bytes)").isLessThan(4_000_000L);
        assertThat(used[3] - used[0]).as("heap growth from step 10³ to 10⁵ (bytes)").isLessThan(8_000_000L);
    }

    /**
     * A learner's history list that keeps every loss tensor (PyTorch's classic leak) holds only the
     * losses themselves here, not their graphs: backward() released them.
     */
    @Test
    void keepingEveryLossAfterBackwardDoesNotKeepTheirGraphs() {
        Tensor w = Tensor.randn(new Generator(1), 2, 2).requiresGrad(true);
        Tensor input = Tensor.randn(new Generator(2), 3, 2);
        java.util.List<Tensor> history = new java.util.ArrayList<>();
        int steps = 20_000;
        long before = 0;
        for (int step = 0; step < steps; step++) {
            if (step == 1_000) {
                before = usedHeapAfterGc();
            }
            Tensor loss = input.matmul(w).tanh().square().sum();
            loss.backward();
            w.zeroGrad();
            history.add(loss);
        }
        long perLoss = (usedHeapAfterGc() - before) / (steps - 1_000);
        System.out.printf(Locale.ROOT, "AutogradTest: a kept loss costs %d bytes after backward()%n", perLoss);
        assertThat(history).hasSize(steps);
        // a released 0-d loss is ~150 bytes; one that still held its 4-op graph would be over 1 KB
        assertThat(perLoss).isLessThan(400L);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    /** A 10⁵-long chain c = c + b: the topological sort is iterative, so backward does not overflow the stack. */
    @Test
    void aVeryLongChainBackpropagatesWithoutStackOverflow() {
        Tensor a = Tensor.randn(new Generator(51), 2, 2).requiresGrad(true);
        Tensor b = Tensor.randn(new Generator(52), 2, 2).requiresGrad(true);
        Tensor c = a;
        for (int i = 0; i < 100_000; i++) {
            c = c.add(b);
        }
        c.sum().backward();
        assertThat(a.grad()).isEqualTo(Tensor.ones(2, 2));
        assertThat(b.grad()).isEqualTo(Tensor.full(100_000.0, 2, 2));

        Value v = new Value(0.5);
        Value acc = v;
        for (int i = 0; i < 100_000; i++) {
            acc = acc.add(v);
        }
        acc.backward();
        assertThat(v.grad()).isEqualTo(100_001.0);
    }

    @Test
    void valueGradientsAccumulateAndKeepTheirGraph() {
        Value a = new Value(2.0, "a");
        Value b = new Value(-3.0, "b");
        Value y = a.mul(b).add(a).name("y");
        y.backward();
        assertThat(a.grad()).isEqualTo(-2.0);   // b + 1
        assertThat(b.grad()).isEqualTo(2.0);    // a
        y.backward();
        assertThat(a.grad()).isEqualTo(-4.0);
        assertThat(y.grad()).isEqualTo(1.0);    // the root restarts at 1 each pass
        a.zeroGrad();
        assertThat(a.grad()).isZero();
        assertThat(y.inputs()).hasSize(2);
        assertThat(y.op()).isEqualTo("+");
        assertThat(y.toString()).isEqualTo("Value(y: data=-4.0000, grad=1.0000)");
        assertThat(a.toString()).isEqualTo("Value(a: data=2.0000, grad=0.0000)");
        assertThat(a.pow(2).op()).isEqualTo("^2");
        assertThat(a.pow(-0.5).op()).isEqualTo("^-0.5");
        assertThat(new Value(0.00015).toString()).isEqualTo("Value(data=0.0001, grad=0.0000)");   // as Python rounds
    }

    @Test
    void opsNeverChangeTheirInputs() {
        Tensor x = Tensor.of(new double[] {0.5, -1, 2, 3, -4, 5}, 2, 3).requiresGrad(true);
        Tensor y = Tensor.of(1.0, 2.0, 3.0);
        Tensor xBefore = x.detach();
        Tensor yBefore = y.detach();
        Tensor z = x.add(y).sub(y).mul(y).div(y).neg().pow(2).exp().log().abs().tanh().sigmoid().relu()
                .leakyRelu(0.1).clamp(-1, 1).matmul(y).sum();
        Tensor.concat(0, x, x).softmax(1).logSoftmax(0).transpose().reshape(-1).rows(0, 2).sum(0, true).mean();
        x.index(1, 0).gather(1, Tensor.of(new double[] {2, 0}, 2, 1)).max();
        z.backward();
        assertThat(x).isEqualTo(xBefore);
        assertThat(y).isEqualTo(yBefore);
    }
}
