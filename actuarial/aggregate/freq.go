package aggregate

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// countKind is the family of a claim-count distribution as the engine sees it.
type countKind int

const (
	kindGeneric countKind = iota // only the Discrete interface (PGF, Mean, Variance)
	kindPoisson
	kindNegBin
	kindBinom
	kindZT // zero-truncated Poisson/NegBin/Binom base
	kindZM // zero-modified Poisson/NegBin/Binom base
)

// counts wraps a dist.Discrete with log-PGFs that stay finite for any mean:
// log P(z) is computed in closed form for this package's families, so
// e^(−λ) never has to be represented (λ up to 10^7 and beyond).
//
// For an (a, b, 0) base with p₀ = P(N = 0) write P(z) = p₀ e^(D(z)):
//
//	Poisson(λ):       log p₀ = −λ,            D(z) = λz
//	NegBin(r, p):     log p₀ = r log p,       D(z) = −r log(1 − (1−p)z)
//	Binomial(m, q):   log p₀ = m log(1 − q),  D(z) = m log(1 + qz/(1−q))
//
// and then, for the (a, b, 1) members,
//
//	zero-truncated:  P_T(z) = p₀ expm1(D(z))/(1 − p₀)
//	zero-modified:   P_M(z) = P0 + (1 − P0) P_T(z).
type counts struct {
	d    dist.Discrete
	kind countKind
	base countKind // family of the base for kindZT / kindZM

	lambda  float64 // Poisson
	r, p, q float64 // NegBin size, prob, 1 − prob; Binomial: q is prob
	m       float64 // Binomial size

	lp0     float64 // log p₀ of the base
	log1mp0 float64 // log(1 − p₀) of the base
	p0M     float64 // P0 of the zero-modified
}

func newCounts(d dist.Discrete) (*counts, error) {
	if d == nil {
		return nil, fmt.Errorf("aggregate: no frequency distribution")
	}
	if v, ok := d.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return nil, inputErrorf("aggregate: frequency: %w", err)
		}
	}
	c := &counts{d: d, kind: kindGeneric}
	switch v := d.(type) {
	case dist.Poisson, dist.NegBinomial, dist.Binomial:
		c.kind = c.setBase(v)
	case dist.ZeroTruncated:
		if b := c.setBase(v.Base); c.usableBase(b) {
			c.kind, c.base = kindZT, b
		}
	case dist.ZeroModified:
		if b := c.setBase(v.Base); c.usableBase(b) {
			c.kind, c.base, c.p0M = kindZM, b, v.P0
		}
	}
	return c, nil
}

// usableBase reports whether a zero-truncated or zero-modified frequency can
// use the closed forms of its base b: the base must be one of the (a, b, 0)
// families with 0 < p₀ < 1.
func (c *counts) usableBase(b countKind) bool {
	return b != kindGeneric && c.lp0 > math.Inf(-1) && c.lp0 < 0 && c.log1mp0 > math.Inf(-1)
}

// setBase records the parameters of an (a, b, 0) family and returns its kind
// (kindGeneric when d is not one).
func (c *counts) setBase(d dist.Discrete) countKind {
	switch v := d.(type) {
	case dist.Poisson:
		c.lambda = v.Lambda
		c.lp0 = -v.Lambda
		c.log1mp0 = math.Log(-math.Expm1(-v.Lambda))
		return kindPoisson
	case dist.NegBinomial:
		c.r, c.p, c.q = v.Size, v.P, 1-v.P
		c.lp0 = v.Size * math.Log(v.P)
		c.log1mp0 = math.Log(-math.Expm1(c.lp0))
		return kindNegBin
	case dist.Binomial:
		c.m, c.q = float64(v.Size), v.P
		c.lp0 = c.m * math.Log1p(-v.P)
		c.log1mp0 = math.Log(-math.Expm1(c.lp0))
		return kindBinom
	}
	return kindGeneric
}

// ---- real arguments (Chernoff bounds) ----

// baseLogPReal returns log P(x) and d/dx log P(x) of the (a, b, 0) base for
// real x ≥ 0, and +Inf outside the domain (NegBin: (1−p)x ≥ 1).
func (c *counts) baseLogPReal(k countKind, x float64) (float64, float64) {
	switch k {
	case kindPoisson:
		return c.lambda * (x - 1), c.lambda
	case kindNegBin:
		w := 1 - c.q*x
		if !(w > 0) {
			return math.Inf(1), math.Inf(1)
		}
		return c.lp0 - c.r*math.Log(w), c.r * c.q / w
	case kindBinom:
		w := 1 - c.q + c.q*x
		return c.m * math.Log(w), c.m * c.q / w
	}
	return math.NaN(), math.NaN()
}

