#!/usr/bin/python3
"""Golden values for backprop.tensor, computed with PyTorch (Debian's python3-torch), float64.

Writes lib-src/test/resources/golden/tensor_golden.txt, which TensorGoldenTest, TensorFormatTest and
GeneratorTest read. Run from the repository root:

    /usr/bin/python3 lib-src/test/python/gen_tensor_golden.py

The file holds, one record per line (values as Python's repr, which round-trips every double):
  case NAME                     an expression of the catalogue below; the Java test maps NAME to the same expression
  in NAME SHAPE v...            an input that requires grad
  const NAME SHAPE v...         an input that does not (class labels, targets)
  seed SHAPE v...               the gradient passed to out.backward(seed) (1.0 for a scalar output)
  out SHAPE v...                the forward value
  grad NAME SHAPE v...          the gradient of each input
  end
  format NAME KIND SHAPE v...   a tensor to print (KIND: plain, requires_grad, mul = computed as x * 1.0)
  text STRING                   what PyTorch prints for it, in our spelling (\\n for a line break)
  rng_long SEED hex...          raw SplitMix64 outputs of stream SEED
  rng_uniform SEED v...         uniform doubles of stream SEED
  rng_normal SEED v...          Box-Muller normals of stream SEED
  rng_perm SEED N i...          permutation(SEED, N)
SHAPE is written [d0,d1,...] ([] for a 0-d tensor). The inputs come from the SplitMix64 streams
written out here independently of the Java code, so the random-stream records check Generator bit for bit.
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "tensor_golden.txt")

# ---------------------------------------------------------------- SplitMix64 (see ../shared/bench-workloads.md)
MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + GAMMA) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next_long() >> 11) * 2.0 ** -53


def uniform_stream(seed, n):
    rng = SplitMix64(seed)
    return [rng.uniform() for _ in range(n)]


def normal_stream(seed, n):
    u = uniform_stream(seed, n + (n % 2))
    out = []
    for k in range(0, len(u), 2):
        r = math.sqrt(-2.0 * math.log1p(-u[k]))
        t = 2.0 * math.pi * u[k + 1]
        out += [r * math.cos(t), r * math.sin(t)]
    return out[:n]


def permutation(seed, n):
    keys = uniform_stream(seed, n)
    return sorted(range(n), key=lambda i: keys[i])


# ---------------------------------------------------------------- inputs
DOMAINS = {"real": (-2.0, 2.0), "pos": (0.5, 2.5), "unit": (-1.0, 1.0)}
stream_counter = [100]


def make_input(shape, domain):
    lo, hi = DOMAINS[domain]
    stream_counter[0] += 1
    n = math.prod(shape)
    vals = [lo + (hi - lo) * u for u in uniform_stream(stream_counter[0], n)]
    return torch.tensor(vals).reshape(shape)


def R(*shape):
    return ("real", list(shape))


def P(*shape):
    return ("pos", list(shape))


# Each case: name, {input name: (domain, shape)}, {const name: list/values}, function of a dict of tensors.
# Inputs are created in the order listed; the Java test (TensorGoldenTest) holds the same expressions.
CASES = [
    # elementwise with broadcasting
    ("add", {"a": R(3, 4), "b": R(3, 4)}, {}, lambda t: t["a"] + t["b"]),
    ("add_col_row", {"a": R(3, 1), "b": R(1, 4)}, {}, lambda t: t["a"] + t["b"]),
    ("add_0d_right", {"a": R(2, 3), "b": R()}, {}, lambda t: t["a"] + t["b"]),
    ("add_0d_left", {"a": R(), "b": R(2, 3)}, {}, lambda t: t["a"] + t["b"]),
    ("sub_vec_3d", {"a": R(2, 3, 4), "b": R(4)}, {}, lambda t: t["a"] - t["b"]),
    ("sub_col_row", {"a": R(3, 1), "b": R(1, 4)}, {}, lambda t: t["a"] - t["b"]),
    ("mul_vec_3d", {"a": R(2, 3, 4), "b": R(4)}, {}, lambda t: t["a"] * t["b"]),
    ("mul_mid", {"a": R(2, 1, 4), "b": R(3, 1)}, {}, lambda t: t["a"] * t["b"]),
    ("mul_0d", {"a": R(3), "b": R()}, {}, lambda t: t["a"] * t["b"]),
    ("div", {"a": R(3, 4), "b": P(3, 4)}, {}, lambda t: t["a"] / t["b"]),
    ("div_vec", {"a": R(3, 4), "b": P(4)}, {}, lambda t: t["a"] / t["b"]),
    ("div_0d_left", {"a": R(), "b": P(2, 2)}, {}, lambda t: t["a"] / t["b"]),
    # tensor and number
    ("add_c", {"a": R(2, 3)}, {}, lambda t: t["a"] + 1.5),
    ("sub_c", {"a": R(2, 3)}, {}, lambda t: t["a"] - 0.75),
    ("mul_c", {"a": R(2, 3)}, {}, lambda t: t["a"] * -2.5),
    ("div_c", {"a": R(2, 3)}, {}, lambda t: t["a"] / 3.0),
    # one operand
    ("neg", {"a": R(2, 3)}, {}, lambda t: -t["a"]),
    ("pow3", {"a": R(2, 3)}, {}, lambda t: t["a"] ** 3.0),
    ("pow2", {"a": R(2, 3)}, {}, lambda t: t["a"] ** 2.0),
    ("pow_half", {"a": P(2, 3)}, {}, lambda t: t["a"] ** 0.5),
    ("pow_neg", {"a": P(2, 3)}, {}, lambda t: t["a"] ** -1.5),
    ("pow0", {"a": R(2, 3)}, {}, lambda t: t["a"] ** 0.0),
    ("square", {"a": R(2, 3)}, {}, lambda t: t["a"].square()),
    ("exp", {"a": R(2, 3)}, {}, lambda t: t["a"].exp()),
    ("log", {"a": P(2, 3)}, {}, lambda t: t["a"].log()),
    ("sqrt", {"a": P(2, 3)}, {}, lambda t: t["a"].sqrt()),
    ("abs", {"a": R(2, 3)}, {}, lambda t: t["a"].abs()),
    ("tanh", {"a": R(2, 3)}, {}, lambda t: t["a"].tanh()),
    ("sigmoid", {"a": R(2, 3)}, {}, lambda t: t["a"].sigmoid()),
    ("log_sigmoid", {"a": R(2, 3)}, {}, lambda t: F.logsigmoid(t["a"])),
    ("relu", {"a": R(2, 3)}, {}, lambda t: t["a"].relu()),
    ("leaky_relu", {"a": R(2, 3)}, {}, lambda t: F.leaky_relu(t["a"], 0.1)),
    ("clamp", {"a": R(3, 3)}, {}, lambda t: t["a"].clamp(-0.5, 0.5)),
    # matrix products
    ("mm", {"a": R(3, 4), "b": R(4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("dot", {"a": R(4), "b": R(4)}, {}, lambda t: t["a"] @ t["b"]),
    ("vm", {"a": R(4), "b": R(4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("mv", {"a": R(3, 4), "b": R(4)}, {}, lambda t: t["a"] @ t["b"]),
    ("bmm", {"a": R(2, 3, 4), "b": R(2, 4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("bmm_3d_2d", {"a": R(2, 3, 4), "b": R(4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("bmm_2d_3d", {"a": R(3, 4), "b": R(2, 4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("bmm_bcast_batch", {"a": R(1, 3, 4), "b": R(2, 4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("bmm_3d_1d", {"a": R(2, 3, 4), "b": R(4)}, {}, lambda t: t["a"] @ t["b"]),
    ("bmm_1d_3d", {"a": R(4), "b": R(2, 4, 5)}, {}, lambda t: t["a"] @ t["b"]),
    ("mm_self", {"a": R(3, 3)}, {}, lambda t: t["a"] @ t["a"]),
    # shape changes and selection
    ("transpose", {"a": R(3, 4)}, {}, lambda t: t["a"].transpose(-2, -1)),
    ("T", {"a": R(3, 4)}, {}, lambda t: t["a"].T),
    ("transpose_3d_last", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].transpose(-2, -1)),
    ("transpose_3d_02", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].transpose(0, 2)),
    ("reshape", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].reshape(4, -1)),
    ("flatten", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].flatten()),
    ("rows", {"a": R(5, 3)}, {}, lambda t: t["a"][1:4]),
    ("index", {"a": R(4, 3)}, {}, lambda t: t["a"][[2, 0, 2]]),
    ("gather", {"a": R(4, 3)}, {"idx": [2, 0, 1, 2]},
     lambda t: t["a"].gather(1, t["idx"].long().unsqueeze(1)).squeeze(1)),
    ("concat0", {"a": R(2, 3), "b": R(1, 3)}, {}, lambda t: torch.cat([t["a"], t["b"]], 0)),
    ("concat1", {"a": R(2, 3), "b": R(2, 2)}, {}, lambda t: torch.cat([t["a"], t["b"]], 1)),
    ("concat_3d_mid", {"a": R(2, 1, 3), "b": R(2, 2, 3)}, {}, lambda t: torch.cat([t["a"], t["b"], t["a"]], 1)),
    ("stack0", {"a": R(2, 3), "b": R(2, 3)}, {}, lambda t: torch.stack([t["a"], t["b"]], 0)),
    ("stack_last", {"a": R(2, 3), "b": R(2, 3)}, {}, lambda t: torch.stack([t["a"], t["b"]], -1)),
    # reductions
    ("sum", {"a": R(3, 4)}, {}, lambda t: t["a"].sum()),
    ("sum0", {"a": R(3, 4)}, {}, lambda t: t["a"].sum(0)),
    ("sum1_keep", {"a": R(3, 4)}, {}, lambda t: t["a"].sum(1, keepdim=True)),
    ("sum_last_3d", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].sum(-1)),
    ("sum_mid_keep_3d", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].sum(1, keepdim=True)),
    ("mean", {"a": R(3, 4)}, {}, lambda t: t["a"].mean()),
    ("mean0", {"a": R(3, 4)}, {}, lambda t: t["a"].mean(0)),
    ("mean_mid_keep_3d", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].mean(1, keepdim=True)),
    ("max", {"a": R(3, 4)}, {}, lambda t: t["a"].max()),
    ("max1_keep", {"a": R(3, 4)}, {}, lambda t: t["a"].max(1, keepdim=True).values),
    ("max0_3d", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].max(0).values),
    ("min", {"a": R(3, 4)}, {}, lambda t: t["a"].min()),
    ("min1", {"a": R(3, 4)}, {}, lambda t: t["a"].min(1).values),
    ("softmax_last", {"a": R(3, 4)}, {}, lambda t: t["a"].softmax(-1)),
    ("softmax0", {"a": R(3, 4)}, {}, lambda t: t["a"].softmax(0)),
    ("softmax_mid_3d", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].softmax(1)),
    ("log_softmax1", {"a": R(3, 4)}, {}, lambda t: t["a"].log_softmax(1)),
    ("log_softmax0_3d", {"a": R(2, 3, 4)}, {}, lambda t: t["a"].log_softmax(0)),
    # one tensor used more than once, and chains
    ("used_twice", {"x": R(2, 3)}, {}, lambda t: t["x"] * t["x"]),
    ("used_thrice", {"x": R(2, 3)}, {}, lambda t: t["x"] * t["x"] + t["x"]),
    ("chain", {"a": R(3, 4), "b": R(4)}, {},
     lambda t: ((t["a"].tanh() + t["b"]).exp() / (t["a"] * t["a"] + 1.0)).mean()),
    ("mse", {"x": R(6, 3), "w": R(3), "b": R()}, {"y": [0.5, -1.0, 2.0, 0.0, 1.5, -0.5]},
     lambda t: ((t["x"] @ t["w"] + t["b"] - t["y"]) ** 2.0).mean()),
    ("mlp_cross_entropy", {"x": R(4, 3), "w1": R(3, 5), "b1": R(5), "w2": R(5, 3), "b2": R(3)}, {"y": [0, 2, 1, 2]},
     lambda t: -((t["x"] @ t["w1"] + t["b1"]).tanh() @ t["w2"] + t["b2"]).log_softmax(1)
     .gather(1, t["y"].long().unsqueeze(1)).squeeze(1).mean()),
    ("bce_logits", {"z": R(5)}, {"t": [1.0, 0.0, 0.0, 1.0, 1.0]},
     lambda t: -(t["t"] * F.logsigmoid(t["z"]) + (1.0 - t["t"]) * F.logsigmoid(-t["z"])).mean()),
    ("attention", {"q": R(3, 4), "k": R(5, 4), "v": R(5, 2)}, {},
     lambda t: (t["q"] @ t["k"].T / 2.0).softmax(-1) @ t["v"]),
    ("normalise", {"x": R(3, 5)}, {},
     lambda t: (t["x"] - t["x"].mean(1, keepdim=True))
     / ((t["x"] - t["x"].mean(1, keepdim=True)).square().mean(1, keepdim=True) + 1e-5).sqrt()),
    ("relu_mlp_sum", {"x": R(4, 3), "w": R(3, 6)}, {},
     lambda t: (t["x"] @ t["w"]).relu().sum(1).max()),
]

# Scalar expressions for Value (micrograd's own tests, and more); inputs are 0-d tensors with these values.
VALUE_CASES = [
    ("value_micrograd_sanity", {"x": -4.0},
     lambda t: value_sanity(t["x"])),
    ("value_micrograd_more_ops", {"a": -4.0, "b": 2.0},
     lambda t: value_more_ops(t["a"], t["b"])),
    ("value_neuron", {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432},
     lambda t: (t["x1"] * t["w1"] + t["x2"] * t["w2"] + t["b"]).tanh()),
    ("value_misc", {"a": 0.7, "b": 1.3},
     lambda t: t["a"].sigmoid() * t["b"].tanh() + (t["a"] / t["b"]).exp() - t["b"].log()
     + (t["a"] - t["b"]).relu() + (-t["a"]) ** 2.0),
]


def value_sanity(x):
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    return h + q + q * x


def value_more_ops(a, b):
    c = a + b
    d = a * b + b ** 3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + (b + a).relu()
    d = d + 3 * d + (b - a).relu()
    e = c - d
    f = e ** 2
    g = f / 2.0
    g = g + 10.0 / f
    return g


# ---------------------------------------------------------------- printing
FORMAT_CASES = []


def fmt(name, kind, t):
    FORMAT_CASES.append((name, kind, t.detach().clone()))


def torch_name(grad_fn):
    return type(grad_fn).__name__


def our_repr(t, kind):
    """What our Tensor.toString prints: PyTorch's text, with grad_fn named without decoration and the
    shape added to a summarised (or empty, not 1-d) tensor. Checked against repr() on the way."""
    indent = len("tensor(")
    body = torch._tensor_str._tensor_str(t, indent)
    ours, theirs = [], []
    if t.numel() == 0 and t.dim() != 1:
        ours.append("shape=" + str(list(t.shape)))
        theirs.append("size=" + str(tuple(t.shape)))
    if t.numel() > 1000:
        ours.append("shape=" + str(list(t.shape)))
    if kind == "requires_grad":
        ours.append("requires_grad=true")
        theirs.append("requires_grad=True")
        shown = t.clone().requires_grad_()
    elif kind == "mul":
        ours.append("grad_fn=Mul")
        theirs.append("grad_fn=<MulBackward0>")
        shown = t.clone().requires_grad_() * 1.0
    else:
        shown = t
    check = torch._tensor_str._add_suffixes("tensor(" + body, theirs, indent, False)
    assert check == repr(shown), (check, repr(shown))
    return torch._tensor_str._add_suffixes("tensor(" + body, ours, indent, False)


def format_catalogue():
    fmt("scalar", "plain", torch.tensor(2.5))
    fmt("scalar_int", "plain", torch.tensor(3.0))
    fmt("scalar_neg_small", "plain", torch.tensor(-1.25e-7))
    fmt("scalar_mul", "mul", torch.tensor(5.0))
    fmt("vector_int", "plain", torch.tensor([1.0, 2.0, 3.0]))
    fmt("vector", "plain", torch.tensor([0.5, 1.25, -3.75]))
    fmt("vector_requires_grad", "requires_grad", torch.tensor([1.0, 2.0]))
    fmt("matrix_int_mul", "mul", torch.tensor([[3.0, 4.0], [6.0, -8.0]]))
    fmt("matrix", "plain", make_input([3, 4], "real"))
    fmt("matrix_mul", "mul", make_input([2, 3], "real"))
    fmt("cube", "plain", torch.arange(24.0).reshape(2, 3, 4) / 7)
    fmt("hypercube", "plain", torch.arange(16.0).reshape(2, 2, 2, 2) - 7.5)
    fmt("scientific_small", "plain", torch.tensor([1e-5, 1.0]))
    fmt("scientific_ratio", "plain", torch.tensor([0.001, 2.0]))
    fmt("scientific_big", "plain", torch.tensor([1e9, 1.0, -3.0]))
    fmt("int_ratio", "plain", torch.tensor([1.0, 5000.0]))
    fmt("non_finite", "plain", torch.tensor([float("nan"), 1.5, float("inf"), float("-inf")]))
    fmt("zeros_signed", "plain", torch.tensor([0.0, -0.0]))
    fmt("all_zero", "plain", torch.zeros(2, 2))
    fmt("rounding_fixed", "plain", torch.tensor([0.00015, 0.00025, 0.03125, 0.11115, -0.00045]))
    fmt("rounding_scientific", "plain", torch.tensor([0.00015, 1.03125, 2.00005, 0.5]))
    fmt("wrapped", "plain", torch.arange(30.0) / 3)
    fmt("wrapped_suffix", "mul", torch.arange(18.0) / 3)
    fmt("wide_rows", "plain", make_input([2, 12], "real") * 100)
    fmt("empty", "plain", torch.zeros(0))
    fmt("empty_2d", "plain", torch.zeros(0, 3))
    fmt("large_int", "plain", torch.arange(2000.0))
    fmt("large_vector", "mul", make_input([1500], "real"))
    fmt("large_matrix", "plain", make_input([40, 30], "unit"))
    fmt("large_cube", "plain", make_input([11, 10, 10], "real"))


# ---------------------------------------------------------------- output
def shape_str(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def values_str(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def main():
    lines = ["# Golden values for backprop.tensor from PyTorch " + torch.__version__ + " (float64).",
             "# Written by lib-src/test/python/gen_tensor_golden.py; do not edit by hand."]
    for name, spec, consts, fn in CASES:
        inputs = {n: make_input(shape, dom).requires_grad_() for n, (dom, shape) in spec.items()}
        const = {n: torch.tensor([float(v) for v in vals]) for n, vals in consts.items()}
        out = fn({**inputs, **const})
        if out.dim() == 0:
            seed = torch.tensor(1.0)
        else:
            seed = make_input(list(out.shape), "unit")
        out.backward(seed)
        lines.append("case " + name)
        for n, t in inputs.items():
            lines.append(f"in {n} {shape_str(t.shape)} {values_str(t)}")
        for n, t in const.items():
            lines.append(f"const {n} {shape_str(t.shape)} {values_str(t)}")
        lines.append(f"seed {shape_str(seed.shape)} {values_str(seed)}")
        lines.append(f"out {shape_str(out.shape)} {values_str(out)}")
        for n, t in inputs.items():
            lines.append(f"grad {n} {shape_str(t.shape)} {values_str(t.grad)}")
        lines.append("end")
    for name, spec, fn in VALUE_CASES:
        inputs = {n: torch.tensor(v, requires_grad=True) for n, v in spec.items()}
        out = fn(inputs)
        out.backward()
        lines.append("case " + name)
        for n, t in inputs.items():
            lines.append(f"in {n} [] {values_str(t)}")
        lines.append(f"seed [] 1.0")
        lines.append(f"out [] {values_str(out)}")
        for n, t in inputs.items():
            lines.append(f"grad {n} [] {values_str(t.grad)}")
        lines.append("end")

    format_catalogue()
    for name, kind, t in FORMAT_CASES:
        text = our_repr(t, kind)
        assert "\\" not in text
        lines.append(f"format {name} {kind} {shape_str(t.shape)} {values_str(t)}")
        lines.append("text " + text.replace("\n", "\\n"))

    for seed in [0, 1, 42, 11, 1000, -1, -(1 << 63), (1 << 63) - 1]:
        rng = SplitMix64(seed)
        lines.append(f"rng_long {seed} " + " ".join(f"{rng.next_long():016x}" for _ in range(8)))
        lines.append(f"rng_uniform {seed} " + " ".join(repr(u) for u in uniform_stream(seed, 64)))
    for seed in [11, 22, 51]:
        lines.append(f"rng_normal {seed} " + " ".join(repr(v) for v in normal_stream(seed, 64)))
    for seed, n in [(1000, 10), (1001, 257), (3000, 4096)]:
        lines.append(f"rng_perm {seed} {n} " + " ".join(str(i) for i in permutation(seed, n)))

    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(CASES) + len(VALUE_CASES)} expressions, {len(FORMAT_CASES)} printed tensors to "
          f"{os.path.relpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
