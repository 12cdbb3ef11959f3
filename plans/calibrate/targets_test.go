package calibrate

import (
	"errors"
	"math"
	"sync"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

var exampleOnce struct {
	sync.Once
	b   *book.Book
	ps  []*model.Plan
	err error
}

// exampleBook is the example workbook's book (example.Generate's default
// configuration, as examples/example.xlsx) and its models.
func exampleBook(t *testing.T) (*book.Book, []*model.Plan) {
	t.Helper()
	exampleOnce.Do(func() {
		g, _, err := example.Generate(example.Config{})
		if err != nil {
			exampleOnce.err = err
			return
		}
		exampleOnce.b = &g.Book
		exampleOnce.ps, _, exampleOnce.err = model.FromBook(&g.Book, nil)
	})
	if exampleOnce.err != nil {
		t.Fatal(exampleOnce.err)
	}
	return exampleOnce.b, exampleOnce.ps
}

// roundingSlack is the net income the rounding of contributions can add:
// one rounding unit a share that pays the new price (a multi-year plan's
// running cohorts pay their own), spread over its period, less expenses.
func roundingSlack(res *Result) float64 {
	s := 0.0
	for i, p := range res.Plans {
		s += res.Dist.Plans[i].NewShares * res.Policy.Rounding.InexactFloat64() / float64(p.PeriodYears)
	}
	return s * (1 - res.Policy.ExpenseRatio)
}

// atTarget checks that the fund's P(入不敷出) is at or under α and that
// the rounding of contributions explains the gap: a net income lower by the
// rounding slack would be over α.
func atTarget(t *testing.T, what string, res *Result) {
	t.Helper()
	alpha := res.Policy.TargetDeficitProbability
	net, d := res.NetIncome.InexactFloat64(), res.PlannedDraw.InexactFloat64()
	under := res.Dist.Total.ExceedProb(net + d - roundingSlack(res) - 1)
	if res.PDeficitAfter > alpha || under <= alpha {
		t.Errorf("%s: P(入不敷出) %.5f, target %.3f; without the rounding %.5f", what, res.PDeficitAfter, alpha, under)
	}
}

// The example book's default run (the Fund sheet's policy as written, no
// flags): the book's prices are within max_change of what the plans need, so
// no plan is held at a limit — except non-work accident, whose price of 2
// yuan cannot move by a whole yuan within ±20% (frozen); every plan carries a
// positive margin, the allocation explains every free plan's margin (the
// plans off their floors carry one multiple of their Euler shares, to the
// fen), and the fund's P(入不敷出)
// equals the target within the rounding of contributions (atTarget). The
// reserve does not replace the margin, and the reserve test passes.
func TestExampleDefaultRun(t *testing.T) {
	b, ps := exampleBook(t)
	sc, _ := model.ScenarioFromBook(b) // as calibrate: enrolment growth estimated
	pol := PolicyFromFund(b.Fund)
	res, err := Calibrate(ps, sc, pol, Options{Paths: 500})
	if err != nil {
		t.Fatal(err)
	}
	atTarget(t, "default run", res)
	if !res.Margin.IsPositive() || !res.NetIncome.Add(res.PlannedDraw).GreaterThan(res.Expected) {
		t.Errorf("default run: margin %s, net income %s, expected %s", res.Margin, res.NetIncome, res.Expected)
	}
	if !res.Solvent || !(res.PSolvency <= pol.SolvencyProbability) {
		t.Errorf("default run: P(reserve below floor) %.5f", res.PSolvency)
	}
	var sm, sa float64
	for _, p := range res.Plans {
		if !p.Margin.IsPositive() || p.Limited && !frozen(p.Current, pol) {
			t.Errorf("%s: margin %s, limited %v", p.Plan, p.Margin, p.Limited)
		}
		if !p.AtFloor && !p.Limited {
			sm += p.Margin.InexactFloat64()
			sa += p.AllocShare
		}
		t.Logf("  %-22s %6s → %6s  margin %12s  P(plan 入不敷出) %.3f", p.Plan, p.Current, p.Recommended, p.Margin, p.PDeficit)
	}
	for _, p := range res.Plans {
		if want := p.AllocShare * sm / sa; !p.AtFloor && !p.Limited && math.Abs(p.Margin.InexactFloat64()-want) > 0.1 {
			t.Errorf("%s: margin %s, its Euler share %.4f of %.2f is %.2f", p.Plan, p.Margin, p.AllocShare, sm, want)
		}
	}
	t.Logf("default run: P(入不敷出) %.4f → %.5f (target %.2f), margin %s on expected %s, net income %s for VaR %s, P(reserve below floor) %.2g, backstop 95/99%% %s/%s",
		res.PDeficitBefore, res.PDeficitAfter, pol.TargetDeficitProbability, res.Margin, res.Expected, res.NetIncome, res.VaR,
		res.PSolvency, res.Backstop95, res.Backstop99)
}

// planned_reserve_draw, on the example book's default policy, lowers the
// net income the recommendation stands on by exactly the draw (before
// rounding), and the fund's P(入不敷出), counting the draw, stays at the
// target.
func TestPlannedDrawLowersIncome(t *testing.T) {
	b, ps := exampleBook(t)
	sc, _ := model.ScenarioFromBook(b) // as calibrate: enrolment growth estimated
	pol := PolicyFromFund(b.Fund)
	res0, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	pol.PlannedReserveDraw = decimal.NewFromInt(1_500_000)
	res1, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(res0.Plans, res1.Plans...) {
		if p.Limited && !frozen(p.Current, pol) {
			t.Errorf("%s held at a limit: the draw's effect is not measured whole", p.Plan)
		}
	}
	got := res0.RequiredNet.Sub(res1.RequiredNet)
	if got.Sub(pol.PlannedReserveDraw).Abs().GreaterThan(decimal.RequireFromString("0.02")) {
		t.Errorf("the draw of %s lowered the needed net income by %s", pol.PlannedReserveDraw, got)
	}
	atTarget(t, "with the draw", res1)
	var draws decimal.Decimal
	for _, p := range res1.Plans {
		draws = draws.Add(p.Draw)
	}
	if draws.Sub(pol.PlannedReserveDraw).Abs().GreaterThan(decimal.RequireFromString("0.05")) {
		t.Errorf("plans' draws add up to %s", draws)
	}
	t.Logf("needed net income %s → %s with a draw of %s; income %s → %s", res0.RequiredNet, res1.RequiredNet, pol.PlannedReserveDraw, res0.Income, res1.Income)
}

// frozen reports whether a price cannot move by a whole rounding unit
// within ±max_change (2 yuan at ±20% with rounding 1): its band is the price.
func frozen(cur decimal.Decimal, pol Policy) bool {
	u := pol.Rounding
	lo := cur.Mul(decimal.NewFromFloat(1 - pol.MaxChange)).Div(u).Ceil().Mul(u)
	hi := cur.Mul(decimal.NewFromFloat(1 + pol.MaxChange)).Div(u).Floor().Mul(u)
	return !lo.LessThan(cur) && !hi.GreaterThan(cur)
}

// withPrices returns the scenario with the plans' current contributions set.
func withPrices(sc *model.Scenario, ps []*model.Plan, price map[string]decimal.Decimal) *model.Scenario {
	s := *sc
	s.Terms = map[string]*plans.Terms{}
	for _, p := range ps {
		t := *sc.TermsOf(p)
		if x, ok := price[p.Terms.Plan]; ok {
			t.Contribution = x
		}
		s.Terms[p.Terms.Plan] = &t
	}
	return &s
}

// A binding max_change: hospital's current price is 80% of what it needs
// and may rise 20%; the other plans (priced at what they need) are free
// (except one whose price of 2 yuan cannot move by a whole yuan within 20%),
// and their margins rise so that the fund's target still holds. With a
// max_change of 1% it cannot: infeasible, naming the max_change that would
// do, which does.
func TestMaxChangeRebalances(t *testing.T) {
	b, ps := genBook(t, 60000, 2)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	pol := tightPolicy(b, 0.05)
	free, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	price := map[string]decimal.Decimal{}
	for _, p := range free.Plans {
		price[p.Plan] = p.Recommended
		if p.Plan == "hospital" {
			price[p.Plan] = p.Recommended.Mul(decimal.RequireFromString("0.8")).Round(0)
		}
	}
	sc2 := withPrices(sc, ps, price)
	pol.MaxChange = 0.2
	res, err := Calibrate(ps, sc2, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	atTarget(t, "hospital limited", res)
	for i, p := range res.Plans {
		f := free.Plans[i]
		switch {
		case p.Plan == "hospital":
			if !p.Limited || p.Margin.GreaterThanOrEqual(f.Margin) {
				t.Errorf("hospital: limited %v, margin %s (free %s)", p.Limited, p.Margin, f.Margin)
			}
		case p.Margin.LessThan(f.Margin):
			t.Errorf("%s: margin %s, unlimited %s: it should not fall", p.Plan, p.Margin, f.Margin)
		case !p.Limited && !p.Margin.GreaterThan(f.Margin) && f.AllocShare > 0.01:
			t.Errorf("%s: margin %s, unlimited %s: it should rise", p.Plan, p.Margin, f.Margin)
		}
		t.Logf("  %-22s margin %11s → %11s  contribution %6s → %6s", p.Plan, f.Margin, p.Margin, f.Recommended, p.Recommended)
	}
	pol.MaxChange = 0.01
	res, err = Calibrate(ps, sc2, pol, Options{Paths: 200})
	if !errors.Is(err, ErrInfeasible) || res.Feasible || !(res.NeededMaxChange > 0.01) || !res.NeededDraw.IsPositive() {
		t.Fatalf("max_change 1%%: err %v, needed max_change %v, draw %s", err, res.NeededMaxChange, res.NeededDraw)
	}
	pol.MaxChange = res.NeededMaxChange
	if res2, err := Calibrate(ps, sc2, pol, Options{Paths: 200}); err != nil || res2.PDeficitAfter > pol.TargetDeficitProbability {
		t.Fatalf("with the named max_change %.2f: %v", pol.MaxChange, err)
	}
	t.Logf("max_change 1%%: P(入不敷出) %.4f; needs max_change %.2f or a draw of %s", res.PDeficitAfter, res.NeededMaxChange, res.NeededDraw)
}

// plan_deficit_probability: every plan's own P(入不敷出) is at or under it
// and the fund's target still holds; without it some plan's is above.
func TestPlanDeficitProbability(t *testing.T) {
	b, ps := genBook(t, 60000, 8)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	pol := tightPolicy(b, 0.05)
	res0, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for _, p := range res0.Plans {
		worst = math.Max(worst, p.PDeficit)
	}
	pol.PlanDeficitProbability = 0.1
	res, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	if !(worst > 0.1) {
		t.Errorf("without plan_deficit_probability the worst plan is at %.3f: the test does not test", worst)
	}
	floors := 0
	for _, p := range res.Plans {
		if p.PDeficit > 0.1 {
			t.Errorf("%s: P(入不敷出) %.4f above 0.1", p.Plan, p.PDeficit)
		}
		if p.AtFloor {
			floors++
		}
	}
	if res.PDeficitAfter > pol.TargetDeficitProbability || floors == 0 {
		t.Errorf("fund P(入不敷出) %.4f, %d plans at their own floor", res.PDeficitAfter, floors)
	}
	t.Logf("plans' worst P(入不敷出) %.3f → at most 0.1 (%d plans at their floor); fund %.4f → %.4f", worst, floors, res0.PDeficitAfter, res.PDeficitAfter)
}

// --fix contributions with max_term_change: every term within it; what the
// terms leave short falls to the reserve lever as a planned draw that meets
// the target, or — without a reserve — the run is infeasible with the draw
// that would be needed.
func TestCapsMaxTermChange(t *testing.T) {
	b, ps := genBook(t, 30000, 9)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	sc.MedicalTrend = 0.06 // the current terms fall short of the trended costs
	pol := PolicyFromFund(b.Fund)
	pol.MaxTermChange = 0.05
	res, err := Calibrate(ps, sc, pol, Options{Lever: Caps, Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Plans {
		if p.CapLever == "" {
			continue
		}
		c, r := p.CapCurrent.InexactFloat64(), p.CapRecommended.InexactFloat64()
		if r > c*1.05+1e-9 || r < c*0.95-leverUnit(p.CapLever)-1e-9 {
			t.Errorf("%s: %s %v → %v, beyond 5%%", p.Plan, p.CapLever, c, r)
		}
	}
	if !res.PlannedDraw.IsPositive() || res.PDeficitAfter > pol.TargetDeficitProbability {
		t.Errorf("planned draw %s, P(入不敷出) %.4f", res.PlannedDraw, res.PDeficitAfter)
	}
	t.Logf("terms within 5%%: planned draw %s, P(入不敷出) %.4f", res.PlannedDraw, res.PDeficitAfter)
	tight := tightPolicy(b, 0.05)
	tight.MaxTermChange = 0.05
	res, err = Calibrate(ps, sc, tight, Options{Lever: Caps, Paths: 200})
	if !errors.Is(err, ErrInfeasible) || !res.NeededDraw.IsPositive() || !res.NeededReserve.IsPositive() {
		t.Fatalf("no reserve: err %v, needed draw %s, reserve %s", err, res.NeededDraw, res.NeededReserve)
	}
}

// The reserve test. A planned draw of the whole reserve above the floor:
// the contributions lever raises contributions until the reserve test holds
// (P(入不敷出) then under its target). With the terms kept and a thin
// reserve the test fails: ErrInsolvent, an ErrInfeasible (exit 3); the
// backstop at 95/99% is (VaR_q(S) − net income − (R₀ − floor))+.
func TestSolvency(t *testing.T) {
	b, ps := genBook(t, 30000, 7)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	pol := PolicyFromFund(b.Fund)
	pol.MaxChange = 10
	h := pol.OpeningReserve.Sub(pol.ReserveFloor)
	pol.PlannedReserveDraw = h
	res, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil || !res.Solvent || res.PSolvency > pol.SolvencyProbability || !(res.PDeficitAfter < pol.TargetDeficitProbability) {
		t.Fatalf("a draw of the whole reserve above the floor: err %v, P(reserve below floor) %.4f, P(入不敷出) %.4f", err, res.PSolvency, res.PDeficitAfter)
	}
	t.Logf("draw %s: P(reserve below floor) %.4f, P(入不敷出) %.4f", h, res.PSolvency, res.PDeficitAfter)

	sc.MedicalTrend = 1.2
	pol = PolicyFromFund(b.Fund)
	pol.OpeningReserve = pol.ReserveFloor.Add(decimal.NewFromInt(300_000))
	h = decimal.NewFromInt(300_000)
	res, err = Calibrate(ps, sc, pol, Options{Lever: Reserve, Paths: 200})
	if !errors.Is(err, ErrInsolvent) || !errors.Is(err, ErrInfeasible) || res.Solvent || !(res.PSolvency > pol.SolvencyProbability) || !res.NeededReserve.IsPositive() {
		t.Fatalf("a thin reserve: err %v, P(reserve below floor) %.4f, needed reserve %s", err, res.PSolvency, res.NeededReserve)
	}
	net := res.NetIncome.InexactFloat64()
	for _, c := range []struct {
		q   float64
		got decimal.Decimal
	}{{0.95, res.Backstop95}, {0.99, res.Backstop99}} {
		want := math.Max(0, res.Dist.Total.VaR(c.q)-net-h.InexactFloat64())
		if math.Abs(c.got.InexactFloat64()-want) > 0.01 {
			t.Errorf("backstop %.0f%%: %s, want %.2f", 100*c.q, c.got, want)
		}
	}
	if !res.Backstop99.IsPositive() {
		t.Errorf("backstop 99%% %s: the test does not test", res.Backstop99)
	}
	t.Logf("thin reserve, terms kept: draw %s, P(reserve below floor) %.4f, backstop 95/99%% %s/%s, reserve needed %s",
		res.PlannedDraw, res.PSolvency, res.Backstop95, res.Backstop99, res.NeededReserve)
}

// The projection: its first year agrees with the exact year-end figures (the
// reserve's median with set_aside_ratio of the surplus, P(入不敷出)); with
// costs trending and prices held the yearly P(入不敷出) climbs, and
// re-pricing each year keeps it near the target.
func TestProjection(t *testing.T) {
	b, ps := genBook(t, 30000, 4)
	sc := model.ScenarioFromFund(b.Fund, b.LastYear())
	sc.MedicalTrend = 0.08
	pol := tightPolicy(b, 0.1)
	pol.OpeningReserve = decimal.NewFromInt(1_000_000)
	pol.HorizonYears = 5
	held, err := Calibrate(ps, sc, pol, Options{Paths: 20000})
	if err != nil {
		t.Fatal(err)
	}
	y1 := held.Projection[0]
	se := math.Sqrt(0.1 * 0.9 / 20000)
	if math.Abs(y1.PDeficit-held.PDeficitAfter) > 4*se+0.003 {
		t.Errorf("first year P(入不敷出) simulated %.4f, exact %.4f", y1.PDeficit, held.PDeficitAfter)
	}
	sd := held.Dist.Total.SD()
	if d := math.Abs(y1.P50.Sub(held.Reserve50).InexactFloat64()); d > 0.05*sd {
		t.Errorf("first year median reserve simulated %s, exact %s (sd of benefits %.0f)", y1.P50, held.Reserve50, sd)
	}
	want50 := pol.OpeningReserve.InexactFloat64() + reserveChange(held.NetIncome.InexactFloat64()-held.Dist.Total.VaR(0.5), pol.SetAsideRatio)
	if math.Abs(held.Reserve50.InexactFloat64()-want50) > 0.01 {
		t.Errorf("median reserve %s, want %.2f (set_aside_ratio of the surplus)", held.Reserve50, want50)
	}
	rep, err := Calibrate(ps, sc, pol, Options{Paths: 20000, Reprice: true})
	if err != nil {
		t.Fatal(err)
	}
	last := len(held.Projection) - 1
	ph, pr := held.Projection[last].PDeficit, rep.Projection[last].PDeficit
	if !(ph > 2*pol.TargetDeficitProbability) || !(pr < ph) || pr > 2*pol.TargetDeficitProbability {
		t.Errorf("year %d P(入不敷出): held %.3f, re-priced %.3f (target %.2f)", held.Projection[last].Year, ph, pr, pol.TargetDeficitProbability)
	}
	for i := range held.Projection {
		h, r := held.Projection[i], rep.Projection[i]
		t.Logf("%d  held: P(入不敷出) %.3f, reserve 5/50/95%% %s/%s/%s   re-priced: %.3f, income %s, reserve %s/%s/%s",
			h.Year, h.PDeficit, h.P5, h.P50, h.P95, r.PDeficit, r.Income, r.P5, r.P50, r.P95)
	}
}
