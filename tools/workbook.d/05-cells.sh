# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'cells': every code cell is 12 lines or shorter, as DESIGN.md's notebook conventions ask
# (tools/check_cell_length.py; exercise markers and blank lines are not counted). One unit per notebook,
# and one for the checker's own tests (tools/tests/check_cell_length_test.py).
register_stage cells

stage_cells() {
  echo "== cells: every code cell 12 lines at most =="
  local out rc=0
  out="$("$PY" -m unittest discover -s "$ROOT/tools/tests" -p 'check_cell_length_test.py' 2>&1)" || rc=$?
  if (( rc == 0 )); then
    echo "  PASS  tools/tests/check_cell_length_test.py: $(sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' <<<"$out") tests"
    record_units cells 1 0
  else
    sed 's/^/      | /' <<<"$out" | tail -n 40
    record_units cells 0 1
    record_failure "cells: tools/tests/check_cell_length_test.py failed (output above)"
  fi
  local nbs=()
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || return 0
  rc=0
  out="$("$PY" "$ROOT/tools/check_cell_length.py" "${nbs[@]}" 2>&1)" || rc=$?
  grep -v '^SUMMARY ' <<<"$out" | sed 's/^/  /' || true
  local summary
  summary="$(summary_line cells <<<"$out")"
  if [[ -z "$summary" ]]; then
    record_units cells 0 "${#nbs[@]}"
    record_failure "cells: the checker stopped early (exit $rc)"
    return 0
  fi
  echo "  notebooks checked: $(summary_value "$summary" notebooks), with a cell too long: $(summary_value "$summary" failed)"
  record_summary cells "$summary"
  (( rc == 0 )) || record_failure "cells: code cells longer than 12 lines (listed above): split them, or move a check into backprop.exercises"
}
