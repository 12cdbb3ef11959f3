package calreport

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/xuri/excelize/v2"
)

// backtestCols are the backtest sheet's columns, by message key
// (backtest.col.*).
var backtestCols = []string{"year", "fitted", "plan", "members", "expected", "p5", "p95", "reported", "ibnr", "actual", "ratio", "percentile", "inside"}

// WriteBacktest writes the backtest (回溯检验 / Backtest) on sheet of f, in
// lang (Chinese unless i18n.En), creating the sheet when f has none of that
// name, with the report's styles (the report itself writes the sheet with
// its print setup, backtestSheet).
func WriteBacktest(f *excelize.File, sheet string, bt *calibrate.Backtest, lang i18n.Lang) error {
	if idx, err := f.GetSheetIndex(sheet); err != nil {
		return err
	} else if idx < 0 {
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	_, err = backtestSheet(f, sheet, &Input{Backtest: bt, Lang: lang}, st)
	return err
}

// backtestSheet is the 回溯检验 / Backtest sheet, a table as the report's
// others (title, header row repeated on every printed page): per year each
// plan compared and the fund — the years fitted, members, expected
// benefits, the 5% and 95% quantiles, the reported, IBNR and actual
// (ultimate) benefits, actual/expected, the percentile of the actual and
// whether it fell inside the 90% interval (a "no" in the warnings' red) —
// then, across the table's width, the summary (how many plan-years fell
// outside the 90% interval, against the binomial range of 10%) and the
// notes: what the figures are, and the plans and years not compared. A
// book with a single data year gets the title and that note. Plans are
// named as on the report's other sheets (in English by their keys).
func backtestSheet(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	bt := in.Backtest
	var rows [][]cell
	for _, y := range bt.Years {
		fitted := fmt.Sprintf("%d–%d", y.From, y.To)
		if y.From == y.To {
			fitted = fmt.Sprint(y.From)
		}
		all := y.Plans
		if y.Fund != nil {
			all = append(all[:len(all):len(all)], *y.Fund)
		}
		for k, r := range all {
			name := cell{in.planLabel(r.Plan, r.Name), 0}
			if y.Fund != nil && k == len(all)-1 {
				name = cell{l.T("backtest.fund"), st.bold}
			}
			inside := cell{l.T("backtest.yes"), 0}
			if !r.Inside {
				inside = cell{l.T("backtest.no"), st.warn}
			}
			ratio := cell{nil, 0}
			if !math.IsNaN(r.Ratio) && !math.IsInf(r.Ratio, 0) {
				ratio = cell{math.Round(r.Ratio*100) / 100, st.ratio}
			}
			rows = append(rows, []cell{{y.Year, 0}, txt(fitted), name, {math.Round(r.Members), st.int}, {round2(r.Expected), st.money},
				{round2(r.P5), st.money}, {round2(r.P95), st.money}, {round2(r.Reported), st.money}, {round2(r.IBNR), st.money},
				{round2(r.Actual), st.money}, ratio, pctc(r.Percentile, st), inside})
		}
	}
	head := make([]string, len(backtestCols))
	for i, c := range backtestCols {
		head[i] = l.T("backtest.col." + c)
	}
	heads, err := table(f, sheet, l.T("backtest.title"), head, rows, st)
	if err != nil {
		return 0, err
	}
	var notes []cell
	if bt.PlanYears > 0 {
		lo, hi := bt.OutsideRange()
		share := fmt.Sprintf("%.1f%%", 100*float64(bt.Outside)/float64(bt.PlanYears))
		notes = append(notes, txt(l.T("backtest.summary", bt.PlanYears, bt.Outside, share, lo, hi, bt.FundYears, bt.FundOutside)))
	}
	notes = append(notes, cell{l.T("backtest.notes"), st.sub}, txt(l.T("backtest.explain")))
	for _, n := range bt.Notes {
		if n.Code == calibrate.BacktestOneYear {
			notes = append(notes, txt(l.T("backtest.note."+n.Code)))
		} else {
			notes = append(notes, txt(l.T("backtest.note."+n.Code, n.Year, in.planLabel(n.Plan, n.Name))))
		}
	}
	if bt.PlanYears == 0 && len(bt.Notes) == 0 {
		notes = append(notes, txt(l.T("backtest.none")))
	}
	return heads, notesBelow(f, sheet, heads+len(rows)+2, len(backtestCols), notes, st)
}

// notesBelow writes sentences from row on, one a row, each across the
// table's cols columns (merged, wrapped, the row high enough for its
// lines), so that they print within the table's width.
func notesBelow(f *excelize.File, sheet string, row, cols int, notes []cell, st styles) error {
	width := 0.0
	for j := 1; j <= cols; j++ {
		col, _ := excelize.ColumnNumberToName(j)
		w, err := f.GetColWidth(sheet, col)
		if err != nil {
			return err
		}
		width += w
	}
	last, _ := excelize.ColumnNumberToName(cols)
	for i, n := range notes {
		r := row + i
		a, b := fmt.Sprintf("A%d", r), fmt.Sprintf("%s%d", last, r)
		if err := f.SetCellValue(sheet, a, n.v); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, a, b); err != nil {
			return err
		}
		style := st.text
		if n.style != 0 {
			style = n.style
		}
		if err := f.SetCellStyle(sheet, a, b, style); err != nil {
			return err
		}
		h := 15.0
		if s, ok := n.v.(string); ok && style != st.sub {
			h *= textLines(s, width)
		}
		if err := f.SetRowHeight(sheet, r, h); err != nil {
			return err
		}
	}
	return nil
}
