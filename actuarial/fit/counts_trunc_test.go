package fit

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/mat"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// relClose fails t unless got is within tol relative of want.
func relClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !scalar.EqualWithinRel(got, want, tol) {
		t.Errorf("%s = %.12g, want %.12g (relative error %.2g, tolerance %g)", what, got, want, math.Abs(got-want)/math.Abs(want), tol)
	}
}

// The hospital-stay table of testdata/refs.R §9 (days − 1, recorded from 3).
var (
	stayK = []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	stayF = []float64{50, 44, 40, 33, 30, 25, 22, 18, 15, 12, 10, 8, 20}
)

// Reference: testdata/refs.R §9, output in refs.out: R's optim on the
// truncated log-likelihood written with dnbinom/pnbinom (dpois/ppois),
// polished by Newton steps; standard errors from numDeriv's Hessian.
// Parameters and SEs to 1e-6 relative, ℓ to 1e-10.
func TestCountsTruncatedAgainstR(t *testing.T) {
	nb, err := CountsTruncated(stayK, stayF, "nbinom", 3)
	if err != nil || !nb.Converged {
		t.Fatalf("nbinom: %v %+v", err, nb)
	}
	for i, want := range []float64{3.59216485028, 6.15967296406} {
		relClose(t, "nbinom "+nb.ParamNames[i], nb.Params[i], want, 1e-6)
	}
	for i, want := range []float64{0.823060853456, 0.331039292084} {
		relClose(t, "nbinom SE "+nb.ParamNames[i], nb.SE[i], want, 1e-6)
	}
	relClose(t, "nbinom loglik", nb.LogLik, -823.668703266, 1e-10)
	relClose(t, "nbinom AIC", nb.AIC, 2*823.668703266+4, 1e-10)
	relClose(t, "nbinom BIC", nb.BIC, 2*823.668703266+2*math.Log(327), 1e-10)
	if nb.N != 327 || nb.Dist == nil || nb.Dist.Mean() != nb.Params[1] {
		t.Errorf("N %v, Dist %v", nb.N, nb.Dist)
	}
	// fitdistrplus's fitdist with the truncated density as a custom
	// distribution (refs.R §9): its default Nelder–Mead stops about 3e-4
	// short of the maximum, so 1e-3 relative.
	relClose(t, "nbinom size vs fitdistrplus", nb.Params[0], 3.5932942542, 1e-3)
	relClose(t, "nbinom mu vs fitdistrplus", nb.Params[1], 6.16075839805, 1e-3)

	po, err := CountsTruncated(stayK, stayF, "pois", 3)
	if err != nil || !po.Converged {
		t.Fatalf("pois: %v %+v", err, po)
	}
	relClose(t, "pois lambda", po.Params[0], 7.07189609662, 1e-6)
	relClose(t, "pois SE", po.SE[0], 0.154353612455, 1e-6)
	relClose(t, "pois loglik", po.LogLik, -880.712581681, 1e-10)
	if !math.IsNaN(po.ChiSq) || len(po.Cells) != 0 {
		t.Errorf("a chi-square was computed: %v", po.ChiSq)
	}
}

// Zero truncation (k0 = 1) against actuar's own zero-truncated densities
// dztnbinom and dztpois (testdata/refs.R §10): 1e-6 relative on the
// parameters and SEs, 1e-10 on ℓ.
func TestCountsTruncatedZeroTruncatedActuar(t *testing.T) {
	k := make([]int, len(stayK))
	for i, v := range stayK {
		k[i] = v - 2
	}
	nb, err := CountsTruncated(k, stayF, "negbin", 1)
	if err != nil || !nb.Converged {
		t.Fatalf("nbinom: %v %+v", err, nb)
	}
	relClose(t, "size", nb.Params[0], 2.1383704238, 1e-6)
	relClose(t, "mu", nb.Params[1], 4.80516310583, 1e-6)
	relClose(t, "SE size", nb.SE[0], 0.355064806523, 1e-6)
	relClose(t, "SE mu", nb.SE[1], 0.23952663585, 1e-6)
	relClose(t, "loglik", nb.LogLik, -825.208907661, 1e-10)
	po, err := CountsTruncated(k, stayF, "poisson", 1)
	if err != nil || !po.Converged {
		t.Fatalf("pois: %v %+v", err, po)
	}
	relClose(t, "lambda", po.Params[0], 5.19739324088, 1e-6)
	relClose(t, "pois loglik", po.LogLik, -933.86478999983, 1e-10)
}

