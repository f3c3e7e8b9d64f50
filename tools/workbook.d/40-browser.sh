# shellcheck shell=bash disable=SC2154
# (ROOT, PY, TARGET, ... are defined by ./workbook, which sources this file.)
# Test stage 'browser': a person's view. Jupyter Notebook (the same Jupyter and kernelspec as
# ./workbook open) serves the notebooks on 127.0.0.1 with a token; headless Chromium (Debian's,
# /usr/bin/chromium, driven by playwright-core from tools/browser/) opens 00-welcome.ipynb,
# clicks Cell > Run All and checks the page: no error output, a plot rendered as <img>, a
# tensor printed as text. Screenshots: target/browser/page.png and target/browser/plot.png.
# Then the live-plot notebook (01-gradient-descent.ipynb): its LivePlot cell must replace its
# picture in place while it runs, seen from the page, and end with the final picture
# (target/browser/live/live-mid.png, live-final.png).
#
# Also the helpers the stage 'render' uses to look at the rendered site in the same browser.

register_stage browser

BROWSER_DIR="$ROOT/tools/browser"
BROWSER_NOTEBOOK="${WORKBOOK_BROWSER_NOTEBOOK:-00-welcome.ipynb}"
BROWSER_LIVE_NOTEBOOK="${WORKBOOK_BROWSER_LIVE_NOTEBOOK:-01-gradient-descent.ipynb}"

