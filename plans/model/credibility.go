package model

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/credibility"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// DefaultMaxPriorWeight is the default cap on a Reference prior's weight
// (Fund key max_prior_weight).
const DefaultMaxPriorWeight = 0.9

// Credibility is the credibility of one benefit's frequency.
type Credibility struct {
	Benefit plans.Benefit
	// Events and Exposure are the plan's completed events and member-years
	// (all years); Own = Events/Exposure.
	Events, Exposure, Own float64
	// Prior is "reference" (a Reference row), "jeffreys" (no claims and no
	// Reference row) or "" (the plan's experience alone); PriorRate its
	// events per member-year, PriorExposure the member-years it rests on
	// (after the max_prior_weight cap), Source the Reference row's source.
	Prior         string
	PriorRate     float64
	PriorExposure float64
	Source        string
	// Z is the weight of the own experience, Rate the blended events per
	// member-year (ground-up, the model's Mu) and RelSE its relative
	// standard error.
	Z, Rate, RelSE float64
	// Groups is Bühlmann–Straub across the groups (单位) and years (nil with
	// fewer than two groups or no within-group variation).
	Groups *GroupCredibility
}

// GroupCredibility is Bühlmann–Straub across groups with exposure weights.
type GroupCredibility struct {
	// Within is s² (the variance of a year's rate within a group, per unit
	// of exposure), Between is a (the variance of the groups' true rates),
	// K = s²/a, Collective the credibility-weighted overall rate.
	Within, Between, K, Collective float64
	Groups                         []GroupRate // by group name
}

// GroupRate is one group's experience and credibility rate.
type GroupRate struct {
	Group              string
	Exposure, Events   float64
	Rate, Z, Estimated float64 // own rate, credibility factor, P = Z·rate + (1 − Z)·collective
}

// Outlier is a claim far beyond the plan's caps or the fitted distribution,
// listed (it is kept in the fit).
type Outlier struct {
	Row     int // the Claims row (0 when unknown)
	ClaimID string
	Benefit plans.Benefit
	Paid    float64
	Cost    float64 // NaN when not given
	// Code is "over_cap" (paid beyond the claim or annual cap × shares) or
	// "tail" (cost beyond the fitted severity's 1 − 0.01/n quantile, n the
	// amounts fitted); Limit is the cap or quantile exceeded.
	Code  string
	Limit float64
}

