package calibrate

import (
	"math"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// BandLevers are the cost-band terms (plans.Bands) the caps lever can solve
// for: band_start, the lower edge of the first paying band (the annual
// deductible), and band_ratio, a factor on every band's ratio (each at most
// 100%). They are among CapLevers; a plan without bands takes its kind's
// natural lever instead (capLever), and a run where no plan has bands is
// refused (HasBands).
var BandLevers = []string{"band_start", "band_ratio"}

// IsBandLever reports whether lever is one of BandLevers.
func IsBandLever(lever string) bool {
	return lever == "band_start" || lever == "band_ratio"
}

// HasBands reports whether some plan, at the terms the scenario prices it
// under, pays by cost bands (inpatient or outpatient): the band levers need
// one.
func HasBands(ps []*model.Plan, sc *model.Scenario) bool {
	for _, p := range ps {
		if bandStartOK(sc.TermsOf(p)) || bandRatioOK(sc.TermsOf(p)) {
			return true
		}
	}
	return false
}

// bandStartSchedule is the schedule whose first paying band band_start
// moves: the inpatient bands, else the outpatient ones; nil when neither
// has a band that pays.
func bandStartSchedule(t *plans.Terms) plans.Bands {
	for _, b := range []plans.Bands{t.Bands, t.OutpatientBands} {
		if firstPaying(b) >= 0 {
			return b.Sorted()
		}
	}
	return nil
}

// firstPaying is the index of the first band of b (sorted) with a positive
// ratio; −1 when none pays.
func firstPaying(b plans.Bands) int {
	b = b.Sorted()
	for k, x := range b {
		if x.Ratio > 0 {
			return k
		}
	}
	return -1
}

func bandStartOK(t *plans.Terms) bool { return bandStartSchedule(t) != nil }

func bandRatioOK(t *plans.Terms) bool {
	return firstPaying(t.Bands) >= 0 || firstPaying(t.OutpatientBands) >= 0
}

// bandLeverValue is the current value of a band lever: the first paying
// band's lower edge (band_start) or 1 (band_ratio, a factor).
func bandLeverValue(t *plans.Terms, lever string) float64 {
	if lever == "band_start" {
		if b := bandStartSchedule(t); b != nil {
			return b[firstPaying(b)].From
		}
		return 0
	}
	return 1
}

// firstBandRatio is the ratio of the first paying band (the schedule
// band_start moves), the figure band_ratio is reported by.
func firstBandRatio(t *plans.Terms) decimal.Decimal {
	if b := bandStartSchedule(t); b != nil {
		return decimal.NewFromFloat(b[firstPaying(b)].Ratio)
	}
	return decimal.Zero
}

// withBandLever returns a copy of t with the band lever set to x, rounded
// to the unit the term is stated in on the side that pays less: band_start
// up to 10 yuan, band_ratio's factor down to 0.001 (each ratio then
// min(1, ratio × factor) to 0.001). band_start D moves the first paying
// band's lower edge to D; the bands before it pay nothing, so those below D
// stay (and a 0-ratio band {0, 0} keeps stating the deductible) and those at
// or above D go. The value returned is band_start's D or band_ratio's first
// paying ratio.
func withBandLever(t *plans.Terms, lever string, x float64) (*plans.Terms, decimal.Decimal) {
	c := *t
	if lever == "band_start" {
		d := decimal.NewFromFloat(x).Div(decimal.NewFromInt(10)).Ceil().Mul(decimal.NewFromInt(10))
		if d.IsNegative() {
			d = decimal.Zero
		}
		D := d.InexactFloat64()
		move := func(b plans.Bands) plans.Bands {
			b = b.Sorted()
			k := firstPaying(b)
			var out plans.Bands
			for _, z := range b[:k] {
				if z.From < D {
					out = append(out, z)
				}
			}
			out = append(out, plans.Band{From: D, Ratio: b[k].Ratio})
			return append(out, b[k+1:]...)
		}
		if firstPaying(t.Bands) >= 0 {
			c.Bands = move(t.Bands)
		} else {
			c.OutpatientBands = move(t.OutpatientBands)
		}
		return &c, d
	}
	f := decimal.NewFromFloat(x).Div(decimal.RequireFromString("0.001")).Floor().Mul(decimal.RequireFromString("0.001"))
	scale := func(b plans.Bands) plans.Bands {
		if b == nil {
			return nil
		}
		out := make(plans.Bands, len(b))
		for k, z := range b {
			r := decimal.Min(decimal.NewFromInt(1), decimal.NewFromFloat(z.Ratio).Mul(f)).Round(3)
			out[k] = plans.Band{From: z.From, Ratio: r.InexactFloat64()}
		}
		return out
	}
	c.Bands, c.OutpatientBands = scale(t.Bands), scale(t.OutpatientBands)
	return &c, firstBandRatio(&c)
}

// bandLeverRange is the range a band lever may take: within max_term_change
// mtc of its current value (band_start at 0: from 0 to mtc times the next
// band's edge, or times annual_cap ÷ the band's ratio when it is the last),
// band_start also at least 0 and below the next band's edge, band_ratio's factor no further than where every ratio reaches
// 100%; rounded inward to the lever's unit.
func bandLeverRange(t *plans.Terms, lever string, mtc float64) (lo, hi float64) {
	u := leverUnit(lever)
	if lever == "band_start" {
		d := bandLeverValue(t, lever)
		lo, hi = d*math.Max(0, 1-mtc), d*(1+mtc)
		b := bandStartSchedule(t)
		k := firstPaying(b)
		if d == 0 {
			// No deductible to move relatively: an absolute range, from 0
			// up to max_term_change of the schedule's scale, the next
			// band's edge, or without one the cost at which the first
			// paying band alone reaches the annual cap (none without an
			// annual cap: the lever stays at 0).
			scale := 0.0
			switch {
			case k+1 < len(b):
				scale = b[k+1].From
			case t.AnnualCap.Valid && b[k].Ratio > 0:
				scale = t.AnnualCap.Decimal.InexactFloat64() / b[k].Ratio
			}
			hi = mtc * scale
		}
		if k+1 < len(b) {
			hi = math.Min(hi, b[k+1].From-u)
		}
	} else {
		lo, hi = math.Max(0, 1-mtc), 1+mtc
		least := 1.0
		for _, b := range []plans.Bands{t.Bands, t.OutpatientBands} {
			for _, z := range b {
				if z.Ratio > 0 {
					least = math.Min(least, z.Ratio)
				}
			}
		}
		hi = math.Min(hi, 1/least)
	}
	lo, hi = math.Ceil(lo/u-1e-9)*u, math.Floor(hi/u+1e-9)*u
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// solveBandLever is solveLever for a band lever: the value at which the
// plan's expected benefits (mixed over the scenario's nodes) equal target,
// within bandLeverRange. Expected benefits fall as band_start rises and
// rise with band_ratio; at is −1 when even the least generous allowed value
// pays more than target (band_start at its highest, band_ratio at its
// lowest), +1 when the most generous pays less, 0 inside. The bisection
// keeps the end that pays at most the goal, and withBandLever rounds
// towards paying less, so the solved terms never pay more than the target.
func solveBandLever(p *model.Plan, base *plans.Terms, lever string, target, mtc float64, sc *model.Scenario, o Options) (x float64, v decimal.Decimal, at int, err error) {
	lo, hi := bandLeverRange(base, lever, mtc)
	u := leverUnit(lever)
	lean, gen := lo, hi // the least and the most generous ends
	if lever == "band_start" {
		lean, gen = hi, lo
	}
	x, at, err = solveTerm(lean, gen, u, target, func(x float64, mixed bool) (float64, error) {
		t, _ := withBandLever(base, lever, x)
		return expectedBenefits(p, t, sc, mixed, o.Exact)
	})
	if err != nil {
		return 0, decimal.Zero, 0, err
	}
	_, v = withBandLever(base, lever, x)
	return x, v, at, nil
}

// bandStartNote is the note on band_start held at a bound: at −1 its
// highest allowed value (benefits still above income), +1 its lowest.
func bandStartNote(plan string, at int) string {
	if at < 0 {
		return "plan " + plan + ": band_start held at its highest allowed value; the plan's expected benefits and margin still exceed its income"
	}
	return "plan " + plan + ": band_start held at its lowest allowed value by max_term_change; the plan's income still exceeds its expected benefits and margin"
}
