# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# ./workbook bench: the performance benchmark (issue 8; workloads in shared/bench-workloads.md).
# Builds the library jar and the benchmark classes (lib-src/bench/java, not part of the jar), then
# bench/run.py runs the Java side and the NumPy/PyTorch peers (bench/peers/) with 1 and 2 threads,
# times every notebook with its kernel's peak memory, prints one table and writes
# target/bench/results.md and results.json.

BENCH_CLASSES="$TARGET/bench-classes"

ensure_bench_classes() {
  local stamp="$BENCH_CLASSES/.built"
  if [[ -f "$stamp" && -z "$(find "$ROOT/lib-src/bench" "$JAR" -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  say "compiling the benchmark classes (lib-src/bench/java)"
  rm -rf "$BENCH_CLASSES"; mkdir -p "$BENCH_CLASSES"
  local sources=()
  mapfile -t sources < <(find "$ROOT/lib-src/bench/java" -name '*.java' | sort)
  "$JAVA_HOME/bin/javac" --release 17 -encoding UTF-8 -d "$BENCH_CLASSES" -cp "$JAR" "${sources[@]}" ||
    die "the benchmark classes did not compile"
  touch "$stamp"
}

ensure_bench_peers() {   # Debian's python3-numpy and python3-torch; a peer whose package is missing is skipped
  local want=() module
  for module in numpy torch; do
    "$PY" -c "import $module" 2>/dev/null || want+=("python3-$module")
  done
  # python3-numpy is satisfied by the reference BLAS (libblas3), several times slower than OpenBLAS
  # (512x512 products: 2.9 against 20 GFLOP/s on one Zen 2 core); the peers get OpenBLAS, as a NumPy user would.
  /sbin/ldconfig -p 2>/dev/null | grep -q 'libopenblas\.so\.0' || want+=(libopenblas0-pthread)
  (( ${#want[@]} == 0 )) && return 0
  say "the peers need ${want[*]} (Debian's packages); installing"
  apt_install "${want[@]}" || warn "could not install ${want[*]}; those peers are skipped"
}

cmd_bench() {
  local args=() notebooks=1 arg
  for arg in "$@"; do
    case "$arg" in
      --no-notebooks) notebooks=0; args+=("$arg") ;;
      --dry-run) notebooks=0; args+=("$arg") ;;
      --no-peers|--peers-as-installed) args+=("$arg") ;;
      --threads=*|--workloads=*|--rounds=*|--peer-timeout=*|--baseline-jar=*|--live-rounds=*) args+=("${arg%%=*}" "${arg#*=}") ;;
      -h|--help) "$PY" "$ROOT/bench/run.py" --help; return 0 ;;
      *) die "bench: unknown option '$arg' (try: ./workbook bench [--workloads=W1,W2,...] [--threads=1,2] [--rounds=N] [--live-rounds=N] [--baseline-jar=OLD.jar] [--no-peers] [--peers-as-installed] [--no-notebooks] [--dry-run])" ;;
    esac
  done
  ensure_jdk
  ensure_maven
  ensure_jar
  ensure_bench_classes
  [[ " ${args[*]} " == *" --no-peers "* ]] || ensure_bench_peers
  if (( notebooks )); then
    ensure_jupyter
    ensure_kernel
    jupyter_env
  fi
  # The notebooks one at a time: each time and each kernel's peak memory its own.
  WORKBOOK_JOBS=1 "$PY" "$ROOT/bench/run.py" --classpath "$JAR:$BENCH_CLASSES" --java "$JAVA_HOME/bin/java" "${args[@]}"
}

register_command bench "time W1-W5 against NumPy/PyTorch and every notebook; table in target/bench/results.md [--workloads=W1,...] [--threads=1,2] [--baseline-jar=OLD.jar] [--no-peers] [--no-notebooks] [--dry-run]"
