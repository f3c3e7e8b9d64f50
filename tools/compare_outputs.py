#!/usr/bin/python3
"""Compare the text outputs of the same notebooks executed on two kernels, cell by cell.

Usage: /usr/bin/python3 tools/compare_outputs.py --label-a A --label-b B DIR_A DIR_B NOTEBOOK...

NOTEBOOK paths are relative to both folders (e.g. notebooks/04-momentum-rmsprop-adam.ipynb).
The text of a code cell is everything it printed (stdout, stderr: the pieces joined as they
came, however the kernel cut them) and the text/plain form of what it displayed or returned,
each on lines of its own, in order. Two things are left out because they depend on the
clock, not on the numbers: the redrawn states of a progress line (of each line only the part
after its last carriage return is kept) and rates and times (12345 steps/s, 3.2 ms, 0.5 s).
A line that says "(timed)" depends on the clock as a whole (a ratio of two timings, a count of
redraws) and is compared as the single word <timed>.
Images are not compared.

For each notebook one line: SAME, or DIFFERENT with the first differing line of each differing
cell (up to five cells). Closing line: SUMMARY compare same=N different=N missing=N
Exit status: 0 when every notebook is the same, 1 otherwise. Standard library only (and
tools/workbook_tools.py: a cell's text, output_text).
"""

import argparse
import json
import os
import re
import sys

from workbook_tools import output_text

TIMING = re.compile(r"\b\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s?(?:steps/s|ns|µs|us|ms|s)\b")


def normalise(text):
    lines = []
    for line in text.split("\n"):
        line = line.split("\r")[-1]
        lines.append("<timed>" if "(timed)" in line else TIMING.sub("<time>", line).rstrip())
    return "\n".join(lines)


def cell_texts(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    texts = []
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        texts.append((index, normalise(output_text(cell, errors=True))))
    return texts


def first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<no line>"
        y = lb[i] if i < len(lb) else "<no line>"
        if x != y:
            return i + 1, x, y
    return None


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir_a")
    p.add_argument("dir_b")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--label-a", default="A")
    p.add_argument("--label-b", default="B")
    args = p.parse_args(argv)
    same = different = missing = 0
    for name in args.notebooks:
        pa, pb = os.path.join(args.dir_a, name), os.path.join(args.dir_b, name)
        if not (os.path.isfile(pa) and os.path.isfile(pb)):
            missing += 1
            print(f"  MISSING  {name}: not executed on both kernels ({pa if not os.path.isfile(pa) else pb})")
            continue
        ta, tb = cell_texts(pa), cell_texts(pb)
        diffs = []
        for (ia, xa), (_, xb) in zip(ta, tb):
            if xa != xb:
                diffs.append((ia, first_difference(xa, xb)))
        if len(ta) != len(tb):
            diffs.append((-1, (0, f"{len(ta)} code cells", f"{len(tb)} code cells")))
        lines = sum(x.count("\n") for _, x in ta)
        if not diffs:
            same += 1
            print(f"  SAME  {name}: {len(ta)} code cells, {lines} lines of text output")
            continue
        different += 1
        print(f"  DIFFERENT  {name}: {len(diffs)} cell(s) differ")
        for index, (line_no, x, y) in diffs[:5]:
            print(f"      cell {index}, line {line_no}:")
            print(f"        {args.label_a}: {x}")
            print(f"        {args.label_b}: {y}")
    print(f"SUMMARY compare same={same} different={different} missing={missing}")
    return 0 if different == 0 and missing == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
