#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the project needs, if any are missing.
# Fonts (Noto CJK, and Noto Sans and Serif for the Latin letters CJK lacks),
# HarfBuzz subsetting for WeasyPrint, Pango, poppler and
# qpdf for the checks, Ghostscript (its CMYK profile), zbar for QR decoding,
# strace to show that a build of a hostile event folder opens no socket,
# Chromium for the test that opens the contact sheet in a real browser.
set -euo pipefail
PACKAGES=(
  python3 python3-venv python3-pip
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fonts-noto-cjk fonts-noto-core
  poppler-utils qpdf ghostscript zbar-tools
  strace chromium
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
