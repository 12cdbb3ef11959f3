package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// relClose reports whether got equals want within relative tolerance tol
// (infinities must match exactly).
func relClose(got, want, tol float64) bool {
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return scalar.EqualWithinRel(got, want, tol)
}

func name(d interface {
	Name() string
	Params() map[string]float64
}) string {
	return fmt.Sprintf("%s%v", d.Name(), d.Params())
}

// integrateSurvival returns ∫_0^u S(x) dx by 40-point Gauss–Legendre on the
// geometrically graded intervals [u/2^(j+1), u/2^j], j < 60, which resolves the
// x^α behaviour of S near 0 and the power-law tails (gonum integrate/quad).
func integrateSurvival(d Continuous, u float64) float64 {
	s := 0.0
	hi := u
	for j := 0; j < 60; j++ {
		lo := hi / 2
		s += quad.Fixed(d.Survival, lo, hi, 40, nil, 0)
		hi = lo
	}
	return s + hi*d.Survival(hi/2) // remainder [0, u/2^60], S ≈ 1 there
}

// testContinuous is the set of severities the property tests run over.
func testContinuous() []Continuous {
	emp, err := NewEmpirical([]float64{141, 16, 46, 40, 351, 259, 317, 1511, 107, 567}, nil)
	if err != nil {
		panic(err)
	}
	ds := []Continuous{emp}
	for _, m := range momentRefs {
		ds = append(ds, m.d)
	}
	return ds
}

// TestContinuousRefs checks density, CDF and survival against mpmath
// (testdata/refs.py, 40 digits), relative 1e-12.
func TestContinuousRefs(t *testing.T) {
	const tol = 1e-12
	for _, r := range contRefs {
		if got := r.d.Prob(r.x); !relClose(got, r.pdf, tol) {
			t.Errorf("%s Prob(%v) = %.17g, want %.17g", name(r.d), r.x, got, r.pdf)
		}
		if got := r.d.LogProb(r.x); !relClose(got, math.Log(r.pdf), tol) {
			t.Errorf("%s LogProb(%v) = %.17g, want %.17g", name(r.d), r.x, got, math.Log(r.pdf))
		}
		if got := r.d.CDF(r.x); !relClose(got, r.cdf, tol) {
			t.Errorf("%s CDF(%v) = %.17g, want %.17g", name(r.d), r.x, got, r.cdf)
		}
		if got := r.d.Survival(r.x); !relClose(got, r.sf, tol) {
			t.Errorf("%s Survival(%v) = %.17g, want %.17g", name(r.d), r.x, got, r.sf)
		}
	}
}

// TestQuantileRefs checks quantiles against bisection of the mpmath CDF,
// relative 1e-10 (the gamma inverse is iterative).
func TestQuantileRefs(t *testing.T) {
	const tol = 1e-10
	for _, r := range quantileRefs {
		if got := r.d.Quantile(r.p); !relClose(got, r.q, tol) {
			t.Errorf("%s Quantile(%v) = %.17g, want %.17g (rel err %.2g)", name(r.d), r.p, got, r.q, (got-r.q)/r.q)
		}
	}
}

// TestLEVRefs checks E[min(X,u)] against mpmath tanh-sinh quadrature of the
// survival function, relative 1e-11.
func TestLEVRefs(t *testing.T) {
	const tol = 1e-11
	for _, r := range levRefs {
		if got := r.d.LEV(r.u); !relClose(got, r.lev, tol) {
			t.Errorf("%s LEV(%v) = %.17g, want %.17g (rel err %.2g)", name(r.d), r.u, got, r.lev, (got-r.lev)/r.lev)
		}
	}
}

// TestLEVQuadrature checks LEV against gonum's Gauss–Legendre integration of
// the survival function, relative 1e-9, at several limits for every severity.
func TestLEVQuadrature(t *testing.T) {
	for _, d := range testContinuous() {
		if _, ok := d.(*Empirical); ok {
			continue // a step function: covered exactly in TestEmpirical
		}
		for _, p := range []float64{0.01, 0.3, 0.5, 0.9, 0.999} {
			u := d.Quantile(p)
			want := integrateSurvival(d, u)
			if got := d.LEV(u); !relClose(got, want, 1e-9) {
				t.Errorf("%s LEV(%v) = %.17g, quadrature %.17g", name(d), u, got, want)
			}
		}
	}
}

