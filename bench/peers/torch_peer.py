#!/usr/bin/python3
"""The PyTorch (CPU) peer: workloads W1-W5 with autograd and torch.optim (see /work/shared/bench-workloads.md).

Usage: /usr/bin/python3 torch_peer.py THREADS [WORKLOAD...]   (workloads: W1 W2 W3 W4 W5; default all)
Prints one JSON list of records, as numpy_peer.py does. float64 throughout (W3 also in float32, W4 also float32).
"""
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
import common  # noqa: E402

THREADS = int(sys.argv[1])
common.set_threads(THREADS)
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(THREADS)
WANT = sys.argv[2:] or ["W1", "W2", "W3", "W4", "W5"]
IMPL = "pytorch"


def record(workload, times, per, unit, **extra):
    return dict(workload=workload, impl=IMPL, threads=THREADS, unit=unit,
                seconds=[t / per for t in times], **extra)


def t64(a):
    return torch.from_numpy(np.array(a, dtype=np.float64))   # a copy: optimisers update in place


def w1():
    Xn, yn = common.w1_data()
    X, y = t64(Xn), t64(yn)

    def run():
        w = torch.zeros(16, 1, dtype=torch.float64, requires_grad=True)
        b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([w, b], lr=0.05)
        t0 = common.clock()
        for _ in range(500):
            opt.zero_grad()
            loss = ((X @ w + b - y) ** 2).mean()
            loss.backward()
            opt.step()
        return common.clock() - t0, dict(final_loss=loss.item())
    times, extra = common.measure(run, 2, 7)
    return record("W1", times, 500, "step", **extra)


def w2():
    Xn, yn, W1n, W2n, perms = common.w2_data()
    X, y = t64(Xn), t64(yn)
    bs = 64
    batches = [[torch.from_numpy(p[i:i + bs]) for i in range(0, len(p), bs)] for p in perms]

    def run():
        W1 = t64(W1n).requires_grad_()
        W2 = t64(W2n).requires_grad_()
        b1 = torch.zeros(64, dtype=torch.float64, requires_grad=True)
        b2 = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([W1, b1, W2, b2], lr=0.1)
        t0 = common.clock()
        for epoch in batches:
            for idx in epoch:
                opt.zero_grad()
                p = torch.sigmoid(torch.tanh(X[idx] @ W1 + b1) @ W2 + b2)
                loss = F.binary_cross_entropy(p, y[idx])
                loss.backward()
                opt.step()
        seconds = common.clock() - t0
        with torch.no_grad():
            p = torch.sigmoid(torch.tanh(X @ W1 + b1) @ W2 + b2)
            full = F.binary_cross_entropy(p, y).item()
            acc = ((p > 0.5) == (y > 0.5)).double().mean().item()
        return seconds, dict(final_loss=full, last_batch_loss=loss.item(), accuracy=acc)
    times, extra = common.measure(run, 1, 5)
    return record("W2", times, 3200, "step", **extra)


def w3(dtype):
    Xn, labels_n, W1n, W2n, perms = common.w3_data()
    X = torch.from_numpy(Xn.astype(dtype))
    labels = torch.from_numpy(labels_n)
    bs = 128
    batches = [[torch.from_numpy(p[i:i + bs]) for i in range(0, len(p), bs)] for p in perms]
    tdt = getattr(torch, dtype)

    def run():
        W1 = torch.from_numpy(W1n.astype(dtype)).requires_grad_()
        W2 = torch.from_numpy(W2n.astype(dtype)).requires_grad_()
        b1 = torch.zeros(256, dtype=tdt, requires_grad=True)
        b2 = torch.zeros(10, dtype=tdt, requires_grad=True)
        opt = torch.optim.Adam([W1, b1, W2, b2], lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        t0 = common.clock()
        for epoch in batches:
            for idx in epoch:
                opt.zero_grad()
                logits = torch.relu(X[idx] @ W1 + b1) @ W2 + b2
                loss = F.cross_entropy(logits, labels[idx])
                loss.backward()
                opt.step()
        seconds = common.clock() - t0
        with torch.no_grad():
            logits = torch.relu(X @ W1 + b1) @ W2 + b2
            full = F.cross_entropy(logits, labels).item()
            acc = (logits.argmax(1) == labels).double().mean().item()
        return seconds, dict(final_loss=full, last_batch_loss=loss.item(), accuracy=acc)
    times, extra = common.measure(run, 1, 3)
    return record("W3" + ("" if dtype == "float64" else " float32"), times, 237, "step", **extra)


def w4():
    out = []
    for n in (64, 128, 256, 512, 1024):
        A64, B64 = common.w4_data(n)
        for dtype in ("float64", "float32"):
            A, B = torch.from_numpy(A64.astype(dtype)), torch.from_numpy(B64.astype(dtype))
            inner = max(1, int(2e8 // (2 * n ** 3)))

            def run():
                t0 = common.clock()
                for _ in range(inner):
                    C = A @ B
                return common.clock() - t0, dict(checksum=float(C.double().sum()))
            times, extra = common.measure(run, 1, 5)
            out.append(record(f"W4 n={n}" + ("" if dtype == "float64" else " float32"), times, inner, "matmul",
                              flops=2.0 * n ** 3, **extra))
    return out


def w5():
    an, bn = common.w5_data()
    count = 100_000
    out = []
    a, b = t64(an).requires_grad_(), t64(bn).requires_grad_()

    def tracked():
        t0 = common.clock()
        for _ in range(count):
            c = a + b
        return common.clock() - t0, {}

    def untracked():
        t0 = common.clock()
        with torch.no_grad():
            for _ in range(count):
                c = a + b
        return common.clock() - t0, {}

    def chain():
        t0 = common.clock()
        c = a
        for _ in range(count):
            c = c + b
        c.sum().backward()
        seconds = common.clock() - t0
        g = b.grad[0, 0].item()
        a.grad = None
        b.grad = None
        return seconds, dict(check=g)
    for name, fn in (("W5 add (tracked)", tracked), ("W5 add (no grad)", untracked),
                     ("W5 chain + backward", chain)):
        times, extra = common.measure(fn, 1, 5)
        out.append(record(name, times, count, "op", **extra))
    return out


def main():
    records = []
    for name, fn in (("W1", w1), ("W2", w2), ("W3", lambda: [w3("float64"), w3("float32")]), ("W4", w4), ("W5", w5)):
        if name in WANT:
            r = fn()
            records.extend(r if isinstance(r, list) else [r])
    common.emit(records)


main()
