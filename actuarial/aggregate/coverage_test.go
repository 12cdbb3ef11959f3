package aggregate

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// Payment of an exponential(λ) loss under (d, r, L): closed forms from the
// memoryless property, X − d | X > d ~ exponential(λ), with u = L/r:
//
//	P(Y = 0) = 1 − e^(−λd), P(Y > y) = e^(−λ(d + y/r)) (0 ≤ y < L),
//	E[min(Y, v)] = r e^(−λd)(1 − e^(−λ min(v, L)/r))/λ,
//	E[Y²] = r² e^(−λd)(2/λ²)(1 − e^(−λu)(1 + λu)),
//	E[Y³] = r³ e^(−λd)(6/λ³)(1 − e^(−λu)(1 + λu + (λu)²/2)),
//	no limit: E[Y^k] = r^k e^(−λd) k!/λ^k.
func TestPaymentExponential(t *testing.T) {
	lam, d, r, L := 0.01, 50.0, 0.8, 120.0
	u := L / r
	p := Payment{Loss: dist.Exponential{Rate: lam}, Coverage: Coverage{Deductible: d, Ratio: r, Limit: L}}
	ed := math.Exp(-lam * d)
	near(t, "P(Y=0)", p.CDF(0), 1-ed, 1e-14)
	for _, y := range []float64{0, 1, 60, 119.9} {
		near(t, "S_Y", p.Survival(y), math.Exp(-lam*(d+y/r)), 1e-14)
	}
	near(t, "S_Y(L)", p.Survival(L), 0, 0)
	near(t, "P(Y ≥ L)", p.survLeft(L), math.Exp(-lam*(d+u)), 1e-14)
	for _, v := range []float64{10, 100, 120, 500} {
		near(t, "LEV_Y", p.LEV(v), r*ed*(1-math.Exp(-lam*math.Min(v, L)/r))/lam, 1e-12)
	}
	near(t, "E[Y]", p.Mean(), r*ed*(1-math.Exp(-lam*u))/lam, 1e-12)
	lu := lam * u
	near(t, "E[Y²]", p.RawMoment(2), r*r*ed*2/(lam*lam)*(1-math.Exp(-lu)*(1+lu)), 1e-11)
	near(t, "E[Y³]", p.RawMoment(3), r*r*r*ed*6/(lam*lam*lam)*(1-math.Exp(-lu)*(1+lu+lu*lu/2)), 1e-11)
	q := Payment{Loss: dist.Exponential{Rate: lam}, Coverage: Coverage{Deductible: d, Ratio: r}}
	for k, fact := range []float64{1, 1, 2, 6} {
		if k == 0 {
			continue
		}
		near(t, "unlimited E[Y^k]", q.RawMoment(k), math.Pow(r, float64(k))*ed*fact/math.Pow(lam, float64(k)), 1e-11)
	}
	near(t, "unlimited E[Y]", q.Mean(), r*ed/lam, 1e-12)
	near(t, "Apply below d", p.Apply(30), 0, 0)
	near(t, "Apply", p.Apply(100), 40, 1e-14)
	near(t, "Apply above", p.Apply(1000), L, 0)
	near(t, "Quantile", p.Quantile(0.9), math.Min(r*(-math.Log(0.1)/lam-d), L), 1e-12)
}

// Gamma(α, β) loss: E[((X − d)+ ∧ u)²] from the partial moments
// E[X^k; X ≤ c] = m_k P(α + k, βc), m_k = Γ(α+k)/(Γ(α)β^k) (closed form):
// ∫_d^(d+u) (x − d)² dF + u² S(d + u).
func TestPaymentGammaSecondMoment(t *testing.T) {
	a, b := 2.5, 0.01
	d, r, L := 100.0, 0.7, 300.0
	u := L / r
	A := func(k int, c float64) float64 {
		m := 1.0
		for i := 0; i < k; i++ {
			m *= (a + float64(i)) / b
		}
		return m * mathext.GammaIncReg(a+float64(k), b*c)
	}
	part := (A(2, d+u) - A(2, d)) - 2*d*(A(1, d+u)-A(1, d)) + d*d*(A(0, d+u)-A(0, d))
	want := r * r * (part + u*u*mathext.GammaIncRegComp(a, b*(d+u)))
	p := Payment{Loss: dist.Gamma{Shape: a, Rate: b}, Coverage: Coverage{Deductible: d, Ratio: r, Limit: L}}
	near(t, "E[Y²]", p.RawMoment(2), want, 1e-11)
	// E[Y] = r·(LEV(d + L/r) − LEV(d)) with actuar's gamma LEV (closed form
	// in dist), and the same from the partial moments.
	wantMean := r * ((A(1, d+u) - A(1, d)) - d*(A(0, d+u)-A(0, d)) + u*mathext.GammaIncRegComp(a, b*(d+u)))
	near(t, "E[Y]", p.Mean(), wantMean, 1e-12)
}

