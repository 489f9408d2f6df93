#!/usr/bin/env bash
# A normal (non-editable) install works: build the wheel, install it into a
# fresh virtual environment, and build the default event from there, in a
# folder outside the clone, so nothing can be found by accident beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
rm -rf build  # setuptools' own build folder
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$work"/dist/*.whl
cd "$work"
"$work/venv/bin/book" --help > /dev/null
"$work/venv/bin/book" check
"$work/venv/bin/book" build --out "$work/out"
test -s "$work/out/whrcf2021/book-ko-en.pdf"
test -s "$work/out/whrcf2021/press/book-ko-en.pdf"
echo "wheel: installed in a fresh environment and built the default event"
