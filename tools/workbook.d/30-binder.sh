# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'binder': lint of the Binder (repo2docker) configuration in binder/ and of the
# notebooks' kernelspecs, without building anything. The rehearsal of binder/postBuild is
# the stage 'postbuild' (tools/workbook.d/90-postbuild.sh).

register_stage binder

BINDER_HEAP_LIMIT_MB=819      # 40 % of the 2 GB a Binder session gets
# What repo2docker accepts as the environment file that mybinder requires in binder/.
BINDER_ENV_FILES=(requirements.txt environment.yml Pipfile Pipfile.lock setup.py pyproject.toml install.R DESCRIPTION)

binder_check() {   # NAME CMD...: one unit; prints PASS/FAIL and records a failure
  local name="$1"; shift
  local out rc=0
  out="$("$@" 2>&1)" || rc=$?
  if (( rc == 0 )); then
    printf '  PASS  %s%s\n' "$name" "${out:+  ($out)}"
    record_units binder 1 0
  else
    printf '  FAIL  %s\n%s\n' "$name" "$(sed 's/^/        /' <<<"$out")"
    record_units binder 0 1
    record_failure "binder: $name: $(grep -m1 . <<<"$out")"
  fi
}

# Each check prints why it failed (or a short note when it passed) and returns non-zero on failure.
binder_lint_executable() {
  local f="$ROOT/binder/postBuild" mode
  [[ -f "$f" ]] || { echo "binder/postBuild is missing"; return 1; }
  if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    mode="$(git -C "$ROOT" ls-files -s -- binder/postBuild | cut -d' ' -f1)"
    [[ -n "$mode" ]] || { echo "binder/postBuild is not committed (git add it)"; return 1; }
    [[ "$mode" == 100755 ]] || {
      echo "binder/postBuild is committed with mode $mode, not 100755: git update-index --chmod=+x binder/postBuild"; return 1; }
    echo "committed as 100755"
  else
    [[ -x "$f" ]] || { echo "binder/postBuild is not executable"; return 1; }
    echo "not a git checkout; the file is executable"
  fi
}

binder_lint_strict_mode() {
  local f="$ROOT/binder/postBuild" first
  head -n1 "$f" | grep -Eq '^#!(/usr/bin/env bash|/bin/bash)$' ||
    { echo "the first line must be '#!/usr/bin/env bash' (is: $(head -n1 "$f"))"; return 1; }
  # The first command (after comments and blank lines) must switch on strict mode.
  first="$(grep -Ev '^[[:space:]]*(#|$)' "$f" | head -n1)"
  [[ "$first" =~ ^set\ -euo\ pipefail([[:space:]]|$) ]] ||
    { echo "the first command must be 'set -euo pipefail' (is: $first)"; return 1; }
  echo "$first"
}

binder_lint_environment_file() {
  local f
  for f in "${BINDER_ENV_FILES[@]}"; do
    [[ -f "$ROOT/binder/$f" ]] && { echo "binder/$f"; return 0; }
  done
  echo "binder/ has no environment file; mybinder refuses such a repository (add binder/requirements.txt, a comment line is enough)"
  return 1
}

binder_lint_apt() {
  local f="$ROOT/binder/apt.txt" pkgs=() line pkg bad=0
  [[ -f "$f" ]] || { echo "binder/apt.txt is missing"; return 1; }
  while IFS= read -r line; do
    pkg="${line%%#*}"; pkg="${pkg//[[:space:]]/}"
    [[ -z "$pkg" ]] && continue
    # repo2docker's own check of each line
    [[ "$pkg" =~ ^[a-z0-9.+-]+$ ]] || { echo "'$pkg' is not a package name repo2docker accepts"; bad=1; }
    pkgs+=("$pkg")
  done < "$f"
  local joined=" ${pkgs[*]} "
  [[ "$joined" =~ \ openjdk-[0-9]+-jdk(-headless)?\  ]] || { echo "no JDK with javac (openjdk-NN-jdk-headless)"; bad=1; }
  [[ "$joined" == *" maven "* ]] || { echo "maven is missing"; bad=1; }
  [[ "$joined" =~ \ fonts-[a-z0-9-]+\  ]] || { echo "no fonts package (plots need fonts in a headless JVM)"; bad=1; }
  (( bad == 0 )) && echo "${pkgs[*]}"
  return "$bad"
}

