package model

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
)

// memberStep picks the lattice step of one member's payout: the largest
// payout bound over MemberPoints, rounded to a nice number.
func memberStep(p *Plan, r *plans.Rules, classes []shareClass, sc *Scenario, points int) float64 {
	smax := 1
	for _, c := range classes {
		smax = max(smax, c.shares)
	}
	s := float64(smax)
	bound := 0.0
	for _, b := range p.Benefits {
		bound += benefitBound(b, r, s, sc.TrendFactor(0), sc.SeverityOf(p)*p.maxSeverity())
	}
	if r.AnnualCap > 0 && !math.IsInf(r.AnnualCap, 1) {
		bound = math.Min(bound, r.AnnualCap*s)
	}
	h := niceStep(bound / float64(points))
	if !(h > 0) {
		h = 1
	}
	return h
}

// benefitBound is a generous bound on one member's yearly payout from b (a
// high quantile where the payout is unbounded), with the trend factor fT and
// the severity shock fS.
func benefitBound(b *Benefit, r *plans.Rules, s, fT, fS float64) float64 {
	if b.Payment != nil {
		return 4 * s * fT * fS * b.Payment.Quantile(1-1e-6)
	}
	switch b.Benefit {
	case plans.Medical:
		per := math.Min(r.ClaimCap, r.AnnualCap) * s
		if math.IsInf(per, 1) || per <= 0 {
			x, _ := scaled(b.Sev.Dist, fT*fS)
			per = r.Ratios[0] * x.Quantile(1-1e-6)
		}
		return 4 * per
	case plans.Day:
		days := float64(r.MaxDays)
		if r.MaxDays <= 0 || r.MaxDays == math.MaxInt {
			days = float64(3 * (1 + b.Days.Dist().Quantile(1-1e-6)))
		}
		return days * r.DailyAmount * s
	case plans.Diagnosis, plans.Death:
		return r.LumpSum * s * 2
	case plans.Disability:
		return r.DisabilitySum * s
	case plans.Fire:
		if c := math.Min(r.FireCap, r.AnnualCap*s); c > 0 && !math.IsInf(c, 1) {
			return 2 * c
		}
		return 2 * r.FireRatio * fS * b.Sev.Dist.Quantile(1-1e-6)
	}
	return 0
}

// member is what the lattice of one member's yearly payout needs: the
// plan, the rules it is priced under, the years from the last data year to
// the priced year (the frequency trend, where used), the step, and the
// largest probability one member's payout may leave off its lattice.
//
// The tail tolerance follows from the portfolio: a plan's compound adds up
// what its M members leave off, so tail = Tol/(16·M) keeps the plan's total
// within Tol/16 whatever the number of members (10⁻⁹ of 10 million members
// is 6e-18 a member). Payments that nothing bounds (no claim cap, fire cap
// or annual cap) are discretised out to where the rest is below tail over
// the member's expected events; a count law is tabulated out to where the
// rest is below tail.
type member struct {
	p     *Plan
	r     *plans.Rules
	years int
	h     float64
	tail  float64
	// shockI and shockS are the scenario's incidence and severity shocks
	// of the plan (Scenario.IncidenceOf, SeverityOf): factors on fI and fS.
	shockI, shockS float64
	// bands and outBands pay the medical and outpatient benefits by cost
	// bands of the terms bandTerms (setBands; banded.go); nil: by claim.
	bands, outBands plans.Bands
	bandTerms       *plans.Terms
	// mc keeps the lattices already computed (membercache.go).
	mc *memberCache
}

// continuous is true when some benefit pays a continuous cost (a fitted
// severity or a summary book's payment law): the plan's total then has a
// density between its lattice points.
func (m *member) continuous() bool {
	for _, b := range m.p.Benefits {
		if b.Sev != nil || b.Payment != nil {
			return true
		}
	}
	return false
}

// newMember prepares the member lattices of plan p with M members in the
// priced year.
func newMember(p *Plan, r *plans.Rules, sc *Scenario, h, M float64, o ExactOptions) *member {
	return &member{p: p, r: r, years: sc.Years, h: h, tail: o.Tol / (16 * math.Max(M, 1)),
		shockI: sc.IncidenceOf(p), shockS: sc.SeverityOf(p), mc: o.Cache.members(p)}
}

