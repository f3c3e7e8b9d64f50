# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'cells': every code cell is 12 lines or shorter, as DESIGN.md's notebook conventions ask
# (tools/check_cell_length.py; exercise markers and blank lines are not counted). One unit per notebook,
# and one for the checker's own tests (tools/tests/check_cell_length_test.py).
register_stage cells

stage_cells() {
  echo "== cells: every code cell 12 lines at most =="
  tool_tests cells check_cell_length_test.py
  local out rc=0
  local nbs=()
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || return 0
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
