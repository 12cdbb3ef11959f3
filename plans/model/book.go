package model

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/huzhu-fund/huzhu/plans/book"
	"gonum.org/v1/gonum/stat"
)

// FromBook extracts every plan's experience from a workbook and estimates
// its model. Pooled severities of earlier years are deflated by the Fund's
// medical_trend. Every plan that cannot be estimated is reported, joined.
func FromBook(b *book.Book, opts *FitOptions) ([]*Plan, []*Data, error) {
	o := opts.defaults()
	if opts == nil || opts.Trend == 0 {
		o.Trend = b.Fund.MedicalTrend
	}
	if o.FrequencyTrend == nil && b.Fund.FrequencyTrend != nil {
		g := *b.Fund.FrequencyTrend
		o.FrequencyTrend = &g
	}
	asOf := asOfDate(b, &o)
	bk, later := cutAt(b, asOf) // claims reported after as_of do not exist (completion.go)
	ds := Extract(bk)
	// The plans are estimated concurrently (each reads the book and its own
	// data only) and gathered in the book's order: the result does not
	// depend on the number of cores.
	est := make([]*Plan, len(ds))
	errAt := make([]error, len(ds))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, d := range ds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			oi := o
			p, err := Estimate(d, &oi)
			if err != nil {
				errAt[i] = err
				return
			}
			experience(bk, d, p, asOf, later[d.Terms.Plan], b.Fund.MaxPriorWeight) // completion and credibility (credibility.go)
			estimateClasses(bk, d, p)                                              // rate classes (classes.go)
			est[i] = p
		}()
	}
	wg.Wait()
	var ps []*Plan
	var errs []error
	for i := range ds {
		if errAt[i] != nil {
			errs = append(errs, errAt[i])
		} else {
			ps = append(ps, est[i])
		}
	}
	return ps, ds, errors.Join(errs...)
}

// ScenarioFromFund is the priced year of the Fund sheet: Fund.Year (default
// the last data year + 1), its trend, trend_sd and enrolment growth, with
// parameter and trend uncertainty included.
func ScenarioFromFund(f book.Fund, lastYear int) *Scenario {
	y := f.Year
	if y == 0 {
		y = lastYear + 1
	}
	return &Scenario{
		Years:        y - lastYear,
		MedicalTrend: f.MedicalTrend, TrendSD: f.TrendSD, EnrolmentGrowth: f.EnrolmentGrowth,
		Parameter: true, Trend: true,
	}
}

// ScenarioFromBook is ScenarioFromFund for the book's Fund and last data
// year, with enrolment_growth estimated from the book's history
// (EnrolmentGrowth) when the Fund leaves it empty; the estimate is returned
// (nil when the Fund gave the growth or the history is too short, which
// leaves growth 0).
func ScenarioFromBook(b *book.Book) (*Scenario, *Growth) {
	sc := ScenarioFromFund(b.Fund, b.LastYear())
	if b.Fund.Given["enrolment_growth"] {
		return sc, nil
	}
	g, err := EnrolmentGrowth(b)
	if err != nil {
		return sc, nil
	}
	sc.EnrolmentGrowth = g.Rate
	return sc, &g
}

// AE is actual against expected for one plan in the last data year: what was
// paid, and what the model expects under the same terms and membership.
type AE struct {
	Plan             string
	Year             int
	Actual, Expected float64
	SD               float64 // process and parameter risk
	Lo, Hi           float64 // the central 90% interval of the model's total
	Ratio            float64 // Actual / Expected
	Within           bool    // Lo ≤ Actual ≤ Hi
}

// ActualExpected re-prices the last data year with the book's own terms and
// members (no trend, parameter uncertainty included) and compares it with
// what was paid.
func ActualExpected(ps []*Plan, ds []*Data, opts *ExactOptions) ([]AE, error) {
	sc := &Scenario{Years: 0, Parameter: true}
	fd, err := Exact(ps, sc, opts)
	if err != nil {
		return nil, err
	}
	var out []AE
	for i, p := range ps {
		var d *Data
		for _, x := range ds {
			if x.Terms.Plan == p.Terms.Plan {
				d = x
			}
		}
		if d == nil || d.Last() == nil {
			return nil, fmt.Errorf("model: no data for plan %s", p.Terms.Plan)
		}
		l := fd.Plans[i].Total
		a := AE{Plan: p.Terms.Plan, Year: d.LastYear, Actual: d.Last().PaidTotal, Expected: l.Mean(), SD: l.SD(),
			Lo: l.VaR(0.05), Hi: l.VaR(0.95)}
		a.Ratio = a.Actual / a.Expected
		if math.IsNaN(a.Ratio) || math.IsInf(a.Ratio, 0) {
			a.Ratio = math.NaN()
		}
		a.Within = a.Actual >= a.Lo && a.Actual <= a.Hi
		out = append(out, a)
	}
	return out, nil
}

// Growth is an estimated yearly growth rate with its standard error.
type Growth struct {
	Rate  float64 // e^β − 1
	SE    float64 // e^β·SE(β); NaN with two years (no residual to measure the spread)
	Years int     // data years used
}

// EnrolmentGrowth estimates the yearly growth of the fund's members from its
// history, for when the Fund sheet leaves enrolment_growth empty: the
// members of every plan added up by year (the Enrolment sheet, or the
// Summary sheet's enrolments when the book has no Enrolment rows), and the
// least-squares line through their logs, log M_y = a + β·y, Rate = e^β − 1,
// SE = e^β·s/√Σ(y − ȳ)², s² the residual variance on k − 2 degrees of
// freedom. Fewer than two years with members give an error.
func EnrolmentGrowth(b *book.Book) (Growth, error) {
	byYear := map[int]float64{}
	for _, e := range b.Enrolment {
		byYear[e.Year] += float64(e.Members)
	}
	if len(b.Enrolment) == 0 {
		for _, s := range b.Summary {
			byYear[s.Year] += float64(s.Enrolments)
		}
	}
	var ys []int
	for y, m := range byYear {
		if m > 0 {
			ys = append(ys, y)
		}
	}
	sort.Ints(ys)
	t := make([]float64, len(ys))
	l := make([]float64, len(ys))
	for i, y := range ys {
		t[i], l[i] = float64(y), math.Log(byYear[y])
	}
	return logLinearGrowth(t, l)
}

// logLinearGrowth fits l = a + β·t by least squares (gonum's
// stat.LinearRegression) and returns e^β − 1 with its delta-method SE.
func logLinearGrowth(t, l []float64) (Growth, error) {
	k := len(t)
	if k < 2 {
		return Growth{Years: k}, fmt.Errorf("model: %d year(s) of enrolment: at least two are needed to estimate its growth", k)
	}
	_, beta := stat.LinearRegression(t, l, nil, false)
	g := Growth{Rate: math.Expm1(beta), SE: math.NaN(), Years: k}
	if k > 2 {
		tm := stat.Mean(t, nil)
		var ss, sr float64
		for i := range t {
			ss += (t[i] - tm) * (t[i] - tm)
		}
		a := stat.Mean(l, nil) - beta*tm
		for i := range t {
			r := l[i] - a - beta*t[i]
			sr += r * r
		}
		g.SE = math.Exp(beta) * math.Sqrt(sr/float64(k-2)/ss)
	}
	return g, nil
}
