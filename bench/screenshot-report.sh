#!/usr/bin/env bash
# Renders a bench HTML report in headless Chromium and saves a PNG, to check the charts by eye
# or in CI logs:  bench/screenshot-report.sh DIR_OR_INDEX_HTML [OUT.png]
# Needs Debian's chromium (apt-get install -y chromium). No network is used: the report is
# self-contained (inline SVG).
set -euo pipefail
report=${1:?usage: bench/screenshot-report.sh REPORT_DIR|index.html [OUT.png]}
[ -d "$report" ] && report="$report/index.html"
[ -f "$report" ] || { echo "no such report: $report" >&2; exit 2; }
out=${2:-${report%.html}.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "chromium not found (apt-get install -y chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1280,1600 --screenshot="$out" \
  "file://$(readlink -f "$report")" >/dev/null 2>&1
[ -s "$out" ] || { echo "no screenshot written" >&2; exit 1; }
# The report draws one <svg> per chart; say how many the page holds next to the picture.
echo "$out ($(grep -o '<svg' "$report" | wc -l) charts in the page)"
