package calreport

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
)

// backtestCols are the backtest sheet's columns, by message key
// (backtest.col.*).
var backtestCols = []string{"year", "fitted", "plan", "members", "expected", "p5", "p95", "reported", "ibnr", "actual", "ratio", "percentile", "inside"}

// WriteBacktest writes the backtest (回溯检验 / Backtest) on sheet of f, in
// l (Chinese unless i18n.En), creating the sheet when f has none of that
// name: a title, the summary (how many plan-years fell outside the 90%
// interval, against the binomial range of 10%), then per year each plan
// compared and the fund — the years fitted, members, expected benefits,
// the 5% and 95% quantiles, the reported, IBNR and actual (ultimate)
// benefits, actual/expected, the percentile of the actual and whether it
// fell inside the 90% interval (a "no" is shaded) — and the notes: what the
// figures are, and the plans and years not compared. A book with a single
// data year gets the title and that note. Money is in yuan to the fen,
// shown to the yuan.
func WriteBacktest(f *excelize.File, sheet string, bt *calibrate.Backtest, lang i18n.Lang) error {
	l := i18n.Zh
	if lang == i18n.En {
		l = i18n.En
	}
	if idx, err := f.GetSheetIndex(sheet); err != nil {
		return err
	} else if idx < 0 {
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
	}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	fmtp := func(s string) *string { return &s }
	bold := &excelize.Font{Bold: true}
	shade := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F8CBAD"}}
	st := struct{ title, head, text, money, ratio, pct, moneyB, ratioB, pctB, textB, outside, outsideB int }{
		title:    mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		head:     mk(&excelize.Style{Font: bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}),
		text:     mk(&excelize.Style{}),
		money:    mk(&excelize.Style{CustomNumFmt: fmtp("#,##0")}),
		ratio:    mk(&excelize.Style{CustomNumFmt: fmtp("0.00")}),
		pct:      mk(&excelize.Style{CustomNumFmt: fmtp("0.0%")}),
		moneyB:   mk(&excelize.Style{Font: bold, CustomNumFmt: fmtp("#,##0")}),
		ratioB:   mk(&excelize.Style{Font: bold, CustomNumFmt: fmtp("0.00")}),
		pctB:     mk(&excelize.Style{Font: bold, CustomNumFmt: fmtp("0.0%")}),
		textB:    mk(&excelize.Style{Font: bold}),
		outside:  mk(&excelize.Style{Fill: shade}),
		outsideB: mk(&excelize.Style{Font: bold, Fill: shade}),
	}
	if err != nil {
		return err
	}
	set := func(col, row int, v any, style int) error {
		name, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, name, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sheet, name, name, style)
		}
		return nil
	}
	if err := set(1, 1, l.T("backtest.title"), st.title); err != nil {
		return err
	}
	row := 2
	if bt.PlanYears > 0 {
		lo, hi := bt.OutsideRange()
		share := fmt.Sprintf("%.1f%%", 100*float64(bt.Outside)/float64(bt.PlanYears))
		if err := set(1, row, l.T("backtest.summary", bt.PlanYears, bt.Outside, share, lo, hi, bt.FundYears, bt.FundOutside), st.textB); err != nil {
			return err
		}
	}
	row = 4
	widths := make([]int, len(backtestCols))
	for j, c := range backtestCols {
		h := l.T("backtest.col." + c)
		if err := set(j+1, row, h, st.head); err != nil {
			return err
		}
		widths[j] = runewidth.StringWidth(h)
	}
	money := func(x float64) float64 { return math.Round(x*100) / 100 }
	for _, y := range bt.Years {
		fitted := fmt.Sprintf("%d–%d", y.From, y.To)
		if y.From == y.To {
			fitted = fmt.Sprint(y.From)
		}
		rows := y.Plans
		if y.Fund != nil {
			rows = append(rows[:len(rows):len(rows)], *y.Fund)
		}
		for k, r := range rows {
			fund := y.Fund != nil && k == len(rows)-1
			name := r.Name
			if name == "" {
				name = r.Plan
			}
			sm, sr, sp, stx := st.money, st.ratio, st.pct, st.text
			if fund {
				name = l.T("backtest.fund")
				sm, sr, sp, stx = st.moneyB, st.ratioB, st.pctB, st.textB
			}
			inside, sIn := l.T("backtest.yes"), stx
			if !r.Inside {
				inside, sIn = l.T("backtest.no"), st.outside
				if fund {
					sIn = st.outsideB
				}
			}
			var ratio any
			if !math.IsNaN(r.Ratio) && !math.IsInf(r.Ratio, 0) {
				ratio = r.Ratio
			}
			row++
			cells := []struct {
				v     any
				style int
			}{{y.Year, stx}, {fitted, stx}, {name, stx}, {int64(r.Members), sm}, {money(r.Expected), sm}, {money(r.P5), sm}, {money(r.P95), sm},
				{money(r.Reported), sm}, {money(r.IBNR), sm}, {money(r.Actual), sm}, {ratio, sr}, {r.Percentile, sp}, {inside, sIn}}
			for j, c := range cells {
				if c.v == nil {
					continue
				}
				if err := set(j+1, row, c.v, c.style); err != nil {
					return err
				}
				w := runewidth.StringWidth(fmt.Sprint(c.v))
				if c.style == st.money || c.style == st.moneyB {
					w = 14
				}
				widths[j] = max(widths[j], w)
			}
		}
	}
	row += 2
	if err := set(1, row, l.T("backtest.notes"), st.textB); err != nil {
		return err
	}
	notes := []string{l.T("backtest.explain")}
	for _, n := range bt.Notes {
		if n.Code == calibrate.BacktestOneYear {
			notes = append(notes, l.T("backtest.note."+n.Code))
		} else {
			name := n.Name
			if name == "" {
				name = n.Plan
			}
			notes = append(notes, l.T("backtest.note."+n.Code, n.Year, name))
		}
	}
	if bt.PlanYears == 0 && len(bt.Notes) == 0 {
		notes = append(notes, l.T("backtest.none"))
	}
	for _, n := range notes {
		row++
		if err := set(1, row, n, st.text); err != nil {
			return err
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, col, col, math.Min(float64(w)+2, 40)); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"})
}
