#!/usr/bin/env bash
# Builds the Debian package with Tauri's bundler (its CLI is the npm package @tauri-apps/cli,
# a prebuilt binary from the registry) and prints the .deb's path as the last line.
# The package holds the app (/usr/bin/dailies-app), the CLI (/usr/bin/dailies), a .desktop
# entry and icons; Depends is in src-tauri/tauri.conf.json (bundle.linux.deb).
# A release build: several minutes on 2 cores. Not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# tauri.conf.json maps /usr/bin/dailies from ../target/release: build into this tree's target/.
export CARGO_TARGET_DIR="$ROOT/target"
stage() { printf '\n==> %s\n' "$*" >&2; }

# TAURI_CLI: another tauri binary (e.g. a worktree whose node_modules is shared).
TAURI="${TAURI_CLI:-$ROOT/ui/node_modules/.bin/tauri}"
if [ ! -x "$TAURI" ]; then
  stage "npm: UI dependencies (with @tauri-apps/cli)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is needed to build a .deb" >&2; exit 1; }

stage "ui: build (embedded by the app)"
(cd ui && npm run build) >&2

stage "cargo: release build of the dailies CLI (packaged as /usr/bin/dailies)"
cargo build --release --locked -p dailies-cli >&2

stage "tauri: release build of the app + .deb"
# From the repository root, so the CLI finds src-tauri/tauri.conf.json.
"$TAURI" build --bundles deb --ci >&2

version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json)
deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*_"${version}"_*.deb | head -1)
[ -f "$deb" ] || { echo "no .deb was produced" >&2; exit 1; }
stage "built $(du -h "$deb" | cut -f1) $(basename "$deb")"
echo "$deb"
