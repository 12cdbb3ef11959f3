#!/usr/bin/env bash
# Loading benchmark of the workbook reader and of the commands on a large
# generated book: wall and CPU time and peak memory (GNU time). Usage:
#   scripts/bench-read.sh [MEMBERS]      # default 7,300,000 members: about 1,000,000 claim rows
#   scripts/bench-read.sh 10000000       # 1.38 million claims: the Claims table continues on 给付明细2
set -euo pipefail
members="${1:-7300000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/huzhu" ./cmd/huzhu
timer=(/usr/bin/time -f "%e s wall, %U s user + %S s system, peak %M KB")
printf 'example:   '; "${timer[@]}" "$dir/huzhu" example -o "$dir/big.xlsx" --members "$members" 2>&1 >/dev/null | tail -1
echo "book: $members members ($(du -h "$dir/big.xlsx" | cut -f1))"
printf 'validate:  '; "${timer[@]}" "$dir/huzhu" validate "$dir/big.xlsx" 2>&1 >/dev/null | tail -1
printf 'simulate:  '; "${timer[@]}" "$dir/huzhu" simulate "$dir/big.xlsx" 2>&1 >/dev/null | tail -1
printf 'calibrate: '; "${timer[@]}" "$dir/huzhu" calibrate "$dir/big.xlsx" 2>&1 >/dev/null | tail -1
