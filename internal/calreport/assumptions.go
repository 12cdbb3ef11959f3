package calreport

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// assumptions is the 假设 / Assumptions sheet: every Fund key the run used
// with its meaning, value and source (the audit record's assumptions), then
// the data used, per plan and year (validate's statistics). The fitted
// models are on the 模型 sheet.
func assumptions(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	docs := map[string]book.FundKey{}
	for _, k := range book.FundKeys {
		docs[k.Key] = k
	}
	as := in.Assumptions
	if len(as) == 0 && in.Record != nil {
		as = in.Record.Assumptions
	}
	var rows [][]cell
	for _, a := range as {
		k := docs[a.Key]
		meaning := k.Doc
		if l == i18n.En {
			meaning = dropHan(k.DocEn)
		}
		where := a.Cell
		if l == i18n.En {
			where = enSheets(where)
		}
		rows = append(rows, []cell{txt(a.Key), cell{meaning, st.text}, txt(groupValue(a.Value)), txt(l.T("rpt.source." + a.Source)), txt(where)})
	}
	n, err := table(f, sheet, l.T("rpt.title.assumptions"), heads(l, []string{"key", "meaning", "setting", "source", "cell"}), rows, st)
	if err != nil {
		return 0, err
	}
	// A: keys and plans; B: meanings and sentences (wrapped); C–H the
	// values and the data tables' figures.
	_ = f.SetColWidth(sheet, "A", "A", 28)
	_ = f.SetColWidth(sheet, "B", "B", 70)
	_ = f.SetColWidth(sheet, "C", "H", 15)
	_ = f.SetColStyle(sheet, "B", st.text)
	for i, r := range rows {
		if s, ok := r[1].v.(string); ok {
			_ = f.SetRowHeight(sheet, n+1+i, 15*textLines(s, 70))
		}
	}
	row := n + len(rows) + 3
	set := func(col, row int, v any, style int) {
		c, _ := excelize.CoordinatesToCellName(col, row)
		_ = f.SetCellValue(sheet, c, v)
		if style != 0 {
			_ = f.SetCellStyle(sheet, c, c, style)
		}
	}
	// The fitted models in words (the 模型 sheet has every figure).
	set(1, row, l.T("rpt.title.models_words"), st.sub)
	for _, p := range in.Plans {
		for _, b := range p.Benefits {
			row++
			set(1, row, p.Terms.Plan+" / "+i18n.BenefitLabel(l, b.Benefit), 0)
			w := modelWords(l, b)
			set(2, row, w, st.text)
			_ = f.SetRowHeight(sheet, row, 15*textLines(w, 70))
		}
	}
	// The data used, below.
	row += 3
	set(1, row, l.T("rpt.title.data_used"), st.sub)
	var plans = map[string]bool{}
	var years, first, last int
	var claims int64
	paid := decimal.Zero
	for _, s := range in.Stats {
		if s.Plan == "" {
			continue
		}
		plans[s.Plan] = true
		years++
		claims += s.Claims
		paid = paid.Add(s.Paid)
		if first == 0 || s.Year < first {
			first = s.Year
		}
		last = max(last, s.Year)
	}
	set(1, row+1, l.T("rpt.data.head", len(plans), years, first, last, group(decimal.NewFromInt(claims).String()), money(paid)), 0)
	row += 3
	// Column B (the meanings') is left empty: the figures stand in C–H.
	cols := []int{1, 3, 4, 5, 6, 7, 8}
	for j, h := range heads(l, []string{"plan", "year", "data_source", "members", "shares", "claims", "paid"}) {
		set(cols[j], row, h, st.head)
	}
	for _, s := range in.Stats {
		if s.Plan == "" {
			continue
		}
		row++
		set(1, row, s.Plan, 0)
		set(3, row, s.Year, 0)
		set(4, row, l.T("source."+s.Source), 0)
		set(5, row, s.Members, st.int)
		set(6, row, s.Shares, st.int)
		set(7, row, s.Claims, st.int)
		set(8, row, s.Paid.Round(2).InexactFloat64(), st.money)
	}
	// What the fit left out or flagged, per plan with claim detail.
	row += 2
	set(1, row, l.T("rpt.title.exclusions"), st.sub)
	row++
	for j, h := range heads(l, []string{"plan", "later", "no_dates", "outliers"}) {
		set(cols[j], row, h, st.head)
	}
	for _, p := range in.Plans {
		e := p.Experience
		if e == nil {
			continue
		}
		row++
		set(1, row, p.Terms.Plan, 0)
		set(3, row, e.Later, st.int)
		set(4, row, e.NoDates, st.int)
		set(5, row, len(e.Outliers), st.int)
	}
	return n, nil
}

