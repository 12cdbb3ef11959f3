package model

import (
	"math"
	"slices"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/example"
)

// buhlmann against the formulas worked by hand (classes.go): weights
// 10,000 / 30,000 / 50 member-years at 0.02 / 0.04 / 0.08 events, the
// Poisson within variance s² = the weighted mean 0.03505…; the thin third
// class has Z ≈ 0.22 and stays near 1, the others near their own rate.
func TestBuhlmannRelativities(t *testing.T) {
	w := []float64{10000, 30000, 50}
	m := []float64{0.02, 0.04, 0.08}
	W := 40050.0
	mw := (200 + 1200 + 4) / W
	between := 10000*(0.02-mw)*(0.02-mw) + 30000*(0.04-mw)*(0.04-mw) + 50*(0.08-mw)*(0.08-mw)
	a := (between - 2*mw) / (W - (1e8+9e8+2500)/W)
	var rel []float64
	bal := 0.0
	for i := range w {
		z := w[i] / (w[i] + mw/a)
		rel = append(rel, (z*m[i]+(1-z)*mw)/mw)
		bal += w[i] * rel[i]
	}
	got := buhlmann(w, m, mw)
	for i := range w {
		want := rel[i] * W / bal
		if math.Abs(got.rel[i]-want) > 1e-12 || math.Abs(got.raw[i]-m[i]/mw) > 1e-12 {
			t.Errorf("class %d: relativity %.12f (raw %.6f), want %.12f (raw %.6f)", i, got.rel[i], got.raw[i], want, m[i]/mw)
		}
	}
	// By hand: a ≈ 2.0e-4, K = s²/a ≈ 175, so Z ≈ 0.983, 0.994, 0.223.
	if math.Abs(got.z[0]-0.983) > 1e-3 || math.Abs(got.z[1]-0.994) > 1e-3 || math.Abs(got.z[2]-0.223) > 1e-3 {
		t.Errorf("credibility %v, want 0.983, 0.994, 0.223", got.z)
	}
	if !(got.rel[2] < 1+0.22*(m[2]/mw-1)+0.01 && got.rel[2] > 1) {
		t.Errorf("the thin class's relativity %.3f is not shrunk toward 1 (raw %.3f)", got.rel[2], got.raw[2])
	}
	if s := w[0]*got.rel[0] + w[1]*got.rel[1] + w[2]*got.rel[2]; math.Abs(s-W) > 1e-8 {
		t.Errorf("not balanced: Σ w·rel = %v, want %v", s, W)
	}
	// Classes that differ by no more than chance all get 1.
	if r := buhlmann([]float64{1000, 1000}, []float64{0.030, 0.031}, 0.0305); r.rel[0] != 1 || r.rel[1] != 1 || r.z[0] != 0 {
		t.Errorf("no between-class variance: %+v", r)
	}
}

// groundUpScale against the exponential, whose mean above d is d + σθ
// (memoryless): σ = (r(d + θ) − d)/θ exactly.
func TestGroundUpScaleExponential(t *testing.T) {
	x := dist.Exponential{Rate: 1.0 / 4000}
	for _, c := range []struct{ d, r float64 }{{1000, 1.1}, {1000, 0.9}, {5000, 1.05}, {0, 1.2}} {
		want := (c.r*(c.d+4000) - c.d) / 4000
		if got := groundUpScale(x, c.d, c.r); math.Abs(got-want) > 1e-9*want {
			t.Errorf("d %v r %v: σ %.12f, want %.12f", c.d, c.r, got, want)
		}
	}
}

// The exact method and the member-level Monte Carlo agree on plans priced
// by class (mean and 99% VaR within 3 Monte Carlo standard errors, as
// TestExactMatchesMemberMonteCarlo), with the classes' relativities pushed
// apart so that the mixture matters; and doubling every class's incidence
// doubles the critical-illness plan's expected benefits (lump sums, rare
// events: to 1%).
func TestClassesExactMatchesMonteCarlo(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a book priced by class")
	}
	b, _, err := example.Generate(example.Config{Members: 30000, Seed: 4, Classes: example.AgeClasses,
		ClassPlans: []string{"critical_illness", "hospital"}})
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := FromBook(&b.Book, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ps []*Plan
	for _, p := range all {
		if slices.Contains([]string{"critical_illness", "hospital"}, p.Terms.Plan) {
			if len(p.Classes) != 2 {
				t.Fatalf("plan %s: %d classes", p.Terms.Plan, len(p.Classes))
			}
			p.Classes[0].Incidence, p.Classes[1].Incidence = 1.8, 0.45
			p.Classes[0].Severity, p.Classes[1].Severity = 1.25, 0.85
			ps = append(ps, p)
		}
	}
	sc := ScenarioFromFund(b.Fund, b.LastYear())
	fd, err := Exact(ps, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := Simulate(ps, sc, MCOptions{Paths: 4000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for i, pd := range fd.Plans {
		r := aggregate.FromSample(mc.PlanTotals[i])
		if z := (r.Mean - pd.Total.Mean()) / r.StdErrMean; math.Abs(z) > 3 {
			t.Errorf("%s: mean exact %.0f, Monte Carlo %.0f ± %.0f (z %.1f)", pd.Plan, pd.Total.Mean(), r.Mean, r.StdErrMean, z)
		}
		if v, below, atMost, ok := quantileAgrees(pd.Total, mc.PlanTotals[i]); !ok {
			t.Errorf("%s: 99%% VaR exact %.0f: Monte Carlo P(S < v) = %.4f, P(S ≤ v) = %.4f", pd.Plan, v, below, atMost)
		}
		t.Logf("%s: mean exact %.0f, Monte Carlo %.0f ± %.0f", pd.Plan, pd.Total.Mean(), r.Mean, r.StdErrMean)
	}
	ci := ps[0]
	sc0 := &Scenario{Years: sc.Years, MedicalTrend: sc.MedicalTrend}
	e1, err := ExpectedBenefits(ci, ci.Terms, sc0, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	ci.Classes[0].Incidence *= 2
	ci.Classes[1].Incidence *= 2
	e2, err := ExpectedBenefits(ci, ci.Terms, sc0, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(e2/e1-2) > 0.01 {
		t.Errorf("critical illness: doubling the classes' incidence multiplies expected benefits by %.4f", e2/e1)
	}
}
