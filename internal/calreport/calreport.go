// Package calreport writes the calibration's Excel report for the board
// (docs/report.md): 摘要 / Summary first (the decision in sentences and the
// warnings in words), then 建议 (recommendations per plan), 基金 (the fund
// and the reserve), 预测 (the reserve projection), 图表 (native charts of
// the distribution, the plans, the projection fan, actual against expected
// and the variance split), 分位数 (quantiles), 模型 (the fitted models),
// 实际与期望 (last year's actual against expected), 假设 (every assumption
// with its source, and the data used), 数据质量 (validate's warnings), for
// books with claim detail 数据完整性 / Completion, and 记录 (the audit
// record). Every sheet prints on A4 landscape, one page wide, with its
// header rows repeated and a footer with the page numbers, the run and the
// audit record's SHA-256. Money cells are numbers with two decimals, taken
// from the decimal figures of the result, so the sheets add up to the fen.
// The report is wholly in its language (Chinese unless Lang is En): every
// text comes from the message catalogue (internal/i18n/calreport.go).
package calreport

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/mattn/go-runewidth"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Input is what the report shows.
type Input struct {
	File   string
	Result *calibrate.Result
	Plans  []*model.Plan
	AE     []model.AE
	Seed   uint64
	Paths  int
	// Lang is the report's language (Chinese unless En).
	Lang i18n.Lang
	// Assumptions are the Fund keys with their values and sources (the
	// audit record's); Problems are validate's warnings and notices of the
	// workbook, Stats what was read per plan and year.
	Assumptions []record.Assumption
	Problems    workbook.Problems
	Stats       []workbook.YearStats
	// Record is the run's audit record (nil: no 记录 sheet, and the footer
	// has the page numbers only). Its run time is the document's creation
	// time, so that the same record gives the same bytes.
	Record *record.Record
	// Backtest is the backtest (nil: no 回溯检验 sheet).
	Backtest *calibrate.Backtest
}

type styles struct{ head, money, pct, ratio, int, title, text, sub, warn, bold int }

// sheet is one sheet of the report: its name and its writer, which returns
// the number of header rows to repeat on every printed page (0: none).
type sheet struct {
	name  string
	write func(*excelize.File, string, *Input, styles) (int, error)
	// fitPage: the sheet prints on one page (the 摘要).
	fitPage bool
}

