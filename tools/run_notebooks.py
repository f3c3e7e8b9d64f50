#!/usr/bin/python3
"""Execute notebooks headless, each on a fresh kernel, and report pass/fail per notebook.

Usage: /usr/bin/python3 tools/run_notebooks.py [options] NOTEBOOK.ipynb...

Each notebook runs with its own folder as the kernel's working directory (so
`%jars ../target/backprop-workbook.jar` resolves as it does in Jupyter). A notebook
fails when a cell raises, when any cell leaves an `error` output, when a cell runs
longer than --timeout seconds, or when the kernel dies. Executed copies are written
under --out (never next to the source notebook); the kernel's own log goes beside them.

--jobs N runs N notebooks at once, each on its own kernel (default: $WORKBOOK_JOBS, else one per core,
at most 4); the
lines come out in the order the notebooks were named all the same. Each notebook's time is its own
wall time, start-up included; with more than one at a time they share the cores, so --jobs 1 gives
the times to quote.

The closing lines are machine-readable for `./workbook`: one per failed notebook, then the summary:
    FAILED notebooks/NN-name.ipynb: cell K: <the error, on one line>
    SUMMARY notebooks passed=N failed=N seconds=S jobs=N
Exit status: 0 when every notebook passed, 1 otherwise, 2 on bad usage.

Uses only Debian's packages (python3-nbclient, python3-nbformat, python3-jupyter-client).
The kernel is looked up the usual Jupyter way, so run it with JUPYTER_PATH pointing at
the project's kernelspec (./workbook does this).
"""

import argparse
import functools
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from workbook_tools import (STARTUP_TIMEOUT, default_jobs, describe_error, error_line, error_outputs, in_order,
                            jobs_argument, plain, start_kernel)

EXPECTED_KERNELSPEC = {"name": "java", "display_name": "Java", "language": "java"}


def indent(text, prefix="      | "):
    return "\n".join(prefix + line for line in text.rstrip("\n").splitlines())


def lint(nb):
    """Problems with the committed form of a notebook (outputs left in, wrong kernelspec)."""
    problems = []
    spec = nb.metadata.get("kernelspec", {})
    for key, want in EXPECTED_KERNELSPEC.items():
        if spec.get(key) != want:
            problems.append(f'metadata.kernelspec.{key} is {spec.get(key)!r}, expected {want!r}')
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            problems.append(f"cell {i} was saved with outputs; clear them before committing "
                            f"(Jupyter: Cell > All Output > Clear, then save)")
            break
    return problems


def run_one(path, args, root_out):
    """Execute one notebook; return (ok, seconds, report_lines, one_line_reason)."""
    path = Path(path).resolve()
    nb = nbformat.read(str(path), as_version=4)
    report = []

    problems = lint(nb)
    if problems:
        for p in problems:
            report.append(f"      {'error' if args.strict else 'warning'}: {p}")
        if args.strict:
            return False, 0.0, report, problems[0]

    try:
        rel = path.relative_to(Path(args.root).resolve())
    except ValueError:
        rel = Path(path.name)
    out_path = Path(root_out) / rel
    out_path.parent.mkdir(parents=True, exist_ok=True)
    log_path = out_path.with_suffix(".kernel.log")

    current = {"index": None}

    def on_start(cell, cell_index, **_):
        current["index"] = cell_index

    log_path.write_text("")
    failure, seconds = execute(nb, args, path, log_path, on_start,
                               note=lambda text: report.append(f"      note: {text} (kernel log: {log_path})"))
    nbformat.write(nb, str(out_path))
    return finish(nb, failure, seconds, current, out_path, report)


def execute(nb, args, path, log_path, on_start, note):
    """Run every cell of nb on a fresh kernel (workbook_tools.start_kernel: a start that never answers
    is retried); return (failure or None, seconds)."""
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=on_start,
    )

    failure = None
    start = time.monotonic()
    with open(log_path, "a") as log:
        try:
            start_kernel(client, str(path.parent), note=note, stdout=log, stderr=log)
            client.execute()
        except CellTimeoutError:
            failure = ("timeout", f"the cell ran longer than {args.timeout} s "
                                  f"(per-cell limit; change with --timeout)")
        except DeadKernelError as e:
            failure = ("dead", f"the kernel died: {plain(str(e)).strip()} (kernel log: {log_path})")
        except CellExecutionError:
            failure = ("error", None)
        except Exception as e:  # kernel did not start, bad kernelspec, ...
            failure = ("other", f"{type(e).__name__}: {plain(str(e)).strip()} (kernel log: {log_path})")
    return failure, time.monotonic() - start