// quality is the 数据质量 / Data quality sheet: validate's warnings and
// notices of the workbook, each with its sheet and cell (a workbook with
// errors is not calibrated).
func quality(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	var rows [][]cell
	for _, p := range in.Problems {
		if p.Level == workbook.Error {
			continue
		}
		sh, at, found, msg := p.Sheet, p.Cell, p.Found, p.Message(l)
		if l == i18n.En {
			sh, at, found, msg = enSheets(sh), enSheets(at), enSheets(found), enSheets(msg)
		}
		rows = append(rows, []cell{txt(p.Level.Label(l)), txt(p.Code), txt(sh), txt(at), txt(found), txt(p.Expected), cell{msg, st.text}})
	}
	if len(rows) == 0 {
		rows = append(rows, []cell{txt(l.T("rpt.quality.none"))})
	}
	n, err := table(f, sheet, l.T("rpt.title.quality"), heads(l, []string{"level", "code", "sheet", "cell", "found", "expected_val", "message"}), rows, st)
	if err == nil {
		_ = f.SetColWidth(sheet, "G", "G", 80)
		_ = f.SetColStyle(sheet, "G", st.text)
	}
	return n, err
}

// recordSheet is the 记录 / Record sheet: the audit record's JSON, one line
// per row (joined with newlines they are the file --record writes; in the
// English report non-ASCII characters are \u escapes), and its SHA-256.
func recordSheet(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	b, err := in.Record.Marshal()
	if err != nil {
		return 0, err
	}
	h, err := in.Record.Hash()
	if err != nil {
		return 0, err
	}
	titleCode := "rpt.title.record"
	if l == i18n.En {
		titleCode = "rpt.title.record_en"
	}
	_ = f.SetCellValue(sheet, "A1", l.T(titleCode))
	_ = f.SetCellStyle(sheet, "A1", "A1", st.title)
	_ = f.SetCellValue(sheet, "A2", l.T("rpt.record.hash", h))
	_ = f.SetCellValue(sheet, "A3", l.T("rpt.col.line"))
	_ = f.SetCellStyle(sheet, "A3", "A3", st.head)
	_ = f.SetColWidth(sheet, "A", "A", 150)
	for i, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		s := string(line)
		if l == i18n.En {
			s = ascii(s)
		}
		c, _ := excelize.CoordinatesToCellName(1, 4+i)
		// A text cell, kept as written (a line may look like a number).
		if err := f.SetCellStr(sheet, c, s); err != nil {
			return 0, err
		}
	}
	// Printed, the sheet is its title and hash (the JSON is read in the file,
	// or in the .record.json beside it).
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$A$3", sheet), Scope: sheet}); err != nil {
		return 0, err
	}
	return 3, f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"})
}

// enSheets names the workbook's sheets in s by their English names (给付明细
// → Claims, 给付明细2 → Claims2: the reader accepts either), and writes any
// other Chinese character (a value of the user's data) as "?": the English
// report holds no Chinese.
func enSheets(s string) string {
	if !hasHan(s) {
		return s
	}
	type name struct{ zh, en string }
	var names []name
	for _, sh := range workbook.Sheets {
		names = append(names, name{sh.Zh, sh.Key})
		for _, a := range sh.Aliases {
			names = append(names, name{a, sh.Key})
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i].zh) > len(names[j].zh) })
	for _, n := range names {
		s = strings.ReplaceAll(s, n.zh, n.en)
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef) {
			return '?'
		}
		return r
	}, s)
}

var hanGloss = regexp.MustCompile(`\s*[:：(（]?\s*[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]+[)）]?`)

// dropHan leaves out of an English text the Chinese words it glosses
// ("…: 入不敷出"), so that the English report holds no Chinese.
func dropHan(s string) string { return strings.TrimSpace(hanGloss.ReplaceAllString(s, "")) }

// modelWords is a benefit's model in a sentence: its ground-up rate per
// 1,000 member-years and count model, and its amount model with rounded
// parameters.
func modelWords(l i18n.Lang, b *model.Benefit) string {
	amount := ""
	switch {
	case b.Sev != nil && b.Sev.Fit != nil:
		amount = l.T("rpt.model.amount", b.Sev.Fit.Family, kv(b.Sev.Fit.ParamNames, b.Sev.Fit.Params))
	case b.Days != nil && b.Days.Fit != nil:
		amount = l.T("rpt.model.days_words", b.Days.Fit.Family, kv(b.Days.Fit.ParamNames, b.Days.Fit.Params))
	case b.Payment != nil:
		amount = l.T("rpt.model.payment")
	case len(b.Categories) > 0:
		amount = l.T("rpt.model.mix_n", len(b.Categories))
	}
	return l.T("rpt.model.words", sig(1000*b.Freq.Mu), b.Freq.Family, b.Claims, amount)
}

// groupValue puts thousands separators into an amount's text (7850000.00
// → 7,850,000.00); other texts (a year, a rate, a date) are kept.
func groupValue(v string) string {
	if _, err := decimal.NewFromString(v); err != nil || strings.ContainsAny(v, "eE") || !strings.Contains(v, ".") {
		return v
	}
	return group(v)
}
