#!/usr/bin/python3
"""Check that every number the prose quotes is a number the notebook printed.

Usage: /usr/bin/python3 tools/check_prose.py [--root ROOT] EXECUTED.ipynb...

Reads executed notebooks (./workbook test writes them to target/executed/). For every markdown
cell, every number written in it (in the text and in $...$ math alike) is a quote, and must be
found in the text outputs of the code cells before it (for the notebook's first markdown cell,
its introduction: of any code cell), to the digits written: 0.0085 matches a
printed 0.008459 rounded to four decimals, and 1.6e-7 (or 1.6 × 10⁻⁷) matches 1.6039E-7; rounding
is allowed, nothing else. A minus sign written must be printed too (a number written without
one may quote a negative one's size: "w falls by 0.3"). A percentage, 96.1 %, matches
a printed 96.1 % or a printed fraction 0.961 (the only conversion). These are not quotes:
  - integers from 0 to 10 ("2 layers", "3 decimals"), and years (1900-2099);
  - numbers of notebooks, headings, sections and numbered items: 06, "notebook 12", "notebooks 05–08",
    "# 12 · Title", "[13 · Title](...)", "## 3.", "### 3.10",
    "section 3.9", "<b>4.";
  - numbers in `code` and after ^ or _ in math (exponents, indices: 0.25^{10}, w_{12}), and
    powers of ten standing alone (10^{-7}, 10⁻⁷);
  - constants: a number written in the source of a code cell before it (lr 0.1, 500 steps);
  - numbers the cell lists in an HTML comment, which the reader does not see:
        <!-- not quotes: 1.105 (e^0.1), 76 (75 + 1), -0.63, 4e8 -->
    for numbers the text derives ("e^{0.1} = 1.105"), facts from elsewhere, and the like; what
    stands in parentheses explains and is not read; 4e8 stands for 4 × 10⁸ written in any form.

Each failure names the notebook, the cell (counted from 0, as in the .ipynb), the number and the
printed numbers nearest to it. The closing lines are machine-readable for ./workbook:
    FAILED <notebook>: cell K: <number>
    SUMMARY prose notebooks=N passed=N failed=N quotes=N
    QUOTES <notebook> <count>                (one line per notebook)
Exit status: 0 when every quote was found, 1 otherwise, 2 on bad usage. Standard library only
(and tools/workbook_tools.py: what a code cell printed, output_text).
"""

import argparse
import json
import os
import re
import sys
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

from workbook_tools import joined, output_text

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
MINUS = "-−"

