#!/usr/bin/python3
"""Golden values for backprop.nn and backprop.optim, computed by PyTorch (float64).

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 lib-src/test/python/gen_nn_golden.py
It rewrites lib-src/test/resources/golden/{nn_layers,nn_losses,optim}.json. The Java tests read
those files (no PyTorch needed at test time), load the same inputs and parameters, and compare
outputs, gradients and optimiser trajectories.

Every tensor is stored as {"shape": [...], "data": [...]} (row-major, shortest round-trip repr).
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")


def t(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def dump(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")


# ----------------------------------------------------------------------------- layers

def layer_case(module, x, rename=None):
    """Forward x through module, backward sum(y * upstream); record everything."""
    rename = rename or {}
    module.zero_grad()
    x = x.clone().requires_grad_(True)
    state = {rename.get(k, k): t(v) for k, v in module.state_dict().items() if "num_batches" not in k}
    y = module(x)
    upstream = torch.randn(y.shape)
    (y * upstream).sum().backward()
    return {
        "torch": torch.__version__,
        "module": repr(module),
        "state": state,
        "input": t(x),
        "upstream": t(upstream),
        "output": t(y),
        "grad_input": t(x.grad),
        "grads": {rename.get(k, k): t(p.grad) for k, p in module.named_parameters()},
    }


def layers():
    torch.manual_seed(1)
    cases = {}
    cases["linear"] = layer_case(nn.Linear(3, 4), torch.randn(5, 3))
    cases["linear_nobias"] = layer_case(nn.Linear(3, 2, bias=False), torch.randn(4, 3))
    x = torch.randn(4, 5) * 3
    cases["sigmoid"] = layer_case(nn.Sigmoid(), x)
    cases["tanh"] = layer_case(nn.Tanh(), x)
    cases["relu"] = layer_case(nn.ReLU(), x)
    cases["leaky_relu_default"] = layer_case(nn.LeakyReLU(), x)
    cases["leaky_relu_0.2"] = layer_case(nn.LeakyReLU(0.2), x)
    cases["softmax_dim1"] = layer_case(nn.Softmax(dim=1), x)
    cases["softmax_dim0"] = layer_case(nn.Softmax(dim=0), x)
    cases["log_softmax_dim1"] = layer_case(nn.LogSoftmax(dim=1), x)
    mlp = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 2))
    cases["mlp"] = layer_case(mlp, torch.randn(6, 3))

    # BatchNorm1d: three training batches (running statistics accumulate), then eval.
    bn_rename = {"running_mean": "runningMean", "running_var": "runningVar"}
    for affine in (True, False):
        bn = nn.BatchNorm1d(4, affine=affine)
        if affine:
            with torch.no_grad():
                bn.weight.copy_(torch.randn(4))
                bn.bias.copy_(torch.randn(4))
        initial = {bn_rename.get(k, k): t(v) for k, v in bn.state_dict().items() if "num_batches" not in k}
        steps = []
        for _ in range(3):
            steps.append(layer_case(bn, torch.randn(6, 4) * 2 + 1, bn_rename))
        bn.eval()
        ev = layer_case(bn, torch.randn(5, 4) * 2 + 1, bn_rename)
        cases["batchnorm" + ("" if affine else "_noaffine")] = {
            "initial_state": initial, "train_steps": steps, "eval": ev,
            "running_after": {bn_rename[k]: t(getattr(bn, k)) for k in ("running_mean", "running_var")},
        }
    return cases


# ----------------------------------------------------------------------------- losses

def loss_case(fn, x, target, reduction="mean"):
    x = x.clone().requires_grad_(True)
    loss = fn(x, target, reduction=reduction)
    upstream = torch.randn(loss.shape) if reduction == "none" else torch.tensor(1.0)
    (loss * upstream).sum().backward()
    return {"reduction": reduction, "input": t(x), "target": t(target), "upstream": t(upstream),
            "loss": t(loss), "grad_input": t(x.grad)}


def losses():
    torch.manual_seed(2)
    cases = {}
    x = torch.randn(5, 3)
    y = torch.randn(5, 3)
    for r in ("mean", "sum", "none"):
        cases["mse_" + r] = loss_case(F.mse_loss, x, y, r)

    p = torch.sigmoid(torch.randn(6, 2) * 2)
    hard = torch.randint(0, 2, (6, 2)).double()
    soft = torch.rand(6, 2)
    for r in ("mean", "sum", "none"):
        cases["bce_" + r] = loss_case(F.binary_cross_entropy, p, hard, r)
    cases["bce_soft"] = loss_case(F.binary_cross_entropy, p, soft)
    # exact 0 and 1 predictions: the log is clamped at -100 (only the value is compared: see NnGoldenTest)
    edge_p = torch.tensor([0.0, 1.0, 0.0, 1.0, 1e-50, 0.5])
    edge_t = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 1.0])
    cases["bce_edge_values"] = loss_case(F.binary_cross_entropy, edge_p, edge_t, "none")

    z = torch.randn(6, 2) * 3
    for r in ("mean", "sum", "none"):
        cases["bce_logits_" + r] = loss_case(F.binary_cross_entropy_with_logits, z, hard, r)
    cases["bce_logits_soft"] = loss_case(F.binary_cross_entropy_with_logits, z, soft)
    extreme = torch.tensor([[-800.0, 800.0], [-50.0, 50.0], [-1e-3, 1e-3], [30.0, -30.0]])
    cases["bce_logits_extreme"] = loss_case(F.binary_cross_entropy_with_logits, extreme,
                                            torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]), "none")

    logits = torch.randn(7, 4) * 2
    labels = torch.tensor([0, 3, 1, 1, 2, 0, 3])
    for r in ("mean", "sum", "none"):
        c = loss_case(F.cross_entropy, logits, labels, r)
        c["target"] = t(labels.double())
        cases["cross_entropy_" + r] = c
    big = torch.tensor([[1000.0, -1000.0, 0.0], [-500.0, 500.0, 499.0], [1e-3, 2e-3, 3e-3]])
    c = loss_case(F.cross_entropy, big, torch.tensor([1, 2, 0]))
    c["target"] = t(torch.tensor([1.0, 2.0, 0.0]))
    cases["cross_entropy_extreme"] = c
    return cases


# ----------------------------------------------------------------------------- optimisers

def problem():
    """A fixed small regression network: 3 -> 3 (tanh) -> 1, eight samples."""
    g = torch.Generator().manual_seed(3)
    X = torch.randn(8, 3, generator=g)
    Y = torch.randn(8, 1, generator=g)
    init = {"w1": torch.randn(3, 3, generator=g) * 0.7, "b1": torch.randn(3, generator=g) * 0.1,
            "w2": torch.randn(1, 3, generator=g) * 0.7, "b2": torch.randn(1, generator=g) * 0.1,
            "unused": torch.randn(2, generator=g)}
    return X, Y, init


ORDER = ["w1", "b1", "w2", "b2", "unused"]


def loss_fn(P, X, Y):
    h = torch.tanh(X @ P["w1"].T + P["b1"])
    return ((h @ P["w2"].T + P["b2"] - Y) ** 2).mean()


def trajectory(make_opt, make_sched=None, clip=None, steps=50):
    X, Y, init = problem()
    P = {k: v.clone().requires_grad_(True) for k, v in init.items()}
    params = [P[k] for k in ORDER]
    opt = make_opt(params)
    sched = make_sched(opt) if make_sched else None
    out = {"losses": [], "params": [], "lrs": [], "norms": []}
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(P, X, Y)
        loss.backward()
        if clip == "norm":
            out["norms"].append(float(torch.nn.utils.clip_grad_norm_(params, 0.5)))
        elif clip == "value":
            torch.nn.utils.clip_grad_value_(params, 0.05)
        out["losses"].append(float(loss))
        opt.step()
        if sched:
            sched.step()
        out["lrs"].append(opt.param_groups[0]["lr"])
        out["params"].append([float(v) for k in ORDER for v in P[k].detach().reshape(-1).tolist()])
    return out


def optim():
    X, Y, init = problem()
    o = torch.optim
    res = {"problem": {"X": t(X), "Y": t(Y), "init": {k: t(v) for k, v in init.items()}, "order": ORDER}}
    cases = {
        "sgd": lambda p: o.SGD(p, lr=0.1, foreach=False),
        "sgd_momentum": lambda p: o.SGD(p, lr=0.05, momentum=0.9, foreach=False),
        "sgd_nesterov_wd": lambda p: o.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01, foreach=False),
        "sgd_dampening_wd": lambda p: o.SGD(p, lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.05,
                                            foreach=False),
        "adam_default": lambda p: o.Adam(p, foreach=False),
        "adam_custom": lambda p: o.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01, foreach=False),
        "adamw_default": lambda p: o.AdamW(p, foreach=False),
        "adamw_custom": lambda p: o.AdamW(p, lr=0.05, betas=(0.85, 0.995), eps=1e-7, weight_decay=0.1,
                                          foreach=False),
        "rmsprop_default": lambda p: o.RMSprop(p, foreach=False),
        "rmsprop_momentum": lambda p: o.RMSprop(p, lr=0.01, momentum=0.5, foreach=False),
        "rmsprop_centered": lambda p: o.RMSprop(p, lr=0.005, alpha=0.9, eps=1e-6, weight_decay=0.01, momentum=0.9,
                                                centered=True, foreach=False),
    }
    for name, make in cases.items():
        res[name] = trajectory(make)
    sched = o.lr_scheduler
    res["sched_step"] = trajectory(lambda p: o.SGD(p, lr=0.1, momentum=0.9, foreach=False),
                                   lambda opt: sched.StepLR(opt, step_size=10, gamma=0.5))
    res["sched_exponential"] = trajectory(lambda p: o.Adam(p, lr=0.05, foreach=False),
                                          lambda opt: sched.ExponentialLR(opt, gamma=0.95))
    res["sched_cosine"] = trajectory(lambda p: o.SGD(p, lr=0.1, foreach=False),
                                     lambda opt: sched.CosineAnnealingLR(opt, T_max=20, eta_min=0.001))
    res["sched_cosine_to_zero"] = trajectory(lambda p: o.SGD(p, lr=0.1, momentum=0.5, foreach=False),
                                             lambda opt: sched.CosineAnnealingLR(opt, T_max=50))
    res["clip_norm"] = trajectory(lambda p: o.SGD(p, lr=0.5, foreach=False), clip="norm")
    res["clip_value"] = trajectory(lambda p: o.SGD(p, lr=0.5, foreach=False), clip="value")
    return res


if __name__ == "__main__":
    print("torch", torch.__version__, "python", sys.version.split()[0])
    dump("nn_layers.json", layers())
    dump("nn_losses.json", losses())
    dump("optim.json", optim())
