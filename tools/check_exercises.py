#!/usr/bin/python3
"""Check that every exercise's check cell really checks.

Usage: /usr/bin/python3 tools/check_exercises.py [--timeout S] NOTEBOOK.ipynb...

An exercise is a code cell holding `// BEGIN SOLUTION` ... `// END SOLUTION`; the next code cell is its
check. Inside the solution region the author lists
    // STUB: <code>       what a learner's copy holds instead of the solution (must compile)
    // MISTAKE: <code>    a typical wrong answer (sign flip, missing 1/n, transposed weight, ...)
For each exercise, on one kernel, running the notebook top to bottom:
    the stub and each mistake in place of the region  ->  the variant cell runs, the check cell FAILS
    the solution                                       ->  the check cell passes
Each exercise is one test unit. The check's message for each variant is printed, so a reviewer can
judge whether it helps the learner. --jobs N checks N notebooks at once, each on its own kernel
(default: $WORKBOOK_JOBS, else one per core, at most 4); the report comes out in the order the notebooks were named.

The last line is machine-readable for ./workbook:  SUMMARY exercises passed=N failed=N
"""

import argparse
import functools
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from workbook_tools import (STARTUP_TIMEOUT, default_jobs, error_line, error_outputs, in_order, jobs_argument,
                            parse_solution, plain, start_kernel)


def parse_exercise(source, where="cell"):
    """(before, region, after, variants) for a cell with one solution region, or None; variants are
    the region's STUB and MISTAKE lines in order, each (kind, its code with the marker's indentation)."""
    lines, region = parse_solution(source, where)
    if region is None:
        return None
    variants = [(kind, indent + code) for kind, indent, code in region.markers]
    return lines[:region.begin], lines[region.begin + 1:region.end], lines[region.end + 1:], variants


def replaced(before, after, code):
    return "\n".join(before + [code] + after)


errors = error_outputs


def error_text(cell):
    errs = errors(cell)
    return error_line(errs[0]) if errs else ""


def run_cell(client, source, index):
    cell = nbformat.v4.new_code_cell(source)
    client.nb.cells[index] = cell  # where nbclient applies updateDisplay's in-place updates (live plots)
    client.execute_cell(cell, index)
    return cell


def check_notebook(path, timeout):
    """Returns (passed, failed, report lines)."""
    nb = nbformat.read(str(path), as_version=4)
    # nbclient stores each executed cell back into nb.cells, so keep our own copy of the originals.
    cells = [nbformat.from_dict(dict(c)) for c in nb.cells]
    code_indices = [i for i, c in enumerate(cells) if c.cell_type == "code"]
    exercises = {}
    for n, i in enumerate(code_indices):
        parsed = parse_exercise(cells[i].source, f"{path.name}: cell {i + 1}")
        if parsed is not None:
            if n + 1 >= len(code_indices):
                raise ValueError(f"{path.name}: exercise in cell {i + 1} has no check cell after it")
            exercises[i] = (parsed, code_indices[n + 1])
    if not exercises:
        return 0, 0, []
    client = NotebookClient(nbformat.from_dict(nb), kernel_name="java", timeout=timeout, allow_errors=True,
                            startup_timeout=STARTUP_TIMEOUT, resources={"metadata": {"path": str(path.parent)}})
    notes = []
    start_kernel(client, str(path.parent), note=lambda text: notes.append(f"  note: {text}"))
    with client.setup_kernel():  # the kernel is up: this only shuts it down at the end
        passed, failed, report = run_exercises(client, path, cells, code_indices, exercises)
    return passed, failed, notes + report


def run_exercises(client, path, cells, code_indices, exercises):
    report, passed, failed = [], 0, 0
    skip = set()
    for i in code_indices:
        if i in skip:
            continue
        if i not in exercises:
            cell = run_cell(client, cells[i].source, i)
            if errors(cell):
                report.append(f"  {path.name}: cell {i + 1} failed before the exercises could be checked: "
                              f"{error_text(cell)}")
                return passed, failed + len(exercises), report
            continue
        (before, region, after, variants), check_index = exercises[i]
        check_source = cells[check_index].source
        problems, lines = [], []
        if not any(kind == "stub" for kind, _ in variants):
            problems.append("no `// STUB:` line in the solution region")
        if not any(kind == "mistake" for kind, _ in variants):
            problems.append("no `// MISTAKE:` line in the solution region")
        for kind, code in variants:
            variant = run_cell(client, replaced(before, after, code), i)
            if errors(variant):
                problems.append(f"the {kind} `{code.strip()}` does not run: {error_text(variant)}")
                continue
            check = run_cell(client, check_source, check_index)
            if not errors(check):
                problems.append(f"the check PASSES with the {kind} `{code.strip()}`")
            else:
                lines.append(f"      {kind:8} {code.strip()}\n               -> {error_text(check)}")
        solution = run_cell(client, cells[i].source, i)
        check = run_cell(client, check_source, check_index)
        if errors(solution) or errors(check):
            problems.append(f"the solution fails its check: {error_text(solution) or error_text(check)}")
        skip.add(check_index)
        where = f"{path.name} cell {i + 1}"
        if problems:
            failed += 1
            report.append(f"  FAIL {where}")
            report.extend(f"      {p}" for p in problems)
        else:
            passed += 1
            report.append(f"  ok   {where}: the check rejects {len(variants)} variants and accepts the solution")
        report.extend(lines)
    return passed, failed, report


def check_named(name, timeout):
    """check_notebook for a notebook named on the command line; returns (passed, failed, report, seconds),
    a notebook that could not be checked counting as one failure."""
    path = Path(name).resolve()
    start = time.monotonic()
    try:
        p, f, report = check_notebook(path, timeout)
    except Exception as e:  # kernel did not start, malformed exercise, ...
        p, f, report = 0, 1, [f"  FAIL {path.name}: {type(e).__name__}: {plain(str(e)).strip()}"]
    return p, f, report, time.monotonic() - start


def crashed(name, error):
    """The result of a notebook whose worker process died."""
    return 0, 1, [f"  FAIL {Path(name).name}: {type(error).__name__}: {plain(str(error)).strip()}"], 0.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--timeout", type=int, default=120, help="per-cell limit in seconds")
    ap.add_argument("--jobs", type=jobs_argument, default=default_jobs(),
                    help="notebooks checked at once, each on its own kernel (default: $WORKBOOK_JOBS, else the cores, at most 4)")
    args = ap.parse_args(argv)
    total_passed = total_failed = 0
    check = functools.partial(check_named, timeout=args.timeout)
    for name, (p, f, report, seconds) in in_order(check, args.notebooks, args.jobs, crashed):
        if p or f:
            print(f"{Path(name).name}: {p} exercise(s) checked, {f} failed ({seconds:.1f} s)", flush=True)
            print("\n".join(report), flush=True)
        total_passed += p
        total_failed += f
    print(f"SUMMARY exercises passed={total_passed} failed={total_failed}")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
