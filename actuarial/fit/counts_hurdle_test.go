package fit

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// hurdleSample draws n members: a claimant with probability q, then
// 1 + nbinom(size, mu) claims (the generator's way), tabulated.
func hurdleSample(seed uint64, n int, q float64, base dist.Discrete) ([]int, []float64) {
	rng := rand.New(rand.NewPCG(seed, 2))
	zt := dist.ZeroTruncated{Base: base}
	table := map[int]float64{}
	for range n {
		if rng.Float64() >= q {
			table[0]++
			continue
		}
		table[zt.Quantile(rng.Float64())]++
	}
	var v []int
	var f []float64
	for k := 0; k <= 1000; k++ {
		if table[k] > 0 {
			v = append(v, k)
			f = append(f, table[k])
		}
	}
	return v, f
}

// The hurdle fit on a sample drawn from a zero-modified negative binomial
// (claimants 3%, their counts zero-truncated nbinom(size 2, mu 4), as the
// Weihai book's outpatient bills): p0 is the share of zeros exactly, the
// log-likelihood is Σ f_k·log p(k) of the fitted law (1e-9 relative: the
// same sum), the parameters lie within 3 standard errors of the truth, and
// the AIC prefers it to the plain negative binomial, which must spread the
// claimants' counts as a log-series does.
func TestCountsHurdle(t *testing.T) {
	base := dist.NegBinomialMu(2, 4)
	v, f := hurdleSample(3, 400000, 0.03, base)
	r, err := CountsHurdle(v, f, "nbinom")
	if err != nil || !r.Converged {
		t.Fatalf("fit: %v %+v", err, r)
	}
	checkHurdleFit(t, v, f, r)
	for i, want := range []float64{0.97, 2, 4} {
		if math.Abs(r.Params[i]-want) > 3*r.SE[i] {
			t.Errorf("%s: %.4f ± %.4f, drawn with %v", r.ParamNames[i], r.Params[i], r.SE[i], want)
		}
	}
	nb, err := Counts(v, f, "nbinom")
	if err != nil || !nb.Converged {
		t.Fatalf("nbinom fit: %v", err)
	}
	if !(r.AIC < nb.AIC-100) {
		t.Errorf("AIC hurdle %.1f, nbinom %.1f: expected the hurdle far ahead", r.AIC, nb.AIC)
	}
	if r.Cov == nil || r.Cov.At(0, 0) != r.SE[0]*r.SE[0] || r.Cov.At(1, 1) != r.SE[1]*r.SE[1] {
		t.Errorf("covariance %v, SE %v", r.Cov, r.SE)
	}
	// Without zeros, or without claimants, there is no hurdle to fit.
	if _, err := CountsHurdle([]int{1, 2}, []float64{3, 4}, "nbinom"); err == nil {
		t.Error("no zeros: expected an error")
	}
	if _, err := CountsHurdle([]int{0}, []float64{3}, "nbinom"); err == nil {
		t.Error("no claimants: expected an error")
	}
}

// The Poisson base: claimants' counts zero-truncated Poisson(0.3) (mostly
// one event, a few two), which the negative binomial base cannot fit
// (size → ∞: not converged) — the Poisson hurdle does: p0 the share of
// zeros, λ within 3 standard errors, ℓ = Σ f·log p (1e-9 relative).
func TestCountsHurdlePoisson(t *testing.T) {
	v, f := hurdleSample(5, 300000, 0.02, dist.Poisson{Lambda: 0.3})
	if nb, err := CountsHurdle(v, f, "nbinom"); err == nil && nb.Converged && nb.Params[1] < 1e3 {
		t.Errorf("nbinom base converged to size %.4g on truncated Poisson counts, expected no convergence (size → ∞)", nb.Params[1])
	}
	r, err := CountsHurdle(v, f, "pois")
	if err != nil || !r.Converged || r.Family != "zmod-pois" || r.K != 2 {
		t.Fatalf("fit: %v %+v", err, r)
	}
	checkHurdleFit(t, v, f, r)
	if math.Abs(r.Params[1]-0.3) > 3*r.SE[1] {
		t.Errorf("lambda %.4f ± %.4f, drawn with 0.3", r.Params[1], r.SE[1])
	}
}

// checkHurdleFit checks a hurdle fit r of the counts v (frequencies f): p0
// is the share of zeros exactly (the separated likelihood's maximum), and
// the log-likelihood is Σ f_k·log p(k) of the fitted law (1e-9 relative:
// the same sum in another order).
func checkHurdleFit(t *testing.T, v []int, f []float64, r *CountResult) {
	t.Helper()
	n, n0, ll := 0.0, 0.0, 0.0
	for i, k := range v {
		n += f[i]
		if k == 0 {
			n0 = f[i]
		}
		ll += f[i] * r.Dist.LogProb(k)
	}
	if r.Params[0] != n0/n {
		t.Errorf("p0 %v, want the share of zeros %v", r.Params[0], n0/n)
	}
	if math.Abs(r.LogLik-ll) > 1e-9*math.Abs(ll) {
		t.Errorf("log-likelihood %v, Σ f·log p %v", r.LogLik, ll)
	}
}
