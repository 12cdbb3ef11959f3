package aggregate

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// Layers of case A's total, checked against VALIDATION A's exact values:
// E[min((S − 20)+, 10)] = E[(S − 20)+] − E[(S − 30)+] = 2.581155422;
// for T = (S − 30)+: E[T] = 0.5004185362 and TVaR_T(p) = TVaR_S(p) − 30
// when VaR_S(p) > 30 (p = 0.99: 14.58094789); P(T ≤ t) = F_S(R + t).
func TestLayerCaseA(t *testing.T) {
	base, err := Compute(caseA, Options{Step: 0.005})
	if err != nil {
		t.Fatal(err)
	}
	l, err := base.WithLayer(Layer{Retention: 20, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	nearRel(t, "E[layer 10 xs 20]", l.Mean, 3.0815739582-0.5004185362, 1e-3)
	nearRel(t, "StopLoss_T(0)", l.StopLoss(0), 3.0815739582-0.5004185362, 1e-3)
	near(t, "VaR_T(0.5)", l.VaR(0.5), 0, 0)  // VaR_S(0.5) = 19.33 < 20
	near(t, "VaR_T(0.9)", l.VaR(0.9), 10, 0) // VaR_S(0.9) = 30.30 > 30: capped
	near(t, "TVaR_T(0.95)", l.TVaR(0.95), 10, 1e-12)
	nearRel(t, "P(T ≤ 10)", l.CDF(10), 1, 0)
	nearRel(t, "P(T ≤ 0)", l.CDF(0), 0.5344640995, 1e-3)
	nearRel(t, "P(T > 0)", l.ExceedProb(0), 1-0.5344640995, 1e-3)
	near(t, "P(T > 10)", l.Survival(10), 0, 0)
	near(t, "StopLoss_T(10)", l.StopLoss(10), 0, 0)
	// (Mean is normalised by Σ PMF = 1 − MissingMass, StopLoss is not.)
	// (and Mean is that of the lattice points, StopLoss that of the mass
	// spread over the cells: they differ by O(h²·density) at the layer's
	// ends, 2.7e-8 here.)
	near(t, "StopLoss_T(−1)", l.StopLoss(-1), l.Mean+1, 1e-7)
	if !math.IsNaN(l.ExactMean) {
		t.Error("layered result keeps exact moments of S")
	}
	x, err := base.WithLayer(Layer{Retention: 30})
	if err != nil {
		t.Fatal(err)
	}
	nearRel(t, "E[(S−30)+]", x.Mean, 0.5004185362, 1e-3)
	nearRel(t, "TVaR_T(0.99)", x.TVaR(0.99), 44.58094789-30, 1e-3)
	nearRel(t, "VaR_T(0.99)", x.VaR(0.99), 40.81179299-30, 1e-3)
	// Model.Layer gives the same through Compute.
	m := caseA
	m.Layer = Layer{Retention: 20, Limit: 10}
	r2, err := Compute(m, Options{Step: 0.005})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Model.Layer mean", r2.Mean, l.Mean, 1e-14)
	// Monte Carlo layer: within 3 SE of the exact layer mean.
	mc, err := Compute(m, Options{Method: MonteCarlo, Paths: 400_000, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(mc.Mean - 2.581155422); d > 3*mc.StdErrMean {
		t.Errorf("MC layer mean %v off by %.2f SE", mc.Mean, d/mc.StdErrMean)
	}
	if _, err := base.WithLayer(Layer{Retention: -1}); err == nil {
		t.Error("negative retention: want an error")
	}
}

// Normal and normal-power approximations on case A's moments (μ = 20,
// σ = √60, γ = 0.5163977795), against independent computations: gonum's
// normal quantile; TVaR and stop-loss by numerical integration (gonum quad)
// of the density or of the quantile function.
func TestApproximations(t *testing.T) {
	mu, sigma, gamma := 20.0, math.Sqrt(60), 0.5163977795
	nrm, err := Compute(caseA, Options{Method: Normal})
	if err != nil {
		t.Fatal(err)
	}
	np, err := Compute(caseA, Options{Method: NormalPower})
	if err != nil {
		t.Fatal(err)
	}
	if !nrm.Approximate || !np.Approximate || nrm.Method != Normal || np.Method != NormalPower {
		t.Fatal("approximations not labelled")
	}
	N := distuv.Normal{Mu: mu, Sigma: sigma}
	for _, p := range []float64{0.5, 0.9, 0.99, 0.999} {
		v := N.Quantile(p)
		near(t, "normal VaR", nrm.VaR(p), v, 1e-12)
		// E[S | S > v] = ∫_v^∞ x φ dx/(1 − p).
		tv := quad.Fixed(func(x float64) float64 { return x * N.Prob(x) }, v, mu+40*sigma, 400, quad.Legendre{}, 0) / (1 - p)
		near(t, "normal TVaR", nrm.TVaR(p), tv, 1e-10)
		// Normal power: VaR = μ + σ(z + γ(z² − 1)/6) (definition), F(VaR) = p,
		// TVaR = ∫_p^1 VaR(u) du/(1 − p) = ∫_{z_p}^∞ x(z) φ(z) dz/(1 − p).
		z := distuv.UnitNormal.Quantile(p)
		xz := func(z float64) float64 { return mu + sigma*(z+gamma*(z*z-1)/6) }
		near(t, "NP VaR", np.VaR(p), xz(z), 1e-10)
		near(t, "NP F(VaR)", np.CDF(np.VaR(p)), p, 1e-12)
		tnp := quad.Fixed(func(z float64) float64 { return xz(z) * distuv.UnitNormal.Prob(z) }, z, 40, 400, quad.Legendre{}, 0) / (1 - p)
		near(t, "NP TVaR", np.TVaR(p), tnp, 1e-10)
	}
	for _, d := range []float64{10, 20, 35} {
		sl := quad.Fixed(func(x float64) float64 { return N.Survival(x) }, d, mu+40*sigma, 400, quad.Legendre{}, 0)
		near(t, "normal stop-loss", nrm.StopLoss(d), sl, 1e-10)
	}
	// Layer on an approximation: quadrature of the survival function
	// against the closed-form stop-loss difference.
	l, err := nrm.WithLayer(Layer{Retention: 25, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "normal layer mean", l.Mean, nrm.StopLoss(25)-nrm.StopLoss(35), 1e-10)
	near(t, "NP skewness", np.Skewness, gamma, 1e-9)
}

// Errors, not silent answers.
func TestErrors(t *testing.T) {
	// VALIDATION A: actuar's recursion stops after 500 iterations and
	// returns VaR 5 with a warning. Here a grid too short for the mass is an
	// error, for both exact methods.
	for _, meth := range []Method{Panjer, FFT} {
		for _, mp := range []int{500, 3000} { // the severity grid needs 2779 points, S about 8000
			_, err := Compute(caseA, Options{Method: meth, Step: 0.01, MaxPoints: mp})
			if err == nil || !strings.Contains(err.Error(), "MaxPoints") {
				t.Errorf("%v with %d points: error %v, want one about MaxPoints", meth, mp, err)
			}
		}
	}
	bad := []struct {
		name string
		m    Model
		o    Options
	}{
		{"no severity", Model{Frequency: dist.Poisson{Lambda: 1}}, Options{}},
		{"no frequency", Model{Severity: dist.Exponential{Rate: 1}}, Options{}},
		{"bad severity", Model{Frequency: dist.Poisson{Lambda: 1}, Severity: dist.Exponential{Rate: -1}}, Options{}},
		{"negative deductible", Model{Frequency: dist.Poisson{Lambda: 1}, Severity: dist.Exponential{Rate: 1}, Coverage: Coverage{Deductible: -1}}, Options{}},
		{"negative ratio", Model{Frequency: dist.Poisson{Lambda: 1}, Severity: dist.Exponential{Rate: 1}, Coverage: Coverage{Ratio: -0.5}}, Options{}},
		{"bad tol", caseA, Options{Tol: 0.5}},
		{"bad step", caseA, Options{Step: math.Inf(1)}},
		{"one path", caseA, Options{Method: MonteCarlo, Paths: 1}},
		{"bad method", caseA, Options{Method: Method(42)}},
		{"infinite mean, auto step", Model{Frequency: dist.Poisson{Lambda: 5}, Severity: dist.Lomax{Shape: 0.8, Scale: 100}}, Options{}},
		{"normal with infinite variance", Model{Frequency: dist.Poisson{Lambda: 5}, Severity: dist.Lomax{Shape: 1.5, Scale: 100}}, Options{Method: Normal}},
		{"bracket with MC", caseA, Options{Method: MonteCarlo}},
	}
	for _, b := range bad {
		var err error
		if b.name == "bracket with MC" {
			_, err = ComputeBracket(b.m, b.o)
		} else {
			_, err = Compute(b.m, b.o)
		}
		if err == nil {
			t.Errorf("%s: want an error", b.name)
		}
	}
	if _, err := CompoundFFT(dist.Poisson{Lambda: 1}, &Grid{Step: 1, PMF: []float64{0.5, 0.7}}, Options{}); err == nil {
		t.Error("grid with mass > 1: want an error")
	}
	if _, err := CompoundPanjer(dist.Poisson{Lambda: 1}, &Grid{Step: 0, PMF: []float64{1}}, Options{}); err == nil {
		t.Error("grid with step 0: want an error")
	}
	// A heavy tail without a limit on a fine step: the severity grid would
	// exceed MaxPoints.
	heavy := Model{Frequency: dist.Poisson{Lambda: 5}, Severity: dist.Lomax{Shape: 1.2, Scale: 100}}
	if _, err := Compute(heavy, Options{Step: 1}); err == nil {
		t.Error("Lomax(1.2) without a limit at step 1: want an error")
	}
	// With a per-claim limit it works, and with Unbiased the mean is
	// E[N]·E[min(X, L)] (LEV closed form).
	heavy.Coverage = Coverage{Limit: 10000}
	r, err := Compute(heavy, Options{Step: 1, Discretization: Unbiased})
	if err != nil {
		t.Fatal(err)
	}
	nearRel(t, "limited Lomax mean", r.Mean, 5*dist.Lomax{Shape: 1.2, Scale: 100}.LEV(10000), 1e-9)
}

// The Poisson sampler: P(N = 0) is sampled for λ ≥ 10 (gonum v0.17's PTRS
// never returns 0 there) and the counts follow the pmf.
func TestPoissonRand(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 2_000_000
	for _, lam := range []float64{3, 10} {
		cnt := make([]int, 200)
		for i := 0; i < n; i++ {
			if k := poissonRand(lam, rng); k < len(cnt) {
				cnt[k]++
			}
		}
		p := dist.Poisson{Lambda: lam}
		for k := 0; k <= 3; k++ {
			e := float64(n) * p.Prob(k)
			if d := math.Abs(float64(cnt[k]) - e); d > 5*math.Sqrt(e) {
				t.Errorf("λ=%v: %d draws of %d, expected %.1f (±%.1f)", lam, cnt[k], k, e, math.Sqrt(e))
			}
		}
	}
	if k := poissonRand(0, rng); k != 0 {
		t.Errorf("λ=0 drew %d", k)
	}
}

func TestUtilities(t *testing.T) {
	isFast := func(v int) bool {
		for _, f := range []int{2, 3, 5} {
			for v%f == 0 {
				v /= f
			}
		}
		return v == 1
	}
	for n := 1; n < 3000; n++ {
		got := nextFastSize(n)
		want := n
		for !isFast(want) {
			want++
		}
		if got != want {
			t.Fatalf("nextFastSize(%d) = %d, want %d", n, got, want)
		}
	}
	for x, want := range map[float64]float64{0.0037: 0.0025, 403: 250, 1: 1, 0.99: 0.5, 7.3: 5, 21: 20} {
		if got := niceFloor(x); math.Abs(got-want) > 1e-12*want {
			t.Errorf("niceFloor(%v) = %v, want %v", x, got, want)
		}
	}
	for _, m := range []Method{FFT, Panjer, MonteCarlo, Normal, NormalPower} {
		if got, err := ParseMethod(m.String()); err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m.String(), got, err)
		}
	}
	for _, d := range []Discretization{Rounding, Lower, Upper, Unbiased} {
		if got, err := ParseDiscretization(d.String()); err != nil || got != d {
			t.Errorf("ParseDiscretization(%q) = %v, %v", d.String(), got, err)
		}
	}
	if _, err := ParseMethod("magic"); err == nil {
		t.Error("ParseMethod(magic): want an error")
	}
	// AutoStep for case A: width (20 + 14·√60) / 2^16 = 1.96e-3 → 1e-3 …
	// the largest of 1, 2, 2.5, 5 × 10^k below: 1e-3 (hand computation).
	h, err := AutoStep(caseA, 0)
	if err != nil || h != 0.001 {
		t.Errorf("AutoStep(case A) = %v, %v; want 0.001", h, err)
	}
	if Normal.Approximate() != true || FFT.Approximate() != false {
		t.Error("Approximate")
	}
}

// hiddenPoisson is a Poisson count the engine does not recognise: it goes
// through the Discrete interface only (PGF for FFT and the bounds,
// Quantile for Monte Carlo).
type hiddenPoisson struct{ dist.Discrete }

// A frequency outside the dist package: FFT through its PGF gives the same
// pmf as the closed-form path (1e-10); Panjer refuses it; Monte Carlo
// inverts it and agrees within 3 SE (mean 30·E[Y], closed form).
func TestGenericFrequency(t *testing.T) {
	sev := dist.Gamma{Shape: 2, Rate: 0.01}
	known := Model{Frequency: dist.Poisson{Lambda: 30}, Severity: sev}
	hidden := Model{Frequency: hiddenPoisson{dist.Poisson{Lambda: 30}}, Severity: sev}
	a, err := Compute(known, Options{Step: 5})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Compute(hidden, Options{Step: 5})
	if err != nil {
		t.Fatal(err)
	}
	comparePMF(t, "generic vs Poisson", a, b, 1e-10)
	if _, err := Compute(hidden, Options{Step: 5, Method: Panjer}); err == nil {
		t.Error("Panjer on an unknown count: want an error")
	}
	mc, err := Compute(hidden, Options{Method: MonteCarlo, Paths: 20_000, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(mc.Mean - 30*200); d > 3*mc.StdErrMean {
		t.Errorf("MC mean %v off by %.2f SE", mc.Mean, d/mc.StdErrMean)
	}
}

// Degenerate totals: no claims (λ = 0) and payments that are always 0
// (deductible above an empirical severity's support) give S = 0 exactly.
func TestDegenerate(t *testing.T) {
	e, err := dist.NewEmpirical([]float64{10, 20}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []Model{
		{Frequency: dist.Poisson{Lambda: 0}, Severity: dist.Gamma{Shape: 2, Rate: 1}},
		{Frequency: dist.Poisson{Lambda: 5}, Severity: e, Coverage: Coverage{Deductible: 50}},
	} {
		for _, meth := range []Method{FFT, Panjer, MonteCarlo} {
			r, err := Compute(m, Options{Method: meth, Step: 1, Paths: 100})
			if err != nil {
				t.Fatal(meth, err)
			}
			near(t, meth.String()+" P(S=0)", r.CDF(0), 1, 1e-12)
			near(t, meth.String()+" VaR", r.VaR(0.99), 0, 0)
			near(t, meth.String()+" TVaR", r.TVaR(0.99), 0, 1e-12)
		}
	}
}
