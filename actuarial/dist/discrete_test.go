package dist

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// TestDiscreteRefs checks mass, CDF and survival against mpmath
// (testdata/refs.py, 40 digits): mass relative 1e-13, CDF relative 1e-12,
// survival relative 5e-12 (gonum's RegIncBeta is good to ~1e-12 for the
// negative binomial with size 0.01, prob 1e-4 at k = 10000).
func TestDiscreteRefs(t *testing.T) {
	for _, r := range discRefs {
		if got := r.d.Prob(r.k); !relClose(got, r.pmf, 1e-13) {
			t.Errorf("%s Prob(%d) = %.17g, want %.17g (rel %.2g)", name(r.d), r.k, got, r.pmf, (got-r.pmf)/r.pmf)
		}
		if got := r.d.LogProb(r.k); !scalarClose(got, math.Log(r.pmf), 1e-13) {
			t.Errorf("%s LogProb(%d) = %.17g, want %.17g", name(r.d), r.k, got, math.Log(r.pmf))
		}
		if got := r.d.CDF(r.k); !relClose(got, r.cdf, 1e-12) {
			t.Errorf("%s CDF(%d) = %.17g, want %.17g (rel %.2g)", name(r.d), r.k, got, r.cdf, (got-r.cdf)/r.cdf)
		}
		if got := survivalOf(r.d, r.k); !relClose(got, r.sf, 5e-12) {
			t.Errorf("%s Survival(%d) = %.17g, want %.17g (rel %.2g)", name(r.d), r.k, got, r.sf, (got-r.sf)/r.sf)
		}
	}
}

