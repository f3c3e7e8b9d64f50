# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# The instructor's tools and their tests:
#   ./workbook render    every notebook executed, as static HTML (+ reveal.js slides) in target/site/
#   ./workbook student   learner copies with the solutions stubbed out, in target/student/
#   stage 'student'      each learner copy fails exactly its check cells (tools/student.py)
#   stage 'render'       the site built from the notebooks stage's executed copies, then
#                        opened from disk in Chromium: links, plots, math and slides (reveal.js
#                        from tools/reveal/) all work offline

register_command render "execute every notebook and write static HTML (+ slides) with an index to target/site/"
register_command student "write learner copies (solutions replaced by stubs, outputs cleared) to target/student/"
register_stage student
register_stage render

REVEAL_DIR="$ROOT/tools/reveal"

ensure_reveal() {         # prints the reveal.js package folder for render.py; nothing when it cannot be had
  [[ -n "${WORKBOOK_REVEAL_URL:-}" ]] && return 0   # the slides use that address instead
  # npm ci installs exactly the reveal.js tools/reveal/package-lock.json pins (the version Debian's
  # nbconvert slides template expects) into tools/reveal/node_modules.
  if [[ ! -f "$REVEAL_DIR/node_modules/reveal.js/package.json" ||
        "$REVEAL_DIR/package-lock.json" -nt "$REVEAL_DIR/node_modules/.package-lock.json" ]]; then
    if ! command -v npm >/dev/null 2>&1; then
      say "npm is needed to bundle reveal.js with the slides; installing it" >&2
      apt_install nodejs npm >&2 || { warn "no npm: the slides will load reveal.js from the network"; return 0; }
    fi
    say "installing reveal.js into tools/reveal/node_modules (npm ci)" >&2
    (cd "$REVEAL_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2 ||
      { warn "npm ci in tools/reveal failed: the slides will load reveal.js from the network"; return 0; }
  fi
  printf '%s\n' "$REVEAL_DIR/node_modules/reveal.js"
}

reveal_args() {           # --reveal DIR for render.py, or nothing
  local dir; dir="$(ensure_reveal)"
  [[ -n "$dir" ]] && printf '%s\n' --reveal "$dir"
  return 0
}

cmd_render() {
  (( $# == 0 )) || die "render: takes no arguments"
  setup
  ensure_jar
  local nbs=() rc=0
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || die "render: no notebooks in notebooks/"
  say "executing ${#nbs[@]} notebook(s) on fresh kernels"
  rm -rf "$TARGET/render"
  "$PY" "$ROOT/tools/run_notebooks.py" --root "$ROOT" --out "$TARGET/render/executed" \
      --timeout "${WORKBOOK_CELL_TIMEOUT:-300}" "${nbs[@]}" || rc=1
  local reveal=()
  mapfile -t reveal < <(reveal_args)
  "$PY" "$ROOT/tools/render.py" --out "$TARGET/site" --executed "$TARGET/render/executed" \
      --root "$ROOT" "${reveal[@]}" "${nbs[@]}" || rc=1
  say "open $TARGET/site/index.html (the folder is self-contained: zip it to share it)"
  (( rc == 0 )) || die "render: some notebooks failed; their pages show the error and the index marks them"
}

cmd_student() {
  (( $# == 0 )) || die "student: takes no arguments"
  local nbs=()
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || die "student: no notebooks in notebooks/"
  [[ -x "$PY" ]] && "$PY" -c 'import nbformat' 2>/dev/null || setup
  rm -rf "$TARGET/student"
  "$PY" "$ROOT/tools/student.py" make --out "$TARGET/student" "${nbs[@]}" ||
    die "student: a notebook breaks the exercise convention (see above and tools/student.py)"
  cat > "$TARGET/student/README.md" <<'EOF'
# Learner copies of the Backprop Workbook notebooks

Each solution is replaced by a stub (`// YOUR CODE HERE`) that runs but fails the check cell
after it; the check's message says what is wrong. Outputs are cleared.

To use them: put these files in place of those in `notebooks/` of a clone of the workbook
(they load `../target/backprop-workbook.jar` and read `../data/`), run `./workbook`, and make
every check pass.
EOF
  say "learner copies: $TARGET/student/"
}

stage_student() {
  echo "== student: learner copies fail exactly their check cells =="
  local log="$TARGET/logs/student.log" out rc=0
  mkdir -p "$TARGET/logs"
  : > "$log"
  # The transformation and the shared tooling (no kernel): tools/tests/test_student.py, test_workbook_tools.py
  out="$("$PY" -m unittest discover -s "$ROOT/tools/tests" -p 'test_*.py' 2>&1)" || rc=$?
  local ran
  ran="$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' <<<"$out")"
  local bad=0 n
  for n in $(sed -n 's/^FAILED (\(.*\))$/\1/p' <<<"$out" | grep -oE '[0-9]+' || true); do
    bad=$(( bad + n ))
  done
  if (( rc == 0 )); then
    echo "  PASS  tools/tests/test_*.py (learner copies, tools/workbook_tools.py): ${ran:-0} tests"
    record_units student "${ran:-0}" 0
  else
    sed 's/^/      | /' <<<"$out" | tail -n 40
    (( bad > 0 )) || bad=1
    record_units student $(( ${ran:-0} - bad > 0 ? ${ran:-0} - bad : 0 )) "$bad"
    record_failure "student: tools/tests/test_*.py failed (output above)"
  fi

  if (( BUILD_OK != 1 )); then
    record_units student 0 1
    record_failure "student: learner copies not run: the library jar did not build"
    return 0
  fi
  local nbs=() exercises=()
  mapfile -t nbs < <(notebook_list)
  if (( ${#nbs[@]} > 0 )); then
    if ! out="$("$PY" "$ROOT/tools/student.py" list "${nbs[@]}" 2>&1)"; then
      printf '  FAIL  %s\n' "$out"
      record_units student 0 1
      record_failure "student: a notebook breaks the exercise convention: $out"
      return 0
    fi
    [[ -n "$out" ]] && mapfile -t exercises <<<"$out"
  fi
  if (( ${#exercises[@]} == 0 )); then
    # No curriculum notebook has an exercise yet: use the fixture, whose solutions the
    # notebooks stage does not run, so run them here first.
    local fixture="$ROOT/tools/tests/exercise-fixture.ipynb"
    echo "  (no notebook in notebooks/ has an exercise yet: using tools/tests/exercise-fixture.ipynb)"
    exercises=("$fixture")
    rc=0
    "$PY" "$ROOT/tools/run_notebooks.py" --strict --root "$ROOT" --out "$TARGET/student-check/solutions" \
        "$fixture" >> "$log" 2>&1 || rc=$?
    grep -E '^  (PASS|FAIL)|^      ' "$log" || true
    if (( rc == 0 )); then record_units student 1 0; else
      record_units student 0 1
      record_failure "student: the fixture's solutions do not pass (target/logs/student.log)"
    fi
  fi
  rc=0
  "$PY" "$ROOT/tools/student.py" check --timeout "${WORKBOOK_CELL_TIMEOUT:-300}" \
      --save "$TARGET/student-check" "${exercises[@]}" | tee -a "$log" | grep -v '^SUMMARY' || rc=$?
  local summary
  summary="$(summary_line student < "$log")"
  if [[ -z "$summary" ]]; then
    record_units student 0 "${#exercises[@]}"
    record_failure "student: the learner-copy check stopped early (target/logs/student.log)"
    return 0
  fi
  record_summary student "$summary"
  while IFS= read -r line; do
    record_failure "student: ${line#  FAIL  } (details above; executed copy in target/student-check/)"
  done < <(grep '^  FAIL  ' "$log" || true)
}

stage_render() {
  echo "== render: the static site, opened from disk in Chromium =="
  if (( BUILD_OK != 1 )); then
    record_units render 0 1
    record_failure "render: not run: the library jar did not build"
    return 0
  fi
  local nbs=() executed="$TARGET/executed" rc=0
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || { say "render: no notebooks"; return 0; }
  # Reuse the notebooks stage's executed copies when it ran in this test; else execute here.
  local nb missing=0
  for nb in "${nbs[@]}"; do [[ -f "$executed/${nb#"$ROOT"/}" ]] || missing=1; done
  if (( missing )); then
    executed="$TARGET/render/executed"
    rm -rf "$executed"
    "$PY" "$ROOT/tools/run_notebooks.py" --root "$ROOT" --out "$executed" "${nbs[@]}" >/dev/null 2>&1 || true
  fi
  # (A notebook that failed is the notebooks stage's failure; its page shows the error.)
  local reveal=()
  mapfile -t reveal < <(reveal_args)
  "$PY" "$ROOT/tools/render.py" --out "$TARGET/site" --executed "$executed" --root "$ROOT" "${reveal[@]}" "${nbs[@]}" \
      2>&1 | sed 's/^/  /' || true
  if [[ ! -f "$TARGET/site/index.html" ]]; then
    record_units render 0 1
    record_failure "render: target/site/index.html was not written"
    return 0
  fi
  # Every notebook has its page, and the index links it.
  local linked=0
  for nb in "${nbs[@]}"; do
    local page; page="$(basename "${nb%.ipynb}").html"
    if [[ -f "$TARGET/site/$page" ]] && grep -q "href=\"$page\"" "$TARGET/site/index.html"; then
      linked=$(( linked + 1 ))
    else
      rc=1; echo "  FAIL  $page is missing or not linked from index.html"
    fi
  done
  if (( rc == 0 )); then
    echo "  PASS  target/site/index.html links all ${#nbs[@]} notebook page(s)"
    record_units render 1 0
  else
    record_units render 0 1
    record_failure "render: target/site/index.html does not link every notebook"
  fi
  if ! ensure_browser_tools; then
    record_units render 0 1
    record_failure "render: Chromium, node or playwright-core is missing and could not be installed"
    return 0
  fi
  local result
  rc=0
  result="$(node "$BROWSER_DIR/check-site.mjs" --site "$TARGET/site" --shots "$TARGET/browser" 2>&1)" || rc=$?
  grep '^site: ' <<<"$result" | sed 's/^/  /'
  if (( rc == 0 )); then
    echo "  PASS  the site works from disk, pages and slides, with no request leaving the machine (screenshots: target/browser/site-first-page.png, site-first-slides.png)"
    record_units render 1 0
  else
    record_units render 0 1
    record_failure "render: the site opened from disk has problems (listed above)"
  fi
}