// credibilityBlend blends each benefit's completed frequency with a prior:
// a Reference row of the plan's kind and benefit (Poisson–gamma, the prior's
// weight from its exposure capped at maxW), or, for a benefit with no
// claims, Jeffreys' prior (0.5 event over the exposure). A benefit with no
// claims is added to the plan when its amount can be modelled (lump sums;
// the Reference row's mean_paid otherwise).
func credibilityBlend(bk *book.Book, d *Data, p *Plan, maxW float64) {
	if d.Source != "claims" {
		return
	}
	ex := p.Experience
	plan := d.Terms.Plan
	expo := d.Exposure()
	if !(expo > 0) {
		return
	}
	if !(maxW > 0) {
		maxW = DefaultMaxPriorWeight
	}
	maxW = math.Min(maxW, 0.999)
	rules := d.Terms.Rules()
	for _, b := range d.Terms.Kind.Benefits() {
		var ref *book.ReferenceRow
		for i := range bk.References {
			if r := &bk.References[i]; r.Kind == d.Terms.Kind && r.Benefit == b {
				ref = r
				break
			}
		}
		bm := p.Benefit(b)
		if bm == nil && !pays(d.Terms, rules, b) {
			continue // the kind allows it, the terms pay nothing for it
		}
		cr := Credibility{Benefit: b, Exposure: expo}
		if bm != nil {
			cr.Events = bm.Freq.Mu * expo
			cr.Own = bm.Freq.Mu
		}
		scale := countFactor(ex, b)
		if bm != nil && bm.Freq.Thinning > 0 {
			scale /= bm.Freq.Thinning // recorded events to ground-up, as Own and Rate
		}
		cr.Groups = groupCredibility(bk, d, b, scale)
		switch {
		case ref != nil && ref.Exposure > 0:
			e0 := math.Min(ref.Exposure, expo*maxW/(1-maxW))
			pg, err := credibility.BlendPoisson(cr.Events, expo, ref.Incidence, e0)
			if err != nil {
				continue
			}
			cr.Prior, cr.PriorRate, cr.PriorExposure, cr.Source = "reference", ref.Incidence, e0, ref.Source
			cr.Z, cr.Rate = pg.Z, pg.Mean()
			// The posterior's relative error, and the year-to-year part of
			// the own estimate with its weight.
			extra := 0.0
			if bm != nil && cr.Events > 0 {
				extra = math.Max(0, bm.Freq.RelSE*bm.Freq.RelSE-1/cr.Events)
			}
			if cr.Rate > 0 {
				cr.RelSE = math.Sqrt(pg.SD()*pg.SD()/(cr.Rate*cr.Rate) + cr.Z*cr.Z*extra)
			}
		case bm == nil:
			pg, err := credibility.Jeffreys(0, expo)
			if err != nil {
				continue
			}
			cr.Prior, cr.PriorRate, cr.Z, cr.Rate = "jeffreys", pg.Mean(), 1, pg.Mean()
			cr.RelSE = pg.SD() / pg.Mean()
		default:
			cr.Z, cr.Rate = 1, cr.Own
			if bm != nil {
				cr.RelSE = bm.Freq.RelSE
			}
		}
		if bm == nil && cr.Rate > 0 {
			bm = zeroClaimBenefit(d.Terms, b, ref)
			if bm == nil {
				ex.Warnings = append(ex.Warnings, Warning{WarnUnpriced, []string{plan, string(b)}})
				ex.Credibility = append(ex.Credibility, cr)
				continue
			}
			p.Benefits = append(p.Benefits, bm)
			p.Notes = slices.DeleteFunc(p.Notes, func(s string) bool {
				return s == fmt.Sprintf("no %s claims recorded: the benefit is modelled as never claimed", b)
			})
			ex.Warnings = append(ex.Warnings, Warning{WarnPriorOnly, []string{plan, string(b), cr.Prior, strconv.FormatFloat(cr.Rate, 'g', 6, 64)}})
		}
		if bm != nil && cr.Rate > 0 && cr.Prior != "" {
			th := bm.Freq.Thinning
			if !(th > 0) {
				th = 1
			}
			bm.Freq.Mu, bm.Freq.RecordedMu, bm.Freq.RelSE = cr.Rate, cr.Rate*th, cr.RelSE
		}
		ex.Credibility = append(ex.Credibility, cr)
	}
	// Keep the benefits in the kind's order.
	order := d.Terms.Kind.Benefits()
	sort.SliceStable(p.Benefits, func(i, j int) bool {
		return slices.Index(order, p.Benefits[i].Benefit) < slices.Index(order, p.Benefits[j].Benefit)
	})
}

func countFactor(ex *Experience, b plans.Benefit) float64 {
	for _, bc := range ex.Benefits {
		if bc.Benefit == b {
			return bc.CountFactor
		}
	}
	return 1
}

// zeroClaimBenefit is the model of a benefit with no claims in the data:
// the amount of a lump sum from the terms (a diagnosis at the full lump sum,
// a disability spread evenly over the schedule's grades: stated
// assumptions), otherwise a lognormal (sdlog 1) with the Reference row's
// mean_paid; nil when neither is known. Its frequency is set by the caller.
func zeroClaimBenefit(t *plans.Terms, b plans.Benefit, ref *book.ReferenceRow) *Benefit {
	bm := &Benefit{Benefit: b, Freq: Frequency{Family: "pois", Size: math.Inf(1), Thinning: 1, Reason: "no claims: the rate of the prior"}}
	switch b {
	case plans.Death, plans.Diagnosis:
		return bm
	case plans.Disability:
		grades := t.Rules().Disability
		if len(grades) == 0 {
			return nil
		}
		bm.Categories = map[string]float64{}
		for g := range grades {
			bm.Categories[g] = 1 / float64(len(grades))
		}
		return bm
	}
	if ref == nil || !(ref.MeanPaid > 0) {
		return nil
	}
	const sd = 1.0
	bm.Payment = dist.LogNormal{MeanLog: math.Log(ref.MeanPaid) - sd*sd/2, SdLog: sd}
	bm.PaymentTrended = b == plans.Medical
	return bm
}