// Build lays the report out; the caller writes it (report.writeCanonical
// gives the same bytes for the same input).
func Build(in *Input) (*excelize.File, error) {
	l := in.lang()
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	sheets := []sheet{
		{name: l.T("rpt.sheet.summary"), write: summary, fitPage: true},
		{name: l.T("rpt.sheet.recommend"), write: recommendations},
		{name: l.T("rpt.sheet.fund"), write: fund},
		{name: l.T("rpt.sheet.projection"), write: projection},
		{name: l.T("rpt.sheet.charts"), write: chartData},
		{name: l.T("rpt.sheet.quantiles"), write: quantiles},
		{name: l.T("rpt.sheet.models"), write: models},
		{name: l.T("rpt.sheet.ae"), write: actualExpected},
		{name: l.T("rpt.sheet.assumptions"), write: assumptions},
		{name: l.T("rpt.sheet.quality"), write: quality},
	}
	if hasClasses(in) { // classes.go
		sheets = append(sheets, sheet{name: l.T("rpt.sheet.classes"), write: classes})
	}
	if in.Backtest != nil {
		sheets = append(sheets, sheet{name: l.T("backtest.sheet"), write: backtestSheet})
	}
	if hasCompletion(in) {
		sheets = append(sheets, sheet{name: l.T("report.completion_sheet"), write: completion})
	}
	if in.Record != nil {
		sheets = append(sheets, sheet{name: l.T("rpt.sheet.record"), write: recordSheet})
	}
	footer, err := in.footer()
	if err != nil {
		f.Close()
		return nil, err
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		heads, err := s.write(f, s.name, in, st)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("calreport: sheet %s: %w", s.name, err)
		}
		if err := printSetup(f, s, heads, footer); err != nil {
			f.Close()
			return nil, fmt.Errorf("calreport: sheet %s: %w", s.name, err)
		}
	}
	if err := charts(f, in, sheets[1].name, sheets[3].name, sheets[4].name, sheets[7].name); err != nil {
		f.Close()
		return nil, fmt.Errorf("calreport: charts: %w", err)
	}
	f.SetActiveSheet(0)
	props := &excelize.DocProperties{Creator: "huzhu", Title: l.T("rpt.doc_title", in.Result.Year), Language: string(l)}
	if in.Record != nil {
		t := in.Record.RunAt.UTC().Format(time.RFC3339)
		props.Created, props.Modified = t, t
		props.Version = in.Record.Build.Version
	}
	if err := f.SetDocProps(props); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	num := func(s string) *string { return &s }
	st.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	st.money = mk(&excelize.Style{CustomNumFmt: num("#,##0.00")})
	st.pct = mk(&excelize.Style{CustomNumFmt: num("0.00%")})
	st.ratio = mk(&excelize.Style{CustomNumFmt: num("0.00")})
	st.int = mk(&excelize.Style{CustomNumFmt: num("#,##0")})
	st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: "Calibri"}})
	st.text = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.sub = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Family: "Calibri"}, Border: []excelize.Border{{Type: "bottom", Color: "4472C4", Style: 1}}})
	st.warn = mk(&excelize.Style{Font: &excelize.Font{Color: "C00000", Family: "Calibri"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri"}})
	return st, err
}

// footer is every page's footer: the run and the audit record's SHA-256
// on the left, the page numbers on the right.
func (in *Input) footer() (string, error) {
	l := in.lang()
	s := "&R&8" + l.T("rpt.footer_pages")
	if in.Record != nil {
		h, err := in.Record.Hash()
		if err != nil {
			return "", err
		}
		s = "&L&8" + l.T("rpt.footer", in.RunID()) + "    " + l.T("rpt.footer_hash", h) + s
	}
	return s, nil
}

// RunID names the run on the report's pages: the action and its time (UTC,
// to the second), as the audit record has them.
func (in *Input) RunID() string {
	if in.Record == nil {
		return ""
	}
	return in.Record.Action + "-" + in.Record.RunAt.UTC().Format("20060102T150405Z")
}

// printSetup sets a sheet to print on A4 landscape, one page wide (the 摘要
// on one page), its first heads rows repeated on every page.
func printSetup(f *excelize.File, s sheet, heads int, footer string) error {
	size, orient, wide, tall := 9, "landscape", 1, 0
	if s.fitPage {
		tall = 1
	}
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.5
	top, bottom, hf := 0.6, 0.7, 0.3 // the footer 0.3 inch from the edge, inside the bottom margin
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &top, Bottom: &bottom, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	if heads > 0 {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", s.name, heads), Scope: s.name})
	}
	return nil
}

// cell is one value with its style.
type cell struct {
	v     any
	style int
}

func dec(d decimal.Decimal, st styles) cell { return cell{d.Round(2).InexactFloat64(), st.money} }
func pctc(x float64, st styles) cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return cell{nil, 0}
	}
	return cell{x, st.pct}
}
func txt(s string) cell { return cell{s, 0} }

