#!/usr/bin/env bash
# The synced player measured in the real app (not the MiniBrowser page of run.sh): the Tauri
# app under Xvfb through tauri-driver + WebKitWebDriver, in demo mode with the emulator's review
# render (four 1080p 24 fps clips with their frame number in the picture). Prints JSON rows:
# memory idle / playing / across runs, spread and seeks over 30 s with loop wraps, 100 mixed
# steps read from the picture. Outside CI; results in BENCHMARKS.md.
# Needs: a built app (APP_BIN, default target/release/dailies-app, else target/debug),
# tauri-driver, webkit2gtk-driver, Xvfb, ffmpeg, dbus-run-session, gnome-keyring-daemon.
# Usage: scripts/player-bench/app.sh   (PB_SECONDS=30 PB_RUNS=10 to change the lengths,
# PB_MEMORY_ONLY=1 for the memory rows alone; PB_SAMPLES, PB_HEAPTRACK, PB_TRIM: see app.py)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=${APP_BIN:-$root/target/release/dailies-app}
[ -x "$app" ] || app=$root/target/debug/dailies-app
[ -x "$app" ] || { echo "no app binary: cargo build -p dailies-app (--release)" >&2; exit 1; }
echo "app: $app"
export APP_BIN=$app HERE=$here PB_SCRIPT=${PB_SCRIPT:-app.py}
dbus-run-session -- bash -c '
  set -euo pipefail
  work=$(mktemp -d)
  pids=()
  cleanup() { for p in "${pids[@]:-}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
  trap cleanup EXIT
  export XDG_DATA_HOME=$work/xdg NO_AT_BRIDGE=1
  eval "$(printf bench | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  Xvfb :48 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
  sleep 1
  port=4849
  DISPLAY=:48 DAILIES_DATA_DIR=$work/data DAILIES_DEMO=1 DAILIES_KEYRING_SERVICE=dailies-bench \
    DAILIES_SIM_CLIP_FPS=24 DAILIES_SIM_FRAME_NUMBERS=1 \
    tauri-driver --port $port --native-port 4850 --native-driver "$(command -v WebKitWebDriver)" >"$work/driver.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  cd "$HERE"
  PB_WEBDRIVER=http://127.0.0.1:$port PB_DRIVER_PID=${pids[1]} python3 "${PB_SCRIPT:-app.py}"
'
