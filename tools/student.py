#!/usr/bin/python3
"""Learner copies of the notebooks: solutions replaced by stubs, outputs cleared.

The exercise convention (nbgrader's, in Java comments; tools/workbook_tools.py parses it for this
tool and tools/check_exercises.py)
-----------------------------------------------------------------------------------------------
An exercise is a code cell with one solution region between two marker lines; the next code
cell is its check. Inside the region, comment lines say what else may stand there:

    double gradient(double w) {
        // BEGIN SOLUTION
        return 2 * (w - 3);
        // STUB: return 0.0;
        // MISTAKE: return 2 * (3 - w);
        // END SOLUTION
    }

In the learner's copy the whole region, markers and all, becomes the STUB's code (with the
STUB line's indentation) under a `// YOUR CODE HERE` comment:

    double gradient(double w) {
        // YOUR CODE HERE
        return 0.0;
    }

- `// STUB: <code>`: exactly one per region, one line of code (several statements may share the
  line). It must compile and let every later cell run; it should produce a placeholder (0.0,
  a zero tensor, an untouched variable...) that the check rejects with its own helpful
  message. Not `throw new UnsupportedOperationException()`: that fails the exercise cell, not
  the check. Not `null` where a later cell uses the value (a NullPointerException there is
  not a check failing). `// STUB:` with nothing after it removes the solution's lines.
- `// MISTAKE: <code>`: typical wrong answers; tools/check_exercises.py (stage 'exercises')
  makes sure the check rejects each of them and the stub, and accepts the solution. They never
  reach the learner's copy.
- Markers are whole lines (`// BEGIN SOLUTION`, `// END SOLUTION`, any indentation); one region
  per cell. Markdown cells are copied unchanged. (The parser: workbook_tools.parse_solution.)
- A later cell that checks something built on an exercise's result (a model trained with the
  learner's gradient, say) carries the cell tag `check` (Jupyter: View > Cell Toolbar > Tags).
  In the learner's copy it may fail too, but only the way a check does: by its own message.

`./workbook test` (stage 'student') runs each learner copy top to bottom on a fresh kernel and
expects exactly the check cells to fail, each by an exception with a message (not a compile
error, not a NullPointerException), cells tagged `check` to pass or fail the same way, and
every other cell to run cleanly.

Usage:
    tools/student.py make  --out DIR NOTEBOOK...   write learner copies into DIR
    tools/student.py check [--kernel java] [--timeout S] [--save DIR] [--jobs N] NOTEBOOK...
                                                   run each notebook's learner copy, as above;
                                                   N at once (default: $WORKBOOK_JOBS, else one
                                                   per core, at most 4), reported in the order named
    tools/student.py list  NOTEBOOK...             print the notebooks that have exercises
"""

import argparse
import copy
import functools
import os
import sys
import time
from pathlib import Path

from workbook_tools import (STARTUP_TIMEOUT, ConventionError, default_jobs, error_of, in_order, jobs_argument,
                            parse_solution, plain, start_kernel)

PLACEHOLDER = "// YOUR CODE HERE"
CHECK_TAG = "check"


def strip_solutions(source, where="cell"):
    """Return (learner source, number of regions: 0 or 1) for one cell's source text."""
    lines, region = parse_solution(source, where)
    if region is None:
        return source, 0
    stubs = region.stubs
    if len(stubs) != 1:
        raise ConventionError(
            f"{where}, line {region.begin + 1}: the solution region has {len(stubs)} '// STUB:' "
            f"lines; it needs exactly one, the line of code the learner starts from "
            f"(e.g. '// STUB: return 0.0;')")
    indent, code = stubs[0]
    out = lines[:region.begin] + [indent + PLACEHOLDER]
    if code.strip():
        out.append(indent + code.rstrip())
    return "\n".join(out + lines[region.end + 1:]), 1


def learner_copy(nb, name="notebook"):
    """Return (learner notebook, [indices of solution cells], [indices of check cells],
    number of regions)."""
    nb = copy.deepcopy(nb)
    solution_cells = []
    total = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        source, regions = strip_solutions(cell.source, f"{name}: cell {i + 1}")
        if regions:
            cell.source = source
            solution_cells.append(i)
            total += regions
        cell.outputs = []
        cell.execution_count = None
        cell.metadata.pop("execution", None)
    checks = []
    for i in solution_cells:
        nxt = next((j for j in range(i + 1, len(nb.cells)) if nb.cells[j].cell_type == "code"), None)
        if nxt is None:
            raise ConventionError(f"{name}: cell {i + 1} holds a solution but no code cell follows "
                                  f"it to check it")
        if nxt in solution_cells:
            raise ConventionError(f"{name}: cell {i + 1} holds a solution and so does the next code "
                                  f"cell {nxt + 1}; each solution needs its own check cell after it")
        checks.append(nxt)
    return nb, solution_cells, checks, total


def read(path):
    import nbformat
    return nbformat.read(str(path), as_version=4)


def cmd_make(args):
    import nbformat
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for path in args.notebooks:
        student, _, _, regions = learner_copy(read(path), Path(path).name)
        nbformat.write(student, str(out / Path(path).name))
        total += regions
        print(f"  {Path(path).name}: {regions} exercise region(s) stubbed")
    print(f"student: {len(args.notebooks)} notebook(s), {total} exercise region(s) -> {out}")
    return 0


def cmd_list(args):
    for path in args.notebooks:
        _, solutions, _, _ = learner_copy(read(path), Path(path).name)
        if solutions:
            print(path)
    return 0


