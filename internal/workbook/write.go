package workbook

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/huzhu-fund/huzhu/plans/book"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/mattn/go-runewidth"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Cell formats of the written workbook.
const (
	fmtMoney = "#,##0.00"
	fmtInt   = "#,##0"
	fmtRatio = "0.00%"
	fmtDate  = "yyyy-mm-dd"
)

// lastRow is the last row data validation covers.
const lastRow = 1048576

// SheetRows is the rows a worksheet holds (Excel's limit, and WPS's): a
// longer table continues on numbered sheets (ContinuationName).
const SheetRows = lastRow

// Save writes b to path as an xlsx workbook, atomically; an existing path is
// refused unless force (atomicfile.ErrExists).
func Save(path string, b *Book, force bool) error {
	return atomicfile.Write(path, force, func(w io.Writer) error { return Write(w, b) })
}

// Template writes the blank workbook: the instructions sheet and every sheet
// with its headers, formats and data validation, no rows.
func Template(w io.Writer) error { return TemplateIn(w, false) }

// TemplateIn writes the blank workbook in Chinese (drop-downs offer the
// Chinese names of kinds and benefits, which the reader takes as it takes the
// English keys) or, with en, wholly in English: English sheet names, headers
// (the column keys), instructions, notes, drop-downs (the keys) and
// validation messages, all of which the reader accepts.
func TemplateIn(w io.Writer, en bool) error {
	return writeIn(w, &Book{Book: book.Book{Fund: Fund{Given: map[string]bool{}}}}, SheetRows, en)
}

// Write writes b as an xlsx workbook: the instructions sheet 说明 first, then
// one sheet per schema sheet under its Chinese name with `中文 (key)` headers,
// typed cells (money #,##0.00, ratios as percentages, real dates; unset values
// empty) and Excel data validation on every column (kind and benefit
// drop-downs, ratios 0–1, whole numbers, amounts ≥ 0). Summary total rows in
// b.SummaryTotals are written below the Summary rows as 合计 rows. A table of
// more rows than a worksheet holds continues on sheets named after it with
// 2, 3, … appended (给付明细2), each with the same header row. What Write
// writes, Read reads back to the same Book.
func Write(w io.Writer, b *Book) error { return write(w, b, SheetRows) }

// write is Write with sheets of at most sheetRows rows (header included).
func write(w io.Writer, b *Book, sheetRows int) error { return writeIn(w, b, sheetRows, false) }

// writeIn is write in Chinese or, with en, in English (sheetName, the
// header, the texts of the instructions and of the validation).
func writeIn(w io.Writer, b *Book, sheetRows int, en bool) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	st.en = en
	if err := f.SetSheetName("Sheet1", st.instructions()); err != nil {
		return err
	}
	if err := writeInstructions(f, st); err != nil {
		return err
	}
	for _, s := range Sheets {
		if _, err := f.NewSheet(st.sheetName(s)); err != nil {
			return err
		}
		if s.KeyValue {
			err = writeFund(f, st, s, &b.Fund)
		} else {
			err = writeTable(f, st, s, b, sheetRows)
		}
		if err != nil {
			return fmt.Errorf("workbook: writing sheet %s: %w", s.Zh, err)
		}
	}
	f.SetActiveSheet(0)
	title := "互助保障测算工作簿 (huzhu workbook v" + strconv.Itoa(Version) + ")"
	if en {
		title = "huzhu workbook v" + strconv.Itoa(Version)
	}
	f.SetDocProps(&excelize.DocProperties{Creator: "huzhu", Title: title})
	return f.Write(w)
}

type styles struct {
	header, note, title int
	byType              map[Type]int
	en                  bool // the English template: English sheet names, headers and texts
}

// InstructionsSheetEn is the English template's instructions sheet, ignored
// when reading as InstructionsSheet is.
const InstructionsSheetEn = "Instructions"

func (st *styles) instructions() string {
	if st.en {
		return InstructionsSheetEn
	}
	return InstructionsSheet
}

