"""Tests of what the notebook tools share (tools/workbook_tools.py), no kernel needed.

The exercise-marker parser accepts what both earlier parsers accepted (tools/student.py's and
tools/check_exercises.py's), and both tools read a cell the same way through it.

Run: /usr/bin/python3 -m unittest discover -s tools/tests -p 'test_*.py'
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import check_exercises  # noqa: E402
import run_notebooks  # noqa: E402
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


# ------------------------------------------------------------------------------------------ several at once
# Work for in_order's worker processes: module-level, so that a worker can be handed it.

def nap(seconds):
    start = time.time()
    time.sleep(seconds)
    return seconds, os.getpid(), start, time.time()


def raise_on_negative(x):
    if x < 0:
        raise ValueError(f"negative: {x}")
    return x


def die_on_negative(x):
    if x < 0:
        os._exit(3)   # the worker process dies, as a crashed interpreter would
    time.sleep(0.2)
    return x


def recorded(item, error):
    return ("crashed", item, type(error).__name__)


class SeveralAtOnce(unittest.TestCase):
    def test_results_come_in_the_order_named_though_the_first_finishes_last(self):
        items = [0.6, 0.05, 0.1, 0.05]
        results = list(wt.in_order(nap, items, 2, recorded))
        self.assertEqual([item for item, _ in results], items)
        self.assertEqual([r[0] for _, r in results], items)
        pids = {r[1] for _, r in results}
        self.assertNotIn(os.getpid(), pids)
        self.assertEqual(len(pids), 2)
        long_end = results[0][1][3]
        self.assertTrue(all(r[2] < long_end for _, r in results[1:]))   # the short ones ran beside the long one

    def test_one_job_runs_here_one_after_another(self):
        results = list(wt.in_order(nap, [0.01, 0.01], 1, recorded))
        self.assertEqual({r[1] for _, r in results}, {os.getpid()})

    def test_an_exception_is_that_items_result_only(self):
        for jobs in (1, 2):
            with self.subTest(jobs=jobs):
                self.assertEqual([r for _, r in wt.in_order(raise_on_negative, [1, -2, 3], jobs, recorded)],
                                 [1, ("crashed", -2, "ValueError"), 3])

    def test_a_worker_that_dies_is_reported_not_waited_for(self):
        results = dict(wt.in_order(die_on_negative, [-1, 2], 2, recorded))
        self.assertEqual(results[-1], ("crashed", -1, "BrokenProcessPool"))

    def test_default_and_argument(self):
        self.assertTrue(1 <= wt.default_jobs({}) <= wt.MAX_JOBS)
        self.assertEqual(wt.default_jobs({"WORKBOOK_JOBS": "1"}), 1)
        self.assertEqual(wt.default_jobs({"WORKBOOK_JOBS": "3"}), 3)
        self.assertEqual(wt.jobs_argument("2"), 2)
        for bad in ("0", "two"):
            with self.subTest(bad=bad), self.assertRaisesRegex(ValueError, "jobs: .*give"):
                wt.jobs_argument(bad)


def notebook_file(folder, name, outputs=False, sources=("int x = 1;",)):
    cells = [{"cell_type": "code", "id": f"cell-{i}", "metadata": {}, "source": src, "execution_count": 1 if outputs else None,
              "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}] if outputs else []}
             for i, src in enumerate(sources)]
    nb = {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}}}
    path = Path(folder) / name
    path.write_text(json.dumps(nb))
    return str(path)


class ToolsSeveralAtOnce(unittest.TestCase):
    """The tools' reports at --jobs 2 read as at --jobs 1 (notebooks refused before any kernel starts)."""

    def run_main(self, main, argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(argv)
        return code, out.getvalue()

    def test_run_notebooks_reports_in_the_order_named(self):
        with tempfile.TemporaryDirectory() as d:
            names = [notebook_file(d, f"{n:02d}-saved.ipynb", outputs=True) for n in (3, 1, 2)]
            reports = {}
            for jobs in (1, 2):
                code, text = self.run_main(run_notebooks.main, ["--strict", "--root", d, "--out", f"{d}/out",
                                                                "--jobs", str(jobs)] + names)
                self.assertEqual(code, 1)
                lines = [line for line in text.splitlines() if not line.startswith("  (")]
                self.assertEqual([line.split()[1] for line in lines if line.startswith("  FAIL")],
                                 ["03-saved.ipynb", "01-saved.ipynb", "02-saved.ipynb"])
                self.assertTrue(lines[-1].startswith("SUMMARY notebooks passed=0 failed=3 seconds="), lines[-1])
                self.assertTrue(lines[-1].endswith(f" jobs={jobs}"), lines[-1])
                reports[jobs] = [line for line in lines if not line.startswith("SUMMARY")]
            self.assertEqual(reports[1], reports[2])
            self.assertIn("  (2 notebooks at a time", text)

    def test_check_exercises_reports_in_the_order_named(self):
        no_check = ("x = 1;", "// BEGIN SOLUTION\nx = 2;\n// STUB: x = 0;\n// END SOLUTION")
        with tempfile.TemporaryDirectory() as d:
            names = [notebook_file(d, f"{n}-exercise.ipynb", sources=no_check) for n in (2, 1)]
            for jobs in (1, 2):
                with self.subTest(jobs=jobs):
                    code, text = self.run_main(check_exercises.main, ["--jobs", str(jobs)] + names)
                    self.assertEqual(code, 1)
                    self.assertEqual([line.split(":")[0] for line in text.splitlines() if "exercise(s)" in line],
                                     ["2-exercise.ipynb", "1-exercise.ipynb"])
                    self.assertIn("has no check cell after it", text)
                    self.assertEqual(text.splitlines()[-1], "SUMMARY exercises passed=0 failed=2")

    def test_student_check_reports_in_the_order_named(self):
        two_solutions = ("// BEGIN SOLUTION\nx = 2;\n// STUB: x = 0;\n// END SOLUTION",
                         "// BEGIN SOLUTION\ny = 2;\n// STUB: y = 0;\n// END SOLUTION", "check();")
        with tempfile.TemporaryDirectory() as d:
            names = [notebook_file(d, f"{n}-student.ipynb", sources=two_solutions) for n in (2, 1)]
            for jobs in (1, 2):
                with self.subTest(jobs=jobs):
                    code, text = self.run_main(student.main, ["check", "--jobs", str(jobs)] + names)
                    self.assertEqual(code, 1)
                    fails = [line for line in text.splitlines() if line.startswith("  FAIL")]
                    self.assertEqual([Path(line.split()[1]).name for line in fails],
                                     ["2-student.ipynb", "1-student.ipynb"])
                    self.assertIn("each solution needs its own check cell", text)
                    self.assertEqual(text.splitlines()[-1], "SUMMARY student passed=0 failed=2")


class WorkbookJobsOption(unittest.TestCase):
    """./workbook test --jobs N is checked before any set-up, and passed to the tools as WORKBOOK_JOBS."""
    WORKBOOK = Path(__file__).resolve().parents[2] / "workbook"

    def workbook(self, *args, **env):
        return subprocess.run(["bash", str(self.WORKBOOK), *args], capture_output=True, text=True, timeout=60,
                              env={**os.environ, **env})

    def test_a_bad_count_is_refused_with_what_to_give(self):
        for args, env in [(("test", "--jobs", "0"), {}), (("test", "--jobs=two"), {}), (("test", "--jobs"), {}),
                          (("test", "notebooks"), {"WORKBOOK_JOBS": "-1"})]:
            with self.subTest(args=args, env=env):
                done = self.workbook(*args, **env)
                self.assertEqual(done.returncode, 1)
                self.assertIn("--jobs (or WORKBOOK_JOBS) needs a whole number from 1", done.stderr)

    def test_help_names_the_option(self):
        self.assertIn("[--jobs N]", self.workbook("help").stdout)


if __name__ == "__main__":
    unittest.main()
