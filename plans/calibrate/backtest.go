package calibrate

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// BacktestLevel is the probability of the central interval a backtest
// compares the actual benefits with: the 5% and 95% quantiles.
const BacktestLevel = 0.9

// Backtest is every data year after the book's first priced from the years
// before it and compared with what happened: does the method hold?
type Backtest struct {
	// Years are the data years after the first, ascending (empty when the
	// book has a single data year: Notes then say so).
	Years []BacktestYear
	// PlanYears are the plan-years compared and Outside those whose actual
	// benefits fell outside the 90% interval (about 10% of PlanYears when
	// the models hold); FundYears and FundOutside the same for the fund.
	PlanYears, Outside     int
	FundYears, FundOutside int
	// Notes are the years and plans not compared, and why.
	Notes []BacktestNote
}

// BacktestYear is one data year priced from the years before it.
type BacktestYear struct {
	Year int
	// From and To are the first and last data years the models were fitted
	// on; AsOf the valuation date of that fit (the book's as_of moved back
	// by the years between the book's priced year and this one; zero when
	// the book has no report dates).
	From, To int
	AsOf     time.Time
	Plans    []BacktestRow // in the book's plan order
	Fund     *BacktestRow  // the plans compared, together; nil when none was
}

// BacktestRow is one plan's (or the fund's) benefits of one year: the
// model's expectation and 90% interval against what was paid.
type BacktestRow struct {
	Plan, Name string // plan key and name; "" for the fund
	// Members and Shares are the year's enrolment as recorded, priced (the
	// fund's: the plans' enrolments summed, a member of two plans twice).
	Members, Shares float64
	// Expected, P5 and P95 are the mean and the 5% and 95% quantiles of the
	// year's benefits under the models fitted on the years before it
	// (process, parameter and trend risk).
	Expected, P5, P95 float64
	// Reported is what the year paid as recorded (the claims reported by
	// the book's valuation date); IBNR the estimated unreported amount of
	// the book's completion (model.Experience.Completion, the ultimate less
	// the reported: 0 when the book has no report dates or the year is
	// complete); Actual = Reported + IBNR, the ultimate.
	Reported, IBNR, Actual float64
	// Ratio is Actual/Expected (NaN when nothing is expected); Percentile
	// P(S ≤ Actual) under the model; Inside P5 ≤ Actual ≤ P95.
	Ratio, Percentile float64
	Inside            bool
}

// BacktestNote is a year, or a plan in a year, that was not compared.
type BacktestNote struct {
	Code string // one of the Backtest* codes
	Year int    // 0 with BacktestOneYear
	Plan string // "" with BacktestOneYear
	Name string // the plan's name
}

// Backtest note codes (the messages are written by the caller in either
// language).
const (
	// BacktestOneYear: the book has a single data year; nothing is priced.
	BacktestOneYear = "one_year"
	// BacktestNewPlan: the plan has no data before the year.
	BacktestNewPlan = "new_plan"
	// BacktestUnfitted: the plan's model could not be fitted on the years
	// before (too little data).
	BacktestUnfitted = "unfitted"
	// BacktestNoMembers: the plan has no members in the year.
	BacktestNoMembers = "no_members"
)

// BacktestOptions control RunBacktest.
type BacktestOptions struct {
	Exact *model.ExactOptions
	// Fit are the fit's options (nil: as calibrate fits, model.FromBook's
	// defaults from the Fund sheet); their AsOf, when set, is moved back
	// year by year as the Fund's as_of is.
	Fit *model.FitOptions
}

