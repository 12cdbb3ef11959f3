package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
)

// The exact method and the member-level Monte Carlo (the rules applied
// literally to simulated members) agree on every plan of the example book:
// mean and 99% VaR within 3 Monte Carlo standard errors, with parameter and trend uncertainty.
func TestExactMatchesMemberMonteCarlo(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates the example book")
	}
	ps, _, b, _ := exampleModels(t)
	sc := ScenarioFromFund(b.Fund, b.LastYear())
	fd, err := Exact(ps, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := Simulate(ps, sc, MCOptions{Paths: 4000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, ex *aggregate.Lattice, sample []float64) {
		r := aggregate.FromSample(sample)
		if z := (r.Mean - ex.Mean()) / r.StdErrMean; math.Abs(z) > 3 {
			t.Errorf("%s: mean exact %.0f, Monte Carlo %.0f ± %.0f (z %.1f)", name, ex.Mean(), r.Mean, r.StdErrMean, z)
		}
		// The exact 99% VaR v is a 99% quantile of the sample, within 3
		// binomial standard errors: P(S < v) ≤ 0.99 ≤ P(S ≤ v) (a lump-sum
		// plan's total has atoms, so the quantiles are compared through
		// the distribution function, not as amounts).
		if v, below, atMost, ok := quantileAgrees(ex, sample); !ok {
			t.Errorf("%s: 99%% VaR exact %.0f, Monte Carlo %.0f: P(S < v) = %.4f, P(S ≤ v) = %.4f", name, v, r.VaR(0.99), below, atMost)
		}
	}
	for i, pd := range fd.Plans {
		check(pd.Plan, pd.Total, mc.PlanTotals[i])
	}
	check("fund", fd.Total, mc.FundTotal)
}
