#!/usr/bin/env bash
# Installs whatever this machine is missing to build, run and test Dailies.
# Idempotent: each step checks first. Only package registries are used (Debian, crates.io, npm).
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==> %s\n' "$*"; }

APT_PACKAGES=(
  build-essential pkg-config file curl xdg-utils
  libwebkit2gtk-4.1-dev libgtk-3-dev libjavascriptcoregtk-4.1-dev libsoup-3.0-dev
  libayatana-appindicator3-dev librsvg2-dev libssl-dev libxdo-dev libdbus-1-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  ffmpeg fonts-dejavu-core sqlite3
  xvfb xauth webkit2gtk-driver imagemagick
  dbus dbus-x11 gnome-keyring libsecret-tools keyutils
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  stage "apt: installing ${#missing[@]} missing packages"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  stage "apt: all packages present"
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  stage "cargo: installing tauri-driver (WebDriver bridge for the end-to-end test)"
  cargo install tauri-driver --version '^2' --locked
fi

stage "npm: UI dependencies"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)

stage "npm: Prism (OpenAPI request validation for the provider tests)"
(cd tests/prism && npm ci --no-audit --no-fund --loglevel=error)
