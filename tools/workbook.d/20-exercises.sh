# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage: every exercise's check cell rejects the stub and each listed typical mistake, and
# accepts the solution (tools/check_exercises.py; one unit per exercise).
register_stage exercises

stage_exercises() {
  echo "== exercises: each check rejects the stub and the typical mistakes, accepts the solution =="
  local nbs=()
  mapfile -t nbs < <(notebook_list)
  local with=() nb
  for nb in "${nbs[@]}"; do
    grep -q 'BEGIN SOLUTION' "$nb" && with+=("$nb")
  done
  if (( ${#with[@]} == 0 )); then say "exercises: no notebook has an exercise"; return 0; fi
  if (( BUILD_OK != 1 )); then
    record_units exercises 0 "${#with[@]}"
    record_failure "exercises: not run: the library jar did not build"
    return 0
  fi
  local log="$TARGET/logs/exercises.log" rc=0
  mkdir -p "$TARGET/logs"
  "$PY" "$ROOT/tools/check_exercises.py" --timeout "${WORKBOOK_CELL_TIMEOUT:-300}" "${with[@]}" \
      | tee "$log" || rc=$?
  local summary
  summary="$(summary_line exercises < "$log")"
  if [[ -z "$summary" ]]; then
    record_units exercises 0 "${#with[@]}"
    record_failure "exercises: the checker stopped early (exit $rc); see $log"
    return 0
  fi
  record_summary exercises "$summary"
  while IFS= read -r line; do
    record_failure "exercises: ${line#  FAIL } (details above; log in $log)"
  done < <(grep '^  FAIL ' "$log" || true)
}
