package dist

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// validator is implemented by every distribution of this package.
type validator interface{ Validate() error }

// withSrc returns a copy of d drawing from src, when d is one of this
// package's (a, b, 0) families.
func withSrc(d Discrete, src rand.Source) (Discrete, bool) {
	switch b := d.(type) {
	case Poisson:
		b.Src = src
		return b, true
	case NegBinomial:
		b.Src = src
		return b, true
	case Binomial:
		b.Src = src
		return b, true
	}
	return nil, false
}

// ZeroTruncated is the zero-truncated version of Base, the (a, b, 1) class
// member with no mass at 0 (e.g. claims per claimant):
//
//	p^T_k = p_k/(1 − p_0) for k ≥ 1, F^T(k) = (F(k) − p_0)/(1 − p_0),
//	mean μ/(1 − p_0), E[N²] = (σ² + μ²)/(1 − p_0),
//	PGF P^T(z) = (P(z) − p_0)/(1 − p_0).
//
// For an (a, b, 0) base, p^T_k = (a + b/k) p^T_(k−1) for k ≥ 2.
type ZeroTruncated struct {
	Base Discrete
	Src  rand.Source
}

var _ Discrete = ZeroTruncated{}

func (z ZeroTruncated) Validate() error {
	if z.Base == nil {
		return errors.New("ztrunc: no base distribution")
	}
	if v, ok := z.Base.(validator); ok {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	if !(survivalOf(z.Base, 0) > 0) {
		return fmt.Errorf("ztrunc: base %s has no mass above 0", z.Base.Name())
	}
	return nil
}

func (z ZeroTruncated) Name() string { return "ztrunc-" + z.Base.Name() }

func (z ZeroTruncated) Params() map[string]float64 { return z.Base.Params() }

// s0 returns 1 − p_0 of the base, computed directly.
func (z ZeroTruncated) s0() float64 { return survivalOf(z.Base, 0) }

func (z ZeroTruncated) Prob(k int) float64 {
	if k < 1 {
		return 0
	}
	return math.Exp(z.LogProb(k))
}

func (z ZeroTruncated) LogProb(k int) float64 {
	if k < 1 {
		return math.Inf(-1)
	}
	return z.Base.LogProb(k) - math.Log(z.s0())
}

// CDF returns (F(k) − p_0)/(1 − p_0), or (S(0) − S(k))/S(0) when p_0 ≥ ½,
// whichever avoids cancellation.
func (z ZeroTruncated) CDF(k int) float64 {
	if k < 1 {
		return 0
	}
	s0 := z.s0()
	p0 := z.Base.Prob(0)
	var c float64
	if p0 < 0.5 {
		c = (z.Base.CDF(k) - p0) / s0
	} else {
		c = (s0 - survivalOf(z.Base, k)) / s0
	}
	return math.Max(0, math.Min(1, c))
}

// Survival returns P(N > k) = S(k)/S(0).
func (z ZeroTruncated) Survival(k int) float64 {
	if k < 1 {
		return 1
	}
	return survivalOf(z.Base, k) / z.s0()
}

// Quantile returns the smallest k with F^T(k) ≥ p (−1 for p outside [0, 1]).
func (z ZeroTruncated) Quantile(p float64) int {
	if !validP(p) {
		return -1
	}
	if p == 0 {
		return 1 // the smallest point of the support
	}
	maxK := z.Base.Quantile(1)
	if p == 1 {
		return maxK
	}
	p0 := z.Base.Prob(0)
	guess := z.Base.Quantile(p0 + p*(1-p0))
	if guess < 1 {
		guess = 1
	}
	return discreteQuantile(p, guess, maxK, z.CDF)
}

func (z ZeroTruncated) Mean() float64 { return z.Base.Mean() / z.s0() }

func (z ZeroTruncated) Variance() float64 {
	s0 := z.s0()
	mu := z.Base.Mean()
	m := mu / s0
	return (z.Base.Variance()+mu*mu)/s0 - m*m
}

// PGF returns (P(z) − p_0)/(1 − p_0).
func (z ZeroTruncated) PGF(w complex128) complex128 {
	return (z.Base.PGF(w) - complex(z.Base.Prob(0), 0)) / complex(z.s0(), 0)
}

// ABZero returns the base's (a, b), valid for k ≥ 2, and ok false.
func (z ZeroTruncated) ABZero() (a, b float64, ok bool) {
	a, b, _ = z.Base.ABZero()
	return a, b, false
}

// Rand draws from the base until the draw is non-zero when p_0 < ¾ and the
// base is one of this package's families; otherwise it inverts F^T.
func (z ZeroTruncated) Rand() int {
	if z.Base.Prob(0) < 0.75 {
		if b, ok := withSrc(z.Base, z.Src); ok {
			for {
				if k := b.Rand(); k > 0 {
					return k
				}
			}
		}
	}
	return z.invert(newRNG(z.Src).openUnit())
}

func (z ZeroTruncated) invert(u float64) int {
	maxK := z.Base.Quantile(1)
	return discreteQuantile(u, 1, maxK, z.CDF)
}

// ZeroModified is the zero-modified version of Base, the (a, b, 1) class
// member with mass P0 at 0 and the base's shape above:
//
//	p^M_0 = P0, p^M_k = (1 − P0) p_k/(1 − p_0) for k ≥ 1,
//	F^M(k) = P0 + (1 − P0) F^T(k), mean (1 − P0) μ/(1 − p_0),
//	E[N²] = (1 − P0)(σ² + μ²)/(1 − p_0),
//	PGF P^M(z) = P0 + (1 − P0)(P(z) − p_0)/(1 − p_0).
type ZeroModified struct {
	Base Discrete
	P0   float64 // mass at zero, 0 ≤ P0 ≤ 1
	Src  rand.Source
}

var _ Discrete = ZeroModified{}

func (z ZeroModified) Validate() error {
	if err := z.trunc().Validate(); err != nil {
		return fmt.Errorf("zmod: %w", err)
	}
	if !validP(z.P0) {
		return fmt.Errorf("zmod: p0 must be in [0, 1], got %v", z.P0)
	}
	return nil
}

func (z ZeroModified) trunc() ZeroTruncated { return ZeroTruncated{Base: z.Base, Src: z.Src} }

func (z ZeroModified) Name() string { return "zmod-" + z.Base.Name() }

// Params returns the base's parameters and p0.
func (z ZeroModified) Params() map[string]float64 {
	m := z.Base.Params()
	m["p0"] = z.P0
	return m
}

func (z ZeroModified) Prob(k int) float64 {
	switch {
	case k < 0:
		return 0
	case k == 0:
		return z.P0
	}
	return math.Exp(z.LogProb(k))
}

func (z ZeroModified) LogProb(k int) float64 {
	switch {
	case k < 0:
		return math.Inf(-1)
	case k == 0:
		return math.Log(z.P0)
	}
	return math.Log1p(-z.P0) + z.trunc().LogProb(k)
}

func (z ZeroModified) CDF(k int) float64 {
	if k < 0 {
		return 0
	}
	return z.P0 + (1-z.P0)*z.trunc().CDF(k)
}

// Survival returns P(N > k) = (1 − P0) S(k)/S(0).
func (z ZeroModified) Survival(k int) float64 {
	if k < 0 {
		return 1
	}
	return (1 - z.P0) * z.trunc().Survival(k)
}

// Quantile returns the smallest k with F^M(k) ≥ p (−1 for p outside [0, 1]).
func (z ZeroModified) Quantile(p float64) int {
	if !validP(p) {
		return -1
	}
	if p*quantileFuzz <= z.P0 {
		return 0
	}
	maxK := z.Base.Quantile(1)
	if p == 1 {
		return maxK
	}
	guess := z.trunc().Quantile((p - z.P0) / (1 - z.P0))
	return discreteQuantile(p, guess, maxK, z.CDF)
}

func (z ZeroModified) Mean() float64 { return (1 - z.P0) * z.trunc().Mean() }

func (z ZeroModified) Variance() float64 {
	t := z.trunc()
	mt := t.Mean()
	m2 := (1 - z.P0) * (t.Variance() + mt*mt)
	m := (1 - z.P0) * mt
	return m2 - m*m
}

// PGF returns P0 + (1 − P0) P^T(z).
func (z ZeroModified) PGF(w complex128) complex128 {
	return complex(z.P0, 0) + complex(1-z.P0, 0)*z.trunc().PGF(w)
}

// ABZero returns the base's (a, b), valid for k ≥ 2, and ok false.
func (z ZeroModified) ABZero() (a, b float64, ok bool) {
	a, b, _ = z.Base.ABZero()
	return a, b, false
}

// Rand returns 0 with probability P0, else a zero-truncated draw.
func (z ZeroModified) Rand() int {
	g := newRNG(z.Src)
	if g.Float64() < z.P0 {
		return 0
	}
	return z.trunc().Rand()
}
