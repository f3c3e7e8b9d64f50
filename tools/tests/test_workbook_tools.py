"""Tests of what the notebook tools share (tools/workbook_tools.py), no kernel needed.

The exercise-marker parser accepts what both earlier parsers accepted (tools/student.py's and
tools/check_exercises.py's), and both tools read a cell the same way through it.

Run: /usr/bin/python3 -m unittest discover -s tools/tests -p 'test_*.py'
"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import check_exercises  # noqa: E402
import student  # noqa: E402
import workbook_tools as wt  # noqa: E402

REGION = ("double f(double w) {\n"
          "    // BEGIN SOLUTION\n"
          "    return 2 * w;\n"
          "    // MISTAKE: return -2 * w;\n"
          "    // STUB: return 0.0;\n"
          "    // MISTAKE: return w;\n"
          "    // END SOLUTION\n"
          "}")


class Markers(unittest.TestCase):
    def test_a_region_its_lines_and_its_markers_in_order(self):
        lines, r = wt.parse_solution(REGION)
        self.assertEqual((r.begin, r.end, r.indent), (1, 6, "    "))
        self.assertEqual(lines[r.begin + 1:r.end][0], "    return 2 * w;")
        self.assertEqual(r.markers, [("mistake", "    ", "return -2 * w;"), ("stub", "    ", "return 0.0;"),
                                     ("mistake", "    ", "return w;")])
        self.assertEqual(r.stubs, [("    ", "return 0.0;")])
        self.assertEqual(len(r.mistakes), 2)

    def test_no_markers(self):
        self.assertEqual(wt.parse_solution("x = 1; // BEGIN SOLUTION in a comment"),
                         (["x = 1; // BEGIN SOLUTION in a comment"], None))

    def test_the_union_of_both_earlier_parsers(self):
        # student.py's: no space after //, tabs, several spaces before END
        for begin, stub, end in [("//BEGIN SOLUTION", "//STUB: x = 0;", "//   END SOLUTION"),
                                 ("\t// BEGIN SOLUTION\t", "\t//\tSTUB: x = 0;", "\t// END SOLUTION"),
                                 # check_exercises.py's \s: CRLF line ends, a non-breaking space
                                 ("// BEGIN SOLUTION\r", "// STUB: x = 0;\r", "// END SOLUTION\r"),
                                 ("\u00a0// BEGIN SOLUTION", "// STUB:\tx = 0;", "// END SOLUTION ")]:
            with self.subTest(begin=begin, stub=stub, end=end):
                _, r = wt.parse_solution("\n".join(["a();", begin, "x = 1;", stub, end, "b();"]))
                self.assertIsNotNone(r)
                self.assertEqual((r.begin, r.end), (1, 4))
                self.assertEqual(r.stubs[0][1], "x = 0;")

    def test_what_neither_accepted_is_still_not_a_marker(self):
        for line in ["// BEGIN  SOLUTION", "// begin solution", "/* BEGIN SOLUTION */", "// BEGIN SOLUTION here"]:
            with self.subTest(line=line):
                self.assertIsNone(wt.parse_solution(line + "\nx = 1;")[1])
        _, r = wt.parse_solution("// BEGIN SOLUTION\n// STUBS: no\n// MISTAKE x\n// END SOLUTION")
        self.assertEqual(r.markers, [])

    def test_markers_out_of_place_name_the_line(self):
        cases = [("a();\n// BEGIN SOLUTION\nb();", r"line 2: '// BEGIN SOLUTION' is never closed"),
                 ("// END SOLUTION", r"line 1: '// END SOLUTION' without"),
                 ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION", r"do not nest"),
                 ("x();\n// MISTAKE: y();", r"line 2: .* outside a solution region"),
                 ("// BEGIN SOLUTION\n// END SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION",
                  r"line 3: a second '// BEGIN SOLUTION' in one cell")]
        for source, message in cases:
            with self.subTest(source=source):
                with self.assertRaisesRegex(wt.ConventionError, message):
                    wt.parse_solution(source, "nb: cell 4")

    def test_student_and_check_exercises_read_the_same_region(self):
        before, region, after, variants = check_exercises.parse_exercise(REGION)
        self.assertEqual((before, after), (["double f(double w) {"], ["}"]))
        self.assertEqual(variants, [("mistake", "    return -2 * w;"), ("stub", "    return 0.0;"),
                                    ("mistake", "    return w;")])
        self.assertEqual(student.strip_solutions(REGION),
                         ("double f(double w) {\n    // YOUR CODE HERE\n    return 0.0;\n}", 1))
        crlf = "a();\r\n// BEGIN SOLUTION\r\nx = 1;\r\n// STUB: x = 0;\r\n// END SOLUTION\r\nb();"
        self.assertEqual(student.strip_solutions(crlf), ("a();\r\n// YOUR CODE HERE\nx = 0;\nb();", 1))
        self.assertEqual(check_exercises.parse_exercise(crlf)[3], [("stub", "x = 0;")])


class Errors(unittest.TestCase):
    def test_plain_strips_colours(self):
        self.assertEqual(wt.plain("\x1b[31mjava.lang.Error\x1b[0m: x"), "java.lang.Error: x")
        self.assertEqual(wt.plain(None), "")

    def test_error_line(self):
        self.assertEqual(wt.error_line({"ename": "EvalException", "evalue": "\x1b[1mexpected 4,\n got 0\x1b[0m"}),
                         "EvalException: expected 4, got 0")
        compile_error = {"ename": "CompilerException", "evalue": "",
                         "traceback": ["\x1b[31mcannot find symbol\x1b[0m", "", "  symbol: x", "  at 1", "more"]}
        self.assertEqual(wt.error_line(compile_error), "cannot find symbol / symbol: x / at 1")
        self.assertEqual(len(wt.error_line({"ename": "E", "evalue": "x" * 1000})), 400)

    def test_error_of_and_outputs(self):
        cell = {"outputs": [{"output_type": "stream", "text": "hi"},
                            {"output_type": "error", "ename": "EvalException", "evalue": "",
                             "traceback": ["\x1b[31mjava.lang.IllegalStateException: bad\x1b[0m"]}]}
        self.assertEqual(len(wt.error_outputs(cell)), 1)
        self.assertEqual(wt.error_of(cell), ("java.lang.IllegalStateException", "bad"))
        self.assertIsNone(wt.error_of({"outputs": []}))

    def test_output_text(self):
        cell = {"outputs": [{"output_type": "stream", "text": ["1", "2\n"]},
                            {"output_type": "execute_result", "data": {"text/plain": "x", "image/png": "..."}},
                            {"output_type": "error", "ename": "E", "evalue": "v"}]}
        self.assertEqual(wt.output_text(cell), "12\n\nx\n")
        self.assertEqual(wt.output_text(cell, errors=True), "12\n\nx\n\nE: v\n")


class FakeClient:
    """What start_kernel uses of nbclient's NotebookClient; each start fails as `fails` says."""

    def __init__(self, fails):
        self.fails, self.starts, self.cleaned, self.km, self.kc = list(fails), [], 0, None, None

    def create_kernel_manager(self):
        self.km = object()
        return self.km

    def start_new_kernel(self, cwd, **options):
        self.starts.append((cwd, options))

    def start_new_kernel_client(self):
        failure = self.fails.pop(0) if self.fails else None
        if failure:
            raise failure
        self.kc = object()

    def _cleanup_kernel(self):
        self.cleaned += 1


class StartKernel(unittest.TestCase):
    def test_a_start_that_never_answers_gets_a_fresh_kernel(self):
        client, notes = FakeClient([RuntimeError("Kernel didn't respond in 60 seconds")]), []
        self.assertEqual(wt.start_kernel(client, "/nb", note=notes.append, stdout=None), 2)
        self.assertEqual(client.starts, [("/nb", {"stdout": None})] * 2)
        self.assertEqual(client.cleaned, 1)
        self.assertEqual(notes, ["kernel start 1 failed (RuntimeError: Kernel didn't respond in 60 seconds); "
                                 "starting a fresh kernel"])

    def test_a_kernel_that_dies_while_starting_is_retried_too_and_the_last_error_raised(self):
        client = FakeClient([RuntimeError("Kernel died before replying to kernel_info")] * 3)
        with self.assertRaisesRegex(RuntimeError, "died"):
            wt.start_kernel(client, "/nb")
        self.assertEqual(len(client.starts), wt.START_ATTEMPTS)


if __name__ == "__main__":
    unittest.main()
