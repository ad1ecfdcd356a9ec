#!/usr/bin/env bash
# README command 2: install what is missing, then run every gate and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
stage() { printf '\n==> %s\n' "$*"; }
t0=$(date +%s)

bash scripts/setup.sh

stage "ui: typecheck (svelte-check + tsc)"
(cd ui && npm run check)
stage "ui: lint (eslint; @tauri-apps only in src/ipc)"
(cd ui && npm run lint)
stage "ui: unit tests (vitest)"
(cd ui && npm test)
stage "ui: build (embedded by the app)"
(cd ui && npm run build)

stage "rust: cargo fmt --check"
cargo fmt --all -- --check

stage "architecture: dailies-core has no tauri dependency"
if cargo tree -p dailies-core -e normal,build --prefix none | grep -Eq '^tauri'; then
  echo "dailies-core depends on tauri:"; cargo tree -p dailies-core -i tauri || true; exit 1
fi
echo "ok: no tauri crate in dailies-core's dependency tree"

stage "rust: clippy -D warnings (all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "rust: build everything (the e2e test drives the real app binary)"
cargo build --workspace --all-targets --locked

stage "rust: tests (real Secret Service, real SQLite, real MP4s, Prism, the real app under Xvfb)"
mkdir -p artifacts
dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME=$(mktemp -d) NO_AT_BRIDGE=1
  eval "$(printf ci-pass | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  export DAILIES_E2E=1 DAILIES_REQUIRE_KEYCHAIN=1 DAILIES_REQUIRE_PRISM=1
  export APP_BIN="$PWD/target/debug/dailies-app"
  xvfb-run -a -s "-screen 0 1440x900x24" cargo test --workspace --locked 2>&1 | tee artifacts/cargo-test.log
'

stage "summary"
# The fault matrix: one line per route × fault (written by tests/scenarios/fault_matrix.rs).
cat artifacts/fault-matrix.txt 2>/dev/null || echo "fault-matrix: no table written"
grep -E '^test result:' artifacts/cargo-test.log | awk '{p+=$4; f+=$6; i+=$8} END {printf "rust: %d passed, %d failed, %d ignored\n", p, f, i}'
ls -1 artifacts/*.png 2>/dev/null | sed 's/^/artifact: /' || true
echo "all gates passed in $(( $(date +%s) - t0 )) s"
