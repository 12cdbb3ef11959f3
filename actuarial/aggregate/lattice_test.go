package aggregate

import (
	"math"
	"sync"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// poissonLattice is Poisson(λ) on 0 … n−1 (the rest is the lattice's
// implicit missing mass).
func poissonLattice(lambda float64, n int) *Lattice {
	p := dist.Poisson{Lambda: lambda}
	pmf := make([]float64, n)
	for k := range pmf {
		pmf[k] = p.Prob(k)
	}
	return &Lattice{Step: 1, PMF: pmf}
}

// accounted fails t unless Σ PMF + Below + Above is the total mass of the
// terms within tol: 1, or Π (m_i + Below_i) when the terms' PMFs add up to a
// little more than 1 (FFT rounding; Convolve keeps it).
func accounted(t *testing.T, what string, l *Lattice, tol float64, terms ...*Lattice) {
	t.Helper()
	want := 1.0
	for _, x := range terms {
		want *= x.Mass() + x.Below
	}
	want = math.Max(want, 1)
	if s := l.Mass() + l.Below + l.Above; math.Abs(s-want) > tol || l.Below < 0 || l.Above < 0 {
		t.Errorf("%s: mass %.17g + below %.3g + above %.3g = %v %+.3g", what, l.Mass(), l.Below, l.Above, want, s-want)
	}
}

// Poisson(λ₁) + Poisson(λ₂) = Poisson(λ₁ + λ₂): the pmf to 1e-12 absolute
// (exact value: dist.Poisson's pmf), by the direct path (small λ) and the
// FFT path (λ in the thousands).
func TestConvolvePoisson(t *testing.T) {
	for _, c := range []struct{ l1, l2 float64 }{{2, 3.5}, {2000, 3500}, {0.3, 4000}} {
		n1, n2 := int(c.l1+20*math.Sqrt(c.l1)+40), int(c.l2+20*math.Sqrt(c.l2)+40)
		s, err := Convolve(1, poissonLattice(c.l1, n1), poissonLattice(c.l2, n2))
		if err != nil {
			t.Fatal(err)
		}
		want := dist.Poisson{Lambda: c.l1 + c.l2}
		worst := 0.0
		for k := 0; k < n1+n2; k++ {
			got := 0.0
			if i := k - int(math.Round(s.Origin)); i >= 0 && i < len(s.PMF) {
				got = s.PMF[i]
			}
			worst = math.Max(worst, math.Abs(got-want.Prob(k)))
		}
		if worst > 1e-12 {
			t.Errorf("λ = %v + %v: pmf off by %.3g", c.l1, c.l2, worst)
		}
		accounted(t, "Poisson sum", s, 1e-14)
		near(t, "mean", s.Mean(), c.l1+c.l2, 1e-12)
		near(t, "variance", s.Variance(), c.l1+c.l2, 1e-11)
	}
}

// The FFT results of compound Poisson(3)–gamma(2, 1) and Poisson(5)–gamma(2, 1)
// on the same lattice add up to compound Poisson(8)–gamma(2, 1) computed
// directly (a sum of independent compound Poissons with one severity is
// compound Poisson with the summed rate; the discretised severity is the
// same, so the lattice laws are equal): mean, SD, VaR and TVaR at 0.5, 0.99
// and 0.995 agree to 1e-9 relative.
func TestConvolveCompoundPoisson(t *testing.T) {
	sev := dist.Gamma{Shape: 2, Rate: 1}
	o := Options{Step: 0.01, Tol: 1e-14}
	var rs []*Result
	for _, lam := range []float64{3, 5, 8} {
		r, err := Compute(Model{Frequency: dist.Poisson{Lambda: lam}, Severity: sev}, o)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	c, err := Convolve(0.01, rs[0].Lattice(), rs[1].Lattice())
	if err != nil {
		t.Fatal(err)
	}
	w := rs[2].Lattice()
	nearRel(t, "mean", c.Mean(), w.Mean(), 1e-9)
	nearRel(t, "sd", c.SD(), w.SD(), 1e-9)
	for _, p := range []float64{0.5, 0.99, 0.995} {
		nearRel(t, "VaR", c.VaR(p), w.VaR(p), 1e-9)
		nearRel(t, "TVaR", c.TVaR(p), w.TVaR(p), 1e-9)
	}
	accounted(t, "sum", c, 1e-14, rs[0].Lattice(), rs[1].Lattice())
}

// A Lattice's risk measures are its Result's, bit for bit (the same code).
func TestLatticeMatchesResult(t *testing.T) {
	r, err := Compute(Model{Frequency: dist.NegBinomialMu(3, 40), Severity: dist.LogNormal{MeanLog: 1, SdLog: 1}}, Options{Step: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	l := r.Lattice()
	if l.Mean() != r.Mean || l.SD() != r.SD || l.Skewness() != r.Skewness || l.Above != r.MissingMass {
		t.Errorf("moments %v %v %v, Result %v %v %v", l.Mean(), l.SD(), l.Skewness(), r.Mean, r.SD, r.Skewness)
	}
	for _, p := range []float64{0.01, 0.5, 0.9, 0.99, 0.995, 0.9999} {
		if l.VaR(p) != r.VaR(p) || l.TVaR(p) != r.TVaR(p) {
			t.Errorf("p = %v: VaR %v TVaR %v, Result %v %v", p, l.VaR(p), l.TVaR(p), r.VaR(p), r.TVaR(p))
		}
	}
	for _, x := range []float64{-1, 0, 3.25, 100, 217.5, 1e6} {
		if l.CDF(x) != r.CDF(x) || l.ExceedProb(x) != r.ExceedProb(x) || l.StopLoss(x) != r.StopLoss(x) {
			t.Errorf("x = %v: CDF %v exceed %v stop loss %v, Result %v %v %v", x, l.CDF(x), l.ExceedProb(x), l.StopLoss(x), r.CDF(x), r.ExceedProb(x), r.StopLoss(x))
		}
	}
	if lr, _ := r.WithLayer(Layer{Retention: 10, Limit: 50}); lr.Lattice() != nil {
		t.Error("a layered Result gave a Lattice of S")
	}
	if FromSample([]float64{1, 2, 3}).Lattice() != nil {
		t.Error("a sample gave a Lattice")
	}
}

// The cached cumulative sums follow a change of Above, Below or PMF, and
// concurrent use is safe (run with -race).
func TestLatticeCache(t *testing.T) {
	l := &Lattice{Step: 1, PMF: []float64{0.5, 0.5}}
	if v := l.VaR(0.9); v != 1 {
		t.Fatalf("VaR %v", v)
	}
	l.PMF = []float64{0.5, 0.3}
	l.Above = 0.2
	if v := l.VaR(0.9); !math.IsInf(v, 1) || math.Abs(l.ExceedProb(1)-0.2) > 1e-15 {
		t.Errorf("after the change: VaR(0.9) = %v, P(S > 1) = %v; want +Inf, 0.2", v, l.ExceedProb(1))
	}
	l.Below, l.PMF = 0.1, []float64{0.4, 0.3}
	if c := l.CDF(0); c != 0.5 {
		t.Errorf("CDF(0) = %v with Below 0.1, want 0.5", c)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); _ = l.TVaR(0.5) }()
	}
	wg.Wait()
}

// Regrid keeps the mass and the mean (1e-12 relative: the split is exact up
// to rounding) and the variance grows by at most step²/4 (the split of a
// point at a + f·step adds f(1 − f)·step² to E S²).
func TestRegridKeepsMassAndMean(t *testing.T) {
	l := poissonLattice(7.3, 60)
	l.Origin, l.Step = 0.3, 0.7
	for _, step := range []float64{1, 2.5, 0.2, 0.7, 0.35} {
		r := Regrid(l, step)
		near(t, "mass", r.Mass(), l.Mass(), 1e-12)
		nearRel(t, "mean", r.Mean(), l.Mean(), 1e-12)
		if dv := r.Variance() - l.Variance(); dv < -1e-12 || dv > step*step/4+1e-12 {
			t.Errorf("step %v: variance grew by %v (bound %v)", step, dv, step*step/4)
		}
		if math.Abs(r.Origin/step-math.Round(r.Origin/step)) > 1e-9 {
			t.Errorf("origin %v not a multiple of %v", r.Origin, step)
		}
	}
	if r := Regrid(&Lattice{Origin: 3, Step: 1.5, PMF: []float64{1}}, 1.5); r.Origin != 3 || len(r.PMF) != 1 {
		t.Errorf("a lattice already on the grid moved: %+v", r)
	}
}

// Mix: the mean and variance of a mixture by the law of total variance,
// from the components' own lattice moments (1e-12 relative), and Below/Above
// mixed with the weights.
func TestMix(t *testing.T) {
	a, b := poissonLattice(2, 40), poissonLattice(9, 60)
	b.Origin = 5
	b.PMF[59] = 0
	b.Above = 1 - b.Mass()
	w := []float64{0.3, 0.7}
	m, err := Mix(1, w, []*Lattice{a, b})
	if err != nil {
		t.Fatal(err)
	}
	// Lattice moments are of the mass on the lattice: weight by it.
	ma, mb := a.Mass(), b.Mass()
	wa, wb := w[0]*ma/(w[0]*ma+w[1]*mb), w[1]*mb/(w[0]*ma+w[1]*mb)
	mean := wa*a.Mean() + wb*b.Mean()
	v := wa*(a.Variance()+a.Mean()*a.Mean()) + wb*(b.Variance()+b.Mean()*b.Mean()) - mean*mean
	nearRel(t, "mean", m.Mean(), mean, 1e-12)
	nearRel(t, "variance", m.Variance(), v, 1e-12)
	near(t, "above", m.Above, 0.7*b.Above, 1e-18)
	if _, err := Mix(1, []float64{0.3, 0.6}, []*Lattice{a, b}); err == nil {
		t.Error("weights summing to 0.9 were accepted")
	}
	if _, err := Mix(1, []float64{0.3, 0.7 + 1e-11}, []*Lattice{a, b}); err == nil {
		t.Error("weights summing to 1 + 1e-11 were accepted")
	}
}

// Off-lattice mass: the sum is on the lattice when every term is, above
// when any term is above, below otherwise (hand computation).
func TestConvolveOffLattice(t *testing.T) {
	a := &Lattice{Step: 1, PMF: []float64{0.2, 0.3}, Below: 0.1, Above: 0.4}
	b := &Lattice{Origin: 2, Step: 1, PMF: []float64{0.5, 0, 0.25}, Below: 0.05, Above: 0.2}
	s, err := Convolve(1, a, b)
	if err != nil {
		t.Fatal(err)
	}
	// on: 0.5·0.75 = 0.375; on or below: 0.6·0.8 = 0.48.
	near(t, "mass", s.Mass(), 0.375, 1e-15)
	near(t, "below", s.Below, 0.48-0.375, 1e-15)
	near(t, "above", s.Above, 1-0.48, 1e-15)
	want := []float64{0.1, 0.15, 0.05, 0.075} // at 2, 3, 4, 5
	if s.Origin != 2 || len(s.PMF) != 4 {
		t.Fatalf("origin %v, %d points", s.Origin, len(s.PMF))
	}
	for k, w := range want {
		near(t, "pmf", s.PMF[k], w, 1e-16)
	}
}

// Seven compound Poisson FFT results of very different scales (means from
// 1e6 down to 1, steps 0.5 … 6.5, most on a window far from 0) on a common
// step of 10: the mean and the variance of the sum are the sums of the
// regridded terms' (independence: 1e-12 and 1e-9 relative), the mass is
// accounted for, and it takes well under a second.
func TestConvolveScales(t *testing.T) {
	var ls []*Lattice
	var mean, vr float64
	for i, lam := range []float64{1e6, 1e4, 50, 3e5, 2e3, 7, 1} {
		r, err := Compute(Model{Frequency: dist.Poisson{Lambda: lam}, Severity: dist.Exponential{Rate: 1}}, Options{Step: 0.5 + float64(i)})
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, r.Lattice())
		g := Regrid(ls[i], 10)
		mean += g.Mean()
		vr += g.Variance()
	}
	start := time.Now()
	c, err := Convolve(10, ls...)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Convolve took %v", d)
	}
	nearRel(t, "mean", c.Mean(), mean, 1e-12)
	nearRel(t, "variance", c.Variance(), vr, 1e-9)
	accounted(t, "sum", c, 1e-14, ls...)
	if c.Origin < 1e6 {
		t.Errorf("origin %v: the window was not kept", c.Origin)
	}
}

