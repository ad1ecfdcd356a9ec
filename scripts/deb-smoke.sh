#!/usr/bin/env bash
# The full .deb check (not in scripts/test.sh: it needs a release build, minutes on 2 cores):
# build it with scripts/package.sh, check its control data and contents, confirm apt can
# satisfy its Depends here, unpack it into a throwaway root, run the CLI from there, and
# launch the app on a virtual display for a few seconds (alive = it opened its library,
# started the media server and loaded the webview). Prints the .deb's size and the app's
# idle memory (RSS of its processes, WebKit's helpers included).
set -euo pipefail
cd "$(dirname "$0")/.."

# DEB=path checks a package already built (package.sh prints its path) without rebuilding.
deb=${DEB:-$(bash scripts/package.sh | tail -1)}
echo "==> $deb ($(du -h "$deb" | cut -f1))"

echo "==> control"
dpkg-deb -f "$deb" Package Version Depends
depends=$(dpkg-deb -f "$deb" Depends)
for pkg in libwebkit2gtk-4.1-0 libgtk-3-0 gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav ffmpeg; do
  grep -q "$pkg" <<<"$depends" || { echo "Depends lacks $pkg" >&2; exit 1; }
done

echo "==> contents"
contents=$(dpkg-deb -c "$deb")
# Tauri's bundler writes member names without a leading ./ (`usr/bin/...`); accept both.
for path in ' (\./)?usr/bin/dailies-app$' ' (\./)?usr/bin/dailies$' ' (\./)?usr/share/applications/.*\.desktop$' \
  ' (\./)?usr/share/icons/hicolor/.*/apps/.*\.png$'; do
  grep -Eq "$path" <<<"$contents" || { echo "the package lacks $path" >&2; exit 1; }
done

echo "==> apt can satisfy Depends (simulated install)"
apt-get install --simulate -q "$(realpath "$deb")" >/dev/null

root=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$root" "$home"' EXIT
dpkg-deb -x "$deb" "$root"
grep -q '^Exec=dailies-app' "$root"/usr/share/applications/*.desktop

echo "==> the packaged CLI"
"$root/usr/bin/dailies" --version
DAILIES_DATA_DIR="$home/lib" "$root/usr/bin/dailies" models --json >"$home/models.json"
head -c 200 "$home/models.json"; echo

echo "==> the packaged app on a virtual display (idle 20 s, then measured)"
log="$home/app.log"
HOME="$home" DAILIES_DATA_DIR="$home/lib" NO_AT_BRIDGE=1 dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24" "$root/usr/bin/dailies-app" --demo >"$log" 2>&1 &
launcher=$!
# Long enough for the webview to load the UI and settle: idle means idle, not starting.
sleep 20
app=$(pgrep -f "^$root/usr/bin/dailies-app" | head -1 || true)
if [ -z "$app" ]; then
  echo "the app did not stay up:" >&2; cat "$log" >&2; exit 1
fi
grep -q "media server listening" "$log" || { echo "the app did not open its library:" >&2; cat "$log" >&2; exit 1; }
# Idle memory: the app and every process under it (WebKitWebProcess, WebKitNetworkProcess).
pids="$app $(pgrep -P "$app" | tr '\n' ' ')"
rss_kb=$(ps -o rss= -p "$(tr ' ' ',' <<<"$pids" | sed 's/,*$//')" | awk '{s+=$1} END {print s}')
# PSS shares each library's pages among the processes mapping it, so the sum is not inflated.
pss_kb=0
for pid in $pids; do
  kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  pss_kb=$((pss_kb + ${kb:-0}))
done
echo "idle memory: $((pss_kb / 1024)) MiB PSS, $((rss_kb / 1024)) MiB RSS over pids: $pids ($(ps -o comm= -p "$(tr ' ' ',' <<<"$pids" | sed 's/,*$//')" | tr '\n' ' '))"
kill -TERM "$app"
wait "$launcher" 2>/dev/null || true
echo "deb smoke: ok ($(du -h "$deb" | cut -f1))"
