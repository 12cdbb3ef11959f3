package dist

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Empirical is a discrete distribution on finitely many points x_i ≥ 0 with
// masses m_i (Σ m_i = 1): the empirical distribution of claim data, or a
// given discrete severity such as P(1) = 0.5, P(2) = 0.3, P(3) = 0.2.
//
//	F(x) = Σ_{x_i ≤ x} m_i, E[X^k] = Σ m_i x_i^k,
//	E[min(X, u)] = Σ m_i min(x_i, u).
//
// Prob and LogProb give the point mass P(X = x) (the density with respect to
// counting measure), not a Lebesgue density. Build with NewEmpirical.
type Empirical struct {
	pts  []float64 // distinct support points, increasing
	mass []float64 // masses, Σ = 1
	cum  []float64 // cum[i] = Σ_{j ≤ i} mass[j]
	tail []float64 // tail[i] = Σ_{j > i} mass[j], summed from the top
	n    int       // number of observations given
	Src  rand.Source
}

var _ Continuous = (*Empirical)(nil)

// NewEmpirical returns the distribution putting weight w_i/Σw on values[i]
// (equal weights when weights is nil). Repeated values are merged; values
// with zero weight are dropped. Values must be finite and ≥ 0, weights
// finite and ≥ 0 with a positive sum.
func NewEmpirical(values, weights []float64) (*Empirical, error) {
	if len(values) == 0 {
		return nil, errors.New("empirical: no values")
	}
	if weights != nil && len(weights) != len(values) {
		return nil, fmt.Errorf("empirical: %d values but %d weights", len(values), len(weights))
	}
	type pw struct{ x, w float64 }
	v := make([]pw, 0, len(values))
	total := 0.0
	for i, x := range values {
		if !(x >= 0) || math.IsInf(x, 1) {
			return nil, fmt.Errorf("empirical: value %d is %v; expected a finite number ≥ 0", i+1, x)
		}
		w := 1.0
		if weights != nil {
			w = weights[i]
			if !(w >= 0) || math.IsInf(w, 1) {
				return nil, fmt.Errorf("empirical: weight %d is %v; expected a finite number ≥ 0", i+1, w)
			}
		}
		if w == 0 {
			continue
		}
		v = append(v, pw{x, w})
		total += w
	}
	if !(total > 0) || math.IsInf(total, 1) {
		return nil, errors.New("empirical: weights must have a positive finite sum")
	}
	sort.SliceStable(v, func(i, j int) bool { return v[i].x < v[j].x })
	e := &Empirical{n: len(values)}
	for _, p := range v {
		if k := len(e.pts); k > 0 && e.pts[k-1] == p.x {
			e.mass[k-1] += p.w
			continue
		}
		e.pts = append(e.pts, p.x)
		e.mass = append(e.mass, p.w)
	}
	for i := range e.mass {
		e.mass[i] /= total
	}
	e.cum = make([]float64, len(e.mass))
	s := 0.0
	for i, m := range e.mass {
		s += m
		e.cum[i] = s
	}
	e.cum[len(e.cum)-1] = 1
	e.tail = make([]float64, len(e.mass))
	s = 0
	for i := len(e.mass) - 1; i >= 0; i-- {
		e.tail[i] = s
		s += e.mass[i]
	}
	return e, nil
}

// Validate reports whether e was built by NewEmpirical.
func (e *Empirical) Validate() error {
	if e == nil || len(e.pts) == 0 {
		return errors.New("empirical: empty; build with NewEmpirical")
	}
	return nil
}

// Points returns the distinct support points in increasing order (a copy).
func (e *Empirical) Points() []float64 { return append([]float64(nil), e.pts...) }

// Masses returns the masses of Points (a copy); they sum to 1.
func (e *Empirical) Masses() []float64 { return append([]float64(nil), e.mass...) }

func (e *Empirical) Name() string { return "empirical" }

// Params returns n, the number of observations given, and k, the number of
// distinct support points.
func (e *Empirical) Params() map[string]float64 {
	return map[string]float64{"n": float64(e.n), "k": float64(len(e.pts))}
}

// index returns the number of support points ≤ x.
func (e *Empirical) index(x float64) int {
	return sort.Search(len(e.pts), func(i int) bool { return e.pts[i] > x })
}

// Prob returns the point mass P(X = x).
func (e *Empirical) Prob(x float64) float64 {
	i := e.index(x) - 1
	if i >= 0 && e.pts[i] == x {
		return e.mass[i]
	}
	return 0
}

// LogProb returns log P(X = x).
func (e *Empirical) LogProb(x float64) float64 { return math.Log(e.Prob(x)) }

func (e *Empirical) CDF(x float64) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	i := e.index(x)
	if i == 0 {
		return 0
	}
	return e.cum[i-1]
}

// Survival returns P(X > x), summed from the top.
func (e *Empirical) Survival(x float64) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	i := e.index(x)
	if i == 0 {
		return 1
	}
	return e.tail[i-1]
}

// Quantile returns the smallest support point x with F(x) ≥ p (with R's
// 64-epsilon fuzz, so that p equal to a cumulative mass returns that point).
func (e *Empirical) Quantile(p float64) float64 {
	if !validP(p) {
		return math.NaN()
	}
	t := p * quantileFuzz
	i := sort.Search(len(e.cum), func(i int) bool { return e.cum[i] >= t })
	if i == len(e.cum) {
		i--
	}
	return e.pts[i]
}

func (e *Empirical) Mean() float64 { return e.RawMoment(1) }

// Variance returns Σ m_i (x_i − mean)².
func (e *Empirical) Variance() float64 {
	m := e.Mean()
	s := 0.0
	for i, x := range e.pts {
		d := x - m
		s += e.mass[i] * d * d
	}
	return s
}

func (e *Empirical) RawMoment(k int) float64 {
	if k < 0 {
		return math.NaN()
	}
	s := 0.0
	for i, x := range e.pts {
		s += e.mass[i] * math.Pow(x, float64(k))
	}
	return s
}

// LEV returns Σ m_i min(x_i, u).
func (e *Empirical) LEV(u float64) float64 {
	if u <= 0 {
		return 0
	}
	s := 0.0
	for i, x := range e.pts {
		s += e.mass[i] * math.Min(x, u)
	}
	return s
}

// Rand draws a support point with probability its mass.
func (e *Empirical) Rand() float64 {
	u := newRNG(e.Src).Float64()
	i := sort.Search(len(e.cum), func(i int) bool { return e.cum[i] > u })
	if i == len(e.cum) {
		i--
	}
	return e.pts[i]
}
