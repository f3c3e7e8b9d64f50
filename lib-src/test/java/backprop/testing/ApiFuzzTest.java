package backprop.testing;

import backprop.testing.ApiCalls.Call;
import backprop.testing.ApiCalls.Pool;
import backprop.testing.ApiCalls.State;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fuzzer of the public API: random sequences of calls ({@link ApiCalls#CALLS}) on random and
 * degenerate shapes (0, 1, large, too large) and values (NaN, ±∞, 1e300), with operands reused in
 * ways a learner would not plan. Every call must either return, or throw {@link IllegalArgumentException}
 * or {@link IllegalStateException} (or a subclass; the indexing calls {@code rows}, {@code index},
 * {@code get}, {@code gather} throw {@link IndexOutOfBoundsException} itself, as {@code List.get} does)
 * with a message of the form "op: what is wrong: ...: how to fix" — never an exception from inside
 * the JDK (ArrayIndexOutOfBounds, NegativeArraySize, NullPointer, ClassCast, Arithmetic). After a
 * refused call the objects it was given are unchanged. A result's shape holds as many values as it says.
 *
 * <p>{@code mvn verify} runs 3000 sequences of 25 calls. For a longer run by hand:
 * <pre>
 * mvn -o -q test -Dtest=ApiFuzzTest -Dfuzz.sequences=200000 -Dfuzz.seed=7
 * </pre>
 * A failure names the seed of its sequence and the calls that led to it, so it can be replayed with
 * {@code -Dfuzz.seed=<seed> -Dfuzz.sequences=1}.
 */
class ApiFuzzTest {
    private static final int CALLS_PER_SEQUENCE = 25;
    /** Nanoseconds spent per kind of call, to keep the default run within seconds. */
    private static final Map<String, Long> TIMES = new java.util.concurrent.ConcurrentHashMap<>();
    /** "op: what is wrong: ..." — an operation name, then at least two more parts separated by ": ". */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*(\\([^)]*\\))?: \\S.*: \\S.*", Pattern.DOTALL);

    @Test
    void everyCallReturnsOrRefusesCleanly() {
        long start = System.nanoTime();
        int sequences = Integer.getInteger("fuzz.sequences", 3000);
        long seed = Long.getLong("fuzz.seed", 18);
        Map<String, Integer> refusals = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long calls = 0;
        for (int s = 0; s < sequences && failures.size() < 5; s++) {
            long sequenceSeed = seed * 1_000_003L + s;
            calls += runSequence(sequenceSeed, refusals, failures);
        }
        System.out.printf("ApiFuzzTest: %d sequences, %d calls, %d refused cleanly (by type: %s), %.1f s (%.1f s in the calls)%n",
                sequences, calls, refusals.values().stream().mapToInt(Integer::intValue).sum(), refusals,
                (System.nanoTime() - start) / 1e9, TIMES.values().stream().mapToLong(Long::longValue).sum() / 1e9);
        System.out.println("  slowest kinds of call (total ms): " + TIMES.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .map(e -> e.getKey() + " " + e.getValue() / 1_000_000).toList());
        assertThat(failures).as("calls that failed the contract").isEmpty();
    }

    private static int runSequence(long seed, Map<String, Integer> refusals, List<String> failures) {
        Pool pool = new Pool(seed);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < CALLS_PER_SEQUENCE; i++) {
            Call call = ApiCalls.CALLS.get(pool.r.nextInt(ApiCalls.CALLS.size()));
            Call innerCall = ApiCalls.CALLS.get(pool.r.nextInt(ApiCalls.CALLS.size()));
            pool.inside = () -> innerCall.name().startsWith("noGrad") ? null : innerCall.body().apply(pool);
            pool.drawn.clear();
            pool.snapshots.clear();
            String name = call.name().startsWith("noGrad") ? "noGrad { " + innerCall.name() + " }" : call.name();
            log.add(name);
            Object result;
            long t0 = System.nanoTime();
            try {
                result = call.body().apply(pool);
                TIMES.merge(name, System.nanoTime() - t0, Long::sum);
            } catch (RuntimeException | Error e) {
                TIMES.merge(name, System.nanoTime() - t0, Long::sum);
                String problem = judge(e);
                if (problem == null) {
                    problem = unchanged(pool);
                }
                if (problem != null) {
                    failures.add("seed " + seed + ", call " + (i + 1) + " " + name + ": " + problem + "\n  operands: "
                            + operands(pool) + "\n  calls: " + log + "\n  " + e);
                    return i + 1;
                }
                refusals.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                continue;
            }
            if (result instanceof backprop.tensor.Tensor t && ApiCalls.numel(t.shape()) != t.numel()) {
                failures.add("seed " + seed + ", call " + (i + 1) + " " + name + ": a result of shape "
                        + java.util.Arrays.toString(t.shape()) + " holds " + t.numel() + " values\n  calls: " + log);
                return i + 1;
            }
            pool.keep(result);
        }
        return CALLS_PER_SEQUENCE;
    }

    private static List<String> operands(Pool pool) {
        List<String> out = new ArrayList<>();
        for (Object o : pool.drawn) {
            out.add(o instanceof backprop.tensor.Tensor t ? "Tensor" + java.util.Arrays.toString(t.shape())
                    + (t.requiresGrad() ? " requiresGrad" : "") : o.getClass().getSimpleName());
        }
        return out;
    }

    /** Null if the exception is a clean refusal; else what is wrong with it. */
    private static String judge(Throwable e) {
        boolean allowedType = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e.getClass() == IndexOutOfBoundsException.class;
        if (!allowedType) {
            return "threw " + e.getClass().getName() + " (not a refusal with a message)" + where(e);
        }
        String message = e.getMessage();
        if (message == null || !FORMAT.matcher(message).matches()) {
            return "message not in the form \"op: what is wrong: ...: how to fix\": " + message + where(e);
        }
        return null;
    }

    private static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "" : " at " + trace[0];
    }

    /** Null if every object the refused call was given is as it was; else which one changed. */
    private static String unchanged(Pool pool) {
        for (int k = 0; k < pool.drawn.size(); k++) {
            State after = State.of(pool.drawn.get(k));
            if (!after.equals(pool.snapshots.get(k))) {
                return "the refused call changed its operand " + k + " (" + pool.drawn.get(k).getClass().getSimpleName()
                        + ")";
            }
        }
        return null;
    }
}