// Empirical losses: payments are exact sums over the points.
func TestPaymentEmpirical(t *testing.T) {
	e, err := dist.NewEmpirical([]float64{0, 100, 300, 1000}, []float64{0.1, 0.4, 0.3, 0.2})
	if err != nil {
		t.Fatal(err)
	}
	p := Payment{Loss: e, Coverage: Coverage{Deductible: 150, Ratio: 0.5, Limit: 300}}
	// Payments: 0, 0, 75, 300 with masses .1 .4 .3 .2 (hand computation).
	near(t, "E[Y]", p.Mean(), 0.3*75+0.2*300, 1e-12)
	near(t, "E[Y²]", p.RawMoment(2), 0.3*75*75+0.2*300*300, 1e-12)
	near(t, "P(Y=0)", p.CDF(0), 0.5, 1e-15)
	near(t, "P(Y<75)", p.cdfLeft(75), 0.5, 1e-15)
	near(t, "P(Y≤75)", p.CDF(75), 0.8, 1e-15)
	g, err := DiscretizePayment(e, p.Coverage, 25, Rounding, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, 13)
	want[0], want[3], want[12] = 0.5, 0.3, 0.2
	if len(g.PMF) != len(want) {
		t.Fatalf("grid of %d points, want %d: %v", len(g.PMF), len(want), g.PMF)
	}
	for j := range want {
		near(t, "rounded payment mass", g.PMF[j], want[j], 1e-15)
	}
}

// Discretize against the closed forms for an exponential(λ) severity
// (F(x) = 1 − e^(−λx), E[X∧u] = (1 − e^(−λu))/λ):
//
//	Rounding f_0 = 1 − e^(−λh/2), f_j = e^(−λ(j−½)h) − e^(−λ(j+½)h)
//	Upper    f_j = e^(−λjh) − e^(−λ(j+1)h)   (last point: e^(−λnh))
//	Lower    f_0 = 0, f_j = e^(−λ(j−1)h) − e^(−λjh)
//	Unbiased f_0 = 1 − (1 − e^(−λh))/(λh), f_j = e^(−λjh)(2cosh(λh) − 2)/(λh).
func TestDiscretizeExponential(t *testing.T) {
	lam, h, n := 0.3, 0.5, 40
	ex := func(x float64) float64 { return math.Exp(-lam * x) }
	want := map[Discretization]func(j int) float64{
		Rounding: func(j int) float64 {
			if j == 0 {
				return 1 - ex(h/2)
			}
			return ex((float64(j)-0.5)*h) - ex((float64(j)+0.5)*h)
		},
		Upper: func(j int) float64 {
			if j == n {
				return ex(float64(j) * h)
			}
			return ex(float64(j)*h) - ex(float64(j+1)*h)
		},
		Lower: func(j int) float64 {
			if j == 0 {
				return 0
			}
			return ex(float64(j-1)*h) - ex(float64(j)*h)
		},
		Unbiased: func(j int) float64 {
			if j == 0 {
				return 1 - (1-ex(h))/(lam*h)
			}
			if j == n { // actuar's last mass: (E[X∧nh] − E[X∧(n−1)h])/h − S(nh)
				return ex(float64(j-1)*h)*(1-ex(h))/(lam*h) - ex(float64(j)*h)
			}
			return ex(float64(j)*h) * (2*math.Cosh(lam*h) - 2) / (lam * h)
		},
	}
	for m, w := range want {
		f, err := Discretize(dist.Exponential{Rate: lam}, h, n, m)
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j <= n; j++ {
			near(t, m.String(), f[j], w(j), 1e-14)
		}
	}
}