ensure_browser_tools() {  # Debian's chromium, node + npm, tools/browser/node_modules; 1 = not possible
  if [[ ! -x /usr/bin/chromium ]]; then
    say "Debian's chromium is needed for the browser tests; installing it"
    apt_install chromium >&2 || { warn "could not install chromium (apt-get install chromium)"; return 1; }
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    say "node and npm are needed for the browser tests; installing them"
    apt_install nodejs npm >&2 || { warn "could not install node and npm (apt-get install nodejs npm)"; return 1; }
  fi
  # npm ci installs exactly what package-lock.json says, into tools/browser/node_modules only.
  # playwright-core brings no browser (and is never asked to download one).
  if [[ ! -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ||
        "$BROWSER_DIR/package-lock.json" -nt "$BROWSER_DIR/node_modules/.package-lock.json" ]]; then
    say "installing playwright-core into tools/browser/node_modules (npm ci)"
    (cd "$BROWSER_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2 ||
      { warn "npm ci in tools/browser failed"; return 1; }
  fi
}

TEST_JUPYTER_PID=""
start_test_jupyter() {    # FOLDER: Jupyter Notebook on FOLDER; sets TEST_JUPYTER_URL (with token)
  local folder="$1" port token log="$TARGET/logs/browser-jupyter.log"
  port="$(free_port 8890)" || { warn "no free port on 127.0.0.1"; return 1; }
  token="$(jupyter_token)"
  local config
  config="$(dirname "$folder")/jupyter-config"
  mkdir -p "$TARGET/logs" "$config"
  # The same launcher as ./workbook open; the user's own Jupyter configuration (a password,
  # extensions) stays out of the test.
  launch_jupyter "$folder" "$port" "$token" no "$log" "$config"
  TEST_JUPYTER_PID="$JUPYTER_LAUNCH_PID"
  TEST_JUPYTER_URL="http://127.0.0.1:$port"
  TEST_JUPYTER_TOKEN="$token"
  local waited=0
  until "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
          "$TEST_JUPYTER_URL/api/status?token=$token" 2>/dev/null; do
    if ! kill -0 "$TEST_JUPYTER_PID" 2>/dev/null; then
      warn "Jupyter exited at start; see target/logs/browser-jupyter.log"; TEST_JUPYTER_PID=""; return 1
    fi
    (( waited >= 60 )) && { warn "Jupyter did not answer within 60 s"; return 1; }
    sleep 1; waited=$(( waited + 1 ))
  done
}

stop_test_jupyter() {     # stops the Jupyter started above and the kernels it started
  [[ -n "$TEST_JUPYTER_PID" ]] || return 0
  local kids
  kids="$(pgrep -P "$TEST_JUPYTER_PID" 2>/dev/null || true)"
  kill "$TEST_JUPYTER_PID" 2>/dev/null || true
  local waited=0
  while kill -0 "$TEST_JUPYTER_PID" 2>/dev/null && (( waited < 20 )); do sleep 0.5; waited=$(( waited + 1 )); done
  kill -9 "$TEST_JUPYTER_PID" 2>/dev/null || true
  wait "$TEST_JUPYTER_PID" 2>/dev/null || true
  local k
  for k in $kids; do kill "$k" 2>/dev/null || true; done
  TEST_JUPYTER_PID=""
}

stage_browser() {
  echo "== browser: $BROWSER_NOTEBOOK run through the Notebook UI in headless Chromium =="
  local shots="$TARGET/browser"
  rm -rf "$shots"; mkdir -p "$shots"
  if (( BUILD_OK != 1 )); then
    record_units browser 0 1
    record_failure "browser: not run: the library jar did not build"
    return 0
  fi
  if ! ensure_browser_tools; then
    record_units browser 0 1
    record_failure "browser: Chromium, node or playwright-core is missing and could not be installed"
    return 0
  fi
  # Jupyter saves notebooks it has open: serve copies, in a folder laid out like the
  # repository (target/ and data/ beside notebooks/) so the notebooks' relative paths work.
  local site
  site="$(mktemp -d /tmp/bw-browser.XXXXXX)"
  mkdir -p "$site/notebooks"
  cp "$ROOT"/notebooks/*.ipynb "$site/notebooks/"
  ln -s "$TARGET" "$site/target"
  [[ -d "$ROOT/data" ]] && ln -s "$ROOT/data" "$site/data"
  local rc=0 live_rc=0
  mkdir -p "$shots/live"
  if start_test_jupyter "$site/notebooks"; then
    say "Jupyter for the browser test: $TEST_JUPYTER_URL (pid $TEST_JUPYTER_PID)"
    node "$BROWSER_DIR/run-all.mjs" \
        --url "$TEST_JUPYTER_URL/notebooks/$BROWSER_NOTEBOOK?token=$TEST_JUPYTER_TOKEN" \
        --shots "$shots" --timeout "${WORKBOOK_BROWSER_TIMEOUT:-300}" > "$shots/result.txt" || rc=$?
    node "$BROWSER_DIR/run-all.mjs" --live --no-tensor \
        --url "$TEST_JUPYTER_URL/notebooks/$BROWSER_LIVE_NOTEBOOK?token=$TEST_JUPYTER_TOKEN" \
        --shots "$shots/live" --timeout "${WORKBOOK_BROWSER_TIMEOUT:-300}" > "$shots/live/result.txt" || live_rc=$?
  else
    rc=1 live_rc=1
    echo "RESULT {\"ok\":false,\"problems\":[\"Jupyter did not start\"]}" > "$shots/result.txt"
    cp "$shots/result.txt" "$shots/live/result.txt"
  fi
  stop_test_jupyter
  rm -rf "$site"
  local summary
  summary="$("$PY" - "$shots/result.txt" <<'EOF'
import json, sys
line = [l for l in open(sys.argv[1]) if l.startswith("RESULT ")]
r = json.loads(line[-1][7:]) if line else {"ok": False, "problems": ["the browser driver printed no result"]}
c = r.get("checks", {})
if r.get("ok"):
    restarts = r.get("kernelRestarts")
    print(f"{c.get('codeCells')} code cells ran in {r.get('runSeconds', 0):.1f} s; "
          f"{c.get('renderedImages')} plot image(s); tensor text: {c.get('tensorText', '')[:40]!r}"
          + (f"; the kernel was restarted {restarts} time(s) before it answered" if restarts else ""))
else:
    print("; ".join(r.get("problems", [])) or "failed")
EOF
)"
  if (( rc == 0 )); then
    echo "  PASS  $BROWSER_NOTEBOOK in Chromium: $summary"
    echo "        screenshots: target/browser/page.png, target/browser/plot.png"
    record_units browser 1 0
  else
    echo "  FAIL  $BROWSER_NOTEBOOK in Chromium: $summary"
    record_units browser 0 1
    record_failure "browser: $BROWSER_NOTEBOOK: $summary (screenshot: target/browser/page.png)"
  fi
  summary="$("$PY" - "$shots/live/result.txt" <<'EOF'
import json, sys
line = [l for l in open(sys.argv[1]) if l.startswith("RESULT ")]
r = json.loads(line[-1][7:]) if line else {"ok": False, "problems": ["the browser driver printed no result"]}
c = r.get("checks", {})
if r.get("ok"):
    print(f"{c.get('codeCells')} code cells ran in {r.get('runSeconds', 0):.1f} s; code cell {c.get('liveCell', 0) + 1} showed "
          f"{c.get('livePictures')} different pictures in place while it ran, and its final picture is there")
else:
    print("; ".join(r.get("problems", [])) or "failed")
EOF
)"
  if (( live_rc == 0 )); then
    echo "  PASS  $BROWSER_LIVE_NOTEBOOK in Chromium (live plot): $summary"
    echo "        screenshots: target/browser/live/live-mid.png (mid-run), target/browser/live/live-final.png"
    record_units browser 1 0
  else
    echo "  FAIL  $BROWSER_LIVE_NOTEBOOK in Chromium (live plot): $summary"
    record_units browser 0 1
    record_failure "browser: $BROWSER_LIVE_NOTEBOOK (live plot): $summary (screenshot: target/browser/live/page.png)"
  fi
}
