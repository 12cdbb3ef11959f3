package plans

import (
	"fmt"
	"math"
	"sort"
)

// Band is one band of a cost-band schedule (Weihai's terms, say): on the
// part of a member's cumulative cost in the plan year that lies from From
// (yuan) up to the next band's From, the plan pays Ratio.
type Band struct {
	From, Ratio float64
}

// Bands is a cost-band schedule, ascending in From. An annual deductible D
// is a band {0, 0} followed by {D, ratio}; a cost below the first band's
// From is not paid.
type Bands []Band

// Check reports a schedule the rules cannot use: no band, a negative or
// repeated edge, or a ratio outside [0, 1].
func (b Bands) Check() error {
	if len(b) == 0 {
		return fmt.Errorf("no cost band")
	}
	for i, x := range b {
		if !(x.From >= 0) || math.IsInf(x.From, 0) {
			return fmt.Errorf("band %d starts at %v, expected a cost of 0 or more", i+1, x.From)
		}
		if !(x.Ratio >= 0 && x.Ratio <= 1) {
			return fmt.Errorf("band %d pays %v, expected a ratio from 0 to 1", i+1, x.Ratio)
		}
		if i > 0 && x.From <= b[i-1].From {
			return fmt.Errorf("band %d starts at %v, not above band %d's %v", i+1, x.From, i, b[i-1].From)
		}
	}
	return nil
}

// Sorted is a copy of b in ascending From.
func (b Bands) Sorted() Bands {
	s := append(Bands(nil), b...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].From < s[j].From })
	return s
}

// Pay is what the schedule pays on a cumulative cost c in the plan year,
// before any cap:
//
//	Pay(c) = Σ_k Ratio_k · (min(c, From_{k+1}) − From_k)⁺,  From_{K+1} = ∞.
func (b Bands) Pay(c float64) float64 {
	var s float64
	for k, x := range b {
		if c <= x.From {
			break
		}
		hi := c
		if k+1 < len(b) && b[k+1].From < hi {
			hi = b[k+1].From
		}
		s += x.Ratio * (hi - x.From)
	}
	return s
}

// PayClaim is what a claim of cost x pays when the member's cumulative cost
// before it is prior: Pay(prior + x) − Pay(prior). A year's claims paid one
// by one add up to Pay of the year's total cost.
func (b Bands) PayClaim(prior, x float64) float64 {
	return b.Pay(prior+x) - b.Pay(prior)
}

// MaxRatio is the highest ratio of the schedule: no claim pays more than
// MaxRatio × its cost, whatever came before it in the year.
func (b Bands) MaxRatio() float64 {
	m := 0.0
	for _, x := range b {
		m = max(m, x.Ratio)
	}
	return m
}