// scalarClose compares within an absolute-or-relative tolerance.
func scalarClose(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// testDiscrete is the set of claim-count distributions the property tests
// run over.
func testDiscrete() []Discrete {
	return []Discrete{
		Poisson{Lambda: 0.2143536638},
		Poisson{Lambda: 2},
		Poisson{Lambda: 40},
		NegBinomialMu(0.7015679083, 0.2143796444),
		NegBinomial{Size: 2, P: 0.5},
		NegBinomial{Size: 0.3, P: 0.05},
		Binomial{Size: 10, P: 0.3},
		Binomial{Size: 3, P: 1},
		ZeroTruncated{Base: Poisson{Lambda: 1.5}},
		ZeroTruncated{Base: Poisson{Lambda: 0.01}},
		ZeroTruncated{Base: NegBinomial{Size: 0.5, P: 0.2}},
		ZeroTruncated{Base: Binomial{Size: 6, P: 0.4}},
		ZeroModified{Base: Poisson{Lambda: 2}, P0: 0.6},
		ZeroModified{Base: NegBinomial{Size: 3, P: 0.4}, P0: 0},
		ZeroModified{Base: Binomial{Size: 5, P: 0.2}, P0: 0.1},
	}
}

// support returns a K with P(N > K) < 1e-18 (or the binomial size).
func support(d Discrete) int {
	k := d.Quantile(1 - 1e-15)
	return 2*k + 40
}

// TestDiscreteProperties checks, for every distribution: Σ_{j ≤ k} p_j = F(k)
// and F + S = 1 (1e-13), Σ p_k = 1, mean and variance by summation
// (relative 1e-11), and the PGF against Σ p_k z^k at points on and inside
// the unit circle (1e-12).
func TestDiscreteProperties(t *testing.T) {
	zs := []complex128{0, 0.5, 1, -1, complex(0, 1), cmplx.Rect(1, 2.5), cmplx.Rect(0.7, -1), complex(0.3, 0.4)}
	for _, d := range testDiscrete() {
		K := support(d)
		var cum, m1, m2 float64
		pgfs := make([]complex128, len(zs))
		pows := make([]complex128, len(zs))
		for i := range pows {
			pows[i] = 1
		}
		for k := 0; k <= K; k++ {
			p := d.Prob(k)
			cum += p
			m1 += float64(k) * p
			m2 += float64(k) * float64(k) * p
			for i := range zs {
				pgfs[i] += complex(p, 0) * pows[i]
				pows[i] *= zs[i]
			}
			if k < 200 {
				if c := d.CDF(k); !scalarClose(c, cum, 1e-13) {
					t.Errorf("%s CDF(%d) = %.17g, Σ p = %.17g", name(d), k, c, cum)
				}
				if s := d.CDF(k) + survivalOf(d, k); math.Abs(s-1) > 1e-14 {
					t.Errorf("%s CDF + Survival at %d = %.17g", name(d), k, s)
				}
				if lp := d.LogProb(k); p > 0 && !scalarClose(lp, math.Log(p), 1e-14) {
					t.Errorf("%s LogProb(%d) = %v, log Prob = %v", name(d), k, lp, math.Log(p))
				}
			}
		}
		if math.Abs(cum-1) > 1e-13 {
			t.Errorf("%s Σ p_k = %.17g", name(d), cum)
		}
		if !relClose(d.Mean(), m1, 1e-11) {
			t.Errorf("%s Mean = %.17g, Σ k p_k = %.17g", name(d), d.Mean(), m1)
		}
		if v := m2 - m1*m1; !scalarClose(d.Variance(), v, 1e-11) {
			t.Errorf("%s Variance = %.17g, by summation %.17g", name(d), d.Variance(), v)
		}
		for i, z := range zs {
			if got := d.PGF(z); cmplx.Abs(got-pgfs[i]) > 1e-12 {
				t.Errorf("%s PGF(%v) = %v, Σ p_k z^k = %v", name(d), z, got, pgfs[i])
			}
		}
		if d.Prob(-1) != 0 || d.CDF(-1) != 0 || !math.IsInf(d.LogProb(-1), -1) {
			t.Errorf("%s below 0: Prob %v CDF %v", name(d), d.Prob(-1), d.CDF(-1))
		}
	}
}

// TestPGFClosedForms checks the PGFs against the closed forms (Klugman,
// Panjer & Willmot, Loss Models, appendix B): Poisson e^(λ(z−1)), negative
// binomial (p/(1−(1−p)z))^r, binomial (1−q+qz)^m, zero-truncated
// (P(z) − p0)/(1 − p0), zero-modified P0 + (1 − P0) P^T(z).
func TestPGFClosedForms(t *testing.T) {
	zs := []complex128{0.25, -0.5, complex(0, 1), cmplx.Rect(1, 2), cmplx.Rect(0.9, -0.3)}
	for _, z := range zs {
		pois := func(l float64) complex128 { return cmplx.Exp(complex(l, 0) * (z - 1)) }
		nb := func(r, p float64) complex128 {
			return cmplx.Pow(complex(p, 0)/(1-complex(1-p, 0)*z), complex(r, 0))
		}
		bin := func(m, q float64) complex128 { return cmplx.Pow(complex(1-q, 0)+complex(q, 0)*z, complex(m, 0)) }
		ztp := (pois(1.5) - complex(math.Exp(-1.5), 0)) / complex(1-math.Exp(-1.5), 0)
		p0nb := math.Pow(0.4, 3)
		zmnb := complex(0.25, 0) + complex(0.75, 0)*(nb(3, 0.4)-complex(p0nb, 0))/complex(1-p0nb, 0)
		for _, c := range []struct {
			d    Discrete
			want complex128
		}{
			{Poisson{Lambda: 3.7}, pois(3.7)},
			{NegBinomial{Size: 2.5, P: 0.3}, nb(2.5, 0.3)},
			{Binomial{Size: 7, P: 0.35}, bin(7, 0.35)},
			{ZeroTruncated{Base: Poisson{Lambda: 1.5}}, ztp},
			{ZeroModified{Base: NegBinomial{Size: 3, P: 0.4}, P0: 0.25}, zmnb},
		} {
			if got := c.d.PGF(z); cmplx.Abs(got-c.want) > 1e-14*math.Max(1, cmplx.Abs(c.want)) {
				t.Errorf("%s PGF(%v) = %v, closed form %v", name(c.d), z, got, c.want)
			}
		}
	}
}

// TestABZero checks the Panjer recursion p_k = (a + b/k) p_(k−1) with the
// (a, b) returned (k ≥ 1 for the (a, b, 0) class, k ≥ 2 for truncated and
// modified), relative 1e-12, and the closed forms Poisson a = 0, b = λ;
// negative binomial a = 1−p, b = (r−1)(1−p); binomial a = −q/(1−q),
// b = (m+1)q/(1−q).
func TestABZero(t *testing.T) {
	for _, d := range testDiscrete() {
		a, b, ok := d.ABZero()
		start := 1
		switch d.(type) {
		case ZeroTruncated, ZeroModified:
			start = 2
			if ok {
				t.Errorf("%s ABZero ok = true, want false", name(d))
			}
		default:
			if _, isBin := d.(Binomial); !ok && !(isBin && d.(Binomial).P == 1) {
				t.Errorf("%s ABZero ok = false", name(d))
			}
		}
		if math.IsInf(a, 0) {
			continue
		}
		for k := start; k < 30; k++ {
			want := d.Prob(k)
			got := (a + b/float64(k)) * d.Prob(k-1)
			if want < 1e-300 {
				break
			}
			if !scalarClose(got, want, 1e-12) {
				t.Errorf("%s: (a + b/%d) p_%d = %.17g, p_%d = %.17g", name(d), k, k-1, got, k, want)
			}
		}
	}
	for _, c := range []struct {
		d    Discrete
		a, b float64
	}{
		{Poisson{Lambda: 2.5}, 0, 2.5},
		{NegBinomial{Size: 3, P: 0.25}, 0.75, 1.5},
		{Binomial{Size: 9, P: 0.25}, -1.0 / 3, 10.0 / 3},
	} {
		a, b, ok := c.d.ABZero()
		if !ok || !scalarClose(a, c.a, 1e-15) || !scalarClose(b, c.b, 1e-15) {
			t.Errorf("%s ABZero = (%v, %v, %v), want (%v, %v)", name(c.d), a, b, ok, c.a, c.b)
		}
	}
}

// TestDiscreteQuantile checks Quantile returns the smallest k with
// F(k) ≥ p, including p equal to a cumulative probability exactly.
func TestDiscreteQuantile(t *testing.T) {
	ps := []float64{1e-12, 0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999}
	for _, d := range testDiscrete() {
		for _, p := range ps {
			k := d.Quantile(p)
			if d.CDF(k) < p*quantileFuzz || (k > 0 && d.CDF(k-1) >= p) {
				t.Errorf("%s Quantile(%v) = %d, CDF(%d) = %v, CDF(%d) = %v", name(d), p, k, k, d.CDF(k), k-1, d.CDF(k-1))
			}
		}
		// At exact masses: p = F(k) gives k.
		for k := 0; k < 15; k++ {
			p := d.CDF(k)
			if p >= 1 || d.Prob(k) == 0 {
				continue
			}
			if got := d.Quantile(p); got != k {
				t.Errorf("%s Quantile(CDF(%d) = %.17g) = %d", name(d), k, p, got)
			}
		}
		if d.Quantile(-0.1) != -1 || d.Quantile(math.NaN()) != -1 {
			t.Errorf("%s Quantile of invalid p: %d %d", name(d), d.Quantile(-0.1), d.Quantile(math.NaN()))
		}
	}
	// Poisson(2): F(1) = 3e^−2 = 0.4060058497098381; F(2) = 5e^−2 = 0.6766764161830635.
	pois := Poisson{Lambda: 2}
	for _, c := range []struct {
		p    float64
		want int
	}{{0, 0}, {0.4060058497098381, 1}, {0.40600585, 2}, {0.6766764161830635, 2}, {0.6766764161830636, 2}, {0.67667642, 3}} {
		if got := pois.Quantile(c.p); got != c.want {
			t.Errorf("Poisson(2) Quantile(%v) = %d, want %d", c.p, got, c.want)
		}
	}
	if got := (Binomial{Size: 10, P: 0.3}).Quantile(1); got != 10 {
		t.Errorf("binomial(10, 0.3) Quantile(1) = %d, want 10", got)
	}
	if got := pois.Quantile(1); got != math.MaxInt {
		t.Errorf("Poisson Quantile(1) = %d, want MaxInt", got)
	}
	if got := (ZeroTruncated{Base: pois}).Quantile(0); got != 1 {
		t.Errorf("ztrunc Quantile(0) = %d, want 1", got)
	}
}

// TestZeroTruncatedClosedForms checks the zero-truncated Poisson against
// p_k = λ^k e^−λ/(k!(1 − e^−λ)), mean λ/(1 − e^−λ), and the zero-modified
// mass and mean (1 − P0) λ/(1 − e^−λ).
func TestZeroTruncatedClosedForms(t *testing.T) {
	for _, l := range []float64{1e-8, 0.01, 1.5, 30} {
		zt := ZeroTruncated{Base: Poisson{Lambda: l}}
		s0 := -math.Expm1(-l)
		for k := 1; k < 6; k++ {
			lf, _ := math.Lgamma(float64(k) + 1)
			want := math.Exp(float64(k)*math.Log(l)-l-lf) / s0
			if got := zt.Prob(k); !relClose(got, want, 1e-13) {
				t.Errorf("ztpois(%v) Prob(%d) = %.17g, want %.17g", l, k, got, want)
			}
		}
		if got := zt.Mean(); !relClose(got, l/s0, 1e-14) {
			t.Errorf("ztpois(%v) Mean = %.17g, want %.17g", l, got, l/s0)
		}
		// Var = λ(1 + λ)/s0 − (λ/s0)².
		if got, want := zt.Variance(), l*(1+l)/s0-(l/s0)*(l/s0); !scalarClose(got, want, 1e-12) {
			t.Errorf("ztpois(%v) Variance = %.17g, want %.17g", l, got, want)
		}
		if zt.Prob(0) != 0 || zt.CDF(0) != 0 {
			t.Errorf("ztpois(%v) has mass at 0", l)
		}
		zm := ZeroModified{Base: Poisson{Lambda: l}, P0: 0.3}
		if got := zm.Prob(0); got != 0.3 {
			t.Errorf("zmpois Prob(0) = %v", got)
		}
		if got := zm.Mean(); !relClose(got, 0.7*l/s0, 1e-14) {
			t.Errorf("zmpois(%v) Mean = %.17g, want %.17g", l, got, 0.7*l/s0)
		}
	}
	// λ = 1e-8: F^T(1) = p1/(1−p0) = λ/(e^λ − 1)·… ≈ 1 − λ/2; survival after 1 ≈ λ/2.
	zt := ZeroTruncated{Base: Poisson{Lambda: 1e-8}}
	if got := zt.Survival(1); !relClose(got, 0.5e-8, 1e-7) {
		t.Errorf("ztpois(1e-8) Survival(1) = %v, want ≈ 5e-9", got)
	}
}

// TestCountFitLogLikelihood checks Σ n_k log p_k on the claim counts of
// VALIDATION.md F (0..7 claims: 7840, 1317, 239, 42, 14, 4, 4, 1) at the
// fitted parameters against the stated log-likelihoods (Poisson
// −5490.780545, negative binomial −5348.039971; 10 significant digits).
func TestCountFitLogLikelihood(t *testing.T) {
	counts := []float64{7840, 1317, 239, 42, 14, 4, 4, 1}
	ll := func(d Discrete) float64 {
		s := 0.0
		for k, n := range counts {
			s += n * d.LogProb(k)
		}
		return s
	}
	if got := ll(Poisson{Lambda: 0.2143536638}); math.Abs(got-(-5490.780545)) > 5e-7 {
		t.Errorf("Poisson log-likelihood = %.10f, want −5490.780545", got)
	}
	if got := ll(NegBinomialMu(0.7015679083, 0.2143796444)); math.Abs(got-(-5348.039971)) > 5e-7 {
		t.Errorf("negative binomial log-likelihood = %.10f, want −5348.039971", got)
	}
}

// TestPanjerHand runs the Panjer recursion f_S(s) = Σ_j (a + b j/s) f_X(j)
// f_S(s−j) (f_X(0) = 0) with ABZero, Prob(0) and the discrete severity
// P(1) = 0.5, P(2) = 0.3, P(3) = 0.2, against VALIDATION.md B (1e-10).
func TestPanjerHand(t *testing.T) {
	sev, err := ParseContinuous("discrete(1:0.5, 2:0.3, 3:0.2)")
	if err != nil {
		t.Fatal(err)
	}
	fx := func(j int) float64 { return sev.Prob(float64(j)) }
	for _, c := range []struct {
		d    Discrete
		want []float64
	}{
		{Poisson{Lambda: 2}, []float64{0.13533528324, 0.13533528324, 0.14886881156, 0.15789116378, 0.12473401938, 0.09856919796, 0.07295323629}},
		{NegBinomial{Size: 2, P: 0.5}, []float64{0.25, 0.125, 0.121875, 0.121875, 0.0873828125, 0.07130859375, 0.05655615234}},
	} {
		a, b, ok := c.d.ABZero()
		if !ok {
			t.Fatalf("%s not in (a, b, 0)", name(c.d))
		}
		f := []float64{c.d.Prob(0)}
		for s := 1; s < len(c.want); s++ {
			v := 0.0
			for j := 1; j <= s; j++ {
				v += (a + b*float64(j)/float64(s)) * fx(j) * f[s-j]
			}
			f = append(f, v)
		}
		for s, w := range c.want {
			if math.Abs(f[s]-w) > 1e-10 {
				t.Errorf("%s: f_S(%d) = %.12g, want %.12g", name(c.d), s, f[s], w)
			}
		}
	}
}

// TestDiscreteSampling draws 10^6 counts from each distribution and checks
// the sample mean and variance within 4 standard errors (σ/√n and
// √((μ4 − σ⁴)/n), μ4 by summation of the mass function).
func TestDiscreteSampling(t *testing.T) {
	if testing.Short() {
		t.Skip("sampling test")
	}
	const n = 1000000
	ds := append(testDiscrete(), Poisson{Lambda: 1e6}, NegBinomial{Size: 0.01, P: 0.001})
	for i, d := range ds {
		d = withDiscSrc(d, rand.NewPCG(uint64(i)+100, 7))
		mean, v := d.Mean(), d.Variance()
		var s1, s2 float64
		for k := 0; k < n; k++ {
			x := float64(d.Rand()) - mean
			s1 += x
			s2 += x * x
		}
		if se := math.Sqrt(v / n); math.Abs(s1/n) > 4*se {
			t.Errorf("%s: sample mean %v, want %v ± 4·%.3g", name(d), mean+s1/n, mean, se)
		}
		if v == 0 {
			continue
		}
		mu4 := 0.0
		lo, hi := 0, support(d)
		if sd := math.Sqrt(v); mean > 1000 {
			lo, hi = int(mean-40*sd), int(mean+40*sd)
		}
		for k := lo; k <= hi; k++ {
			dk := float64(k) - mean
			mu4 += dk * dk * dk * dk * d.Prob(k)
		}
		sv := s2/n - (s1/n)*(s1/n)
		if se := math.Sqrt((mu4 - v*v) / n); math.Abs(sv-v) > 4*se {
			t.Errorf("%s: sample variance %v, want %v ± 4·%.3g", name(d), sv, v, se)
		}
	}
}

func withDiscSrc(d Discrete, src rand.Source) Discrete {
	c, ok := DiscreteWithSource(d, src)
	if !ok {
		panic("unknown type")
	}
	return c
}

// TestDiscreteExtremes checks large and small parameters give no NaN:
// Poisson λ = 1e6 mass at the mode is 1/√(2πλ)·(1 − 1/(12λ) + …)
// = 3.989422471978e-4 (Stirling; refs cover it to 1e-13), quantiles far in
// the tail of a very overdispersed negative binomial.
func TestDiscreteExtremes(t *testing.T) {
	p := Poisson{Lambda: 1e6}
	if got := p.Prob(1000000); !relClose(got, 1/math.Sqrt(2*math.Pi*1e6)*(1-1/12e6), 1e-12) {
		t.Errorf("Poisson(1e6) Prob(mode) = %.17g", got)
	}
	for _, d := range []Discrete{
		Poisson{Lambda: 1e6}, Poisson{Lambda: 1e-12}, Poisson{Lambda: 0},
		NegBinomial{Size: 1e-3, P: 1e-6}, NegBinomial{Size: 1e6, P: 0.5}, NegBinomialMu(1e4, 1e-6),
		Binomial{Size: 1000000, P: 1e-7}, ZeroTruncated{Base: NegBinomial{Size: 1e-3, P: 1e-3}},
	} {
		for _, q := range []float64{1e-12, 0.5, 0.999999, 1 - 1e-14} {
			k := d.Quantile(q)
			if k < 0 {
				t.Errorf("%s Quantile(%v) = %d", name(d), q, k)
			}
			for _, v := range []float64{d.Prob(k), d.LogProb(k), d.CDF(k), survivalOf(d, k)} {
				if math.IsNaN(v) {
					t.Errorf("%s at Quantile(%v) = %d: NaN", name(d), q, k)
				}
			}
		}
		if math.IsNaN(d.Mean()) || math.IsNaN(d.Variance()) {
			t.Errorf("%s: mean %v variance %v", name(d), d.Mean(), d.Variance())
		}
	}
}

func TestDiscreteValidate(t *testing.T) {
	good := []interface{ Validate() error }{
		Poisson{Lambda: 0}, Poisson{Lambda: 3}, NegBinomial{Size: 0.5, P: 1}, Binomial{Size: 0, P: 0},
		ZeroTruncated{Base: Poisson{Lambda: 1}}, ZeroModified{Base: Binomial{Size: 2, P: 0.5}, P0: 1},
	}
	bad := []interface{ Validate() error }{
		Poisson{Lambda: -1}, Poisson{Lambda: math.NaN()}, NegBinomial{Size: 0, P: 0.5},
		NegBinomial{Size: 1, P: 0}, Binomial{Size: -1, P: 0.5}, Binomial{Size: 3, P: 1.5},
		ZeroTruncated{}, ZeroTruncated{Base: Poisson{Lambda: 0}}, ZeroModified{Base: Poisson{Lambda: 1}, P0: -0.1},
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

// TestPoissonRandZero: P(N = 0) = e^(−λ) must be sampled for λ ≥ 10 (gonum
// v0.17's distuv.Poisson.Rand never returns 0 there). For λ = 10, 10^6 draws
// give e^(−10)·10^6 = 45.4 zeros on average (binomial sd 6.7).
func TestPoissonRandZero(t *testing.T) {
	p := Poisson{Lambda: 10, Src: rand.NewPCG(1, 2)}
	zeros, sum := 0, 0.0
	const n = 1_000_000
	for i := 0; i < n; i++ {
		k := p.Rand()
		if k == 0 {
			zeros++
		}
		sum += float64(k)
	}
	if math.Abs(float64(zeros)-45.4) > 4*6.74 {
		t.Errorf("zeros = %d, want 45.4 ± 27", zeros)
	}
	if math.Abs(sum/n-10) > 4*math.Sqrt(10.0/n) {
		t.Errorf("mean %v, want 10", sum/n)
	}
}
