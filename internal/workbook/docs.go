package workbook

import (
	"fmt"
	"strings"
)

// TypeName is the type of a column in words, in Chinese ("zh") or English.
func (t Type) TypeName(lang string) string {
	zh := [...]string{"文本", "整数", "金额（元）", "比例", "增长率", "日期", "计划类型", "给付类型"}
	en := [...]string{"text", "whole number", "money (yuan)", "ratio 0–1 (0.7, 70% cell or \"70%\")", "rate (0.05, may be negative)", "date (Excel date or 2025-03-05)", "plan kind", "benefit type"}
	if lang == "zh" {
		return zh[t]
	}
	return en[t]
}

// Markdown documents the workbook format from the schema: one table per sheet,
// bilingual. docs/workbook.md is this text (a test keeps it current).
func Markdown() string {
	var b strings.Builder
	b.WriteString(`# The input workbook (工作簿格式), version 1

This page is generated from the schema in ` + "`internal/workbook/schema.go`" + ` (` + "`go test ./internal/workbook -run TestDocs -update`" + `
refreshes it). ` + "`huzhu template -o FILE`" + ` writes a blank workbook in this format, with an instructions sheet (说明) and
Excel data validation; ` + "`huzhu validate FILE`" + ` checks a filled one.

## General rules / 通用规则
- A sheet is found by its Chinese or English name (` + "`计划` or `Plans`" + `), case and surrounding spaces ignored.
  工作表按中文或英文名称识别。
- A column is found by its header in row 1: the Chinese label, the English key, or the template's ` + "`中文 (key)`" + ` form.
  Column order is free; unknown columns are ignored with a notice. 列顺序不限；未知列忽略并提示。
- Money is in yuan. Ratios are decimals (0.7), an Excel percentage cell, or text ` + "`70%`" + `. 金额单位为元；比例可填 0.7 或 70%。
- Dates are Excel date cells or text ` + "`2025-03-05`" + ` (also ` + "`2025/3/5`, `2025年3月5日`" + `). Whole-number fields reject 2.5.
- An empty cell means "not applicable / use the default". A cell of the wrong type is an error naming sheet, cell
  (e.g. ` + "`给付明细!F17`" + `), the value found and what was expected. All problems are reported together.
- Total rows (合计 / 总计 / Total) are recognised, checked against the sum of the rows above (since the previous total),
  and not counted. A total that does not add up is a warning with both figures, not an error.
- Formulas are read by their saved (cached) value; a formula with no saved value is an error.
- Files larger than the reader's limits (an unzipped size far beyond any real workbook) are refused.

## Sheets / 工作表
`)
	for _, s := range Sheets {
		opt := "required / 必填"
		if s.Optional {
			opt = "optional / 可选"
		}
		fmt.Fprintf(&b, "\n### %s / %s (%s)\n%s\n%s\n\n", s.Zh, s.Key, opt, s.DocEn, s.Doc)
		if s.KeyValue {
			b.WriteString("Two columns: `项目 (key)` and `数值 (value)`; one row per key below. 两列：项目与数值，每个参数一行。\n\n")
		}
		b.WriteString("| key | 中文 | type | unit | required / default | meaning | 说明 |\n|---|---|---|---|---|---|---|\n")
		for _, c := range s.Columns {
			req := ""
			switch {
			case c.Required:
				req = "required"
			case c.Default != "":
				req = "default " + c.Default
			}
			typ := c.Type.TypeName("en")
			if c.Min != nil || c.Max != nil {
				typ += bounds(c)
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n",
				c.Key, c.Zh, typ, c.Unit, req, c.DocEn, c.Doc)
		}
		if len(s.Columns) > 0 {
			var aliases []string
			for _, c := range s.Columns {
				if len(c.Aliases) > 0 {
					aliases = append(aliases, fmt.Sprintf("`%s`: %s", c.Key, strings.Join(c.Aliases, ", ")))
				}
			}
			if len(aliases) > 0 {
				fmt.Fprintf(&b, "\nOther accepted headers / 其他可用表头: %s.\n", strings.Join(aliases, "; "))
			}
		}
	}
	return b.String()
}

func bounds(c Column) string {
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf(", %g–%g", *c.Min, *c.Max)
	case c.Min != nil:
		return fmt.Sprintf(", ≥ %g", *c.Min)
	default:
		return fmt.Sprintf(", ≤ %g", *c.Max)
	}
}
