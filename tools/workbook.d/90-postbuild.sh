# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'postbuild': the Binder build rehearsed on this machine by tools/binder/rehearse.sh
# (a fresh clone of the last commit, binder/postBuild as an unprivileged user with an empty
# HOME and Maven repository and a fresh Python prefix, then 00-welcome.ipynb with the
# kernelspec it installed). It downloads the build's dependencies from Maven Central, so it
# takes a few minutes; it runs last.

register_stage postbuild

stage_postbuild() {
  echo "== postbuild: binder/postBuild rehearsed on a fresh clone as an unprivileged user =="
  if ! /usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null; then
    apt_install python3-venv >/dev/null 2>&1 || true
  fi
  local log="$TARGET/logs/postbuild.log" rc=0 line result reason
  mkdir -p "$TARGET/logs"
  bash "$ROOT/tools/binder/rehearse.sh" 2>&1 | tee "$log" | sed 's/^/  /' || rc=${PIPESTATUS[0]}
  line="$(grep '^REHEARSAL ' "$log" | tail -n1)"
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
