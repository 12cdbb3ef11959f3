package aggregate

import (
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// The benchmark configurations (targets on the project's 2-core machine):
//
//	FFT, Poisson(50,000)–lognormal(8, 1), step 100, 99.5% VaR to 1e-6
//	relative (TestLogNormal50kAccuracy)                       < 0.2 s
//	Monte Carlo, 10,000 paths, Poisson(5,000)–lognormal(8, 1)  < 1 s
//	Monte Carlo, 10^6 paths of VALIDATION A                    < 0.5 s
var (
	benchLN50k = Model{Frequency: dist.Poisson{Lambda: 50000}, Severity: dist.LogNormal{MeanLog: 8, SdLog: 1}}
	benchLN5k  = Model{Frequency: dist.Poisson{Lambda: 5000}, Severity: dist.LogNormal{MeanLog: 8, SdLog: 1}}
	benchSink  float64
)

const benchLNStep = 100

func bench(b *testing.B, m Model, o Options, p float64) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := Compute(m, o)
		if err != nil {
			b.Fatal(err)
		}
		benchSink = r.VaR(p)
	}
}

func BenchmarkFFTLogNormal50k(b *testing.B) {
	bench(b, benchLN50k, Options{Step: benchLNStep}, 0.995)
}

func BenchmarkMCLogNormal5k10kPaths(b *testing.B) {
	bench(b, benchLN5k, Options{Method: MonteCarlo, Paths: 10_000, Seed: 1}, 0.995)
}

func BenchmarkMCCaseA1e6Paths(b *testing.B) {
	bench(b, caseA, Options{Method: MonteCarlo, Paths: 1_000_000, Seed: 1}, 0.995)
}

// Further configurations, for the record.

func BenchmarkFFTCaseAStep001(b *testing.B) { bench(b, caseA, Options{Step: 0.01}, 0.995) }

func BenchmarkPanjerCaseAStep001(b *testing.B) {
	bench(b, caseA, Options{Step: 0.01, Method: Panjer}, 0.995)
}

func BenchmarkFFTCaseDStep005(b *testing.B) {
	m := Model{Frequency: dist.Poisson{Lambda: 50000}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	bench(b, m, Options{Step: 0.05}, 0.995)
}

func BenchmarkFFTLambda1e7AutoStep(b *testing.B) {
	m := Model{Frequency: dist.Poisson{Lambda: 1e7}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	bench(b, m, Options{}, 0.995)
}

func BenchmarkFFTLambda1e3AutoStep(b *testing.B) {
	m := Model{Frequency: dist.Poisson{Lambda: 1e3}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	bench(b, m, Options{}, 0.995)
}

// The accuracy of BenchmarkFFTLogNormal50k: its 99.5% VaR (and TVaR) at
// step 100 within 1e-6 relative of a reference computed on a 5 times finer
// grid (step 20; the Rounding error is about h/2 + z·λh²/(24·sd(S)), about
// 12 at step 20, 5e-8 relative); steps 50 and 20 agree to 2e-7 (convergence).
func TestLogNormal50kAccuracy(t *testing.T) {
	ref, err := Compute(benchLN50k, Options{Step: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []float64{benchLNStep, 50} {
		r, err := Compute(benchLN50k, Options{Step: h})
		if err != nil {
			t.Fatal(err)
		}
		tol := 1e-6
		if h == 50 {
			tol = 2e-7
		}
		nearRel(t, "VaR(0.995)", r.VaR(0.995), ref.VaR(0.995), tol)
		nearRel(t, "TVaR(0.995)", r.TVaR(0.995), ref.TVaR(0.995), tol)
		t.Logf("step %v: VaR(0.995) %.1f (step 20: %.1f), TVaR %.1f (%.1f), %d points",
			h, r.VaR(0.995), ref.VaR(0.995), r.TVaR(0.995), ref.TVaR(0.995), len(r.PMF))
	}
	nearRel(t, "mean", ref.Mean, ref.ExactMean, 1e-8)
	nearRel(t, "sd", ref.SD, ref.ExactSD, 1e-6)
}

// λ = 10^7 at the automatic step of λ = 10^3 scaled by √(10^7/10^3) = 100:
// the same number of points per standard deviation of S, so the same cost
// (the window follows sd(S), not E[S]).
func BenchmarkFFTLambda1e7SamePointsPerSD(b *testing.B) {
	m := Model{Frequency: dist.Poisson{Lambda: 1e7}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	small := Model{Frequency: dist.Poisson{Lambda: 1e3}, Severity: dist.Gamma{Shape: 2, Rate: 1}}
	h, err := AutoStep(small, 0)
	if err != nil {
		b.Fatal(err)
	}
	bench(b, m, Options{Step: 100 * h}, 0.995)
}
