package workbook

import (
	"fmt"
	"strings"
)

// TypeName is the type of a column in words, in Chinese ("zh") or English.
func (t Type) TypeName(lang string) string {
	zh := [...]string{"文本", "整数", "金额（元）", "比例", "增长率", "日期", "计划类型", "给付类型"}
	en := [...]string{"text", "whole number", "money (yuan)", "ratio 0–1 (0.7, 70% cell or \"70%\")", "rate (0.05 or 5%, may be negative; above 100% only with a percent sign)", "date (Excel date or 2025-03-05)", "plan kind", "benefit type"}
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
- A sheet is found by its Chinese or English name (` + "`计划` or `Plans`" + `), an alias listed below, or such a name with a
  year or 表 around it (` + "`2025年给付明细`, `给付明细表`" + `: a notice says how it was read), case and spaces ignored.
  A sheet whose name only looks like one of the format's (` + "`给付明细备份`" + `) is an error naming the sheet to rename it to,
  when that sheet is absent: its rows would otherwise be silently missing. Enrolment without any claim row is a warning.
  工作表按中文或英文名称、别名或带年度/“表”字的名称识别；名称相似但无法确定的工作表报错并提示应改的名称。
- A table longer than a worksheet's 1,048,576 rows continues on **numbered sheets**: ` + "`给付明细`, `给付明细2`, `给付明细3`" + ` …
  (what ` + "`huzhu example`" + ` and the writer make), also read as ` + "`给付明细 (2)`, `给付明细（2）`, `给付明细-2`" + `, or ` + "`Claims`, `Claims 2`" + ` in
  an English book; a first sheet numbered 1 is fine. Each has the first sheet's header, its columns in the same
  places (else an error at the differing header cell); the sheets are read in the order of their numbers as one
  table (a notice lists them with their rows), and a problem in a row names its own sheet and cell. A missing number
  (` + "`给付明细3`" + ` without ` + "`给付明细2`" + `), two sheets of one number, a numbered sheet without the first, a sheet under another
  name of the table (` + "`给付记录2`" + ` after ` + "`给付明细`" + `), and a sheet whose first row repeats the first sheet's (a copy, such as
  Excel's ` + "`给付明细 (2)`" + `) are errors. Two sheets of one table that are not numbered (` + "`给付明细`, `给付记录`" + `) are an error too.
  超过 1,048,576 行的表续写在“给付明细2”“给付明细3”……（表头相同），按序号依次读取；缺号、重号、副本均报错。
- A column is found by its header: the Chinese label, the English key, an alias listed below, or the template's
  ` + "`中文 (key)`" + ` form (` + "`起付线(元)`" + ` too). The header is the first of the top 5 rows that names every required column, so
  a title row or two above it is fine (a notice says so). Column order is free. An unknown header that looks like a
  column of the sheet (` + "`费用金额`, `金额`" + `) is an error with the columns it may mean when those are absent (their
  default would silently replace the figures), a warning when they are there; other unknown columns are ignored
  with a notice. 表头可在前 5 行内；与已知列相似但无法识别的表头报错（“是否应为……”），其余未知列忽略并提示。
- Money is in yuan. A comma is read only as a thousands separator between groups of three digits (` + "`1,234.50`" + `);
  ` + "`50,5`" + ` or ` + "`1631,94`" + ` (a decimal comma) is an error, never 505. 逗号只作千位分隔符，` + "`50,5`" + ` 报错。
- Ratios are decimals (0.7), an Excel percentage cell, or text ` + "`70%`" + `; a plain 70 is an error showing "= 7000%".
  Rates (Fund growth rates) above 100% a year must carry a percent sign: a plain 5 is refused as 500%.
  金额单位为元；比例可填 0.7 或 70%；增长率大于 100% 时须带百分号。
- Amounts, days and counts have plausible bounds (a cost above 100,000,000 yuan, 1,100 days, 100,000,000 members on
  a row are errors); the bounds are in the tables below. 金额、天数、人数超出下表上限即报错。
- Dates are Excel date cells (with or without a time of day) or text ` + "`2025-03-05`" + ` (also ` + "`2025/3/5`, `2025年3月5日`," + `
  ` + "`20250305`" + `). Whole-number fields reject 2.5. Text cells hold at most 500 characters; messages quote at most 80.
- An empty cell means "not applicable / use the default". A cell of the wrong type is an error naming sheet, cell
  (e.g. ` + "`给付明细!F17`" + `), the value found and what was expected. All problems are reported together; a plan whose
  Plans row has an error is still checked on the other sheets in everything that does not depend on the broken field.
- Total rows (合计 / 总计 / 小计 / Total, spaces inside ignored: ` + "`合  计`" + `) are recognised when their id and plan cells
  are empty (a claim of a group called 合计 is a claim), checked against the sum of the rows above (since the previous
  total), and not counted. A total that does not add up is a warning with both figures, not an error.
- Formulas are read by their saved (cached) value; a formula with no saved value, or an empty one as openpyxl and
  pandas write it, is an error at its cell (a warning on a total row). Open and save such a file in Excel, WPS or
  LibreOffice first.
- Strict Open XML workbooks are read like ordinary ones. Every part of the file is read to its end and checked
  against its checksum: a damaged file is refused (exit code 2) naming the damaged part, never read in part.
- **Cost bands** (分段给付, Weihai's and Hangzhou's terms): a plan with ` + "`band`" + ` (分段) rows on the Schedules sheet pays its
  medical benefit by bands of the member's **cumulative** self-paid inpatient cost in the plan year instead of by
  admission number: ` + "`category`" + ` is a band's lower edge in yuan, ` + "`percent`" + ` the ratio paid on the part of the year's cost
  inside the band (up to the next edge). An admission of cost x after a cost C earlier in the year pays
  Pay(C + x) − Pay(C), then at most ` + "`claim_cap`" + `, and the year's payments at most ` + "`annual_cap`" + `. An annual deductible
  D is a band at 0 paying 0% and one at D. Weihai: ` + "`0 → 0%`, `10000 → 80%`, `40000 → 90%`" + `, annual cap 50,000. Such a plan's
  ` + "`deductible`" + ` and ` + "`ratio_1..3`" + ` must be empty (an error at the cell otherwise), and every admission is recorded, with
  its ` + "`cost`" + `, also those the bands pay nothing on (the year's total needs them). ` + "`outpatient_band`" + ` (门诊分段) rows pay
  a hospital plan's outpatient benefit (Claims ` + "`benefit`" + ` = ` + "`outpatient`" + `, 门诊规定病种, with ` + "`cost`" + `) the same way on the
  cumulative outpatient cost, sharing ` + "`annual_cap`" + ` with the inpatient benefit; outpatient claims of a plan without
  outpatient bands, band rows of a plan kind without the benefit, a repeated edge, an edge that is not an amount
  and a ratio outside 0–100% are errors at their cells. A plan with bands (inpatient or outpatient) may have a
  ` + "`claim_cap`" + ` only at or above its ` + "`annual_cap`" + ` (where it never binds: the year's cost alone fixes the payment);
  below it, or without an annual cap, it is an error at the ` + "`claim_cap`" + ` cell. 分段行：类别填该段起点（元，年度累计自付费用），给付比例填段内
  比例；按分段给付的计划起付线和第一至第三次给付比例须为空，单次封顶须为空或不低于年度封顶，每次住院（含未达起付段的）均须记录费用；门诊规定病种按门诊分段
  给付，与住院共用年度最高给付。
- Files larger than the reader's limits (an unzipped size far beyond any real workbook; more than 512 MB of shared
  text; a single text of more than 4 MB) are refused.

## Sheets / 工作表
`)
	for _, s := range Sheets {
		opt := "required / 必填"
		if s.Optional {
			opt = "optional / 可选"
		}
		fmt.Fprintf(&b, "\n### %s / %s (%s)\n%s\n%s\n\n", s.Zh, s.Key, opt, s.DocEn, s.Doc)
		if len(s.Aliases) > 0 {
			fmt.Fprintf(&b, "Also read under the names / 其他可用名称: %s.\n\n", strings.Join(s.Aliases, ", "))
		}
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
		return fmt.Sprintf(", %s–%s", grouped(*c.Min), grouped(*c.Max))
	case c.Min != nil:
		return fmt.Sprintf(", ≥ %s", grouped(*c.Min))
	default:
		return fmt.Sprintf(", ≤ %s", grouped(*c.Max))
	}
}

// grouped writes a bound with thousands separators: 100,000,000.
func grouped(x float64) string {
	s := fmtNum(x)
	if strings.ContainsAny(s, ".e") {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
