# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'postbuild': the Binder build rehearsed on this machine by tools/binder/rehearse.sh
# (a fresh clone of the last commit, binder/postBuild as an unprivileged user with an empty
# HOME and Maven repository and a fresh Python prefix, then 00-welcome.ipynb with the
# kernelspec it installed). It downloads the build's dependencies from Maven Central, so it
# takes a few minutes; it reports last.

register_stage postbuild
# It needs nothing from the other stages (a clone of the last commit, its own HOME and Maven
# repository), and much of it is waiting for downloads: ./workbook test starts it in the background
# once the stages whose times are quoted are done, and this stage waits for it and reports.
register_background postbuild

POSTBUILD_PID=""
POSTBUILD_START=0
POSTBUILD_LOG="$TARGET/logs/postbuild.log"

begin_postbuild() {
  if ! /usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null; then
    apt_install python3-venv >/dev/null 2>&1 || true
  fi
  mkdir -p "$TARGET/logs"
  bash "$ROOT/tools/binder/rehearse.sh" > "$POSTBUILD_LOG" 2>&1 &
  POSTBUILD_PID=$!
  POSTBUILD_START=$SECONDS
  # ./workbook stopped early (Ctrl-C, a failed set-up): the rehearsal stops too (it cleans up after itself).
  trap 'if [[ -n "$POSTBUILD_PID" ]]; then kill "$POSTBUILD_PID" 2>/dev/null || true; fi' EXIT
  echo "  (postbuild: the Binder rehearsal started in the background; its report comes in its turn)"
}

stage_postbuild() {
  echo "== postbuild: binder/postBuild rehearsed on a fresh clone as an unprivileged user =="
  [[ -n "$POSTBUILD_PID" ]] || begin_postbuild >/dev/null
  local rc=0 line result reason waited=$SECONDS
  wait "$POSTBUILD_PID" || rc=$?
  POSTBUILD_PID=""
  echo "  (the rehearsal started $(( waited - POSTBUILD_START )) s before this stage; waited for it here $(( SECONDS - waited )) s; its own time is its seconds= below)"
  sed 's/^/  /' "$POSTBUILD_LOG"
  line="$(grep '^REHEARSAL ' "$POSTBUILD_LOG" | tail -n1)"
  result="$(sed -n 's/.* result=\([a-z]*\).*/\1/p' <<<"$line")"
  reason="$(sed -n 's/.* reason="\(.*\)"$/\1/p' <<<"$line")"
  case "$result" in
    pass)
      echo "  PASS  postBuild rehearsal: $(sed -n 's/.*\(seconds=[0-9]* postbuild=[0-9.]* notebook=[0-9.]*\).*/\1/p' <<<"$line")"
      record_units postbuild 1 0 ;;
    skip)
      echo "  SKIPPED  postBuild rehearsal: $reason"
      say "postbuild: skipped: $reason" ;;
    *)
      record_units postbuild 0 1
      record_failure "postbuild: ${reason:-the rehearsal ended without a result (exit $rc)}; log: target/logs/postbuild.log" ;;
  esac
}
