package model

import (
	"math"
	"sync"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/workbook"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/floats/scalar"
)

func nd(x float64) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.NewFromFloat(x)) }

var processOnly = &Scenario{Years: 0}

// The exact mean of a hospital plan equals the LEV formula: with Poisson(μ)
// admissions, of which the claimed ones (X > d) are Poisson(μ·S(d)) and
// numbered 1, 2, 3…, a member's expected payout is Σ_i P(N_c ≥ i)·
// E[Y_min(i,3) | X > d], E[Y_r | X > d] = r·(LEV(d + L/r) − LEV(d))/S(d)
// (no annual cap).
func TestExactHospitalMeanIsLEVFormula(t *testing.T) {
	terms := &plans.Terms{Plan: "h", Kind: plans.Hospital, Contribution: decimal.NewFromInt(50), Deductible: nd(800),
		Ratios: [3]decimal.NullDecimal{nd(0.7), nd(0.6), nd(0.5)}, ClaimCap: nd(10000)}
	x := dist.LogNormal{MeanLog: 7.5, SdLog: 1.2}
	mu := 0.08
	p := &Plan{Terms: terms, Members: 100000, ExposureRatio: 1, ShareMix: map[int]float64{1: 1},
		Benefits: []*Benefit{{Benefit: plans.Medical, Freq: Frequency{Family: "pois", Mu: mu, Size: math.Inf(1)}, Sev: &Severity{Dist: x}}}}
	fd, err := Exact([]*Plan{p}, processOnly, nil)
	if err != nil {
		t.Fatal(err)
	}
	sd := x.Survival(800)
	n := dist.Poisson{Lambda: mu * sd}
	ey := func(r float64) float64 { return r * (x.LEV(800+10000/r) - x.LEV(800)) / sd }
	pge1 := 1 - n.Prob(0)
	pge2 := pge1 - n.Prob(1)
	e3 := mu*sd - pge1 - pge2 // E[(N_c − 2)+] = μ_c − P(N_c ≥ 1) − P(N_c ≥ 2)
	want := 100000 * (pge1*ey(0.7) + pge2*ey(0.6) + e3*ey(0.5))
	if got := fd.Plans[0].Total.Mean(); !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-7) {
		t.Fatalf("exact mean %.4f, LEV formula %.4f (rel %.2g)", got, want, got/want-1)
	}
}

