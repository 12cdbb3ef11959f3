package calibrate

import (
	"errors"
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

func genBook(t *testing.T, members int, seed uint64) (*book.Book, []*model.Plan) {
	t.Helper()
	b, _, err := example.Generate(example.Config{Members: members, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	ps, _, err := model.FromBook(&b.Book, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &b.Book, ps
}

// tightPolicy has no reserve and no max_change to speak of; its reserve
// test (with no reserve: the same event as 入不敷出) is the target itself.
func tightPolicy(b *book.Book, alpha float64) Policy {
	p := PolicyFromFund(b.Fund)
	p.OpeningReserve, p.ReserveFloor = decimal.Zero, decimal.Zero
	p.TargetDeficitProbability, p.SolvencyProbability = alpha, alpha
	p.MaxChange = 10
	return p
}

// After applying the recommended contributions the year's chance of 入不敷出
// is at or under the target, and not further under it than the rounding of
// contributions explains: the net income exceeds what the target needs
// (VaR_{1−α}) by less than one rounding unit a share. A member-level Monte Carlo of the year under the recommended
// terms agrees. Money reconciles to the fen. On several books.
func TestContributionsMeetTarget(t *testing.T) {
	for _, c := range []struct {
		members int
		seed    uint64
		alpha   float64
	}{{60000, 2, 0.05}, {200000, 3, 0.01}, {30000, 4, 0.1}} {
		b, ps := genBook(t, c.members, c.seed)
		sc := model.ScenarioFromFund(b.Fund, b.LastYear())
		pol := tightPolicy(b, c.alpha)
		res, err := Calibrate(ps, sc, pol, Options{Paths: 2000})
		if err != nil {
			t.Fatalf("%d members: %v", c.members, err)
		}
		if res.PDeficitAfter > c.alpha {
			t.Errorf("%d members: P(deficit) %.4f above the target %.2f", c.members, res.PDeficitAfter, c.alpha)
		}
		need := res.Dist.Total.VaR(1 - c.alpha)
		slack := 0.0
		for _, p := range res.Plans {
			slack += p.Shares * pol.Rounding.InexactFloat64() / float64(p.PeriodYears)
		}
		if got := res.NetIncome.InexactFloat64(); got < need-1 || got > need+slack+1 {
			t.Errorf("%d members: net income %.2f, the target needs %.2f (rounding allows up to +%.2f)", c.members, got, need, slack)
		}
		// Re-simulate with the recommended terms.
		terms := map[string]*plans.Terms{}
		for _, p := range res.Plans {
			terms[p.Plan] = p.Terms
		}
		sc2 := *sc
		sc2.Terms = terms
		mc, err := model.Simulate(ps, &sc2, model.MCOptions{Paths: 4000, Seed: c.seed})
		if err != nil {
			t.Fatal(err)
		}
		r := aggregate.FromSample(mc.FundTotal)
		pMC := r.ExceedProb(res.NetIncome.InexactFloat64())
		se := math.Sqrt(c.alpha * (1 - c.alpha) / 4000)
		if math.Abs(pMC-res.PDeficitAfter) > 3*se+0.002 {
			t.Errorf("%d members: member-level Monte Carlo P(deficit) %.4f, exact %.4f (se %.4f)", c.members, pMC, res.PDeficitAfter, se)
		}
		// Reconciliation to the fen.
		var inc, exp, mar decimal.Decimal
		for _, p := range res.Plans {
			inc, exp, mar = inc.Add(p.Income), exp.Add(p.Expected), mar.Add(p.Margin)
		}
		if !inc.Equal(res.Income) || !exp.Equal(res.Expected) || !mar.Equal(res.Margin) || !res.Income.Sub(res.Expenses).Equal(res.NetIncome) {
			t.Errorf("%d members: plans add up to income %s, expected %s, margin %s; fund %s, %s, %s", c.members, inc, exp, mar, res.Income, res.Expected, res.Margin)
		}
		t.Logf("%d members, α %.2f: P(deficit) %.4f → %.4f (Monte Carlo %.4f), net income %.0f for VaR %.0f", c.members, c.alpha, res.PDeficitBefore, res.PDeficitAfter, pMC, res.NetIncome.InexactFloat64(), need)
	}
}

// With contributions fixed, the caps lever balances each plan: expected
// benefits plus its margin equal its net income within a yuan per share
// (unless the lever reached a bound, which a note says).
func TestCapsBalancePlans(t *testing.T) {
	b, ps := genBook(t, 60000, 5)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	pol := tightPolicy(b, 0.05)
	res, err := Calibrate(ps, sc, pol, Options{Lever: Caps, Paths: 500})
	if err != nil && !errors.Is(err, ErrInfeasible) {
		t.Fatal(err)
	}
	atBound := map[string]bool{}
	for _, n := range res.Notes {
		for _, p := range res.Plans {
			if len(n) > len(p.Plan)+5 && n[:len("plan ")+len(p.Plan)] == "plan "+p.Plan {
				atBound[p.Plan] = true
			}
		}
	}
	keep := 1 - pol.ExpenseRatio
	for i, p := range res.Plans {
		if atBound[p.Plan] || p.CapLever == "" {
			continue
		}
		e := res.Dist.Plans[i].Total.Mean()
		gap := (e + p.Margin.InexactFloat64() - p.Income.InexactFloat64()*keep) / p.Shares
		if math.Abs(gap) > 1 {
			t.Errorf("%s (%s %s → %s): expected %.0f + margin %s vs income %s: %.2f yuan a share off", p.Plan, p.CapLever, p.CapCurrent, p.CapRecommended, e, p.Margin, p.Income, gap)
		}
		if !p.Recommended.Equal(p.Current) {
			t.Errorf("%s: the contribution moved under --fix contributions", p.Plan)
		}
	}
}

// An infeasible policy: costs jump and contributions may move 5%: the
// result says what would reach the target.
func TestInfeasible(t *testing.T) {
	b, ps := genBook(t, 30000, 6)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	sc.MedicalTrend = 1.5
	pol := tightPolicy(b, 0.05)
	pol.MaxChange = 0.05
	res, err := Calibrate(ps, sc, pol, Options{Paths: 500})
	if !errors.Is(err, ErrInfeasible) || res == nil || res.Feasible {
		t.Fatalf("err %v, feasible %v", err, res != nil && res.Feasible)
	}
	if !(res.PDeficitAfter > 0.05) || !(res.NeededMaxChange > 0.05) || !res.NeededReserve.IsPositive() {
		t.Fatalf("P(deficit) %.3f, needed max_change %.2f, reserve %s", res.PDeficitAfter, res.NeededMaxChange, res.NeededReserve)
	}
	// The max_change it names does reach the target.
	pol.MaxChange = res.NeededMaxChange
	res2, err := Calibrate(ps, sc, pol, Options{Paths: 500})
	if err != nil || res2.PDeficitAfter > 0.05 {
		t.Fatalf("with max_change %.2f: %v, P(deficit) %.4f", pol.MaxChange, err, res2.PDeficitAfter)
	}
}

// --fix terms: nothing moves; the reserve lever solves the planned draw,
// the least (to the fen) that brings 入不敷出 within target: D =
// VaR_{1−α}(S) − net income; the largest draw the reserve test allows is
// min(R₀ − floor, D + net income + R₀ − floor − VaR_{1−s}(S)). A year the
// reserve cannot carry is infeasible with the reserve that would be needed.
func TestReserveLever(t *testing.T) {
	b, ps := genBook(t, 30000, 7)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	sc.MedicalTrend = 0.1 // costs rise: the current contributions fall short
	pol := PolicyFromFund(b.Fund)
	res, err := Calibrate(ps, sc, pol, Options{Lever: Reserve, Paths: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Plans {
		if !p.Recommended.Equal(p.Current) {
			t.Errorf("%s: contribution moved", p.Plan)
		}
	}
	net := res.NetIncome.InexactFloat64()
	d := res.PlannedDraw.InexactFloat64()
	want := math.Max(0, res.Dist.Total.VaR(1-pol.TargetDeficitProbability)-net)
	if !(want > 0) || d < want || d > want+0.01 {
		t.Fatalf("planned draw %s, want %.2f (VaR %.2f, net income %.2f)", res.PlannedDraw, want, res.Dist.Total.VaR(1-pol.TargetDeficitProbability), net)
	}
	if res.PDeficitAfter > pol.TargetDeficitProbability || res.Dist.Total.ExceedProb(net+d-1) <= pol.TargetDeficitProbability {
		t.Errorf("P(入不敷出) %.4f with the draw; %.4f a yuan under it", res.PDeficitAfter, res.Dist.Total.ExceedProb(net+d-1))
	}
	h := pol.OpeningReserve.Sub(pol.ReserveFloor).InexactFloat64()
	wantMax := math.Min(h, d+net+h-res.Dist.Total.VaR(1-pol.SolvencyProbability))
	if math.Abs(res.MaxDraw.InexactFloat64()-wantMax) > 0.01 {
		t.Errorf("max draw %s, want %.2f", res.MaxDraw, wantMax)
	}
	t.Logf("reserve lever: draw %s of %.0f above the floor, P(入不敷出) %.4f → %.4f, P(reserve below floor) %.5f, max draw %s",
		res.PlannedDraw, h, res.PDeficitBefore, res.PDeficitAfter, res.PSolvency, res.MaxDraw)
	sc.MedicalTrend = 1.5
	tight := tightPolicy(b, 0.05)
	res, err = Calibrate(ps, sc, tight, Options{Lever: Reserve, Paths: 500})
	if !errors.Is(err, ErrInfeasible) || !res.NeededReserve.IsPositive() || res.MaxDraw.IsPositive() {
		t.Fatalf("err %v, needed %s, max draw %s", err, res.NeededReserve, res.MaxDraw)
	}
}