binder_lint_no_downloads() {
  # postBuild runs without root and may download only through Maven (from Maven Central).
  local hits
  # Comments and the messages of say/die are not commands: leave them out.
  hits="$(grep -nEv '^[[:space:]]*#' "$ROOT/binder/postBuild" | sed -E 's/(say|die) "[^"]*"//g' |
          grep -nE '(^|[^[:alnum:]_-])(sudo|apt|apt-get|dpkg|curl|wget|pip|pip3|conda|mamba|npm|npx|git)([^[:alnum:]_-]|$)|https?://' || true)"
  [[ -z "$hits" ]] || { echo "binder/postBuild may only download through Maven; found: $hits"; return 1; }
  grep -q -- '--sys-prefix' "$ROOT/binder/postBuild" ||
    { echo "the kernelspec must be installed with 'jupyter kernelspec install --sys-prefix'"; return 1; }
  grep -q -- '--user' "$ROOT/binder/postBuild" &&
    { echo "postBuild uses --user; Binder needs --sys-prefix"; return 1; }
  echo "no sudo/apt/curl/wget/pip/conda/npm/git, no URLs; --sys-prefix"
}

binder_lint_heap() {
  local heap mb
  heap="$(sed -n 's/^KERNEL_HEAP="\${BINDER_KERNEL_HEAP:-\([0-9]*[kKmMgG]\)}".*/\1/p' "$ROOT/binder/postBuild")"
  [[ -n "$heap" ]] || { echo "postBuild sets no KERNEL_HEAP=\"\${BINDER_KERNEL_HEAP:-SIZE}\" default"; return 1; }
  case "${heap: -1}" in
    g|G) mb=$(( ${heap%?} * 1024 )) ;;
    m|M) mb=${heap%?} ;;
    k|K) mb=$(( ${heap%?} / 1024 )) ;;
    *) mb=$(( heap / 1048576 )) ;;
  esac
  (( mb <= BINDER_HEAP_LIMIT_MB )) ||
    { echo "kernel heap $heap = $mb MB is above 40 % of Binder's 2 GB ($BINDER_HEAP_LIMIT_MB MB)"; return 1; }
  echo "-Xmx$heap = $(( mb * 100 / 2048 )) % of 2 GB"
}

binder_lint_shellcheck() {
  local files=("$ROOT/binder/postBuild" "$ROOT/tools/binder/rehearse.sh" "$ROOT"/tools/workbook.d/*.sh)
  if ! command -v shellcheck >/dev/null 2>&1; then
    apt_install shellcheck >/dev/null 2>&1 || true
  fi
  if ! command -v shellcheck >/dev/null 2>&1; then
    echo "skipped: shellcheck is not installed and could not be (apt-get install shellcheck)"
    return 0
  fi
  shellcheck --shell=bash --severity=warning "${files[@]}" || return 1
  echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${#files[@]} files"
}

binder_lint_kernelspecs() {
  "$PY" - "$ROOT" <<'EOF'
import glob, json, os, sys
root = sys.argv[1]
want = {"name": "java", "display_name": "Java", "language": "java"}
paths = sorted(glob.glob(os.path.join(root, "notebooks", "*.ipynb")) +
               glob.glob(os.path.join(root, "tools", "tests", "*.ipynb")))
bad = []
for p in paths:
    spec = json.load(open(p)).get("metadata", {}).get("kernelspec", {})
    wrong = {k: spec.get(k) for k in want if spec.get(k) != want[k]}
    if wrong:
        bad.append(f"{os.path.relpath(p, root)}: kernelspec {wrong}, expected {want}")
if not paths:
    bad.append("no notebooks found")
print("\n".join(bad) if bad else f"{len(paths)} notebooks")
sys.exit(1 if bad else 0)
EOF
}

binder_lint_readme() {
  # The README's Binder badge and its direct link must point at this repository's notebooks.
  local readme="$ROOT/README.md" link nb
  [[ -f "$readme" ]] || { echo "README.md is missing"; return 1; }
  grep -q 'https://mybinder.org/badge_logo.svg' "$readme" || { echo "README.md has no Binder badge"; return 1; }
  link="$(grep -oE 'https://mybinder.org/v2/gh/[^) ]*urlpath=lab/tree/[^) ]*' "$readme" | head -n1)"
  [[ -n "$link" ]] || { echo "README.md has no direct Binder link (…?urlpath=lab/tree/notebooks/…)"; return 1; }
  nb="${link##*urlpath=lab/tree/}"
  [[ -f "$ROOT/$nb" ]] || { echo "the direct Binder link opens $nb, which does not exist"; return 1; }
  echo "opens $nb"
}

stage_binder() {
  echo "== binder: lint of binder/ (repo2docker) and the notebooks' kernelspecs =="
  binder_check "postBuild is executable in git" binder_lint_executable
  binder_check "postBuild starts in strict mode" binder_lint_strict_mode
  binder_check "environment file present" binder_lint_environment_file
  binder_check "apt.txt: JDK, Maven, fonts" binder_lint_apt
  binder_check "postBuild downloads only through Maven" binder_lint_no_downloads
  binder_check "kernel heap within 40 % of 2 GB" binder_lint_heap
  binder_check "shellcheck" binder_lint_shellcheck
  binder_check "every notebook's kernelspec is java" binder_lint_kernelspecs
  binder_check "README: Binder badge and link" binder_lint_readme
}