// table writes a title, a header row and rows from row 1, with widths that
// fit Chinese text; it returns the header rows (title, blank, head).
func table(f *excelize.File, sheet, title string, head []string, rows [][]cell, st styles) (int, error) {
	row := 1
	if title != "" {
		if err := f.SetCellValue(sheet, "A1", title); err != nil {
			return 0, err
		}
		_ = f.SetCellStyle(sheet, "A1", "A1", st.title)
		row = 3
	}
	widths := make([]int, len(head))
	for j, h := range head {
		c, _ := excelize.CoordinatesToCellName(j+1, row)
		if err := f.SetCellValue(sheet, c, h); err != nil {
			return 0, err
		}
		_ = f.SetCellStyle(sheet, c, c, st.head)
		widths[j] = min(runewidth.StringWidth(h), 16)
	}
	for i, r := range rows {
		for j, c := range r {
			if c.v == nil {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(j+1, row+1+i)
			if err := f.SetCellValue(sheet, name, c.v); err != nil {
				return 0, err
			}
			if c.style != 0 {
				_ = f.SetCellStyle(sheet, name, name, c.style)
			}
			w := runewidth.StringWidth(fmt.Sprint(c.v))
			switch c.style {
			case st.money:
				w = 15
			case st.pct, st.ratio, st.int:
				w = 10
			}
			if j < len(widths) && w > widths[j] {
				widths[j] = w
			}
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		_ = f.SetColWidth(sheet, col, col, math.Min(float64(w)+2, 60))
	}
	// Long texts wrap in their column.
	for j, w := range widths {
		if w+2 > 60 {
			col, _ := excelize.ColumnNumberToName(j + 1)
			_ = f.SetColStyle(sheet, col, st.text)
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, row+1)
	return row, f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: top, ActivePane: "bottomLeft"})
}

// planLabel is a plan as the report names it: its key and, in Chinese, its
// name (the workbook's names are Chinese; the English report keeps keys).
func (in *Input) planLabel(key, name string) string {
	if in.lang() == i18n.En || name == "" || name == key {
		return key
	}
	return name + "（" + key + "）"
}

func recommendations(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	r := in.Result
	l := in.lang()
	cols := []string{"plan", "name", "period", "shares", "current", "recommended", "required", "change", "limited", "expected", "per_share", "margin",
		"alloc", "income", "loss_ratio", "pdeficit"}
	caps := false
	for _, p := range r.Plans {
		caps = caps || p.CapLever != ""
	}
	if caps {
		cols = append(cols, "lever", "lever_cur", "lever_rec")
	}
	head := heads(l, cols)
	var rows [][]cell
	var inc, exp, mar decimal.Decimal
	for _, p := range r.Plans {
		limited := l.T("no")
		if p.Limited {
			limited = l.T("yes")
		}
		name := p.Name
		if l == i18n.En {
			name = ""
		}
		row := []cell{txt(p.Plan), txt(name), {p.PeriodYears, 0}, {math.Round(p.Shares), st.int}, dec(p.Current, st), dec(p.Recommended, st), dec(p.Required, st),
			pctc(p.Change, st), txt(limited), dec(p.Expected, st), dec(p.ExpectedPerShare, st), dec(p.Margin, st), pctc(p.AllocShare, st),
			dec(p.Income, st), pctc(p.LossRatio, st), pctc(p.PDeficit, st)}
		if p.CapLever != "" {
			row = append(row, txt(i18n.LeverName(l, p.CapLever)), cell{p.CapCurrent.InexactFloat64(), 0}, cell{p.CapRecommended.InexactFloat64(), 0})
		}
		rows = append(rows, row)
		inc, exp, mar = inc.Add(p.Income), exp.Add(p.Expected), mar.Add(p.Margin)
	}
	rows = append(rows, []cell{txt(l.T("rpt.col.total")), txt(""), {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0},
		dec(exp, st), {nil, 0}, dec(mar, st), {nil, 0}, dec(inc, st)})
	title := l.T("rpt.title.recommend", r.Year, pctText(r.Policy.TargetDeficitProbability))
	if r.Lever == calibrate.Caps {
		title = l.T("rpt.title.recommend_caps", r.Year, pctText(r.Policy.TargetDeficitProbability))
	}
	return table(f, sheet, title, head, rows, st)
}

func heads(l i18n.Lang, cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = l.T("rpt.col." + c)
	}
	return out
}

