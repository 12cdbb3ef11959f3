#!/usr/bin/env python3
"""Write internal/workbook/testdata/openpyxl-formulas.xlsx: a small workbook
saved by openpyxl with formulas and no calculated values (openpyxl writes a
formula cell with an empty <v></v>), as pandas and other scripts produce.

The reader must report each such cell as formula_without_value, at its cell,
and a total row's formula as total_without_value (README, docs/workbook.md).

    /usr/bin/python3 scripts/openpyxl-formulas.py   # Debian: python3-openpyxl
"""
import os
import openpyxl

out = os.path.join(os.path.dirname(__file__), "..", "internal", "workbook", "testdata", "openpyxl-formulas.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "计划"
ws.append(["计划编号", "计划名称", "类型", "互助费", "起付线", "第一次给付比例", "年度最高给付"])
ws.append(["hospital", "住院医疗", "hospital", 50, 800, 0.7, 15000])

ws = wb.create_sheet("参保")
ws.append(["年度", "计划编号", "单位/地区", "参保人数", "份数"])
ws.append([2025, "hospital", "东城区", 1000, 1000])
ws.append([2025, "hospital", "西城区", 500, "=D3"])  # E3: a formula, no value
ws.append(["合计", None, None, "=SUM(D2:D3)", "=SUM(E2:E3)"])  # D4, E4: a total row of formulas

ws = wb.create_sheet("给付明细")
ws.append(["给付编号", "年度", "计划编号", "给付类型", "费用", "已给付金额"])
ws.append(["C1", 2025, "hospital", "medical", 3000, 1540])
ws.append(["C2", 2025, "hospital", "medical", 2000, "=(E3-800)*0.7"])  # F3: no value

ws = wb.create_sheet("基金")
ws.append(["项目", "数值"])
ws.append(["期初风险储备金", "=100000*2"])  # B2: no value

wb.save(out)
print(out)
