package calibrate

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// CapLevers are the benefit terms the caps lever can solve for.
var CapLevers = []string{"annual_cap", "claim_cap", "daily_amount", "ratio", "lump_sum"}

// capLever picks the term to solve for in plan t: the one asked for when the
// plan has it, else its kind's natural lever (the annual or claim cap of a
// medical plan, the daily amount of an allowance, the lump sum of the
// others).
func capLever(t *plans.Terms, want string) string {
	has := map[string]bool{
		"annual_cap":   t.AnnualCap.Valid,
		"claim_cap":    t.ClaimCap.Valid && t.Kind.Allows(plans.Medical),
		"daily_amount": t.DailyAmount.Valid && t.Kind.Allows(plans.Day),
		"ratio":        t.Kind.Allows(plans.Medical) && t.Ratios[0].Valid,
		"lump_sum":     t.LumpSum.Valid,
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
	}
	return 1
}

// withLever returns a copy of t with the lever set to x, rounded down to the
// unit the term is stated in (10 yuan for caps and lump sums, 0.1 yuan for a
// daily amount, 0.001 for a ratio).
func withLever(t *plans.Terms, lever string, x float64) (*plans.Terms, decimal.Decimal) {
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
// expected benefits plus the plan's share of the risk margin equal its income
// net of expenses. The margin and its allocation come from the distribution
// at the terms of the previous round (two rounds: the margin moves little
// with the terms). The root is found by bisection on the expected benefits
// at the central node, corrected by the mixing's effect at the solution.
func calibrateCaps(res *Result, ps []*model.Plan, sc *model.Scenario, pol Policy, o Options, fd *model.FundDist, cur []decimal.Decimal) error {
	keep := 1 - pol.ExpenseRatio
	headroom := pol.headroom()
	alpha := pol.TargetDeficitProbability
	terms := map[string]*plans.Terms{}
	for k, v := range sc.Terms {
		terms[k] = v
	}
	levers := make([]string, len(ps))
	values := make([]decimal.Decimal, len(ps))
	var infeasible []string
	// Rounds until every plan's margin moves by less than a quarter yuan a
	// share (raising benefits raises the fund's tail and so the margins).
	prev := make([]float64, len(ps))
	var boundNotes []string
	for round := 0; round < 6; round++ {
		varS := fd.Total.VaR(1 - alpha)
		mean := fd.Total.Mean()
		margin := math.Max(0, varS-headroom-mean)
		_, tail, err := fd.TailMeans(1 - alpha)
		if err != nil {
			return err
		}
		alloc := allocation(fd, tail)
		converged := round > 0
		for i := range ps {
			m := alloc[i] * margin
			if math.Abs(m-prev[i]) > 0.25*fd.Plans[i].Shares {
				converged = false
			}
			prev[i] = m
		}
		if converged {
			break
		}
		infeasible = infeasible[:0]
		boundNotes = boundNotes[:0]
		for i, p := range ps {
			base := p.Terms
			if sc.Terms != nil {
				if u, ok := sc.Terms[p.Terms.Plan]; ok {
					base = u
				}
			}
			lever := capLever(base, o.CapLever)
			levers[i] = lever
			if lever == "" {
				values[i] = decimal.Zero
				continue
			}
			target := fd.Plans[i].Contributions*keep - alloc[i]*margin
			x, v, ok, err := solveLever(p, base, lever, target, sc, o)
			if err != nil {
				return fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
			}
			if !ok {
				infeasible = append(infeasible, p.Terms.Plan)
			}
			if ok && lever != "ratio" && x >= 20*math.Max(leverValue(base, lever), 1)*(1-1e-12) {
				boundNotes = append(boundNotes, fmt.Sprintf("plan %s: %s stops at 20 times its current value; the plan's income still exceeds its expected benefits and margin", p.Terms.Plan, lever))
			}
			if ok && lever == "ratio" && x >= 1/math.Max(base.Ratio(1).InexactFloat64(), 1e-3)*(1-1e-12) {
				boundNotes = append(boundNotes, fmt.Sprintf("plan %s: the first ratio reaches 100%%; the plan's income still exceeds its expected benefits and margin", p.Terms.Plan))
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
	res.PDeficitAfter = fd.Total.ExceedProb(gross.InexactFloat64()*keep + headroom)
	varS := fd.Total.VaR(1 - alpha)
	res.Margin = fen(math.Max(0, varS-headroom-fd.Total.Mean()))
	_, tail, err := fd.TailMeans(1 - alpha)
	if err != nil {
		return err
	}
	alloc := allocation(fd, tail)
	for i, pd := range fd.Plans {
		pr := planRec(ps[i], pd, cur[i], cur[i], cur[i], false, per[i], keep)
		pr.AllocShare = alloc[i]
		pr.Margin = fen(alloc[i] * res.Margin.InexactFloat64())
		pr.CapLever = levers[i]
		if levers[i] != "" {
			base := p0(ps[i], sc)
			pr.CapCurrent = decimal.NewFromFloat(leverValue(base, levers[i]))
			if levers[i] == "ratio" {
				pr.CapCurrent = base.Ratio(1)
			}
			pr.CapRecommended = values[i]
		}
		pr.Terms = pd.Terms
		res.Plans = append(res.Plans, pr)
	}
	res.finish(fd, gross, keep, headroom, alpha)
	if len(infeasible) > 0 || res.PDeficitAfter > alpha*(1+1e-9) {
		res.Feasible = false
		res.NeededReserve = fen(varS - gross.InexactFloat64()*keep - headroom)
		for _, p := range infeasible {
			res.Notes = append(res.Notes, fmt.Sprintf("plan %s: even a lever of 0 does not bring expected benefits and margin within its income", p))
		}
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
// (mixed over the scenario's nodes) equal target; ok is false when even 0
// pays more. x is capped at 20 times the current value.
func solveLever(p *model.Plan, base *plans.Terms, lever string, target float64, sc *model.Scenario, o Options) (x float64, v decimal.Decimal, ok bool, err error) {
	cur := leverValue(base, lever)
	hi := 20 * math.Max(cur, 1)
	if lever == "ratio" {
		hi = 1 / math.Max(base.Ratio(1).InexactFloat64(), 1e-3) // the first ratio reaches 100%
	}
	central := func(x float64) (float64, error) {
		t, _ := withLever(base, lever, x)
		return model.ExpectedBenefits(p, t, sc, false, o.Exact)
	}
	solve := func(goal float64) (float64, bool, error) {
		lo, up := 0.0, hi
		flo, err := central(lo)
		if err != nil {
			return 0, false, err
		}
		if flo > goal {
			return 0, false, nil
		}
		fhi, err := central(up)
		if err != nil {
			return 0, false, err
		}
		if fhi <= goal {
			return up, true, nil
		}
		for it := 0; it < 60 && up-lo > leverUnit(lever)/4; it++ {
			mid := (lo + up) / 2
			f, err := central(mid)
			if err != nil {
				return 0, false, err
			}
			if f <= goal {
				lo = mid
			} else {
				up = mid
			}
		}
		return lo, true, nil
	}
	x, ok, err = solve(target)
	if err != nil || !ok {
		_, vv := withLever(base, lever, x)
		return x, vv, ok, err
	}
	// Correct for the mixing: E over the nodes differs from the central
	// value by about the same amount near the root.
	t, _ := withLever(base, lever, x)
	mixed, err := model.ExpectedBenefits(p, t, sc, true, o.Exact)
	if err != nil {
		return 0, decimal.Zero, false, err
	}
	c, err := central(x)
	if err != nil {
		return 0, decimal.Zero, false, err
	}
	x, ok, err = solve(target - (mixed - c))
	_, v = withLever(base, lever, x)
	return x, v, ok, err
}

// leverUnit is the unit a lever is stated in (withLever rounds to it).
func leverUnit(lever string) float64 {
	switch lever {
	case "daily_amount":
		return 0.1
	case "ratio":
		return 0.001
	}
	return 10
}
