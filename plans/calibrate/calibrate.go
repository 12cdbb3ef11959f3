// Package calibrate recommends next year's contributions, payout caps and
// reserve draws so that the fund's chance of a deficit stays at or under the
// target, on the exact distributions of plans/model. A deficit is a year that
// ends with the risk reserve below its floor:
//
//	R₁ = R₀ + I·(1 − expense_ratio) − S < floor,
//
// I the year's contributions and S its benefits; so the target α requires
// net income of at least VaR_{1−α}(S) − (R₀ − floor).
package calibrate

import (
	"errors"
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// Policy is the Fund sheet's policy, each key overridable by a flag.
type Policy struct {
	TargetDeficitProbability float64
	OpeningReserve           decimal.Decimal
	ReserveFloor             decimal.Decimal
	ExpenseRatio             float64
	SetAsideRatio            float64
	MaxChange                float64
	Rounding                 decimal.Decimal
	HorizonYears             int
}

// PolicyFromFund reads the policy of the Fund sheet.
func PolicyFromFund(f book.Fund) Policy {
	return Policy{TargetDeficitProbability: f.TargetDeficitProbability, OpeningReserve: f.OpeningReserve, ReserveFloor: f.ReserveFloor,
		ExpenseRatio: f.ExpenseRatio, SetAsideRatio: f.SetAsideRatio, MaxChange: f.MaxChange, Rounding: f.Rounding, HorizonYears: f.HorizonYears}
}

// Validate checks the policy's values.
func (p Policy) Validate() error {
	var errs []error
	if !(p.TargetDeficitProbability > 0 && p.TargetDeficitProbability < 0.5) {
		errs = append(errs, fmt.Errorf("target_deficit_probability %v: expected between 0 and 0.5", p.TargetDeficitProbability))
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

// Lever says what is solved for.
type Lever string

// Levers.
const (
	Contributions Lever = "contributions" // the default: contributions per share
	Caps          Lever = "caps"          // contributions fixed: a benefit term per plan
	Reserve       Lever = "reserve"       // all terms fixed: the reserve draw or set-aside only
)

// Options control Calibrate.
type Options struct {
	Lever Lever
	// CapLever is the term Caps solves for: annual_cap (default), claim_cap,
	// daily_amount, ratio or lump_sum; a plan without it uses its kind's
	// natural lever (see capLever).
	CapLever string
	Exact    *model.ExactOptions
	// Paths and Seed drive the reserve projection's simulation.
	Paths int
	Seed  uint64
}

// PlanRec is one plan's recommendation. Money is yuan; contributions are per
// share per period (the Plans sheet's unit), the rest per year.
type PlanRec struct {
	Plan, Name  string
	PeriodYears int
	Members     float64
	Shares      float64
	// Current and Recommended contribution per share per period; Required
	// is the unrounded, unlimited one; Limited says max_change bound it.
	Current, Recommended, Required decimal.Decimal
	Change                         float64 // Recommended/Current − 1
	Limited                        bool
	// Expected benefits of the year and per share; Margin is the plan's
	// share of the fund's risk margin (Euler allocation); AllocShare that share.
	Expected, ExpectedPerShare, Margin decimal.Decimal
	AllocShare                         float64
	// Income is the year's contributions at the recommended price (gross);
	// LossRatio expected benefits over it; PDeficit the plan's chance that
	// benefits exceed its income net of expenses.
	Income    decimal.Decimal
	LossRatio float64
	PDeficit  float64
	// CapLever, CapCurrent and CapRecommended: the benefit term solved for
	// (Caps lever only).
	CapLever                   string
	CapCurrent, CapRecommended decimal.Decimal
	Terms                      *plans.Terms // the recommended terms
}

// YearBand is the reserve's projection for one year.
type YearBand struct {
	Year            int
	PBelowFloor     float64
	P5, P50, P95    decimal.Decimal
	ExpectedBenefit decimal.Decimal
	Income          decimal.Decimal
}

// Result is a calibration.
type Result struct {
	Year   int
	Lever  Lever
	Policy Policy
	Plans  []PlanRec
	// The fund: income at the recommended terms (gross, expenses, net),
	// expected benefits, the risk margin the target needs after the reserve
	// headroom, and the chance of a deficit before (current terms) and after.
	Income, Expenses, NetIncome, Expected, Margin decimal.Decimal
	CurrentIncome                                 decimal.Decimal
	PDeficitBefore, PDeficitAfter                 float64
	// VaR is VaR_{1−α} of the year's benefits (after, for the caps lever).
	VaR decimal.Decimal
	// MaxDraw is the largest planned draw on the reserve that keeps the
	// target (negative: the reserve is short by that much); Draw the
	// expected draw (an expected deficit), SetAside the set-aside of an
	// expected surplus (set_aside_ratio × it).
	MaxDraw, Draw, SetAside decimal.Decimal
	// Reserve at the end of the year: 5%, 50%, 95% points.
	Reserve5, Reserve50, Reserve95 decimal.Decimal
	Projection                     []YearBand
	// Feasible is false when the target cannot be met under the policy;
	// Needed says what would meet it.
	Feasible        bool
	NeededMaxChange float64         // the max_change that would reach the target (contributions)
	NeededReserve   decimal.Decimal // extra reserve above the floor that would reach it
	Notes           []string
	// Dist are the distributions at the recommended terms (Caps: after).
	Dist *model.FundDist
}

// ErrInfeasible marks a result whose target cannot be met.
var ErrInfeasible = errors.New("the target deficit probability cannot be met under the policy")

// Calibrate solves for the lever and projects the reserve.
func Calibrate(ps []*model.Plan, sc *model.Scenario, pol Policy, o Options) (*Result, error) {
	if err := pol.Validate(); err != nil {
		return nil, err
	}
	if o.Lever == "" {
		o.Lever = Contributions
	}
	fd, err := model.Exact(ps, sc, o.Exact)
	if err != nil {
		return nil, err
	}
	res := &Result{Lever: o.Lever, Policy: pol, Feasible: true, Dist: fd}
	alpha := pol.TargetDeficitProbability
	keep := 1 - pol.ExpenseRatio
	headroom := pol.headroom()
	cur := make([]decimal.Decimal, len(ps)) // current contribution per share per period
	for i, p := range ps {
		cur[i] = sc.TermsOf(p).Contribution
	}
	income := func(prices []decimal.Decimal) (gross decimal.Decimal, per []decimal.Decimal) {
		for i, pd := range fd.Plans {
			yearly := prices[i].Div(decimal.NewFromInt(int64(pd.Terms.Period())))
			inc := yearly.Mul(decimal.NewFromFloat(pd.Shares)).Round(2)
			per = append(per, inc)
			gross = gross.Add(inc)
		}
		return gross, per
	}
	curGross, _ := income(cur)
	res.CurrentIncome = curGross
	pDef := func(d interface{ ExceedProb(float64) float64 }, gross decimal.Decimal) float64 {
		return d.ExceedProb(gross.InexactFloat64()*keep + headroom)
	}
	res.PDeficitBefore = pDef(fd.Total, curGross)
	varS := fd.Total.VaR(1 - alpha)
	mean := fd.Total.Mean()

	switch o.Lever {
	case Contributions:
		need := math.Max(mean, varS-headroom) // net income the target needs
		margin := need - mean
		_, tail, err := fd.TailMeans(1 - alpha)
		if err != nil {
			return nil, err
		}
		alloc := allocation(fd, tail)
		rec := make([]decimal.Decimal, len(ps))
		req := make([]decimal.Decimal, len(ps))
		limited := make([]bool, len(ps))
		price := func(mc float64) {
			for i, pd := range fd.Plans {
				m := pd.Total.Mean() + alloc[i]*margin
				perShare := m / keep / pd.Shares * float64(pd.Terms.Period())
				req[i] = decimal.NewFromFloat(perShare)
				rec[i], limited[i] = roundAndLimit(req[i], cur[i], pol.Rounding, mc)
			}
		}
		price(pol.MaxChange)
		gross, per := income(rec)
		res.PDeficitAfter = pDef(fd.Total, gross)
		res.Margin = fen(margin)
		for i, pd := range fd.Plans {
			pr := planRec(ps[i], pd, cur[i], rec[i], req[i], limited[i], per[i], keep)
			pr.AllocShare = alloc[i]
			pr.Margin = fen(alloc[i] * margin)
			res.Plans = append(res.Plans, pr)
		}
		if res.PDeficitAfter > alpha*(1+1e-9) {
			res.Feasible = false
			// The max_change that would do: the smallest on a grid of 1%.
			res.NeededMaxChange = math.NaN()
			for k := math.Ceil(pol.MaxChange * 100); k <= 1000; k++ {
				mc := k / 100
				price(mc)
				g, _ := income(rec)
				if pDef(fd.Total, g) <= alpha {
					res.NeededMaxChange = mc
					break
				}
			}
			price(pol.MaxChange)
			res.NeededReserve = fen(varS - gross.InexactFloat64()*keep - headroom)
		}
		res.finish(fd, gross, keep, headroom, alpha)
	case Caps:
		if err := calibrateCaps(res, ps, sc, pol, o, fd, cur); err != nil {
			return nil, err
		}
	case Reserve:
		// Terms as they are: the reserve absorbs the year. The draw that
		// keeps the target is finish's MaxDraw; a negative one means the
		// reserve is short and the target cannot be met.
		gross, per := income(cur)
		res.PDeficitAfter = res.PDeficitBefore
		res.Margin = fen(math.Max(0, varS-headroom-mean))
		_, tail, err := fd.TailMeans(1 - alpha)
		if err != nil {
			return nil, err
		}
		alloc := allocation(fd, tail)
		for i, pd := range fd.Plans {
			pr := planRec(ps[i], pd, cur[i], cur[i], cur[i], false, per[i], keep)
			pr.AllocShare = alloc[i]
			pr.Margin = fen(alloc[i] * res.Margin.InexactFloat64())
			res.Plans = append(res.Plans, pr)
		}
		res.finish(fd, gross, keep, headroom, alpha)
		if res.PDeficitAfter > alpha*(1+1e-9) {
			res.Feasible = false
			res.NeededReserve = fen(varS - gross.InexactFloat64()*keep - headroom)
		}
	default:
		return nil, fmt.Errorf("calibrate: unknown lever %q", o.Lever)
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
	if !res.Feasible {
		return res, ErrInfeasible
	}
	return res, nil
}

// finish fills the fund's lines from the distribution and the gross income.
// The plans' margins are made to add up to the fund's to the fen (the
// rounding remainder goes to the plan with the largest share).
func (res *Result) finish(fd *model.FundDist, gross decimal.Decimal, keep, headroom, alpha float64) {
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
	res.Expenses = gross.Sub(gross.Mul(decimal.NewFromFloat(keep)).Round(2))
	res.NetIncome = gross.Sub(res.Expenses)
	res.Expected = decimal.Zero
	for _, p := range res.Plans {
		res.Expected = res.Expected.Add(p.Expected)
	}
	res.VaR = fen(fd.Total.VaR(1 - alpha))
	net := res.NetIncome.InexactFloat64()
	res.MaxDraw = fen(net + headroom - fd.Total.VaR(1-alpha))
	surplus := res.NetIncome.Sub(res.Expected)
	if surplus.IsNegative() {
		res.Draw = surplus.Neg()
		res.SetAside = decimal.Zero
	} else {
		res.Draw = decimal.Zero
		res.SetAside = surplus.Mul(decimal.NewFromFloat(res.Policy.SetAsideRatio)).Round(2)
	}
	r0 := res.Policy.OpeningReserve.InexactFloat64()
	res.Reserve5 = fen(r0 + net - fd.Total.VaR(0.95))
	res.Reserve50 = fen(r0 + net - fd.Total.VaR(0.5))
	res.Reserve95 = fen(r0 + net - fd.Total.VaR(0.05))
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

// roundAndLimit rounds a required price up to the rounding unit and keeps it
// within max_change of the current price (rounded inward), reporting whether
// the limit bound.
func roundAndLimit(req, cur, unit decimal.Decimal, maxChange float64) (decimal.Decimal, bool) {
	r := req.Div(unit).Ceil().Mul(unit)
	if !cur.IsPositive() {
		return r, false
	}
	hi := cur.Mul(decimal.NewFromFloat(1 + maxChange))
	lo := cur.Mul(decimal.NewFromFloat(math.Max(0, 1-maxChange)))
	switch {
	case r.GreaterThan(hi):
		return decimal.Max(cur, hi.Div(unit).Floor().Mul(unit)), true
	case r.LessThan(lo):
		return decimal.Min(cur, lo.Div(unit).Ceil().Mul(unit)), true
	}
	return r, false
}

func fen(x float64) decimal.Decimal {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return decimal.Zero
	}
	return decimal.NewFromFloat(x).Round(2)
}

// planRec fills a plan's line.
func planRec(p *model.Plan, pd *model.PlanDist, cur, rec, req decimal.Decimal, limited bool, income decimal.Decimal, keep float64) PlanRec {
	r := PlanRec{Plan: pd.Plan, Name: p.Terms.Name, PeriodYears: pd.Terms.Period(), Members: pd.Members, Shares: pd.Shares,
		Current: cur, Recommended: rec, Required: req.Round(2), Limited: limited, Income: income}
	if cur.IsPositive() {
		r.Change = rec.Div(cur).InexactFloat64() - 1
	}
	r.Expected = fen(pd.Total.Mean())
	if pd.Shares > 0 {
		r.ExpectedPerShare = r.Expected.Div(decimal.NewFromFloat(pd.Shares)).Round(2)
	}
	if income.IsPositive() {
		r.LossRatio = pd.Total.Mean() / income.InexactFloat64()
	}
	r.PDeficit = pd.Total.ExceedProb(income.InexactFloat64() * keep)
	t := *pd.Terms
	t.Contribution = rec
	r.Terms = &t
	return r
}

var _ = aggregate.Regrid
