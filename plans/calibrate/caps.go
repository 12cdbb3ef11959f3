package calibrate

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// CapLevers are the benefit terms the caps lever can solve for.
// BandLevers (bandlever.go) are the last two.
var CapLevers = []string{"annual_cap", "claim_cap", "daily_amount", "ratio", "lump_sum", "band_start", "band_ratio"}

// capLever picks the term to solve for in plan t: the one asked for when the
// plan has it, else its kind's natural lever (the annual or claim cap of a
// medical plan, the daily amount of an allowance, the lump sum of the
// others).
func capLever(t *plans.Terms, want string) string {
	has := map[string]bool{
		"annual_cap":   t.AnnualCap.Valid,
		"claim_cap":    t.ClaimCap.Valid && t.Kind.Allows(plans.Medical) && len(t.Bands)+len(t.OutpatientBands) == 0, // a banded plan's claim cap is at or above its annual cap (model.CheckBandTerms)
		"daily_amount": t.DailyAmount.Valid && t.Kind.Allows(plans.Day),
		"ratio":        t.Kind.Allows(plans.Medical) && t.Ratios[0].Valid,
		"lump_sum":     t.LumpSum.Valid,
		"band_start":   bandStartOK(t), // bandlever.go
		"band_ratio":   bandRatioOK(t),
	}
	if want == "" {
		want = "annual_cap"
	}
	if has[want] {
		return want
	}
	for _, l := range []string{"annual_cap", "claim_cap", "daily_amount", "ratio", "lump_sum"} {
		if has[l] {
			return l
		}
	}
	return ""
}

// leverValue returns the current value of a lever (the ratio lever is a
// factor on the three ratios: 1 now).
func leverValue(t *plans.Terms, lever string) float64 {
	switch lever {
	case "annual_cap":
		return t.AnnualCap.Decimal.InexactFloat64()
	case "claim_cap":
		return t.ClaimCap.Decimal.InexactFloat64()
	case "daily_amount":
		return t.DailyAmount.Decimal.InexactFloat64()
	case "lump_sum":
		return t.LumpSum.Decimal.InexactFloat64()
	case "band_start":
		return bandLeverValue(t, lever)
	}
	return 1
}

// withLever returns a copy of t with the lever set to x, rounded down to the
// unit the term is stated in (10 yuan for caps and lump sums, 0.1 yuan for a
// daily amount, 0.001 for a ratio).
func withLever(t *plans.Terms, lever string, x float64) (*plans.Terms, decimal.Decimal) {
	if IsBandLever(lever) {
		return withBandLever(t, lever, x) // bandlever.go
	}
	c := *t
	nd := func(v decimal.Decimal) decimal.NullDecimal { return decimal.NewNullDecimal(v) }
	down := func(x float64, unit string) decimal.Decimal {
		u := decimal.RequireFromString(unit)
		return decimal.NewFromFloat(x).Div(u).Floor().Mul(u)
	}
	var v decimal.Decimal
	switch lever {
	case "annual_cap":
		v = down(x, "10")
		c.AnnualCap = nd(v)
		// A banded plan's claim cap is at or above its annual cap
		// (model.CheckBandTerms), where it never binds: it follows the
		// annual cap up, so that a claim can still take the whole year's
		// cap (docs/calibrate.md).
		if len(t.Bands)+len(t.OutpatientBands) > 0 && t.ClaimCap.Valid && t.ClaimCap.Decimal.LessThan(v) {
			c.ClaimCap = nd(v)
		}
	case "claim_cap":
		v = down(x, "10")
		c.ClaimCap = nd(v)
	case "daily_amount":
		v = down(x, "0.1")
		c.DailyAmount = nd(v)
	case "lump_sum":
		v = down(x, "10")
		c.LumpSum = nd(v)
	case "ratio":
		f := down(x, "0.001")
		for i := range c.Ratios {
			if t.Ratios[i].Valid {
				r := decimal.Min(decimal.NewFromInt(1), t.Ratios[i].Decimal.Mul(f)).Round(3)
				c.Ratios[i] = nd(r)
			}
		}
		v = c.Ratio(1)
	}
	return &c, v
}

