#!/usr/bin/python3
"""./workbook bench: run W1-W5 on the Java library and on the NumPy/PyTorch peers, print one table.

Usage (normally through ./workbook bench, which builds the jar and the benchmark classes first):
    /usr/bin/python3 bench/run.py --classpath CP [--java JAVA] [--threads 1,2] [--workloads W1,W2,...]
                                  [--no-peers] [--peers-as-installed] [--no-notebooks] [--live-rounds N] [--dry-run]

Every implementation runs in its own process per thread count, measured by the same scheme (warm-up
runs, then timed repetitions; median, min, max). "1 thread": the peers' BLAS/OpenMP pools have one
thread, and the JVM is started with -XX:ActiveProcessorCount=1 and one matmul thread.
Rounds run the implementations round-robin (round 1: java, numpy, pytorch; round 2: numpy, pytorch,
java; ...), so a change in the machine's load falls on all of them alike and none always goes first.
The peers' processes (only they) run without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which a machine
may set to force older OpenBLAS kernels; the kernel family OpenBLAS then picks is printed.
Then what a live plot costs (backprop.bench.LiveOverhead): notebook 07's watched run with and without
its LivePlot, alternating, median ratio of wall and CPU time (target: at most 1.10).
Writes target/bench/results.md and target/bench/results.json.
"""
import argparse
import codecs
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "bench" / "peers"
OUT = ROOT / "target" / "bench"
PY = "/usr/bin/python3"

# Final losses the workloads reach (shared/bench-workloads.md): every implementation must land on them.
REFERENCE = {"W1": (0.0101192536607, 1e-10), "W2": (0.0962598963, 1e-9), "W3": (1.7617757, 1e-6),
             "W3 float32": (1.7617757, 1e-6)}

ORDER = ["W1", "W2", "W3", "W3 float32"] + [f"W4 n={n}{s}" for s in ("", " float32")
                                            for n in (64, 128, 256, 512, 1024)] + \
        ["W5 add (tracked)", "W5 add (no grad)", "W5 chain + backward", "W5 add"]


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def python_has(module):
    if not os.access(PY, os.X_OK):
        return False
    return subprocess.run([PY, "-c", f"import {module}"], capture_output=True).returncode == 0


def cpu_flags():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def openblas_core(env):
    """The kernel family OpenBLAS picked (it prints 'Core: NAME' when OPENBLAS_VERBOSE=2), or None."""
    r = subprocess.run([PY, "-c", "import numpy as np; a = np.ones((64, 64)); a @ a"],
                       capture_output=True, text=True, env=dict(env, OPENBLAS_VERBOSE="2"))
    m = re.search(r"Core:\s*(\S+)", r.stdout + r.stderr)
    return m.group(1) if m else None


# Settings that pin OpenBLAS to other kernels than it would pick itself (a machine may set them to
# force older kernels for its own tests); the peers' processes run without them.
OPENBLAS_FORCING = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def peer_env(as_installed, notes):
    """The environment for the peers' processes (and only theirs: the Java side and ./workbook test
    keep the machine's). Unless --peers-as-installed, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
    removed from it, so OpenBLAS detects the CPU itself. Debian's OpenBLAS 0.3.21 does not recognise
    recent CPUs and then falls back to its oldest kernels (Prescott, SSE3): several times slower than on
    a CPU it knows; then the kernel family the CPU supports is named, so the peers run at their real
    speed. Returns (env, the kernel family OpenBLAS picked, or None)."""
    env = dict(os.environ)
    if not as_installed:
        removed = {k: env.pop(k) for k in OPENBLAS_FORCING if k in env}
        if removed:
            notes.append("the peers run without " + ", ".join(f"{k}={v}" for k, v in removed.items())
                         + " (set in this environment; the Java side and the tests keep them): OpenBLAS "
                         "picks its kernels itself. Pass --peers-as-installed to keep them.")
    core = openblas_core(env) if python_has("numpy") else None
    if core is None:
        if python_has("numpy"):
            notes.append("NumPy does not run on OpenBLAS here (the reference BLAS, libblas3, satisfies Debian's "
                         "python3-numpy): its matrix products are several times slower than a NumPy user's; "
                         "install libopenblas0-pthread (./workbook bench does) for a fair comparison.")
        return env, None
    if as_installed:
        return env, core
    flags = cpu_flags()
    want = "SkylakeX" if "avx512f" in flags else "Haswell" if "avx2" in flags else None
    if core.lower() in ("prescott", "nehalem", "core2", "katmai", "coppermine", "northwood") and want:
        env["OPENBLAS_CORETYPE"] = want
        picked = openblas_core(env)
        notes.append(f"OpenBLAS picked its '{core}' kernels on this CPU (a version that predates it); the peers "
                     f"run with OPENBLAS_CORETYPE={want} instead ('{picked}'), the kernels this CPU supports. "
                     f"Pass --peers-as-installed to measure them as installed.")
        return env, picked
    return env, core