// groupCredibility is Bühlmann–Straub on the plan's groups × years: the
// ratios are the events of benefit b per member-year of cover (the recorded
// claims times k, the benefit's completion factor over its recorded share, so
// that they are ground-up events like Credibility.Own), the weights the
// member-years of cover. Nil with fewer than two groups, or no claims of b
// (nothing to tell the groups apart).
func groupCredibility(bk *book.Book, d *Data, b plans.Benefit, k float64) *GroupCredibility {
	type gy struct {
		g string
		y int
	}
	expo := map[gy]float64{}
	cnt := map[gy]float64{}
	for _, e := range bk.Enrolment {
		if e.Plan == d.Terms.Plan && e.Group != "" {
			expo[gy{e.Group, e.Year}] += plans.Exposure(e.Members, e.NewMembers, d.Terms.WaitingDays)
		}
	}
	for _, c := range bk.Claims {
		if c.Plan == d.Terms.Plan && c.Benefit == b {
			cnt[gy{c.Group, c.Year}] += k
		}
	}
	var groups []string
	var years []int
	for key := range expo {
		if !slices.Contains(groups, key.g) {
			groups = append(groups, key.g)
		}
		if !slices.Contains(years, key.y) {
			years = append(years, key.y)
		}
	}
	total := 0.0
	for _, n := range cnt {
		total += n
	}
	if len(groups) < 2 || total == 0 {
		return nil
	}
	slices.Sort(groups)
	slices.Sort(years)
	x := make([][]float64, len(groups))
	w := make([][]float64, len(groups))
	for i, g := range groups {
		for _, y := range years {
			e := expo[gy{g, y}]
			r := 0.0
			if e > 0 {
				r = cnt[gy{g, y}] / e
			}
			x[i] = append(x[i], r)
			w[i] = append(w[i], e)
		}
	}
	bs, err := credibility.EstimateBuhlmannStraub(x, w)
	if err != nil {
		return nil
	}
	gc := &GroupCredibility{Within: bs.Within, Between: bs.Between, K: math.Inf(1), Collective: bs.Collective}
	if bs.Between > 0 {
		gc.K = bs.Within / bs.Between
	}
	for i, g := range groups {
		var ev float64
		for _, y := range years {
			ev += cnt[gy{g, y}]
		}
		gc.Groups = append(gc.Groups, GroupRate{Group: g, Exposure: bs.Weights[i], Events: ev, Rate: bs.Means[i], Z: bs.Z[i], Estimated: bs.Premiums[i]})
	}
	return gc
}

// outliers lists the plan's claims paid beyond the claim or annual cap
// (times the shares), and costs beyond the fitted severity's 1 − 0.01/n
// quantile.
func outliers(bk *book.Book, d *Data, p *Plan) {
	rules := d.Terms.Rules()
	q := map[plans.Benefit]float64{}
	for _, bm := range p.Benefits {
		if bm.Sev != nil && bm.Sev.N > 0 {
			q[bm.Benefit] = bm.Sev.Dist.Quantile(1 - 0.01/float64(bm.Sev.N))
		}
	}
	for _, c := range bk.Claims {
		if c.Plan != d.Terms.Plan {
			continue
		}
		s := float64(max(c.Shares, 1))
		o := Outlier{Row: c.Row, ClaimID: c.ClaimID, Benefit: c.Benefit, Paid: c.Paid, Cost: c.Cost}
		switch {
		case c.Benefit == plans.Medical && c.Paid > rules.ClaimCap*s+0.005:
			o.Code, o.Limit = "over_cap", rules.ClaimCap*s
		case c.Paid > rules.AnnualCap*s+0.005:
			o.Code, o.Limit = "over_cap", rules.AnnualCap*s
		case q[c.Benefit] > 0 && c.Cost > q[c.Benefit]:
			o.Code, o.Limit = "tail", q[c.Benefit]
		default:
			continue
		}
		p.Experience.Outliers = append(p.Experience.Outliers, o)
	}
}

// experience completes, blends and screens a plan estimated from the book
// cut at asOf (FromBook's hook).
func experience(bk *book.Book, d *Data, p *Plan, asOf time.Time, later int, maxW float64) {
	p.Experience = &Experience{}
	complete(bk, d, p, asOf, later)
	credibilityBlend(bk, d, p, maxW)
	outliers(bk, d, p)
}

// pays is whether the terms pay anything for benefit b (a medical benefit
// when the terms set its deductible, ratio or claim cap).
func pays(t *plans.Terms, r *plans.Rules, b plans.Benefit) bool {
	switch b {
	case plans.Medical:
		if len(r.Bands) > 0 {
			return r.Bands.MaxRatio() > 0 && r.ClaimCap > 0
		}
		return (t.Deductible.Valid || t.Ratios[0].Valid || t.ClaimCap.Valid) && r.Ratios[0] > 0 && r.ClaimCap > 0
	case plans.Day:
		return r.DailyAmount > 0
	case plans.Diagnosis, plans.Death:
		return r.LumpSum > 0
	case plans.Disability:
		return r.DisabilitySum > 0
	case plans.Fire:
		return r.FireRatio > 0 && r.FireCap > 0
	case plans.Outpatient:
		return r.OutpatientBands.MaxRatio() > 0 && r.ClaimCap > 0
	}
	return false
}
