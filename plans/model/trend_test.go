package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/plans/book"
	"gonum.org/v1/gonum/floats/scalar"
)

// Counts exactly on a log-linear line: the Poisson regression returns the
// line's growth, and its standard error is e^β·√(φ·I⁻¹_ββ) with I the Fisher
// information Σ μ_y·(1, t_y)(1, t_y)ᵀ (hand-computed here) and φ the given
// dispersion (the Pearson χ² is 0).
func TestFrequencyTrendExactLine(t *testing.T) {
	ts := []int{-2, -1, 0}
	o := []float64{10000, 12000, 15000}
	a, beta := math.Log(0.05), math.Log(1.04)
	n := make([]float64, 3)
	var s0, s1, s2 float64
	for i := range ts {
		n[i] = o[i] * math.Exp(a+beta*float64(ts[i]))
		s0 += n[i]
		s1 += n[i] * float64(ts[i])
		s2 += n[i] * float64(ts[i]) * float64(ts[i])
	}
	const disp = 1.7
	g, se := frequencyTrend(ts, n, o, disp)
	if !scalar.EqualWithinAbsOrRel(g, 0.04, 1e-9, 1e-9) {
		t.Errorf("trend %v, want 0.04", g)
	}
	want := 1.04 * math.Sqrt(disp*s0/(s0*s2-s1*s1))
	if !scalar.EqualWithinAbsOrRel(se, want, 1e-9, 1e-7) {
		t.Errorf("SE %v, want %v", se, want)
	}
	// One year: no trend; a count falling to nothing: none either.
	if g, se := frequencyTrend([]int{0}, []float64{5}, []float64{100}, 1); g != 0 || !math.IsNaN(se) {
		t.Errorf("one year: %v ± %v", g, se)
	}
	if g, se := frequencyTrend(ts, []float64{1, 0, 0}, o, 1); g != 0 || !math.IsNaN(se) {
		t.Errorf("1, 0, 0 events: %v ± %v", g, se)
	}
}

// Members 1,000, 1,100, 1,210 grow by exactly 10% (SE 0); 100, 110, 125: the
// least-squares slope of the logs over three equally spaced years is
// (l₂ − l₀)/2, the residual variance Σr²/(3 − 2), Σ(t − t̄)² = 2.
func TestEnrolmentGrowth(t *testing.T) {
	bk := func(ms ...int64) *book.Book {
		b := &book.Book{}
		for i, m := range ms {
			// Two plans a year: the fund's members are their sum.
			b.Enrolment = append(b.Enrolment, book.EnrolmentRow{Year: 2023 + i, Plan: "a", Members: m - m/4},
				book.EnrolmentRow{Year: 2023 + i, Plan: "b", Members: m / 4})
		}
		return b
	}
	g, err := EnrolmentGrowth(bk(1000, 1100, 1210))
	if err != nil || !scalar.EqualWithinAbsOrRel(g.Rate, 0.1, 1e-12, 1e-12) || !(g.SE < 1e-12) || g.Years != 3 {
		t.Errorf("exact 10%%: %+v, %v", g, err)
	}
	l := []float64{math.Log(100), math.Log(110), math.Log(125)}
	beta := (l[2] - l[0]) / 2
	lm := (l[0] + l[1] + l[2]) / 3
	r := []float64{l[0] - lm + beta, l[1] - lm, l[2] - lm - beta}
	se := math.Exp(beta) * math.Sqrt((r[0]*r[0]+r[1]*r[1]+r[2]*r[2])/2)
	g, err = EnrolmentGrowth(bk(100, 110, 125))
	if err != nil || !scalar.EqualWithinAbsOrRel(g.Rate, math.Expm1(beta), 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(g.SE, se, 1e-12, 1e-9) {
		t.Errorf("100, 110, 125: %+v (%v), want %v ± %v", g, err, math.Expm1(beta), se)
	}
	if g, err := EnrolmentGrowth(bk(100, 120)); err != nil || !scalar.EqualWithinAbsOrRel(g.Rate, 0.2, 1e-12, 1e-12) || !math.IsNaN(g.SE) {
		t.Errorf("two years: %+v, %v", g, err)
	}
	if _, err := EnrolmentGrowth(bk(100)); err == nil {
		t.Error("one year: no error")
	}
	// A summary-only book: its enrolments.
	sb := &book.Book{Summary: []book.SummaryRow{{Year: 2013, Enrolments: 200}, {Year: 2014, Enrolments: 210}}}
	if g, err := EnrolmentGrowth(sb); err != nil || !scalar.EqualWithinAbsOrRel(g.Rate, 0.05, 1e-12, 1e-12) {
		t.Errorf("summary: %+v, %v", g, err)
	}
}

// A frequency trend given in FitOptions is used for every benefit: the
// priced year's rate is the last year's on the given line times (1 + g);
// with g = 0 no trend is used and Mu is the pooled rate.
func TestFrequencyTrendGiven(t *testing.T) {
	_, _, b, _ := exampleModels(t)
	g, zero := 0.03, 0.0
	ps, _, err := FromBook(b, &FitOptions{FrequencyTrend: &g})
	if err != nil {
		t.Fatal(err)
	}
	ps0, _, err := FromBook(b, &FitOptions{FrequencyTrend: &zero})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		for j, bm := range p.Benefits {
			b0 := ps0[i].Benefits[j]
			if !bm.Freq.TrendUsed || bm.Freq.Trend != g || bm.Freq.Growth(2) != 1.03*1.03 {
				t.Errorf("%s %s: trend %v used %v", p.Terms.Plan, bm.Benefit, bm.Freq.Trend, bm.Freq.TrendUsed)
			}
			if b0.Freq.TrendUsed || b0.Freq.Growth(1) != 1 {
				t.Errorf("%s %s: trend 0 used", p.Terms.Plan, bm.Benefit)
			}
			// On a rising line the last year's rate is above the pooled one,
			// by less than the growth over the whole history (2 years).
			if r := bm.Freq.Mu / b0.Freq.Mu; !(r > 1 && r < 1.03*1.03) {
				t.Errorf("%s %s: Mu on the line / pooled = %v", p.Terms.Plan, bm.Benefit, r)
			}
		}
	}
}

