package model

import (
	"errors"
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/plans"
)

// Cost bands (plans.Bands: Weihai's terms) pay on the member's cumulative
// cost in the plan year, not claim by claim: the exact method compounds
// the member's costs first and pays the year's sum,
//
//	A = min(Pay_in(C_in) + Pay_out(C_out), annual_cap·s),
//	C = X_1 + … + X_N (the year's admissions, or outpatient visits),
//
// with the count N and the costs X of each part independent. See
// BandedPayout and docs/model.md §3.

// ErrBandTerms marks terms that the exact method cannot price by cost
// bands (BandTermsError).
var ErrBandTerms = errors.New("cost-band terms")

// BandTermsError is a term of a banded plan that the exact method refuses:
// Term "claim_cap" when a per-claim cap below the annual cap would make the
// payment depend on how the year's cost is split into claims (the member's
// annual cost alone no longer fixes it), "deductible" when a per-claim
// deductible stands beside the bands (the annual deductible is the first
// paying band's lower edge), "ratios" when ratio_1..3 are set beside
// inpatient bands (the rules would ignore them), or "bands" when a schedule fails
// plans.Bands.Check (Err says why).
type BandTermsError struct {
	Plan      string
	Term      string
	Value     float64 // the claim cap or the deductible (yuan per share for the cap)
	AnnualCap float64 // yuan per share, +Inf when none
	Err       error   // the schedule's fault (Term "bands")
}

func (e *BandTermsError) Error() string {
	// The catalogue's English (internal/i18n/bandlever.go tells it in Chinese).
	const why = "a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"
	switch e.Term {
	case "claim_cap":
		if math.IsInf(e.AnnualCap, 1) {
			return fmt.Sprintf("plan %s pays by cost bands with claim_cap %v and no annual_cap: %s", e.Plan, e.Value, why)
		}
		return fmt.Sprintf("plan %s pays by cost bands with claim_cap %v below its annual_cap %v: %s", e.Plan, e.Value, e.AnnualCap, why)
	case "deductible":
		return fmt.Sprintf("plan %s pays by cost bands and has a per-claim deductible %v: a banded plan's deductible is the lower edge of its first paying band", e.Plan, e.Value)
	case "ratios":
		return fmt.Sprintf("plan %s pays by cost bands and sets ratio_1 to ratio_3: a banded plan pays its band ratios, not the ratios of the n-th admission", e.Plan)
	}
	return fmt.Sprintf("plan %s: its cost bands are wrong: %v", e.Plan, e.Err)
}

func (e *BandTermsError) Unwrap() []error { return []error{ErrBandTerms, e.Err} }

// CheckBandTerms reports terms with cost bands that the exact method cannot
// price (a BandTermsError; nil without bands): a schedule plans.Bands.Check
// refuses, a per-claim deductible or ratio_1..3 beside inpatient bands, or a claim cap
// below the annual cap (or a claim cap without an annual cap) beside either
// schedule (the claim cap applies to outpatient band claims too). A claim cap at or above the annual cap
// never binds: a claim's payment above it would bring the year's to the
// annual cap anyway.
func CheckBandTerms(t *plans.Terms) error {
	if len(t.Bands) == 0 && len(t.OutpatientBands) == 0 {
		return nil
	}
	for _, b := range []plans.Bands{t.Bands, t.OutpatientBands} {
		if len(b) == 0 {
			continue
		}
		if err := b.Check(); err != nil {
			return &BandTermsError{Plan: t.Plan, Term: "bands", Err: err}
		}
	}
	r := t.Rules()
	// The deductible is the inpatient admissions' (plans.Rules.PayPeriodYear):
	// beside inpatient bands it would not be used; a plan paying inpatient
	// by admission with outpatient bands (Hangzhou's) keeps it. The claim
	// cap cuts every claim, an outpatient visit paid by its bands as an
	// admission, so it is checked whichever schedule the plan pays through.
	if len(t.Bands) > 0 && r.Deductible > 0 {
		return &BandTermsError{Plan: t.Plan, Term: "deductible", Value: r.Deductible, AnnualCap: r.AnnualCap}
	}
	// The rules pay inpatient bands and never read ratio_1..3 beside them:
	// refused as the reader refuses them, rather than ignored.
	if len(t.Bands) > 0 && (t.Ratios[0].Valid || t.Ratios[1].Valid || t.Ratios[2].Valid) {
		return &BandTermsError{Plan: t.Plan, Term: "ratios", AnnualCap: r.AnnualCap}
	}
	if !math.IsInf(r.ClaimCap, 1) && r.ClaimCap < r.AnnualCap {
		return &BandTermsError{Plan: t.Plan, Term: "claim_cap", Value: r.ClaimCap, AnnualCap: r.AnnualCap}
	}
	return nil
}

