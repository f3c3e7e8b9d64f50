# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'prose': every number a markdown cell quotes is printed by a code cell before it
# (tools/check_prose.py reads the notebooks stage's executed copies; the convention for numbers
# that are not quotes is in the README's instructor section). One unit per notebook, and one for
# the checker's own tests (tools/tests/check_prose_test.py: a planted wrong number fails the check).
register_stage prose

stage_prose() {
  echo "== prose: every number the text quotes is a number printed before it =="
  tool_tests prose check_prose_test.py
  local rc=0
  local nbs=()
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || return 0
  local executed=() nb missing=()
  for nb in "${nbs[@]}"; do
    if [[ -f "$TARGET/executed/${nb#"$ROOT"/}" ]]; then executed+=("$TARGET/executed/${nb#"$ROOT"/}")
    else missing+=("${nb#"$ROOT"/}"); fi
  done
  if (( ${#missing[@]} > 0 )); then
    record_units prose 0 "${#missing[@]}"
    record_failure "prose: no executed copy of ${missing[*]} in target/executed/ (run the notebooks stage: ./workbook test notebooks prose)"
  fi
  (( ${#executed[@]} > 0 )) || return 0
  local log="$TARGET/logs/prose.log"
  mkdir -p "$TARGET/logs"
  rc=0
  "$PY" "$ROOT/tools/check_prose.py" --root "$TARGET/executed" "${executed[@]}" > "$log" 2>&1 || rc=$?
  grep -E '^  (PASS|FAIL)|^      ' "$log" || true
  local summary
  summary="$(summary_line prose < "$log")"
  if [[ -z "$summary" ]]; then
    record_units prose 0 "${#executed[@]}"
    record_failure "prose: the checker stopped early (exit $rc); see $log"
    return 0
  fi
  echo "  quoted numbers checked: $(summary_value "$summary" quotes)"
  record_summary prose "$summary"
  while IFS= read -r line; do
    record_failure "prose: ${line#FAILED } (details above; log in $log)"
  done < <(grep '^FAILED ' "$log" || true)
}