// VALIDATION F's claims table without its zeros has no interior
// zero-truncated nbinom maximum (refs.R §10: the profile log-likelihood
// rises to −1010.6797202 at size e^−6 and on as size → 0): the fit says so
// and its last log-likelihood is at least that.
func TestCountsTruncatedBoundary(t *testing.T) {
	r, err := CountsTruncated([]int{1, 2, 3, 4, 5, 6, 7}, []float64{1317, 239, 42, 14, 4, 4, 1}, "nbinom", 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Converged || !strings.Contains(r.Message, "size → 0") {
		t.Errorf("converged %v: %s", r.Converged, r.Message)
	}
	if !(r.LogLik >= -1010.6797202-1e-7) {
		t.Errorf("loglik %.12g below R's profile at size e^-6, -1010.6797202", r.LogLik)
	}
}

// Expected frequencies of a Poisson(6) seen from 3 on: the nbinom MLE is
// the Poisson limit (size → ∞), which the fit reports, and the Poisson fit
// finds λ = 6 (1e-9 relative: the frequencies are exact up to rounding).
func TestCountsTruncatedPoissonLimit(t *testing.T) {
	p := dist.Poisson{Lambda: 6}
	var k []int
	var f []float64
	for j := 3; j < 40; j++ {
		k = append(k, j)
		f = append(f, 1e5*p.Prob(j))
	}
	r, err := CountsTruncated(k, f, "nbinom", 3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Converged || !strings.Contains(r.Message, "size → ∞") {
		t.Errorf("converged %v: %s", r.Converged, r.Message)
	}
	q, err := CountsTruncated(k, f, "pois", 3)
	if err != nil || !q.Converged {
		t.Fatalf("%v %+v", err, q)
	}
	relClose(t, "lambda", q.Params[0], 6, 1e-9)
}

// k0 = 0 is Counts, exactly; bad input is refused.
func TestCountsTruncatedUntruncated(t *testing.T) {
	a, err := CountsTruncated(stayK, stayF, "nbinom", 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Counts(stayK, stayF, "nbinom")
	if a.Params[0] != b.Params[0] || a.Params[1] != b.Params[1] || a.SE[0] != b.SE[0] || a.LogLik != b.LogLik || a.ChiSq != b.ChiSq {
		t.Errorf("k0 = 0: %v %v %v, Counts %v %v %v", a.Params, a.SE, a.LogLik, b.Params, b.SE, b.LogLik)
	}
	if _, err := CountsTruncated([]int{1, 5}, nil, "pois", 3); err == nil {
		t.Error("a value below k0 was accepted")
	}
	if _, err := CountsTruncated(stayK, stayF, "binom", 3); err == nil {
		t.Error("an unknown family was accepted")
	}
}

// The analytic score and Hessian in log parameters against gonum's
// central differences (diff/fd) at points away from the MLE: 1e-6
// relative to the largest entry.
func TestCountsTruncatedDerivatives(t *testing.T) {
	d, _ := collapseCounts(stayK, stayF)
	for _, c := range []struct {
		nb bool
		k0 int
		th []float64
	}{{true, 3, []float64{0.3, 2.2}}, {true, 1, []float64{-1.5, 1}}, {true, 6, []float64{2, 0.5}}, {false, 3, []float64{1.7}}, {false, 9, []float64{0.2}}} {
		m := &truncModel{d: d, k0: c.k0, nb: c.nb}
		K := len(c.th)
		g, h := make([]float64, K), make([]float64, K*K)
		m.eval(c.th, g, h)
		f := func(x []float64) float64 { return m.eval(x, nil, nil) }
		gn := fd.Gradient(nil, f, c.th, &fd.Settings{Formula: fd.Central, Step: 1e-5})
		hn := mat.NewSymDense(K, nil)
		fd.Hessian(hn, f, c.th, &fd.Settings{Formula: fd.Central, Step: 1e-4})
		scale := 0.0
		for i := range K {
			scale = math.Max(scale, math.Abs(g[i]))
			for j := range K {
				scale = math.Max(scale, math.Abs(h[i*K+j]))
			}
		}
		for i := range K {
			if math.Abs(g[i]-gn[i]) > 1e-6*scale {
				t.Errorf("%+v: score %d = %.10g, numerical %.10g", c, i, g[i], gn[i])
			}
			for j := range K {
				if math.Abs(h[i*K+j]-hn.At(i, j)) > 1e-6*scale {
					t.Errorf("%+v: Hessian %d,%d = %.10g, numerical %.10g", c, i, j, h[i*K+j], hn.At(i, j))
				}
			}
		}
	}
}

// 50,000 stays of 1 + nbinom(size 1.2, mu 10) days, recorded only from the
// 4th day: the truncated fit of days − 1 at k0 = 3 recovers the truth within
// 3 SE; the fit that ignores the truncation is off by more than 5 SE in
// both parameters.
func TestCountsTruncatedRecovers(t *testing.T) {
	nb := dist.NegBinomialMu(1.2, 10)
	nb.Src = rand.NewPCG(3, 4)
	counts := map[int]float64{}
	for n := 0; n < 50000; {
		y := nb.Rand()
		if y+1 < 4 {
			continue
		}
		counts[y]++
		n++
	}
	var k []int
	var f []float64
	for v, c := range counts {
		k = append(k, v)
		f = append(f, c)
	}
	r, err := CountsTruncated(k, f, "nbinom", 3)
	if err != nil || !r.Converged {
		t.Fatalf("%v %+v", err, r)
	}
	naive, _ := Counts(k, f, "nbinom")
	for i, want := range []float64{1.2, 10} {
		if z := (r.Params[i] - want) / r.SE[i]; math.Abs(z) > 3 {
			t.Errorf("%s = %.4g ± %.2g, truth %v (z = %.1f)", r.ParamNames[i], r.Params[i], r.SE[i], want, z)
		}
		if z := (naive.Params[i] - want) / naive.SE[i]; math.Abs(z) < 5 {
			t.Errorf("the untruncated fit is not biased: %s = %.4g ± %.2g (z = %.1f)", naive.ParamNames[i], naive.Params[i], naive.SE[i], z)
		}
	}
}