// calibrateCaps keeps contributions and solves, per plan, the lever at which
// expected benefits plus the plan's margin equal its net income plus its
// share of the planned draw. The plan's margin is its Euler share of the
// fund's (what the targets need above expected benefits) or, with
// plan_deficit_probability β, at least VaR_{1−β}(S_p) − E[S_p]. The margin
// and its allocation come from the distribution at the terms of the previous
// round. Each term moves at most max_term_change; what the bounded terms
// leave short falls to the reserve lever (the planned draw that meets the
// targets, when the reserve above its floor has it), else the run is
// infeasible with the draw and reserve needed. The root is found by
// bisection on the expected benefits at the central node, corrected by the
// mixing's effect at the solution.
func calibrateCaps(res *Result, ps []*model.Plan, sc *model.Scenario, pol Policy, o Options, fd *model.FundDist, cur []decimal.Decimal) error {
	keep := 1 - pol.ExpenseRatio
	alpha := pol.TargetDeficitProbability
	draw := pol.PlannedReserveDraw.InexactFloat64()
	mtc := pol.termChange()
	terms := map[string]*plans.Terms{}
	for k, v := range sc.Terms {
		terms[k] = v
	}
	levers := make([]string, len(ps))
	values := make([]decimal.Decimal, len(ps))
	bound := make([]bool, len(ps))
	// Rounds until every plan's margin moves by less than a quarter yuan a
	// share (raising benefits raises the fund's tail and so the margins).
	prev := make([]float64, len(ps))
	var boundNotes []string
	margins := func(fd *model.FundDist) ([]float64, []float64, error) {
		need, _ := netNeed(fd, pol, draw)
		margin := math.Max(0, need+draw-fd.Total.Mean())
		_, tail, err := fd.TailMeans(1 - alpha)
		if err != nil {
			return nil, nil, err
		}
		alloc := allocation(fd, tail)
		m := make([]float64, len(fd.Plans))
		for i, pd := range fd.Plans {
			m[i] = alloc[i] * margin
			if b := pol.PlanDeficitProbability; b > 0 {
				m[i] = math.Max(m[i], pd.Total.VaR(1-b)-pd.Total.Mean())
			}
		}
		return m, alloc, nil
	}
	for round := 0; round < 6; round++ {
		m, _, err := margins(fd)
		if err != nil {
			return err
		}
		draws := drawShares(fd, draw)
		converged := round > 0
		for i := range ps {
			if math.Abs(m[i]-prev[i]) > 0.25*fd.Plans[i].Shares {
				converged = false
			}
			prev[i] = m[i]
		}
		if converged {
			break
		}
		boundNotes = boundNotes[:0]
		for i, p := range ps {
			base := p0(p, sc)
			lever := capLever(base, o.CapLever)
			levers[i] = lever
			if lever == "" {
				values[i] = decimal.Zero
				continue
			}
			target := fd.Plans[i].Contributions*keep + draws[i] - m[i]
			x, v, at, err := solveLever(p, base, lever, target, mtc, sc, o)
			if err != nil {
				return fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
			}
			bound[i] = at != 0
			switch {
			case at != 0 && lever == "band_start": // bandlever.go: its benefits fall as it rises
				boundNotes = append(boundNotes, bandStartNote(p.Terms.Plan, at))
			case at < 0:
				boundNotes = append(boundNotes, fmt.Sprintf("plan %s: %s held at its lowest allowed value by max_term_change; the plan's expected benefits and margin still exceed its income", p.Terms.Plan, lever))
			case at > 0:
				boundNotes = append(boundNotes, fmt.Sprintf("plan %s: %s held at its highest allowed value; the plan's income still exceeds its expected benefits and margin", p.Terms.Plan, lever))
			}
			values[i] = v
			nt, _ := withLever(base, lever, x)
			terms[p.Terms.Plan] = nt
		}
		sc2 := *sc
		sc2.Terms = terms
		var err2 error
		if fd, err2 = model.Exact(ps, &sc2, o.Exact); err2 != nil {
			return err2
		}
	}
	res.Notes = append(res.Notes, boundNotes...)
	res.Dist = fd
	gross := decimal.Zero
	var per []decimal.Decimal
	for _, pd := range fd.Plans {
		inc := decimal.NewFromFloat(pd.Contributions).Round(2)
		per = append(per, inc)
		gross = gross.Add(inc)
	}
	m, alloc, err := margins(fd)
	if err != nil {
		return err
	}
	// What the bounded terms leave short falls to the reserve lever: the
	// least planned draw that meets the targets.
	net := gross.InexactFloat64() * keep
	need := math.Max(draw, fd.Total.VaR(1-alpha)-net)
	if b := pol.PlanDeficitProbability; b > 0 {
		tot := fd.Total.Mean()
		for i, pd := range fd.Plans {
			if e := pd.Total.Mean(); e > 0 {
				need = math.Max(need, (pd.Total.VaR(1-b)-per[i].InexactFloat64()*keep)*tot/e)
			}
		}
	}
	if need > draw*(1+tol)+0.005 {
		d := decimal.NewFromFloat(need).Mul(decimal.NewFromInt(100)).Ceil().Div(decimal.NewFromInt(100))
		if need <= pol.headroom() {
			res.Notes = append(res.Notes, fmt.Sprintf("the terms within max_term_change leave the targets short: the reserve lever plans a draw of %s", d.StringFixed(2)))
			res.PlannedDraw = d
		} else {
			res.Notes = append(res.Notes, fmt.Sprintf("the terms within max_term_change leave the targets short, and the draw that would meet them, %s, exceeds the reserve above its floor", d.StringFixed(2)))
			res.Feasible = false
		}
	}
	draws := drawShares(fd, res.PlannedDraw.InexactFloat64())
	mar := 0.0
	for i, pd := range fd.Plans {
		pr := planRec(ps[i], pd, cur[i], cur[i], cur[i], false, per[i], keep, draws[i], alpha)
		pr.AllocShare = alloc[i]
		pr.Margin = fen(m[i])
		mar += m[i]
		pr.CapLever = levers[i]
		pr.CapLimited = bound[i]
		if levers[i] != "" {
			base := p0(ps[i], sc)
			pr.CapCurrent = decimal.NewFromFloat(leverValue(base, levers[i]))
			if levers[i] == "ratio" {
				pr.CapCurrent = base.Ratio(1)
			}
			if levers[i] == "band_ratio" {
				pr.CapCurrent = firstBandRatio(base)
			}
			pr.CapRecommended = values[i]
		}
		pr.Terms = pd.Terms
		res.Plans = append(res.Plans, pr)
	}
	res.Margin = fen(mar)
	res.finish(fd, gross, keep)
	if !res.Feasible || !res.meetsTargets() {
		res.Feasible = false
		res.needed(fd, keep)
	}
	return nil
}