// maxPts bounds the points of one member's payment and payout lattices.
const maxPts = 1 << 20

// eventTail is the chance an event's payment may have beyond the limit
// that the lattice puts on it when nothing bounds the payment: tail over
// the member's expected events, at most 1e-12.
func (m *member) eventTail(mean float64) float64 {
	if !(mean > 0) {
		return 1e-12
	}
	return math.Min(1e-12, m.tail/mean)
}

// limitOf is the payment limit of the lattice: the terms' limit (claim cap,
// fire cap, and the annual cap, which bounds every payment) or, when
// nothing bounds the payment, r·(x_q − d) with P(X > x_q) ≤ q (q =
// eventTail): the payment's lattice then holds all its mass, a payment
// beyond x_q counted at it — the mean moves by E[(Y − L)+] < q·E[Y | Y > L],
// far below the method's tolerances — instead of an off-grid tail whose
// discretisation would move the mean (by 6e-5 on a fire layer without a
// cap).
func limitOf(x dist.Continuous, d, ratio, limit, q float64) float64 {
	if !math.IsInf(limit, 1) {
		return limit
	}
	return ratio * math.Max(upperQuantile(x, q)-d, 0)
}

// upperQuantile is a point x with P(X > x) ≤ q, q as small as 1e-20 (below
// what 1 − F can resolve): doubling from the median, then 60 bisections on
// the log scale.
func upperQuantile(x dist.Continuous, q float64) float64 {
	hi := x.Quantile(0.5)
	if !(hi > 0) || math.IsInf(hi, 0) {
		hi = 1
	}
	for x.Survival(hi) > q {
		hi *= 2
		if math.IsInf(hi, 1) {
			return hi
		}
	}
	lo := hi / 2
	for range 60 {
		mid := math.Sqrt(lo * hi)
		if x.Survival(mid) > q {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// total is one member's yearly payout with s shares and the factors, on the
// lattice k·h, capped at annual_cap·s. Every payment is first bounded by
// the annual cap too (min(Σ Y_i, C) = min(Σ min(Y_i, C), C)), so that an
// annual cap alone bounds the lattice of a benefit without a per-claim cap.
// The result is shared through the member cache: read only.
//
// cls is the member's rate class (its index in Plan.Classes plus 1; 0
// without classes): its relativities are in fI and fS, its event counts'
// dispersion is read here (Plan.countDist).
func (m *member) total(s, cls int, fI, fS, fT float64) (*aggregate.Lattice, error) {
	k, err := m.totalKey(s, cls, fI, fS, fT)
	if err != nil {
		return nil, err
	}
	return m.mc.total(k, func() (*aggregate.Lattice, error) { return m.compute(s, cls, fI, fS, fT) })
}

// compute is total without the cache.
func (m *member) compute(s, cls int, fI, fS, fT float64) (*aggregate.Lattice, error) {
	p, r, h := m.p, m.r, m.h
	fI, fS = fI*m.shockI, fS*m.shockS
	sh := float64(s)
	capA := 0.0
	annual := r.AnnualCap * sh // +Inf without an annual cap
	if r.AnnualCap > 0 && !math.IsInf(r.AnnualCap, 1) {
		capA = roundUp(annual, h)
	}
	var ls []*aggregate.Lattice
	for _, b := range p.Benefits {
		fN := fI * p.ExposureRatio * b.Freq.Growth(m.years)
		nd := p.countDist(b, cls, fN, 1)
		count, err := countPMF(nd, m.tail)
		if err != nil {
			return nil, fmt.Errorf("%s events: %w", b.Benefit, err)
		}
		var l *aggregate.Lattice
		switch {
		case b.Sev != nil && m.bandsOf(b) != nil: // banded.go
			if l, err = m.bandedTotal(b, m.bandsOf(b), count, fS, fT, s); err != nil {
				return nil, err
			}
		case b.Benefit == plans.Medical && b.Sev != nil:
			x, f, err := costLaw(b, fS, fT)
			if err != nil {
				return nil, err
			}
			// Admissions are numbered among claimed ones (plans.Rules.Claimed):
			// the events are thinned to those with X > deductible — the
			// family is kept — and each pays the layer given X > deductible.
			pc := claimedShare(x, r)
			nd = p.countDist(b, cls, fN, pc)
			if count, err = countPMF(nd, m.tail); err != nil {
				return nil, fmt.Errorf("%s events: %w", b.Benefit, err)
			}
			var sev [][]float64
			var keys []string
			for j := range 3 {
				d, ratio, limit := r.MedicalCoverage(j+1, s)
				limit = limitOf(x, d, ratio, math.Min(limit, annual), m.eventTail(nd.Mean()))
				cov := aggregate.Coverage{Deductible: d, Ratio: ratio, Limit: limit}
				key, g, err := m.payment("medical", b, x, f, cov, m.eventTail(nd.Mean()), pc)
				if err != nil {
					return nil, err
				}
				keys, sev = append(keys, key), append(sev, g)
			}
			l, err = m.mc.memberTotal(keys, count, sev, h, capA)
			if err != nil {
				return nil, err
			}
		case b.Benefit == plans.Day && b.Days != nil:
			l, err = dayTotal(b, r, count, sh, h)
			if err != nil {
				return nil, err
			}
		case b.Benefit == plans.Fire && b.Sev != nil:
			x, err := scaled(b.Sev.Dist, fS)
			if err != nil {
				return nil, err
			}
			ratio, limit := r.FireCoverage()
			limit = limitOf(x, 0, ratio, math.Min(limit, annual), m.eventTail(nd.Mean()))
			cov := aggregate.Coverage{Ratio: ratio, Limit: limit}
			key, g, err := m.payment("fire", b, x, fS, cov, m.eventTail(nd.Mean()), 1)
			if err != nil {
				return nil, err
			}
			l, err = m.mc.memberTotal([]string{key}, count, [][]float64{g}, h, capA)
			if err != nil {
				return nil, err
			}
		case b.Payment != nil:
			f := fS * sh
			if b.PaymentTrended {
				f *= fT
			}
			x, err := scaled(b.Payment, f)
			if err != nil {
				return nil, err
			}
			cov := aggregate.Coverage{Ratio: 1, Limit: limitOf(x, 0, 1, annual, m.eventTail(nd.Mean()))}
			key, g, err := m.payment("summary", b, x, f, cov, m.eventTail(nd.Mean()), 1)
			if err != nil {
				return nil, err
			}
			l, err = m.mc.memberTotal([]string{key}, count, [][]float64{g}, h, capA)
			if err != nil {
				return nil, err
			}
		default:
			amounts, err := lumpAmounts(b, r, s)
			if err != nil {
				return nil, err
			}
			c := capA
			switch b.Benefit {
			case plans.Disability:
				c = capMin(c, roundUp(r.DisabilitySum*sh, h))
			case plans.Death:
				c = capMin(c, roundUp(r.LumpSum*sh, h))
			}
			l, err = aggregate.MemberTotal(count, [][]float64{onLattice(amounts, h)}, h, c, maxPts)
			if err != nil {
				return nil, err
			}
		}
		ls = append(ls, l)
	}
	if len(ls) == 0 {
		return &aggregate.Lattice{Step: h, PMF: []float64{1}}, nil
	}
	tot := ls[0]
	if len(ls) > 1 {
		var err error
		if tot, err = aggregate.Convolve(h, ls...); err != nil {
			return nil, err
		}
	}
	if capA > 0 {
		tot = capAt(tot, capA)
	}
	return tot, nil
}

// payment is one event's discretised payment of the cost x (scaled by f)
// under cov on the member's step, kept in the member cache under its key
// (paymentKey, kind naming the benefit's kind): for medical events, given
// that the event is claimed (pc the share claimed; 1 for the others).
func (m *member) payment(kind string, b *Benefit, x dist.Continuous, f float64, cov aggregate.Coverage, tail, pc float64) (string, []float64, error) {
	key := m.paymentKey(kind, b, f, cov, tail)
	g, err := m.mc.payment(key, func() ([]float64, error) {
		g, err := aggregate.DiscretizePayment(x, cov, m.h, aggregate.Unbiased, tail, maxPts)
		if err != nil {
			return nil, err
		}
		return capMass(givenClaimed(g.PMF, pc)), nil // pc 1: the payment as it is
	})
	if err != nil {
		return "", nil, fmt.Errorf("%s payment: %w", kind, err)
	}
	return key, g, nil
}

// capMass scales a discretised payment whose masses add up to a little more
// than 1 back to 1: the unbiased discretisation's second differences of the
// LEV lose about eps·LEV/h a point, which adds up over long lattices (1e-7
// over 700,000 points); the mean moves by as little.
func capMass(p []float64) []float64 {
	s := 0.0
	for _, v := range p {
		s += v
	}
	if s > 1 && s < 1+1e-5 {
		for k := range p {
			p[k] /= s
		}
	}
	return p
}

func capMin(a, b float64) float64 {
	if a <= 0 {
		return b
	}
	if b <= 0 {
		return a
	}
	return math.Min(a, b)
}

// roundUp rounds x up to a multiple of h (within 1e-9 relative).
func roundUp(x, h float64) float64 {
	k := math.Ceil(x/h - 1e-9)
	return k * h
}

// capAt moves the mass of l above c onto c (l's origin must be 0).
func capAt(l *aggregate.Lattice, c float64) *aggregate.Lattice {
	k := int(math.Round((c - l.Origin) / l.Step))
	if k < 0 || k >= len(l.PMF)-1 && l.Above == 0 {
		return l
	}
	out := &aggregate.Lattice{Origin: l.Origin, Step: l.Step, Below: l.Below}
	out.PMF = append([]float64(nil), l.PMF[:min(k+1, len(l.PMF))]...)
	for len(out.PMF) < k+1 {
		out.PMF = append(out.PMF, 0)
	}
	extra := l.Above
	for j := k + 1; j < len(l.PMF); j++ {
		extra += l.PMF[j]
	}
	out.PMF[k] += extra
	return out
}

// countPMF tabulates a count distribution out to where the rest is below
// tail: past the mean, once the terms fall geometrically (ratio ρ < 1), the
// rest after p_k is at most p_k·ρ/(1 − ρ) while the ratios keep falling
// (Poisson, negative binomial). It fails beyond 10,000 events a member.
func countPMF(n dist.Discrete, tail float64) ([]float64, error) {
	mean := n.Mean()
	var p []float64
	cum := 0.0
	for k := 0; k < 10000; k++ {
		pk := n.Prob(k)
		p = append(p, pk)
		cum += pk
		if k < 1 || float64(k) <= mean || 1-cum > 1e-13 {
			continue
		}
		if pk == 0 {
			return p, nil
		}
		if rho := pk / p[k-1]; rho < 1 && pk*rho/(1-rho) <= tail {
			return p, nil
		}
	}
	return nil, fmt.Errorf("count distribution %s has mass beyond 10,000 events a member", n.Name())
}

// pointMass is an amount paid with its probability.
type pointMass struct{ amount, prob float64 }

// lumpAmounts is the law of one event's payment of a lump-sum benefit
// (plans.Rules.LumpAmount of each class or grade), in the sorted order of
// the categories, equal amounts merged.
func lumpAmounts(b *Benefit, r *plans.Rules, s int) ([]pointMass, error) {
	switch b.Benefit {
	case plans.Death:
		a, err := r.LumpAmount(plans.Death, "", s)
		return []pointMass{{a, 1}}, err
	case plans.Diagnosis, plans.Disability:
	default:
		return nil, fmt.Errorf("benefit %s has no model of its amount", b.Benefit)
	}
	if b.Benefit == plans.Diagnosis && (len(b.Categories) == 0 || r.Diagnosis == nil) {
		a, err := r.LumpAmount(plans.Diagnosis, "", s)
		if r.Diagnosis != nil { // no classes recorded: the full lump sum
			a, err = r.LumpSum*float64(s), nil
		}
		return []pointMass{{a, 1}}, err
	}
	if len(b.Categories) == 0 {
		return nil, errors.New("disability claims carry no grades")
	}
	cats := make([]string, 0, len(b.Categories))
	for c := range b.Categories {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var out []pointMass
	for _, c := range cats {
		a, err := r.LumpAmount(b.Benefit, c, s)
		if err != nil {
			return nil, err
		}
		out = append(out, pointMass{a, b.Categories[c]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].amount < out[j].amount })
	k := 0
	for i := range out {
		if k > 0 && out[k-1].amount == out[i].amount {
			out[k-1].prob += out[i].prob
			continue
		}
		out[k] = out[i]
		k++
	}
	return out[:k], nil
}

// onLattice puts point masses on the lattice k·h, each split between its two
// neighbours so that the mean is kept.
func onLattice(amounts []pointMass, h float64) []float64 {
	top := 0.0
	for _, a := range amounts {
		top = math.Max(top, a.amount)
	}
	p := make([]float64, int(math.Ceil(top/h+1e-9))+2)
	for _, a := range amounts {
		x := a.amount / h
		k := math.Floor(x + 1e-9)
		f := x - k
		if f < 1e-9 {
			f = 0
		}
		p[int(k)] += a.prob * (1 - f)
		if f > 0 {
			p[int(k)+1] += a.prob * f
		}
	}
	return p
}

// claimedShare is P(X > deductible), the share of medical events that are
// claimed (plans.Rules.Claimed).
func claimedShare(x dist.Continuous, r *plans.Rules) float64 {
	if r.Deductible <= 0 {
		return 1
	}
	return x.Survival(r.Deductible)
}

// givenClaimed turns the lattice of one event's payment into that of a
// claimed event's (X > deductible): the unclaimed events' atom 1 − pc is
// taken off 0 and the rest divided by pc. The discretisation is linear in
// the law, so this is the discretised payment of X given X > deductible.
//
// The points above 0 are divided by pc, and the atom at 0 (a claimed
// payment below the step, spread over 0 and h) is what they and the mass
// beyond the grid leave: 1 − Σ_{k≥1} pmf[k]/pc − (1 − Σ pmf)/pc, which equals
// (pmf[0] − (1 − pc))/pc but is not that difference of two numbers near 1,
// which loses every digit when pc is tiny (a severity scaled far down by a
// parameter-risk node puts 1e-18 of the events above the deductible) and,
// divided by pc, made the lattice sum to more than 1.
func givenClaimed(pmf []float64, pc float64) []float64 {
	if pc >= 1 || !(pc > 0) {
		return pmf
	}
	total, rest := 0.0, 0.0
	for k := range pmf {
		total += pmf[k]
		if k > 0 {
			pmf[k] /= pc
			rest += pmf[k]
		}
	}
	if rest > 1 {
		for k := 1; k < len(pmf); k++ {
			pmf[k] /= rest
		}
		rest = 1
	}
	beyond := 0.0
	if m := 1 - total; m > 1e-12 {
		beyond = m / pc
	}
	pmf[0] = math.Max(0, 1-rest-beyond)
	return pmf
}

// dayTotal is one member's day allowances: per stay k = max(0, D − from + 1)
// paid days, min(Σk, max_days) in the year, × daily amount × shares.
func dayTotal(b *Benefit, r *plans.Rules, count []float64, s, h float64) (*aggregate.Lattice, error) {
	from := max(r.FromDay, 1)
	dd := b.Days.Dist()
	// D = 1 + Y, so K = max(0, D − from + 1) = max(0, Y − (from − 2)).
	shift := from - 2
	var k []float64
	cum := 0.0
	if shift >= 0 {
		k = append(k, dd.CDF(shift))
	} else {
		k = append(k, 0) // from day 1: every stay pays D ≥ 1 days
	}
	cum = k[0]
	for j := 1; 1-cum > 1e-14 && j < 100000; j++ {
		pj := dd.Prob(shift + j)
		k = append(k, pj)
		cum += pj
	}
	capDays := 0.0
	if r.MaxDays > 0 && r.MaxDays != math.MaxInt {
		capDays = float64(r.MaxDays)
	}
	pts := 1 << 20
	days, err := aggregate.MemberTotal(count, [][]float64{k}, 1, capDays, pts)
	if err != nil {
		return nil, err
	}
	step := r.DailyAmount * s
	l := &aggregate.Lattice{Step: step, PMF: days.PMF, Above: days.Above}
	return aggregate.Regrid(l, h), nil
}
