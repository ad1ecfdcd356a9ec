#!/usr/bin/env bash
# Measures the synced player's group clock in WebKitGTK (MiniBrowser via WebKitWebDriver under
# Xvfb): spread, seeks, progress over loop wraps, displayed frame after 100 steps (read from the
# picture), and memory with and without releasing media. Outside CI; see ARCHITECTURE.md.
# Needs: ffmpeg, Xvfb, webkit2gtk-driver, ui/node_modules. Usage: scripts/player-bench/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
www=$work/www
mkdir -p "$www"
cleanup() { for p in "${pids[@]:-}"; do kill -TERM "$p" 2>/dev/null || true; done; rm -rf "$work"; }
pids=()
trap cleanup EXIT

# Four 1080p 24 fps clips, 2 s GOP, the frame number drawn as 8 binary blocks (read back by bench.ts).
bits=""
for k in 0 1 2 3 4 5 6 7; do bits="$bits,drawbox=enable='mod(floor(n/$((1 << k))),2)':x=$((k * 120)):y=0:w=120:h=120:color=white:t=fill"; done
for i in 0 1 2 3; do
  ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=size=1920x1080:rate=24" -t 5 \
    -vf "hue=h=$((i * 80)),drawbox=x=0:y=0:w=960:h=120:color=black:t=fill$bits" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 48 "$www/c$i.mp4"
done
cp "$here/bench.html" "$here/mem.html" "$www/"
(cd "$here/../../ui" && npx rolldown "$here/bench.ts" --file "$www/bench.js" --format iife >/dev/null)

Xvfb :47 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
sleep 1
DISPLAY=:47 NO_AT_BRIDGE=1 WebKitWebDriver --port=4747 >/dev/null 2>&1 & pids+=($!)
python3 "$here/serve.py" "$www" 4748 & pids+=($!)
sleep 1

session() {
  curl -s -X POST localhost:4747/session -H 'content-type: application/json' -d '{"capabilities":{"alwaysMatch":{"browserName":"MiniBrowser","webkitgtk:browserOptions":{"binary":"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser","args":["--automation"]}}}}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["value"]["sessionId"])'
}
end() { curl -s -X DELETE "localhost:4747/session/$1" >/dev/null; }

cd "$here"
for n in 2 4; do s=$(session); PB_SESSION=$s python3 drive.py "$n" 30; end "$s"; done
for mode in norelease release; do s=$(session); PB_SESSION=$s python3 mem.py "$mode"; end "$s"; done
