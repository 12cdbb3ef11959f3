package aggregate

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"gonum.org/v1/gonum/floats/scalar"
)

// Brute force: Σ_n count[n]·(Y_1 ∗ … ∗ Y_n), capped, by direct convolution.
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
	if capK > 0 && len(total) > capK+1 {
		for k := capK + 1; k < len(total); k++ {
			total[capK] += total[k]
		}
		total = total[:capK+1]
	}
	return total
}

// A small case by hand-checkable enumeration: N ∈ {0, 1, 2} with 0.5, 0.3,
// 0.2; the first claim pays 0, 1 or 2 (0.2, 0.5, 0.3), the second 1 or 3
// (0.6, 0.4); cap 2. P(A=0) = 0.5 + 0.3·0.2 = 0.56; P(A=1) = 0.3·0.5 +
// 0.2·0.2·0.6 = 0.174; P(A=2) = the rest = 0.266.
func TestMemberTotalSmall(t *testing.T) {
	count := []float64{0.5, 0.3, 0.2}
	sev := [][]float64{{0.2, 0.5, 0.3}, {0, 0.6, 0, 0.4}}
	l, err := MemberTotal(count, sev, 1, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.56, 0.174, 0.266}
	for k, w := range want {
		if !scalar.EqualWithinAbs(l.PMF[k], w, 1e-15) {
			t.Errorf("P(A=%d) = %.17g, want %v", k, l.PMF[k], w)
		}
	}
}

// The FFT path (K > 256) against brute force, capped and uncapped.
func TestMemberTotalFFTMatchesBruteForce(t *testing.T) {
	nb := dist.NegBinomialMu(0.5, 0.8)
	var count []float64
	for k := 0; k <= 12; k++ {
		count = append(count, nb.Prob(k))
	}
	count[12] += 1 - sum(count) // the tail on the last count, so Σ = 1
	mk := func(n int, scale float64) []float64 {
		p := make([]float64, n)
		g := dist.Gamma{Shape: 2, Rate: 1 / scale}
		s := 0.0
		for k := range p {
			p[k] = g.CDF(float64(k)+0.5) - g.CDF(float64(k)-0.5)
			s += p[k]
		}
		p[n-1] += 1 - s
		return p
	}
	sev := [][]float64{mk(300, 40), mk(300, 30), mk(300, 20)}
	for _, capK := range []int{500, 0} {
		l, err := MemberTotal(count, sev, 1, float64(capK), 1<<16)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteMember(count, sev, capK)
		for k := range want {
			got := 0.0
			if k < len(l.PMF) {
				got = l.PMF[k]
			}
			if !scalar.EqualWithinAbs(got, want[k], 1e-13) {
				t.Fatalf("cap %d: P(A=%d) = %.15g, brute force %.15g", capK, k, got, want[k])
			}
		}
		if math.Abs(l.Mass()+l.Above-1) > 1e-12 {
			t.Errorf("cap %d: mass %v + above %v", capK, l.Mass(), l.Above)
		}
	}
}

// One severity, no cap: the compound distribution of Panjer's recursion.
func TestMemberTotalIsCompound(t *testing.T) {
	g := &Grid{Step: 1, PMF: []float64{0, 0.5, 0.3, 0.2}}
	freq := dist.Poisson{Lambda: 3}
	pr, err := CompoundPanjer(freq, g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	count, _ := countTable(freq)
	l, err := MemberTotal(count, [][]float64{g.PMF}, 1, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for x := 0.0; x < 30; x++ {
		if !scalar.EqualWithinAbs(l.CDF(x), pr.CDF(x), 1e-12) {
			t.Errorf("F(%v) = %.15g, Panjer %.15g", x, l.CDF(x), pr.CDF(x))
		}
	}
}

func countTable(n dist.Discrete) ([]float64, float64) {
	var p []float64
	s := 0.0
	for k := 0; 1-s > 1e-16 && k < 1000; k++ {
		p = append(p, n.Prob(k))
		s += p[k]
	}
	p[len(p)-1] += 1 - s
	return p, s
}

func BenchmarkMemberTotal(b *testing.B) {
	count, _ := countTable(dist.NegBinomialMu(0.1, 0.05))
	for len(count) < 16 {
		count = append(count, 0)
	}
	sev := make([][]float64, 3)
	for j := range sev {
		sev[j] = make([]float64, 4000)
		for k := range sev[j] {
			sev[j][k] = math.Exp(-float64(k)/500) / 501 // a defective geometric: Σ < 1
		}
	}
	for b.Loop() {
		if _, err := MemberTotal(count[:16], sev, 1, 4000, 0); err != nil {
			b.Fatal(err)
		}
	}
}