func p0(p *model.Plan, sc *model.Scenario) *plans.Terms {
	if sc.Terms != nil {
		if t, ok := sc.Terms[p.Terms.Plan]; ok {
			return t
		}
	}
	return p.Terms
}

// solveLever finds the lever value x at which the plan's expected benefits
// (mixed over the scenario's nodes) equal target, within max_term_change of
// the current value (and at most 20 times it; the ratio lever's first ratio
// at most 100%). at is −1 when even the lowest allowed value pays more than
// target, +1 when the highest pays less, 0 inside.
func solveLever(p *model.Plan, base *plans.Terms, lever string, target, mtc float64, sc *model.Scenario, o Options) (x float64, v decimal.Decimal, at int, err error) {
	if IsBandLever(lever) {
		return solveBandLever(p, base, lever, target, mtc, sc, o) // bandlever.go
	}
	cur := leverValue(base, lever)
	lo, hi := cur*math.Max(0, 1-mtc), math.Min(cur*(1+mtc), 20*math.Max(cur, 1))
	if lever == "ratio" {
		hi = math.Min(1+mtc, 1/math.Max(base.Ratio(1).InexactFloat64(), 1e-3)) // the first ratio reaches 100%
	}
	// The bounds rounded to the term's unit, inward.
	u := leverUnit(lever)
	lo, hi = math.Ceil(lo/u-1e-9)*u, math.Max(lo, math.Floor(hi/u+1e-9)*u)
	if hi < lo {
		hi = lo
	}
	x, at, err = solveTerm(lo, hi, u, target, func(x float64, mixed bool) (float64, error) {
		t, _ := withLever(base, lever, x)
		return expectedBenefits(p, t, sc, mixed, o.Exact)
	})
	if err != nil {
		return 0, decimal.Zero, 0, err
	}
	_, v = withLever(base, lever, x)
	return x, v, at, nil
}

// solveTerm finds, by bisection to a quarter of the term's unit u, the
// value x between the least generous allowed value lean and the most
// generous gen at which the plan's expected benefits eb(x, mixed) equal
// target: first at the central node, then again with the target moved by
// the mixing's correction (E over the nodes differs from the central value
// by about the same amount near the root). It keeps the end that pays at
// most the goal. at is −1 when even lean pays more than the goal, +1 when
// gen pays less, 0 inside. lean may lie above gen (a term whose rise pays
// less, band_start).
func solveTerm(lean, gen, u, target float64, eb func(x float64, mixed bool) (float64, error)) (x float64, at int, err error) {
	central := func(x float64) (float64, error) { return eb(x, false) }
	solve := func(goal float64) (float64, int, error) {
		f, err := central(lean)
		if err != nil {
			return 0, 0, err
		}
		if f > goal {
			return lean, -1, nil
		}
		if f, err = central(gen); err != nil {
			return 0, 0, err
		}
		if f <= goal {
			return gen, 1, nil
		}
		ok, bad := lean, gen
		for it := 0; it < 60 && math.Abs(bad-ok) > u/4; it++ {
			mid := (ok + bad) / 2
			f, err := central(mid)
			if err != nil {
				return 0, 0, err
			}
			if f <= goal {
				ok = mid
			} else {
				bad = mid
			}
		}
		return ok, 0, nil
	}
	if x, _, err = solve(target); err != nil {
		return 0, 0, err
	}
	mixed, err := eb(x, true)
	if err != nil {
		return 0, 0, err
	}
	c, err := central(x)
	if err != nil {
		return 0, 0, err
	}
	return solve(target - (mixed - c))
}

// expectedBenefits is model.ExpectedBenefits, through the options' plan
// cache when there is one (the search asks for the same terms again: the
// ends of the range in each of its solves and rounds, and a batch's runs
// with the same plan and scenario the whole search).
func expectedBenefits(p *model.Plan, t *plans.Terms, sc *model.Scenario, mixed bool, o *model.ExactOptions) (float64, error) {
	if o == nil {
		return model.ExpectedBenefits(p, t, sc, mixed, o)
	}
	return o.Cache.ExpectedBenefits(p, t, sc, mixed, o)
}

// leverUnit is the unit a lever is stated in (withLever rounds to it).
func leverUnit(lever string) float64 {
	switch lever {
	case "daily_amount":
		return 0.1
	case "ratio", "band_ratio":
		return 0.001
	}
	return 10
}
