#!/usr/bin/python3
"""The NumPy peer: workloads W1-W5 with hand-written backprop (see /work/shared/bench-workloads.md).

Usage: /usr/bin/python3 numpy_peer.py THREADS [WORKLOAD...]   (workloads: W1 W2 W3 W4 W5; default all)
Prints one JSON list of records: workload, variant, unit count per run, seconds per unit for each
timed repetition, and the final loss/accuracy that ties this run to the Java one.
"""
import math
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
import common  # noqa: E402

THREADS = int(sys.argv[1])
common.set_threads(THREADS)
import numpy as np  # noqa: E402

WANT = sys.argv[2:] or ["W1", "W2", "W3", "W4", "W5"]
IMPL = "numpy"


def record(workload, times, per, unit, **extra):
    return dict(workload=workload, impl=IMPL, threads=THREADS, unit=unit,
                seconds=[t / per for t in times], **extra)


def w1():
    X, y = common.w1_data()
    n = X.shape[0]

    def run():
        w = np.zeros((16, 1))
        b = 0.0
        t0 = common.clock()
        for _ in range(500):
            r = X @ w + b - y
            loss = np.mean(r * r)
            g = r * (2.0 / n)
            w -= 0.05 * (X.T @ g)
            b -= 0.05 * g.sum()
        return common.clock() - t0, dict(final_loss=float(loss))
    times, extra = common.measure(run, 2, 7)
    return record("W1", times, 500, "step", **extra)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def w2():
    X, y, W1_0, W2_0, perms = common.w2_data()
    bs = 64
    batches = [[p[i:i + bs] for i in range(0, len(p), bs)] for p in perms]

    def run():
        W1, W2 = W1_0.copy(), W2_0.copy()
        b1, b2 = np.zeros(64), np.zeros(1)
        t0 = common.clock()
        for epoch in batches:
            for idx in epoch:
                xb, yb = X[idx], y[idx]
                h = np.tanh(xb @ W1 + b1)
                p = sigmoid(h @ W2 + b2)
                loss = -np.mean(yb * np.log(p) + (1.0 - yb) * np.log(1.0 - p))
                dz2 = (p - yb) / len(idx)
                dW2 = h.T @ dz2
                db2 = dz2.sum(0)
                dz1 = (dz2 @ W2.T) * (1.0 - h * h)
                dW1 = xb.T @ dz1
                db1 = dz1.sum(0)
                W1 -= 0.1 * dW1
                b1 -= 0.1 * db1
                W2 -= 0.1 * dW2
                b2 -= 0.1 * db2
        seconds = common.clock() - t0
        p = sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2)
        full = -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
        acc = float(np.mean((p > 0.5) == (y > 0.5)))
        return seconds, dict(final_loss=float(full), last_batch_loss=float(loss), accuracy=acc)
    times, extra = common.measure(run, 1, 5)
    return record("W2", times, 3200, "step", **extra)


def w3():
    X, labels, W1_0, W2_0, perms = common.w3_data()
    bs = 128
    batches = [[p[i:i + bs] for i in range(0, len(p), bs)] for p in perms]
    lr, beta1, beta2, eps = 1e-3, 0.9, 0.999, 1e-8

    def run():
        params = [W1_0.copy(), np.zeros(256), W2_0.copy(), np.zeros(10)]
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        step = 0
        t0 = common.clock()
        for epoch in batches:
            for idx in epoch:
                W1, b1, W2, b2 = params
                xb, yb = X[idx], labels[idx]
                nb = len(idx)
                pre = xb @ W1 + b1
                h = np.maximum(pre, 0.0)
                logits = h @ W2 + b2
                mx = logits.max(1, keepdims=True)
                e = np.exp(logits - mx)
                s = e.sum(1, keepdims=True)
                logp = logits - mx - np.log(s)
                loss = -np.mean(logp[np.arange(nb), yb])
                dl = e / s
                dl[np.arange(nb), yb] -= 1.0
                dl /= nb
                dW2 = h.T @ dl
                db2 = dl.sum(0)
                dh = dl @ W2.T
                dh[pre <= 0] = 0.0
                dW1 = xb.T @ dh
                db1 = dh.sum(0)
                step += 1
                c1 = 1 - beta1 ** step
                c2 = math.sqrt(1 - beta2 ** step)
                for p, g, mi, vi in zip(params, (dW1, db1, dW2, db2), m, v):
                    mi *= beta1
                    mi += (1 - beta1) * g
                    vi *= beta2
                    vi += (1 - beta2) * g * g
                    p -= (lr / c1) * mi / (np.sqrt(vi) / c2 + eps)
        seconds = common.clock() - t0
        W1, b1, W2, b2 = params
        logits = np.maximum(X @ W1 + b1, 0.0) @ W2 + b2
        mx = logits.max(1, keepdims=True)
        logp = logits - mx - np.log(np.exp(logits - mx).sum(1, keepdims=True))
        full = -np.mean(logp[np.arange(len(X)), labels])
        acc = float(np.mean(logits.argmax(1) == labels))
        return seconds, dict(final_loss=float(full), last_batch_loss=float(loss), accuracy=acc)
    times, extra = common.measure(run, 1, 3)
    return record("W3", times, 237, "step", **extra)


def w4():
    out = []
    for n in (64, 128, 256, 512, 1024):
        A64, B64 = common.w4_data(n)
        for dtype in ("float64", "float32"):
            A, B = A64.astype(dtype), B64.astype(dtype)
            inner = max(1, int(2e8 // (2 * n ** 3)))      # ~0.1 s per timed repetition at 2 GFLOP/s

            def run():
                t0 = common.clock()
                for _ in range(inner):
                    C = A @ B
                return common.clock() - t0, dict(checksum=float(C.sum(dtype=np.float64)))
            times, extra = common.measure(run, 1, 5)
            out.append(record(f"W4 n={n}" + ("" if dtype == "float64" else " float32"), times, inner, "matmul",
                              flops=2.0 * n ** 3, **extra))
    return out


def w5():
    a, b = common.w5_data()
    count = 100_000

    def run():
        t0 = common.clock()
        for _ in range(count):
            c = a + b
        return common.clock() - t0, dict(checksum=float(c.sum()))
    times, extra = common.measure(run, 1, 5)
    return [record("W5 add", times, count, "op", **extra)]


def main():
    records = []
    for name, fn in (("W1", w1), ("W2", w2), ("W3", w3), ("W4", w4), ("W5", w5)):
        if name in WANT:
            r = fn()
            records.extend(r if isinstance(r, list) else [r])
    common.emit(records)


main()
