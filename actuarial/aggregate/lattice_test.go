package aggregate

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"gonum.org/v1/gonum/floats/scalar"
)

func poissonLattice(lambda float64, n int) *Lattice {
	p := dist.Poisson{Lambda: lambda}
	pmf := make([]float64, n)
	for k := range pmf {
		pmf[k] = p.Prob(k)
	}
	return &Lattice{Step: 1, PMF: pmf}
}

// Poisson(2) + Poisson(3.5) = Poisson(5.5), exactly (the pmf, 1e-12 abs).
func TestConvolvePoisson(t *testing.T) {
	for _, n := range []int{40, 400} { // direct and FFT paths
		c, err := Convolve(1, poissonLattice(2, n), poissonLattice(3.5, n))
		if err != nil {
			t.Fatal(err)
		}
		want := dist.Poisson{Lambda: 5.5}
		if c.Origin != 0 {
			t.Fatalf("origin %v", c.Origin)
		}
		for k := 0; k < 40; k++ {
			got := 0.0
			if k < len(c.PMF) {
				got = c.PMF[k]
			}
			if !scalar.EqualWithinAbs(got, want.Prob(k), 1e-12) {
				t.Fatalf("n=%d: P(%d) = %.15g, want %.15g", n, k, got, want.Prob(k))
			}
		}
	}
}

// The FFT results of compound Poisson(3)–gamma(2, 1) and Poisson(5)–gamma(2, 1)
// on the same lattice add up to compound Poisson(8)–gamma(2, 1) (a compound
// Poisson sum is compound Poisson with the summed rates): mean, VaR and TVaR
// agree to 1e-9 relative.
func TestConvolveCompoundPoisson(t *testing.T) {
	sev := dist.Gamma{Shape: 2, Rate: 1}
	o := Options{Step: 0.01, Tol: 1e-14}
	r3, err := Compute(Model{Frequency: dist.Poisson{Lambda: 3}, Severity: sev}, o)
	if err != nil {
		t.Fatal(err)
	}
	r5, _ := Compute(Model{Frequency: dist.Poisson{Lambda: 5}, Severity: sev}, o)
	r8, _ := Compute(Model{Frequency: dist.Poisson{Lambda: 8}, Severity: sev}, o)
	c, err := Convolve(0.01, r3.Lattice(), r5.Lattice())
	if err != nil {
		t.Fatal(err)
	}
	w := r8.Lattice()
	if !scalar.EqualWithinAbsOrRel(c.Mean(), w.Mean(), 0, 1e-9) || !scalar.EqualWithinAbsOrRel(c.SD(), w.SD(), 0, 1e-9) {
		t.Errorf("mean %v sd %v, want %v %v", c.Mean(), c.SD(), w.Mean(), w.SD())
	}
	for _, p := range []float64{0.5, 0.99, 0.995} {
		if !scalar.EqualWithinAbsOrRel(c.VaR(p), w.VaR(p), 0, 1e-9) || !scalar.EqualWithinAbsOrRel(c.TVaR(p), w.TVaR(p), 0, 1e-9) {
			t.Errorf("p=%v: VaR %v TVaR %v, want %v %v", p, c.VaR(p), c.TVaR(p), w.VaR(p), w.TVaR(p))
		}
	}
	// The Lattice's risk measures are the Result's.
	if r8.VaR(0.99) != w.VaR(0.99) || r8.TVaR(0.99) != w.TVaR(0.99) || r8.Mean != w.Mean() {
		t.Errorf("Lattice and Result disagree")
	}
}

func TestRegridKeepsMassAndMean(t *testing.T) {
	l := poissonLattice(7.3, 60)
	l.Origin, l.Step = 0.3, 0.7
	for _, step := range []float64{1, 2.5, 0.2} {
		r := Regrid(l, step)
		if !scalar.EqualWithinAbs(r.Mass(), l.Mass(), 1e-12) || !scalar.EqualWithinAbsOrRel(r.Mean(), l.Mean(), 0, 1e-12) {
			t.Errorf("step %v: mass %v mean %v, want %v %v", step, r.Mass(), r.Mean(), l.Mass(), l.Mean())
		}
		if dv := r.Variance() - l.Variance(); dv < -1e-9 || dv > step*step/4+1e-9 {
			t.Errorf("step %v: variance grew by %v (bound %v)", step, dv, step*step/4)
		}
		if math.Abs(r.Origin/step-math.Round(r.Origin/step)) > 1e-9 {
			t.Errorf("origin %v not a multiple of %v", r.Origin, step)
		}
	}
}

// Mix: the mean and variance of a mixture by the law of total variance.
func TestMix(t *testing.T) {
	a, b := poissonLattice(2, 40), poissonLattice(9, 60)
	b.Origin = 5
	m, err := Mix(1, []float64{0.3, 0.7}, []*Lattice{a, b})
	if err != nil {
		t.Fatal(err)
	}
	mean := 0.3*2 + 0.7*14
	v := 0.3*(2+4) + 0.7*(9+14*14) - mean*mean
	if !scalar.EqualWithinAbsOrRel(m.Mean(), mean, 0, 1e-12) || !scalar.EqualWithinAbsOrRel(m.Variance(), v, 0, 1e-10) {
		t.Errorf("mean %v var %v, want %v %v", m.Mean(), m.Variance(), mean, v)
	}
	if _, err := Mix(1, []float64{0.3, 0.6}, []*Lattice{a, b}); err == nil {
		t.Error("weights summing to 0.9 were accepted")
	}
}

// Seven terms of very different scales (means 1e6, 1e4, 50 …) on one step.
func TestConvolveScales(t *testing.T) {
	var ls []*Lattice
	mean := 0.0
	for i, lam := range []float64{1e6, 1e4, 50, 3e5, 2e3, 7, 1} {
		r, err := Compute(Model{Frequency: dist.Poisson{Lambda: lam}, Severity: dist.Exponential{Rate: 1}}, Options{Step: 0.5 + float64(i)})
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, r.Lattice())
		mean += ls[i].Mean() // the lattice's own mean: coarse rounding of the exponential is biased
	}
	c, err := Convolve(10, ls...)
	if err != nil {
		t.Fatal(err)
	}
	if !scalar.EqualWithinAbsOrRel(c.Mean(), mean, 0, 1e-9) || math.Abs(c.Mass()+c.Above+c.Below-1) > 1e-8 {
		t.Errorf("mean %v (want %v), mass %v above %v", c.Mean(), mean, c.Mass(), c.Above)
	}
}

func BenchmarkConvolve7x20000(b *testing.B) {
	var ls []*Lattice
	for i := 0; i < 7; i++ {
		ls = append(ls, poissonLattice(float64(10000+i*1000), 20000))
	}
	for b.Loop() {
		if _, err := Convolve(1, ls...); err != nil {
			b.Fatal(err)
		}
	}
}
