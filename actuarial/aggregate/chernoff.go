package aggregate

import "math"

// cgf is the cumulant generating function of the lattice total S_h (in
// units of h) for a lattice payment pmf f and a claim count N:
//
//	K(θ) = log E[e^(θ S_h)] = log P_N(M(θ)),  M(θ) = Σ_j f_j e^(θj),
//	K'(θ) = (log P_N)'(M(θ)) · Σ_j j f_j e^(θj).
//
// It gives rigorous tail bounds (Chernoff): for every θ > 0,
// P(S_h ≥ a) ≤ exp(K(θ) − θa) and P(S_h ≤ a) ≤ exp(K(−θ) + θa). They hold
// for a defective f too (then they bound the mass of the defective measure).
type cgf struct {
	f      []float64
	n0, n1 int // first and last index with f_j > 0
	cnt    *counts
	scale  float64 // a rough standard deviation of S_h (lattice units), ≥ 1
}

func newCGF(f []float64, cnt *counts) *cgf {
	g := &cgf{f: f, cnt: cnt, n0: -1}
	for j, v := range f {
		if v > 0 {
			if g.n0 < 0 {
				g.n0 = j
			}
			g.n1 = j
		}
	}
	if g.n0 < 0 {
		g.n0, g.n1 = 0, 0
	}
	// Rough sd from the moments of the lattice severity.
	var m0, m1, m2 float64
	for j := g.n0; j <= g.n1; j++ {
		x := float64(j)
		m0 += f[j]
		m1 += x * f[j]
		m2 += x * x * f[j]
	}
	k1, k2, _ := cnt.cumulants()
	v := k1*(m2-m1*m1) + k2*m1*m1
	g.scale = math.Sqrt(math.Max(v, 1))
	if math.IsNaN(g.scale) || math.IsInf(g.scale, 0) {
		g.scale = math.Max(1, float64(g.n1))
	}
	return g
}

// at returns K(θ) and K'(θ), and false outside the domain (an overflow, or
// an underflow of M(θ) to 0, counts as outside: no bound is claimed there).
func (g *cgf) at(t float64) (float64, float64, bool) {
	e := math.Exp(t)
	w := math.Exp(t * float64(g.n0))
	var m, m1 float64
	for j := g.n0; j <= g.n1; j++ {
		v := g.f[j] * w
		m += v
		m1 += float64(j) * v
		w *= e
	}
	if !(m > 0) || math.IsInf(m1, 1) || math.IsNaN(m1) || math.IsInf(m, 1) {
		return 0, 0, false
	}
	l, d := g.cnt.logPReal(m)
	if math.IsInf(l, 0) || math.IsNaN(l) {
		return 0, 0, false
	}
	if m1 == 0 {
		return l, 0, true
	}
	d *= m1
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return 0, 0, false
	}
	return l, d, true
}

// thetaMax bounds the tilts searched: e^(50) per lattice step is far beyond
// any useful bound.
const thetaMax = 50.0

// upperEdge returns a (lattice units) with P(S_h ≥ a) ≤ e^c (c < 0), close
// to the smallest such a the Chernoff bound gives: a(θ) = (K(θ) − c)/θ
// minimised over θ > 0, where θK'(θ) − K(θ) + c = 0 (the left side
// increases in θ). Also returns the θ used.
func (g *cgf) upperEdge(c float64) (a, theta float64) {
	H := func(t float64) float64 {
		k, k1, ok := g.at(t)
		if !ok {
			return math.Inf(1)
		}
		return t*k1 - k + c
	}
	aOf := func(t float64) float64 {
		k, _, ok := g.at(t)
		if !ok {
			return math.Inf(1)
		}
		return (k - c) / t
	}
	lo, hi := bracketIncreasing(H, 1/g.scale)
	best, bt := math.Inf(1), hi
	for _, t := range []float64{lo, hi} {
		if t > 0 {
			if v := aOf(t); v < best {
				best, bt = v, t
			}
		}
	}
	return best, bt
}

// lowerEdge returns a with P(S_h ≤ a) ≤ e^c, close to the largest such a
// the bound gives: a(θ) = (c − K(−θ))/θ maximised over θ > 0, where
// θK'(−θ) + K(−θ) − c = 0 (the left side decreases in θ). It returns a ≤ 0
// when the mass near 0 is not below e^c.
func (g *cgf) lowerEdge(c float64) (a, theta float64) {
	G := func(t float64) float64 { // −(θK'(−θ) + K(−θ) − c): increasing
		k, k1, ok := g.at(-t)
		if !ok {
			return math.Inf(1)
		}
		return -(t*k1 + k - c)
	}
	aOf := func(t float64) float64 {
		k, _, ok := g.at(-t)
		if !ok {
			return math.Inf(-1)
		}
		return (c - k) / t
	}
	lo, hi := bracketIncreasing(G, 1/g.scale)
	best, bt := math.Inf(-1), hi
	for _, t := range []float64{lo, hi} {
		if t > 0 {
			if v := aOf(t); v > best {
				best, bt = v, t
			}
		}
	}
	return best, bt
}

// upperLogBound returns log of the Chernoff bound on P(S_h ≥ a) at tilt θ.
func (g *cgf) upperLogBound(a, theta float64) float64 {
	k, _, ok := g.at(theta)
	if !ok {
		return 0
	}
	return math.Min(0, k-theta*a)
}

// lowerLogBound returns log of the Chernoff bound on P(S_h ≤ a) at tilt θ.
func (g *cgf) lowerLogBound(a, theta float64) float64 {
	k, _, ok := g.at(-theta)
	if !ok {
		return 0
	}
	return math.Min(0, k+theta*a)
}

// bracketIncreasing returns 0 < lo ≤ hi ≤ thetaMax around the root of an
// increasing function F on (0, thetaMax], within a factor 1.001 (geometric
// bisection from start). When F < 0 up to thetaMax it returns
// (thetaMax, thetaMax); when F ≥ 0 down to start·2^-200 it returns that.
// Any θ in the result gives a valid (if not optimal) Chernoff bound.
func bracketIncreasing(F func(float64) float64, start float64) (lo, hi float64) {
	if !(start > 0) || math.IsInf(start, 1) {
		start = 1
	}
	if start > thetaMax {
		start = thetaMax
	}
	t := start
	if F(t) < 0 {
		lo = t
		for {
			hi = math.Min(2*lo, thetaMax)
			if F(hi) >= 0 {
				break
			}
			if hi == thetaMax {
				return hi, hi
			}
			lo = hi
		}
	} else {
		hi = t
		for i := 0; ; i++ {
			lo = hi / 2
			if F(lo) < 0 {
				break
			}
			if i > 200 {
				return lo, lo
			}
			hi = lo
		}
	}
	for i := 0; i < 60 && hi > lo*1.001; i++ {
		mid := math.Sqrt(lo * hi)
		if F(mid) < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, hi
}