func fund(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	r := in.Result
	l := in.lang()
	row := func(code string, c cell, args ...any) []cell { return []cell{txt(l.T("rpt.fund."+code, args...)), c} }
	rows := [][]cell{
		row("current_income", dec(r.CurrentIncome, st)),
		row("income", dec(r.Income, st)),
		row("expenses", dec(r.Expenses, st)),
		row("net", dec(r.NetIncome, st)),
		row("expected", dec(r.Expected, st)),
		row("margin", dec(r.Margin, st)),
		row("var", dec(r.VaR, st), pctText(1-r.Policy.TargetDeficitProbability)),
		row("pd_before", pctc(r.PDeficitBefore, st)),
		row("pd_after", pctc(r.PDeficitAfter, st)),
		row("opening", dec(r.Policy.OpeningReserve, st)),
		row("floor", dec(r.Policy.ReserveFloor, st)),
		row("max_draw", dec(r.MaxDraw, st)),
		row("draw", dec(r.Draw, st)),
		row("set_aside", dec(r.SetAside, st)),
		row("r5", dec(r.Reserve5, st)),
		row("r50", dec(r.Reserve50, st)),
		row("r95", dec(r.Reserve95, st)),
		row("p_solvency", pctc(r.PSolvency, st)),
		row("backstop95", dec(r.Backstop95, st)),
		row("backstop99", dec(r.Backstop99, st)),
	}
	if shares := varianceShares(r.Dist); shares != nil {
		rows = append(rows, row("var_process", pctc(shares[0], st)), row("var_parameter", pctc(shares[1], st)), row("var_trend", pctc(shares[2], st)))
	}
	for _, n := range r.Notes {
		rows = append(rows, []cell{txt(l.T("rpt.note")), cell{i18n.Translate(l, n), st.text}})
	}
	n, err := table(f, sheet, l.T("rpt.title.fund", r.Year), heads(l, []string{"item", "value"}), rows, st)
	if err == nil {
		_ = f.SetColWidth(sheet, "B", "B", 60)
	}
	return n, err
}

// varianceShares are the process, parameter and trend shares of the
// variance of the fund's benefits (nil when the result has none).
func varianceShares(d *model.FundDist) []float64 {
	if d == nil {
		return nil
	}
	tot := d.VarProcess + d.VarParameter + d.VarTrend
	if !(tot > 0) {
		return nil
	}
	return []float64{d.VarProcess / tot, d.VarParameter / tot, d.VarTrend / tot}
}

// projection's columns: year A, income B, expected C, P(below floor) D,
// P(shortfall) E, reserve 5% F, 50% G, 95% H, floor I (the fan chart's).
func projection(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	var rows [][]cell
	for _, y := range in.Result.Projection {
		rows = append(rows, []cell{{y.Year, 0}, dec(y.Income, st), dec(y.ExpectedBenefit, st), pctc(y.PBelowFloor, st), pctc(y.PDeficit, st),
			dec(y.P5, st), dec(y.P50, st), dec(y.P95, st), dec(in.Result.Policy.ReserveFloor, st)})
	}
	return table(f, sheet, l.T("rpt.title.projection", in.Paths, in.Seed),
		heads(l, []string{"year", "income", "expected", "p_below", "p_short", "r5", "r50", "r95", "floor"}), rows, st)
}

