package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// A hurdle (zmod-nbinom) admissions law under terms with a per-claim
// deductible (a scenario's or proposed terms'; the hurdle itself is fitted
// only where every event was recorded). The Monte Carlo draws ground-up
// admissions and lets PayYear skip those at or below the deductible, so each
// claimant's admissions are thinned one by one; the exact method must price
// the same law (DistThinned). Mean within 3 Monte Carlo standard errors;
// thinning only the share who claim put the exact mean 6.7% low (z 137).
func TestHurdleThinnedByDeductibleExactMatchesMC(t *testing.T) {
	terms := &plans.Terms{Plan: "h", Kind: plans.Hospital, Contribution: decimal.NewFromInt(50), Deductible: nd(800),
		Ratios: [3]decimal.NullDecimal{nd(0.9), nd(0.6), nd(0.3)}, ClaimCap: nd(10000), AnnualCap: nd(15000)}
	x := dist.LogNormal{MeanLog: 7.5, SdLog: 1.2}
	// 10% of members admitted, zero-truncated nbinom(1, 1.5) stays each:
	// k̄ = 1.5/(1 − 1/2.5) = 2.5.
	fq := Frequency{Family: HurdleFamily, Size: 1, BaseMu: 1.5, Mu: 0.1 * 2.5, Thinning: 1}
	p := &Plan{Terms: terms, Members: 2000, ExposureRatio: 1, ShareMix: map[int]float64{1: 1},
		Benefits: []*Benefit{{Benefit: plans.Medical, Freq: fq, Sev: &Severity{Dist: x}}}}
	fd, err := Exact([]*Plan{p}, processOnly, nil)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := Simulate([]*Plan{p}, processOnly, MCOptions{Paths: 40000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	r := aggregate.FromSample(mc.PlanTotals[0])
	ex := fd.Plans[0].Total.Mean()
	z := (r.Mean - ex) / r.StdErrMean
	t.Logf("exact %.0f, Monte Carlo %.0f ± %.0f (z %.1f)", ex, r.Mean, r.StdErrMean, z)
	if math.Abs(z) > 3 {
		t.Errorf("mean exact %.0f, Monte Carlo %.0f ± %.0f (z %.1f): the exact method thins the hurdle's claimants, not their admissions",
			ex, r.Mean, r.StdErrMean, z)
	}
}

// The hurdle's mean scaled by f is Mu·f (Frequency.Dist: incidence nodes,
// class relativities, shocks and trend all act through it), also where π·f
// passes 1 — an outpatient benefit that half the members claim, a class
// relativity 1.6 and a +30% incidence shock: every member claims and each
// claimant's base mean is raised (hurdleBase); and thinned by pc its mean
// is Mu·f·pc (DistThinned), a hurdle still. Tolerance 1e-9 relative (the
// bisection's).
func TestHurdleMeanScalesPastEveryoneClaiming(t *testing.T) {
	q := Frequency{Family: HurdleFamily, Size: 2, BaseMu: 4, Mu: 0.5 * 4.5, Thinning: 1}
	for _, f := range []float64{1, 1.6, 1.6 * 1.3} {
		if got, want := q.Dist(f).Mean(), q.Mu*f; math.Abs(got/want-1) > 1e-9 {
			t.Errorf("f %.2f: mean %.4f, want Mu·f = %.4f", f, got, want)
		}
		for _, pc := range []float64{0.3, 0.8} {
			d := q.DistThinned(f, pc)
			if got, want := d.Mean(), q.Mu*f*pc; math.Abs(got/want-1) > 1e-9 {
				t.Errorf("f %.2f, pc %.1f: mean %.4f, want Mu·f·pc = %.4f", f, pc, got, want)
			}
			if _, ok := d.(dist.ZeroModified); !ok {
				t.Errorf("f %.2f, pc %.1f: %T, want a hurdle", f, pc, d)
			}
		}
	}
	if pi, _ := q.hurdleBase(1.6 * 1.3); pi != 1 {
		t.Errorf("π·f past 1: π %v, want 1", pi)
	}
}