// TestLEVClosedForms checks LEV against the textbook closed forms (Klugman,
// Panjer & Willmot, Loss Models, appendix A), written out independently here.
func TestLEVClosedForms(t *testing.T) {
	lgam := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	phi := func(z float64) float64 { return distuv.UnitNormal.CDF(z) }
	type tc struct {
		d    Continuous
		u    float64
		want float64
	}
	var cases []tc
	// Gamma: (α/β) P(α+1, βu) + u (1 − P(α, βu)).
	for _, g := range []Gamma{{Shape: 2, Rate: 1}, {Shape: 0.8011004129, Rate: 0.0023877806645}, {Shape: 50, Rate: 0.1}} {
		for _, u := range []float64{1, 100, 1000} {
			w := g.Shape/g.Rate*mathext.GammaIncReg(g.Shape+1, g.Rate*u) + u*(1-mathext.GammaIncReg(g.Shape, g.Rate*u))
			cases = append(cases, tc{g, u, w})
		}
	}
	// Lognormal: e^(μ+σ²/2) Φ((ln u − μ − σ²)/σ) + u (1 − Φ((ln u − μ)/σ)).
	for _, l := range []LogNormal{{MeanLog: 5.074910062, SdLog: 1.300553004}, {MeanLog: 7, SdLog: 2}} {
		for _, u := range []float64{10, 1000, 1e6} {
			m, s := l.MeanLog, l.SdLog
			w := math.Exp(m+s*s/2)*phi((math.Log(u)-m-s*s)/s) + u*(1-phi((math.Log(u)-m)/s))
			cases = append(cases, tc{l, u, w})
		}
	}
	// Lomax, α ≠ 1: θ/(α−1) [1 − (θ/(u+θ))^(α−1)]; α = 1: θ ln((u+θ)/θ).
	for _, p := range []Lomax{{Shape: 2.5, Scale: 1000}, {Shape: 0.7, Scale: 50}, {Shape: 1, Scale: 100}} {
		for _, u := range []float64{10, 1000, 1e6} {
			a, th := p.Shape, p.Scale
			w := th * math.Log((u+th)/th)
			if a != 1 {
				w = th / (a - 1) * (1 - math.Pow(th/(u+th), a-1))
			}
			cases = append(cases, tc{p, u, w})
		}
	}
	// Burr, α > 1/γ: θ Γ(1+1/γ)Γ(α−1/γ)/Γ(α) β(1+1/γ, α−1/γ; y) + u (1/(1+(u/θ)^γ))^α,
	// y = (u/θ)^γ/(1+(u/θ)^γ), β the regularised incomplete beta.
	burr := func(a, g, th, u float64) float64 {
		v := math.Pow(u/th, g)
		y := v / (1 + v)
		c := th * math.Exp(lgam(1+1/g)+lgam(a-1/g)-lgam(a))
		return c*mathext.RegIncBeta(1+1/g, a-1/g, y) + u*math.Pow(1/(1+v), a)
	}
	for _, b := range []Burr{{Shape1: 2, Shape2: 1.5, Scale: 1000}, {Shape1: 1.3, Shape2: 0.9, Scale: 10}} {
		for _, u := range []float64{10, 1000, 1e5} {
			cases = append(cases, tc{b, u, burr(b.Shape1, b.Shape2, b.Scale, u)})
		}
	}
	// Log-logistic = Burr with α = 1 (γ > 1).
	for _, u := range []float64{10, 500, 1e5} {
		cases = append(cases, tc{LogLogistic{Shape: 3, Scale: 500}, u, burr(1, 3, 500, u)})
	}
	// Log-logistic, γ = 1: ∫_0^u θ/(θ+x) dx = θ ln(1 + u/θ) (infinite mean, the
	// ₂F₁ branch).
	for _, u := range []float64{1, 10, 1e6} {
		cases = append(cases, tc{LogLogistic{Shape: 1, Scale: 10}, u, 10 * math.Log1p(u/10)})
	}
	// Burr with γ = 1/2, α = 2 (b = α − 1/γ = 0): ∫_0^u (1+√(x/θ))^(−2) dx
	// = 2θ [ln(1+s) + 1/(1+s) − 1], s = √(u/θ).
	for _, u := range []float64{1, 100, 1e8} {
		s := math.Sqrt(u / 10)
		cases = append(cases, tc{Burr{Shape1: 2, Shape2: 0.5, Scale: 10}, u, 2 * 10 * (math.Log1p(s) + 1/(1+s) - 1)})
	}
	// Exponential: (1 − e^(−λu))/λ; Weibull: θΓ(1+1/τ) P(1+1/τ, (u/θ)^τ) + u e^(−(u/θ)^τ).
	for _, u := range []float64{1, 300, 1e4} {
		cases = append(cases, tc{Exponential{Rate: 0.002980625932}, u, (1 - math.Exp(-0.002980625932*u)) / 0.002980625932})
		tau, th := 0.8412731116, 303.6526823
		w := th*math.Gamma(1+1/tau)*mathext.GammaIncReg(1+1/tau, math.Pow(u/th, tau)) + u*math.Exp(-math.Pow(u/th, tau))
		cases = append(cases, tc{Weibull{Shape: tau, Scale: th}, u, w})
	}
	for _, c := range cases {
		if got := c.d.LEV(c.u); !relClose(got, c.want, 1e-12) {
			t.Errorf("%s LEV(%v) = %.17g, closed form %.17g", name(c.d), c.u, got, c.want)
		}
	}
}