def round_robin(runs, rnd):
    """Round rnd (from 0) of the implementations: the list turned by rnd places, so each goes first
    in turn and load that changes during the run falls on all of them alike."""
    k = rnd % len(runs) if runs else 0
    return runs[k:] + runs[:k]


def run_json(cmd, env, label, timeout=None):
    log(f"{label}: {' '.join(cmd[:6])}{' ...' if len(cmd) > 6 else ''}")
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=None, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        log(f"{label}: stopped after {timeout} s")
        return None
    if r.returncode != 0:
        raise RuntimeError(f"{label} failed with exit code {r.returncode}")
    out = r.stdout.strip().splitlines()
    log(f"{label}: done in {time.monotonic() - t0:.0f} s")
    return json.loads("\n".join(out[out.index(next(l for l in out if l.startswith("["))):]))


LIVE_HEADER = ["round", "plain s", "watched s", "wall ratio", "plain CPU s", "watched CPU s", "CPU ratio",
               "pictures", "drawing s"]


def live_overhead(args, env):
    """Notebook 07's watched run with and without a LivePlot, alternating (backprop.bench.LiveOverhead)."""
    cmd = [args.java, "-Xmx3g"] + java_flags(1) + ["-cp", args.classpath, "backprop.bench.LiveOverhead",
                                                     str(args.live_rounds)]
    label = f"live plot, {args.live_rounds} rounds"
    log(f"{label}: {' '.join(cmd[-2:])}")
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=None, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"{label} failed with exit code {r.returncode}")
    rec = json.loads(r.stdout.strip().splitlines()[-1])
    rows = [[str(i + 1), f"{x['plain_seconds']:.2f}", f"{x['watched_seconds']:.2f}",
             f"{x['watched_seconds'] / x['plain_seconds']:.3f}", f"{x['plain_cpu_seconds']:.2f}",
             f"{x['watched_cpu_seconds']:.2f}", f"{x['watched_cpu_seconds'] / x['plain_cpu_seconds']:.3f}",
             str(x["pictures"]), f"{x['draw_seconds']:.2f}"] for i, x in enumerate(rec["rounds"])]
    summary = (f"Live plot overhead, {rec['workload']}: median over {len(rows)} alternating rounds of watched/plain "
               f"{rec['wall_ratio_median']:.3f} wall, {rec['cpu_ratio_median']:.3f} CPU (target <= 1.10); drawing took "
               f"{100 * rec['draw_share_median']:.1f} % of the watched run (median); the final picture is not counted.")
    return dict(record=rec, rows=rows, summary=summary)


def java_flags(threads):
    """The Vector API module, as in the notebook kernel (the library's fast matrix product uses it).
    One thread: the JVM is told it has one CPU (so its GC and JIT size themselves for one core too)."""
    return ["--add-modules", "jdk.incubator.vector"] + (["-XX:ActiveProcessorCount=1"] if threads == 1 else [])


# ------------------------------------------------------------------ notebooks: wall time and kernel peak RSS

def proc_parent(pid):
    try:
        return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def descendants_matching(root, needle):
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        pid = int(d)
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if needle not in cmd:
            continue
        p, depth = pid, 0
        while p and p > 1 and depth < 20:
            p = proc_parent(p)
            depth += 1
            if p == root:
                found.append(pid)
                break
    return found


