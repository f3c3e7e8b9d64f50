#!/usr/bin/python3
"""Check that every code cell is short, as DESIGN.md asks (prose, 3-12 lines of code, prose).

Usage: /usr/bin/python3 tools/check_cell_length.py [--max N] NOTEBOOK.ipynb...

A cell's length is its number of non-blank lines, not counting `// STUB:` and `// MISTAKE:` marker lines
(the learner's copy shows the stub in place of the solution, and nobody reads the markers as code).
Prints one line per cell that is too long,  NOTEBOOK cell N: M lines (max 12)  (N counts every cell from 1,
markdown included, as Jupyter shows them), then the machine-readable last line
    SUMMARY cells notebooks=N passed=N failed=N
where a notebook passes when none of its cells is too long. Exit status 1 when any notebook fails.
"""

import argparse
import json
import sys
from pathlib import Path

MAX_LINES = 12
MARKERS = ("// STUB:", "// MISTAKE:")


def code_lines(source):
    """Non-blank lines of a cell's source that are not exercise markers."""
    if isinstance(source, list):
        source = "".join(source)
    return sum(1 for line in source.splitlines()
               if line.strip() and not line.strip().startswith(MARKERS))


def long_cells(notebook, max_lines=MAX_LINES):
    """[(cell number from 1, lines)] for each code cell longer than max_lines."""
    return [(i + 1, n) for i, cell in enumerate(notebook.get("cells", []))
            if cell.get("cell_type") == "code"
            for n in [code_lines(cell.get("source", ""))] if n > max_lines]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=MAX_LINES, help="longest allowed cell (default %(default)s)")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    passed = failed = 0
    for path in args.notebooks:
        with open(path, encoding="utf-8") as f:
            found = long_cells(json.load(f), args.max)
        for number, n in found:
            print(f"{path.name} cell {number}: {n} lines (max {args.max})")
        if found:
            failed += 1
        else:
            passed += 1
    print(f"SUMMARY cells notebooks={passed + failed} passed={passed} failed={failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
