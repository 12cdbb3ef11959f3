package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// rng wraps a Src; a nil Src uses the package-level generator of math/rand/v2.
type rng struct{ r *rand.Rand }

func newRNG(src rand.Source) rng {
	if src == nil {
		return rng{}
	}
	return rng{rand.New(src)}
}

// Float64 returns a uniform draw in [0, 1).
func (g rng) Float64() float64 {
	if g.r == nil {
		return rand.Float64()
	}
	return g.r.Float64()
}

// ExpFloat64 returns a standard exponential draw.
func (g rng) ExpFloat64() float64 {
	if g.r == nil {
		return rand.ExpFloat64()
	}
	return g.r.ExpFloat64()
}

// NormFloat64 returns a standard normal draw.
func (g rng) NormFloat64() float64 {
	if g.r == nil {
		return rand.NormFloat64()
	}
	return g.r.NormFloat64()
}

// openUnit returns a uniform draw in (0, 1).
func (g rng) openUnit() float64 {
	for {
		u := g.Float64()
		if u > 0 {
			return u
		}
	}
}

const (
	lnSqrt2Pi = 0.918938533204672741780329736406 // log(sqrt(2π))
	ln2Pi     = 1.837877066409345483560659472811 // log(2π)
	// quantileFuzz makes discrete quantiles left-continuous at exact masses, as
	// R does: p is reduced by 64 machine epsilons (relative) before the search.
	quantileFuzz = 1 - 64*0x1p-52
)

func finitePos(x float64) bool { return x > 0 && !math.IsInf(x, 1) }

func checkPos(family, name string, v float64) error {
	if !finitePos(v) {
		return fmt.Errorf("%s: %s must be positive and finite, got %v", family, name, v)
	}
	return nil
}

// mulLog returns c·log(x) with the convention 0·log(0) = 0.
func mulLog(c, x float64) float64 {
	if c == 0 {
		return 0
	}
	return c * math.Log(x)
}

// validP reports whether p is a probability.
func validP(p float64) bool { return p >= 0 && p <= 1 }

// stirlerr returns the error of Stirling's formula,
//
//	δ(n) = log Γ(n+1) − ((n+½)log n − n + log √(2π)),
//
// as in Loader (2000), "Fast and accurate computation of binomial
// probabilities", used by R's dpois/dbinom/dnbinom. For n ≤ 15 it uses lgamma
// (absolute error ~1e-15, which is a relative error of the probability);
// above, the asymptotic series with Bernoulli coefficients 1/12, 1/360,
// 1/1260, 1/1680, 1/1188.
func stirlerr(n float64) float64 {
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	if n <= 15 {
		lg, _ := math.Lgamma(n + 1)
		return lg - (n+0.5)*math.Log(n) + n - lnSqrt2Pi
	}
	nn := n * n
	switch {
	case n > 500:
		return (s0 - s1/nn) / n
	case n > 80:
		return (s0 - (s1-s2/nn)/nn) / n
	case n > 35:
		return (s0 - (s1-(s2-s3/nn)/nn)/nn) / n
	default:
		return (s0 - (s1-(s2-(s3-s4/nn)/nn)/nn)/nn) / n
	}
}

// bd0 returns the deviance term x·log(x/np) + np − x, computed without
// cancellation when x ≈ np (Loader 2000; R's bd0).
func bd0(x, np float64) float64 {
	if math.Abs(x-np) < 0.1*(x+np) {
		v := (x - np) / (x + np)
		s := (x - np) * v
		if math.Abs(s) < math.SmallestNonzeroFloat64 {
			return s
		}
		ej := 2 * x * v
		v *= v
		for j := 1; j < 1000; j++ {
			ej *= v
			s1 := s + ej/float64(2*j+1)
			if s1 == s {
				return s1
			}
			s = s1
		}
	}
	return x*math.Log(x/np) + np - x
}

// logDpoisRaw returns log(λ^x e^−λ / x!) for x ≥ 0 (not necessarily an
// integer), Loader's saddle-point form (R's dpois_raw).
func logDpoisRaw(x, lambda float64) float64 {
	switch {
	case lambda == 0:
		if x == 0 {
			return 0
		}
		return math.Inf(-1)
	case math.IsInf(lambda, 1) || x < 0:
		return math.Inf(-1)
	case x <= lambda*0x1p-1022:
		return -lambda
	case lambda < x*0x1p-1022:
		lg, _ := math.Lgamma(x + 1)
		return -lambda + x*math.Log(lambda) - lg
	}
	return -0.5*math.Log(2*math.Pi*x) - stirlerr(x) - bd0(x, lambda)
}

// logDbinomRaw returns log(C(n, x) p^x q^(n−x)) for real 0 ≤ x ≤ n, q = 1−p
// given separately for accuracy (R's dbinom_raw).
func logDbinomRaw(x, n, p, q float64) float64 {
	if p == 0 {
		if x == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	if q == 0 {
		if x == n {
			return 0
		}
		return math.Inf(-1)
	}
	if x == 0 {
		if n == 0 {
			return 0
		}
		if p < 0.1 {
			return -bd0(n, n*q) - n*p
		}
		return n * math.Log(q)
	}
	if x == n {
		if q < 0.1 {
			return -bd0(n, n*p) - n*q
		}
		return n * math.Log(p)
	}
	if x < 0 || x > n {
		return math.Inf(-1)
	}
	lc := stirlerr(n) - stirlerr(x) - stirlerr(n-x) - bd0(x, n*p) - bd0(n-x, n*q)
	lf := ln2Pi + math.Log(x) + math.Log1p(-x/n)
	return lc - 0.5*lf
}

// discreteQuantile returns the smallest k ≥ 0 with cdf(k) ≥ p (after R's
// fuzz), starting the search at guess and bracketing by doubling, then
// bisecting. maxK bounds the support (math.MaxInt when unbounded).
func discreteQuantile(p float64, guess int, maxK int, cdf func(int) float64) int {
	switch {
	case !(p >= 0 && p <= 1):
		return -1
	case p == 0:
		return 0
	case p == 1:
		return maxK
	}
	target := p * quantileFuzz
	if guess < 0 {
		guess = 0
	}
	if guess > maxK {
		guess = maxK
	}
	var lo, hi int // cdf(lo) < target ≤ cdf(hi); lo = −1 stands for −∞
	if cdf(guess) >= target {
		hi = guess
		step := 1
		lo = hi - step
		for lo >= 0 && cdf(lo) >= target {
			hi = lo
			step *= 2
			lo = hi - step
		}
		if lo < -1 {
			lo = -1
		}
	} else {
		lo = guess
		step := 1
		for {
			if lo > maxK-step {
				hi = maxK
				break
			}
			hi = lo + step
			if cdf(hi) >= target {
				break
			}
			lo = hi
			if step < 1<<60 {
				step *= 2
			}
		}
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if cdf(mid) >= target {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// cornishFisher returns the Cornish–Fisher starting guess μ + σ(z + γ(z²−1)/6)
// for a discrete quantile search.
func cornishFisher(p, mu, sigma, skew float64) int {
	if !(p > 0 && p < 1) {
		return 0
	}
	z := normalQuantile(p)
	y := math.Floor(mu + sigma*(z+skew*(z*z-1)/6) + 0.5)
	if !(y >= 0) { // also NaN
		return 0
	}
	if y > 1<<52 {
		return 1 << 52
	}
	return int(y)
}
