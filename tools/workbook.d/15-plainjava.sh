# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'plainjava': every notebook again on a kernel without `--add-modules jdk.incubator.vector`
# (the library then runs plain Java, as on IJava/JJava with their default JVM options), and its text
# outputs compared, cell by cell, with the notebooks stage's (tools/compare_outputs.py; clock-dependent
# rates and times left out). One unit per notebook: identical text, or a failure naming the cell.
# WORKBOOK_PLAIN_JVM_ARG adds one JVM option to that kernel (e.g. -Dbackprop.vector=false, with the
# module loaded again: WORKBOOK_PLAIN_VECTOR_MODULE=1).
register_stage plainjava

stage_plainjava() {
  echo "== plainjava: every notebook's text output the same without the vector module =="
  local nbs=()
  mapfile -t nbs < <(notebook_list)
  (( ${#nbs[@]} > 0 )) || { say "plainjava: no notebooks"; return 0; }
  if (( BUILD_OK != 1 )); then
    record_units plainjava 0 "${#nbs[@]}"
    record_failure "plainjava: not run: the library jar did not build"
    return 0
  fi
  local version opts=(--plain-java)
  version="$(pom_property rjk.version)"
  [[ "${WORKBOOK_PLAIN_VECTOR_MODULE:-0}" == 1 ]] && opts=()
  [[ -n "${WORKBOOK_PLAIN_JVM_ARG:-}" ]] && opts+=("--jvm-arg=$WORKBOOK_PLAIN_JVM_ARG")   # = form: the value starts with a dash
  if ! "$PY" "$ROOT/tools/kernel/kernelspec.py" "$JUPYTER_DIR/kernels/java-plain" --java "$JAVA_HOME/bin/java" \
        --heap "$KERNEL_XMX" --kernel-jar "$KERNEL_DIR/rapaio-jupyter-kernel-$version.jar" \
        --launcher-dir "$KERNEL_DIR/launcher" "${opts[@]}"; then
    record_units plainjava 0 "${#nbs[@]}"
    record_failure "plainjava: could not write the kernelspec java-plain (see above)"
    return 0
  fi
  # The vector-module outputs: the notebooks stage's, when it ran in this test; else run them here.
  local vector="$TARGET/executed" plain="$TARGET/executed-plain" nb rel=() missing=0
  for nb in "${nbs[@]}"; do
    rel+=("${nb#"$ROOT"/}")
    [[ -f "$vector/${nb#"$ROOT"/}" ]] || missing=1
  done
  local log="$TARGET/logs/plainjava.log"
  mkdir -p "$TARGET/logs"
  : > "$log"
  if (( missing )); then
    vector="$TARGET/executed-vector"
    rm -rf "$vector"
    "$PY" "$ROOT/tools/run_notebooks.py" --root "$ROOT" --out "$vector" \
        --timeout "${WORKBOOK_CELL_TIMEOUT:-300}" "${nbs[@]}" >> "$log" 2>&1 || true
  fi
  rm -rf "$plain"
  "$PY" "$ROOT/tools/run_notebooks.py" --root "$ROOT" --out "$plain" --kernel java-plain \
      --timeout "${WORKBOOK_CELL_TIMEOUT:-300}" "${nbs[@]}" 2>&1 | tee -a "$log" | grep -E '^  (PASS|FAIL)' \
      | sed 's/^  /  plain Java: /' || true
  local rc=0 out
  out="$(cd "$ROOT" && "$PY" tools/compare_outputs.py --label-a "vector module" --label-b "plain Java" \
      "$vector" "$plain" "${rel[@]}" 2>&1)" || rc=$?
  printf '%s\n' "$out" | tee -a "$log" | grep -v '^SUMMARY'
  local summary same
  summary="$(summary_line compare <<<"$out")"
  if [[ -z "$summary" ]]; then
    record_units plainjava 0 "${#nbs[@]}"
    record_failure "plainjava: tools/compare_outputs.py stopped early (exit $rc); see $log"
    return 0
  fi
  same="$(summary_value "$summary" same)"
  record_units plainjava "$same" $(( ${#nbs[@]} - same ))
  while IFS= read -r line; do
    record_failure "plainjava: ${line#  } (details above; executed copies in $plain)"
  done < <(grep -E '^  (DIFFERENT|MISSING)  ' <<<"$out" | sed 's/:.*//' || true)
}
