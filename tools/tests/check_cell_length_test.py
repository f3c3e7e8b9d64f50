"""Tests of the cell-length rule (tools/check_cell_length.py), no kernel needed.

Run: /usr/bin/python3 -m unittest discover -s tools/tests -p 'test_*.py'
"""

import contextlib
import io
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import check_cell_length  # noqa: E402


def notebook(*code_cells):
    cells = [{"cell_type": "markdown", "id": "m0", "metadata": {}, "source": "# title"}]
    cells += [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": src,
               "outputs": [], "execution_count": None} for i, src in enumerate(code_cells)]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def lines(n, prefix="x"):
    return "\n".join(f"int {prefix}{i} = {i};" for i in range(n))


class CellLength(unittest.TestCase):
    def run_checker(self, nb):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "99-fixture.ipynb"
            path.write_text(json.dumps(nb), encoding="utf-8")
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                rc = check_cell_length.main([str(path)])
        return rc, out.getvalue().splitlines()

    def test_a_thirteen_line_cell_fails_and_is_named(self):
        rc, out = self.run_checker(notebook(lines(3), lines(13)))
        self.assertEqual(rc, 1)
        self.assertEqual(out, ["99-fixture.ipynb cell 3: 13 lines (max 12)",
                               "SUMMARY cells notebooks=1 passed=0 failed=1"])

    def test_twelve_lines_pass_and_blank_lines_do_not_count(self):
        rc, out = self.run_checker(notebook(lines(6) + "\n\n   \n" + lines(6, "y")))
        self.assertEqual(rc, 0)
        self.assertEqual(out, ["SUMMARY cells notebooks=1 passed=1 failed=0"])

    def test_stub_and_mistake_markers_are_counted_out(self):
        src = ("double f(double w) {\n"
               "    // BEGIN SOLUTION\n"
               "    // STUB: return 0.0;\n"
               "    // MISTAKE: return -2 * w;\n"
               "    // MISTAKE: return w;\n"
               + lines(8) + "\n"
               "    // END SOLUTION\n"
               "}")
        self.assertEqual(check_cell_length.code_lines(src), 12)
        rc, out = self.run_checker(notebook(src))
        self.assertEqual(rc, 0, out)

    def test_source_as_a_list_of_lines_counts_the_same(self):
        src = lines(13)
        as_list = [line + "\n" for line in src.split("\n")]
        self.assertEqual(check_cell_length.code_lines(as_list), 13)

    def test_markdown_cells_are_not_counted(self):
        nb = notebook(lines(2))
        nb["cells"][0]["source"] = lines(40)
        self.assertEqual(check_cell_length.long_cells(nb), [])


if __name__ == "__main__":
    unittest.main()
