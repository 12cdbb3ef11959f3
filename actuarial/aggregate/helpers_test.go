package aggregate

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// near fails t when got is not within tol (absolute or relative) of want.
func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !scalar.EqualWithinAbsOrRel(got, want, tol, tol) {
		t.Errorf("%s = %.12g, want %.12g (tolerance %g, relative error %.3g)", what, got, want, tol, math.Abs(got-want)/math.Abs(want))
	}
}

// nearRel fails t when got is not within tol relative of want.
func nearRel(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !scalar.EqualWithinRel(got, want, tol) {
		t.Errorf("%s = %.12g, want %.12g (relative tolerance %g, relative error %.3g)", what, got, want, tol, math.Abs(got-want)/math.Abs(want))
	}
}

// poisGammaMix is the exact compound Poisson(λ)–gamma(α, 1) distribution
// (VALIDATION A and D): S | N = n ~ gamma(nα, 1), so
//
//	F(x) = Σ_n Pois(n; λ) P(Gamma(nα, 1) ≤ x),
//	E[S·1{S > v}] = Σ_n Pois(n; λ) nα Q(nα + 1, v).
//
// The Poisson weights are summed around the mode in log space (gonum distuv)
// over n in λ ± 13√λ (the rest weighs < 1e-35); n = 0 (S = 0) is included
// for small λ.
type poisGammaMix struct {
	lambda, alpha float64
	n             []float64
	w             []float64
}

func newPoisGammaMix(lambda, alpha float64) *poisGammaMix {
	p := distuv.Poisson{Lambda: lambda}
	sd := math.Sqrt(lambda)
	lo := math.Max(0, math.Floor(lambda-13*sd-10))
	hi := math.Ceil(lambda + 13*sd + 10)
	m := &poisGammaMix{lambda: lambda, alpha: alpha}
	for n := lo; n <= hi; n++ {
		m.n = append(m.n, n)
		m.w = append(m.w, math.Exp(p.LogProb(n)))
	}
	return m
}

func (m *poisGammaMix) cdf(x float64) float64 {
	s := 0.0
	for i, n := range m.n {
		if n == 0 {
			s += m.w[i]
			continue
		}
		s += m.w[i] * mathext.GammaIncReg(n*m.alpha, x)
	}
	return s
}

// tailMean returns E[S·1{S > v}].
func (m *poisGammaMix) tailMean(v float64) float64 {
	s := 0.0
	for i, n := range m.n {
		if n == 0 {
			continue
		}
		a := n * m.alpha
		s += m.w[i] * a * mathext.GammaIncRegComp(a+1, v)
	}
	return s
}

// vaR solves F(x) = p by bisection on [lo, hi] to 1e-10 relative.
func (m *poisGammaMix) vaR(p, lo, hi float64) float64 {
	for i := 0; i < 200 && hi-lo > 1e-10*hi; i++ {
		mid := lo + (hi-lo)/2
		if m.cdf(mid) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// tVaR returns E[S | S > VaR(p)] = E[S·1{S > v}]/(1 − p).
func (m *poisGammaMix) tVaR(p, v float64) float64 { return m.tailMean(v) / (1 - p) }
