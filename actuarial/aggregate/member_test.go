package aggregate

import (
	"errors"
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// bruteMember is the definition, term by term: Σ_n count[n]·(Y_1 ∗ … ∗ Y_n)
// by direct convolution (no cut), then the mass at or above capK moved to
// capK (capK > 0), or everything (capK = 0).
func bruteMember(count []float64, sev [][]float64, capK int) []float64 {
	total := []float64{}
	acc := []float64{1}
	for n, c := range count {
		if n > 0 {
			acc = directConvolve(acc, sev[min(n, len(sev))-1])
		}
		for len(total) < len(acc) {
			total = append(total, 0)
		}
		for k, v := range acc {
			total[k] += c * v
		}
	}
	if capK > 0 {
		for len(total) <= capK {
			total = append(total, 0)
		}
		rest := 1.0
		for k := 0; k < capK; k++ {
			rest -= total[k]
		}
		total = total[:capK+1]
		total[capK] = rest
	}
	return total
}

// sameAs fails t unless l's PMF is want within tol (absolute).
func sameAs(t *testing.T, what string, l *Lattice, want []float64, tol float64) {
	t.Helper()
	worst, at := 0.0, 0
	for k := 0; k < max(len(want), len(l.PMF)); k++ {
		var g, w float64
		if k < len(l.PMF) {
			g = l.PMF[k]
		}
		if k < len(want) {
			w = want[k]
		}
		if d := math.Abs(g - w); d > worst {
			worst, at = d, k
		}
	}
	if worst > tol {
		t.Errorf("%s: P(A = %d) off by %.3g (tolerance %g)", what, at, worst, tol)
	}
}

// A small case by hand: N ∈ {0, 1, 2} with probabilities 0.5, 0.3, 0.2;
// the first claim pays 0, 1 or 2 (0.2, 0.5, 0.3), the second 1 or 3 (0.6,
// 0.4); cap 2. P(A = 0) = 0.5 + 0.3·0.2 = 0.56 (no claim, or a first claim
// of 0; a second claim pays ≥ 1); P(A = 1) = 0.3·0.5 + 0.2·0.2·0.6 = 0.174;
// P(A = 2) = the rest = 0.266. Exact up to rounding (1e-15).
func TestMemberTotalSmall(t *testing.T) {
	count := []float64{0.5, 0.3, 0.2}
	sev := [][]float64{{0.2, 0.5, 0.3}, {0, 0.6, 0, 0.4}}
	l, err := MemberTotal(count, sev, 1, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	sameAs(t, "hand", l, []float64{0.56, 0.174, 0.266}, 1e-15)
	sameAs(t, "brute force", l, bruteMember(count, sev, 2), 1e-15)
	// Uncapped: the whole support 0 … 5, nothing above.
	u, err := MemberTotal(count, sev, 1, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	sameAs(t, "uncapped", u, bruteMember(count, sev, 0), 1e-15)
	if u.Above > 1e-15 || len(u.PMF) != 6 {
		t.Errorf("uncapped: %d points, above %v", len(u.PMF), u.Above)
	}
	// The cap on a non-multiple of the step is refused.
	if _, err := MemberTotal(count, sev, 1, 2.5, 0); err == nil {
		t.Error("cap 2.5 on step 1 accepted")
	}
	if _, err := MemberTotal([]float64{0.5, 0.3, 0.2 - 1e-9}, sev, 1, 2, 0); err == nil {
		t.Error("counts summing to 1 − 1e-9 accepted")
	}
	if _, err := MemberTotal(count, sev, 1, 0, 0); err == nil {
		t.Error("no cap and no maxPoints accepted")
	}
}

// discGamma is gamma(2, scale) rounded to 0 … n−1; the mass beyond is left
// off (a defective severity) unless full, when it is put on the last point.
func discGamma(n int, scale float64, full bool) []float64 {
	g := dist.Gamma{Shape: 2, Rate: 1 / scale}
	p := make([]float64, n)
	for k := range p {
		p[k] = g.CDF(float64(k)+0.5) - g.CDF(math.Max(float64(k)-0.5, 0))
	}
	if full {
		p[n-1] += g.Survival(float64(n) - 0.5)
	}
	return p
}

// countTable tabulates n until the rest is below 1e-16 (or, past the mean,
// the pmf below 1e-17), the rest added to the last count (so the table sums
// to 1).
func countTable(n dist.Discrete, atLeast int) []float64 {
	var p []float64
	for k := 0; k < 1000; k++ {
		p = append(p, n.Prob(k))
		if k >= atLeast && (1-kahanSum(p) <= 1e-16 || float64(k) > n.Mean() && p[k] < 1e-17) {
			break
		}
	}
	p[len(p)-1] += 1 - kahanSum(p)
	return p
}

// The frequency-domain evaluation (Horner's and Paterson–Stockmeyer's
// schemes, with the cuts) against brute force, 1e-13 absolute per point
// (the transforms' rounding, ~1e-16 times the number of products): counts
// of degree 1 … 20, one to four severities longer or shorter than the cap,
// capped and not, maxPoints cutting the uncapped lattice short.
func TestMemberTotalMatchesBruteForce(t *testing.T) {
	nb := dist.NegBinomialMu(0.8, 2.5)
	sevs := [][]float64{discGamma(300, 40, true), discGamma(300, 30, true), discGamma(150, 20, false), discGamma(280, 15, true)}
	for _, c := range []struct {
		deg, nsev, capK, maxPts int
	}{
		{1, 1, 0, 1 << 16}, {2, 2, 500, 0}, {3, 3, 500, 0}, {4, 3, 500, 0}, {5, 3, 0, 1 << 16},
		{7, 3, 400, 0}, {12, 3, 500, 0}, {12, 3, 0, 1 << 16}, {20, 3, 700, 0}, {20, 4, 2000, 0},
		{16, 2, 0, 1000}, {9, 1, 250, 0}, {20, 3, 6000, 0},
	} {
		count := make([]float64, c.deg+1)
		for k := range count {
			count[k] = nb.Prob(k)
		}
		count[c.deg] += 1 - kahanSum(count)
		sev := sevs[:c.nsev]
		l, err := MemberTotal(count, sev, 1, float64(c.capK), c.maxPts)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteMember(count, sev, c.capK)
		if c.capK == 0 && c.maxPts < len(want) {
			above := kahanSum(want[c.maxPts:])
			if math.Abs(l.Above-(above+1-kahanSum(want))) > 1e-13 {
				t.Errorf("%+v: above %.15g, want %.15g", c, l.Above, above+1-kahanSum(want))
			}
			want = want[:c.maxPts]
		}
		sameAs(t, "brute force", l, want, 1e-13)
		if s := l.Mass() + l.Above; math.Abs(s-1) > 1e-13 {
			t.Errorf("%+v: mass %v + above %v", c, l.Mass(), l.Above)
		}
	}
}

// One severity and no cap: the compound distribution, equal to Panjer's
// recursion for a Poisson count (small lattice, direct evaluation) and to
// CompoundFFT and Panjer for a negative binomial count with a 600-point
// severity (frequency-domain evaluation), pointwise within 1e-12.
func TestMemberTotalIsCompound(t *testing.T) {
	for _, c := range []struct {
		freq dist.Discrete
		g    *Grid
	}{
		{dist.Poisson{Lambda: 3}, &Grid{Step: 1, PMF: []float64{0, 0.5, 0.3, 0.2}}},
		{dist.NegBinomialMu(1.5, 4), &Grid{Step: 1, PMF: discGamma(600, 60, true)}},
	} {
		count := countTable(c.freq, 0)
		l, err := MemberTotal(count, [][]float64{c.g.PMF}, 1, 0, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := CompoundPanjer(c.freq, c.g, Options{Tol: 1e-14})
		if err != nil {
			t.Fatal(err)
		}
		sameAs(t, "Panjer", l, pr.PMF, 1e-12)
		if len(c.g.PMF) > 100 {
			fr, err := CompoundFFT(c.freq, c.g, Options{Tol: 1e-13})
			if err != nil {
				t.Fatal(err)
			}
			if fr.Origin != 0 {
				t.Fatalf("FFT window starts at %v", fr.Origin)
			}
			sameAs(t, "FFT", l, fr.PMF, 1e-12)
		}
	}
}

// The cap point carries P(S ≥ cap), S the uncapped sum (from the uncapped
// lattice, 1e-13), and a defective severity's missing mass ends at the cap.
func TestMemberTotalCapMass(t *testing.T) {
	count := countTable(dist.Poisson{Lambda: 2.5}, 0)
	sev := [][]float64{discGamma(400, 50, false), discGamma(400, 35, false), discGamma(400, 25, false)}
	u, err := MemberTotal(count, sev, 2, 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, capK := range []int{100, 300, 1000} {
		c, err := MemberTotal(count, sev, 2, 2*float64(capK), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.PMF) != capK+1 || c.Step != 2 || c.Above != 0 {
			t.Fatalf("cap %d: %d points, step %v, above %v", capK, len(c.PMF), c.Step, c.Above)
		}
		atCap := u.Above + kahanSum(u.PMF[capK:]) // ≥ cap, with the defects
		near(t, "P(A = cap)", c.PMF[capK], atCap, 1e-13)
		sameAs(t, "below the cap", &Lattice{PMF: c.PMF[:capK]}, u.PMF[:capK], 1e-14)
	}
}

// The frequency-domain evaluation without a cap is one inverse transform
// after one forward transform per severity (nothing is cut).
func TestMemberTotalTransforms(t *testing.T) {
	count := countTable(dist.NegBinomialMu(2, 3), 0)
	ys := [][]float64{discGamma(300, 40, true), discGamma(300, 30, true), discGamma(300, 20, true)}
	full := support(ys, 3, len(count)-1, math.MaxInt)
	e := newEngine(int(full), fftLen(int(full)))
	e.member(count, ys)
	if e.ffts != 4 {
		t.Errorf("%d transforms, want 4", e.ffts)
	}
}

// A hospital-like member: counts up to 15 with real mass in each (negative
// binomial, size 1, mean 1.5, the tail put on 15), three 4,000-point
// severities and a cap of 4,000 points.
func BenchmarkMemberTotal(b *testing.B) {
	nb := dist.NegBinomialMu(1, 1.5)
	count := make([]float64, 16)
	for k := range count {
		count[k] = nb.Prob(k)
	}
	count[15] += 1 - kahanSum(count)
	sev := [][]float64{discGamma(4000, 700, false), discGamma(4000, 600, false), discGamma(4000, 500, false)}
	for b.Loop() {
		if _, err := MemberTotal(count, sev, 1, 4000, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// CountPMF adapts the cut-off to the count (issue 15: "count distribution
// nbinom has mass beyond 10,000 events" for a member with 5 claims): a
// negative binomial of size 0.01 and mean 5 needs about 16,000 events for
// P(N > k) ≤ 1e-15; the table sums to 1 within 1e-15 and its mean is 5
// (to 1e-9: the mean beyond is below 1e-10). Beyond maxEvents it is an
// ErrTooLarge error.
func TestCountPMF(t *testing.T) {
	nb := dist.NegBinomial{Size: 0.01, P: 0.01 / 5.01}
	p, err := CountPMF(nb, 1e-15, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p) < 10_001 {
		t.Errorf("%d events, want more than 10,000", len(p)-1)
	}
	near(t, "Σ p", kahanSum(p), 1, 1e-15)
	m := 0.0
	for k, v := range p {
		m += float64(k) * v
	}
	nearRel(t, "mean", m, 5, 1e-9)
	if s := nb.Survival(len(p) - 1); s > 1e-15 {
		t.Errorf("P(N > %d) = %v > 1e-15", len(p)-1, s)
	}
	if s := nb.Survival(len(p) - 2); s <= 1e-15 {
		t.Errorf("P(N > %d) = %v: the table is longer than needed", len(p)-2, s)
	}
	if _, err := CountPMF(nb, 1e-15, 10_000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("beyond 10,000 events: %v, want ErrTooLarge", err)
	}
	// A Poisson(3): the table ends at the first k with P(N > k) ≤ 1e-15
	// (dist's Survival, checked against R's ppois in the dist package).
	q, err := CountPMF(dist.Poisson{Lambda: 3}, 1e-15, 0)
	if err != nil {
		t.Fatal(err)
	}
	pois := dist.Poisson{Lambda: 3}
	if k := len(q) - 1; !(pois.Survival(k) <= 1e-15 && pois.Survival(k-1) > 1e-15) {
		t.Errorf("Poisson(3) table ends at %d: P(N > k) = %v, P(N > k−1) = %v", k, pois.Survival(k), pois.Survival(k-1))
	}
}
