#!/usr/bin/env python3
"""Open a huzhu template with openpyxl (another xlsx reader than the one that wrote it) and print
what a user sees: the sheets, each sheet's headers, the instructions and the data validation.
Usage: go run ./cmd/huzhu template -o /tmp/t.xlsx && python3 scripts/check-template.py /tmp/t.xlsx
(Debian: apt-get install python3-openpyxl)."""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
print("sheets:", wb.sheetnames)
for ws in wb.worksheets:
    if ws.title == "说明":
        rows = [r for r in ws.iter_rows(min_row=8, values_only=True) if r[1]]
        print(f"说明: {len(rows)} rows explaining columns, e.g. {rows[1][:3]} … {rows[1][6]}")
        continue
    heads = [c.value for c in ws[1] if c.value]
    lists = [(str(dv.sqref), dv.type, dv.formula1) for dv in ws.data_validations.dataValidation]
    print(f"{ws.title}: {len(heads)} headers {heads[:3]}…; {len(lists)} validations, e.g. {lists[:2]}")
