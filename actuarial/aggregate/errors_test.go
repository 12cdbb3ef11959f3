package aggregate

import (
	"errors"
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// Errors caused by the inputs match ErrInput (and ErrTooLarge when a
// lattice would be too large); the engine's own failures do not.
func TestErrorClasses(t *testing.T) {
	ln := dist.LogNormal{MeanLog: 8, SdLog: 1}
	pois := dist.Poisson{Lambda: 10}
	cases := []struct {
		name  string
		err   func() error
		input bool
		large bool
	}{
		{"bad severity", func() error {
			_, err := Compute(Model{Frequency: pois, Severity: dist.LogNormal{MeanLog: 8, SdLog: -1}}, Options{})
			return err
		}, true, false},
		{"bad frequency", func() error {
			_, err := Compute(Model{Frequency: dist.Poisson{Lambda: -1}, Severity: ln}, Options{})
			return err
		}, true, false},
		{"bad coverage", func() error {
			_, err := Compute(Model{Frequency: pois, Severity: ln, Coverage: Coverage{Deductible: -1}}, Options{})
			return err
		}, true, false},
		{"bad option", func() error {
			_, err := Compute(Model{Frequency: pois, Severity: ln}, Options{Tol: 0.5})
			return err
		}, true, false},
		{"too many grid points", func() error {
			_, err := DiscretizePayment(ln, Coverage{}, 0.001, Rounding, 1e-12, 1000)
			return err
		}, true, true},
		{"expected claims beyond float64", func() error {
			_, err := Compute(Model{Frequency: dist.Poisson{Lambda: 1e10}, Severity: dist.Gamma{Shape: 2, Rate: 1}}, Options{})
			return err
		}, true, true},
		{"grid defect above 1e-6", func() error {
			_, err := CompoundFFT(dist.Poisson{Lambda: 1000}, &Grid{Step: 1, PMF: []float64{0.5, 0.5 - 1e-8}}, Options{})
			return err
		}, true, true},
		{"grid masses sum to 1.19", func() error {
			_, err := CompoundFFT(pois, &Grid{Step: 1, PMF: []float64{0.59, 0.6}}, Options{})
			return err
		}, false, false},
	}
	for _, c := range cases {
		err := c.err()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if got := errors.Is(err, ErrInput); got != c.input {
			t.Errorf("%s: errors.Is(ErrInput) = %v, want %v (%v)", c.name, got, c.input, err)
		}
		if got := errors.Is(err, ErrTooLarge); got != c.large {
			t.Errorf("%s: errors.Is(ErrTooLarge) = %v, want %v (%v)", c.name, got, c.large, err)
		}
	}
	// The message is the error's own; the wrapped cause is kept.
	_, err := Compute(Model{Frequency: pois, Severity: dist.LogNormal{MeanLog: 8, SdLog: -1}}, Options{})
	if err == nil || err.Error() == ErrInput.Error() || errors.Unwrap(err) != nil {
		t.Errorf("message %q", err)
	}
}

// A grid whose masses sum to 1 + 2.2e-10 (rounding upstream, issue 15: a
// fire benefit without fire_cap) is scaled back to 1 and compounded: the
// same result as the scaled grid.
func TestGridRoundoffRenormalised(t *testing.T) {
	x := dist.Gamma{Shape: 2, Rate: 0.01}
	g, err := DiscretizePayment(x, Coverage{Limit: 2000}, 1, Rounding, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	over := &Grid{Step: 1, PMF: append([]float64(nil), g.PMF...)}
	over.PMF[100] += 2.2e-10
	if err := over.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	pois := dist.Poisson{Lambda: 20}
	a, err := CompoundFFT(pois, over, Options{})
	if err != nil {
		t.Fatal(err)
	}
	scaled, _ := over.normalized()
	b, err := CompoundFFT(pois, scaled, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nearRel(t, "mean", a.Mean, b.Mean, 1e-15)
	nearRel(t, "VaR", a.VaR(0.99), b.VaR(0.99), 1e-15)
	near(t, "mass", kahanSum(a.PMF), 1, 1e-12)
	bad := &Grid{Step: 1, PMF: append([]float64(nil), g.PMF...)}
	bad.PMF[100] += 1e-7
	if _, err := CompoundFFT(pois, bad, Options{}); err == nil {
		t.Error("masses 1 + 1e-7: want an error")
	}
}

// A defective grid compounded over many claims (issue 15: one member's
// payout with 1e-15 of its mass off the lattice, over a fund of 5,000,000
// members, 5.55e-10 > Tol/2): the probability that some claim is beyond,
// 1 − P_N(Σ f), is accounted as missing mass, and the rest is the compound
// of the complete grid up to that mass (the mean to 1e-9).
func TestDefectiveGridAccounted(t *testing.T) {
	x := dist.Gamma{Shape: 2, Rate: 0.01}
	g, err := DiscretizePayment(x, Coverage{Limit: 2000}, 1, Rounding, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n, p := 5_000_000, 0.111
	defect := 1e-15
	d := &Grid{Step: 1, PMF: make([]float64, len(g.PMF))}
	for j, v := range g.PMF {
		d.PMF[j] = v * (1 - defect)
	}
	freq := dist.Binomial{Size: n, P: p}
	trunc := -math.Expm1(float64(n) * math.Log1p(-p*defect)) // 1 − (1 − p·defect)^n
	if !(trunc > 5e-10) {
		t.Fatalf("trunc %v", trunc)
	}
	r, err := CompoundFFT(freq, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !(r.MissingMass >= trunc*(1-1e-6) && r.MissingMass <= trunc+0.5e-9+1e-12) {
		t.Errorf("missing mass %v, want in [%v, %v + Tol/2]", r.MissingMass, trunc, trunc)
	}
	full, err := CompoundFFT(freq, g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nearRel(t, "mean", r.Mean, full.Mean, 1e-9)
	nearRel(t, "VaR(0.995)", r.VaR(0.995), full.VaR(0.995), 1e-12)
	l := r.Lattice()
	near(t, "Above", l.Above, r.MissingMass, 1e-18)
	// Panjer accounts for it the same way.
	gp, err := DiscretizePayment(x, Coverage{Limit: 2000}, 10, Rounding, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for j := range gp.PMF {
		gp.PMF[j] *= 1 - 1.11e-13
	}
	pois := dist.Poisson{Lambda: 5000}
	trunc = -math.Expm1(-5000 * 1.11e-13)
	rp, err := CompoundPanjer(pois, gp, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !(rp.MissingMass >= trunc*(1-1e-6) && rp.MissingMass <= trunc+0.5e-9+1e-12) {
		t.Errorf("Panjer missing mass %v, want in [%v, %v + Tol/2]", rp.MissingMass, trunc, trunc)
	}
}