// TestMoments checks mean and variance against mpmath's closed forms
// (relative 1e-12), and the consistency of RawMoment, Variance and LEV(∞).
func TestMoments(t *testing.T) {
	for _, r := range momentRefs {
		d := r.d
		if got := d.Mean(); !relClose(got, r.mean, 1e-12) {
			t.Errorf("%s Mean = %.17g, want %.17g", name(d), got, r.mean)
		}
		if got := d.Variance(); !relClose(got, r.variance, 1e-11) {
			t.Errorf("%s Variance = %.17g, want %.17g", name(d), got, r.variance)
		}
		if got := d.RawMoment(1); !relClose(got, r.mean, 1e-12) {
			t.Errorf("%s RawMoment(1) = %.17g, want %.17g", name(d), got, r.mean)
		}
		if m2 := d.RawMoment(2); !math.IsInf(m2, 1) {
			if got := m2 - r.mean*r.mean; !relClose(got, r.variance, 1e-10) {
				t.Errorf("%s RawMoment(2) − mean² = %.17g, want %.17g", name(d), got, r.variance)
			}
		}
		if got := d.LEV(math.Inf(1)); !relClose(got, r.mean, 1e-12) {
			t.Errorf("%s LEV(∞) = %.17g, want mean %.17g", name(d), got, r.mean)
		}
		if d.RawMoment(0) != 1 {
			t.Errorf("%s RawMoment(0) = %v", name(d), d.RawMoment(0))
		}
	}
	// E[X^3] of gamma(2, 1) = 2·3·4 = 24; lognormal(0, 1): e^(9/2); Lomax(5, 2):
	// 2³·3!/(4·3·2) = 2; log-logistic(4, 1), k = 2: (π/2)/sin(π/2) = π/2.
	for _, c := range []struct {
		d    Continuous
		k    int
		want float64
	}{
		{Gamma{Shape: 2, Rate: 1}, 3, 24},
		{LogNormal{MeanLog: 0, SdLog: 1}, 3, math.Exp(4.5)},
		{Lomax{Shape: 5, Scale: 2}, 3, 2},
		{Lomax{Shape: 3, Scale: 2}, 3, math.Inf(1)},
		{LogLogistic{Shape: 4, Scale: 1}, 2, math.Pi / 2},
		{Burr{Shape1: 1, Shape2: 4, Scale: 1}, 2, math.Pi / 2},
		{Exponential{Rate: 2}, 4, 24.0 / 16},
		{Weibull{Shape: 1, Scale: 3}, 2, 18},
	} {
		if got := c.d.RawMoment(c.k); !relClose(got, c.want, 1e-13) {
			t.Errorf("%s RawMoment(%d) = %.17g, want %.17g", name(c.d), c.k, got, c.want)
		}
	}
}