func quantiles(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	ps := []float64{0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999}
	head := heads(l, []string{"plan", "mean", "sd"})
	for _, p := range ps {
		head = append(head, fmt.Sprintf("VaR %g%%", 100*p))
	}
	head = append(head, "TVaR 99%", "TVaR 99.5%")
	var rows [][]cell
	add := func(name string, lat *aggregate.Lattice) {
		row := []cell{txt(name), {round2(lat.Mean()), st.money}, {round2(lat.SD()), st.money}}
		for _, p := range ps {
			row = append(row, cell{round2(lat.VaR(p)), st.money})
		}
		row = append(row, cell{round2(lat.TVaR(0.99)), st.money}, cell{round2(lat.TVaR(0.995)), st.money})
		rows = append(rows, row)
	}
	d := in.Result.Dist
	if d != nil {
		for _, pd := range d.Plans {
			add(pd.Plan, pd.Total)
		}
		add(l.T("fund_total"), d.Total)
	}
	return table(f, sheet, l.T("rpt.title.quantiles"), head, rows, st)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func models(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	head := heads(l, []string{"plan", "benefit", "claims", "rec_rate", "thinning", "mu", "rel_se", "count_model", "amount_model", "params", "se", "aic", "reason"})
	var rows [][]cell
	for _, p := range in.Plans {
		for _, b := range p.Benefits {
			count := b.Freq.Family
			switch {
			case b.Freq.Family == model.HurdleFamily && b.Freq.Fit != nil:
				count += fmt.Sprintf(" (p0=%s, size=%s, mu=%s)", sig(b.Freq.Fit.Params[0]), sig(b.Freq.Size), sig(b.Freq.BaseMu))
			case b.Freq.Family == model.HurdlePoisFamily && b.Freq.Fit != nil:
				count += fmt.Sprintf(" (p0=%s, lambda=%s)", sig(b.Freq.Fit.Params[0]), sig(b.Freq.BaseMu))
			case !math.IsInf(b.Freq.Size, 1):
				count += fmt.Sprintf(" (size=%s)", sig(b.Freq.Size))
			}
			row := []cell{txt(p.Terms.Plan), txt(i18n.BenefitLabel(l, b.Benefit)), {b.Claims, st.int}, {b.Freq.RecordedMu, rateStyle(st)}, pctc(b.Freq.Thinning, st),
				{b.Freq.Mu, rateStyle(st)}, pctc(b.Freq.RelSE, st), txt(count)}
			switch {
			case b.Sev != nil && b.Sev.Fit != nil:
				r := b.Sev.Fit
				row = append(row, txt(l.T("rpt.model.truncated", r.Family, sig(b.Sev.Truncation))), txt(kv(r.ParamNames, r.Params)), txt(kv(r.ParamNames, r.SE)),
					cell{round2(r.AIC), st.ratio}, cell{i18n.Translate(l, b.Sev.Reason), st.text})
			case b.Days != nil && b.Days.Fit != nil:
				r := b.Days.Fit
				row = append(row, txt(l.T("rpt.model.days", r.Family, fmt.Sprint(b.Days.Truncation))), txt(kv(r.ParamNames, r.Params)), txt(kv(r.ParamNames, r.SE)),
					cell{round2(r.AIC), st.ratio}, txt(""))
			case b.Payment != nil:
				row = append(row, txt(l.T("rpt.model.payment")), txt(kvMap(b.Payment.Params())))
			case len(b.Categories) > 0 && l == i18n.En:
				// The classes are named in the workbook's Chinese.
				row = append(row, txt(l.T("rpt.model.mix")), txt(l.T("rpt.model.classes", len(b.Categories))))
			case len(b.Categories) > 0:
				row = append(row, txt(l.T("rpt.model.mix")), txt(kvMap(b.Categories)))
			}
			rows = append(rows, row)
		}
		for _, n := range p.Notes {
			rows = append(rows, []cell{txt(p.Terms.Plan), txt(l.T("rpt.note")), {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0}, {nil, 0},
				cell{i18n.Translate(l, n), st.text}})
		}
	}
	return table(f, sheet, l.T("rpt.title.models"), head, rows, st)
}

// rateStyle shows a rate per member and year to four significant places.
func rateStyle(st styles) int { return st.pct }

// sig is x to four significant digits.
func sig(x float64) string { return fmt.Sprintf("%.4g", x) }

func kv(names []string, vals []float64) string {
	var parts []string
	for i, n := range names {
		if i < len(vals) {
			parts = append(parts, fmt.Sprintf("%s=%s", n, sig(vals[i])))
		}
	}
	return strings.Join(parts, ", ")
}

func kvMap(m map[string]float64) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s=%s", k, sig(m[k])))
	}
	return strings.Join(parts, ", ")
}

// money is an amount with thousands separators and two decimals.
func money(d decimal.Decimal) string { return group(d.StringFixed(2)) }

func moneyF(x float64) string { return money(decimal.NewFromFloat(x)) }

// group puts thousands separators into a decimal number's integer part.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// pctText is a probability as a percentage to two places (one under 10%
// stays two: 2.08%).
func pctText(p float64) string {
	if math.IsNaN(p) {
		return "-"
	}
	s := fmt.Sprintf("%.2f", 100*p)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	if !strings.Contains(s, ".") && len(s) < 3 {
		s = fmt.Sprintf("%.1f", 100*p)
	}
	return s + "%"
}

// signedPct is a change as +8.9% / -9.1%.
func signedPct(x float64) string { return fmt.Sprintf("%+.1f%%", 100*x) }

// ascii escapes every non-ASCII character of a JSON text as \uXXXX (a
// surrogate pair beyond the BMP): the same JSON value in ASCII.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		}
	}
	return b.String()
}

// hasHan says whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Write builds the report and writes it as excelize lays it out (the part
// order may vary from run to run; report.Calibration.Excel writes the same
// report canonically, byte for byte reproducible).
func Write(w io.Writer, in *Input) error {
	f, err := Build(in)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Write(w)
}