// sheetName is the name sheet s is written under: Chinese, or its English
// key in the English template (the reader takes both).
func (st *styles) sheetName(s Sheet) string {
	if st.en {
		return s.Key
	}
	return s.Zh
}

// header is a column's header: `中文 (key)`, or the key in English.
func (st *styles) colHeader(c Column) string {
	if st.en {
		return c.Key
	}
	return c.Header()
}

// english is an English doc text without the Chinese terms it may quote for
// the reader of both languages ("…: 入不敷出"): the English template has
// no Chinese character.
func english(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !(r >= 0x3000 && r <= 0x303f) && !(r >= 0xff00 && r <= 0xffef) {
			b.WriteRune(r)
		}
	}
	out := strings.TrimSpace(b.String())
	for _, cut := range []string{":", ";", ",", "()", "( )"} {
		out = strings.TrimSpace(strings.TrimSuffix(out, cut))
	}
	return strings.ReplaceAll(strings.ReplaceAll(out, "()", ""), "  ", " ")
}

// unitsEn are the units of the schema in English.
var unitsEn = map[string]string{
	"人": "persons", "人次": "claims", "份": "shares", "元": "yuan", "元/份": "yuan per share", "元/份/天": "yuan per share per day",
	"元/份/期": "yuan per share per period", "元/年": "yuan per year", "天": "days", "年": "years", "比例": "ratio", "比例/年": "ratio per year",
}

// defaultsEn are the defaults of table columns stated in words, in English.
var defaultsEn = map[string]string{
	"份数 × 互助费 ÷ 保障期": "shares × contribution ÷ period", "参保人数": "the members", "年度": "the year",
}

// unit and deflt are a column's unit and default in the template's language.
func (st *styles) unit(c Column) string {
	if st.en {
		return unitsEn[c.Unit]
	}
	return c.Unit
}

func (st *styles) deflt(c Column) string {
	if !st.en || c.Default == "" {
		return c.Default
	}
	if k, ok := book.FundKeyByName(c.Key); ok && c.Default == k.DefaultZh && k.DefaultEn != "" {
		return k.DefaultEn
	}
	if d, ok := defaultsEn[c.Default]; ok {
		return d
	}
	return c.Default
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{byType: map[Type]int{}}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	custom := func(s string) *string { return &s }
	st.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F7F7F", Style: 1}},
	})
	st.note = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.byType[Money] = mk(&excelize.Style{CustomNumFmt: custom(fmtMoney)})
	st.byType[Int] = mk(&excelize.Style{CustomNumFmt: custom(fmtInt)})
	st.byType[Ratio] = mk(&excelize.Style{CustomNumFmt: custom(fmtRatio)})
	st.byType[Rate] = st.byType[Ratio]
	st.byType[Date] = mk(&excelize.Style{CustomNumFmt: custom(fmtDate)})
	return st, err
}

// width is a column width (in characters) that fits s, CJK counted double.
func width(s string, min float64) float64 {
	w := float64(runewidth.StringWidth(s)) + 2
	return math.Min(math.Max(w, min), 60)
}