// TestContinuousRoundTrip checks CDF(Quantile(p)) = p and Quantile(CDF(x)) = x.
func TestContinuousRoundTrip(t *testing.T) {
	ps := []float64{1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999, 1 - 1e-9}
	for _, d := range testContinuous() {
		if _, ok := d.(*Empirical); ok {
			continue
		}
		for _, p := range ps {
			x := d.Quantile(p)
			if p < 0.5 {
				if got := d.CDF(x); !relClose(got, p, 1e-10) {
					t.Errorf("%s CDF(Quantile(%v)) = %.17g", name(d), p, got)
				}
			} else if got := d.Survival(x); !relClose(got, 1-p, 1e-7) {
				// 1−p carries p's rounding error (relative 1e-16/(1−p)).
				t.Errorf("%s Survival(Quantile(%v)) = %.17g, want %.17g", name(d), p, got, 1-p)
			}
			if got := d.Quantile(d.CDF(x)); p < 0.99 && !relClose(got, x, 1e-9) {
				t.Errorf("%s Quantile(CDF(%v)) = %.17g", name(d), x, got)
			}
			if s := d.Survival(x) + d.CDF(x); math.Abs(s-1) > 1e-15 {
				t.Errorf("%s CDF + Survival at %v = %.17g", name(d), x, s)
			}
		}
		if d.Quantile(0) != 0 || !math.IsInf(d.Quantile(1), 1) || !math.IsNaN(d.Quantile(1.5)) || !math.IsNaN(d.Quantile(math.NaN())) {
			t.Errorf("%s Quantile ends: %v %v %v", name(d), d.Quantile(0), d.Quantile(1), d.Quantile(1.5))
		}
		if d.CDF(-1) != 0 || d.Survival(-1) != 1 || d.Prob(-1) != 0 || !math.IsInf(d.LogProb(-1), -1) || d.LEV(-1) != 0 {
			t.Errorf("%s below the support: CDF %v Survival %v Prob %v", name(d), d.CDF(-1), d.Survival(-1), d.Prob(-1))
		}
		if d.CDF(math.Inf(1)) != 1 || d.Survival(math.Inf(1)) != 0 {
			t.Errorf("%s at +Inf: CDF %v Survival %v", name(d), d.CDF(math.Inf(1)), d.Survival(math.Inf(1)))
		}
	}
}

// TestDensityIntegratesToCDF checks ∫_a^b f = F(b) − F(a) with 40-point
// Gauss–Legendre between consecutive quantiles (relative 1e-9).
func TestDensityIntegratesToCDF(t *testing.T) {
	for _, d := range testContinuous() {
		if _, ok := d.(*Empirical); ok {
			continue
		}
		qs := []float64{0.05, 0.2, 0.5, 0.8, 0.95, 0.99}
		for i := 1; i < len(qs); i++ {
			a, b := d.Quantile(qs[i-1]), d.Quantile(qs[i])
			got := quad.Fixed(d.Prob, a, b, 40, nil, 0)
			if want := qs[i] - qs[i-1]; !relClose(got, want, 1e-9) {
				t.Errorf("%s ∫f over [%v, %v] = %.17g, want %.17g", name(d), a, b, got, want)
			}
		}
	}
}

// TestContinuousSampling draws 10^6 values from each severity and checks
// (i) the empirical CDF at the 10, 50, 90 and 99% quantiles is within 4
// binomial standard errors √(p(1−p)/n) of p, (ii) when the variance is
// finite, the sample mean is within 4 standard errors σ/√n of the mean, and
// (iii) when the eighth moment is finite, the sample variance is within 4
// standard errors √((μ4 − σ⁴)/n) of the variance.
func TestContinuousSampling(t *testing.T) {
	const n = 1000000
	if testing.Short() {
		t.Skip("sampling test")
	}
	for i, d := range testContinuous() {
		d = withContSrc(d, rand.NewPCG(uint64(i)+1, 2))
		ps := []float64{0.1, 0.5, 0.9, 0.99}
		qs := make([]float64, len(ps))
		for j, p := range ps {
			qs[j] = d.Quantile(p)
		}
		below := make([]int, len(ps))
		var s1, s2 float64
		mean := d.Mean()
		for k := 0; k < n; k++ {
			x := d.Rand()
			for j, q := range qs {
				if x <= q {
					below[j]++
				}
			}
			if !math.IsInf(mean, 1) {
				dx := x - mean
				s1 += dx
				s2 += dx * dx
			}
		}
		for j, p := range ps {
			if _, ok := d.(*Empirical); ok {
				p = d.CDF(qs[j])
			}
			se := math.Sqrt(p * (1 - p) / n)
			if got := float64(below[j]) / n; math.Abs(got-p) > 4*se {
				t.Errorf("%s: fraction ≤ q(%v) = %v, want %v ± 4·%.2g", name(d), ps[j], got, p, se)
			}
		}
		v := d.Variance()
		if math.IsInf(v, 1) {
			continue
		}
		if se := math.Sqrt(v / n); math.Abs(s1/n) > 4*se {
			t.Errorf("%s: sample mean %v, want %v ± 4·%.3g", name(d), mean+s1/n, mean, se)
		}
		if math.IsInf(d.RawMoment(8), 1) {
			continue
		}
		mu4 := centralMoment4(d)
		sv := s2/n - (s1/n)*(s1/n)
		if se := math.Sqrt((mu4 - v*v) / n); math.Abs(sv-v) > 4*se {
			t.Errorf("%s: sample variance %v, want %v ± 4·%.3g", name(d), sv, v, se)
		}
	}
}

