package backprop.exercises;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notebook 05's checks of the learner's scalar engine: right answers pass, typical wrong ones fail with their message. */
class ChainRuleChecksTest {
    /** A node of the learner's engine, as far as the order check sees it. */
    record Node(String name, List<Node> inputs) {
        Node(String name, Node... inputs) { this(name, List.of(inputs)); }
    }

    /** L = tanh(ab + a)·ab + a: 7 nodes, ab used twice, a three times. */
    static Node expression() {
        Node a = new Node("a"), b = new Node("b");
        Node c = new Node("*", a, b);
        return new Node("+", new Node("*", new Node("tanh", new Node("+", c, a)), c), a);
    }

    static void postOrder(Node node, Set<Node> placed, List<Node> order, boolean skipPlaced) {
        if (!placed.add(node) && skipPlaced) return;
        for (Node in : node.inputs()) postOrder(in, placed, order, skipPlaced);
        order.add(node);
    }

    static List<Node> order(boolean skipPlaced) {
        List<Node> order = new ArrayList<>();
        postOrder(expression(), new HashSet<>(), order, skipPlaced);
        return order;
    }

    static double dLdw1(double x, double y, double w1, double w2, double tanhSlopePower) {
        double h = Math.tanh(w1 * x);
        return 2 * (w2 * h - y) * w2 * Math.pow(1 - h * h, tanhSlopePower) * x;
    }

    @Test
    void dLdw1AcceptsTheFourFactorsAndNamesAMissingSlopeAndAFlippedSign() {
        assertThat(ChainRuleChecks.dLdw1((x, y, w1, w2) -> dLdw1(x, y, w1, w2, 1))).isCloseTo(8.85, org.assertj.core.data.Offset.offset(0.01));
        assertThatThrownBy(() -> ChainRuleChecks.dLdw1((x, y, w1, w2) -> dLdw1(x, y, w1, w2, 0)))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("the tanh step is missing");
        assertThatThrownBy(() -> ChainRuleChecks.dLdw1((x, y, w1, w2) -> -dLdw1(x, y, w1, w2, 1)))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("your gradient has the wrong sign");
        assertThatThrownBy(() -> ChainRuleChecks.dLdw1((x, y, w1, w2) -> 0))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("dLdw1 returned 0: the stub is still there.");
    }

    @Test
    void tanhRuleAcceptsPlusEqualsWithTheOutputAndNamesOverwritingAndTheInputSquared() {
        assertThat(ChainRuleChecks.tanhRule((x, before, above) -> new double[] {Math.tanh(x), before + above * (1 - Math.tanh(x) * Math.tanh(x))}))
                .isEqualTo(2.0 * (1 - Math.tanh(0.7) * Math.tanh(0.7)));
        assertThatThrownBy(() -> ChainRuleChecks.tanhRule((x, before, above) -> new double[] {Math.tanh(x), above * (1 - Math.tanh(x) * Math.tanh(x))}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("x.grad was overwritten (=) instead of added to (+=)");
        assertThatThrownBy(() -> ChainRuleChecks.tanhRule((x, before, above) -> new double[] {Math.tanh(x), before + above * (1 - x * x)}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("you used 1 - x * x, the INPUT squared");
        assertThatThrownBy(() -> ChainRuleChecks.tanhRule((x, before, above) -> new double[] {Math.tanh(x), before}))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("x.grad did not change: the stub is still there.");
    }

    @Test
    void topologicalOrderAcceptsPostOrderAndNamesRepeatsRootOnlyAndPreOrder() {
        assertThatCode(() -> ChainRuleChecks.topologicalOrder(order(true), Node::name, Node::inputs)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ChainRuleChecks.topologicalOrder(order(false), Node::name, Node::inputs))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("node 'a' appears twice in the order");
        assertThatThrownBy(() -> ChainRuleChecks.topologicalOrder(List.of(expression()), Node::name, Node::inputs))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("the order holds only the root: the stub is still there.");
        List<Node> reversed = new ArrayList<>(order(true));
        java.util.Collections.reverse(reversed);
        assertThatThrownBy(() -> ChainRuleChecks.topologicalOrder(reversed, Node::name, Node::inputs))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("'+' comes before its input '*': append a node AFTER visiting its inputs.");
    }

    @Test
    void engineGradientsAcceptValuesNumbersAndRejectOthers() {
        double a = 0.5, b = -1.5, c = a * b, t = Math.tanh(c + a), L = t * c + a;
        double dLdc = t + c * (1 - t * t);                 // through the product and through tanh
        double dLda = dLdc * b + c * (1 - t * t) + 1, dLdb = dLdc * a;
        double[] library = ChainRuleChecks.engineGradients(L, dLda, dLdb);
        assertThat(library[0]).isCloseTo(L, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(library[1]).isCloseTo(dLda, org.assertj.core.data.Offset.offset(1e-14));
        assertThatThrownBy(() -> ChainRuleChecks.engineGradients(L, dLda - 1, dLdb))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("dL/da = ").hasMessageContaining("but the library says");
        assertThatThrownBy(() -> ChainRuleChecks.engineGradients(L + 1, dLda, dLdb))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("L should be ");
    }
}