// BandPart is one banded benefit of a member in the plan year: the law of
// the count of its events, each event's cost on the lattice, and the
// schedule that pays the year's summed cost.
type BandPart struct {
	// Count is P(N = n), n = 0, 1, …, summing to 1 within 1e-12.
	Count []float64
	// Cost is P(X = k·h) of one event's cost on the payout's lattice step
	// (aggregate.DiscretizePayment); it may be defective, the rest taken as
	// beyond its last point.
	Cost []float64
	// Bands is the schedule (Check must pass).
	Bands plans.Bands
}

// BandedPayout returns the distribution of one member's yearly payout
//
//	A = min(Σ_j Pay_j(C_j), annual),  C_j = X_j1 + … + X_jN_j,
//
// on the lattice k·h, for independent parts j (a hospital plan's inpatient
// and outpatient costs), Pay_j = parts[j].Bands.Pay; annual is the annual
// cap in yuan (annual_cap × shares; +Inf for none).
//
// Per part, the annual cost C is compounded on the lattice by
// aggregate.MemberTotal (FFT), cut at the least cost c* from which
// min(Pay(c), annual) no longer grows (rounded up to the lattice; without an
// annual cap and with a last band that pays, the cost lattice holds
// maxPoints points and the rest is Above); each cost point k·h then pays
// y = min(Pay(k·h), annual), put on the lattice by splitting its mass
// between the neighbouring points in the proportions that keep its mean
// (the split's variance, at most h²/4 a point, is added to
// ExcessVariance). The parts are convolved (aggregate.Convolve) and the sum
// capped at annual the same way. So the mean is exact for the costs as
// discretised; what the lattice step costs is the discretisation of X and
// a band edge or c* falling between two cost points (Pay is linear between
// them otherwise), both O(h²) on the mean.
func BandedPayout(parts []BandPart, h, annual float64, maxPoints int) (*aggregate.Lattice, error) {
	if len(parts) == 0 {
		return nil, errors.New("model: BandedPayout with no part")
	}
	if !(h > 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("model: BandedPayout step %v", h)
	}
	if !(annual >= 0) {
		return nil, fmt.Errorf("model: BandedPayout annual cap %v", annual)
	}
	ls := make([]*aggregate.Lattice, len(parts))
	for j, pt := range parts {
		if err := pt.Bands.Check(); err != nil {
			return nil, fmt.Errorf("model: BandedPayout part %d: %w", j+1, err)
		}
		l, err := bandedPart(pt.Count, pt.Cost, pt.Bands.Sorted(), h, annual, maxPoints)
		if err != nil {
			return nil, fmt.Errorf("model: BandedPayout part %d: %w", j+1, err)
		}
		ls[j] = l
	}
	if len(ls) == 1 {
		return ls[0], nil
	}
	tot, err := aggregate.Convolve(h, ls...)
	if err != nil {
		return nil, err
	}
	if math.IsInf(annual, 1) {
		return tot, nil
	}
	return capSplit(tot, annual), nil
}

// bandedPart is BandedPayout's lattice of one part (b sorted).
func bandedPart(count, cost []float64, b plans.Bands, h, annual float64, maxPoints int) (*aggregate.Lattice, error) {
	cs := bandCostCap(b, annual)
	capC := 0.0
	if !math.IsInf(cs, 1) {
		k := math.Ceil(cs/h - 1e-9)
		if k < 1 {
			return &aggregate.Lattice{Step: h, PMF: []float64{1}}, nil
		}
		capC = k * h
	}
	c, err := aggregate.MemberTotal(count, [][]float64{cost}, h, capC, maxPoints)
	if err != nil {
		return nil, err
	}
	pay := func(x float64) float64 { return math.Min(b.Pay(x), annual) }
	return payOnLattice(c, pay, h), nil
}

// bandCostCap is the least cost c from which min(Pay(c), annual) no longer
// grows: where the payment reaches the annual cap, or the upper edge of the
// last band that pays; +Inf when it grows without end.
func bandCostCap(b plans.Bands, annual float64) float64 {
	paid := 0.0
	edge := 0.0 // the upper edge of the last paying band seen
	for k, x := range b {
		hi := math.Inf(1)
		if k+1 < len(b) {
			hi = b[k+1].From
		}
		if x.Ratio <= 0 {
			continue
		}
		seg := x.Ratio * (hi - x.From)
		if paid+seg >= annual {
			return x.From + (annual-paid)/x.Ratio
		}
		paid += seg
		edge = hi
	}
	return edge
}

// payOnLattice is the law of pay(C) for C on the lattice c (origin 0), on
// the lattice k·h: each point's payment split between its neighbours
// keeping the mean; c's Above stays Above.
func payOnLattice(c *aggregate.Lattice, pay func(float64) float64, h float64) *aggregate.Lattice {
	ys := make([]float64, len(c.PMF))
	top := 0.0
	for k := range c.PMF {
		ys[k] = pay(c.Origin + float64(k)*c.Step)
		top = math.Max(top, ys[k])
	}
	out := &aggregate.Lattice{Step: h, PMF: make([]float64, int(math.Floor(top/h+1e-9))+2), Above: c.Above,
		Below: c.Below, ExcessVariance: c.ExcessVariance}
	split := 0.0
	for k, p := range c.PMF {
		if p == 0 {
			continue
		}
		split += spread(out.PMF, ys[k]/h, p)
	}
	out.ExcessVariance += split * h * h
	hi := len(out.PMF)
	for hi > 1 && out.PMF[hi-1] == 0 {
		hi--
	}
	out.PMF = out.PMF[:hi]
	return out
}

