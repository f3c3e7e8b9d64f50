#!/usr/bin/env bash
# Rehearses a Binder build of this repository, as faithfully as a Debian machine allows:
#
#   - a fresh clone of the last commit (what Binder copies into the image's $HOME);
#   - binder/postBuild run from it, as a non-root user (as Binder's jovyan, without sudo),
#     with that clone as an otherwise empty HOME: no ~/.m2, so Maven downloads everything
#     it needs from Maven Central itself;
#   - a fresh Python prefix standing in for Binder's conda environment (a venv with access
#     to Debian's Jupyter packages), which `jupyter kernelspec install --sys-prefix` targets;
#   - then notebooks/00-welcome.ipynb executed through tools/run_notebooks.py with the
#     kernelspec that postBuild installed (found through the prefix, not JUPYTER_PATH).
#
# Usage: tools/binder/rehearse.sh [--keep]     (--keep leaves the scratch folder for a look)
# As root it creates a user 'bwrehearse-<8 hex digits>' for the run and removes it afterwards;
# as any other user it runs as that user. It prints timings and ends with one line
#     REHEARSAL result=pass|fail|skip seconds=S postbuild=S notebook=S reason="..."
# Exit status: 0 pass, 1 fail, 3 skipped (the reason says why).
set -euo pipefail

USER_PREFIX=bwrehearse
HEAP_LIMIT_MB=819            # 40 % of the 2 GB a Binder session gets

# ------------------------------------------------------------------------------------------
# The inner half: runs as the unprivileged user, with a clean environment.
# ------------------------------------------------------------------------------------------
if [[ "${1:-}" == --inner ]]; then
  scratch="$2"
  cd "$HOME"
  now() { date +%s.%N; }
  secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
  fail() { echo "rehearsal: FAIL: $*"; exit 1; }

  echo "rehearsal: user $(id -un) (uid $(id -u)), HOME=$HOME, commit $(git rev-parse --short HEAD)"
  [[ $(id -u) -ne 0 ]] || fail "running as root; the rehearsal must run as an unprivileged user"
  [[ ! -e "$HOME/.m2" ]] || fail "HOME already has a .m2 folder; the Maven repository must start empty"
  [[ "$(getent passwd "$(id -un)" | cut -d: -f6)" == "$HOME" || -n "${MAVEN_OPTS:-}" ]] ||
    fail "the password database's home of $(id -un) is not HOME; Maven would not use HOME/.m2"

  # A fresh prefix for --sys-prefix. Debian's Jupyter lives in /usr/lib/python3/dist-packages,
  # so the venv sees it, but its console scripts (jupyter, jupyter-kernelspec, ...) would run
  # /usr/bin/python3 with the prefix /usr: give the venv its own, as pip would.
  prefix="$scratch/prefix"
  /usr/bin/python3 -m venv --system-site-packages "$prefix"
  "$prefix/bin/python" - "$prefix/bin" <<'EOF'
import importlib.metadata as md, os, sys
bindir = sys.argv[1]
for dist in ("jupyter_core", "jupyter_client"):
    for ep in md.distribution(dist).entry_points:
        if ep.group != "console_scripts":
            continue
        module, _, attrs = ep.value.partition(":")
        path = os.path.join(bindir, ep.name)
        with open(path, "w") as f:
            f.write(f"#!{sys.executable}\nimport sys\nfrom {module} import {attrs.split('.')[0]}\n"
                    f"sys.exit({attrs}())\n")
        os.chmod(path, 0o755)
EOF
  export PATH="$prefix/bin:$PATH"
  [[ "$(command -v jupyter)" == "$prefix/bin/jupyter" ]] || fail "the prefix's jupyter is not first on PATH"

  t0=$(now)
  echo "rehearsal: ./binder/postBuild"
  ./binder/postBuild || fail "binder/postBuild failed (exit $?)"
  t1=$(now)
  echo "rehearsal: postBuild took $(secs "$t0" "$t1") s; Maven downloaded $(du -sh "$HOME/.m2/repository" | cut -f1) into an empty repository"

  # What postBuild left behind must be what Binder needs.
  "$prefix/bin/python" - "$prefix" "$HOME" "$HEAP_LIMIT_MB" <<'EOF' || fail "the installed kernelspec is not right (see above)"