def unhelpful(error):
    """Why a check cell's failure is not the check speaking, or None when it is."""
    kind, message = error
    if "compil" in kind.lower():
        return "it does not compile with the stub (the stub must keep the types the check uses)"
    if kind.endswith("NullPointerException"):
        return "it fails with a NullPointerException, not its own message (reject null explicitly)"
    if not message:
        return "it throws without a message (say what is wrong and what was expected)"
    return None


def check_one(path, args):
    """Run the learner copy of one notebook; return (ok, seconds, report lines)."""
    import nbformat
    from nbclient import NotebookClient
    path = Path(path).resolve()
    student, solutions, checks, _ = learner_copy(read(path), path.name)
    if not solutions:
        return False, 0.0, ["      no '// BEGIN SOLUTION' region: nothing to check"]
    start = time.monotonic()
    report, notes = [], []
    cwd = str(args.cwd or path.parent)
    client = NotebookClient(student, kernel_name=args.kernel, timeout=args.timeout,
                            startup_timeout=STARTUP_TIMEOUT, allow_errors=True,
                            resources={"metadata": {"path": cwd}})
    try:
        with open(os.devnull, "w") as devnull:
            start_kernel(client, cwd, note=lambda text: notes.append(f"      note: {text}"),
                         stdout=devnull, stderr=devnull)
            client.execute()
    except Exception as e:  # kernel died or did not start, a cell timed out
        report.append(f"      the run stopped: {type(e).__name__}: {plain(str(e)).strip()[:500]}")
    seconds = time.monotonic() - start
    if args.save:
        Path(args.save).mkdir(parents=True, exist_ok=True)
        nbformat.write(student, str(Path(args.save) / path.name))

    ok = not report
    tagged = {i for i, c in enumerate(student.cells)
              if c.cell_type == "code" and CHECK_TAG in c.get("metadata", {}).get("tags", [])}
    code_no = {}
    n = 0
    for i, cell in enumerate(student.cells):
        if cell.cell_type == "code":
            n += 1
            code_no[i] = n
    for i, cell in enumerate(student.cells):
        if cell.cell_type != "code":
            continue
        label = f"cell {i + 1} (code cell {code_no[i]})"
        err = error_of(cell)
        if i in checks:
            if err is None:
                ok = False
                ran = cell.get("execution_count") is not None
                report.append(f"      {label}: the check PASSED with the stub" if ran else
                              f"      {label}: the check never ran")
                report.append(indent(cell.source))
            else:
                why = unhelpful(err)
                if why:
                    ok = False
                    report.append(f"      {label}: the check fails, but {why}: {err[0]}: {err[1][:300]}")
                else:
                    report.append(f"      {label}: check fails as expected: {err[0]}: {err[1][:200]}")
        elif i in tagged and err is not None:
            why = unhelpful(err)
            if why:
                ok = False
                report.append(f"      {label}: a tagged check fails, but {why}: {err[0]}: {err[1][:300]}")
            else:
                report.append(f"      {label}: tagged check fails (allowed): {err[0]}: {err[1][:200]}")
        elif err is not None:
            ok = False
            what = "exercise cell (with its stub)" if i in solutions else "cell"
            report.append(f"      {label}: this {what} must run cleanly but fails: {err[0]}: {err[1][:300]}")
            report.append(indent(cell.source))
    return ok, seconds, notes + report


def indent(text, prefix="        | "):
    return "\n".join(prefix + line for line in text.rstrip("\n").splitlines())


def check_named(path, args):
    """check_one, a notebook that breaks the exercise convention failing with the reason."""
    try:
        return check_one(path, args)
    except ConventionError as e:
        return False, 0.0, [f"      {e}"]


def crashed(path, error):
    """The result of a notebook whose worker process died."""
    return False, 0.0, [f"      the run stopped: {type(error).__name__}: {plain(str(error)).strip()[:500]}"]


def cmd_check(args):
    passed = failed = 0
    check = functools.partial(check_named, args=args)
    for path, (ok, seconds, report) in in_order(check, args.notebooks, args.jobs, crashed):
        print(f"  {'PASS' if ok else 'FAIL'}  {os.path.relpath(path)} (learner copy)  {seconds:.1f} s", flush=True)
        for line in report:
            print(line, flush=True)
        passed += ok
        failed += not ok
    print(f"SUMMARY student passed={passed} failed={failed}", flush=True)
    return 0 if failed == 0 else 1


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make", help="write learner copies")
    m.add_argument("--out", required=True)
    m.add_argument("notebooks", nargs="+")
    c = sub.add_parser("check", help="run learner copies; only the check cells may fail")
    c.add_argument("--kernel", default="java")
    c.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    c.add_argument("--cwd", help="kernel working directory (default: the notebook's folder)")
    c.add_argument("--save", help="folder to write the executed learner copies into")
    c.add_argument("--jobs", type=jobs_argument, default=default_jobs(),
                   help="learner copies run at once, each on its own kernel (default: $WORKBOOK_JOBS, else the cores, at most 4)")
    c.add_argument("notebooks", nargs="+")
    ls = sub.add_parser("list", help="print the notebooks that have exercises")
    ls.add_argument("notebooks", nargs="*")
    args = p.parse_args(argv)
    try:
        return {"make": cmd_make, "check": cmd_check, "list": cmd_list}[args.cmd](args)
    except ConventionError as e:
        print(f"student: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
