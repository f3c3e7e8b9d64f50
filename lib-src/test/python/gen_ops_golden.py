#!/usr/bin/python3
"""Golden values for convolution, pooling, slicing, batched attention and the recurrent cell, computed by PyTorch (float64).

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 lib-src/test/python/gen_ops_golden.py
It rewrites lib-src/test/resources/golden/ops.json, which OpsGoldenTest (backprop.tensor) and
NnOpsGoldenTest (backprop.nn) read; no PyTorch is needed at test time.

Each operation case is {"op", "args", "inputs": {name: tensor}, "upstream", "output", "grads": {name: tensor}}:
the Java test applies the same operation with the same arguments to the inputs, backpropagates
sum(output * upstream), and compares the output and every input's gradient. A module case also holds
the module's "state" (its parameters, loaded before the forward pass). Every tensor is stored as
{"shape": [...], "data": [...]} (row-major, Python floats, which round-trip every double).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "ops.json")


def t(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def op_case(op, args, fn, **inputs):
    """Apply fn to the inputs (all requiring grad), backpropagate sum(y * upstream), record it all."""
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    y = fn(**leaves)
    upstream = torch.randn(y.shape)
    (y * upstream).sum().backward()
    return {"op": op, "args": args, "inputs": {k: t(v) for k, v in leaves.items()}, "upstream": t(upstream),
            "output": t(y), "grads": {k: t(v.grad) for k, v in leaves.items()}}


def conv_cases():
    torch.manual_seed(15)
    cases = {}
    for name, (x, w, bias, stride, padding) in {
        "conv1d": ((2, 3, 7), (4, 3, 3), True, 1, 0),
        "conv1d_stride2_pad1": ((2, 3, 8), (2, 3, 3), True, 2, 1),
        "conv1d_nobias_pad2_k5": ((3, 2, 6), (3, 2, 5), False, 1, 2),
        "conv1d_stride3": ((1, 1, 10), (1, 1, 2), True, 3, 0),
    }.items():
        inputs = {"x": torch.randn(x), "weight": torch.randn(w)}
        if bias:
            inputs["bias"] = torch.randn(w[0])
        cases[name] = op_case("conv1d", {"stride": stride, "padding": padding},
                              lambda stride=stride, padding=padding, **a: F.conv1d(
                                  a["x"], a["weight"], a.get("bias"), stride=stride, padding=padding), **inputs)
    for name, (x, w, bias, stride, padding) in {
        "conv2d": ((2, 3, 6, 5), (4, 3, 3, 2), True, 1, 0),
        "conv2d_stride2_pad1": ((2, 2, 7, 6), (3, 2, 3, 3), True, 2, 1),
        "conv2d_nobias_pad2": ((1, 3, 5, 5), (2, 3, 3, 3), False, 1, 2),
        "conv2d_digits": ((4, 1, 8, 8), (6, 1, 3, 3), True, 1, 1),
        "conv2d_stride3_1x1": ((2, 4, 7, 7), (5, 4, 1, 1), True, 3, 0),
    }.items():
        inputs = {"x": torch.randn(x), "weight": torch.randn(w)}
        if bias:
            inputs["bias"] = torch.randn(w[0])
        cases[name] = op_case("conv2d", {"stride": stride, "padding": padding},
                              lambda stride=stride, padding=padding, **a: F.conv2d(
                                  a["x"], a["weight"], a.get("bias"), stride=stride, padding=padding), **inputs)
    return cases


def pool_cases():
    torch.manual_seed(16)
    cases = {}
    for name, (shape, k, s) in {
        "max_pool2d": ((2, 3, 6, 6), 2, 2),
        "max_pool2d_k3_s2": ((2, 2, 7, 7), 3, 2),
        "max_pool2d_k2_s1": ((1, 2, 5, 4), 2, 1),
        "max_pool2d_k2_odd": ((2, 1, 5, 7), 2, 2),
    }.items():
        cases[name] = op_case("max_pool2d", {"kernel": k, "stride": s},
                              lambda x, k=k, s=s: F.max_pool2d(x, k, s), x=torch.randn(shape))
    for name, (shape, k, s) in {
        "avg_pool2d": ((2, 3, 6, 6), 2, 2),
        "avg_pool2d_k3_s2": ((2, 2, 7, 7), 3, 2),
    }.items():
        cases[name] = op_case("avg_pool2d", {"kernel": k, "stride": s},
                              lambda x, k=k, s=s: F.avg_pool2d(x, k, s), x=torch.randn(shape))
    for name, (shape, k, s) in {
        "max_pool1d": ((2, 3, 8), 2, 2),
        "max_pool1d_k3_s1": ((1, 2, 9), 3, 1),
    }.items():
        cases[name] = op_case("max_pool1d", {"kernel": k, "stride": s},
                              lambda x, k=k, s=s: F.max_pool1d(x, k, s), x=torch.randn(shape))
    return cases


def slicing_cases():
    torch.manual_seed(17)
    cases = {}
    x = torch.randn(3, 4, 5)
    for name, (dim, start, length) in {
        "narrow_dim1": (1, 1, 2), "narrow_last": (-1, 2, 3), "narrow_dim0": (0, 0, 1), "narrow_negative_start": (2, -3, 2),
    }.items():
        cases[name] = op_case("narrow", {"dim": dim, "start": start, "length": length},
                              lambda x, dim=dim, start=start, length=length: x.narrow(dim, start, length), x=x)
    for name, (dim, index) in {"select_dim1": (1, 2), "select_last_neg": (-1, -1), "select_dim0": (0, 0)}.items():
        cases[name] = op_case("select", {"dim": dim, "index": index},
                              lambda x, dim=dim, index=index: x.select(dim, index), x=x)
    y = torch.randn(2, 1, 3, 1)
    cases["squeeze_all"] = op_case("squeeze", {}, lambda x: x.squeeze(), x=y)
    cases["squeeze_dim1"] = op_case("squeeze", {"dim": 1}, lambda x: x.squeeze(1), x=y)
    cases["squeeze_dim0_noop"] = op_case("squeeze", {"dim": 0}, lambda x: x.squeeze(0), x=y)
    cases["unsqueeze_0"] = op_case("unsqueeze", {"dim": 0}, lambda x: x.unsqueeze(0), x=x)
    cases["unsqueeze_last"] = op_case("unsqueeze", {"dim": -1}, lambda x: x.unsqueeze(-1), x=x)
    z = torch.randn(2, 3, 4, 2)
    cases["flatten_1"] = op_case("flatten", {"start": 1, "end": -1}, lambda x: x.flatten(1), x=z)
    cases["flatten_1_2"] = op_case("flatten", {"start": 1, "end": 2}, lambda x: x.flatten(1, 2), x=z)
    return cases


def attention_cases():
    """One self-attention head on a batch of sequences (B, T, d): softmax(Q Kᵀ / √d) V, causal or not."""
    torch.manual_seed(19)
    cases = {}
    q, k, v = torch.randn(2, 5, 4), torch.randn(2, 5, 4), torch.randn(2, 5, 3)
    cases["attention_batched"] = op_case(
        "attention", {"causal": 0},
        lambda q, k, v: torch.softmax(q @ k.transpose(1, 2) / 2.0, dim=-1) @ v, q=q, k=k, v=v)
    mask = torch.triu(torch.full((5, 5), -1e9), diagonal=1)
    cases["attention_batched_causal"] = op_case(
        "attention", {"causal": 1},
        lambda q, k, v: torch.softmax(q @ k.transpose(1, 2) / 2.0 + mask, dim=-1) @ v, q=q, k=k, v=v)
    return cases


def module_case(module, x, extra=None):
    """Forward x through module, backward sum(y * upstream); record state, output and gradients."""
    module.zero_grad()
    x = x.clone().requires_grad_(True)
    state = {k: t(v) for k, v in module.state_dict().items()}
    y = module(x)
    upstream = torch.randn(y.shape)
    (y * upstream).sum().backward()
    case = {"module": repr(module), "state": state, "input": t(x), "upstream": t(upstream), "output": t(y),
            "grad_input": t(x.grad), "grads": {k: t(p.grad) for k, p in module.named_parameters()}}
    case.update(extra or {})
    return case


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def rnn_case(cell, xs, h0):
    """Unroll the cell over the sequence xs (T, N, in) from h0 in a loop; backpropagate Σ_t sum(h_t * upstream_t)."""
    cell.zero_grad()
    xs = xs.clone().requires_grad_(True)
    h0 = h0.clone().requires_grad_(True)
    state = {camel(k): t(v) for k, v in cell.state_dict().items()}
    h = h0
    hs = []
    for step in range(xs.shape[0]):
        h = cell(xs[step], h)
        hs.append(h)
    out = torch.stack(hs)
    upstream = torch.randn(out.shape)
    (out * upstream).sum().backward()
    return {"module": repr(cell), "state": state, "input": t(xs), "h0": t(h0), "upstream": t(upstream),
            "output": t(out), "grad_input": t(xs.grad), "grad_h0": t(h0.grad),
            "grads": {camel(k): t(p.grad) for k, p in cell.named_parameters()}}


def module_cases():
    torch.manual_seed(18)
    cases = {}
    cases["Conv1d"] = module_case(nn.Conv1d(2, 3, 3, stride=1, padding=1), torch.randn(2, 2, 6))
    cases["Conv2d"] = module_case(nn.Conv2d(2, 3, 3, stride=2, padding=1), torch.randn(2, 2, 6, 6))
    cases["Conv2d_nobias"] = module_case(nn.Conv2d(1, 2, 2, bias=False), torch.randn(3, 1, 4, 4))
    cnn = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, 3, padding=1),
                        nn.Tanh(), nn.AvgPool2d(2), nn.Flatten(), nn.Linear(24, 3))
    cases["cnn"] = module_case(cnn, torch.randn(5, 1, 8, 8))
    cases["RNNCell_loop"] = rnn_case(nn.RNNCell(3, 5), torch.randn(4, 2, 3), torch.zeros(2, 5))
    cases["RNNCell_loop_h0"] = rnn_case(nn.RNNCell(2, 3), torch.randn(6, 3, 2), torch.randn(3, 3))
    return cases


def main():
    golden = {"torch": torch.__version__}
    golden.update(conv_cases())
    golden.update(pool_cases())
    golden.update(slicing_cases())
    golden.update(attention_cases())
    golden.update(module_cases())
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