// Discretised payments: total mass 1 with a limit, the atom at 0 and at L
// in the right cells, Unbiased mean = E[Y] = r·(LEV(d + L/r) − LEV(d))
// exactly, and Lower ≤ F_Y ≤ Upper at every grid point.
func TestDiscretizePayment(t *testing.T) {
	sevs := []dist.Continuous{dist.Gamma{Shape: 2, Rate: 0.002}, dist.LogNormal{MeanLog: 6, SdLog: 1.5}, dist.Weibull{Shape: 0.7, Scale: 800}}
	cov := Coverage{Deductible: 200, Ratio: 0.75, Limit: 3000}
	h := 7.0 // does not divide d or L
	for _, x := range sevs {
		p := Payment{Loss: x, Coverage: cov}
		grids := map[Discretization]*Grid{}
		for _, m := range []Discretization{Rounding, Lower, Upper, Unbiased} {
			g, err := DiscretizePayment(x, cov, h, m, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			grids[m] = g
			near(t, x.Name()+" "+m.String()+" total", kahanSum(g.PMF), 1, 1e-13)
			if g.Tail() > 1e-13 {
				t.Errorf("%s %v: tail %v", x.Name(), m, g.Tail())
			}
		}
		// Closed form of the mean (LEV, dist's closed forms).
		wantMean := 0.75 * (x.LEV(200+3000/0.75) - x.LEV(200))
		near(t, x.Name()+" Unbiased mean", grids[Unbiased].Mean(), wantMean, 1e-11)
		near(t, x.Name()+" Payment.Mean", p.Mean(), wantMean, 1e-13)
		// Atoms: P(Y = 0) = F_X(d) at 0 for Lower; P(Y = L) = S_X(d + L/r)
		// in the cell of L.
		near(t, x.Name()+" Lower f_0", grids[Lower].PMF[0], x.CDF(200), 1e-14)
		nL := int(math.Ceil(3000 / h))
		wantLast := x.Survival(200+3000/0.75) + (x.CDF(200+3000/0.75) - x.CDF(200+float64(nL-1)*h/0.75))
		near(t, x.Name()+" Lower last", grids[Lower].PMF[nL], wantLast, 1e-12)
		// Bracket of the payment CDF at grid points.
		var cl, cu float64
		for j := range grids[Lower].PMF {
			cl += grids[Lower].PMF[j]
			if j < len(grids[Upper].PMF) {
				cu += grids[Upper].PMF[j]
			} else {
				cu = 1
			}
			F := p.CDF(float64(j) * h)
			if cl > F+1e-13 || cu < F-1e-13 {
				t.Fatalf("%s: at %v, Lower CDF %v, F %v, Upper CDF %v", x.Name(), float64(j)*h, cl, F, cu)
			}
		}
	}
}

// Without a limit the grid ends where P(Y > y) ≤ tail; the mass beyond is
// dropped (Rounding) or put on the last point (Upper).
func TestDiscretizeTail(t *testing.T) {
	x := dist.LogNormal{MeanLog: 8, SdLog: 1}
	g, err := DiscretizePayment(x, Coverage{}, 100, Rounding, 1e-12, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tl := g.Tail(); !(tl > 0 && tl <= 1e-12) {
		t.Errorf("Rounding tail %v, want in (0, 1e-12]", tl)
	}
	top := float64(len(g.PMF)-1) * 100
	if s := x.Survival(top - 50); s > 1e-12 {
		t.Errorf("grid ends at %v where S = %v > 1e-12", top, s)
	}
	gu, err := DiscretizePayment(x, Coverage{}, 100, Upper, 1e-12, 0)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Upper total", kahanSum(gu.PMF), 1, 1e-14)
	if _, err := DiscretizePayment(x, Coverage{}, 100, Rounding, 0, 0); err == nil {
		t.Error("no limit and no tail allowance: want an error")
	}
	if _, err := DiscretizePayment(x, Coverage{}, 0.01, Rounding, 1e-12, 1000); err == nil {
		t.Error("grid longer than maxPoints: want an error")
	}
}
