package aggregate

import (
	"math"
	"slices"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// VALIDATION A: compound Poisson(λ = 10), severity gamma(shape 2, rate 1).
// All numbers are exact (series, /work/shared/VALIDATION.md section A).
var (
	caseA = Model{Frequency: dist.Poisson{Lambda: 10}, Severity: dist.Gamma{Shape: 2, Rate: 1}}

	caseAP    = []float64{0.5, 0.9, 0.95, 0.99, 0.995, 0.999}
	caseAVaR  = []float64{19.32800878, 30.29586477, 33.79421827, 40.81179299, 43.52800795, 49.37544389}
	caseATVaR = []float64{26.13991642, 34.99588716, 38.11442628, 44.58094789, 47.13578135, 52.70149234}
	caseAX    = []float64{10, 20, 30, 40, 50}
	caseAF    = []float64{0.0841916455, 0.5344640995, 0.8943488210, 0.9877866634, 0.9991653286}
	caseASLd  = []float64{20, 30, 40}
	caseASL   = []float64{3.0815739582, 0.5004185362, 0.0466804961}
	caseAP0   = 4.5399929762e-5 // e^-10
)

// Exact methods on a grid of step ≤ 0.01 within 1e-3 relative (VALIDATION A
// tolerance) of every VaR, TVaR, stop-loss value and P(S = 0); the CDF
// values at step 0.005 (a Rounding lattice point x stands for the cell
// [x − h/2, x + h/2), so CDF(x) ≈ F(x + h/2): at h = 0.01 F(10) is off by
// f(10)·0.005/F(10) ≈ 1.6e-3, at h = 0.005 by 8e-4).
func TestCaseAExact(t *testing.T) {
	for _, meth := range []Method{FFT, Panjer} {
		for _, disc := range []Discretization{Rounding, Unbiased} {
			for _, h := range []float64{0.01, 0.005} {
				r, err := Compute(caseA, Options{Method: meth, Step: h, Discretization: disc})
				if err != nil {
					t.Fatalf("%v %v h=%v: %v", meth, disc, h, err)
				}
				name := meth.String() + "/" + disc.String()
				if r.MissingMass > 1e-9 || r.MissingBound > 1e-9 {
					t.Errorf("%s: missing mass %g, bound %g above 1e-9", name, r.MissingMass, r.MissingBound)
				}
				for i, p := range caseAP {
					nearRel(t, name+" VaR", r.VaR(p), caseAVaR[i], 1e-3)
					nearRel(t, name+" TVaR", r.TVaR(p), caseATVaR[i], 1e-3)
				}
				for i, d := range caseASLd {
					nearRel(t, name+" StopLoss", r.StopLoss(d), caseASL[i], 1e-3)
				}
				nearRel(t, name+" P(S=0)", r.CDF(0), caseAP0, 1e-3)
				if h == 0.005 {
					for i, x := range caseAX {
						nearRel(t, name+" F", r.CDF(x), caseAF[i], 1e-3)
						nearRel(t, name+" Survival", r.Survival(x), 1-caseAF[i], 1e-3)
					}
				}
				// Moments: closed forms mean 20, variance 60, skewness
				// 0.5163977795 (VALIDATION A) for the exact ones; the pmf's to
				// the discretisation error (Unbiased matches the mean).
				near(t, name+" ExactMean", r.ExactMean, 20, 1e-12)
				near(t, name+" ExactSD", r.ExactSD, math.Sqrt(60), 1e-12)
				near(t, name+" ExactSkewness", r.ExactSkewness, 0.5163977795, 1e-9)
				near(t, name+" Mean", r.Mean, 20, 1e-8)
				near(t, name+" SD", r.SD, math.Sqrt(60), 1e-5)
				near(t, name+" Skewness", r.Skewness, 0.5163977795, 1e-4)
			}
		}
	}
}

// Lower and Upper discretisations bracket the exact values of VALIDATION A.
func TestCaseABracket(t *testing.T) {
	for _, meth := range []Method{FFT, Panjer} {
		b, err := ComputeBracket(caseA, Options{Method: meth, Step: 0.01})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range caseAP {
			lo, hi := b.VaR(p)
			if !(lo <= caseAVaR[i] && caseAVaR[i] <= hi) {
				t.Errorf("%v: VaR(%v) = %v not in bracket [%v, %v]", meth, p, caseAVaR[i], lo, hi)
			}
			// Each claim moves by < h up (Lower) or down (Upper); in the 0.1%
			// tail N is about 25, so the bracket is < 30h wide.
			if e := b.VaRError(p); e > 0.3 || e < 0 {
				t.Errorf("%v: VaR(%v) bracket width %v", meth, p, e)
			}
			lo, hi = b.TVaR(p)
			if !(lo <= caseATVaR[i] && caseATVaR[i] <= hi) {
				t.Errorf("%v: TVaR(%v) = %v not in bracket [%v, %v]", meth, p, caseATVaR[i], lo, hi)
			}
		}
		for i, x := range caseAX {
			lo, hi := b.CDF(x)
			if !(lo <= caseAF[i] && caseAF[i] <= hi) {
				t.Errorf("%v: F(%v) = %v not in bracket [%v, %v]", meth, x, caseAF[i], lo, hi)
			}
		}
		for i, d := range caseASLd {
			lo, hi := b.StopLoss(d)
			if !(lo <= caseASL[i] && caseASL[i] <= hi) {
				t.Errorf("%v: stop-loss(%v) = %v not in bracket [%v, %v]", meth, d, caseASL[i], lo, hi)
			}
		}
		// Lower puts P(Y = 0) = 0 at 0, so P(S_h = 0) = e^-10 exactly.
		near(t, "Lower P(S=0)", b.Lower.CDF(0), caseAP0, 1e-12)
	}
}

// Monte Carlo, 10^6 paths: within 3 standard errors of VALIDATION A, and the
// same numbers for 1, 2 and 7 workers.
func TestCaseAMonteCarlo(t *testing.T) {
	var ref *Result
	for _, w := range []int{1, 2, 7} {
		r, err := Compute(caseA, Options{Method: MonteCarlo, Paths: 1_000_000, Seed: 20240601, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = r
			continue
		}
		if r.Mean != ref.Mean || r.SD != ref.SD || !slices.Equal(r.Sample(), ref.Sample()) {
			t.Fatalf("workers %d: sample differs from workers 1 (mean %v vs %v)", w, r.Mean, ref.Mean)
		}
	}
	r := ref
	if r.Paths != 1_000_000 || r.StdErrMean <= 0 {
		t.Fatalf("paths %d, StdErrMean %v", r.Paths, r.StdErrMean)
	}
	within := func(what string, got, want, se float64) {
		t.Helper()
		if !(se > 0) || math.Abs(got-want) > 3*se {
			t.Errorf("%s = %.6g, want %.6g within 3 SE (SE %.3g, %.2f SE off)", what, got, want, se, math.Abs(got-want)/se)
		}
	}
	within("mean", r.Mean, 20, r.StdErrMean)
	t.Logf("MC 1e6: mean %.5f (SE %.4f)", r.Mean, r.StdErrMean)
	for i, p := range caseAP {
		within("VaR", r.VaR(p), caseAVaR[i], r.StdErrVaR(p))
		within("TVaR", r.TVaR(p), caseATVaR[i], r.StdErrTVaR(p))
		t.Logf("p=%v VaR %.4f (SE %.4f, exact %.4f)  TVaR %.4f (SE %.4f, exact %.4f)",
			p, r.VaR(p), r.StdErrVaR(p), caseAVaR[i], r.TVaR(p), r.StdErrTVaR(p), caseATVaR[i])
	}
	for i, x := range caseAX {
		within("F", r.CDF(x), caseAF[i], r.StdErrProb(x))
	}
	within("P(S=0)", r.CDF(0), caseAP0, r.StdErrProb(0))
	// Standard errors of the right size: SE(mean) = √(60/n) (closed form),
	// SE(VaR_0.99) ≈ √(p(1−p)/n)/f(VaR) with f(40.81) ≈ 0.00325 (the
	// density from the exact CDF: (F(40.9) − F(40.7))/0.2 by the mixture
	// formula) → ≈ 0.0306.
	nearRel(t, "StdErrMean", r.StdErrMean, math.Sqrt(60/1e6), 0.01)
	mix := newPoisGammaMix(10, 2)
	f := (mix.cdf(40.9) - mix.cdf(40.7)) / 0.2
	nearRel(t, "StdErrVaR(0.99)", r.StdErrVaR(0.99), math.Sqrt(0.99*0.01/1e6)/f, 0.25)
}

// The standard errors describe the actual spread: over 120 independent
// seeds of 20,000 paths, the sample standard deviation of the estimates of
// the mean, VaR(0.99) and TVaR(0.99) matches the mean reported standard
// error within 20% (the sd of 120 estimates has a relative error of about
// 6.5%). Dropping the p·(TVaR − VaR)² term of the TVaR formula would make
// it about 30% too small.
func TestMonteCarloStdErr(t *testing.T) {
	const seeds, paths = 120, 20_000
	var est, se [3][]float64
	for s := uint64(0); s < seeds; s++ {
		r, err := Compute(caseA, Options{Method: MonteCarlo, Paths: paths, Seed: 1000 + s})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range [][2]float64{
			{r.Mean, r.StdErrMean}, {r.VaR(0.99), r.StdErrVaR(0.99)}, {r.TVaR(0.99), r.StdErrTVaR(0.99)},
		} {
			est[i] = append(est[i], v[0])
			se[i] = append(se[i], v[1])
		}
	}
	for i, name := range []string{"mean", "VaR(0.99)", "TVaR(0.99)"} {
		_, sd := meanSD(est[i])
		m, _ := meanSD(se[i])
		if math.Abs(m/sd-1) > 0.2 {
			t.Errorf("%s: reported SE %.4g, spread of estimates %.4g", name, m, sd)
		}
		t.Logf("%s: reported SE %.4g, spread over %d seeds %.4g", name, m, seeds, sd)
	}
}

func meanSD(x []float64) (m, sd float64) {
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	for _, v := range x {
		sd += (v - m) * (v - m)
	}
	return m, math.Sqrt(sd / float64(len(x)-1))
}