// gammaLattice is gamma(shape, scale) rounded to the lattice 0 … n−1 (the
// mass beyond as Above).
func gammaLattice(shape, scale float64, n int) *Lattice {
	g := dist.Gamma{Shape: shape, Rate: 1 / scale}
	p := make([]float64, n)
	for k := range p {
		p[k] = g.CDF(float64(k)+0.5) - g.CDF(math.Max(float64(k)-0.5, 0))
	}
	return &Lattice{Step: 1, PMF: p, Above: g.Survival(float64(n) - 0.5)}
}

// Seven terms of 20,000 points, every point carrying mass (gamma lattices
// with sd ≈ 2,600 points).
func BenchmarkConvolve7x20000(b *testing.B) {
	var ls []*Lattice
	for i := 0; i < 7; i++ {
		ls = append(ls, gammaLattice(3, 1500+100*float64(i), 20000))
	}
	for b.Loop() {
		if _, err := Convolve(1, ls...); err != nil {
			b.Fatal(err)
		}
	}
}

// The all-at-once and the pairwise products agree (1e-15 absolute on the
// pmf at every point, 1e-12 relative on the mean and the variance, 1e-15
// on Above), and Convolve picks the pairwise order when one term is far
// longer than the others and the all-at-once product for terms of equal
// length.
func TestConvolveOrders(t *testing.T) {
	ls := []*Lattice{gammaLattice(3, 2000, 30000), poissonLattice(30, 80), poissonLattice(300, 500), gammaLattice(2, 50, 900)}
	a, b := convolveAll(ls, 1), convolveHuffman(ls, 1)
	at := func(l *Lattice, x int) float64 {
		if i := x - int(l.Origin); i >= 0 && i < len(l.PMF) {
			return l.PMF[i]
		}
		return 0
	}
	for x := 0; x < 32000; x++ {
		if d := math.Abs(at(a, x) - at(b, x)); d > 1e-15 {
			t.Fatalf("P(%d): %.17g vs %.17g", x, at(a, x), at(b, x))
		}
	}
	nearRel(t, "mean", a.Mean(), b.Mean(), 1e-12)
	nearRel(t, "variance", a.Variance(), b.Variance(), 1e-12)
	near(t, "above", a.Above, b.Above, 1e-15)
	if !huffmanCheaper(ls) {
		t.Error("the all-at-once product chosen for one long and three short terms")
	}
	eq := []*Lattice{gammaLattice(3, 1500, 20000), gammaLattice(3, 1600, 20000), gammaLattice(3, 1700, 20000)}
	if huffmanCheaper(eq) {
		t.Error("the pairwise order chosen for terms of equal length")
	}
}

