#!/usr/bin/env python3
"""Write the Jupyter kernelspec `java` (the Rapaio Java kernel) into a folder.

One definition for every place that installs the kernel: `./workbook` (the project-local
Jupyter data folder target/jupyter) and `binder/postBuild` (which then runs `jupyter kernelspec
install --sys-prefix` on the folder). Both get the same launcher (tools/kernel/WorkbookKernel.java,
compiled here against the kernel jar when it is missing or older than its source), the same
start-up script (tools/kernel/init.jshell: `text/plain` as the default display type, as on
IJava/JJava), the same logging settings (tools/kernel/classpath/, first on the classpath) and
the same argv, apart from the heap cap.

Usage:
    kernelspec.py DIR --java JAVA --heap HEAP --kernel-jar JAR [--launcher-dir L] [--root ROOT]
                  [--plain-java] [--jvm-arg=ARG]...

    DIR         folder to write kernel.json into (created; rewritten only when it would change)
    JAVA        the `java` to run; the `javac` beside it compiles the launcher
    HEAP        the kernel's heap cap, an -Xmx size such as 1g or 768m
    JAR         the rapaio-jupyter-kernel jar (fetched by Maven: dependency:copy@fetch-kernel)
    L           where the compiled launcher goes (default: a folder `launcher` beside JAR)
    ROOT        the repository root (default: two folders above this file)
    --plain-java  leave out `--add-modules jdk.incubator.vector`: the library then runs plain Java, as
                on a kernel whose JVM options nobody changed (the stage `plainjava` of ./workbook test
                installs such a kernelspec as `java-plain` and compares every notebook's outputs)
    --jvm-arg=ARG  one more JVM option (repeatable), e.g. --jvm-arg=-Dbackprop.vector=false

Standard library only, so any Python 3 with Jupyter runs it (Debian's, or Binder's conda).
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path


def kernelspec(java, heap, kernel_jar, launcher, root, vector_module=True, jvm_args=()):
    root = Path(root).resolve()
    classpath = [root / "tools" / "kernel" / "classpath", Path(launcher).resolve(), Path(kernel_jar).resolve()]
    return {
        # --add-modules jdk.incubator.vector: the library's fast matrix product (backprop.tensor.VectorMatMul;
        # without it the library falls back to plain Java). The JVM's one-line notice about the incubator
        # module goes to the kernel's log, never into a notebook.
        # -XX:+UseSerialGC: a notebook is one learner's work on one thread, on a machine with one or two
        # cores (Binder) and a memory cap. The default collector (G1) grows the heap towards the cap and runs
        # threads of its own; the serial one keeps the kernel's peak resident memory at 310-360 MiB on every
        # notebook (G1: 355-633 MiB), at the same run times (measured with bench/run.py's RSS sampling).
        "argv": [str(java), f"-Xmx{heap}", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                 *(["--add-modules", "jdk.incubator.vector"] if vector_module else []), *jvm_args,
                 "-cp", ":".join(str(p) for p in classpath), "WorkbookKernel", "{connection_file}"],
        "display_name": "Java" if vector_module and not jvm_args else "Java (" + " ".join(
            (["no vector module"] if not vector_module else []) + list(jvm_args)) + ")",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_INIT_SCRIPT": str(root / "tools" / "kernel" / "init.jshell"),
                "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": ""},
        "metadata": {"debugger": False},
    }


def compile_launcher(java, kernel_jar, launcher, root):
    """Compile tools/kernel/WorkbookKernel.java into LAUNCHER unless the class is up to date."""
    src = Path(root) / "tools" / "kernel" / "WorkbookKernel.java"
    cls = Path(launcher) / "WorkbookKernel.class"
    if cls.is_file() and cls.stat().st_mtime >= max(src.stat().st_mtime, Path(kernel_jar).stat().st_mtime):
        return True
    Path(launcher).mkdir(parents=True, exist_ok=True)
    javac = Path(java).parent / "javac"
    cmd = [str(javac), "-nowarn", "--release", "17", "-cp", str(kernel_jar), "-d", str(launcher), str(src)]
    if subprocess.run(cmd).returncode != 0:
        print(f"kernelspec: could not compile {src} against {kernel_jar}", file=sys.stderr)
        return False
    return True


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir")
    p.add_argument("--java", required=True)
    p.add_argument("--heap", required=True)
    p.add_argument("--kernel-jar", required=True)
    p.add_argument("--launcher-dir")
    p.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    p.add_argument("--plain-java", action="store_true")
    p.add_argument("--jvm-arg", action="append", default=[])
    args = p.parse_args(argv)

    problems = []
    if not re.fullmatch(r"[0-9]+[kKmMgG]?", args.heap):
        problems.append(f"--heap {args.heap!r} is not a -Xmx size (say 1g or 768m)")
    if not Path(args.java).is_file():
        problems.append(f"--java {args.java}: no such file")
    elif not (Path(args.java).parent / "javac").is_file():
        problems.append(f"--java {args.java}: no javac beside it (a JDK, not a JRE, is needed)")
    if not Path(args.kernel_jar).is_file():
        problems.append(f"--kernel-jar {args.kernel_jar}: no such file")
    for needed in ("tools/kernel/init.jshell", "tools/kernel/classpath", "tools/kernel/WorkbookKernel.java"):
        if not (Path(args.root) / needed).exists():
            problems.append(f"--root {args.root}: {needed} is missing")
    if problems:
        for problem in problems:
            print(f"kernelspec: {problem}", file=sys.stderr)
        return 2

    launcher = args.launcher_dir or str(Path(args.kernel_jar).resolve().parent / "launcher")
    if not compile_launcher(args.java, args.kernel_jar, launcher, args.root):
        return 1
    spec = kernelspec(args.java, args.heap, args.kernel_jar, launcher, args.root,
                      vector_module=not args.plain_java, jvm_args=args.jvm_arg)
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
