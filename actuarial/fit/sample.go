package fit

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Sample is claim-severity data for Continuous. Observation i has value X[i]
// and weight W[i] (nil W: every weight 1; a weight of 0 drops the point).
//
// Censored[i] (nil: none) marks a right-censored observation: the true value
// is at least X[i] (a claim paid at a policy limit). Trunc[i] (nil: none) is a
// left-truncation point: the claim was observed only because its value
// exceeds Trunc[i] (a deductible), so X[i] > Trunc[i] ≥ 0 is required. Each
// observation contributes to the log-likelihood
//
//	uncensored:  w·log f(x) − w·log S(t)
//	censored:    w·log S(x) − w·log S(t)
//
// (S the survival function; the truncation term is 0 when t = 0).
type Sample struct {
	X        []float64
	W        []float64
	Censored []bool
	Trunc    []float64
}

// Limits returns the sample of values x (weights w, nil for 1) observed above
// one common deductible trunc (left-truncation point, 0 for none) and capped
// at one common limit (right-censoring point, 0 or +Inf for none): every
// x ≥ limit becomes an observation censored at limit. x is not modified.
// Values at or below trunc are not dropped: Continuous rejects them, as
// they cannot have been observed.
func Limits(x, w []float64, trunc, limit float64) Sample {
	s := Sample{X: append([]float64(nil), x...), W: w}
	if limit > 0 && !math.IsInf(limit, 1) {
		s.Censored = make([]bool, len(x))
		for i, v := range x {
			if v >= limit {
				s.X[i] = limit
				s.Censored[i] = true
			}
		}
	}
	if trunc != 0 {
		s.Trunc = make([]float64, len(x))
		for i := range s.Trunc {
			s.Trunc[i] = trunc
		}
	}
	return s
}

// points is a set of distinct values in increasing order with summed
// weights; for the likelihood the values are rescaled, y = x/scale, and
// ly = log y.
type points struct {
	x, w, y, ly []float64
}

func (p *points) len() int { return len(p.x) }

// sum returns Σw.
func (p *points) sum() float64 {
	s := 0.0
	for _, w := range p.w {
		s += w
	}
	return s
}

// rescale fills y and ly for scale s.
func (p *points) rescale(s float64) {
	p.y = make([]float64, len(p.x))
	p.ly = make([]float64, len(p.x))
	ls := math.Log(s)
	for i, v := range p.x {
		p.y[i] = v / s
		p.ly[i] = math.Log(v) - ls
	}
}

// collapse sorts the values (with their weights, nil for 1) and merges
// equal ones.
func collapse(x, w []float64) points {
	var p points
	if len(x) == 0 {
		return p
	}
	if w == nil {
		xs := slices.Clone(x)
		slices.Sort(xs)
		p.x = xs[:0:0]
		for i := 0; i < len(xs); {
			j := i + 1
			for j < len(xs) && xs[j] == xs[i] {
				j++
			}
			p.x = append(p.x, xs[i])
			p.w = append(p.w, float64(j-i))
			i = j
		}
		return p
	}
	type xw struct{ x, w float64 }
	a := make([]xw, len(x))
	for i := range x {
		a[i] = xw{x[i], w[i]}
	}
	slices.SortFunc(a, func(u, v xw) int { return cmp.Compare(u.x, v.x) })
	for i := 0; i < len(a); {
		sw := 0.0
		j := i
		for j < len(a) && a[j].x == a[i].x {
			sw += a[j].w
			j++
		}
		p.x = append(p.x, a[i].x)
		p.w = append(p.w, sw)
		i = j
	}
	return p
}

// prepared is a validated sample: uncensored values, censoring points and
// truncation points (t > 0 only), each collapsed, plus what goodness of fit
// needs.
type prepared struct {
	unc, cens, trunc points
	scale            float64 // y = x/scale, the weighted median of the uncensored values
	wTot, wUnc       float64 // Σw over all observations, over the uncensored ones
	wCens            float64
	nObs             int     // observations with positive weight
	intWeights       bool    // every weight is an integer
	truncVaries      bool    // the truncation points differ between uncensored observations
	t0               float64 // the common truncation point of the uncensored observations (0: none)
	// pairs holds (x, t, w) of each uncensored observation when truncVaries.
	pairs [][3]float64
	// Weighted moments of ly over the uncensored values: mean and Σw(ly−mean)².
	mly, m2ly float64
	sy        float64 // Σw·y over the uncensored values
}

// prepare validates s and builds the collapsed form.
func prepare(s Sample) (*prepared, error) {
	if err := checkLengths(s); err != nil {
		return nil, err
	}
	p := &prepared{intWeights: true}
	if err := p.split(s); err != nil {
		return nil, err
	}
	if p.truncVaries {
		p.collectPairs(s)
	}
	p.wUnc = p.unc.sum()
	p.setScale()
	p.logMoments()
	return p, nil
}

