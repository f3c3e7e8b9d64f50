"""Tests of the prose check (tools/check_prose.py).

The rules on small notebooks made here, then the check on a real executed notebook: a copy of
notebooks/05 from target/executed/ (the notebooks stage writes it) with one quoted number changed
must fail, naming the cell, the number and the printed number nearest to it, and pass again when
the number is restored.

Run: /usr/bin/python3 -m unittest discover -s tools/tests -p 'check_prose_test.py'
"""

import contextlib
import copy
import io
import json
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import check_prose  # noqa: E402

EXECUTED = ROOT / "target" / "executed" / "notebooks" / "05-chain-rule-backprop.ipynb"


def code(source, printed):
    return {"cell_type": "code", "metadata": {}, "source": source, "execution_count": 1,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": printed}]}


def markdown(source):
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def failures(cells):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "nb.ipynb"
        path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        _, count, failed = check_prose.check_notebook(str(path), None)
    return count, [(cell, text) for cell, text, _ in failed]


def run_check(path):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = check_prose.main([str(path)])
    return status, out.getvalue()


class Rules(unittest.TestCase):
    def test_rounding_to_the_digits_written_and_nothing_else(self):
        printed = code('System.out.println(loss);', "loss 0.008459\n")
        self.assertEqual(failures([printed, markdown("It fell to 0.008459, about 0.0085 or 0.008.")]), (3, []))
        self.assertEqual(failures([printed, markdown("It fell to 0.0084.")]), (1, [(1, "0.0084")]))
        self.assertEqual(failures([printed, markdown("It fell to 0.0084590.")]), (1, [(1, "0.0084590")]),
                         "more digits than were printed are not a quote")

    def test_scientific_forms_and_percentages(self):
        printed = code("print();", "error 1.6039E-7, accuracy 0.9611, rate 4.5 %\n")
        ok = markdown("Errors $1.6\\times10^{-7}$, 1.60e-7 and 1.6 × 10⁻⁷; accuracy 96.1 % (96 %); 4.5 %.")
        self.assertEqual(failures([printed, ok]), (6, []))
        self.assertEqual(failures([printed, markdown("Error $1.7\\times10^{-7}$.")])[1], [(1, "1.7\\times10^{-7}")])
        self.assertEqual(failures([printed, markdown("Accuracy 97 %.")])[1], [(1, "97")])
        self.assertEqual(failures([printed, markdown("Accuracy 96.1–96.11 %.")]), (2, []), "a range of percentages")

    def test_a_minus_sign_written_must_be_printed(self):
        printed = code("print();", "w = -0.46, b = 0.3\n")
        self.assertEqual(failures([printed, markdown("$w = -0.46$, also 0.46 in size, and b = 0.3.")]), (3, []))
        self.assertEqual(failures([printed, markdown("b = −0.3.")])[1], [(1, "−0.3")])

    def test_only_outputs_before_the_cell_count(self):
        cells = [markdown("# Title"), markdown("The loss will be 0.25."), code("print();", "0.25\n")]
        self.assertEqual(failures(cells), (1, [(1, "0.25")]))
        self.assertEqual(failures([markdown("You will see a loss of 0.25."), cells[2]]), (1, []),
                         "the introduction (first markdown cell) may announce any output")

    def test_what_is_not_a_quote(self):
        cells = [code("double lr = 0.15; int steps = 500;", "done\n"),
                 markdown("## 3. Steps\n<details><summary><b>12. Why?</b></summary>\n"
                          "With lr 0.15 for 500 steps (notebook 06, 1986, 2 layers, `x = 3.25`), "
                          "$x^{10}$, $10^{-7}$, $w_{12}$, and $e^{0.1} = 1.105$.\n"
                          "<!-- not quotes: 1.105 (e^0.1) -->")]
        self.assertEqual(failures(cells), (0, []))
        self.assertEqual(failures([cells[0], markdown("$e^{0.1} = 1.105$ and 0.123.\n<!-- not quotes: 1.105 -->")]),
                         (1, [(1, "0.123")]))
        refs = markdown("# 12 · Convolution\nAs in notebook 12 and notebooks 13–15 (see [16 · Interview drill](16-x.ipynb), "
                        "**14 · Attention**), with 37 units.")
        self.assertEqual(failures([cells[0], refs]), (1, [(1, "37")]))

    def test_stream_pieces_are_joined_before_reading_numbers(self):
        cell = code("print();", "")
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": t} for t in ("ratio 1.0", "03\n")]
        self.assertEqual(failures([cell, markdown("The ratio is 1.003.")]), (1, []))


class PlantedNumber(unittest.TestCase):
    """A wrong number planted in a copy of a real executed notebook fails the check; restored, it passes."""

    def test_planted_wrong_number_fails_and_restored_passes(self):
        self.assertTrue(EXECUTED.is_file(), f"{EXECUTED} is missing: run the notebooks first "
                                            f"(./workbook test notebooks prose)")
        nb = json.loads(EXECUTED.read_text(encoding="utf-8"))
        index, right, wrong = None, "$0.008459$", "$0.008425$"
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "markdown" and "the loss fell to " + right in "".join(cell["source"]):
                index = i
        self.assertIsNotNone(index, "the summary of 05 no longer quotes the loss after one step, 0.008459")
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / EXECUTED.name
            status, out = run_check(EXECUTED)
            self.assertEqual(status, 0, "the executed notebook itself must pass:\n" + out)

            planted = copy.deepcopy(nb)
            source = "".join(planted["cells"][index]["source"]).replace(right, wrong)
            planted["cells"][index]["source"] = source
            path.write_text(json.dumps(planted), encoding="utf-8")
            status, out = run_check(path)
            self.assertEqual(status, 1, out)
            self.assertIn(f"cell {index}: 0.008425 is not in the outputs of the code cells before it; "
                          f"nearest printed: 0.008459", out)
            self.assertIn(f"FAILED {path}: cell {index}: 0.008425", out)

            path.write_text(json.dumps(nb), encoding="utf-8")
            status, out = run_check(path)
            self.assertEqual(status, 0, out)


if __name__ == "__main__":
    unittest.main()
