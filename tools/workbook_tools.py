"""What the notebook tools share, in one place.

Used by tools/run_notebooks.py, tools/check_exercises.py, tools/student.py, tools/check_prose.py and
tools/compare_outputs.py (each imports what it needs from here; tests: tools/tests/test_workbook_tools.py).

    plain(text)                     text without terminal colour codes (the Java kernel colours its tracebacks)
    output_text(cell, errors=False) what a code cell printed and displayed, as text
    error_outputs(cell)             the cell's error outputs
    error_line(out)                 one error output on one line ("ename: evalue", else its traceback)
    describe_error(out)             one error output in full, for a report
    error_of(cell)                  (exception class, message) of the cell's first error, or None
    parse_solution(source, where)   the exercise markers of one cell (// BEGIN SOLUTION, // STUB:,
                                    // MISTAKE:, // END SOLUTION): the one parser of the convention
    start_kernel(client, cwd, ...)  start an nbclient client's kernel, retrying one that never answers
    default_jobs(), in_order(...)   run one piece of work per notebook, several at once, results in order

Standard library only at import time (compare_outputs.py and check_prose.py need nothing else); the
kernel functions are handed an nbclient NotebookClient by their caller.
"""

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

# ------------------------------------------------------------------------------------------ text

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def plain(text):
    """Text without terminal colour codes (the Java kernel colours its tracebacks)."""
    return ANSI.sub("", text or "")


def joined(text):
    """A notebook text field, which nbformat allows as a string or a list of strings."""
    return "".join(text) if isinstance(text, list) else (text or "")


