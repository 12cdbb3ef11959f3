package aggregate

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Approximations of S by its first two or three moments (μ, σ, γ); they are
// labelled Approximate in the Result and are meant for quick checks and
// very large portfolios, not for the tail of a small one.
//
// Normal:        F(x) = Φ((x − μ)/σ), VaR = μ + σz_p,
//                TVaR = μ + σφ(z_p)/(1 − p),
//                E[(S − d)+] = σφ(z) + (μ − d)(1 − Φ(z)), z = (d − μ)/σ.
// Normal power:  VaR = μ + σ(z_p + γ(z_p² − 1)/6),
//                F(x) = Φ(z), z = (γ/3 + 2y)/(1 + √(1 + γ²/9 + 2γy/3)),
//                y = (x − μ)/σ (the root of y = z + γ(z² − 1)/6 on the
//                increasing branch; F = 0 below the branch's minimum),
//                TVaR = μ + σφ(z_p)(1 + γz_p/6)/(1 − p)
//                (from ∫_p^1 (z_u² − 1) du = z_pφ(z_p)),
//                E[(S − d)+] = (1 − q)(TVaR(q) − d), q = F(d).
// (Daykin, Pentikäinen & Pesonen, Practical Risk Theory for Actuaries, §3.11.)

func phi(z float64) float64 { return math.Exp(-0.5*z*z) / math.Sqrt(2*math.Pi) }
func bigPhi(z float64) float64 {
	return 0.5 * math.Erfc(-z/math.Sqrt2)
}

// normalDist is the normal approximation N(μ, σ²).
type normalDist struct{ mu, sigma float64 }

func (n normalDist) cdf(x float64) float64  { return bigPhi((x - n.mu) / n.sigma) }
func (n normalDist) surv(x float64) float64 { return bigPhi(-(x - n.mu) / n.sigma) }
func (n normalDist) quantile(p float64) float64 {
	return n.mu + n.sigma*mathext.NormalQuantile(p)
}
func (n normalDist) stopLoss(d float64) float64 {
	z := (d - n.mu) / n.sigma
	return math.Max(0, n.sigma*phi(z)+(n.mu-d)*bigPhi(-z))
}
func (n normalDist) moments(l Layer) (float64, float64, float64) {
	if l.IsZero() {
		return n.mu, n.sigma, 0
	}
	return layerMoments(n, l, n.mu, n.sigma)
}

// npDist is the normal-power approximation.
type npDist struct{ mu, sigma, gamma float64 }

// z returns the standard-normal argument for x (±Inf off the branch).
func (n npDist) z(x float64) float64 {
	y := (x - n.mu) / n.sigma
	g := n.gamma
	D := 1 + g*g/9 + 2*g*y/3
	if D < 0 {
		if g > 0 {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	return (g/3 + 2*y) / (1 + math.Sqrt(D))
}

func (n npDist) cdf(x float64) float64  { return bigPhi(n.z(x)) }
func (n npDist) surv(x float64) float64 { return bigPhi(-n.z(x)) }
func (n npDist) quantile(p float64) float64 {
	z := mathext.NormalQuantile(p)
	return n.mu + n.sigma*(z+n.gamma*(z*z-1)/6)
}

// tvar returns μ + σφ(z)(1 + γz/6)/(1 − q) for q = Φ(z).
func (n npDist) tvar(z float64) float64 {
	if math.IsInf(z, -1) {
		return n.mu
	}
	return n.mu + n.sigma*phi(z)*(1+n.gamma*z/6)/bigPhi(-z)
}

func (n npDist) stopLoss(d float64) float64 {
	z := n.z(d)
	if math.IsInf(z, 1) {
		return 0
	}
	if math.IsInf(z, -1) {
		return n.mu - d
	}
	return math.Max(0, bigPhi(-z)*(n.tvar(z)-d))
}

func (n npDist) moments(l Layer) (float64, float64, float64) {
	if l.IsZero() {
		return n.mu, n.sigma, n.gamma
	}
	return layerMoments(n, l, n.mu, n.sigma)
}

// layerMoments returns the moments of T = min((S − R)+, M) from
// E[T^k] = ∫_0^M k t^(k−1) P(S > R + t) dt (composite Gauss–Legendre).
func layerMoments(b backend, l Layer, mu, sigma float64) (float64, float64, float64) {
	R, M := l.Retention, l.limit()
	upper := math.Min(M, math.Max(0, mu+40*sigma-R))
	raw := [4]float64{1}
	for k := 1; k <= 3; k++ {
		fk := float64(k)
		g := func(t float64) float64 { return fk * math.Pow(t, fk-1) * b.surv(R+t) }
		raw[k] = integrateTail(g, upper, sigma)
	}
	m := raw[1]
	v := raw[2] - m*m
	c3 := raw[3] - 3*m*raw[2] + 2*m*m*m
	return m, math.Sqrt(math.Max(v, 0)), skewOf(v, c3)
}
