#!/usr/bin/env bash
# A repeatable check of the HTML export in a real browser: render the page with Debian's headless
# Chromium (apt-get install chromium), print it to PDF on A4 and take a screenshot to look at.
# Usage: scripts/check-html.sh [OUT_DIR]   (needs `digivisio` on PATH)
set -euo pipefail
out=${1:-html-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
digivisio export --format html --force -o "$out/digivisio.html"
profile=$(mktemp -d)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       "--user-data-dir=$profile")
chromium "${flags[@]}" --window-size=1280,1600 --screenshot="$out/screen.png" "file://$out/digivisio.html"
chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/print.pdf" "file://$out/digivisio.html"
rm -rf "$profile"
test -s "$out/screen.png" && test -s "$out/print.pdf"
echo "wrote $out/screen.png and $out/print.pdf"
