#!/usr/bin/env bash
# README command 1: install what is missing, build, and launch Dailies in demo mode
# (every provider is the built-in emulator: simulated, no keys, no charges).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

printf '\n==> building the UI and the app (first build takes a few minutes on 2 cores)\n'
(cd ui && npm run build)
cargo build -p dailies-app

export DAILIES_DEMO=1
printf '\n==> launching Dailies in demo mode\n'
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./target/debug/dailies-app --demo
fi
# No desktop: run on a virtual display so the app still starts (e.g. over SSH or in CI).
echo "no DISPLAY: running on a virtual X display (xvfb-run); screenshot with: DISPLAY=:99 import -window root shot.png"
exec dbus-run-session -- xvfb-run -n 99 -s "-screen 0 1440x900x24" ./target/debug/dailies-app --demo