def peak_rss_kib(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def run_notebooks(notes):
    runner = ROOT / "tools" / "run_notebooks.py"
    nbs = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not runner.exists() or not nbs:
        notes.append("notebooks: skipped (no tools/run_notebooks.py or no notebooks/*.ipynb)")
        return None
    if not os.environ.get("JUPYTER_PATH"):
        notes.append("notebooks: skipped (run through ./workbook bench, which sets up Jupyter and the kernel)")
        return None
    log(f"notebooks: running {len(nbs)} on fresh kernels, sampling each kernel's peak RSS")
    cmd = [PY, str(runner), "--root", str(ROOT), "--out", str(OUT / "executed")] + [str(n) for n in nbs]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    # Raw bytes with os.read: a text-mode read() on a non-blocking pipe fails inside the codec when no
    # bytes are ready (TypeError on Python 3.11+), so decode here, keeping a split UTF-8 sequence.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    rows, current_peak, buf = [], {}, ""
    line_re = re.compile(r"^\s+(PASS|FAIL)\s+(\S+)\s+([0-9.]+) s")
    total = None
    while True:
        # the kernel: the JVM with the Rapaio kernel jar on its class path (started as MainApp or through our
        # WorkbookKernel launcher), a descendant of the runner
        for pid in descendants_matching(proc.pid, "rapaio-jupyter-kernel"):
            kib = peak_rss_kib(pid)
            if kib:
                current_peak[pid] = max(current_peak.get(pid, 0), kib)
        try:
            chunk = decoder.decode(os.read(fd, 65536))
        except BlockingIOError:
            chunk = ""
        buf += chunk
        while "\n" in buf:
            line, buf = buf.split("\n", 1)
            m = line_re.match(line)
            if m:
                peak = max(current_peak.values()) if current_peak else None
                rows.append(dict(notebook=m.group(2), status=m.group(1), seconds=float(m.group(3)),
                                 peak_rss_mib=None if peak is None else peak / 1024))
                current_peak = {}
            s = re.match(r"^SUMMARY notebooks .*seconds=([0-9.]+)", line)
            if s:
                total = float(s.group(1))
        if proc.poll() is not None and not chunk:
            break
        time.sleep(0.1)
    if not rows:
        notes.append(f"notebooks: the runner reported no notebook (exit {proc.returncode})")
        return None
    return dict(rows=rows, total_seconds=total if total is not None else sum(r["seconds"] for r in rows))


# ------------------------------------------------------------------ table

def unit_of(rec):
    w = rec["workload"]
    if w.startswith("W4"):
        return "GFLOP/s"
    if w.startswith("W5"):
        return "µs/op"
    return "ms/step" if statistics.median(rec["seconds"]) > 2e-3 else "µs/step"


def shown(rec, unit):
    """(median, min, max) in the display unit; for GFLOP/s the fastest run is the largest number."""
    s = rec["seconds"]
    if unit == "GFLOP/s":
        f = rec["flops"] / 1e9
        return f / statistics.median(s), f / max(s), f / min(s)
    scale = {"ms/step": 1e3, "µs/step": 1e6, "µs/op": 1e6}[unit]
    return statistics.median(s) * scale, min(s) * scale, max(s) * scale


def fmt(x):
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def peer_key(workload, peer):
    """NumPy has no graph to record: its plain a + b stands against both Java adds of W5."""
    return "W5 add" if peer == "numpy" and workload.startswith("W5 add") else workload


def speedup(java, peer):
    """How many times faster Java is than the peer (>1: Java faster), from medians."""
    if java is None or peer is None:
        return None
    return statistics.median(peer["seconds"]) / statistics.median(java["seconds"])


def build_tables(records, threads_list):
    by = {(r["workload"], r["impl"], r["threads"]): r for r in records}
    workloads = [w for w in ORDER if any(k[0] == w for k in by)] + \
        sorted({k[0] for k in by} - set(ORDER))
    header = ["workload", "implementation", "threads", "unit", "median", "min", "max", "Java ×faster than NumPy",
              "Java ×faster than PyTorch"]
    rows = []
    for w in workloads:
        for impl in ("java", "java-baseline", "numpy", "pytorch"):
            for t in threads_list:
                r = by.get((w, impl, t))
                if r is None:
                    continue
                unit = unit_of(by.get((w, "java", t)) or r)
                med, lo, hi = shown(r, unit)
                if unit == "GFLOP/s":
                    lo, hi = hi, lo     # for a rate, "min" shows the slowest run
                    lo, hi = min(lo, hi), max(lo, hi)
                vs = ["", ""]
                if impl == "java":
                    for i, peer in enumerate(("numpy", "pytorch")):
                        p = by.get((peer_key(w, peer), peer, t))
                        x = speedup(r, p)
                        vs[i] = "" if x is None else f"{x:.2f}×"
                rows.append([w, impl, str(t), unit, fmt(med), fmt(lo), fmt(hi)] + vs)
    return header, rows, by


BASELINE_HEADER = ["workload", "threads", "baseline median", "this median", "this / baseline", "baseline min",
                   "this min", "min ratio", "CPU median ratio", "CPU min ratio"]


def baseline_rows(by, threads_list):
    """This jar's times against the baseline jar's, per workload (ratios above 1.00: this jar is slower): wall-clock
    median and min, and with one thread the same two from the calling thread's CPU time (Harness.Timing), which
    leaves out the time other processes took the cores."""
    rows = []
    for (w, impl, t), r in sorted(by.items(), key=lambda kv: (ORDER.index(kv[0][0]) if kv[0][0] in ORDER else 99,
                                                             kv[0][2])):
        b = by.get((w, "java-baseline", t))
        if impl != "java" or b is None:
            continue
        new, old = statistics.median(r["seconds"]), statistics.median(b["seconds"])
        new_min, old_min = min(r["seconds"]), min(b["seconds"])
        cpu = ["—", "—"]
        if t == 1 and r.get("cpu_seconds") and b.get("cpu_seconds"):
            cpu = [f"{statistics.median(r['cpu_seconds']) / statistics.median(b['cpu_seconds']):.3f}",
                   f"{min(r['cpu_seconds']) / min(b['cpu_seconds']):.3f}"]
        rows.append([w, str(t), f"{old * 1e3:.4g} ms", f"{new * 1e3:.4g} ms", f"{new / old:.3f}",
                     f"{old_min * 1e3:.4g} ms", f"{new_min * 1e3:.4g} ms", f"{new_min / old_min:.3f}"] + cpu)
    return rows


def targets(by, threads_list):
    """The issue's targets, each with the measured value and met / not met."""
    out = []
    t1 = 1 if 1 in threads_list else threads_list[0]

    def ratio(w, peer, t):
        return speedup(by.get((w, "java", t)), by.get((w, peer, t)))

    def add(name, value, shown_value, ok):
        out.append([name, shown_value, "—" if value is None else ("met" if ok else "NOT met")])

    for t in threads_list:
        r = ratio("W2", "numpy", t)
        add(f"W2 ≥ 3× faster per step than NumPy ({t} thread{'s' if t > 1 else ''})", r,
            "—" if r is None else f"{r:.2f}×", r is not None and r >= 3)
        r = ratio("W2", "pytorch", t)
        add(f"W2 ≥ 15× faster per step than PyTorch ({t} thread{'s' if t > 1 else ''})", r,
            "—" if r is None else f"{r:.2f}×", r is not None and r >= 15)
        r = ratio("W1", "numpy", t)
        add(f"W1 no slower than NumPy ({t} thread{'s' if t > 1 else ''})", r,
            "—" if r is None else f"{r:.2f}×", r is not None and r >= 1)
        r = ratio("W3", "pytorch", t)
        add(f"W3 within 2× of PyTorch float64 ({t} thread{'s' if t > 1 else ''})", r,
            "—" if r is None else f"{r:.2f}× (≥ 0.5× needed)", r is not None and r >= 0.5)
    j = by.get(("W5 add (tracked)", "java", t1))
    v = None if j is None else statistics.median(j["seconds"]) * 1e6
    add("W5 ≤ 0.1 µs per tracked 4×4 add", v, "—" if v is None else f"{v:.3f} µs", v is not None and v <= 0.1)
    j = by.get(("W5 chain + backward", "java", t1))
    v = None if j is None else statistics.median(j["seconds"]) * 1e6
    add("W5 chain of tracked adds + backward, per op (same 0.1 µs bar)", v,
        "—" if v is None else f"{v:.3f} µs", v is not None and v <= 0.1)
    t2 = max(threads_list)
    j = by.get(("W4 n=1024", "java", t2))
    v = None if j is None else j["flops"] / statistics.median(j["seconds"]) / 1e9
    add(f"matmul ≥ 25 GFLOP/s at n = 1024 ({t2} threads)", v, "—" if v is None else f"{v:.1f} GFLOP/s",
        v is not None and v >= 25)
    return out


def loss_rows(records):
    rows = []
    for r in records:
        if "final_loss" not in r:
            continue
        ref = REFERENCE.get(r["workload"])
        diff = None if ref is None else abs(r["final_loss"] - ref[0])
        ok = "" if ref is None else ("agrees" if diff <= ref[1] else "DIFFERS")
        rows.append([r["workload"], r["impl"], str(r["threads"]), f"{r['final_loss']:.13g}",
                     "" if "accuracy" not in r else f"{r['accuracy']:.4f}",
                     "" if ref is None else f"{ref[0]} (±{ref[1]:g})", ok])
    return rows


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def text_table(header, rows):
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    out = [line, "-" * len(line)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--classpath", required=True)
    ap.add_argument("--java", default="java")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--workloads", default="W1,W2,W3,W4,W5")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peers-as-installed", action="store_true")
    ap.add_argument("--no-notebooks", action="store_true")
    ap.add_argument("--live-rounds", type=int, default=7,
                    help="rounds of notebook 07's watched run with and without a live plot (0: skip)")
    ap.add_argument("--baseline-jar", help="a second library jar (say, an earlier build) run beside this one, "
                    "in the same rounds, as implementation java-baseline")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds of all implementations")
    ap.add_argument("--peer-timeout", type=int, default=600, help="seconds one peer process may run")
    ap.add_argument("--dry-run", action="store_true",
                    help="print the OpenBLAS kernels the peers get and the order of every round; run nothing else")
    args = ap.parse_args()
    threads_list = [int(t) for t in args.threads.split(",")]
    workloads = args.workloads.split(",")
    OUT.mkdir(parents=True, exist_ok=True)
    notes = []
    load_before = os.getloadavg()
    started = datetime.datetime.now().astimezone()

    env, core = (dict(os.environ), None) if args.no_peers else peer_env(args.peers_as_installed, notes)
    if not args.no_peers:
        log(f"OpenBLAS kernels for the peers: {core or 'none (NumPy is not on OpenBLAS here)'}; "
            + ", ".join(f"{k}={env[k] if k in env else '(unset)'}" for k in OPENBLAS_FORCING))
    peers = []
    if not args.no_peers:
        for impl, module, script in (("numpy", "numpy", "numpy_peer.py"), ("pytorch", "torch", "torch_peer.py")):
            if python_has(module):
                peers.append((impl, script))
            else:
                notes.append(f"{impl}: skipped ({PY} cannot import {module}; install Debian's python3-{module})")
    else:
        notes.append("peers: skipped (--no-peers)")

    # Rounds run the implementations round-robin (round_robin), so that a change in the machine's load
    # during the run falls on all of them alike; each round's timed repetitions are pooled.
    java_env = dict(os.environ)    # the machine's environment: the OpenBLAS settings matter to the peers only
    merged = {}
    for rnd in range(args.rounds):
        for t in threads_list:
            java_cmd = [args.java, f"-Dbackprop.threads={t}", "-Xmx3g"] + java_flags(t) + \
                ["-cp", args.classpath, "backprop.bench.Bench", str(t)] + workloads
            runs = [("java", java_cmd)]
            if args.baseline_jar:
                baseline_cp = ":".join([args.baseline_jar] + args.classpath.split(":")[1:])
                runs.append(("java-baseline", [x if x != args.classpath else baseline_cp for x in java_cmd]))
            runs += [(impl, [PY, str(PEERS / script), str(t)] + workloads) for impl, script in peers]
            runs = round_robin(runs, rnd)
            if args.dry_run:
                log(f"round {rnd + 1}/{args.rounds}, {t} thread(s): " + ", ".join(impl for impl, _ in runs))
                continue
            for impl, cmd in runs:
                # An OpenMP pool on a machine busy with other work can crawl (its threads spin-wait for
                # each other); a peer that overruns its time limit is left out of the table with a note.
                got = run_json(cmd, java_env if impl.startswith("java") else env,
                               f"{impl}, {t} thread(s), round {rnd + 1}/{args.rounds}",
                               None if impl == "java" else args.peer_timeout)
                if got is None:
                    notes.append(f"{impl}, {t} thread(s), round {rnd + 1}: stopped after {args.peer_timeout} s "
                                 f"(--peer-timeout); its results are missing from that round")
                    continue
                for r in got:
                    r["impl"] = impl if impl == "java-baseline" else r["impl"]
                    key = (r["workload"], r["impl"], r["threads"])
                    if key in merged:
                        merged[key]["seconds"] += r["seconds"]
                        if "cpu_seconds" in r:
                            merged[key].setdefault("cpu_seconds", []).extend(r["cpu_seconds"])
                    else:
                        merged[key] = r
    if args.dry_run:
        for n in notes:
            log(f"note: {n}")
        return 0
    records = list(merged.values())

    live = live_overhead(args, java_env) if args.live_rounds > 0 else None
    nb = None if args.no_notebooks else run_notebooks(notes)
    load_after = os.getloadavg()

    header, rows, by = build_tables(records, threads_list)
    tg = targets(by, threads_list)
    losses = loss_rows(records)
    versions = {"java": subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]}
    for impl, module in (("numpy", "numpy"), ("pytorch", "torch")):
        if python_has(module):
            versions[impl] = subprocess.run([PY, "-c", f"import {module}; print({module}.__version__)"],
                                            capture_output=True, text=True).stdout.strip()
    machine = (f"{cpu_model()}, {os.cpu_count()} CPUs; load average {load_before[0]:.1f} before, "
               f"{load_after[0]:.1f} after; " + ", ".join(f"{k} {v}" for k, v in versions.items())
               + (f"; OpenBLAS kernels: {core}" if core else ""))

    text = [f"Backprop Workbook benchmark, {started:%Y-%m-%d %H:%M %Z}", machine,
            f"{args.rounds} alternating round(s) of every implementation; timed repetitions pooled", "",
            text_table(header, rows), "",
            "Ratios: peer median / Java median at the same thread count (above 1: Java is faster).", "",
            text_table(["target", "measured", "status"], tg), "",
            text_table(["workload", "impl", "threads", "final loss", "accuracy", "reference", "check"], losses)]
    base = baseline_rows(by, threads_list)
    if base:
        text += ["", "This jar against the baseline jar (--baseline-jar), the same rounds (time ratios above 1.00: "
                 "this jar is slower; CPU: the timing thread's CPU time, 1 thread only):", "",
                 text_table(BASELINE_HEADER, base)]
    if live:
        text += ["", live["summary"], "", text_table(LIVE_HEADER, live["rows"])]
    nb_summary = None
    if nb:
        nb_rows = [[r["notebook"], r["status"], f"{r['seconds']:.1f}",
                    "—" if r["peak_rss_mib"] is None else f"{r['peak_rss_mib']:.0f}"] for r in nb["rows"]]
        heaviest = max((r["peak_rss_mib"] or 0) for r in nb["rows"])
        nb_summary = (f"whole suite {nb['total_seconds']:.1f} s (target ≤ 120 s); slowest notebook "
                 f"{max(r['seconds'] for r in nb['rows']):.1f} s (target ≤ 15 s); heaviest kernel "
                 f"{heaviest:.0f} MiB (target ≤ 500 MB); RSS sampled every 0.1 s from /proc (VmHWM)")
        text += ["", text_table(["notebook", "status", "wall s", "kernel peak RSS MiB"], nb_rows), nb_summary]
    if notes:
        text += [""] + [f"note: {n}" for n in notes]
    print("\n".join(text))

    md = [f"# Benchmark results", "", f"{started:%Y-%m-%d %H:%M %Z}. {machine}.", "",
          "Medians, minima and maxima over timed repetitions after warm-up runs. Ratios: peer median / Java median "
          "at the same thread count (above 1: Java is faster).", "",
          md_table(header, rows), "", "## Targets", "", md_table(["target", "measured", "status"], tg), "",
          "## Final losses", "", md_table(["workload", "impl", "threads", "final loss", "accuracy", "reference",
                                           "check"], losses)]
    if live:
        md += ["", "## Live plot overhead", "", live["summary"], "", md_table(LIVE_HEADER, live["rows"])]
    if nb:
        md += ["", "## Notebooks", "", md_table(["notebook", "status", "wall s", "kernel peak RSS MiB"], nb_rows),
               "", nb_summary]
    if notes:
        md += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    (OUT / "results.md").write_text("\n".join(md) + "\n")
    (OUT / "results.json").write_text(json.dumps(dict(
        started=started.isoformat(), machine=machine, load_before=load_before, load_after=load_after,
        records=records, targets=[dict(target=a, measured=b, status=c) for a, b, c in tg],
        live_plot=live and live["record"], notebooks=nb, notes=notes), indent=1) + "\n")
    log(f"wrote {OUT / 'results.md'} and {OUT / 'results.json'}")
    bad = [l for l in losses if l[-1] == "DIFFERS"]
    if bad:
        log("final losses that differ from the reference: " + "; ".join(f"{l[0]} {l[1]} {l[2]}" for l in bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