// checkLengths reports an empty sample or weights, censoring flags or
// truncation points not one per value.
func checkLengths(s Sample) error {
	n := len(s.X)
	if n == 0 {
		return errors.New("fit: empty sample")
	}
	if s.W != nil && len(s.W) != n {
		return fmt.Errorf("fit: %d weights for %d values", len(s.W), n)
	}
	if s.Censored != nil && len(s.Censored) != n {
		return fmt.Errorf("fit: %d censoring flags for %d values", len(s.Censored), n)
	}
	if s.Trunc != nil && len(s.Trunc) != n {
		return fmt.Errorf("fit: %d truncation points for %d values", len(s.Trunc), n)
	}
	return nil
}

// split checks every value, weight and truncation point, and sorts the
// observations with a positive weight into p's uncensored, censored and
// truncation-point collections (collapsed to distinct values), with the
// counts and weight totals and whether the truncation point varies among
// the uncensored ones (p.t0 is the common one when it does not).
func (p *prepared) split(s Sample) error {
	var ux, uw, cx, cw, tx, tw []float64
	simple := s.W == nil && s.Censored == nil && s.Trunc == nil
	if simple {
		ux = s.X
	}
	t0 := math.NaN() // first truncation point of an uncensored observation
	for i, x := range s.X {
		if !(x > 0) || math.IsInf(x, 1) {
			return fmt.Errorf("fit: value %d is %v; severities must be positive and finite", i, x)
		}
		w := 1.0
		if s.W != nil {
			w = s.W[i]
			if !(w >= 0) || math.IsInf(w, 1) {
				return fmt.Errorf("fit: weight %d is %v; weights must be finite and ≥ 0", i, w)
			}
			if w == 0 {
				continue
			}
			if w != math.Trunc(w) || w > 1<<52 {
				p.intWeights = false
			}
		}
		t := 0.0
		if s.Trunc != nil {
			t = s.Trunc[i]
			if !(t >= 0) || math.IsInf(t, 1) {
				return fmt.Errorf("fit: truncation point %d is %v; it must be finite and ≥ 0", i, t)
			}
			if !(x > t) {
				return fmt.Errorf("fit: value %d (%v) is not above its truncation point %v; a left-truncated observation must exceed it", i, x, t)
			}
		}
		c := s.Censored != nil && s.Censored[i]
		p.nObs++
		p.wTot += w
		if c {
			cx = append(cx, x)
			cw = append(cw, w)
			p.wCens += w
		} else {
			if !simple {
				ux = append(ux, x)
				uw = append(uw, w)
			}
			if math.IsNaN(t0) {
				t0 = t
			} else if t != t0 {
				p.truncVaries = true
			}
		}
		if t > 0 {
			tx = append(tx, t)
			tw = append(tw, w)
		}
	}
	if p.wTot == 0 {
		return errors.New("fit: every weight is 0")
	}
	if !p.truncVaries && t0 > 0 {
		p.t0 = t0
	}
	if simple {
		p.unc = collapse(ux, nil)
	} else {
		p.unc = collapse(ux, uw)
	}
	p.cens = collapse(cx, cw)
	p.trunc = collapse(tx, tw)
	return nil
}

// collectPairs keeps the (value, truncation point, weight) of every
// uncensored observation with a positive weight, in sample order, for the
// likelihood when the truncation point varies.
func (p *prepared) collectPairs(s Sample) {
	for i, x := range s.X {
		w := 1.0
		if s.W != nil {
			w = s.W[i]
		}
		if w == 0 || (s.Censored != nil && s.Censored[i]) {
			continue
		}
		p.pairs = append(p.pairs, [3]float64{x, s.Trunc[i], w})
	}
}

// setScale sets p.scale to the weighted median of the uncensored values
// (of the censored ones when there are none) and rescales the collections
// by it.
func (p *prepared) setScale() {
	ref := &p.unc
	if ref.len() == 0 {
		ref = &p.cens
	}
	half, acc := 0.5*ref.sum(), 0.0
	for i, w := range ref.w {
		acc += w
		if acc >= half {
			p.scale = ref.x[i]
			break
		}
	}
	p.unc.rescale(p.scale)
	p.cens.rescale(p.scale)
	p.trunc.rescale(p.scale)
}

// logMoments sets Σ w·y (p.sy), the weighted mean of log y (p.mly) and
// Σ w·(log y − mly)² (p.m2ly) of the uncensored rescaled values.
func (p *prepared) logMoments() {
	if !(p.wUnc > 0) {
		return
	}
	sl := 0.0
	for i, l := range p.unc.ly {
		sl += p.unc.w[i] * l
		p.sy += p.unc.w[i] * p.unc.y[i]
	}
	p.mly = sl / p.wUnc
	for i, l := range p.unc.ly {
		d := l - p.mly
		p.m2ly += p.unc.w[i] * d * d
	}
}

// quantileY returns the weighted q-quantile of the uncensored rescaled values.
func (p *prepared) quantileY(q float64) float64 {
	target, acc := q*p.wUnc, 0.0
	for i, w := range p.unc.w {
		acc += w
		if acc >= target {
			return p.unc.y[i]
		}
	}
	return p.unc.y[p.unc.len()-1]
}
