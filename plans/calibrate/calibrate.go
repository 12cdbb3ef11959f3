// Package calibrate recommends next year's contributions, benefit terms and
// reserve draw, on the exact distributions of plans/model, against three
// probabilities:
//
//   - the fund's 入不敷出 (target_deficit_probability α): the year's benefits
//     S exceed its net contributions, P(S > I·(1 − e) + D) ≤ α, I the gross
//     contributions, e the expense ratio and D the board's planned draw on
//     the reserve (planned_reserve_draw); so I·(1 − e) ≥ VaR_{1−α}(S) − D;
//   - each plan's own 入不敷出 (plan_deficit_probability β, when set):
//     P(S_p > I_p·(1 − e) + D_p) ≤ β, D_p the plan's share of the draw;
//   - the reserve test (solvency_probability): the reserve ends the year
//     below its floor, P(S > I·(1 − e) + R₀ − floor) ≤ s.
//
// The reserve does not replace the risk margin: it is the line behind the
// contributions, and spending it to lower them is the board's explicit draw.
package calibrate

import (
	"errors"
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// Policy is the Fund sheet's policy, each key overridable by a flag.
type Policy struct {
	TargetDeficitProbability float64
	// PlanDeficitProbability bounds each plan's own probability; 0 = not applied.
	PlanDeficitProbability float64
	// PlannedReserveDraw lowers the year's contributions by that much.
	PlannedReserveDraw  decimal.Decimal
	SolvencyProbability float64
	OpeningReserve      decimal.Decimal
	ReserveFloor        decimal.Decimal
	ExpenseRatio        float64
	SetAsideRatio       float64
	MaxChange           float64
	// MaxTermChange bounds each benefit term's change (caps lever); 0 = MaxChange.
	MaxTermChange float64
	Rounding      decimal.Decimal
	HorizonYears  int
}

// PolicyFromFund reads the policy of the Fund sheet.
func PolicyFromFund(f book.Fund) Policy {
	p := Policy{TargetDeficitProbability: f.TargetDeficitProbability, PlanDeficitProbability: f.PlanDeficitProbability,
		PlannedReserveDraw: f.PlannedReserveDraw, SolvencyProbability: f.SolvencyProbability,
		OpeningReserve: f.OpeningReserve, ReserveFloor: f.ReserveFloor,
		ExpenseRatio: f.ExpenseRatio, SetAsideRatio: f.SetAsideRatio, MaxChange: f.MaxChange, MaxTermChange: f.MaxTermChange,
		Rounding: f.Rounding, HorizonYears: f.HorizonYears}
	if p.MaxTermChange == 0 {
		p.MaxTermChange = p.MaxChange
	}
	return p
}

// Validate checks the policy's values.
func (p Policy) Validate() error {
	var errs []error
	if !(p.TargetDeficitProbability > 0 && p.TargetDeficitProbability < 0.5) {
		errs = append(errs, fmt.Errorf("target_deficit_probability %v: expected between 0 and 0.5", p.TargetDeficitProbability))
	}
	if p.PlanDeficitProbability != 0 && !(p.PlanDeficitProbability > 0 && p.PlanDeficitProbability < 0.5) {
		errs = append(errs, fmt.Errorf("plan_deficit_probability %v: expected between 0 and 0.5, or empty", p.PlanDeficitProbability))
	}
	if !(p.SolvencyProbability > 0 && p.SolvencyProbability < 0.5) {
		errs = append(errs, fmt.Errorf("solvency_probability %v: expected between 0 and 0.5", p.SolvencyProbability))
	}
	if p.PlannedReserveDraw.IsNegative() {
		errs = append(errs, fmt.Errorf("planned_reserve_draw %s: expected 0 or more yuan", p.PlannedReserveDraw))
	}
	if !(p.ExpenseRatio >= 0 && p.ExpenseRatio < 1) {
		errs = append(errs, fmt.Errorf("expense_ratio %v: expected from 0 to below 1", p.ExpenseRatio))
	}
	if !(p.SetAsideRatio >= 0 && p.SetAsideRatio <= 1) {
		errs = append(errs, fmt.Errorf("set_aside_ratio %v: expected from 0 to 1", p.SetAsideRatio))
	}
	if !(p.MaxChange > 0 && p.MaxChange <= 10) {
		errs = append(errs, fmt.Errorf("max_change %v: expected above 0 (0.2 = 20%%)", p.MaxChange))
	}
	if !(p.MaxTermChange >= 0 && p.MaxTermChange <= 10) {
		errs = append(errs, fmt.Errorf("max_term_change %v: expected above 0 (0.2 = 20%%)", p.MaxTermChange))
	}
	if !p.Rounding.IsPositive() {
		errs = append(errs, fmt.Errorf("rounding %s: expected a positive amount of yuan", p.Rounding))
	}
	if p.OpeningReserve.IsNegative() || p.ReserveFloor.IsNegative() {
		errs = append(errs, errors.New("opening_reserve and reserve_floor must not be negative"))
	}
	if p.HorizonYears < 1 || p.HorizonYears > 30 {
		errs = append(errs, fmt.Errorf("horizon_years %d: expected 1 to 30", p.HorizonYears))
	}
	return errors.Join(errs...)
}

// headroom is the reserve above the floor.
func (p Policy) headroom() float64 {
	return p.OpeningReserve.Sub(p.ReserveFloor).InexactFloat64()
}

// termChange is max_term_change, max_change when not set.
func (p Policy) termChange() float64 {
	if p.MaxTermChange > 0 {
		return p.MaxTermChange
	}
	return p.MaxChange
}

// Lever says what is solved for.
type Lever string

// Levers.
const (
	Contributions Lever = "contributions" // the default: contributions per share
	Caps          Lever = "caps"          // contributions fixed: a benefit term per plan
	Reserve       Lever = "reserve"       // all terms fixed: the planned draw on the reserve
)

// Options control Calibrate.
type Options struct {
	Lever Lever
	// CapLever is the term Caps solves for: annual_cap (default), claim_cap,
	// daily_amount, ratio or lump_sum; a plan without it uses its kind's
	// natural lever (see capLever).
	CapLever string
	Exact    *model.ExactOptions
	// Paths and Seed drive the reserve projection's simulation; Reprice
	// re-prices contributions each year of it (else they are held).
	Paths   int
	Seed    uint64
	Reprice bool
}

// PlanRec is one plan's recommendation. Money is yuan; contributions are per
// share per period (the Plans sheet's unit), the rest per year.
type PlanRec struct {
	Plan, Name  string
	PeriodYears int
	Members     float64
	Shares      float64
	// Current and Recommended contribution per share per period; Required
	// is the unrounded one before max_change; Limited says max_change bound
	// it. Standalone is the contribution the plan's own benefits need for
	// the fund's target α on their own, VaR_{1−α}(S_p) less its draw share
	// (unrounded): a plan above it carries part of other plans' risk, by the
	// allocation.
	Current, Recommended, Required, Standalone decimal.Decimal
	Change                                     float64 // Recommended/Current − 1
	Limited                                    bool
	// AtFloor says the plan's margin is at its floor (0, or what
	// plan_deficit_probability needs) rather than its share of the fund's.
	AtFloor bool
	// Expected benefits of the year and per share; Margin is the plan's
	// margin above its expected benefits (less its draw share) before
	// rounding; AllocShare its Euler share of the fund's tail.
	Expected, ExpectedPerShare, Margin decimal.Decimal
	AllocShare                         float64
	// Draw is the plan's share of the planned draw (by expected benefits).
	Draw decimal.Decimal
	// Income is the year's contributions at the recommended price (gross);
	// LossRatio expected benefits over it; PDeficit the plan's own chance
	// of 入不敷出, P(S_p > Income·(1 − e) + Draw).
	Income    decimal.Decimal
	LossRatio float64
	PDeficit  float64
	// CapLever, CapCurrent and CapRecommended: the benefit term solved for
	// (Caps lever only); CapLimited says max_term_change bound it.
	CapLever                   string
	CapCurrent, CapRecommended decimal.Decimal
	CapLimited                 bool
	Terms                      *plans.Terms // the recommended terms
	// Classes are the plan's rate classes' prices (nil when the plan has
	// none; classes.go).
	Classes []ClassRec
}

// YearBand is the reserve's projection for one year.
type YearBand struct {
	Year int
	// PBelowFloor is the chance the reserve ends the year below its floor;
	// PDeficit the chance of the year's 入不敷出 (benefits above net
	// contributions plus the planned draw).
	PBelowFloor, PDeficit float64
	P5, P50, P95          decimal.Decimal
	ExpectedBenefit       decimal.Decimal
	Income                decimal.Decimal // expected gross contributions
}

// Result is a calibration.
type Result struct {
	Year   int
	Lever  Lever
	Policy Policy
	Plans  []PlanRec
	// The fund: income at the recommended terms (gross, expenses, net),
	// expected benefits, the risk margin (net income + planned draw −
	// expected benefits, before rounding), and the chance of 入不敷出 before
	// (current terms) and after, both with the planned draw.
	Income, Expenses, NetIncome, Expected, Margin decimal.Decimal
	CurrentIncome                                 decimal.Decimal
	// Unearned is the unearned-contribution liability at the year's end, at
	// the recommended terms: what the members of multi-year plans paid for
	// the years after it (the new cohort's (period_years − 1) ÷ period_years
	// of its contribution and the running cohorts' remaining years).
	Unearned                      decimal.Decimal
	PDeficitBefore, PDeficitAfter float64
	// RequiredNet is the net income (contributions less expenses) the
	// recommendation stands on before rounding to the rounding unit: Σ of
	// the plans' (contributions lever; the net income otherwise).
	RequiredNet decimal.Decimal
	// VaR is VaR_{1−α} of the year's benefits (after, for the caps lever).
	VaR decimal.Decimal
	// PlannedDraw is the draw on the reserve the contributions count on:
	// the policy's, or the reserve lever's solution.
	PlannedDraw decimal.Decimal
	// PSolvency is the chance the reserve ends the year below its floor,
	// P(S > net income + R₀ − floor); Solvent that it is at or under
	// solvency_probability.
	PSolvency float64
	Solvent   bool
	// Backstop95 and Backstop99 are what the union federation's backstop
	// (兜底) would pay to keep the reserve at its floor, (S − net income −
	// (R₀ − floor))+, at the 95th and 99th percentiles.
	Backstop95, Backstop99 decimal.Decimal
	// MaxDraw is the largest planned draw the reserve test allows (the
	// contributions lowered by the extra draw; at most R₀ − floor; negative:
	// the reserve is short of the test by that much). Draw is the expected
	// draw (an expected shortfall of net income), SetAside the expected
	// set-aside (set_aside_ratio × an expected surplus).
	MaxDraw, Draw, SetAside decimal.Decimal
	// Reserve at the end of the year (a surplus adds set_aside_ratio of
	// itself, a shortfall is drawn in full): 5%, 50%, 95% points.
	Reserve5, Reserve50, Reserve95 decimal.Decimal
	Projection                     []YearBand
	// Feasible is false when a target cannot be met under the policy (the
	// fund's, a plan's, or the reserve test); Needed says what would meet it.
	Feasible        bool
	NeededMaxChange float64 // the max_change that would reach the target (contributions)
	// NeededDraw is the planned draw that would reach the fund's target;
	// NeededReserve the extra reserve above the floor the reserve test (or
	// that draw) needs.
	NeededDraw, NeededReserve decimal.Decimal
	Notes                     []string
	// Dist are the distributions at the recommended terms (Caps: after).
	Dist *model.FundDist
}

// ErrInfeasible marks a result whose targets cannot be met.
var ErrInfeasible = errors.New("the targets cannot be met under the policy")

// ErrInsolvent marks a result that fails the reserve test with the levers in
// use; it is an ErrInfeasible (errors.Is), exit code 3.
var ErrInsolvent = fmt.Errorf("%w: the reserve test (solvency_probability) fails", ErrInfeasible)

// tol is the relative slack of a probability test (floating point).
const tol = 1e-9

// Calibrate solves for the lever and projects the reserve.
func Calibrate(ps []*model.Plan, sc *model.Scenario, pol Policy, o Options) (*Result, error) {
	if err := pol.Validate(); err != nil {
		return nil, err
	}
	if o.Lever == "" {
		o.Lever = Contributions
	}
	if o.Lever == Caps && (o.Exact == nil || o.Exact.Cache == nil) {
		// The caps lever prices the plans again each round, and its search
		// asks for the same terms more than once: a cache of its own keeps
		// what does not change (the same numbers).
		var eo model.ExactOptions
		if o.Exact != nil {
			eo = *o.Exact
		}
		eo.Cache = model.NewPlanCache()
		o.Exact = &eo
	}
	fd, err := model.Exact(ps, sc, o.Exact)
	if err != nil {
		return nil, err
	}
	res := &Result{Lever: o.Lever, Policy: pol, Feasible: true, Dist: fd, PlannedDraw: pol.PlannedReserveDraw}
	keep := 1 - pol.ExpenseRatio
	cur := make([]decimal.Decimal, len(ps)) // current contribution per share per period
	for i, p := range ps {
		cur[i] = sc.TermsOf(p).Contribution
		if c, ok := currentByClass(p, sc); ok { // classes.go
			cur[i] = c
		}
	}
	curGross, _ := income(fd, cur)
	res.CurrentIncome = curGross
	draw := pol.PlannedReserveDraw.InexactFloat64()
	res.PDeficitBefore = fd.Total.ExceedProb(curGross.InexactFloat64()*keep + draw)

	switch o.Lever {
	case Contributions:
		err = calibrateContributions(res, ps, fd, pol, cur)
	case Caps:
		err = calibrateCaps(res, ps, sc, pol, o, fd, cur)
	case Reserve:
		err = calibrateReserve(res, ps, fd, pol, cur)
	default:
		return nil, fmt.Errorf("calibrate: unknown lever %q", o.Lever)
	}
	if err != nil {
		return nil, err
	}
	if err := splitClasses(res, ps, sc, o); err != nil { // classes.go
		return nil, err
	}
	res.Unearned = unearned(res.Dist, res.Plans)
	if !res.Feasible || !res.Solvent {
		res.needed(res.Dist, keep)
	}
	res.Year = sc.Years
	for _, p := range ps {
		res.Year = max(res.Year, p.LastYear+sc.Years)
	}
	proj, err := project(res, sc, pol, o)
	if err != nil {
		return nil, err
	}
	res.Projection = proj
	switch {
	case !res.Solvent && res.Feasible:
		res.Feasible = false
		return res, ErrInsolvent
	case !res.Feasible && !res.Solvent:
		return res, errors.Join(ErrInfeasible, ErrInsolvent)
	case !res.Feasible:
		return res, ErrInfeasible
	}
	return res, nil
}

// Expected is the year's expected benefits of fd as calibrate states them:
// each plan's E[S] to the fen, added up (so that the plans' figures and the
// fund's reconcile).
func Expected(fd *model.FundDist) decimal.Decimal {
	sum := decimal.Zero
	for _, pd := range fd.Plans {
		sum = sum.Add(fen(pd.Total.Mean()))
	}
	return sum
}

// Income is the year's gross contributions of fd at its plans' own
// contributions (the terms priced), as calibrate counts them (income).
func Income(fd *model.FundDist) decimal.Decimal {
	prices := make([]decimal.Decimal, len(fd.Plans))
	for i, pd := range fd.Plans {
		prices[i] = pd.Terms.Contribution
	}
	g, _ := income(fd, prices)
	return g
}

// income returns the year's gross contributions at prices per share per
// period, in all and per plan (each to the fen): the new shares pay price ÷
// period_years; a multi-year plan's running cohorts bring what they earn in
// the year at their own price (model.Carry).
func income(fd *model.FundDist, prices []decimal.Decimal) (gross decimal.Decimal, per []decimal.Decimal) {
	for i, pd := range fd.Plans {
		yearly := prices[i].Div(decimal.NewFromInt(int64(pd.Terms.Period())))
		inc := yearly.Mul(decimal.NewFromFloat(pd.NewShares)).Add(pd.Carry.Earned).Round(2)
		per = append(per, inc)
		gross = gross.Add(inc)
	}
	return gross, per
}

// drawShares splits the planned draw among plans by their expected benefits
// (every plan's contributions lowered by the same share of its cost).
func drawShares(fd *model.FundDist, draw float64) []float64 {
	out := make([]float64, len(fd.Plans))
	tot := 0.0
	for _, pd := range fd.Plans {
		tot += pd.Total.Mean()
	}
	if !(tot > 0) {
		return out
	}
	for i, pd := range fd.Plans {
		out[i] = draw * pd.Total.Mean() / tot
	}
	return out
}

// netNeed is the fund's net income (contributions less expenses) that its
// targets need: VaR_{1−α}(S) − D for 入不敷出 and VaR_{1−s}(S) − (R₀ −
// floor) for the reserve test; solvencyBinds says the second is larger.
func netNeed(fd *model.FundDist, pol Policy, draw float64) (need float64, solvencyBinds bool) {
	a := fd.Total.VaR(1-pol.TargetDeficitProbability) - draw
	b := fd.Total.VaR(1-pol.SolvencyProbability) - pol.headroom()
	if b > a {
		return b, true
	}
	return a, false
}

// priceBand is one plan's contribution band under max_change: the lowest
// and highest price allowed (rounded inward to the rounding unit), and the
// net income each gives.
type priceBand struct {
	lo, hi       decimal.Decimal
	netLo, netHi float64
	limited      bool // false when the plan has no current price: no band
}

func band(pd *model.PlanDist, cur, unit decimal.Decimal, maxChange, keep float64) priceBand {
	if !cur.IsPositive() {
		return priceBand{netLo: math.Inf(-1), netHi: math.Inf(1)}
	}
	hi := decimal.Max(cur, cur.Mul(decimal.NewFromFloat(1+maxChange)).Div(unit).Floor().Mul(unit))
	lo := decimal.Min(cur, cur.Mul(decimal.NewFromFloat(math.Max(0, 1-maxChange))).Div(unit).Ceil().Mul(unit))
	per, off := netPerPrice(pd, keep)
	return priceBand{lo: lo, hi: hi, netLo: lo.InexactFloat64()*per + off, netHi: hi.InexactFloat64()*per + off, limited: true}
}

// netPerPrice is the net income of a plan as a function of its price per
// share per period: price·per + off, per = new shares ÷ period_years ×
// (1 − expense_ratio), off what the running cohorts earn in the year, net.
func netPerPrice(pd *model.PlanDist, keep float64) (per, off float64) {
	return pd.NewShares / float64(pd.Terms.Period()) * keep, pd.Carry.Earned.InexactFloat64() * keep
}

// solution is the contributions lever's answer for one max_change.
type solution struct {
	net      []float64 // each plan's net income before rounding
	free     []float64 // … without max_change
	floor    []bool
	limited  []bool
	price    []decimal.Decimal // rounded and limited
	required []decimal.Decimal // unrounded, unlimited
	margin   []float64
}

// solveContributions spreads the fund's margin over the plans: plan p's net
// income is
//
//	n_p(λ) = min(hi_p, max(lo_p, floor_p, E[S_p] − D_p + λ·a_p)),
//
// a_p its Euler share of the fund's tail, floor_p its expected benefits less
// its draw share (no plan is priced under its expected cost to carry
// another's surplus) or, with plan_deficit_probability β, VaR_{1−β}(S_p) −
// D_p, and [lo_p, hi_p] its max_change band. Σ n_p(λ) rises with λ; λ is
// the smallest value with Σ n_p(λ) ≥ need (bisection). When max_change holds
// some plans at their band the others' margins move to make up for them:
// the fixed point of re-solving the fund margin among the free plans.
func solveContributions(fd *model.FundDist, pol Policy, cur []decimal.Decimal, alloc, draws []float64, need, maxChange float64) solution {
	n := len(fd.Plans)
	keep := 1 - pol.ExpenseRatio
	bands := make([]priceBand, n)
	base := make([]float64, n)
	floor := make([]float64, n)
	for i, pd := range fd.Plans {
		bands[i] = band(pd, cur[i], pol.Rounding, maxChange, keep)
		base[i] = pd.Total.Mean() - draws[i]
		floor[i] = base[i]
		if b := pol.PlanDeficitProbability; b > 0 {
			floor[i] = math.Max(floor[i], pd.Total.VaR(1-b)-draws[i])
		}
	}
	free := func(i int, l float64) float64 { return math.Max(floor[i], base[i]+l*alloc[i]) }
	at := func(i int, l float64) float64 { return math.Min(bands[i].netHi, math.Max(bands[i].netLo, free(i, l))) }
	total := func(l float64) float64 {
		s := 0.0
		for i := range fd.Plans {
			s += at(i, l)
		}
		return s
	}
	totalFree := func(l float64) float64 {
		s := 0.0
		for i := range fd.Plans {
			s += free(i, l)
		}
		return s
	}
	// solve returns the smallest λ ≥ 0 with sum(λ) ≥ need, and false when
	// there is none.
	solve := func(sum func(float64) float64) (float64, bool) {
		if sum(0) >= need {
			return 0, true
		}
		hi := 1.0
		for k := 0; k < 200 && sum(hi) < need; k++ {
			hi *= 2
		}
		if sum(hi) < need {
			return hi, false
		}
		lo := 0.0
		for k := 0; k < 200 && hi-lo > 1e-12*hi; k++ {
			mid := (lo + hi) / 2
			if sum(mid) >= need {
				hi = mid
			} else {
				lo = mid
			}
		}
		return hi, true
	}
	lam, ok := solve(total)
	lamReq := lam
	if !ok {
		// Even every band's top falls short: the plans at the top of their
		// bands (the closest result), and what each would need without
		// max_change.
		lamReq, _ = solve(totalFree)
	}
	sol := solution{}
	for i, pd := range fd.Plans {
		nf := free(i, lamReq)
		nv := at(i, lam)
		per, off := netPerPrice(pd, keep)
		req, price := cur[i], cur[i] // no new shares: nothing to price
		if per > 0 {
			req = decimal.NewFromFloat((nf - off) / per)
			price = decimal.NewFromFloat((nv - off) / per).Div(pol.Rounding).Ceil().Mul(pol.Rounding)
			// A new cohort pays at least its own expected cost: when the
			// running cohorts of a multi-year plan, at their old price,
			// earn more than the plan needs, the solve would hand the
			// surplus to the new members (down to a price of zero).
			// (Less the plan's part of a planned draw, which the board
			// spends to lower prices.)
			if pure := math.Max(0, pd.Total.Mean()-draws[i]) / pd.Shares * float64(pd.Terms.Period()) / keep; pd.Carry.Shares > 0 && req.InexactFloat64() < pure {
				req = decimal.NewFromFloat(pure)
				// The net income the target needs (nv) stays as solved:
				// what the floor adds is collected on top, like rounding.
				if p := req.Div(pol.Rounding).Ceil().Mul(pol.Rounding); price.LessThan(p) {
					price = p
				}
			}
		}
		b := bands[i]
		lim := false
		if b.limited {
			// The price within the band (rounding up may step past its top);
			// limited when the band, not the multiplier, set it.
			if price.GreaterThan(b.hi) {
				price = b.hi
			}
			if price.LessThan(b.lo) {
				price = b.lo
			}
			fl := free(i, lam)
			lim = fl > b.netHi || fl < b.netLo
		}
		sol.net = append(sol.net, nv)
		sol.free = append(sol.free, nf)
		sol.floor = append(sol.floor, floor[i] > base[i]+lam*alloc[i] && !lim)
		sol.limited = append(sol.limited, lim)
		sol.price = append(sol.price, price)
		sol.required = append(sol.required, req)
		sol.margin = append(sol.margin, nv+draws[i]-pd.Total.Mean())
	}
	return sol
}

func calibrateContributions(res *Result, ps []*model.Plan, fd *model.FundDist, pol Policy, cur []decimal.Decimal) error {
	alpha := pol.TargetDeficitProbability
	keep := 1 - pol.ExpenseRatio
	draw := pol.PlannedReserveDraw.InexactFloat64()
	draws := drawShares(fd, draw)
	_, tail, err := fd.TailMeans(1 - alpha)
	if err != nil {
		return err
	}
	alloc := allocation(fd, tail)
	need, solv := netNeed(fd, pol, draw)
	if solv {
		res.Notes = append(res.Notes, "the reserve test (solvency_probability) needs more net income than the fund's target: contributions are set by the reserve test")
	}
	sol := solveContributions(fd, pol, cur, alloc, draws, need, pol.MaxChange)
	gross, per := income(fd, sol.price)
	mar := 0.0
	for i, pd := range fd.Plans {
		pr := planRec(ps[i], pd, cur[i], sol.price[i], sol.required[i], sol.limited[i], per[i], keep, draws[i], alpha)
		pr.AllocShare = alloc[i]
		pr.Margin = fen(sol.margin[i])
		pr.AtFloor = sol.floor[i]
		mar += sol.margin[i]
		res.Plans = append(res.Plans, pr)
	}
	res.Margin = fen(mar)
	req := 0.0
	for _, x := range sol.net {
		req += x
	}
	res.RequiredNet = fen(req)
	res.finish(fd, gross, keep)
	if !res.meetsTargets() {
		res.Feasible = false
		// The max_change that would do: the smallest on a grid of 1%.
		res.NeededMaxChange = math.NaN()
		for k := math.Ceil(pol.MaxChange*100) + 1; k <= 1000; k++ {
			mc := k / 100
			s := solveContributions(fd, pol, cur, alloc, draws, need, mc)
			g, pp := income(fd, s.price)
			if res.meets(g, pp, draws) {
				res.NeededMaxChange = mc
				break
			}
		}
		res.needed(fd, keep)
	}
	return nil
}

// calibrateReserve keeps every term and solves the planned draw: the least
// that brings the fund's 入不敷出 (and, with plan_deficit_probability, every
// plan's with its share of the draw) within target. The reserve test does
// not depend on the draw (the contributions are given): it passes or fails.
func calibrateReserve(res *Result, ps []*model.Plan, fd *model.FundDist, pol Policy, cur []decimal.Decimal) error {
	alpha := pol.TargetDeficitProbability
	keep := 1 - pol.ExpenseRatio
	gross, per := income(fd, cur)
	net := gross.InexactFloat64() * keep
	d := math.Max(0, fd.Total.VaR(1-alpha)-net)
	if b := pol.PlanDeficitProbability; b > 0 {
		tot := fd.Total.Mean()
		for i, pd := range fd.Plans {
			if e := pd.Total.Mean(); e > 0 {
				d = math.Max(d, (pd.Total.VaR(1-b)-per[i].InexactFloat64()*keep)*tot/e)
			}
		}
	}
	// To the fen, up: the draw is money the board sets aside.
	res.PlannedDraw = decimal.NewFromFloat(d).Mul(decimal.NewFromInt(100)).Ceil().Div(decimal.NewFromInt(100))
	draws := drawShares(fd, res.PlannedDraw.InexactFloat64())
	_, tail, err := fd.TailMeans(1 - alpha)
	if err != nil {
		return err
	}
	alloc := allocation(fd, tail)
	mar := 0.0
	for i, pd := range fd.Plans {
		pr := planRec(ps[i], pd, cur[i], cur[i], cur[i], false, per[i], keep, draws[i], alpha)
		pr.AllocShare = alloc[i]
		m := per[i].InexactFloat64()*keep + draws[i] - pd.Total.Mean()
		pr.Margin = fen(m)
		mar += m
		res.Plans = append(res.Plans, pr)
	}
	res.Margin = fen(mar)
	res.finish(fd, gross, keep)
	if d > pol.headroom() {
		res.Notes = append(res.Notes, fmt.Sprintf("the draw the targets need, %.2f, exceeds the reserve above its floor, %.2f", d, pol.headroom()))
		res.Feasible = false
		res.needed(fd, keep)
	}
	return nil
}

// meets reports whether gross income (per plan per) with the draw shares
// meets the fund's target, the reserve test and, when set, every plan's
// target.
func (res *Result) meets(gross decimal.Decimal, per []decimal.Decimal, draws []float64) bool {
	pol := res.Policy
	keep := 1 - pol.ExpenseRatio
	d := res.PlannedDraw.InexactFloat64()
	net := gross.InexactFloat64() * keep
	if res.Dist.Total.ExceedProb(net+d) > pol.TargetDeficitProbability*(1+tol) ||
		res.Dist.Total.ExceedProb(net+pol.headroom()) > pol.SolvencyProbability*(1+tol) {
		return false
	}
	if b := pol.PlanDeficitProbability; b > 0 {
		for i, pd := range res.Dist.Plans {
			if pd.Total.ExceedProb(per[i].InexactFloat64()*keep+draws[i]) > b*(1+tol) {
				return false
			}
		}
	}
	return true
}

// meetsTargets checks the result's own income.
func (res *Result) meetsTargets() bool {
	per := make([]decimal.Decimal, len(res.Plans))
	draws := make([]float64, len(res.Plans))
	for i, p := range res.Plans {
		per[i], draws[i] = p.Income, p.Draw.InexactFloat64()
	}
	return res.meets(res.Income, per, draws)
}

// needed fills what would meet the targets at the result's income: the
// planned draw that reaches the fund's target, and the reserve above the
// floor that draw and the reserve test need beyond what there is.
func (res *Result) needed(fd *model.FundDist, keep float64) {
	pol := res.Policy
	net := res.NetIncome.InexactFloat64()
	nd := math.Max(res.PlannedDraw.InexactFloat64(), fd.Total.VaR(1-pol.TargetDeficitProbability)-net)
	res.NeededDraw = fen(nd)
	short := math.Max(nd, fd.Total.VaR(1-pol.SolvencyProbability)-net) - pol.headroom()
	res.NeededReserve = fen(math.Max(0, short))
}

// finish fills the fund's lines from the distribution and the gross income.
// The plans' margins are made to add up to the fund's to the fen (the
// rounding remainder goes to the plan with the largest share).
func (res *Result) finish(fd *model.FundDist, gross decimal.Decimal, keep float64) {
	pol := res.Policy
	alpha := pol.TargetDeficitProbability
	headroom := pol.headroom()
	if len(res.Plans) > 0 {
		big, sum := 0, decimal.Zero
		for i, p := range res.Plans {
			sum = sum.Add(p.Margin)
			if p.AllocShare > res.Plans[big].AllocShare {
				big = i
			}
		}
		res.Plans[big].Margin = res.Plans[big].Margin.Add(res.Margin.Sub(sum))
	}
	res.Income = gross
	if res.RequiredNet.IsZero() {
		res.RequiredNet = gross.Mul(decimal.NewFromFloat(keep)).Round(2)
	}
	res.Expenses = gross.Sub(gross.Mul(decimal.NewFromFloat(keep)).Round(2))
	res.NetIncome = gross.Sub(res.Expenses)
	res.Expected = decimal.Zero
	for _, p := range res.Plans {
		res.Expected = res.Expected.Add(p.Expected)
	}
	res.VaR = fen(fd.Total.VaR(1 - alpha))
	net := res.NetIncome.InexactFloat64()
	draw := res.PlannedDraw.InexactFloat64()
	res.PDeficitAfter = fd.Total.ExceedProb(net + draw)
	res.PSolvency = fd.Total.ExceedProb(net + headroom)
	res.Solvent = res.PSolvency <= pol.SolvencyProbability*(1+tol)
	res.Backstop95 = fen(math.Max(0, fd.Total.VaR(0.95)-net-headroom))
	res.Backstop99 = fen(math.Max(0, fd.Total.VaR(0.99)-net-headroom))
	res.MaxDraw = fen(math.Min(headroom, draw+net+headroom-fd.Total.VaR(1-pol.SolvencyProbability)))
	surplus := res.NetIncome.Sub(res.Expected)
	if surplus.IsNegative() {
		res.Draw = surplus.Neg()
		res.SetAside = decimal.Zero
	} else {
		res.Draw = decimal.Zero
		res.SetAside = surplus.Mul(decimal.NewFromFloat(pol.SetAsideRatio)).Round(2)
	}
	r0 := pol.OpeningReserve.InexactFloat64()
	end := func(s float64) decimal.Decimal { return fen(r0 + reserveChange(net-s, pol.SetAsideRatio)) }
	res.Reserve5 = end(fd.Total.VaR(0.95))
	res.Reserve50 = end(fd.Total.VaR(0.5))
	res.Reserve95 = end(fd.Total.VaR(0.05))
	if !res.Solvent {
		res.Notes = append(res.Notes, fmt.Sprintf("the reserve test fails: P(reserve below its floor) %.4f, allowed %.4f", res.PSolvency, pol.SolvencyProbability))
	}
}

// reserveChange is the reserve's change for a year's result x (net income
// less benefits): a surplus adds set_aside_ratio of itself, a shortfall is
// drawn in full.
func reserveChange(x, setAside float64) float64 {
	if x > 0 {
		return setAside * x
	}
	return x
}

// allocation returns each plan's share of the fund's margin: its Euler
// contribution to the tail, E[S_p | S ≥ VaR] − E[S_p], over their sum
// (shares of the expected cost if the tail adds nothing).
func allocation(fd *model.FundDist, tail []float64) []float64 {
	a := make([]float64, len(tail))
	s := 0.0
	for i, pd := range fd.Plans {
		a[i] = math.Max(0, tail[i]-pd.Total.Mean())
		s += a[i]
	}
	if !(s > 0) {
		m := 0.0
		for i, pd := range fd.Plans {
			a[i] = pd.Total.Mean()
			m += a[i]
		}
		s = m
	}
	for i := range a {
		a[i] /= s
	}
	return a
}

func fen(x float64) decimal.Decimal {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return decimal.Zero
	}
	return decimal.NewFromFloat(x).Round(2)
}

