package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// One benefit calculator: for each of the seven plan kinds, the users of the
// rules agree on the plan's expected benefits — the exact method
// (ExpectedBenefits, lattices built from plans.Rules' coverages and lump
// amounts), the member-level Monte Carlo (plans.Rules.PayYear on simulated
// members) within 4 standard errors, and, where the expected cost has a
// closed form from the estimator's own payment formula (meanPayment of
// coverageOf: a lump sum times the class mix, one payment ratio, the fire
// layer) or from P(N ≥ 1) under an annual cap, that form to 1e-6. The
// validator's limit (plans.Rules.MaxPayable) is checked against PayYear in
// package plans (TestMaxPayableBoundsPayYear).
func TestSevenKindsAgree(t *testing.T) {
	const M = 20000.0
	lnorm := dist.LogNormal{MeanLog: 7, SdLog: 1.1}
	fire := dist.LogNormal{MeanLog: 9.6, SdLog: 1.2}
	grades := map[string]float64{"1": 0.1, "5": 0.3, "10": 0.6}
	cases := []struct {
		kind  plans.Kind
		terms plans.Terms
		bens  []*Benefit
		// closed is the expected benefits per member in closed form (0: none)
		closed func(r *plans.Rules) float64
	}{
		{plans.FemaleDisease, plans.Terms{LumpSum: mcDec(15000),
			Schedules: map[plans.Benefit]map[string]decimal.Decimal{plans.Diagnosis: {"A": decimal.NewFromInt(1), "B": decimal.RequireFromString("0.3")}}},
			[]*Benefit{{Benefit: plans.Diagnosis, Freq: mcPois(0.004), Categories: map[string]float64{"A": 0.7, "B": 0.3}}},
			func(r *plans.Rules) float64 { return 0.004 * 15000 * (0.7 + 0.3*0.3) }},
		{plans.Accident, plans.Terms{LumpSum: mcDec(60000), DisabilitySum: mcDec(60000), Deductible: mcDec(100),
			Ratios: [3]decimal.NullDecimal{mcDec(0.9)}, DailyAmount: mcDec(50), FromDay: 1, MaxDays: 180},
			[]*Benefit{{Benefit: plans.Death, Freq: mcPois(0.0002)}, {Benefit: plans.Disability, Freq: mcPois(0.001), Categories: grades},
				{Benefit: plans.Medical, Freq: mcPois(0.02), Sev: &Severity{Dist: lnorm}}, {Benefit: plans.Day, Freq: mcPois(0.02), Days: &Days{Size: 1.5, Mu: 10}}},
			nil},
		{plans.CriticalIllness, plans.Terms{LumpSum: mcDec(5000), AnnualCap: mcDec(5000)},
			[]*Benefit{{Benefit: plans.Diagnosis, Freq: mcPois(0.05), Categories: map[string]float64{"x": 1}}},
			func(r *plans.Rules) float64 { return -math.Expm1(-0.05) * 5000 }},
		{plans.Hospital, plans.Terms{Deductible: mcDec(800), Ratios: [3]decimal.NullDecimal{mcDec(0.7), mcDec(0.6), mcDec(0.5)},
			ClaimCap: mcDec(10000), AnnualCap: mcDec(15000)},
			[]*Benefit{{Benefit: plans.Medical, Freq: Frequency{Family: "nbinom", Mu: 0.08, Size: 0.3}, Sev: &Severity{Dist: lnorm}}},
			nil},
		{plans.ChildAccident, plans.Terms{Deductible: mcDec(100), Ratios: [3]decimal.NullDecimal{mcDec(0.8)}, ClaimCap: mcDec(3000)},
			[]*Benefit{{Benefit: plans.Medical, Freq: mcPois(0.03), Sev: &Severity{Dist: lnorm}}},
			func(r *plans.Rules) float64 {
				d, ratio, l := coverageOf(r, plans.Medical)
				return 0.03 * meanPayment(lnorm, d, ratio, l)
			}},
		{plans.HospitalCash, plans.Terms{DailyAmount: mcDec(40), FromDay: 4, MaxDays: 180},
			[]*Benefit{{Benefit: plans.Day, Freq: Frequency{Family: "nbinom", Mu: 0.1, Size: 0.5}, Days: &Days{Size: 1.2, Mu: 10}}},
			nil},
		{plans.NonworkAccidentFire, plans.Terms{LumpSum: mcDec(20000), DisabilitySum: mcDec(5000), FireRatio: mcDec(0.1), FireCap: mcDec(10000)},
			[]*Benefit{{Benefit: plans.Fire, Freq: mcPois(0.002), Sev: &Severity{Dist: fire}}, {Benefit: plans.Death, Freq: mcPois(0.0004)}},
			func(r *plans.Rules) float64 {
				_, ratio, l := coverageOf(r, plans.Fire)
				return 0.002*meanPayment(fire, 0, ratio, l) - math.Expm1(-0.0004)*20000 // one death at most
			}},
	}
	for _, c := range cases {
		t.Run(string(c.kind), func(t *testing.T) {
			terms := c.terms
			terms.Plan, terms.Kind = string(c.kind), c.kind
			p := &Plan{Terms: &terms, Members: M, ExposureRatio: 1, ShareMix: map[int]float64{1: 1}, Benefits: c.bens}
			sc := &Scenario{}
			ex, err := ExpectedBenefits(p, &terms, sc, false, &ExactOptions{MemberPoints: 20000})
			if err != nil {
				t.Fatal(err)
			}
			mc, err := Simulate([]*Plan{p}, sc, MCOptions{Paths: 1000, Seed: 5})
			if err != nil {
				t.Fatal(err)
			}
			m, sd := mcMeanSD(mc.PlanTotals[0])
			se := sd / math.Sqrt(float64(mc.Paths))
			if math.Abs(m-ex) > 4*se {
				t.Errorf("exact %.1f, Monte Carlo %.1f ± %.1f", ex, m, se)
			}
			if c.closed != nil {
				want := M * c.closed(terms.Rules())
				if math.Abs(ex/want-1) > 1e-6 {
					t.Errorf("exact %.4f, closed form %.4f (rel %.2g)", ex, want, ex/want-1)
				}
			}
		})
	}
}
