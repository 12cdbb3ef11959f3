#!/usr/bin/env bash
# Converts an Excel report (huzhu calibrate -o) to PDF with LibreOffice, as a
# board member would print it, and says how many pages it has and whether
# they are landscape; optionally renders pages to PNG (poppler's pdftoppm).
#   scripts/report-pdf.sh 测算报告.xlsx [OUTDIR]          # → OUTDIR/测算报告.pdf
#   PNG_PAGES="1 5" scripts/report-pdf.sh 测算报告.xlsx /tmp/out   # also page-1.png, page-5.png (60 dpi)
# Prints one line: pages=N landscape=yes|no pdf=PATH. Needs soffice (Debian:
# libreoffice-calc-nogui); PNG_PAGES needs pdftoppm (poppler-utils). The
# report's own test (internal/calreport TestReportPDF) runs it when soffice
# is on PATH and not with -short.
set -euo pipefail
in="${1:?usage: scripts/report-pdf.sh REPORT.xlsx [OUTDIR]}"
out="${2:-$(dirname "$in")}"
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice --headless -env:UserInstallation="file://$profile" --convert-to pdf --outdir "$out" "$in" >/dev/null 2>&1
base="$(basename "$in")"
pdf="$out/${base%.*}.pdf"
[ -s "$pdf" ] || { echo "report-pdf: LibreOffice wrote no $pdf" >&2; exit 1; }
if command -v pdfinfo >/dev/null; then
	pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
else
	pages="$(grep -a -o -E '/Type ?/Page([^s]|$)' "$pdf" | wc -l | tr -d ' ')"
fi
# The first page's MediaBox [0 0 width height]: landscape when wider.
box="$(grep -a -o -E '/MediaBox ?\[ ?[0-9. ]+\]' "$pdf" | head -1 | tr -d '[]' | awk '{print $(NF-1), $NF}')"
landscape="$(echo "$box" | awk '{print ($1 > $2) ? "yes" : "no"}')"
for p in ${PNG_PAGES:-}; do
	pdftoppm -png -r 60 -f "$p" -l "$p" -singlefile "$pdf" "$out/page-$p"
done
echo "pages=$pages landscape=$landscape pdf=$pdf"
