"""Tests of the learner-copy transformation (tools/student.py), no kernel needed.

Run: /usr/bin/python3 -m unittest discover -s tools/tests -p 'test_*.py'
"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nbformat  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output  # noqa: E402

import student  # noqa: E402


class StripSolutions(unittest.TestCase):
    def test_the_stub_replaces_the_region_with_the_stub_lines_indentation(self):
        src = ("double f(double w) {\n"
               "    // BEGIN SOLUTION\n"
               "    double g = 2 * w;\n"
               "    return g;\n"
               "    // STUB: return 0.0;\n"
               "    // MISTAKE: return -2 * w;\n"
               "    // END SOLUTION\n"
               "}")
        out, n = student.strip_solutions(src)
        self.assertEqual(n, 1)
        self.assertEqual(out, "double f(double w) {\n"
                              "    // YOUR CODE HERE\n"
                              "    return 0.0;\n"
                              "}")

    def test_empty_stub_leaves_only_the_placeholder_comment(self):
        out, n = student.strip_solutions("for (;;) {\n  // BEGIN SOLUTION\n  w -= 1;\n  // STUB:\n  // END SOLUTION\n}")
        self.assertEqual((out, n), ("for (;;) {\n  // YOUR CODE HERE\n}", 1))

    def test_markers_without_spaces_and_text_outside_kept(self):
        src = "a();\n//BEGIN SOLUTION\nx = 1;\n//STUB: x = 0; y = 0;\n//   END SOLUTION\nb();"
        self.assertEqual(student.strip_solutions(src), ("a();\n// YOUR CODE HERE\nx = 0; y = 0;\nb();", 1))

    def test_solution_and_mistakes_never_survive(self):
        out, _ = student.strip_solutions("// BEGIN SOLUTION\nreturn secret();\n// STUB: return 0;\n"
                                         "// MISTAKE: return wrong();\n// END SOLUTION")
        self.assertEqual(out, "// YOUR CODE HERE\nreturn 0;")

    def test_cell_without_markers_is_unchanged(self):
        src = "int x = 1; // a comment that mentions SOLUTION and STUB\nx"
        self.assertEqual(student.strip_solutions(src), (src, 0))

    def test_a_region_needs_exactly_one_stub(self):
        with self.assertRaisesRegex(student.ConventionError, r"line 1: the solution region has 0 '// STUB:' lines"):
            student.strip_solutions("// BEGIN SOLUTION\nx = 1;\n// END SOLUTION")
        with self.assertRaisesRegex(student.ConventionError, r"has 2 '// STUB:' lines; it needs exactly one"):
            student.strip_solutions("// BEGIN SOLUTION\n// STUB: a();\n// STUB: b();\n// END SOLUTION")

    def test_one_region_per_cell(self):
        region = "// BEGIN SOLUTION\nx = 1;\n// STUB: x = 0;\n// END SOLUTION"
        with self.assertRaisesRegex(student.ConventionError, r"line 5: a second '// BEGIN SOLUTION' in one cell"):
            student.strip_solutions(region + "\n" + region)

    def test_unclosed_region_names_the_line(self):
        with self.assertRaisesRegex(student.ConventionError, r"line 2: '// BEGIN SOLUTION' is never closed"):
            student.strip_solutions("a();\n// BEGIN SOLUTION\nb();")

    def test_end_without_begin(self):
        with self.assertRaisesRegex(student.ConventionError, r"line 1: '// END SOLUTION' without"):
            student.strip_solutions("// END SOLUTION")

    def test_nested_regions_are_refused(self):
        with self.assertRaisesRegex(student.ConventionError, r"do not nest"):
            student.strip_solutions("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION")

    def test_stub_or_mistake_outside_a_region_is_refused(self):
        with self.assertRaisesRegex(student.ConventionError, r"line 1: '// STUB: return 0;\.\.\.' outside"):
            student.strip_solutions("// STUB: return 0;")
        with self.assertRaisesRegex(student.ConventionError, r"line 2: .* outside a solution region"):
            student.strip_solutions("x();\n// MISTAKE: y();")


def notebook(*cells):
    nb = new_notebook()
    nb.cells = list(cells)
    return nb


class LearnerCopy(unittest.TestCase):
    def test_outputs_cleared_and_check_cells_found(self):
        solved = new_code_cell("// BEGIN SOLUTION\nx = 1;\n// STUB: x = 0;\n// END SOLUTION", execution_count=3,
                               outputs=[new_output("stream", name="stdout", text="hi")])
        nb = notebook(new_code_cell("%jars x.jar"), new_markdown_cell("// BEGIN SOLUTION is fine here"),
                      solved, new_markdown_cell("text"), new_code_cell("check();"), new_code_cell("after();"))
        copy, solutions, checks, regions = student.learner_copy(nb)
        self.assertEqual((solutions, checks, regions), ([2], [4], 1))
        self.assertEqual(copy.cells[2].outputs, [])
        self.assertIsNone(copy.cells[2].execution_count)
        self.assertEqual(copy.cells[1].source, "// BEGIN SOLUTION is fine here")
        self.assertEqual(nb.cells[2].execution_count, 3, "the original notebook is not modified")
        nbformat.validate(copy)

    def test_solution_in_the_last_code_cell_has_no_check(self):
        nb = notebook(new_code_cell("// BEGIN SOLUTION\nx = 1;\n// STUB: x = 0;\n// END SOLUTION"))
        with self.assertRaisesRegex(student.ConventionError, "no code cell follows"):
            student.learner_copy(nb)

    def test_two_solution_cells_in_a_row_are_refused(self):
        sol = "// BEGIN SOLUTION\nx = 1;\n// STUB:\n// END SOLUTION"
        nb = notebook(new_code_cell(sol), new_code_cell(sol), new_code_cell("check();"))
        with self.assertRaisesRegex(student.ConventionError, "needs its own check cell"):
            student.learner_copy(nb)


class Classify(unittest.TestCase):
    def error_cell(self, first_traceback_line, ename="EvalException", evalue=""):
        return {"outputs": [{"output_type": "error", "ename": ename, "evalue": evalue,
                             "traceback": ["\x1b[31m" + first_traceback_line + "\x1b[0m", "at ..."]}]}

    def test_exception_with_message_is_a_proper_check_failure(self):
        err = student.error_of(self.error_cell("java.lang.IllegalStateException: expected 4, got 0.0"))
        self.assertEqual(err, ("java.lang.IllegalStateException", "expected 4, got 0.0"))
        self.assertIsNone(student.unhelpful(err))

    def test_compile_error_and_npe_are_not(self):
        compile_err = student.error_of(self.error_cell("Compile error:", ename="CompilerException"))
        self.assertIn("does not compile", student.unhelpful(compile_err))
        npe = student.error_of(self.error_cell("java.lang.NullPointerException: Cannot invoke"))
        self.assertIn("NullPointerException", student.unhelpful(npe))

    def test_cell_without_error(self):
        self.assertIsNone(student.error_of({"outputs": [{"output_type": "stream", "text": "x"}]}))


if __name__ == "__main__":
    unittest.main()