// centralMoment4 returns E[(X−μ)^4] from the raw moments.
func centralMoment4(d Continuous) float64 {
	m1, m2, m3, m4 := d.RawMoment(1), d.RawMoment(2), d.RawMoment(3), d.RawMoment(4)
	return m4 - 4*m1*m3 + 6*m1*m1*m2 - 3*m1*m1*m1*m1
}

func withContSrc(d Continuous, src rand.Source) Continuous {
	c, ok := WithSource(d, src)
	if !ok {
		panic("unknown type")
	}
	return c
}

// TestContinuousExtremes checks that extreme parameters give finite,
// sensible values rather than NaN.
func TestContinuousExtremes(t *testing.T) {
	ds := []Continuous{
		Gamma{Shape: 1e-3, Rate: 1},
		Gamma{Shape: 1e5, Rate: 1e-3},
		LogNormal{MeanLog: 10, SdLog: 10},
		Weibull{Shape: 0.1, Scale: 1},
		Weibull{Shape: 50, Scale: 1e6},
		Lomax{Shape: 0.1, Scale: 1},
		Lomax{Shape: 1 + 1e-12, Scale: 1},
		LogLogistic{Shape: 0.3, Scale: 1e4},
		Burr{Shape1: 0.2, Shape2: 0.5, Scale: 1},
		Burr{Shape1: 100, Shape2: 20, Scale: 1},
		Exponential{Rate: 1e-9},
	}
	for _, d := range ds {
		for _, p := range []float64{1e-15, 1e-6, 0.5, 1 - 1e-6, 1 - 1e-15} {
			x := d.Quantile(p)
			if math.IsNaN(x) || x < 0 {
				t.Errorf("%s Quantile(%v) = %v", name(d), p, x)
				continue
			}
			for _, v := range []float64{d.CDF(x), d.Survival(x), d.LogProb(x), d.LEV(x)} {
				if math.IsNaN(v) {
					t.Errorf("%s at Quantile(%v) = %v: NaN", name(d), p, x)
				}
			}
			if lev := d.LEV(x); lev > x || lev < 0 {
				t.Errorf("%s LEV(%v) = %v outside [0, u]", name(d), x, lev)
			}
		}
		if math.IsNaN(d.Mean()) || math.IsNaN(d.Variance()) {
			t.Errorf("%s mean %v variance %v", name(d), d.Mean(), d.Variance())
		}
	}
	// Lomax with α = 1 + 1e-12 is within 1e-9 of the α = 1 limit θ ln(1+u/θ).
	if got, want := (Lomax{Shape: 1 + 1e-12, Scale: 1}).LEV(1e6), math.Log1p(1e6); !relClose(got, want, 1e-9) {
		t.Errorf("Lomax(1+1e-12) LEV = %v, want ≈ %v", got, want)
	}
	// Lomax(0.5, 1) quantile at 1 − 1e-12: (1e-12)^(−2) − 1 = 1e24 − 1.
	if got := (Lomax{Shape: 0.5, Scale: 1}).Quantile(1 - 1e-12); !relClose(got, 1e24, 1e-3) {
		t.Errorf("Lomax(0.5) Quantile(1−1e-12) = %v, want ≈ 1e24", got)
	}
}

func TestContinuousValidate(t *testing.T) {
	good := []interface{ Validate() error }{
		Exponential{Rate: 1}, Gamma{Shape: 1, Rate: 1}, LogNormal{MeanLog: -3, SdLog: 1},
		Weibull{Shape: 1, Scale: 1}, Lomax{Shape: 1, Scale: 1}, LogLogistic{Shape: 1, Scale: 1},
		Burr{Shape1: 1, Shape2: 1, Scale: 1},
	}
	bad := []interface{ Validate() error }{
		Exponential{Rate: 0}, Exponential{Rate: math.Inf(1)}, Gamma{Shape: -1, Rate: 1},
		Gamma{Shape: 1, Rate: math.NaN()}, LogNormal{MeanLog: math.NaN(), SdLog: 1},
		LogNormal{MeanLog: 0, SdLog: 0}, Weibull{Shape: 1, Scale: -2}, Lomax{Shape: 0, Scale: 1},
		LogLogistic{Shape: 1, Scale: math.Inf(1)}, Burr{Shape1: 1, Shape2: 0, Scale: 1},
	}
	for _, g := range good {
		if err := g.Validate(); err != nil {
			t.Errorf("%#v: unexpected error %v", g, err)
		}
	}
	for _, b := range bad {
		if err := b.Validate(); err == nil {
			t.Errorf("%#v: no error", b)
		}
	}
}