// RunBacktest prices every data year y after the first of book b from the
// book's years before y and compares the result with what y paid. ps and ds
// are the models and data of the whole book (model.FromBook(b, o.Fit)):
// they give the actual benefits (ds, as reported by the valuation date, and
// the IBNR of ps' completion), not the models priced.
//
// For each y the models are fitted by model.FromBook — the fit calibrate
// uses, with completion and credibility — on b restricted to the rows of
// years before y, valued at the book's valuation date moved back by the
// years between the book's priced year (Fund year, default the last data
// year + 1) and y: the claims then known, the last of those years completed
// for its late reports as the book's last year is. Each plan is priced for
// y's members, shares and exposure as recorded (model.Plan.WithEnrolment:
// the backtest tests the claim models, not an enrolment forecast) under the
// book's terms, y − (the last year fitted) years on with the Fund's
// medical_trend and trend_sd, parameter and trend risk included (model.Exact);
// the fund's row is the plans compared, together. A plan with no data before
// y, none that can be fitted, or no members in y is left out with a note.
func RunBacktest(b *book.Book, ps []*model.Plan, ds []*model.Data, o BacktestOptions) (*Backtest, error) {
	years := dataYears(b)
	bt := &Backtest{}
	if len(years) < 2 {
		bt.Notes = append(bt.Notes, BacktestNote{Code: BacktestOneYear})
		return bt, nil
	}
	asOf := model.ValuationDate(b, o.Fit)
	priced := b.Fund.Year
	if priced == 0 {
		priced = b.LastYear() + 1
	}
	for _, y := range years[1:] {
		by, notes, err := backtestYear(b, ps, ds, y, years[0], asOf, priced, o)
		if err != nil {
			return nil, fmt.Errorf("backtest of %d: %w", y, err)
		}
		bt.Notes = append(bt.Notes, notes...)
		bt.Years = append(bt.Years, by)
		for _, r := range by.Plans {
			bt.PlanYears++
			if !r.Inside {
				bt.Outside++
			}
		}
		if by.Fund != nil {
			bt.FundYears++
			if !by.Fund.Inside {
				bt.FundOutside++
			}
		}
	}
	return bt, nil
}

// backtestYear prices year y from the years of b before it.
func backtestYear(b *book.Book, ps []*model.Plan, ds []*model.Data, y, first int, asOf time.Time, priced int, o BacktestOptions) (BacktestYear, []BacktestNote, error) {
	by := BacktestYear{Year: y, From: first}
	hist := before(b, y)
	if !asOf.IsZero() {
		by.AsOf = asOf.AddDate(y-priced, 0, 0)
		hist.Fund.AsOf = by.AsOf
	}
	fo := o.Fit
	if fo != nil && !fo.AsOf.IsZero() {
		c := *fo
		c.AsOf = by.AsOf
		fo = &c
	}
	hps, hds, _ := model.FromBook(hist, fo) // a plan that cannot be fitted is noted below
	by.To = hist.LastYear()
	var notes []BacktestNote
	var priceds []*model.Plan
	var actual []*BacktestRow
	for i := range b.Plans {
		key := b.Plans[i].Plan
		hp := planOf(hps, key)
		if hp == nil {
			code := BacktestUnfitted
			if hd := dataOf(hds, key); hd == nil || len(hd.Years) == 0 {
				code = BacktestNewPlan
			}
			notes = append(notes, BacktestNote{Code: code, Year: y, Plan: key, Name: b.Plans[i].Name})
			continue
		}
		d := dataOf(ds, key)
		var yd *model.YearData
		if d != nil {
			for j := range d.Years {
				if d.Years[j].Year == y {
					yd = &d.Years[j]
				}
			}
		}
		if yd == nil || yd.Members <= 0 {
			notes = append(notes, BacktestNote{Code: BacktestNoMembers, Year: y, Plan: key, Name: b.Plans[i].Name})
			continue
		}
		r := &BacktestRow{Plan: key, Name: b.Plans[i].Name, Members: float64(yd.Members), Shares: float64(yd.Shares), Reported: yd.PaidTotal}
		if fp := planOf(ps, key); fp != nil && fp.Experience != nil {
			for _, c := range fp.Experience.Completion {
				if c.Year == y {
					r.IBNR = c.IBNRPaid
				}
			}
		}
		r.Actual = r.Reported + r.IBNR
		priceds = append(priceds, hp.WithEnrolment(*yd))
		actual = append(actual, r)
	}
	if len(priceds) == 0 {
		return by, notes, nil
	}
	sc := &model.Scenario{Years: y - by.To, MedicalTrend: b.Fund.MedicalTrend, TrendSD: b.Fund.TrendSD,
		Parameter: true, Trend: true}
	fd, err := model.Exact(priceds, sc, o.Exact)
	if err != nil {
		return by, nil, err
	}
	fund := &BacktestRow{}
	for i, r := range actual {
		compare(r, fd.Plans[i].Total.Mean(), fd.Plans[i].Total)
		by.Plans = append(by.Plans, *r)
		fund.Members += r.Members
		fund.Shares += r.Shares
		fund.Reported += r.Reported
		fund.IBNR += r.IBNR
		fund.Actual += r.Actual
	}
	compare(fund, fd.Total.Mean(), fd.Total)
	by.Fund = fund
	return by, notes, nil
}

