"""Shared pieces of the peer benchmarks: SplitMix64 streams, the W1-W3 data, the timing harness.

The streams follow ../../shared/bench-workloads.md exactly (the Java side: backprop.tensor.Generator), so
every implementation trains on the same data from the same weights in the same batch order.
Imported after the thread count is fixed in the environment (see set_threads).
"""
import json
import math
import os
import sys
import time

GAMMA = 0x9E3779B97F4A7C15
MASK = (1 << 64) - 1


def set_threads(n):
    """Fix the BLAS/OpenMP thread count; must run before numpy or torch is imported."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = str(n)


def _np():
    import numpy
    return numpy


def raw(seed, n):
    """The first n raw 64-bit outputs of SplitMix64 stream `seed`, as a uint64 array."""
    np = _np()
    with np.errstate(over="ignore"):
        i = np.arange(1, n + 1, dtype=np.uint64)
        z = np.uint64(seed & MASK) + i * np.uint64(GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def uniform(seed, n):
    np = _np()
    return (raw(seed, n) >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def normal(seed, n):
    np = _np()
    m = n + (n & 1)
    u = uniform(seed, m)
    u1, u2 = u[0::2], u[1::2]
    r = np.sqrt(-2.0 * np.log1p(-u1))
    t = 2.0 * math.pi * u2
    out = np.empty(m)
    out[0::2] = r * np.cos(t)
    out[1::2] = r * np.sin(t)
    return out[:n]


def permutation(seed, n):
    return _np().argsort(uniform(seed, n), kind="stable")


# ------------------------------------------------------------------ workload data (float64 numpy arrays)

def w1_data():
    np = _np()
    X = normal(11, 10000 * 16).reshape(10000, 16)
    w_true = normal(12, 16)
    y = X @ w_true + 0.5 + 0.1 * normal(13, 10000)
    return X, y.reshape(-1, 1)


def w2_data():
    np = _np()
    n = 4096
    t = math.pi * uniform(21, n)
    X = np.empty((n, 2))
    h = n // 2
    X[:h, 0] = np.cos(t[:h])
    X[:h, 1] = np.sin(t[:h])
    X[h:, 0] = 1.0 - np.cos(t[h:])
    X[h:, 1] = 0.5 - np.sin(t[h:])
    X += 0.2 * normal(22, 2 * n).reshape(n, 2)
    y = np.zeros((n, 1))
    y[h:] = 1.0
    W1 = normal(23, 2 * 64).reshape(2, 64) * math.sqrt(1 / 2)
    W2 = normal(24, 64).reshape(64, 1) * math.sqrt(1 / 64)
    perms = [permutation(1000 + e, n) for e in range(50)]
    return X, y, W1, W2, perms


def w3_data():
    np = _np()
    n, d = 10000, 784
    X = uniform(31, n * d).reshape(n, d)
    T = normal(32, d * 10).reshape(d, 10)
    labels = np.argmax((X - 0.5) @ T, axis=1)
    W1 = normal(33, d * 256).reshape(d, 256) * math.sqrt(2 / 784)
    W2 = normal(34, 256 * 10).reshape(256, 10) * math.sqrt(2 / 256)
    perms = [permutation(3000 + e, n) for e in range(3)]
    return X, labels, W1, W2, perms


def w4_data(n):
    return uniform(41, n * n).reshape(n, n), uniform(42, n * n).reshape(n, n)


def w5_data():
    return normal(51, 16).reshape(4, 4), normal(52, 16).reshape(4, 4)


# ------------------------------------------------------------------ harness

def measure(run, warmup, reps):
    """Call run() warmup times, then reps times; run returns (seconds, extra dict). Returns the timed list and last extra."""
    extra = {}
    for _ in range(warmup):
        _, extra = run()
    times = []
    for _ in range(reps):
        seconds, extra = run()
        times.append(seconds)
    return times, extra


def emit(records):
    json.dump(records, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()


def clock():
    return time.perf_counter()