# mantissa [× 10^exp | e±exp] [%]; the mantissa may carry a sign (a hyphen or U+2212).
SCIENTIFIC = re.compile(
    r"(?<![\w.\\^_{])(?P<sign>[-−])?(?P<mant>\d+(?:\.\d+)?)"
    r"(?:(?P<e>[eE][-+−]?\d+)(?![\w.])"
    r"|\s*(?:×|\\times|·|\\cdot)\s*10(?:\^\{?(?P<lexp>[-−]?\d+)\}?|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))"
)
NUMBER = re.compile(r"(?<![\w.\\^_])(?P<sign>[-−])?(?P<mant>\d+(?:\.\d+)?)(?![\w]|\.\d)")
PERCENT = re.compile(r"^(?:\s*[–-]\s*\d+(?:\.\d+)?)?(?:\s|\\,|\\ |&nbsp;)*\\?%")  # 96 %, and 94.7 of 94.7–95.6 %
CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.S)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
NOT_QUOTES = re.compile(r"^\s*not quotes\s*:(.*)$", re.S)
# exponents and indices in math, bare powers of ten, numbered headings/items, notebook numbers
EXPONENT = re.compile(r"[\^_](?:\{[^{}]*\}|\\?[A-Za-z0-9]+)|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
POWER_OF_TEN = re.compile(r"(?<![\d.])10(?=\s*(?:\^|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]))")
ITEM = re.compile(r"(?m)(?:^\s*(?:#+\s*|\d+\.\s+)?|<b>|\*\*)\d+\.(?=\s|<|\*)"
                  r"|^\s*#+\s*\d+(?:\.\d+)+|\b[Ss]ections?\s+\d+(?:\.\d+)*(?:\s*(?:and|to|–|-)\s*\d+(?:\.\d+)*)?")
# references to notebooks: "notebook 12", "notebooks 05–08", "# 12 · Title", "**12 · Title**", "[12 · Title](...)",
# and the targets of links, (12-convolution.ipynb)
NOTEBOOK_REF = re.compile(r"\b[Nn]otebooks?\s+\d\d[a-z]?(?!\d)(?:\s*(?:–|-|,|and|or|to)\s*\d\d[a-z]?(?![\d.]))*"
                          r"|^\s*#+\s*\d\d[a-z]?(?=\s+·)|(?:\*\*|\[)\d\d[a-z]?(?=\s+·)|\]\([^)\s]*\)", re.M)
# 200,960 or 200{,}960 or 40\,560 (a thousands separator) is one number
THOUSANDS = re.compile(r"(?<=\d)(?:,|\{,\}|\\,|\\ )(?=\d{3}(?!\d))")
OUTPUT_NUMBER = re.compile(r"(?<![\w.])(?P<sign>-)?(?P<mant>\d+(?:\.\d+)?)(?P<e>[eE][-+]?\d+)?(?P<pct>\s?%)?")


class Quote:
    """A number written in the prose: its value, the place of its last digit, how it was written."""

    def __init__(self, text, sign, mantissa, exponent, percent):
        self.text = text.strip()
        self.negative = sign is not None
        self.value = Decimal(mantissa).scaleb(exponent)
        self.quantum = Decimal(1).scaleb(Decimal(mantissa).as_tuple().exponent + exponent)
        self.percent = percent

    def exempt(self):
        if self.percent or self.value != self.value.to_integral_value() or self.quantum < 1:
            return False
        n = int(self.value)
        return n <= 10 or 1900 <= n <= 2099


def blank(text, span):
    """The text with span replaced by spaces (positions of everything else kept)."""
    a, b = span
    return text[:a] + " " * (b - a) + text[b:]


def prose_numbers(source):
    """The numbers written in a markdown cell that count as quotes, and the cell's listed exceptions."""
    listed = set()
    for m in COMMENT.finditer(source):
        n = NOT_QUOTES.match(m.group(1))
        if n:
            names = re.sub(r"\([^()]*\)", " ", n.group(1))  # (explanations) are for the reader
            for x in re.split(r"[\s,;]+", names):
                try:
                    listed.add(Decimal(x.replace("−", "-").rstrip("%")))
                except InvalidOperation:
                    pass
    text = COMMENT.sub(lambda m: " " * len(m.group()), source)
    text = CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
    text = ITEM.sub(lambda m: " " * len(m.group()), text)
    text = NOTEBOOK_REF.sub(lambda m: " " * len(m.group()), text)
    text = THOUSANDS.sub("", text)
    found = []  # (position, Quote)
    for m in SCIENTIFIC.finditer(text):
        if m.group("e"):
            exp = int(m.group("e")[1:].replace("−", "-"))
        elif m.group("lexp"):
            exp = int(m.group("lexp").replace("−", "-"))
        else:
            exp = int(m.group("sup").translate(SUPERSCRIPT))
        pct = PERCENT.match(text[m.end():]) is not None
        found.append((m.start(), Quote(m.group(), m.group("sign"), m.group("mant"), exp, pct)))
    for m in reversed(list(SCIENTIFIC.finditer(text))):
        text = blank(text, m.span())
    text = POWER_OF_TEN.sub("  ", text)
    text = EXPONENT.sub(lambda m: " " * len(m.group()), text)
    for m in NUMBER.finditer(text):
        mant = m.group("mant")
        if len(mant) > 1 and mant.startswith("0") and "." not in mant:
            continue  # 06: a notebook's number
        pct = PERCENT.match(text[m.end():]) is not None
        found.append((m.start(), Quote(m.group(), m.group("sign"), mant, 0, pct)))
    found.sort(key=lambda pq: pq[0])
    quotes = []
    for _, q in found:
        if q.exempt():
            continue
        if (-q.value if q.negative else q.value) in listed:
            continue
        quotes.append(q)
    return quotes


class Printed:
    """A number in an output: its value and the place of its last digit."""

    def __init__(self, m):
        mant = m.group("mant")
        exp = int(m.group("e")[1:]) if m.group("e") else 0
        self.text = m.group().strip()
        self.value = Decimal(mant).scaleb(exp)
        if m.group("sign"):
            self.value = -self.value
        self.quantum = Decimal(1).scaleb(Decimal(mant).as_tuple().exponent + exp)
        self.percent = m.group("pct") is not None


def printed_numbers(text):
    return [Printed(m) for m in OUTPUT_NUMBER.finditer(text)]


def rounds_to(printed_value, printed_quantum, quote):
    """Whether a printed value, rounded to the quote's last digit, is the quote."""
    if printed_quantum > quote.quantum:
        return False
    if quote.negative:
        target = -quote.value
    else:  # written without a sign: the size of the printed value ("falls by 0.3", "0.46 in size")
        target, printed_value = quote.value, abs(printed_value)
    for mode in (ROUND_HALF_EVEN, ROUND_HALF_UP):
        try:
            if printed_value.quantize(quote.quantum, rounding=mode) == target:
                return True
        except InvalidOperation:
            return False
    return False


def matches(p, quote):
    if rounds_to(p.value, p.quantum, quote):
        return True
    if quote.percent and not p.percent:  # 96.1 % quotes a printed fraction 0.961
        return rounds_to(p.value.scaleb(2), p.quantum.scaleb(2), quote)
    return False


def constants(source):
    """Numbers written in a code cell's source (with and without a minus sign)."""
    text = re.sub(r"//[^\n]*|/\*.*?\*/", " ", source, flags=re.S)
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"', " ", text)
    values = set()
    for m in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)[dDfFlL]?(?![\w.])", text):
        values.add(Decimal(m.group(1).replace("_", "")))
    return values


