package backprop.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads golden/tensor_golden.txt, written by lib-src/test/python/gen_tensor_golden.py from PyTorch
 * (the file's header describes the records). Nothing here needs Python.
 */
final class Golden {
    /** One expression: its inputs, the seed gradient, and PyTorch's output and input gradients. */
    record Case(String name, Map<String, Tensor> inputs, Map<String, Tensor> consts, Tensor seed, Tensor out,
                Map<String, Tensor> grads) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A tensor to print and what PyTorch prints for it (in our spelling of grad_fn). */
    record Format(String name, String kind, Tensor tensor, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    final List<Case> cases = new ArrayList<>();
    final List<Format> formats = new ArrayList<>();
    final Map<Long, long[]> rngLongs = new LinkedHashMap<>();
    final Map<Long, double[]> rngUniforms = new LinkedHashMap<>();
    final Map<Long, double[]> rngNormals = new LinkedHashMap<>();
    /** seed -> {n, permutation...}. */
    final Map<Long, int[]> rngPermutations = new LinkedHashMap<>();

    private static Golden instance;

    static synchronized Golden load() {
        if (instance == null) {
            instance = new Golden(read("/golden/tensor_golden.txt"));
        }
        return instance;
    }

    private static String read(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("golden: resource " + resource + " is missing: run "
                        + "/usr/bin/python3 lib-src/test/python/gen_tensor_golden.py");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Golden(String text) {
        String name = null;
        Map<String, Tensor> inputs = null;
        Map<String, Tensor> consts = null;
        Map<String, Tensor> grads = null;
        Tensor seed = null;
        Tensor out = null;
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            switch (f[0]) {
                case "case" -> {
                    name = f[1];
                    inputs = new LinkedHashMap<>();
                    consts = new LinkedHashMap<>();
                    grads = new LinkedHashMap<>();
                }
                case "in" -> inputs.put(f[1], tensor(f, 2));
                case "const" -> consts.put(f[1], tensor(f, 2));
                case "grad" -> grads.put(f[1], tensor(f, 2));
                case "seed" -> seed = tensor(f, 1);
                case "out" -> out = tensor(f, 1);
                case "end" -> cases.add(new Case(name, inputs, consts, seed, out, grads));
                case "format" -> {
                    String textLine = lines[++n];
                    if (!textLine.startsWith("text ")) {
                        throw new IllegalStateException("golden: line " + (n + 1) + " should start with 'text '");
                    }
                    formats.add(new Format(f[1], f[2], tensor(f, 3), textLine.substring(5).replace("\\n", "\n")));
                }
                case "rng_long" -> {
                    long[] v = new long[f.length - 2];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Long.parseUnsignedLong(f[i + 2], 16);
                    }
                    rngLongs.put(Long.parseLong(f[1]), v);
                }
                case "rng_uniform" -> rngUniforms.put(Long.parseLong(f[1]), doubles(f, 2));
                case "rng_normal" -> rngNormals.put(Long.parseLong(f[1]), doubles(f, 2));
                case "rng_perm" -> {
                    int[] v = new int[f.length - 2];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Integer.parseInt(f[i + 2]);
                    }
                    rngPermutations.put(Long.parseLong(f[1]), v);
                }
                default -> throw new IllegalStateException("golden: unknown record '" + f[0] + "' on line " + (n + 1));
            }
        }
    }

    /** A tensor written as SHAPE v... starting at field {@code from}. */
    private static Tensor tensor(String[] f, int from) {
        String s = f[from];
        int[] shape = s.equals("[]") ? new int[0]
                : Arrays.stream(s.substring(1, s.length() - 1).split(",")).mapToInt(Integer::parseInt).toArray();
        return Tensor.of(doubles(f, from + 1), shape);
    }

    private static double[] doubles(String[] f, int from) {
        double[] v = new double[f.length - from];
        for (int i = 0; i < v.length; i++) {
            String x = f[from + i];
            v[i] = switch (x) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(x);
            };
        }
        return v;
    }
}
