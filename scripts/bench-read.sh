#!/usr/bin/env bash
# Loading benchmark of the workbook reader and the simulate command on a large
# generated book: time and peak memory (GNU time). Usage:
#   scripts/bench-read.sh [MEMBERS]      # default 7,300,000 members: about 1,000,000 claim rows
set -euo pipefail
members="${1:-7300000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/huzhu" ./cmd/huzhu
"$dir/huzhu" example -o "$dir/big.xlsx" --members "$members" >/dev/null
timer=(/usr/bin/time -f "%e s, peak %M KB")
echo "book: $members members ($(du -h "$dir/big.xlsx" | cut -f1))"
printf 'validate: '; "${timer[@]}" "$dir/huzhu" validate "$dir/big.xlsx" 2>&1 >/dev/null | tail -1
printf 'simulate: '; "${timer[@]}" "$dir/huzhu" simulate "$dir/big.xlsx" 2>&1 >/dev/null | tail -1