def output_text(cell, errors=False):
    """What a code cell printed (its stream pieces joined as they came) and the text/plain form of what
    it displayed or returned, each on lines of its own, in order; with errors=True also each error
    output's 'ename: evalue'."""
    parts = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(joined(out.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            parts.append("\n" + joined(out.get("data", {}).get("text/plain", "")) + "\n")
        elif kind == "error" and errors:
            parts.append(f"\n{out.get('ename')}: {out.get('evalue')}\n")
    return "".join(parts)


# ------------------------------------------------------------------------------------------ errors

def error_outputs(cell):
    """The cell's error outputs (a cell that raised, or one the kernel answered with an error)."""
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def error_line(out, limit=400):
    """One error output on one line: 'ename: evalue' (all of the message, its lines joined), or, when
    the message is empty (a compile error), the first lines of the traceback; at most `limit` characters."""
    evalue = plain(out.get("evalue", "")).strip()
    if evalue:
        text = f"{out.get('ename') or 'error'}: {evalue}"
    else:
        lines = [plain(t).strip() for t in out.get("traceback", []) if plain(t).strip()]
        text = " / ".join(lines[:3]) or out.get("ename") or "error"
    return " ".join(text.split())[:limit]


def describe_error(out):
    """One error output in full (the message, then the traceback without colours), for a report."""
    lines = [f"{out.get('ename', '?')}: {plain(out.get('evalue', ''))}".rstrip(": ")]
    body = "\n".join(plain(t).rstrip("\n") for t in out.get("traceback", []) if plain(t).strip())
    if body:
        lines.append(body)
    return "\n".join(lines)


THROWN = re.compile(r"^([\w.$]+(?:Exception|Error))(?::\s*(.*))?$")


def error_of(cell):
    """(exception class or ename, message) of the cell's first error output, or None. The Java kernel's
    traceback starts with 'java.lang.IllegalStateException: message'; its ename is the kernel's own."""
    for out in error_outputs(cell):
        first = plain("\n".join(out.get("traceback", [])[:1])).strip().split("\n")[0]
        m = THROWN.match(first)
        if m:
            return m.group(1), (m.group(2) or plain(out.get("evalue", ""))).strip()
        return out.get("ename", "?"), plain(out.get("evalue", "") or first).strip()
    return None


# ------------------------------------------------------------------------------------------ exercise markers
# nbgrader's convention in Java comments (the whole of it is in tools/student.py's docstring):
#
#     // BEGIN SOLUTION
#     return 2 * (w - 3);
#     // STUB: return 0.0;
#     // MISTAKE: return 2 * (3 - w);
#     // END SOLUTION
#
# Markers are whole lines with any indentation (spaces, tabs, a carriage return left by CRLF line ends);
# `//` may touch the word (`//BEGIN SOLUTION`). One region per cell, regions do not nest, and STUB and
# MISTAKE lines belong inside a region. One blank (space or tab) after `STUB:`/`MISTAKE:` is not part
# of the code.

BEGIN = re.compile(r"^(?P<indent>\s*)//\s*BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*//\s*END SOLUTION\s*$")
MARK = re.compile(r"^(?P<indent>\s*)//\s*(?P<kind>STUB|MISTAKE):[ \t]?(?P<code>.*?)\r?$")


class ConventionError(ValueError):
    """A notebook breaks the exercise convention (unbalanced markers, a stray STUB line...)."""


@dataclass
class Region:
    """One solution region: `begin` and `end` index the marker lines in the cell's lines (from 0);
    `markers` are the STUB and MISTAKE lines in order, each (kind 'stub' or 'mistake', indent, code)."""
    begin: int
    end: int = -1
    indent: str = ""
    markers: list = field(default_factory=list)

    def of(self, kind):
        return [(indent, code) for k, indent, code in self.markers if k == kind]

    @property
    def stubs(self):
        return self.of("stub")

    @property
    def mistakes(self):
        return self.of("mistake")


def parse_solution(source, where="cell"):
    """(lines, Region or None) of one cell's source; `lines` is source.split("\\n"). Raises
    ConventionError, naming `where` and the line (from 1), for markers out of place."""
    lines = source.split("\n")
    found, region = None, None
    for number, line in enumerate(lines, start=1):
        begin, end, mark = BEGIN.match(line), END.match(line), MARK.match(line)
        if region is None:
            if begin:
                if found:
                    raise ConventionError(f"{where}, line {number}: a second '// BEGIN SOLUTION' in "
                                          f"one cell; put each exercise in its own cell, with its "
                                          f"check in the next code cell")
                region = Region(begin=number - 1, indent=begin.group("indent"))
            elif end:
                raise ConventionError(f"{where}, line {number}: '// END SOLUTION' without a "
                                      f"'// BEGIN SOLUTION' above it")
            elif mark:
                raise ConventionError(f"{where}, line {number}: '{line.strip()[:20]}...' outside a "
                                      f"solution region; put it between BEGIN SOLUTION and END SOLUTION")
        else:
            if begin:
                raise ConventionError(f"{where}, line {number}: '// BEGIN SOLUTION' inside another "
                                      f"region (regions do not nest); close the first with "
                                      f"'// END SOLUTION'")
            if mark:
                region.markers.append((mark.group("kind").lower(), mark.group("indent"), mark.group("code")))
            elif end:
                region.end = number - 1
                found, region = region, None
    if region is not None:
        raise ConventionError(f"{where}, line {region.begin + 1}: '// BEGIN SOLUTION' is never closed; "
                              f"add '// END SOLUTION' after the solution")
    return lines, found


# ------------------------------------------------------------------------------------------ kernels
# One policy for every tool that runs notebooks: a kernel is started on its own, before any cell, and
# counts as started when it has answered (nbclient's start_new_kernel_client: a kernel_info reply and a
# message on IOPub, what Jupyter's "idle" rests on) within the client's startup_timeout. A kernel that
# does not, or that dies while starting, is shut down and a fresh one started, up to START_ATTEMPTS
# kernels: now and then a Java kernel start never answers, which is not the notebook's fault. Once a
# cell has run nothing is retried.

START_ATTEMPTS = 3
STARTUP_TIMEOUT = 60     # seconds; about 1.5 s on an idle machine


def start_kernel(client, cwd, note=None, attempts=START_ATTEMPTS, **start_options):
    """Start the kernel of an nbclient NotebookClient (working directory `cwd`; `start_options` such as
    stdout=/stderr= go to the kernel manager), retrying as described above; `note(text)` hears of
    each failed start. Returns the attempt that succeeded; raises the last error after `attempts`.
    Then client.execute() or `with client.setup_kernel():` use this kernel and shut it down at the end."""
    for attempt in range(1, attempts + 1):
        client.kc = None
        client.km = client.create_kernel_manager()
        try:
            client.start_new_kernel(cwd=cwd, **start_options)
            client.start_new_kernel_client()   # waits for the answer; on failure shuts the kernel down
            return attempt
        except Exception as e:
            _discard_kernel(client)
            if attempt == attempts:
                raise
            if note is not None:
                note(f"kernel start {attempt} failed ({type(e).__name__}: {' '.join(plain(str(e)).split())}); "
                     f"starting a fresh kernel")
    raise AssertionError("unreachable")


def _discard_kernel(client):
    """Shut down whatever a failed start left running (nbclient's own clean-up, which knows whether
    the kernel manager is asynchronous)."""
    if getattr(client, "km", None) is not None:
        try:
            client._cleanup_kernel()
        except Exception:
            pass
    client.kc = None
    client.km = None


# ------------------------------------------------------------------------------------------ several at once
# The notebook tools run one kernel per notebook. A kernel spends most of a notebook on one core, and
# its JVM start-up is a large share of each notebook, so on a machine with N cores N notebooks run at
# once (--jobs N). Each runs in a worker process of its own (forked before any kernel exists, so no
# kernel connection is shared); the caller hears of the results in the order it named the notebooks,
# each as soon as it and all before it are done, so the output reads the same at any --jobs.

MAX_JOBS = 4             # each kernel is a JVM with up to -Xmx1g (WORKBOOK_KERNEL_XMX) of heap
JOBS_VARIABLE = "WORKBOOK_JOBS"   # ./workbook test --jobs N sets it; ./workbook bench sets 1


def default_jobs(environ=None):
    """How many notebooks to run at once: WORKBOOK_JOBS when set, else the cores this process may
    use, at most MAX_JOBS."""
    environ = os.environ if environ is None else environ
    if environ.get(JOBS_VARIABLE):
        return jobs_argument(environ[JOBS_VARIABLE])
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


def jobs_argument(text):
    """argparse type of --jobs (and the value of WORKBOOK_JOBS): a whole number from 1."""
    try:
        jobs = int(text)
    except ValueError:
        raise ValueError(f"jobs: {text!r} is not a number: give how many notebooks run at once, e.g. 2") from None
    if jobs < 1:
        raise ValueError(f"jobs: {jobs} notebooks at once: give 1 or more")
    return jobs


def in_order(work, items, jobs, on_crash):
    """Yield (item, work(item)) for each item, in the order of `items`. With jobs 1 each runs here,
    one after another; with more, up to `jobs` run at once in worker processes, so `work` must be a
    module-level function and its argument and result picklable (and it must print nothing: it
    returns its report). A worker that dies, or `work` raising, gives on_crash(item, exception) as
    that item's result instead."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            try:
                result = work(item)
            except Exception as e:
                result = on_crash(item, e)
            yield item, result
        return
    # fork: the workers start from this process as it is (tools/ on the import path, arguments parsed)
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)),
                             mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(work, item) for item in items]
        for item, future in zip(items, futures):
            try:
                result = future.result()
            except Exception as e:  # raised by work, or the worker process died (BrokenProcessPool)
                result = on_crash(item, e)
            yield item, result
