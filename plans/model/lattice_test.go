package model

import (
	"math"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// The lattices follow from the terms and the portfolio: plan designs and
// sizes that used to stop the exact method.
func TestLatticesFollowFromTerms(t *testing.T) {
	lnorm := dist.LogNormal{MeanLog: 7, SdLog: 1.3}
	fire := dist.LogNormal{MeanLog: 9.6, SdLog: 1.2}
	plan := func(terms plans.Terms, M float64, bens ...*Benefit) *Plan {
		terms.Plan = string(terms.Kind)
		return &Plan{Terms: &terms, Members: M, ExposureRatio: 1, ShareMix: map[int]float64{1: 1}, Benefits: bens}
	}
	t.Run("annual cap without a claim cap", func(t *testing.T) {
		// The annual cap bounds every payment: the lattice ends at it, and
		// the plan is the same as one whose claim cap is the annual cap.
		terms := plans.Terms{Kind: plans.Hospital, Deductible: mcDec(800),
			Ratios: [3]decimal.NullDecimal{mcDec(0.7), mcDec(0.6), mcDec(0.5)}, AnnualCap: mcDec(15000)}
		ben := &Benefit{Benefit: plans.Medical, Freq: Frequency{Family: "nbinom", Mu: 0.08, Size: 0.3}, Sev: &Severity{Dist: lnorm}}
		p := plan(terms, 50000, ben)
		fd, err := Exact([]*Plan{p}, &Scenario{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(fd.Plans[0].Member.PMF); float64(n-1)*fd.Plans[0].Member.Step > 15000 {
			t.Errorf("member lattice of %d points at step %v goes beyond the annual cap", n, fd.Plans[0].Member.Step)
		}
		terms.ClaimCap = mcDec(15000)
		q := plan(terms, 50000, ben)
		fq, err := Exact([]*Plan{q}, &Scenario{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := fd.Plans[0].Total.Mean(), fq.Plans[0].Total.Mean(); a != b {
			t.Errorf("mean %v, with the claim cap at the annual cap %v", a, b)
		}
	})
	t.Run("fire without fire_cap", func(t *testing.T) {
		// Nothing bounds the payment: a member's E[A] = μ·ratio·E[X]
		// (Poisson, no cap), to 1e-6 (the lattice limits the payment where
		// its chance is below 1e-12). The plan's compound runs; its mean is
		// the compound FFT's (which moves it by 7e-5 here).
		terms := plans.Terms{Kind: plans.NonworkAccidentFire, FireRatio: mcDec(0.1), LumpSum: mcDec(20000)}
		p := plan(terms, 300000, &Benefit{Benefit: plans.Fire, Freq: mcPois(0.00012), Sev: &Severity{Dist: fire}})
		fd, err := Exact([]*Plan{p}, &Scenario{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := 0.00012 * 0.1 * fire.Mean()
		if got := fd.Plans[0].Member.Mean(); math.Abs(got/want-1) > 1e-6 {
			t.Errorf("member mean %v, want %v (rel %.2g)", got, want, got/want-1)
		}
	})
	for _, M := range []float64{5e6, 1e7} {
		t.Run("a fund of "+decimal.NewFromFloat(M).String()+" members", func(t *testing.T) {
			// The example's non-work accident and fire plan at every member:
			// the member lattices' tails shrink with the portfolio.
			terms := plans.Terms{Kind: plans.NonworkAccidentFire, LumpSum: mcDec(20000), DisabilitySum: mcDec(5000),
				FireRatio: mcDec(0.1), FireCap: mcDec(10000)}
			p := plan(terms, M, &Benefit{Benefit: plans.Death, Freq: mcPois(0.00006)},
				&Benefit{Benefit: plans.Fire, Freq: mcPois(0.00012), Sev: &Severity{Dist: fire}})
			fd, err := Exact([]*Plan{p}, &Scenario{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, ratio, l := coverageOf(terms.Rules(), plans.Fire)
			want := M * (0.00012*meanPayment(fire, 0, ratio, l) - math.Expm1(-0.00006)*20000)
			if got := fd.Plans[0].Total.Mean(); math.Abs(got/want-1) > 1e-6 {
				t.Errorf("mean %v, want %v (rel %.2g)", got, want, got/want-1)
			}
		})
	}
	t.Run("one member's five claims", func(t *testing.T) {
		// The count fit of a book where one member of 100,000 has five
		// claims: nbinom(size 3.76e-6, mu 5.13e-5), whose tail falls
		// slowly; the tabulation stops where its rest is below the tail.
		terms := plans.Terms{Kind: plans.Hospital, Deductible: mcDec(800), Ratios: [3]decimal.NullDecimal{mcDec(0.7)}, AnnualCap: mcDec(15000)}
		fq := Frequency{Family: "nbinom", Mu: 5.13e-5, Size: 3.76e-6}
		p := plan(terms, 100000, &Benefit{Benefit: plans.Medical, Freq: fq, Sev: &Severity{Dist: lnorm}})
		if _, err := Exact([]*Plan{p}, &Scenario{}, nil); err != nil {
			t.Fatal(err)
		}
		c, err := countPMF(fq.Dist(1), 1e-20)
		if err != nil {
			t.Fatal(err)
		}
		var s, m float64
		for k, v := range c {
			s += v
			m += float64(k) * v
		}
		if math.Abs(s-1) > 1e-13 || math.Abs(m/5.13e-5-1) > 1e-9 {
			t.Errorf("tabulated count: mass %v, mean %v (want 1, 5.13e-5), %d terms", s, m, len(c))
		}
	})
}

// A plan without members in the priced year is an error that names it, in
// the exact method as in the Monte Carlo (it used to be "Convolve of nothing").
func TestNoMembersNamed(t *testing.T) {
	p := mcDeathPlan(0, 0.001)
	if _, err := Exact([]*Plan{p, mcDeathPlan(100, 0.001)}, &Scenario{}, nil); err == nil || !strings.Contains(err.Error(), "plan death: no members") {
		t.Errorf("exact: %v", err)
	}
	if _, err := Simulate([]*Plan{p}, &Scenario{}, MCOptions{Paths: 10}); err == nil || !strings.Contains(err.Error(), "members") {
		t.Errorf("Monte Carlo: %v", err)
	}
}