// Result.Lattice hands its lattice the result's total, missing mass and
// moments, and partial sums that are not computed until a risk measure needs them
// (not by CompoundFFT, nor by the moments): then they are the ones a fresh
// lattice computes, bit for bit, over the lattice's own copy of the pmf
// (exact: the same code on the same values).
func TestLatticeSharesResultGrid(t *testing.T) {
	r, err := CompoundFFT(dist.Binomial{Size: 5000, P: 0.02}, &Grid{Step: 1, PMF: []float64{0, 0.5, 0.3, 0.2}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := r.d.(*gridDist).ps; ps.cum != nil || ps.tail != nil || ps.sl != nil {
		t.Fatal("CompoundFFT computed the partial sums")
	}
	l := r.Lattice()
	g := l.grid()
	fresh := &Lattice{Origin: l.Origin, Step: l.Step, PMF: append([]float64(nil), l.PMF...), Above: l.Above}
	w := fresh.grid()
	if &g.pmf[0] != &l.PMF[0] {
		t.Fatal("the lattice's grid is not over the lattice's own pmf")
	}
	if l.Mean() != fresh.Mean() || l.Variance() != fresh.Variance() {
		t.Fatalf("moments %v %v, fresh %v %v", l.Mean(), l.Variance(), fresh.Mean(), fresh.Variance())
	}
	if g.ps.cum != nil || g.ps.tail != nil || g.ps.sl != nil {
		t.Fatal("the moments computed the partial sums")
	}
	_ = l.ExceedProb(l.Mean())
	if g.ps.cum != nil || g.ps.tail == nil || g.ps.sl != nil {
		t.Fatal("an exceedance probability computed more than the tail sums")
	}
	if g.mo != r.d.(*gridDist).mo {
		t.Fatal("the lattice computed its moments again")
	}
	m, sd, sk := g.layerMoments(Layer{})
	if m != l.Mean() || sd != l.SD() || sk != l.Skewness() {
		t.Fatalf("kept moments %v %v %v, computed again %v %v %v", l.Mean(), l.SD(), l.Skewness(), m, sd, sk)
	}
	_ = l.VaR(0.99)
	_ = l.StopLoss(l.Mean())
	gs, ws := g.ps, w.ps
	w.cumSums()
	w.slSums()
	if g.h != w.h || g.origin != w.origin || g.missing != w.missing || g.total != w.total || len(gs.cum) != len(ws.cum) || len(gs.sl) != len(ws.sl) {
		t.Fatalf("grid %v %v %v %v %d, fresh %v %v %v %v %d", g.h, g.origin, g.missing, g.total, len(gs.cum), w.h, w.origin, w.missing, w.total, len(ws.cum))
	}
	if g.total != gs.cum[len(gs.cum)-1] {
		t.Fatalf("total %v, last cumulative sum %v", g.total, gs.cum[len(gs.cum)-1])
	}
	for j := range ws.cum {
		if gs.cum[j] != ws.cum[j] || gs.tail[j] != ws.tail[j] || gs.sl[j] != ws.sl[j] {
			t.Fatalf("point %d: cum %v tail %v sl %v, fresh %v %v %v", j, gs.cum[j], gs.tail[j], gs.sl[j], ws.cum[j], ws.tail[j], ws.sl[j])
		}
	}
	if gs.tail[len(ws.cum)] != ws.tail[len(ws.cum)] {
		t.Fatal("tail beyond the lattice differs")
	}
}

// ExceedProbs is ExceedProb at each point, to the bit (exact: the same
// code), on a discrete and a continuous lattice with off-lattice mass, at
// points below, on, between and above the lattice's, and NaN.
func TestExceedProbsIsExceedProb(t *testing.T) {
	pmf := make([]float64, 400)
	s := 0.0
	for k := range pmf {
		pmf[k] = math.Exp(-float64((k-200)*(k-200)) / 2000)
		s += pmf[k]
	}
	for k := range pmf {
		pmf[k] /= s * (1 + 1e-9)
	}
	for _, cont := range []bool{false, true} {
		l := &Lattice{Origin: 50, Step: 2.5, PMF: pmf, Above: 1e-9 / (1 + 1e-9), Continuous: cont, ExcessVariance: 0.3}
		var xs []float64
		for x := 0.0; x < 1200; x += 0.7 {
			xs = append(xs, x)
		}
		xs = append(xs, 50, 52.5, 1047.5, math.NaN())
		out := make([]float64, len(xs))
		l.ExceedProbs(xs, out)
		for i, x := range xs {
			want := l.ExceedProb(x)
			if math.Float64bits(out[i]) != math.Float64bits(want) && !(math.IsNaN(out[i]) && math.IsNaN(want)) {
				t.Fatalf("continuous %v, x = %v: %v, ExceedProb %v", cont, x, out[i], want)
			}
		}
	}
}