def finish(nb, failure, seconds, current, out_path, report):
    """Decide pass/fail from the executed notebook; return (ok, seconds, report_lines)."""
    log_path = out_path.with_suffix(".kernel.log")
    # Any error output fails the notebook, even one the kernel reported with status "ok".
    bad_cell = None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and error_outputs(cell):
            bad_cell = i
            break
    if failure is None and bad_cell is None:
        return True, seconds, report, None

    index = bad_cell if bad_cell is not None else current["index"]
    reason = failure[1] if failure is not None and failure[1] is not None else "error"
    if index is not None:
        cell = nb.cells[index]
        code_no = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
        report.append(f"      cell {index + 1} (code cell {code_no}):")
        report.append(indent(cell.source))
        errs = error_outputs(cell)
        if errs:
            report.append("      error:")
            report.append(indent(describe_error(errs[0]), "        "))
            reason = error_line(errs[0])
        reason = f"cell {index + 1}: {reason}"
    if failure is not None and failure[1] is not None:
        report.append(f"      error: {failure[1]}")
    report.append(f"      executed copy: {out_path}")
    return False, seconds, report, reason


def crashed(path, error):
    """The result of a notebook whose run ended in an exception outside a cell (its worker died)."""
    why = f"the run stopped: {type(error).__name__}: {' '.join(plain(str(error)).split())}"
    return False, 0.0, [f"      error: {why}"], why


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("notebooks", nargs="+", help="notebook files to execute, in order")
    p.add_argument("--out", default="target/executed", help="folder for executed copies")
    p.add_argument("--root", default=".", help="paths under --out mirror paths relative to this")
    p.add_argument("--kernel", default="java", help="kernelspec name (default: java)")
    p.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    p.add_argument("--startup-timeout", type=int, default=STARTUP_TIMEOUT,
                   help="seconds allowed for kernel start (about 1.5 s on an idle machine; "
                        "a start that never answers is retried)")
    p.add_argument("--jobs", type=jobs_argument, default=default_jobs(),
                   help="notebooks run at once, each on its own kernel (default: $WORKBOOK_JOBS, else the cores, at most 4: "
                        f"{default_jobs()} here)")
    p.add_argument("--strict", action="store_true",
                   help="fail notebooks saved with outputs or with the wrong kernelspec")
    args = p.parse_args(argv)

    missing = [n for n in args.notebooks if not os.path.isfile(n)]
    if missing:
        print(f"run_notebooks: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2

    passed = failed = 0
    reasons = []
    total_start = time.monotonic()
    if args.jobs > 1 and len(args.notebooks) > 1:
        print(f"  ({min(args.jobs, len(args.notebooks))} notebooks at a time, each on its own kernel; "
              f"a time is that notebook's own, while it shared the cores: --jobs 1 for times to quote)",
              flush=True)
    run = functools.partial(run_one, args=args, root_out=args.out)
    for nb_path, (ok, seconds, report, reason) in in_order(run, args.notebooks, args.jobs, crashed):
        name = os.path.relpath(nb_path, args.root)
        print(f"  {'PASS' if ok else 'FAIL'}  {name}  {seconds:.1f} s", flush=True)
        for line in report:
            print(line, flush=True)
        if ok:
            passed += 1
        else:
            failed += 1
            reasons.append(f"FAILED {name}: {reason}")
    total = time.monotonic() - total_start
    for line in reasons:
        print(line, flush=True)
    print(f"SUMMARY notebooks passed={passed} failed={failed} seconds={total:.1f} jobs={args.jobs}", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Every kernel was shut down by NotebookClient.execute(); skip nbclient's atexit clean-up,
    # which prints a spurious traceback after a kernel that failed to start.
    os._exit(code)
