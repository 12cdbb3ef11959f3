package report

import (
	"github.com/huzhu-fund/huzhu/plans/calibrate"
)

// Backtest is the backtest in calibrate's JSON (key "backtest"): every data
// year after the first priced from the years before it, against what it
// paid (calibrate.RunBacktest; docs/calibrate.md). Money is a string with
// two decimals, ratios and probabilities numbers (null when undefined).
type Backtest struct {
	Level       float64        `json:"level"`      // 0.9: the central interval compared with
	PlanYears   int            `json:"plan_years"` // plan-years compared
	Outside     int            `json:"outside"`    // of them outside the interval
	OutsideLo   int            `json:"outside_lo"` // the central 95% range of outside when the models hold
	OutsideHi   int            `json:"outside_hi"`
	FundYears   int            `json:"fund_years"`
	FundOutside int            `json:"fund_outside"`
	Years       []BacktestYear `json:"years"`
	Notes       []BacktestNote `json:"notes"`

	Result *calibrate.Backtest `json:"-"` // for the Excel report (calreport.WriteBacktest)
}

// BacktestYear is one data year priced from the years before it.
type BacktestYear struct {
	Year  int           `json:"year"`
	From  int           `json:"from"` // the data years fitted on
	To    int           `json:"to"`
	AsOf  string        `json:"as_of,omitempty"` // the fit's valuation date
	Plans []BacktestRow `json:"plans"`
	Fund  *BacktestRow  `json:"fund,omitempty"`
}

// BacktestRow is one plan's (or the fund's) year.
type BacktestRow struct {
	Plan       string   `json:"plan,omitempty"` // "" for the fund
	Name       string   `json:"name,omitempty"`
	Members    int64    `json:"members"`
	Shares     int64    `json:"shares"`
	Expected   string   `json:"expected"`
	P5         string   `json:"p5"`
	P95        string   `json:"p95"`
	Reported   string   `json:"reported"`
	IBNR       string   `json:"ibnr"`
	Actual     string   `json:"actual"` // reported + IBNR: the ultimate
	Ratio      *float64 `json:"ratio"`  // actual / expected
	Percentile *float64 `json:"percentile"`
	Inside     bool     `json:"inside"`
}

// BacktestNote is a plan, or the book, left out of the backtest: code
// one_year (a single data year), new_plan, unfitted or no_members.
type BacktestNote struct {
	Code string `json:"code"`
	Year int    `json:"year,omitempty"`
	Plan string `json:"plan,omitempty"`
}

// NewBacktest is bt for JSON (nil when bt is nil).
func NewBacktest(bt *calibrate.Backtest) *Backtest {
	if bt == nil {
		return nil
	}
	lo, hi := bt.OutsideRange()
	out := &Backtest{Level: calibrate.BacktestLevel, PlanYears: bt.PlanYears, Outside: bt.Outside, OutsideLo: lo, OutsideHi: hi,
		FundYears: bt.FundYears, FundOutside: bt.FundOutside, Years: []BacktestYear{}, Notes: []BacktestNote{}, Result: bt}
	row := func(r *calibrate.BacktestRow) BacktestRow {
		return BacktestRow{Plan: r.Plan, Name: r.Name, Members: int64(r.Members + 0.5), Shares: int64(r.Shares + 0.5),
			Expected: M2(Fen(r.Expected)), P5: M2(Fen(r.P5)), P95: M2(Fen(r.P95)),
			Reported: M2(Fen(r.Reported)), IBNR: M2(Fen(r.IBNR)), Actual: M2(Fen(r.Actual)),
			Ratio: Num(r.Ratio), Percentile: Num(r.Percentile), Inside: r.Inside}
	}
	for _, y := range bt.Years {
		j := BacktestYear{Year: y.Year, From: y.From, To: y.To, Plans: []BacktestRow{}}
		if !y.AsOf.IsZero() {
			j.AsOf = y.AsOf.Format("2006-01-02")
		}
		for i := range y.Plans {
			j.Plans = append(j.Plans, row(&y.Plans[i]))
		}
		if y.Fund != nil {
			f := row(y.Fund)
			j.Fund = &f
		}
		out.Years = append(out.Years, j)
	}
	for _, n := range bt.Notes {
		out.Notes = append(out.Notes, BacktestNote{Code: n.Code, Year: n.Year, Plan: n.Plan})
	}
	return out
}