// TestLEVHeavyRefs checks E[min(X,u)] far in heavy tails, including
// infinite-mean Burr, log-logistic and Lomax cases, against mpmath's
// incomplete beta at 500 digits (testdata/refs.py), relative 1e-10.
func TestLEVHeavyRefs(t *testing.T) {
	for _, r := range levHeavyRefs {
		if got := r.d.LEV(r.u); !relClose(got, r.lev, 1e-10) {
			t.Errorf("%s LEV(%v) = %.17g, want %.17g (rel err %.2g)", name(r.d), r.u, got, r.lev, (got-r.lev)/r.lev)
		}
	}
}

// TestSeverityFitLogLikelihood checks Σ log f(x_i) on actuar's dental data at
// the maximum-likelihood estimates of VALIDATION.md E against the stated
// log-likelihoods (R actuar / fitdistrplus, printed to 10 significant digits,
// so tolerance 5e-8 absolute plus the parameter rounding: 1e-7).
func TestSeverityFitLogLikelihood(t *testing.T) {
	dental := []float64{141, 16, 46, 40, 351, 259, 317, 1511, 107, 567}
	for _, c := range []struct {
		d    Continuous
		want float64
	}{
		{Exponential{Rate: 0.002980625932}, -68.15621956},
		{LogNormal{MeanLog: 5.074910062, SdLog: 1.300553004}, -67.56638157},
		{Gamma{Shape: 0.8011004129, Rate: 0.0023877806645}, -67.98053463},
		{Weibull{Shape: 0.8412731116, Scale: 303.6526823}, -67.86983595},
	} {
		s := 0.0
		for _, x := range dental {
			s += c.d.LogProb(x)
		}
		if math.Abs(s-c.want) > 1e-7 {
			t.Errorf("%s log-likelihood = %.10f, want %.10f", name(c.d), s, c.want)
		}
	}
}

// TestRandNilSrc checks a nil Src draws from the package-level generator
// (values in the support, no panic).
func TestRandNilSrc(t *testing.T) {
	e, _ := NewEmpirical([]float64{1, 2}, nil)
	for _, d := range append(testContinuous(), e) {
		if x := d.Rand(); !(x >= 0) || math.IsInf(x, 1) {
			t.Errorf("%s Rand() = %v", name(d), x)
		}
	}
	for _, d := range testDiscrete() {
		if k := d.Rand(); k < 0 {
			t.Errorf("%s Rand() = %v", name(d), k)
		}
	}
}

// TestLogNormalCDFTail checks log Φ(x) across the switch to the asymptotic
// series at x = −30 against log of erfc (exact to double precision there):
// relative 1e-14. Values: log Φ(−30) = −454.3212439955 (log(erfc(30/√2)/2)).
func TestLogNormalCDFTail(t *testing.T) {
	for _, x := range []float64{-29.9, -30.1, -33, -37} {
		want := math.Log(0.5 * math.Erfc(-x/math.Sqrt2))
		if got := logNormalCDF(x); !relClose(got, want, 1e-14) {
			t.Errorf("logNormalCDF(%v) = %.17g, want %.17g", x, got, want)
		}
	}
	// A lognormal with σ = 40 has an overflowing mean but a finite LEV;
	// references e^(σ²/2) Φ(z−σ) + u Φ(−z) in mpmath at 40 digits.
	l := LogNormal{MeanLog: 0, SdLog: 40}
	for _, c := range []struct{ u, want float64 }{
		{1e-10, 7.2589864130630638e-11}, {1, 0.50996733518830131}, {1e10, 2909957655.5522437},
	} {
		if v := l.LEV(c.u); !relClose(v, c.want, 1e-13) {
			t.Errorf("lnorm(0, 40) LEV(%v) = %.17g, want %.17g", c.u, v, c.want)
		}
	}
}