import json, os, re, sys
from jupyter_client.kernelspec import KernelSpecManager
prefix, home, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
problems = []
specs = KernelSpecManager().find_kernel_specs()
where = specs.get("java")
want = os.path.join(prefix, "share", "jupyter", "kernels", "java")
if where != want:
    print(f"rehearsal: kernelspec 'java' found at {where!r}, expected {want!r} (--sys-prefix)")
    sys.exit(1)
spec = json.load(open(os.path.join(where, "kernel.json")))
argv, env = spec["argv"], spec.get("env", {})
if spec.get("display_name") != "Java" or spec.get("language") != "java":
    problems.append(f"display_name/language are {spec.get('display_name')!r}/{spec.get('language')!r}")
if not os.access(argv[0], os.X_OK) or not os.access(os.path.join(os.path.dirname(argv[0]), "javac"), os.X_OK):
    problems.append(f"argv[0] {argv[0]} is not the java of a JDK with javac")
heaps = [a for a in argv if a.startswith("-Xmx")]
units = {"k": 1 / 1024, "m": 1, "g": 1024, "": 1 / (1024 * 1024)}
m = re.fullmatch(r"-Xmx(\d+)([kmg]?)", heaps[0], re.IGNORECASE) if len(heaps) == 1 else None
if not m or int(m.group(1)) * units[m.group(2).lower()] > limit:
    problems.append(f"heap cap {heaps} is missing or above {limit} MB (40 % of 2 GB)")
if "-Djava.awt.headless=true" not in argv:
    problems.append("-Djava.awt.headless=true is missing")
init = env.get("RJK_INIT_SCRIPT", "")
if os.path.realpath(init) != os.path.realpath(os.path.join(home, "tools/kernel/init.jshell")):
    problems.append(f"RJK_INIT_SCRIPT is {init!r}, expected the repository's tools/kernel/init.jshell")
for p in problems:
    print(f"rehearsal: kernelspec: {p}")
print(f"rehearsal: kernelspec 'java' at {where}: {' '.join(argv[:3])} ...")
sys.exit(1 if problems else 0)
EOF
  [[ -d "$HOME/.m2/repository/io/github/padreati/rapaio-jupyter-kernel" ]] ||
    fail "the kernel jar did not come through Maven (not in ~/.m2/repository)"

  t2=$(now)
  echo "rehearsal: executing notebooks/00-welcome.ipynb with the installed kernelspec"
  env -u JUPYTER_PATH "$prefix/bin/python" tools/run_notebooks.py --strict --root "$HOME" \
      --out "$HOME/target/executed" notebooks/00-welcome.ipynb || fail "00-welcome.ipynb failed (see above)"
  t3=$(now)
  echo "REHEARSAL-TIMES postbuild=$(secs "$t0" "$t1") notebook=$(secs "$t2" "$t3")"
  exit 0
fi

# ------------------------------------------------------------------------------------------
# The outer half: prepares the clone and the user, then runs the inner half as that user.
# ------------------------------------------------------------------------------------------
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keep=0
[[ "${1:-}" == --keep ]] && keep=1
start=$SECONDS

finish() {   # RESULT REASON [POSTBUILD NOTEBOOK]
  echo "REHEARSAL result=$1 seconds=$(( SECONDS - start )) postbuild=${3:-0} notebook=${4:-0} reason=\"$2\""
  case "$1" in pass) exit 0 ;; skip) exit 3 ;; *) exit 1 ;; esac
}

for tool in git /usr/bin/python3 mvn javac; do
  command -v "$tool" >/dev/null 2>&1 || finish fail "$tool is missing"
done
/usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null ||
  finish fail "/usr/bin/python3 cannot create a venv (install Debian's python3-venv)"
git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1 || finish skip "$ROOT is not a git checkout, so there is nothing to clone"
dirty="$(git -C "$ROOT" status --porcelain -- binder tools pom.xml notebooks lib-src 2>/dev/null | head -n 5)"
[[ -z "$dirty" ]] || echo "rehearsal: note: uncommitted changes are not rehearsed (the clone is of the last commit):
$dirty"