// spread adds mass p at the lattice position u (in steps) to pmf, split
// between ⌊u⌋ and ⌊u⌋ + 1 so that the mean is kept (u within 1e-9 of a
// point goes to the point); it returns the split's variance in steps².
func spread(pmf []float64, u, p float64) float64 {
	k := math.Floor(u + 1e-9)
	f := u - k
	if f < 1e-9 {
		pmf[int(k)] += p
		return 0
	}
	pmf[int(k)] += p * (1 - f)
	pmf[int(k)+1] += p * f
	return p * f * (1 - f)
}

// capSplit is min(A, c) for A on l (origin 0): the mass above c is put at c,
// split between its neighbouring points when c is not one.
func capSplit(l *aggregate.Lattice, c float64) *aggregate.Lattice {
	u := c / l.Step
	k := int(math.Floor(u + 1e-9))
	if k >= len(l.PMF)-1 && l.Above == 0 {
		return l
	}
	out := &aggregate.Lattice{Step: l.Step, Below: l.Below, Continuous: l.Continuous, ExcessVariance: l.ExcessVariance}
	out.PMF = make([]float64, k+2)
	copy(out.PMF, l.PMF[:min(k+1, len(l.PMF))])
	extra := l.Above
	for j := k + 1; j < len(l.PMF); j++ {
		extra += l.PMF[j]
	}
	// The point k·h itself stays; what lies above c moves to c.
	if float64(k) >= u-1e-9 {
		out.PMF[k] += extra
	} else {
		out.ExcessVariance += spread(out.PMF, u, extra) * l.Step * l.Step
	}
	hi := len(out.PMF)
	for hi > 1 && out.PMF[hi-1] == 0 {
		hi--
	}
	out.PMF = out.PMF[:hi]
	return out
}

// bandsOf is the schedule that pays benefit b of the member's plan, sorted;
// nil when b is not paid by cost bands.
func (m *member) bandsOf(b *Benefit) plans.Bands {
	switch b.Benefit {
	case plans.Medical:
		return m.bands
	case plans.Outpatient:
		return m.outBands
	}
	return nil
}

// setBands makes the member's lattices pay by the cost bands of terms t
// (none: as before). The hook of the exact method: exact.go calls it after
// newMember with the terms it prices.
func (m *member) setBands(t *plans.Terms) {
	m.bands, m.outBands, m.bandTerms = nil, nil, t
	if len(t.Bands) > 0 {
		m.bands = t.Bands.Sorted()
	}
	if len(t.OutpatientBands) > 0 {
		m.outBands = t.OutpatientBands.Sorted()
	}
}

// bandedTotal is one member's yearly payout from the banded benefit b with
// s shares: count is its event count's table, fS and fT the severity and
// trend factors (the shocks already in fS). The payout is capped at the
// annual cap; member.total convolves it with the plan's other benefits
// (the outpatient part among them) and caps the sum again, which is
// BandedPayout's min(Pay_in + Pay_out, annual).
func (m *member) bandedTotal(b *Benefit, bands plans.Bands, count []float64, fS, fT float64, s int) (*aggregate.Lattice, error) {
	if err := CheckBandTerms(m.bandTerms); err != nil {
		return nil, err
	}
	x, _, err := costLaw(b, fS, fT)
	if err != nil {
		return nil, err
	}
	annual := m.r.AnnualCap * float64(s)
	// Each cost bounded at c* (min(Σ X, c*) = min(Σ min(X, c*), c*)); with
	// nothing bounding the payout, where the cost's chance falls below the
	// member's tail tolerance.
	mean := 0.0
	for n, p := range count {
		mean += float64(n) * p
	}
	lim := bandCostCap(bands, annual)
	if !math.IsInf(lim, 1) {
		lim = roundUp(lim, m.h)
	}
	lim = limitOf(x, 0, 1, lim, m.eventTail(mean))
	if !(lim > 0) {
		return &aggregate.Lattice{Step: m.h, PMF: []float64{1}}, nil
	}
	g, err := aggregate.DiscretizePayment(x, aggregate.Coverage{Ratio: 1, Limit: lim}, m.h, aggregate.Unbiased,
		m.eventTail(mean), maxPts)
	if err != nil {
		return nil, fmt.Errorf("%s cost: %w", b.Benefit, err)
	}
	return BandedPayout([]BandPart{{Count: count, Cost: capMass(g.PMF), Bands: bands}}, m.h, annual, maxPts)
}
