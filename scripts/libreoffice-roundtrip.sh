#!/usr/bin/env bash
# Makes internal/workbook/testdata/roundtrip-{huzhu,libreoffice}.xlsx: a small
# generated book as huzhu writes it, and the same book opened and saved again
# by LibreOffice Calc (shared strings, its own styles and number formats).
# The reader must read both to the same numbers (TestLibreOfficeRoundTrip).
# Also makes openpyxl-formulas-libreoffice.xlsx: the openpyxl book whose
# formulas have no values (scripts/openpyxl-formulas.py), opened and saved by
# LibreOffice, which calculates them: the README's advice, tested.
#   scripts/libreoffice-roundtrip.sh    # Debian: libreoffice-calc-nogui
set -euo pipefail
out="internal/workbook/testdata"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
go run ./cmd/huzhu example -o "$dir/roundtrip-huzhu.xlsx" --members 2000 --years 2 --seed 7 --last-year 2025 >/dev/null
mkdir "$dir/lo"
soffice --headless -env:UserInstallation="file://$dir/profile" --convert-to 'xlsx:Calc MS Excel 2007 XML' \
	--outdir "$dir/lo" "$dir/roundtrip-huzhu.xlsx" >/dev/null
soffice --headless -env:UserInstallation="file://$dir/profile" --convert-to 'xlsx:Calc MS Excel 2007 XML' \
	--outdir "$dir/lo" "$out/openpyxl-formulas.xlsx" >/dev/null
cp "$dir/lo/openpyxl-formulas.xlsx" "$out/openpyxl-formulas-libreoffice.xlsx"
cp "$dir/roundtrip-huzhu.xlsx" "$out/roundtrip-huzhu.xlsx"
cp "$dir/lo/roundtrip-huzhu.xlsx" "$out/roundtrip-libreoffice.xlsx"
ls -l "$out"/roundtrip-*.xlsx "$out"/openpyxl-formulas-libreoffice.xlsx