// baseDReal returns D(x) = log P(x) − log p₀ and D'(x) for real x ≥ 0.
func (c *counts) baseDReal(k countKind, x float64) (float64, float64) {
	switch k {
	case kindPoisson:
		return c.lambda * x, c.lambda
	case kindNegBin:
		w := c.q * x
		if !(w < 1) {
			return math.Inf(1), math.Inf(1)
		}
		return -c.r * math.Log1p(-w), c.r * c.q / (1 - w)
	case kindBinom:
		if c.q == 1 {
			return math.Inf(1), math.Inf(1) // not reached: log1mp0 = 0 handled by caller
		}
		t := c.q / (1 - c.q)
		return c.m * math.Log1p(t*x), c.m * t / (1 + t*x)
	}
	return math.NaN(), math.NaN()
}

// logExpm1 returns log(e^D − 1) for D ≥ 0.
func logExpm1(d float64) float64 {
	if d > 30 {
		return d + math.Log1p(-math.Exp(-d))
	}
	return math.Log(math.Expm1(d))
}

// logAddExp returns log(e^a + e^b).
func logAddExp(a, b float64) float64 {
	if math.IsInf(a, -1) {
		return b
	}
	if math.IsInf(b, -1) {
		return a
	}
	if a < b {
		a, b = b, a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// logPReal returns log P_N(x) and its derivative in x for real x ≥ 0
// (+Inf outside the domain of the PGF).
func (c *counts) logPReal(x float64) (float64, float64) {
	switch c.kind {
	case kindPoisson, kindNegBin, kindBinom:
		return c.baseLogPReal(c.kind, x)
	case kindZT, kindZM:
		D, D1 := c.baseDReal(c.base, x)
		if math.IsInf(D, 1) {
			return D, D1
		}
		var lT, dT float64
		if D == 0 {
			lT, dT = math.Inf(-1), math.Inf(1)
		} else {
			lT = c.lp0 + logExpm1(D) - c.log1mp0
			dT = D1 / -math.Expm1(-D)
		}
		if c.kind == kindZT {
			return lT, dT
		}
		var lP0 float64 = math.Inf(-1)
		if c.p0M > 0 {
			lP0 = math.Log(c.p0M)
		}
		if c.p0M == 1 {
			return 0, 0
		}
		l1 := math.Log1p(-c.p0M) + lT
		lM := logAddExp(lP0, l1)
		if math.IsInf(lT, -1) {
			return lM, 0
		}
		return lM, dT * math.Exp(l1-lM)
	}
	// Generic: the interface's PGF at a real point, derivative by central
	// differences.
	f := func(z float64) float64 {
		v := real(c.d.PGF(complex(z, 0)))
		if !(v > 0) || math.IsInf(v, 1) {
			return math.Inf(1)
		}
		return math.Log(v)
	}
	l := f(x)
	if math.IsInf(l, 1) {
		return l, l
	}
	dx := 1e-6 * math.Max(x, 1e-3)
	lo := math.Max(0, x-dx)
	return l, (f(x+dx) - f(lo)) / (x + dx - lo)
}

// ---- complex arguments (FFT) ----

// cexpm1 returns e^w − 1 without cancellation for small |w|:
// e^(a+ib) − 1 = expm1(a) cos b − 2 sin²(b/2) + i e^a sin b.
func cexpm1(w complex128) complex128 {
	a, b := real(w), imag(w)
	if math.Abs(a) > 1 || math.Abs(b) > 1 {
		return cmplx.Exp(w) - 1
	}
	s := math.Sin(b / 2)
	return complex(math.Expm1(a)*math.Cos(b)-2*s*s, math.Exp(a)*math.Sin(b))
}

// clogExpm1 returns a logarithm of e^w − 1 (any branch: only its exponential
// is used).
func clogExpm1(w complex128) complex128 {
	if real(w) > 30 {
		return w + cmplx.Log(1-cmplx.Exp(-w))
	}
	return cmplx.Log(cexpm1(w))
}

// clogAddExp returns a logarithm of e^a + e^b.
func clogAddExp(a, b complex128) complex128 {
	if real(a) < real(b) {
		a, b = b, a
	}
	if math.IsInf(real(b), -1) {
		return a
	}
	return a + cmplx.Log(1+cmplx.Exp(b-a))
}

// baseD returns D(z) = log P(z) − log p₀ for complex |z| ≤ 1.
func (c *counts) baseD(k countKind, z complex128) complex128 {
	switch k {
	case kindPoisson:
		return complex(c.lambda, 0) * z
	case kindNegBin:
		return -complex(c.r, 0) * clog1p(-complex(c.q, 0)*z)
	case kindBinom:
		return complex(c.m, 0) * clog1p(complex(c.q/(1-c.q), 0)*z)
	}
	return cmplx.NaN()
}

// clog1p returns log(1 + w), accurate for small |w|.
func clog1p(w complex128) complex128 {
	if cmplx.Abs(w) > 0.5 {
		return cmplx.Log(1 + w)
	}
	// log|1+w| = ½ log1p(2 Re w + |w|²); arg(1+w) by atan2.
	a, b := real(w), imag(w)
	return complex(0.5*math.Log1p(2*a+a*a+b*b), math.Atan2(b, 1+a))
}

// logP returns a logarithm of P_N(z) for complex |z| ≤ 1 (any branch).
func (c *counts) logP(z complex128) complex128 {
	switch c.kind {
	case kindPoisson:
		return complex(c.lambda, 0) * (z - 1)
	case kindNegBin:
		return complex(c.lp0, 0) - complex(c.r, 0)*clog1p(-complex(c.q, 0)*z)
	case kindBinom:
		// (1 − q + qz)^m with m an integer: the branch does not matter.
		return complex(c.m, 0) * cmplx.Log(complex(1-c.q, 0)+complex(c.q, 0)*z)
	case kindZT, kindZM:
		lT := complex(c.lp0-c.log1mp0, 0) + clogExpm1(c.baseD(c.base, z))
		if c.kind == kindZT || c.p0M == 0 {
			return lT
		}
		if c.p0M == 1 {
			return 0
		}
		return clogAddExp(complex(math.Log(c.p0M), 0), complex(math.Log1p(-c.p0M), 0)+lT)
	}
	return cmplx.Log(c.d.PGF(z))
}

// logPReBound returns an upper bound on Re log P_N(z), cheap beside logP
// (no logarithm), or +Inf where none is known: Poisson λ(Re z − 1), exact;
// binomial m·log|1 − q + qz| ≤ ½m(|1 − q + qz|² − 1) (log u ≤ u − 1). The
// FFT uses it to skip the coefficients whose exponential underflows to 0.
func (c *counts) logPReBound(z complex128) float64 {
	switch c.kind {
	case kindPoisson:
		return c.lambda * (real(z) - 1)
	case kindBinom:
		x, y := 1-c.q+c.q*real(z), c.q*imag(z)
		return 0.5 * c.m * (x*x + y*y - 1)
	}
	return math.Inf(1)
}

// ---- moments ----

// cumulants returns the first three cumulants of N (κ₃ NaN when unknown).
func (c *counts) cumulants() (k1, k2, k3 float64) {
	switch c.kind {
	case kindPoisson, kindNegBin, kindBinom:
		return c.baseCumulants(c.kind)
	case kindZT, kindZM:
		b1, b2, b3 := c.baseCumulants(c.base)
		// Raw moments of the base, then E[N^j] scaled by 1/(1−p₀) (and by
		// 1 − P0 for the zero-modified), then back to cumulants.
		m1 := b1
		m2 := b2 + b1*b1
		m3 := b3 + 3*b1*b2 + b1*b1*b1
		s := math.Exp(-c.log1mp0)
		if c.kind == kindZM {
			s *= 1 - c.p0M
		}
		m1, m2, m3 = s*m1, s*m2, s*m3
		return m1, m2 - m1*m1, m3 - 3*m1*m2 + 2*m1*m1*m1
	}
	return c.d.Mean(), c.d.Variance(), math.NaN()
}

func (c *counts) baseCumulants(k countKind) (k1, k2, k3 float64) {
	switch k {
	case kindPoisson:
		return c.lambda, c.lambda, c.lambda
	case kindNegBin:
		p3 := c.p * c.p * c.p
		return c.r * c.q / c.p, c.r * c.q / (c.p * c.p), c.r * c.q * (2 - c.p) / p3
	case kindBinom:
		return c.m * c.q, c.m * c.q * (1 - c.q), c.m * c.q * (1 - c.q) * (1 - 2*c.q)
	}
	return math.NaN(), math.NaN(), math.NaN()
}

// panjerBase returns the (a, b) of the (a, b, 0) base used by the Panjer
// recursion, and false when the frequency has none.
func (c *counts) panjerBase() (a, b float64, ok bool) {
	k := c.kind
	if k == kindZT || k == kindZM {
		k = c.base
	}
	switch k {
	case kindPoisson:
		return 0, c.lambda, true
	case kindNegBin:
		return c.q, (c.r - 1) * c.q, true
	case kindBinom:
		if c.q == 1 {
			return 0, 0, false
		}
		t := c.q / (1 - c.q)
		return -t, (c.m + 1) * t, true
	}
	return 0, 0, false
}
