package calibrate

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// classBook is a book whose hospital plan is priced by class at prices far
// from its Plans price (1.6 and 2.2 times it): what the plan's contributions
// are must come from the classes' prices.
func classBook(t *testing.T) ([]*model.Plan, *model.Scenario, Policy) {
	t.Helper()
	b, _, err := example.Generate(example.Config{Members: 20000, Seed: 8, Classes: example.AgeClasses, ClassPlans: []string{"hospital"}})
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := model.FromBook(&b.Book, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ps []*model.Plan
	for _, p := range all {
		if p.Terms.Plan == "hospital" {
			if len(p.Classes) != 2 {
				t.Fatalf("hospital: %d classes", len(p.Classes))
			}
			c := p.Terms.Contribution
			p.Classes[0].Current = decimal.NewNullDecimal(c.Mul(decimal.RequireFromString("1.6")).Round(0))
			p.Classes[1].Current = decimal.NewNullDecimal(c.Mul(decimal.RequireFromString("2.2")).Round(0))
			ps = append(ps, p)
		}
	}
	if len(ps) != 1 {
		t.Fatal("no hospital plan")
	}
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	return ps, sc, tightPolicy(&b.Book, 0.05)
}

// classIncome is Σ_c new shares_c × price_c ÷ period + the carried cohorts'
// earnings, the classes' shares from model.ClassExpectations (exact sum).
func classIncome(t *testing.T, p *model.Plan, sc *model.Scenario, pd *model.PlanDist) float64 {
	t.Helper()
	ex, err := model.ClassExpectations(p, sc, pd.Total.Mean(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var inc, shares float64
	for k, x := range ex {
		inc += x.Shares * p.Classes[k].Current.Decimal.InexactFloat64()
		shares += x.Shares
	}
	price := decimal.NewFromFloat(inc / shares).Round(4).InexactFloat64() // ClassPrice's rounding
	return pd.NewShares*price/float64(pd.Terms.Period()) + pd.Carry.Earned.InexactFloat64()
}

// The plan's contributions in the priced year are its classes' shares at
// their prices, in Exact, Enrolled (the Monte Carlo's simulate) and the
// calibration's current income alike; the caps lever balances against that
// income (before, it solved against the Plans price: too
// little income, and cut the cap).
func TestClassPricesAreTheIncome(t *testing.T) {
	ps, sc, pol := classBook(t)
	p := ps[0]
	fd, err := model.Exact(ps, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	pd := fd.Plans[0]
	want := classIncome(t, p, sc, pd)
	if plansPrice := pd.NewShares * p.Terms.YearlyContribution().InexactFloat64(); want < 1.5*plansPrice {
		t.Fatalf("the book's class prices should be well above the Plans price: %.0f vs %.0f", want, plansPrice)
	}
	if math.Abs(pd.Contributions-want) > 1e-6*want {
		t.Errorf("Exact: contributions %.2f, Σ_c shares_c·price_c %.2f", pd.Contributions, want)
	}
	if _, _, c := model.Enrolled(p, sc); pd.Carry.Shares == 0 && math.Abs(c-want) > 1e-6*want {
		t.Errorf("Enrolled: contributions %.2f, Σ_c shares_c·price_c %.2f", c, want)
	}
	res, err := Calibrate(ps, sc, pol, Options{Lever: Caps, Paths: 200})
	if err != nil && !errors.Is(err, ErrInfeasible) {
		t.Fatal(err)
	}
	if got := res.CurrentIncome.InexactFloat64(); math.Abs(got-want) > 0.01 {
		t.Errorf("current income %.2f, Σ_c shares_c·price_c %.2f", got, want)
	}
	r := res.Plans[0]
	if got := r.Income.InexactFloat64(); math.Abs(got-res.CurrentIncome.InexactFloat64()) > 0.01 {
		t.Errorf("caps lever: the plan's income %.2f, its current income %.2f", got, res.CurrentIncome.InexactFloat64())
	}
	bound := slices.ContainsFunc(res.Notes, func(n string) bool { return len(n) > 14 && n[:14] == "plan hospital:" })
	if r.CapLever == "" {
		t.Fatal("hospital: no cap lever")
	}
	// At the Plans price the lever cut the cap (15,000 → 12,000); at the
	// classes' prices, nearly twice the income, it may not fall.
	if r.CapRecommended.LessThan(r.CapCurrent) {
		t.Errorf("caps lever: %s cut %s → %s on an income %.0f", r.CapLever, r.CapCurrent, r.CapRecommended, want)
	}
	if !bound {
		keep := 1 - pol.ExpenseRatio
		e := res.Dist.Plans[0].Total.Mean()
		if gap := (e + r.Margin.InexactFloat64() - r.Income.InexactFloat64()*keep) / r.Shares; math.Abs(gap) > 1 {
			t.Errorf("caps lever: expected %.0f + margin %s vs income %s × %.2f: %.2f yuan a share off", e, r.Margin, r.Income, keep, gap)
		}
	}
	t.Logf("hospital: income %.0f (Plans price would give %.0f); %s %s → %s; notes %q", want, pd.NewShares*p.Terms.YearlyContribution().InexactFloat64(), r.CapLever, r.CapCurrent, r.CapRecommended, res.Notes)
}

// After the caps lever moves a plan's terms, its classes' expected costs are
// those at the new terms: each class's relativity and expected cost per
// member equal model.ClassExpectations' at the recommended terms (exact
// arithmetic on the same numbers: 1e-12 relative), which differ from those
// at the old terms when the classes' severities differ (1.5 / 0.7: a higher
// cap pays the dearer class more).
func TestClassesAtRecommendedTerms(t *testing.T) {
	ps, sc, pol := classBook(t)
	p := ps[0]
	p.Classes[0].Severity, p.Classes[1].Severity = 1.5, 0.7
	res, err := Calibrate(ps, sc, pol, Options{Lever: Caps, Paths: 200})
	if err != nil && !errors.Is(err, ErrInfeasible) {
		t.Fatal(err)
	}
	r := res.Plans[0]
	if r.CapLever == "" || r.CapRecommended.Equal(r.CapCurrent) {
		t.Fatalf("the caps lever did not move the terms: %s %s → %s", r.CapLever, r.CapCurrent, r.CapRecommended)
	}
	mean := res.Dist.Plans[0].Total.Mean()
	rels := func(sc *model.Scenario) ([]float64, []model.ClassExpected) {
		ex, err := model.ClassExpectations(p, sc, mean, nil)
		if err != nil {
			t.Fatal(err)
		}
		var shares float64
		for _, x := range ex {
			shares += x.Shares
		}
		out := make([]float64, len(ex))
		for k, x := range ex {
			out[k] = x.Expected / x.Shares / (mean / shares)
		}
		return out, ex
	}
	sc2 := *sc
	sc2.Terms = map[string]*plans.Terms{p.Terms.Plan: r.Terms}
	now, ex := rels(&sc2)
	old, _ := rels(sc)
	if len(r.Classes) != len(now) {
		t.Fatalf("%d classes, want %d", len(r.Classes), len(now))
	}
	for k, c := range r.Classes {
		if math.Abs(c.Relativity-now[k]) > 1e-12*now[k] {
			t.Errorf("class %s: relativity %.12f, at the recommended terms %.12f (at the old %.12f)", c.Class, c.Relativity, now[k], old[k])
		}
		if want := decimal.NewFromFloat(ex[k].Expected / ex[k].Members).Round(2); !c.ExpectedCostPerMember.Equal(want) {
			t.Errorf("class %s: expected cost per member %s, at the recommended terms %s", c.Class, c.ExpectedCostPerMember, want)
		}
		if math.Abs(old[k]-now[k]) < 1e-6 {
			t.Errorf("class %s: relativity %.8f the same at the old terms: the test cannot tell them apart", c.Class, now[k])
		}
	}
	t.Logf("%s %s → %s: relativities old %.6f, new %.6f", r.CapLever, r.CapCurrent, r.CapRecommended, old, now)
}