// Lump sums: a death plan pays lump·shares once; with two share classes the
// mean is Σ_c M_c·P(N ≥ 1)·lump·c and the variance the binomial one.
func TestExactDeathPlan(t *testing.T) {
	terms := &plans.Terms{Plan: "d", Kind: plans.Accident, Contribution: decimal.NewFromInt(10), LumpSum: nd(10000), MaxShares: 2}
	mu := 0.001
	p := &Plan{Terms: terms, Members: 50000, ExposureRatio: 1, ShareMix: map[int]float64{1: 0.6, 2: 0.4},
		Benefits: []*Benefit{{Benefit: plans.Death, Freq: Frequency{Family: "pois", Mu: mu, Size: math.Inf(1)}}}}
	fd, err := Exact([]*Plan{p}, processOnly, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := 1 - math.Exp(-mu)
	mean := 30000*q*10000 + 20000*q*20000
	v := 30000*q*(1-q)*1e8 + 20000*q*(1-q)*4e8
	l := fd.Plans[0].Total
	if !scalar.EqualWithinAbsOrRel(l.Mean(), mean, 0, 1e-9) || !scalar.EqualWithinAbsOrRel(l.Variance(), v, 0, 1e-6) {
		t.Fatalf("mean %v var %v, want %v %v", l.Mean(), l.Variance(), mean, v)
	}
	if got, want := fd.Plans[0].Contributions, 70000.0*10; got != want {
		t.Fatalf("contributions %v, want %v (shares × 10)", got, want)
	}
}

var (
	exampleOnce  sync.Once
	exampleBook  *book.Book
	exampleTruth *example.Truth
	examplePlans []*Plan
	exampleData  []*Data
	exampleErr   error
)

func exampleModels(t *testing.T) ([]*Plan, []*Data, *book.Book, *example.Truth) {
	t.Helper()
	exampleOnce.Do(func() {
		var wb *workbook.Book
		wb, exampleTruth, exampleErr = example.Generate(example.Config{})
		if exampleErr == nil {
			exampleBook = &wb.Book
			examplePlans, exampleData, exampleErr = FromBook(exampleBook, nil)
		}
	})
	if exampleErr != nil {
		t.Fatal(exampleErr)
	}
	return examplePlans, exampleData, exampleBook, exampleTruth
}

// Fitting the generated example book recovers the truth: the hospital
// plan's lognormal cost (meanlog, sdlog) and the hospital-cash days law
// within 3 standard errors, and every benefit's ground-up events per
// member-year within 3 standard errors of the truth (claimants × claims per
// claimant × the groups' mean relativity).
func TestFitRecoversTruth(t *testing.T) {
	ps, _, _, truth := exampleModels(t)
	get := func(plan string) *Plan {
		for _, p := range ps {
			if p.Terms.Plan == plan {
				return p
			}
		}
		t.Fatalf("no plan %s", plan)
		return nil
	}
	h := get("hospital").Benefit(plans.Medical)
	ht, _ := truth.Plan("hospital")
	hb, _ := ht.Benefit(plans.Medical)
	sev, err := dist.ParseContinuous(hb.Severity)
	if err != nil {
		t.Fatal(err)
	}
	if h.Sev.Fit.Family != "lnorm" {
		t.Logf("hospital severity chose %s (%s)", h.Sev.Fit.Family, h.Sev.Reason)
	} else {
		want := sev.Params()
		for i, name := range h.Sev.Fit.ParamNames {
			if z := (h.Sev.Fit.Params[i] - want[name]) / h.Sev.Fit.SE[i]; math.Abs(z) > 3 {
				t.Errorf("hospital %s = %.4f ± %.4f, truth %.4f (z %.1f)", name, h.Sev.Fit.Params[i], h.Sev.Fit.SE[i], want[name], z)
			}
		}
	}
	c := get("hospital_cash").Benefit(plans.Day)
	ct, _ := truth.Plan("hospital_cash")
	cb, _ := ct.Benefit(plans.Day)
	days, _ := cb.DaysLaw()
	dp := days.Params()
	wantDays := map[string]float64{"size": dp["size"], "mu": dp["size"] * (1 - dp["prob"]) / dp["prob"]}
	for i, name := range c.Days.Fit.ParamNames {
		if z := (c.Days.Fit.Params[i] - wantDays[name]) / c.Days.Fit.SE[i]; math.Abs(z) > 3 {
			t.Errorf("hospital_cash days %s = %.4f ± %.4f, truth %.4f (z %.1f)", name, c.Days.Fit.Params[i], c.Days.Fit.SE[i], wantDays[name], z)
		}
	}
	rel := 0.0
	for _, g := range truth.Groups {
		rel += g.Weight * g.Relativity
	}
	for _, p := range ps {
		pt, _ := truth.Plan(p.Terms.Plan)
		for _, b := range p.Benefits {
			bt, ok := pt.Benefit(b.Benefit)
			if !ok {
				t.Errorf("%s %s: not in the truth", p.Terms.Plan, b.Benefit)
				continue
			}
			perClaimant := 1.0
			if bt.ClaimsPerClaimant != "" {
				n, err := bt.Count()
				if err != nil {
					t.Fatal(err)
				}
				perClaimant = n.Mean()
			}
			want := bt.Incidence * perClaimant * rel
			if z := (b.Freq.Mu - want) / (b.Freq.RelSE * b.Freq.Mu); math.Abs(z) > 3 {
				t.Errorf("%s %s: events per member-year %.6f ± %.6f, truth %.6f (z %.1f)", p.Terms.Plan, b.Benefit, b.Freq.Mu, b.Freq.RelSE*b.Freq.Mu, want, z)
			}
		}
	}
}

// Actual against expected on the last data year: every plan's paid total is
// inside the model's central 90% interval.
func TestActualExpected(t *testing.T) {
	ps, ds, _, _ := exampleModels(t)
	ae, err := ActualExpected(ps, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range ae {
		if !a.Within || !(a.Ratio > 0.8 && a.Ratio < 1.2) {
			t.Errorf("%s %d: actual %.0f, expected %.0f (90%%: %.0f–%.0f), A/E %.3f", a.Plan, a.Year, a.Actual, a.Expected, a.Lo, a.Hi, a.Ratio)
		}
	}
}

// Removing parameter and trend uncertainty narrows the fund's distribution,
// and the variance shares add up.
func TestUncertaintyWidens(t *testing.T) {
	ps, _, b, _ := exampleModels(t)
	full := ScenarioFromFund(b.Fund, b.LastYear())
	fd, err := Exact(ps, full, nil)
	if err != nil {
		t.Fatal(err)
	}
	proc := *full
	proc.Parameter, proc.Trend = false, false
	fp, err := Exact(ps, &proc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !(fd.Total.SD() > 1.3*fp.Total.SD()) || !(fd.Total.VaR(0.995)-fd.Total.Mean() > 1.3*(fp.Total.VaR(0.995)-fp.Total.Mean())) {
		t.Errorf("with uncertainty sd %.0f, 99.5%% margin %.0f; process only %.0f, %.0f", fd.Total.SD(), fd.Total.VaR(0.995)-fd.Total.Mean(), fp.Total.SD(), fp.Total.VaR(0.995)-fp.Total.Mean())
	}
	if !scalar.EqualWithinAbsOrRel(fd.Total.Mean(), fp.Total.Mean(), 0, 2e-3) {
		t.Errorf("the mean moved: %.0f vs %.0f", fd.Total.Mean(), fp.Total.Mean())
	}
	tot := fd.VarProcess + fd.VarParameter + fd.VarTrend
	if !scalar.EqualWithinAbsOrRel(tot, fd.Total.Variance(), 0, 0.02) || fd.VarParameter <= 0 || fd.VarTrend <= 0 {
		t.Errorf("variance parts %.4g + %.4g + %.4g = %.4g, total %.4g", fd.VarProcess, fd.VarParameter, fd.VarTrend, tot, fd.Total.Variance())
	}
	if !scalar.EqualWithinAbsOrRel(fp.VarProcess, fp.Total.Variance(), 0, 0.01) {
		t.Errorf("process only: process variance %.4g, total %.4g", fp.VarProcess, fp.Total.Variance())
	}
	t.Logf("fund sd %.0f (process only %.0f); variance shares process %.2f, parameter %.2f, trend %.2f",
		fd.Total.SD(), fp.Total.SD(), fd.VarProcess/tot, fd.VarParameter/tot, fd.VarTrend/tot)
}

func BenchmarkExactExample(b *testing.B) {
	wb, _, err := example.Generate(example.Config{})
	if err != nil {
		b.Fatal(err)
	}
	book := &wb.Book
	ps, _, err := FromBook(book, nil)
	if err != nil {
		b.Fatal(err)
	}
	sc := ScenarioFromFund(book.Fund, book.LastYear())
	for b.Loop() {
		if _, err := Exact(ps, sc, nil); err != nil {
			b.Fatal(err)
		}
	}
}
