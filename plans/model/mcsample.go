package model

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// The samplers of the member-level Monte Carlo: counts by inversion of
// their tabulated laws, binomial claimant counts, severities.

// mcInv draws from a count law by inversion of its tabulated distribution
// function, from k0 on and divided by norm (the law of N given N ≥ k0), with
// a guide table (Chen and Asau) to start the search near the answer and the
// law's Prob continuing past the table: the draws are not truncated.
type mcInv struct {
	d     dist.Discrete
	k0    int
	norm  float64
	cum   []float64 // cum[i] = P(k0 ≤ N ≤ k0+i)/norm
	guide []int32   // guide[j] = the first i with cum[i] > j/len(guide)
}

func (t *mcInv) build(d dist.Discrete, k0 int, norm float64) {
	t.d, t.k0, t.norm = d, k0, norm
	t.cum = t.cum[:0]
	// Up to where the rest is below rounding: the table only speeds the
	// inversion up.
	cum, far := 0.0, 2*d.Mean()/norm+10
	for k := k0; k < k0+4096; k++ {
		p := d.Prob(k) / norm
		cum += p
		t.cum = append(t.cum, cum)
		if cum >= 1-1e-15 || (float64(k) > far && p < 1e-18) {
			break
		}
	}
	g := len(t.cum)
	t.guide = t.guide[:0]
	i := 0
	for j := range g {
		for i < len(t.cum)-1 && t.cum[i] <= float64(j)/float64(g) {
			i++
		}
		t.guide = append(t.guide, int32(i))
	}
}

// inv returns the count of a uniform u in [0, 1).
func (t *mcInv) inv(u float64) int {
	i := int(t.guide[int(u*float64(len(t.guide)))])
	for u >= t.cum[i] {
		i++
		if i == len(t.cum) {
			return t.beyond(u)
		}
	}
	return t.k0 + i
}

func (t *mcInv) beyond(u float64) int {
	k := t.k0 + len(t.cum) - 1
	cum := t.cum[len(t.cum)-1]
	for {
		k++
		p := t.d.Prob(k) / t.norm
		cum += p
		if u < cum || (p == 0 && float64(k) > 10*t.d.Mean()+1e4) {
			return k
		}
	}
}

// mcCounts draws a member's events of one benefit: N, or N given N > 0.
type mcCounts struct {
	logP0 float64 // log P(N = 0)
	p0    float64 // P(N = 0)
	s0    float64 // P(N > 0), computed without cancellation
	zt    mcInv   // N given N > 0
}

func newMCCounts(d dist.Discrete) *mcCounts {
	c := &mcCounts{}
	c.set(d)
	return c
}

func (c *mcCounts) set(d dist.Discrete) {
	c.logP0 = d.LogProb(0)
	c.p0 = math.Exp(c.logP0)
	c.s0 = -math.Expm1(c.logP0)
	if !(c.s0 > 0) {
		c.s0 = 0
		return
	}
	c.zt.build(d, 1, c.s0)
}

// ztrunc draws N given N > 0.
func (c *mcCounts) ztrunc(rng *rand.Rand) int { return c.zt.inv(rng.Float64()) }

// draw draws N.
func (c *mcCounts) draw(rng *rand.Rand) int {
	if c.s0 == 0 || rng.Float64() < c.p0 {
		return 0
	}
	return c.ztrunc(rng)
}

// mcBinomial draws Binomial(n, p): by inversion when the mean is below 30,
// else by gonum's rejection sampler (Numerical Recipes' Cauchy envelope, O(1)
// for any n).
func mcBinomial(n int, p float64, rng *rand.Rand) int {
	switch {
	case n <= 0 || !(p > 0):
		return 0
	case p >= 1:
		return n
	case p > 0.5:
		return n - mcBinomial(n, 1-p, rng)
	case float64(n)*p >= 30:
		return int(distuv.Binomial{N: float64(n), P: p, Src: rng}.Rand())
	}
	q := p / (1 - p)
	pk := math.Exp(float64(n) * math.Log1p(-p))
	cum := pk
	u := rng.Float64()
	k := 0
	for u >= cum && k < n && pk > 0 {
		pk *= q * float64(n-k) / float64(k+1)
		k++
		cum += pk
	}
	return k
}

// How a severity is drawn.
const (
	sevGeneric   = iota // the dist's own Rand, bound to the block's source
	sevLogNormal        // exp(μ + σZ)
	sevExp              // E/λ
	sevWeibull          // θ·E^(1/τ)
	sevQuantile         // closed-form quantile of a uniform
)

type mcSev struct {
	kind int
	a, b float64
	d    dist.Continuous
	// zFloor, for a lognormal medical cost: below this standard normal draw
	// the cost is at most the deductible, pays nothing whatever its value,
	// and is returned as 0 without its exponential (only the admission
	// counts); −Inf otherwise.
	zFloor float64
}

// set prepares draws of x; deductible > 0 lets a lognormal skip the
// exponential of costs that are paid nothing.
func (s *mcSev) set(x dist.Continuous, deductible float64, rng *rand.Rand) {
	s.d = x
	s.zFloor = math.Inf(-1)
	switch v := x.(type) {
	case dist.LogNormal:
		s.kind, s.a, s.b = sevLogNormal, v.MeanLog, v.SdLog
		if deductible > 0 {
			s.zFloor = (math.Log(deductible) - v.MeanLog) / v.SdLog
		}
	case dist.Exponential:
		s.kind, s.a = sevExp, v.Rate
	case dist.Weibull:
		s.kind, s.a, s.b = sevWeibull, 1/v.Shape, v.Scale
	case dist.Lomax, dist.LogLogistic, dist.Burr:
		s.kind = sevQuantile
	default:
		if d, ok := dist.WithSource(x, rng); ok {
			s.kind, s.d = sevGeneric, d
		} else {
			s.kind = sevQuantile
		}
	}
}

func (s *mcSev) draw(rng *rand.Rand) float64 {
	switch s.kind {
	case sevLogNormal:
		z := rng.NormFloat64()
		if z <= s.zFloor {
			return 0
		}
		return math.Exp(s.a + s.b*z)
	case sevExp:
		return rng.ExpFloat64() / s.a
	case sevWeibull:
		return s.b * math.Pow(rng.ExpFloat64(), s.a)
	case sevQuantile:
		return s.d.Quantile(rng.Float64())
	}
	return s.d.Rand()
}
