package aggregate

import (
	"math"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// VALIDATION B: Panjer by hand, severity P(1) = 0.5, P(2) = 0.3, P(3) = 0.2.
// f_S(0..6) to 1e-10 for Panjer and FFT, given the lattice directly and
// through the model (empirical severity on step 1).
func TestCaseB(t *testing.T) {
	cases := []struct {
		name string
		freq dist.Discrete
		want []float64
	}{
		{"Poisson(2)", dist.Poisson{Lambda: 2}, []float64{0.13533528324, 0.13533528324, 0.14886881156,
			0.15789116378, 0.12473401938, 0.09856919796, 0.07295323629}},
		{"NegBin(2, 0.5)", dist.NegBinomial{Size: 2, P: 0.5}, []float64{0.25, 0.125, 0.121875,
			0.121875, 0.0873828125, 0.07130859375, 0.05655615234}},
	}
	sev, err := dist.NewEmpirical([]float64{1, 2, 3}, []float64{0.5, 0.3, 0.2})
	if err != nil {
		t.Fatal(err)
	}
	grid := &Grid{Step: 1, PMF: []float64{0, 0.5, 0.3, 0.2}}
	for _, c := range cases {
		var results []*Result
		for _, meth := range []Method{FFT, Panjer} {
			var r *Result
			if meth == FFT {
				r, err = CompoundFFT(c.freq, grid, Options{})
			} else {
				r, err = CompoundPanjer(c.freq, grid, Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			results = append(results, r)
			for _, disc := range []Discretization{Rounding, Lower, Upper, Unbiased} {
				// On step 1 every discretisation of this severity is exact.
				r2, err := Compute(Model{Frequency: c.freq, Severity: sev}, Options{Method: meth, Step: 1, Discretization: disc})
				if err != nil {
					t.Fatal(err)
				}
				results = append(results, r2)
			}
		}
		for _, r := range results {
			if r.Origin != 0 || r.Step != 1 {
				t.Fatalf("%s %v: origin %v step %v", c.name, r.Method, r.Origin, r.Step)
			}
			for s, w := range c.want {
				near(t, c.name+" "+r.Method.String()+" f_S", r.PMF[s], w, 1e-10)
			}
		}
	}
}

// VALIDATION C: three dice. N = 3 (binomial(3, 1)), severity uniform on
// 1..6: P(S ≤ 12) = 160/216, mean 10.5, coefficient of variation 0.28172
// (= √(3·35/12)/10.5).
func TestCaseC(t *testing.T) {
	sev, err := dist.NewEmpirical([]float64{1, 2, 3, 4, 5, 6}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := Model{Frequency: dist.Binomial{Size: 3, P: 1}, Severity: sev}
	r, err := Compute(m, Options{Step: 1})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "P(S ≤ 12)", r.CDF(12), 160.0/216, 1e-12)
	near(t, "mean", r.Mean, 10.5, 1e-12)
	near(t, "CV", r.SD/r.Mean, 0.28172, 5e-6)
	near(t, "exact mean", r.ExactMean, 10.5, 1e-12)
	near(t, "exact CV", r.ExactSD/r.ExactMean, math.Sqrt(3*35.0/12)/10.5, 1e-12)
	near(t, "P(S = 3)", r.CDF(3), 1.0/216, 1e-12)
	near(t, "P(S > 17)", r.Survival(17), 1.0/216, 1e-12)
	near(t, "VaR(0.5)", r.VaR(0.5), 10, 0)   // P(S ≤ 10) = 108/216 = 0.5 exactly
	near(t, "VaR(0.75)", r.VaR(0.75), 13, 0) // P(S ≤ 12) = 0.7407 < 0.75 ≤ P(S ≤ 13) = 0.8380
	// Panjer needs an (a, b, 0) count: binomial(3, 1) has none.
	if _, err := Compute(m, Options{Method: Panjer, Step: 1}); err == nil || !strings.Contains(err.Error(), "FFT") {
		t.Errorf("Panjer on binomial(3, 1): error %v, want one pointing to FFT", err)
	}
	// Monte Carlo within 3 standard errors.
	mc, err := Compute(m, Options{Method: MonteCarlo, Paths: 200_000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(mc.CDF(12) - 160.0/216); d > 3*mc.StdErrProb(12) {
		t.Errorf("MC P(S ≤ 12) = %v, off by %.2f SE", mc.CDF(12), d/mc.StdErrProb(12))
	}
}

// VALIDATION D: λ = 50,000, gamma(2, 1) severity, where actuar's recursion
// refuses to start. VaR and TVaR at 0.5, 0.9, 0.99, 0.995 within 1e-6
// relative of the exact mixture formula F(x) = Σ Pois(n; λ)·P(Gamma(2n, 1) ≤ x)
// (computed here with gonum's distuv and mathext, VaR by bisection).
func TestCaseD(t *testing.T) {
	m := Model{Frequency: dist.Poisson{Lambda: 50000}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	mix := newPoisGammaMix(50000, 2)
	ps := []float64{0.5, 0.9, 0.99, 0.995}
	sd := math.Sqrt(300000)
	wantVaR := make([]float64, len(ps))
	wantTVaR := make([]float64, len(ps))
	for i, p := range ps {
		wantVaR[i] = mix.vaR(p, 100000-10*sd, 100000+10*sd)
		wantTVaR[i] = mix.tVaR(p, wantVaR[i])
	}
	r, err := Compute(m, Options{Step: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if r.Origin < 90000 || len(r.PMF) > 400000 {
		t.Errorf("window [%v, +%d points]: expected a window around the mean", r.Origin, len(r.PMF))
	}
	for i, p := range ps {
		nearRel(t, "FFT VaR", r.VaR(p), wantVaR[i], 1e-6)
		nearRel(t, "FFT TVaR", r.TVaR(p), wantTVaR[i], 1e-6)
		t.Logf("p=%v VaR %.4f (exact %.4f)  TVaR %.4f (exact %.4f)", p, r.VaR(p), wantVaR[i], r.TVaR(p), wantTVaR[i])
	}
	nearRel(t, "FFT mean", r.Mean, 100000, 1e-8)
	// Panjer on the same lattice (step 0.1) gives the same pmf as FFT.
	o := Options{Step: 0.1}
	rf, err := Compute(m, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Method = Panjer
	rp, err := Compute(m, o)
	if err != nil {
		t.Fatal(err)
	}
	comparePMF(t, "λ=50000 FFT vs Panjer", rf, rp, 1e-10)
	// Monte Carlo (1000 paths) within 3 standard errors.
	mc, err := Compute(m, Options{Method: MonteCarlo, Paths: 1000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(mc.Mean - 100000); d > 3*mc.StdErrMean {
		t.Errorf("MC mean %v off by %.2f SE", mc.Mean, d/mc.StdErrMean)
	}
	if d := math.Abs(mc.VaR(0.9) - wantVaR[1]); d > 3*mc.StdErrVaR(0.9) {
		t.Errorf("MC VaR(0.9) %v off by %.2f SE", mc.VaR(0.9), d/mc.StdErrVaR(0.9))
	}
}

// comparePMF checks that two lattice results on the same step agree point
// by point within tol (absolute) on the union of their supports.
func comparePMF(t *testing.T, what string, a, b *Result, tol float64) {
	t.Helper()
	if a.Step != b.Step {
		t.Fatalf("%s: steps %v and %v", what, a.Step, b.Step)
	}
	at := func(r *Result, x float64) float64 {
		j := int(math.Round((x - r.Origin) / r.Step))
		if j < 0 || j >= len(r.PMF) {
			return 0
		}
		return r.PMF[j]
	}
	lo := math.Min(a.Origin, b.Origin)
	hi := math.Max(a.Origin+float64(len(a.PMF))*a.Step, b.Origin+float64(len(b.PMF))*b.Step)
	worst, wx := 0.0, 0.0
	for x := lo; x < hi; x += a.Step {
		if d := math.Abs(at(a, x) - at(b, x)); d > worst {
			worst, wx = d, x
		}
	}
	if worst > tol {
		t.Errorf("%s: pmfs differ by %.3g at %v (tolerance %g)", what, worst, wx, tol)
	}
}

// Cross-method agreement with per-claim coverage and the other count
// families: FFT and Panjer pmfs on the same lattice to 1e-10; Monte Carlo
// within 3 standard errors of FFT (plus half a step for VaR).
func TestMethodsAgree(t *testing.T) {
	ln := dist.LogNormal{MeanLog: 7, SdLog: 1.2}
	cov := Coverage{Deductible: 500, Ratio: 0.8, Limit: 20000}
	freqs := []dist.Discrete{
		dist.Poisson{Lambda: 30},
		dist.NegBinomialMu(3, 30),
		dist.Binomial{Size: 60, P: 0.4},
		dist.ZeroTruncated{Base: dist.Poisson{Lambda: 2.5}},
		dist.ZeroModified{Base: dist.NegBinomialMu(1.5, 4), P0: 0.4},
		dist.ZeroModified{Base: dist.Poisson{Lambda: 800}, P0: 0.3},
	}
	for _, fq := range freqs {
		m := Model{Frequency: fq, Severity: ln, Coverage: cov}
		o := Options{Step: 50}
		rf, err := Compute(m, o)
		if err != nil {
			t.Fatal(fq.Name(), err)
		}
		o.Method = Panjer
		rp, err := Compute(m, o)
		if err != nil {
			t.Fatal(fq.Name(), err)
		}
		comparePMF(t, fq.Name()+" FFT vs Panjer", rf, rp, 1e-10)
		nearRel(t, fq.Name()+" FFT mean vs exact", rf.Mean, rf.ExactMean, 1e-4)
		nearRel(t, fq.Name()+" FFT sd vs exact", rf.SD, rf.ExactSD, 1e-3)
		if !math.IsNaN(rf.ExactSkewness) {
			near(t, fq.Name()+" FFT skewness vs exact", rf.Skewness, rf.ExactSkewness, 2e-3)
		}
		mc, err := Compute(m, Options{Method: MonteCarlo, Paths: 100_000, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(mc.Mean - rf.Mean); d > 3*mc.StdErrMean {
			t.Errorf("%s: MC mean %v vs FFT %v: %.2f SE", fq.Name(), mc.Mean, rf.Mean, d/mc.StdErrMean)
		}
		for _, p := range []float64{0.5, 0.95, 0.99} {
			if d := math.Abs(mc.VaR(p) - rf.VaR(p)); d > 3*mc.StdErrVaR(p)+o.Step/2 {
				t.Errorf("%s: MC VaR(%v) %v vs FFT %v: %.2f SE", fq.Name(), p, mc.VaR(p), rf.VaR(p), d/mc.StdErrVaR(p))
			}
			if d := math.Abs(mc.TVaR(p) - rf.TVaR(p)); d > 3*mc.StdErrTVaR(p)+o.Step/2 {
				t.Errorf("%s: MC TVaR(%v) %v vs FFT %v: %.2f SE", fq.Name(), p, mc.TVaR(p), rf.TVaR(p), d/mc.StdErrTVaR(p))
			}
		}
	}
}

// Large means through Panjer: λ = 5000, far above actuar's limit of about
// 745; same pmf as FFT and mean 2λ (closed form).
func TestPanjerLargeLambda(t *testing.T) {
	m := Model{Frequency: dist.Poisson{Lambda: 5000}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	rf, err := Compute(m, Options{Step: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	rp, err := Compute(m, Options{Step: 0.1, Method: Panjer})
	if err != nil {
		t.Fatal(err)
	}
	comparePMF(t, "λ=5000", rf, rp, 1e-10)
	// Rounding's mean bias at h = 0.1 is −2.4e-7 per claim here (O(h⁴), as
	// the gamma(2, 1) density vanishes at 0): 1.2e-7 relative.
	nearRel(t, "Panjer mean", rp.Mean, 10000, 1e-6)
	if rp.MissingMass > 1e-9 {
		t.Errorf("missing mass %v", rp.MissingMass)
	}
}

// λ = 10^7 with the automatic step: VaR(0.99) and the mean against the
// exact mixture formula (1e-6 relative) and a window of about 10^6 points.
func TestHugeLambda(t *testing.T) {
	if testing.Short() {
		t.Skip("slow reference sum")
	}
	m := Model{Frequency: dist.Poisson{Lambda: 1e7}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	r, err := Compute(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.PMF) > 2_000_000 {
		t.Errorf("window of %d points", len(r.PMF))
	}
	nearRel(t, "mean", r.Mean, 2e7, 1e-6)
	mix := newPoisGammaMix(1e7, 2)
	sd := math.Sqrt(6e7)
	v := mix.vaR(0.99, 2e7+2*sd, 2e7+3*sd)
	nearRel(t, "VaR(0.99)", r.VaR(0.99), v, 1e-6)
	t.Logf("λ=1e7: step %v, %d points, VaR(0.99) %.1f (exact %.1f)", r.Step, len(r.PMF), r.VaR(0.99), v)
}
