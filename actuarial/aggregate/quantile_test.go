package aggregate

import (
	"fmt"
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// VaR and TVaR between lattice points at the automatic step, against the
// closed-form mixture of compound Poisson(λ)–gamma(α, 1) (poisGammaMix:
// S | N = n ~ gamma(nα, 1), gonum's regularized incomplete gamma), at
// λ = 5, 50, 500, 5000. Read as a step function the lattice is off by up
// to h/2 (errors of 3e-7 to 3e-5 here); interpolated inside the cells and
// with the discretisation's excess variance removed to first order
// (Result.Continuous) it is within 1e-7 relative:
//
//   - Unbiased for every shape (0.5, 1, 2, 5): its grid keeps the mean;
//     largest errors about 6e-8 (VaR and TVaR at 99.5%).
//   - Rounding for α = 2 and 5, whose density vanishes at 0. Where it does
//     not (α ≤ 1, a deductible), Rounding moves each claim's mean by
//     O(h²·f(0+)) (α = 1, λ = 5000: VaR 2.5e-5 low), which no reading of the
//     lattice undoes: use Unbiased there.
//
// The stop loss at the exact VaR is checked too (E[S·1{S > v}] − v(1 − p)).
func TestQuantilesBetweenPoints(t *testing.T) {
	ps := []float64{0.5, 0.9, 0.99, 0.995}
	worstStep := 0.0
	for _, alpha := range []float64{0.5, 1, 2, 5} {
		for _, lam := range []float64{5, 50, 500, 5000} {
			m := Model{Frequency: dist.Poisson{Lambda: lam}, Severity: dist.Gamma{Shape: alpha, Rate: 1}}
			mix := newPoisGammaMix(lam, alpha)
			var vs, tvs []float64
			for _, p := range ps {
				v := mix.vaR(p, 0, lam*alpha*10+100)
				vs = append(vs, v)
				tvs = append(tvs, mix.tVaR(p, v))
			}
			for _, disc := range []Discretization{Unbiased, Rounding} {
				if disc == Rounding && alpha <= 1 {
					continue
				}
				r, err := Compute(m, Options{Discretization: disc})
				if err != nil {
					t.Fatal(err)
				}
				if !r.Continuous || !(r.ExcessVariance > 0) {
					t.Fatalf("α=%v λ=%v %v: Continuous %v, ExcessVariance %v", alpha, lam, disc, r.Continuous, r.ExcessVariance)
				}
				name := fmt.Sprintf("α=%v λ=%v %v h=%v", alpha, lam, disc, r.Step)
				for i, p := range ps {
					nearRel(t, fmt.Sprintf("%s VaR(%v)", name, p), r.VaR(p), vs[i], 1e-7)
					nearRel(t, fmt.Sprintf("%s TVaR(%v)", name, p), r.TVaR(p), tvs[i], 1e-7)
					// The stop loss to what TVaR needs, 1e-7·(1 − p)·VaR; the
					// CDF to what 1e-7 on VaR moves it, 1e-7·VaR·f(VaR).
					sl := mix.tailMean(vs[i]) - vs[i]*(1-p)
					near(t, fmt.Sprintf("%s StopLoss(VaR(%v))", name, p), r.StopLoss(vs[i]), sl, 1e-7*(1-p)*vs[i])
					dx := r.ExactSD / 100
					f := (mix.cdf(vs[i]+dx) - mix.cdf(vs[i]-dx)) / (2 * dx)
					if d := math.Abs(r.CDF(vs[i]) - p); d > 1e-7*vs[i]*f {
						t.Errorf("%s: CDF(VaR(%v)) = %v, %.2g off (> %.2g)", name, p, r.CDF(vs[i]), d, 1e-7*vs[i]*f)
					}
					// The lattice read as a step function.
					r.Continuous = false
					worstStep = math.Max(worstStep, math.Abs(r.VaR(p)-vs[i])/vs[i])
					r.Continuous = true
				}
			}
		}
	}
	if worstStep < 1e-5 {
		t.Errorf("the step-function VaR is within %v everywhere: the test does not discriminate", worstStep)
	}
}

// The reading of a Lattice: a purely discrete total (counts × a fixed
// amount) keeps its step function by default, its VaR a lattice point;
// Continuous interpolates. Convolve is continuous when any term is, Mix
// when every term is; Regrid keeps the flag and adds its split's variance
// to ExcessVariance exactly (the split keeps the mean).
func TestLatticeContinuousFlag(t *testing.T) {
	pois := dist.Poisson{Lambda: 2}
	var pmf []float64
	for k := 0; k < 40; k++ {
		pmf = append(pmf, pois.Prob(k))
	}
	d := &Lattice{Step: 1000, PMF: pmf}
	if v := d.VaR(0.9); v != 4000 { // qpois(0.9, 2) = 4
		t.Errorf("discrete VaR(0.9) = %v, want 4000", v)
	}
	near(t, "discrete CDF(4500)", d.CDF(4500), pois.CDF(4), 1e-15)
	c := &Lattice{Step: 1000, PMF: pmf, Continuous: true}
	// F(3500) = P(N ≤ 3), linear up to F(4500) = P(N ≤ 4): VaR(0.9) inside,
	// less the spread's variance h²/12 to first order: (h²/24)·f'/f with
	// f = p_4/h, f' = (p_5 − p_3)/(2h²).
	p3, p4, p5 := pois.Prob(3), pois.Prob(4), pois.Prob(5)
	want := 3500 + 1000*(0.9-pois.CDF(3))/p4 + 1000*(p5-p3)/(48*p4)
	nearRel(t, "continuous VaR(0.9)", c.VaR(0.9), want, 1e-12)
	near(t, "continuous CDF(0)", c.CDF(0), pois.Prob(0), 1e-15) // the atom at 0 is kept
	if s, _ := Convolve(1000, d, d); s.Continuous {
		t.Error("Convolve of discrete lattices is continuous")
	}
	if s, _ := Convolve(1000, d, c); !s.Continuous {
		t.Error("Convolve with a continuous term is not continuous")
	}
	if s, _ := Mix(1000, []float64{0.5, 0.5}, []*Lattice{d, c}); s.Continuous {
		t.Error("Mix with a discrete term is continuous")
	}
	if s, _ := Mix(1000, []float64{0.5, 0.5}, []*Lattice{c, c}); !s.Continuous {
		t.Error("Mix of continuous terms is not continuous")
	}
	r := Regrid(c, 1500)
	if !r.Continuous {
		t.Error("Regrid lost Continuous")
	}
	nearRel(t, "Regrid's excess variance", r.ExcessVariance-c.ExcessVariance, r.Variance()-c.Variance(), 1e-10)
}

// Between lattice points VaR is the exact inverse of the CDF that
// ExceedProb reads: P(S > VaR_p) = 1 − p to rounding, so that a price set at
// VaR_p has exactly the stated chance of being exceeded.
func TestVaRInvertsCDF(t *testing.T) {
	for _, lam := range []float64{5, 500, 50000} {
		r, err := Compute(Model{Frequency: dist.Poisson{Lambda: lam}, Severity: dist.Gamma{Shape: 2, Rate: 0.01}}, Options{Discretization: Unbiased})
		if err != nil {
			t.Fatal(err)
		}
		l := r.Lattice()
		// A lattice whose masses add up to 1 only within a method's
		// tolerance (a convolution's rounding, 1e-8 here) keeps VaR and
		// ExceedProb consistent in the upper tail.
		off := &Lattice{Origin: l.Origin, Step: l.Step, Continuous: true, ExcessVariance: l.ExcessVariance}
		for _, v := range l.PMF {
			off.PMF = append(off.PMF, v*(1+1e-8))
		}
		for _, p := range []float64{0.9, 0.95, 0.99, 0.999} {
			if e := math.Abs(off.ExceedProb(off.VaR(p)) - (1 - p)); e > 1e-12 {
				t.Errorf("λ=%v p=%v, mass 1+1e-8: P(S > VaR) off by %g", lam, p, e)
			}
		}
		for _, p := range []float64{0.1, 0.5, 0.9, 0.95, 0.99, 0.999} {
			v := l.VaR(p)
			if e := math.Abs(l.ExceedProb(v) - (1 - p)); e > 1e-12 {
				t.Errorf("λ=%v p=%v: P(S > VaR) = %.15g, want %.15g", lam, p, l.ExceedProb(v), 1-p)
			}
			if math.Abs(r.VaR(p)-v) > 1e-9*v {
				t.Errorf("λ=%v p=%v: Result VaR %v, Lattice VaR %v", lam, p, r.VaR(p), v)
			}
		}
	}
}