// quantiles is what compare reads of a distribution.
type quantiles interface {
	VaR(p float64) float64
	CDF(x float64) float64
}

// compare sets r's expectation, interval, ratio, percentile and Inside.
func compare(r *BacktestRow, mean float64, l quantiles) {
	a := (1 - BacktestLevel) / 2
	r.Expected, r.P5, r.P95 = mean, l.VaR(a), l.VaR(1-a)
	r.Ratio = r.Actual / r.Expected
	if math.IsNaN(r.Ratio) || math.IsInf(r.Ratio, 0) {
		r.Ratio = math.NaN()
	}
	r.Percentile = math.Min(1, math.Max(0, l.CDF(r.Actual))) // the lattice's rounding can pass 1
	r.Inside = r.Actual >= r.P5 && r.Actual <= r.P95
}

// dataYears are the distinct years of b's Enrolment, Claims and Summary
// rows, ascending.
func dataYears(b *book.Book) []int {
	var ys []int
	add := func(y int) {
		if !slices.Contains(ys, y) {
			ys = append(ys, y)
		}
	}
	for _, e := range b.Enrolment {
		add(e.Year)
	}
	for _, c := range b.Claims {
		add(c.Year)
	}
	for _, s := range b.Summary {
		add(s.Year)
	}
	slices.Sort(ys)
	return ys
}

// before is b with only the rows of years before y (a copy; b is not
// changed), its Fund pricing y.
func before(b *book.Book, y int) *book.Book {
	h := *b
	h.Enrolment, h.Claims, h.Summary, h.SummaryTotals = nil, nil, nil, nil
	for _, e := range b.Enrolment {
		if e.Year < y {
			h.Enrolment = append(h.Enrolment, e)
		}
	}
	for _, c := range b.Claims {
		if c.Year < y {
			h.Claims = append(h.Claims, c)
		}
	}
	for _, s := range b.Summary {
		if s.Year < y {
			h.Summary = append(h.Summary, s)
		}
	}
	for _, s := range b.SummaryTotals {
		if s.Year < y {
			h.SummaryTotals = append(h.SummaryTotals, s)
		}
	}
	h.Fund.Year = y
	return &h
}

func planOf(ps []*model.Plan, key string) *model.Plan {
	for _, p := range ps {
		if p.Terms.Plan == key {
			return p
		}
	}
	return nil
}

func dataOf(ds []*model.Data, key string) *model.Data {
	for _, d := range ds {
		if d.Terms.Plan == key {
			return d
		}
	}
	return nil
}

// OutsideRange is the central 95% range of the number of plan-years
// outside their 90% interval when the models hold: the 2.5% and 97.5%
// quantiles of Binomial(PlanYears, 0.1) (dist.Binomial.Quantile). The
// plan-years of one year share the medical trend, so the count is not
// quite binomial: a guide, not a test.
func (b *Backtest) OutsideRange() (lo, hi int) {
	if b.PlanYears == 0 {
		return 0, 0
	}
	d := dist.Binomial{Size: b.PlanYears, P: 1 - BacktestLevel}
	return d.Quantile(0.025), d.Quantile(0.975)
}
