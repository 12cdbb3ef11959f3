package model

import (
	"errors"
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/plans/book"
)

// FromBook extracts every plan's experience from a workbook and estimates
// its model. Pooled severities of earlier years are deflated by the Fund's
// medical_trend. Every plan that cannot be estimated is reported, joined.
func FromBook(b *book.Book, opts *FitOptions) ([]*Plan, []*Data, error) {
	o := opts.defaults()
	if opts == nil || opts.Trend == 0 {
		o.Trend = b.Fund.MedicalTrend
	}
	asOf := asOfDate(b, &o)
	bk, later := cutAt(b, asOf) // claims reported after as_of do not exist (completion.go)
	ds := Extract(bk)
	var ps []*Plan
	var errs []error
	for _, d := range ds {
		p, err := Estimate(d, &o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		experience(bk, d, p, asOf, later[d.Terms.Plan], b.Fund.MaxPriorWeight) // completion and credibility (credibility.go)
		ps = append(ps, p)
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