extra_env=()
rehearsal_user=""
scratch="$(mktemp -d /tmp/bw-rehearsal.XXXXXX)"
cleanup() {
  if [[ -n "$rehearsal_user" ]]; then
    local pid   # whatever this run's own user still runs (nothing, normally), by pid
    for pid in $(pgrep -u "$rehearsal_user" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
    userdel "$rehearsal_user" 2>/dev/null || true
  fi
  [[ $keep == 1 ]] || rm -rf "$scratch"
}
trap cleanup EXIT
chmod 755 "$scratch"

# Java (so Maven) takes user.home from the password database, not from $HOME: the user's home
# there must be the fresh HOME too, or Maven would reuse a repository from an earlier run. So
# each rehearsal gets a user of its own (several may run at once on a shared machine), removed
# at the end; users left behind by runs that were killed are removed at the next start.
if [[ $EUID -eq 0 ]]; then
  for tool in runuser useradd userdel; do
    command -v "$tool" >/dev/null 2>&1 || finish skip "running as root without $tool: cannot use an unprivileged user"
  done
  while IFS=: read -r name _ _ _ _ home _; do
    [[ "$name" =~ ^${USER_PREFIX}(-[0-9a-f]{8})?$ ]] || continue
    if [[ ! -d "$home" ]] && ! pgrep -u "$name" >/dev/null 2>&1; then
      userdel "$name" 2>/dev/null && echo "rehearsal: removed $name, left behind by an earlier run"
    fi
  done < /etc/passwd
  rehearsal_user="$USER_PREFIX-$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')"
  useradd --no-create-home --home-dir "$scratch/home" --shell /bin/bash \
      --comment "Backprop Workbook Binder rehearsal" "$rehearsal_user" ||
    finish skip "could not create an unprivileged user ($rehearsal_user)"
  echo "rehearsal: created the unprivileged user $rehearsal_user (removed at the end)"
  as_user=(runuser -u "$rehearsal_user" --)
  owner="$rehearsal_user"
else
  as_user=()
  owner="$(id -un)"
  if [[ "$(getent passwd "$owner" | cut -d: -f6)" != "$HOME" ]] || [[ -e "$HOME/.m2" ]]; then
    echo "rehearsal: note: not root, so HOME stays the password database's; Maven is pointed at the fresh HOME with -Duser.home"
    extra_env+=("MAVEN_OPTS=-Duser.home=$scratch/home")
  fi
fi

git clone -q --no-hardlinks "$ROOT" "$scratch/home"
cp "${BASH_SOURCE[0]}" "$scratch/rehearse.sh"
[[ $EUID -eq 0 ]] && chown -R "$owner:" "$scratch"
echo "rehearsal: fresh clone of $(git -C "$ROOT" rev-parse --short HEAD) in $scratch/home (the user's HOME)"

log="$scratch/inner.log"
rc=0
"${as_user[@]}" env -i HOME="$scratch/home" USER="$owner" LOGNAME="$owner" LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin TMPDIR="$scratch" PYDEVD_DISABLE_FILE_VALIDATION=1 \
    "${extra_env[@]}" \
    bash "$scratch/rehearse.sh" --inner "$scratch" 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
times="$(sed -n 's/^REHEARSAL-TIMES //p' "$log")"
pb="$(sed -n 's/.*postbuild=\([0-9.]*\).*/\1/p' <<<"$times")"
nbt="$(sed -n 's/.*notebook=\([0-9.]*\).*/\1/p' <<<"$times")"
[[ $keep == 1 ]] && echo "rehearsal: kept $scratch"
if (( rc == 0 )); then
  finish pass "postBuild built the jar and installed the kernelspec; 00-welcome.ipynb ran with it" "$pb" "$nbt"
fi
reason="$(grep -m1 '^rehearsal: FAIL: ' "$log" | sed 's/^rehearsal: FAIL: //; s/"/'\''/g')"
finish fail "${reason:-the rehearsal failed (exit $rc)}" "${pb:-0}" "${nbt:-0}"