// planRec fills a plan's line.
func planRec(p *model.Plan, pd *model.PlanDist, cur, rec, req decimal.Decimal, limited bool, income decimal.Decimal, keep, draw, alpha float64) PlanRec {
	r := PlanRec{Plan: pd.Plan, Name: p.Terms.Name, PeriodYears: pd.Terms.Period(), Members: pd.Members, Shares: pd.Shares,
		Current: cur, Recommended: rec, Required: req.Round(2), Limited: limited, Income: income, Draw: fen(draw)}
	if cur.IsPositive() {
		r.Change = rec.Div(cur).InexactFloat64() - 1
	}
	r.Expected = fen(pd.Total.Mean())
	if pd.Shares > 0 {
		r.ExpectedPerShare = r.Expected.Div(decimal.NewFromFloat(pd.Shares)).Round(2)
	}
	if pd.NewShares > 0 {
		r.Standalone = decimal.NewFromFloat(((pd.Total.VaR(1-alpha)-draw)/keep - pd.Carry.Earned.InexactFloat64()) / pd.NewShares * float64(pd.Terms.Period())).Round(2)
	}
	if income.IsPositive() {
		r.LossRatio = pd.Total.Mean() / income.InexactFloat64()
	}
	r.PDeficit = pd.Total.ExceedProb(income.InexactFloat64()*keep + draw)
	t := *pd.Terms
	t.Contribution = rec
	r.Terms = &t
	return r
}

// unearned is the unearned-contribution liability at the end of the priced
// year, to the fen: per plan, the running cohorts' (model.Carried.Unearned)
// and the new shares' recommended contribution × (period_years − 1) ÷
// period_years.
func unearned(fd *model.FundDist, recs []PlanRec) decimal.Decimal {
	u := decimal.Zero
	for i, pd := range fd.Plans {
		p := int64(pd.Terms.Period())
		if p <= 1 || i >= len(recs) {
			continue
		}
		nw := recs[i].Recommended.Mul(decimal.NewFromFloat(pd.NewShares)).Mul(decimal.NewFromInt(p - 1)).Div(decimal.NewFromInt(p))
		u = u.Add(nw.Round(2)).Add(pd.Carry.Unearned.Round(2))
	}
	return u
}
