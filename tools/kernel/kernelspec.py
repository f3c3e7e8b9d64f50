#!/usr/bin/env python3
"""Write the Jupyter kernelspec `java` (the Rapaio Java kernel) into a folder.

One definition for every place that installs the kernel: `./workbook` (a project-local
Jupyter data folder under target/) and `binder/postBuild` (then `jupyter kernelspec install
--sys-prefix`). Both get the same argv, the same start-up script (tools/kernel/init.jshell:
`text/plain` as the default display type, as on IJava/JJava) and the same logging settings
(tools/kernel/classpath/, first on the kernel's classpath).

Usage:
    python3 tools/kernel/kernelspec.py DIR --java JAVA --heap HEAP --kernel-jar JAR [--root ROOT]

    DIR         folder to write kernel.json into (created; rewritten only when it would change)
    JAVA        the `java` to run (of a JDK that has javac)
    HEAP        the kernel's heap cap, a -Xmx value such as 1g or 768m
    JAR         the rapaio-jupyter-kernel jar
    ROOT        the repository root (default: two folders above this file)

Standard library only, so any Python 3 with Jupyter runs it (Debian's, or Binder's conda).
"""

import argparse
import json
import re
import sys
from pathlib import Path


def kernelspec(java, heap, kernel_jar, root):
    root = Path(root).resolve()
    confdir = root / "tools" / "kernel" / "classpath"
    init = root / "tools" / "kernel" / "init.jshell"
    return {
        "argv": [str(java), f"-Xmx{heap}", "-Djava.awt.headless=true",
                 "-cp", f"{confdir}:{Path(kernel_jar).resolve()}",
                 "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
        "display_name": "Java",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_INIT_SCRIPT": str(init), "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": ""},
        "metadata": {"debugger": False},
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir")
    p.add_argument("--java", required=True)
    p.add_argument("--heap", required=True)
    p.add_argument("--kernel-jar", required=True)
    p.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    args = p.parse_args(argv)

    problems = []
    if not re.fullmatch(r"[0-9]+[kKmMgG]?", args.heap):
        problems.append(f"--heap {args.heap!r} is not a -Xmx size (say 1g or 768m)")
    if not Path(args.java).is_file():
        problems.append(f"--java {args.java}: no such file")
    if not Path(args.kernel_jar).is_file():
        problems.append(f"--kernel-jar {args.kernel_jar}: no such file")
    for needed in ("tools/kernel/init.jshell", "tools/kernel/classpath"):
        if not (Path(args.root) / needed).exists():
            problems.append(f"--root {args.root}: {needed} is missing")
    if problems:
        for problem in problems:
            print(f"kernelspec: {problem}", file=sys.stderr)
        return 2

    spec = kernelspec(args.java, args.heap, args.kernel_jar, args.root)
    text = json.dumps(spec, indent=2) + "\n"
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "kernel.json"
    try:
        old = path.read_text()
    except OSError:
        old = None
    if old != text:
        path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