// Medical events are de-thinned year by year: Thinning is the
// exposure-weighted share recorded, each year's P(X_y > deductible) with X_y
// the fitted cost deflated by the medical trend to that year — rising year
// by year (0.520 → 0.540 → 0.559 on the example book), so last year's share
// alone would understate the rate by 3.5% — and Mu = RecordedMu / Thinning.
func TestThinningByYear(t *testing.T) {
	ps, ds, b, _ := exampleModels(t)
	for i, p := range ps {
		if p.Terms.Plan != "hospital" {
			continue
		}
		bm := p.Benefit("medical")
		d := p.Terms.Rules().Deductible
		var num, den float64
		var shares []float64
		for _, y := range ds[i].Years {
			x, err := scaled(bm.Sev.Dist, math.Pow(1+b.Fund.MedicalTrend, float64(y.Year-ds[i].LastYear)))
			if err != nil {
				t.Fatal(err)
			}
			shares = append(shares, x.Survival(d))
			num += y.Exposure * x.Survival(d)
			den += y.Exposure
		}
		if len(shares) != 3 || !(shares[0] < shares[1] && shares[1] < shares[2]) {
			t.Errorf("shares recorded by year %v: expected three, rising", shares)
		}
		if !scalar.EqualWithinAbsOrRel(bm.Freq.Thinning, num/den, 0, 1e-12) || !scalar.EqualWithinAbsOrRel(bm.Freq.Mu, bm.Freq.RecordedMu/bm.Freq.Thinning, 0, 1e-12) {
			t.Errorf("thinning %v, want %v (by year %v); Mu %v, recorded %v", bm.Freq.Thinning, num/den, shares, bm.Freq.Mu, bm.Freq.RecordedMu)
		}
		t.Logf("hospital: share recorded by year %.4f, thinning %.4f (last year alone %.4f)", shares, bm.Freq.Thinning, shares[2])
		return
	}
	t.Fatal("no hospital plan")
}

// A medical stay with days on a plan with a daily amount pays the
// allowance too (plans.Rules.PayYear), so the estimator counts its days as
// day events: the example's accident day claims written as medical claims
// with days (and a cost) give the same day benefit model.
func TestMedicalStaysCountAsDays(t *testing.T) {
	ps, _, b, _ := exampleModels(t)
	mod := *b
	mod.Claims = append([]book.Claim(nil), b.Claims...)
	n := 0
	for i := range mod.Claims {
		c := &mod.Claims[i]
		if c.Plan == "accident" && c.Benefit == "day" {
			c.Benefit, c.Cost = "medical", 80*float64(c.Days)+100
			n++
		}
	}
	if n < 100 {
		t.Fatalf("%d accident day claims", n)
	}
	ps2, _, err := FromBook(&mod, nil)
	if err != nil {
		t.Fatal(err)
	}
	get := func(ps []*Plan) *Benefit {
		for _, p := range ps {
			if p.Terms.Plan == "accident" {
				return p.Benefit("day")
			}
		}
		return nil
	}
	a, c := get(ps), get(ps2)
	if a == nil || c == nil {
		t.Fatal("no accident day benefit")
	}
	if a.Claims != c.Claims || a.Freq.Mu != c.Freq.Mu || a.Freq.Size != c.Freq.Size || a.Days.Mu != c.Days.Mu || a.Days.Size != c.Days.Size {
		t.Errorf("day benefit from day claims %d, mu %v, size %v, days %v/%v; from medical stays %d, %v, %v, %v/%v",
			a.Claims, a.Freq.Mu, a.Freq.Size, a.Days.Mu, a.Days.Size, c.Claims, c.Freq.Mu, c.Freq.Size, c.Days.Mu, c.Days.Size)
	}
}