func writeInstructions(f *excelize.File, st *styles) error {
	sw, err := f.NewStreamWriter(st.instructions())
	if err != nil {
		return err
	}
	widths := []float64{12, 30, 14, 8, 16, 16, 70}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 7, TopLeftCell: "A8", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 1
	put := func(vals ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	}
	intro := []string{
		"互助保障测算工作簿（huzhu 工作簿格式第 " + strconv.Itoa(Version) + " 版）",
		"填写方法：每张工作表第一行为表头，从第二行起每行一条记录；列的顺序可以调整，表头可用中文、英文或“中文 (key)”。一张表超过 Excel 的 1,048,576 行时，续写在加序号的工作表中（如“给付明细2”“给付明细3”），表头相同。",
		"比例可填 0.7、70% 或设置为百分比格式的单元格；日期可填日期单元格或 2025-03-05；金额单位为元，可含分。",
		"可在表格末尾加“合计”行，程序会核对合计数与上方各行之和。本“说明”工作表在读取时被忽略。",
		"按年度累计费用分段给付的计划（如威海：0 元起 0%、10000 元起 80%、40000 元起 90%）：在“给付标准”表每段填一行，给付类型选“分段”，类别填该段起点（元），给付比例填段内比例；计划表中起付线和第一至第三次给付比例留空；每次住院都要记录费用。门诊规定病种用“门诊分段”，给付明细中给付类型选“门诊规定病种”。",
		"填好后运行：huzhu validate 文件.xlsx 检查数据；huzhu calibrate 文件.xlsx 测算互助费。",
	}
	heads := []string{"工作表", "列（表头）", "类型", "必填", "单位", "默认值", "说明"}
	required, optional, yes := "必填工作表", "可选工作表", "是"
	if st.en {
		intro = []string{
			"huzhu input workbook (format version " + strconv.Itoa(Version) + ")",
			"How to fill it in: the first row of every sheet is its header, each row below it one record; columns may come in any order, and headers may be the English keys or the Chinese names of the Chinese template. A table longer than Excel's 1,048,576 rows continues on sheets with a number appended (Claims2, Claims3), under the same header.",
			"Ratios may be entered as 0.7, 70% or a cell formatted as a percentage; dates as date cells or 2025-03-05; amounts in yuan, to the fen.",
			"A total row (Total in the first text cell) may close a table: it is checked against the rows above. This Instructions sheet is ignored when reading.",
			"A plan paid by bands of the year's cumulative cost (Weihai: 0% from 0, 80% from 10000, 90% from 40000): one Schedules row per band, benefit band, category the band's lower edge in yuan, percent the ratio inside it; leave the plan's deductible and ratio_1..3 empty and record every admission with its cost. The outpatient benefit of named diseases uses outpatient_band rows and Claims rows of benefit outpatient.",
			"Then run: huzhu validate FILE.xlsx to check the data; huzhu calibrate FILE.xlsx to price the contributions.",
		}
		heads = []string{"sheet", "column (header)", "type", "required", "unit", "default", "meaning"}
		required, optional, yes = "required sheet", "optional sheet", "yes"
	}
	for i, s := range intro {
		c := excelize.Cell{Value: s, StyleID: st.note}
		if i == 0 {
			c.StyleID = st.title
		}
		if err := put(c); err != nil {
			return err
		}
	}
	row++
	hdr := []any{}
	for _, h := range heads {
		hdr = append(hdr, excelize.Cell{Value: h, StyleID: st.header})
	}
	if err := put(hdr...); err != nil {
		return err
	}
	for _, s := range Sheets {
		opt := required
		if s.Optional {
			opt = optional
		}
		name, doc := s.Zh+" ("+s.Key+")", s.Doc
		if st.en {
			name, doc = s.Key, english(s.DocEn)
		}
		if err := put(excelize.Cell{Value: name, StyleID: st.header}, excelize.Cell{Value: opt, StyleID: st.header},
			excelize.Cell{StyleID: st.header}, excelize.Cell{StyleID: st.header}, excelize.Cell{StyleID: st.header}, excelize.Cell{StyleID: st.header},
			excelize.Cell{Value: doc, StyleID: st.header}); err != nil {
			return err
		}
		for _, c := range s.Columns {
			req := ""
			if c.Required {
				req = yes
			}
			doc := c.Doc
			typ := typeZh(c.Type)
			if r := rangeZh(c); r != "" {
				doc += "（" + r + "）"
			}
			if st.en {
				doc, typ = english(c.DocEn), typeEn(c.Type)
				if r := rangeEn(c); r != "" {
					doc += " (" + r + ")"
				}
			}
			if err := put(st.sheetName(s), excelize.Cell{Value: st.colHeader(c)}, typ, req, st.unit(c), st.deflt(c), excelize.Cell{Value: doc, StyleID: st.note}); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

func typeZh(t Type) string {
	switch t {
	case Text:
		return "文本"
	case Int:
		return "整数"
	case Money:
		return "金额"
	case Ratio:
		return "比例 0–1"
	case Rate:
		return "增长率"
	case Date:
		return "日期"
	case KindEnum:
		return "类型（下拉）"
	case BenefitEnum:
		return "给付类型（下拉）"
	}
	return ""
}

func typeEn(t Type) string {
	switch t {
	case Text:
		return "text"
	case Int:
		return "whole number"
	case Money:
		return "amount"
	case Ratio:
		return "ratio 0–1"
	case Rate:
		return "growth rate"
	case Date:
		return "date"
	case KindEnum:
		return "kind (drop-down)"
	case BenefitEnum:
		return "benefit type (drop-down)"
	}
	return ""
}

func rangeEn(c Column) string {
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("from %s to %s", fmtNum(*c.Min), fmtNum(*c.Max))
	case c.Min != nil:
		return fmt.Sprintf("at least %s", fmtNum(*c.Min))
	}
	return ""
}

func rangeZh(c Column) string {
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("取值 %s–%s", fmtNum(*c.Min), fmtNum(*c.Max))
	case c.Min != nil:
		return fmt.Sprintf("不小于 %s", fmtNum(*c.Min))
	}
	return ""
}

// validation is the data validation of a column, nil for free text: in
// Chinese (drop-downs of the Chinese names of kinds and benefits), or in
// English with en (drop-downs of the keys).
func validation(c Column, en bool) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	var err error
	var keys []string // a drop-down's values
	switch c.Type {
	case KindEnum:
		for _, k := range plans.Kinds() {
			if en {
				keys = append(keys, string(k))
			} else {
				keys = append(keys, k.Label("zh"))
			}
		}
		err = dv.SetDropList(keys)
	case BenefitEnum:
		for _, b := range benefitChoices(c.Choices) {
			if en {
				keys = append(keys, string(b))
			} else {
				keys = append(keys, b.Label("zh"))
			}
		}
		err = dv.SetDropList(keys)
	case Ratio:
		err = dv.SetRange(0, 1, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case Rate:
		err = dv.SetRange(-0.99, 10, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case Int:
		lo, hi := -1e15, 1e15
		if c.Min != nil {
			lo = *c.Min
		}
		if c.Max != nil {
			hi = *c.Max
		}
		err = dv.SetRange(lo, hi, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case Money:
		lo := -1e15
		if c.Min != nil {
			lo = *c.Min
		}
		err = dv.SetRange(lo, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case Date:
		err = dv.SetRange("DATE(1900,1,1)", "DATE(2200,12,31)", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	enText, zh := expected(c)
	if en {
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Key, enText)
		dv.SetInput(c.Key, firstRunes(english(c.DocEn), 250))
		return dv, nil
	}
	// The Chinese template speaks Chinese: a drop-down's error names its
	// Chinese values (the reader takes the English keys too).
	if keys != nil {
		zh = i18n.Zh.T("wb.expect.one_of", strings.Join(keys, "、"))
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, c.Zh, zh)
	dv.SetInput(c.Zh, firstRunes(c.Doc, 250))
	return dv, nil
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// writeTable writes the rows of table s on its sheet, continued on
// numbered sheets after sheetRows rows.
func writeTable(f *excelize.File, st *styles, s Sheet, b *Book, sheetRows int) error {
	sw, err := startTable(f, st, s, st.sheetName(s))
	if err != nil {
		return err
	}
	row, part := 2, 1
	vals := make([]any, len(s.Columns))
	emit := func(get func(key string) any) error {
		if row > sheetRows {
			if err := sw.Flush(); err != nil {
				return err
			}
			part++
			name := ContinuationName(st.sheetName(s), part)
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
			if sw, err = startTable(f, st, s, name); err != nil {
				return err
			}
			row = 2
		}
		for i, c := range s.Columns {
			v := get(c.Key)
			if v == nil {
				vals[i] = nil
				continue
			}
			vals[i] = excelize.Cell{Value: v, StyleID: st.byType[c.Type]}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	}
	if err := writeRows(s, b, emit); err != nil {
		return err
	}
	return sw.Flush()
}

// startTable starts sheet name (already added) as a sheet of table s: its
// header row, column widths and formats, and data validation.
func startTable(f *excelize.File, st *styles, s Sheet, name string) (*excelize.StreamWriter, error) {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	hdr := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		hdr[i] = excelize.Cell{Value: st.colHeader(c), StyleID: st.header}
		wd := width(st.colHeader(c), 10)
		if c.Type == Money {
			wd = math.Max(wd, 14)
		}
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
		if id, ok := st.byType[c.Type]; ok {
			if err := sw.SetColStyle(i+1, i+1, id); err != nil {
				return nil, err
			}
		}
		dv, err := validation(c, st.en)
		if err != nil {
			return nil, err
		}
		if dv != nil {
			col, _ := excelize.ColumnNumberToName(i + 1)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, lastRow))
			if err := f.AddDataValidation(name, dv); err != nil {
				return nil, err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", hdr, excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	return sw, nil
}

// writeRows emits the rows of table s of b, in order.
func writeRows(s Sheet, b *Book, emit func(get func(key string) any) error) error {
	switch s.Key {
	case SheetPlans:
		for i := range b.Plans {
			if err := emit(planCells(&b.Plans[i].Terms)); err != nil {
				return err
			}
		}
	case SheetSchedules:
		for i := range b.Schedules {
			if err := emit(scheduleCells(&b.Schedules[i])); err != nil {
				return err
			}
		}
	case SheetEnrolment:
		for i := range b.Enrolment {
			if err := emit(enrolmentCells(&b.Enrolment[i])); err != nil {
				return err
			}
		}
	case SheetClaims:
		for i := range b.Claims {
			if err := emit(claimCells(&b.Claims[i])); err != nil {
				return err
			}
		}
	case SheetRates:
		for i := range b.Rates {
			if err := emit(rateCells(&b.Rates[i])); err != nil { // rates.go
				return err
			}
		}
	case SheetReference:
		for i := range b.References {
			if err := emit(referenceCells(&b.References[i])); err != nil { // reference.go
				return err
			}
		}
	case SheetSummary:
		for i := range b.Summary {
			if err := emit(summaryCells(&b.Summary[i])); err != nil {
				return err
			}
		}
		for i := range b.SummaryTotals {
			t := b.SummaryTotals[i]
			get := summaryCells(&t)
			if err := emit(func(key string) any {
				if key == "group" {
					return "合计"
				}
				return get(key)
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Cell values: nil for unset.

func cellDec(d decimal.Decimal) any { return d.InexactFloat64() }

func nullDec(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return cellDec(d.Decimal)
}

func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func positive(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func planCells(t *plans.Terms) func(string) any {
	return func(key string) any {
		switch key {
		case "plan":
			return t.Plan
		case "name":
			return text(t.Name)
		case "kind":
			return string(t.Kind)
		case "contribution":
			return cellDec(t.Contribution)
		case "period_years":
			return max(t.PeriodYears, 1)
		case "max_shares":
			return max(t.MaxShares, 1)
		case "waiting_days":
			return t.WaitingDays
		case "from_day":
			return positive(t.FromDay)
		case "max_days":
			return positive(t.MaxDays)
		case "reporting_lag_months":
			return positive(t.ReportingLagMonths)
		case "period_start_month":
			return positive(t.PeriodStartMonth)
		case "claim_deadline_months":
			return positive(t.ClaimDeadlineMonths)
		}
		if dec, _ := termField(t, key); dec != nil {
			return nullDec(*dec)
		}
		panic("workbook: Plans column without a field: " + key)
	}
}

func scheduleCells(r *ScheduleRow) func(string) any {
	return func(key string) any {
		switch key {
		case "plan":
			return r.Plan
		case "benefit":
			return string(r.Benefit)
		case "category":
			return r.Category
		case "percent":
			return cellDec(r.Percent)
		}
		panic("workbook: Schedules column without a field: " + key)
	}
}

func enrolmentCells(r *EnrolmentRow) func(string) any {
	return func(key string) any {
		switch key {
		case "year":
			return r.Year
		case "plan":
			return r.Plan
		case "group":
			return text(r.Group)
		case "class":
			return text(r.Class)
		case "members":
			return r.Members
		case "shares":
			return r.Shares
		case "new_members":
			if r.NewMembers <= 0 {
				return nil
			}
			return r.NewMembers
		case "contributions":
			return nullDec(r.Contributions)
		case "start_year":
			if r.StartYear == 0 {
				return nil
			}
			return r.StartYear
		}
		panic("workbook: Enrolment column without a field: " + key)
	}
}

func claimCells(c *Claim) func(string) any {
	return func(key string) any {
		switch key {
		case "claim_id":
			return c.ClaimID
		case "year":
			return c.Year
		case "plan":
			return c.Plan
		case "member_id":
			return text(c.MemberID)
		case "group":
			return text(c.Group)
		case "class":
			return text(c.Class)
		case "benefit":
			return string(c.Benefit)
		case "event_date":
			return date(c.EventDate)
		case "report_date":
			return date(c.ReportDate)
		case "days":
			if c.Days < 0 {
				return nil
			}
			return c.Days
		case "cost":
			if math.IsNaN(c.Cost) {
				return nil
			}
			return c.Cost
		case "category":
			return text(c.Category)
		case "shares":
			return max(c.Shares, 1)
		case "paid":
			return c.Paid
		}
		panic("workbook: Claims column without a field: " + key)
	}
}

func summaryCells(r *SummaryRow) func(string) any {
	return func(key string) any {
		switch key {
		case "year":
			return r.Year
		case "plan":
			return text(r.Plan)
		case "group":
			return text(r.Group)
		case "enrolments":
			return r.Enrolments
		case "claims":
			if r.Claims < 0 {
				return nil
			}
			return r.Claims
		case "paid":
			return nullDec(r.Paid)
		}
		panic("workbook: Summary column without a field: " + key)
	}
}

// fundValue is the cell value of a Fund key, nil when the book leaves it to
// its default: a key is written when the book gave it, or when it has no
// default and the book holds a value (the priced year, the opening reserve).
func fundValue(fd *Fund, key string) any {
	k, ok := book.FundKeyByName(key)
	if !ok {
		panic("workbook: Fund key without a field: " + key)
	}
	v := k.Get(fd)
	if v == nil || !fd.Given[key] && k.Default != "" {
		return nil
	}
	switch x := v.(type) {
	case decimal.Decimal:
		return cellDec(x)
	case time.Time:
		return date(x)
	}
	return v
}

func writeFund(f *excelize.File, st *styles, s Sheet, fd *Fund) error {
	name := st.sheetName(s)
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, wd := range []float64{34, 18, 70} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	noteHeader := "说明 (note)"
	if st.en {
		noteHeader = "note"
	}
	hdr := []any{
		excelize.Cell{Value: st.colHeader(FundKeyHeader), StyleID: st.header},
		excelize.Cell{Value: st.colHeader(FundValueHeader), StyleID: st.header},
		excelize.Cell{Value: noteHeader, StyleID: st.header},
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	for i, c := range s.Columns {
		r := i + 2
		note := c.Doc
		if c.Unit != "" {
			note += "；单位：" + c.Unit
		}
		if c.Default != "" {
			note += "；不填默认 " + c.Default
		}
		if c.Required {
			note += "；必填"
		}
		if st.en {
			note = english(c.DocEn)
			if u := st.unit(c); u != "" {
				note += "; unit: " + u
			}
			if d := st.deflt(c); d != "" {
				note += "; default when empty: " + d
			}
			if c.Required {
				note += "; required"
			}
		}
		var v any
		if x := fundValue(fd, c.Key); x != nil {
			v = excelize.Cell{Value: x, StyleID: st.byType[c.Type]}
		} else if id, ok := st.byType[c.Type]; ok {
			v = excelize.Cell{StyleID: id}
		}
		if err := sw.SetRow("A"+strconv.Itoa(r), []any{st.colHeader(c), v, excelize.Cell{Value: note, StyleID: st.note}}); err != nil {
			return err
		}
		dv, err := validation(c, st.en)
		if err != nil {
			return err
		}
		if dv != nil {
			dv.SetSqref("B" + strconv.Itoa(r))
			if err := f.AddDataValidation(name, dv); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}
