package calreport

import (
	"fmt"
	"math"
	"slices"

	"github.com/xuri/excelize/v2"
)

// aeRow is one plan's benefits of one data year against the model.
type aeRow struct {
	plan                     string
	year                     int
	actual, expected, lo, hi float64
	ratio                    float64
	within                   bool
	from, to                 int // the data years fitted (backtest); 0 for the last year, fitted on all the data
}

// aeBlock is a plan's rows on the 实际与期望 sheet: its first and last row
// (1-based) and whether every A/E of it is a number (the chart's series).
type aeBlock struct {
	plan        string
	first, last int
	finite      bool
}

// aeRows are the rows of the 实际与期望 / Actual vs expected sheet: per
// plan (in the book's order) and data year, the backtest's years before the
// last data year (each priced from the years before it) and the last year
// re-priced on all the data (model.ActualExpected); without a backtest,
// the last year only.
func aeRows(in *Input) []aeRow {
	last := 0
	for _, a := range in.AE {
		last = max(last, a.Year)
	}
	by := map[string][]aeRow{}
	var order []string
	add := func(r aeRow) {
		if _, ok := by[r.plan]; !ok {
			order = append(order, r.plan)
		}
		by[r.plan] = append(by[r.plan], r)
	}
	for _, p := range in.Plans {
		if p.Terms != nil {
			order = append(order, p.Terms.Plan)
			by[p.Terms.Plan] = nil
		}
	}
	if bt := in.Backtest; bt != nil {
		for _, y := range bt.Years {
			if last != 0 && y.Year >= last {
				continue
			}
			for _, r := range y.Plans {
				add(aeRow{plan: r.Plan, year: y.Year, actual: r.Actual, expected: r.Expected, lo: r.P5, hi: r.P95, ratio: r.Ratio, within: r.Inside,
					from: y.From, to: y.To})
			}
		}
	}
	for _, a := range in.AE {
		add(aeRow{plan: a.Plan, year: a.Year, actual: a.Actual, expected: a.Expected, lo: a.Lo, hi: a.Hi, ratio: a.Ratio, within: a.Within})
	}
	var out []aeRow
	for _, p := range order {
		rs := by[p]
		slices.SortStableFunc(rs, func(a, b aeRow) int { return a.year - b.year })
		out = append(out, rs...)
	}
	return out
}

// aeBlocks are the plans' row ranges of rows written from row first.
func aeBlocks(rows []aeRow, first int) []aeBlock {
	var out []aeBlock
	for i, r := range rows {
		fin := !math.IsNaN(r.ratio) && !math.IsInf(r.ratio, 0)
		if i == 0 || rows[i-1].plan != r.plan {
			out = append(out, aeBlock{plan: r.plan, first: first + i, finite: true})
		}
		b := &out[len(out)-1]
		b.last, b.finite = first+i, b.finite && fin
	}
	return out
}

// actualExpected's columns: plan A, year B, actual C, expected D, low E,
// high F, A/E G, within H, the data the model was fitted on I; the chart of
// A/E by plan and year refers to B and G.
func actualExpected(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	var rows [][]cell
	for _, a := range aeRows(in) {
		within := l.T("yes")
		if !a.within {
			within = l.T("no")
		}
		basis := l.T("rpt.ae.all")
		if a.to != 0 {
			years := fmt.Sprint(a.from)
			if a.to != a.from {
				years = fmt.Sprintf("%d–%d", a.from, a.to)
			}
			basis = l.T("rpt.ae.backtest", years)
		}
		ratio := cell{nil, 0}
		if !math.IsNaN(a.ratio) && !math.IsInf(a.ratio, 0) {
			ratio = cell{math.Round(a.ratio*100) / 100, st.ratio}
		}
		rows = append(rows, []cell{txt(a.plan), {a.year, 0}, {round2(a.actual), st.money}, {round2(a.expected), st.money}, {round2(a.lo), st.money},
			{round2(a.hi), st.money}, ratio, txt(within), txt(basis)})
	}
	return table(f, sheet, l.T("rpt.title.ae"), heads(l, []string{"plan", "year", "actual", "expected", "lo", "hi", "ae", "within", "basis"}), rows, st)
}

// aeYears are the first and last data year of the 实际与期望 sheet (0, 0
// when it has none).
func aeYears(rows []aeRow) (lo, hi int) {
	for i, r := range rows {
		if i == 0 || r.year < lo {
			lo = r.year
		}
		hi = max(hi, r.year)
	}
	return lo, hi
}
