package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
)

// The exact method and the member-level Monte Carlo (the rules applied
// literally to simulated members) agree on every plan of the example book:
// mean and 99% VaR within 3 Monte Carlo standard errors (plus the exact
// lattice's step for the VaR), with parameter and trend uncertainty.
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
		se := r.StdErrVaR(0.99)
		if d := math.Abs(r.VaR(0.99) - ex.VaR(0.99)); d > 3*se+ex.Step {
			t.Errorf("%s: 99%% VaR exact %.0f, Monte Carlo %.0f ± %.0f", name, ex.VaR(0.99), r.VaR(0.99), se)
		}
	}
	for i, pd := range fd.Plans {
		check(pd.Plan, pd.Total, mc.PlanTotals[i])
	}
	check("fund", fd.Total, mc.FundTotal)
}