def nearest(printed, quote, k=3):
    target = -quote.value if quote.negative else quote.value
    scale = 100 if quote.percent else 1
    ranked = sorted({p.text: p for p in printed}.values(),
                    key=lambda p: (abs(p.value * (1 if p.percent else scale) - target), len(p.text)))
    return [p.text for p in ranked[:k]]


def check_notebook(path, root):
    """Returns (name, checked quote count, failures as (cell, quote text, nearest))."""
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    name = os.path.relpath(path, root) if root else path
    printed, consts, failures, count = [], set(), [], 0
    everything = []  # the introduction (the first markdown cell) announces what the notebook prints
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            everything.extend(printed_numbers(output_text(cell)))
    first_markdown = next((i for i, c in enumerate(nb.get("cells", [])) if c.get("cell_type") == "markdown"), None)
    for index, cell in enumerate(nb.get("cells", [])):
        source = joined(cell.get("source", ""))
        if cell.get("cell_type") == "code":
            printed.extend(printed_numbers(output_text(cell)))
            consts |= constants(source)
            continue
        if cell.get("cell_type") != "markdown":
            continue
        for q in prose_numbers(source):
            if not q.negative and not q.percent and q.value in consts:
                continue
            count += 1
            seen = everything if index == first_markdown else printed
            if not any(matches(p, q) for p in seen):
                failures.append((index, q.text, nearest(seen, q)))
    return name, count, failures


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("notebooks", nargs="+", help="executed notebooks (target/executed/notebooks/*.ipynb)")
    p.add_argument("--root", default=None, help="name notebooks relative to this folder")
    args = p.parse_args(argv)
    missing = [n for n in args.notebooks if not os.path.isfile(n)]
    if missing:
        print(f"check_prose: no such notebook: {', '.join(missing)} (run the notebooks stage first)",
              file=sys.stderr)
        return 2
    passed = failed = total = 0
    counts, reasons = [], []
    for path in args.notebooks:
        name, count, failures = check_notebook(path, args.root)
        total += count
        counts.append((name, count))
        if not failures:
            passed += 1
            print(f"  PASS  {name}: {count} quoted numbers found in the outputs before them")
            continue
        failed += 1
        print(f"  FAIL  {name}: {len(failures)} of {count} quoted numbers not printed before them")
        for cell, text, near in failures:
            print(f"      cell {cell}: {text} is not in the outputs of the code cells before it; "
                  f"nearest printed: {', '.join(near) or 'nothing printed yet'}")
            reasons.append(f"FAILED {name}: cell {cell}: {text}")
    for line in reasons:
        print(line)
    print(f"SUMMARY prose notebooks={passed + failed} passed={passed} failed={failed} quotes={total}")
    for name, count in counts:
        print(f"QUOTES {name} {count}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
