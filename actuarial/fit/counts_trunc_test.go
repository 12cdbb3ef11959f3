package fit

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"gonum.org/v1/gonum/floats/scalar"
)

// Reference: testdata/refs.R section 9 (R optim + Newton polish on the
// truncated log-likelihood written with dnbinom/pnbinom), output in refs.out.
func TestCountsTruncatedAgainstR(t *testing.T) {
	k := []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	f := []float64{50, 44, 40, 33, 30, 25, 22, 18, 15, 12, 10, 8, 20}
	nb, err := CountsTruncated(k, f, "nbinom", 3)
	if err != nil || !nb.Converged {
		t.Fatalf("nbinom: %v %+v", err, nb)
	}
	for i, want := range []float64{3.59216485028, 6.15967296406} {
		if !scalar.EqualWithinAbsOrRel(nb.Params[i], want, 0, 1e-6) {
			t.Errorf("nbinom %s = %.12g, R %.12g", nb.ParamNames[i], nb.Params[i], want)
		}
	}
	if !scalar.EqualWithinAbsOrRel(nb.LogLik, -823.668703266, 0, 1e-10) {
		t.Errorf("nbinom loglik %.12g, R -823.668703266", nb.LogLik)
	}
	po, err := CountsTruncated(k, f, "pois", 3)
	if err != nil || !po.Converged {
		t.Fatalf("pois: %v %+v", err, po)
	}
	if !scalar.EqualWithinAbsOrRel(po.Params[0], 7.07189609662, 0, 1e-6) || !scalar.EqualWithinAbsOrRel(po.LogLik, -880.712581681, 0, 1e-10) {
		t.Errorf("pois lambda %.12g loglik %.12g, R 7.07189609662 -880.712581681", po.Params[0], po.LogLik)
	}
	if len(nb.SE) != 2 || !(nb.SE[0] > 0 && nb.SE[1] > 0) {
		t.Errorf("standard errors %v", nb.SE)
	}
	// k0 = 0 is Counts.
	a, _ := CountsTruncated(k, f, "nbinom", 0)
	b, _ := Counts(k, f, "nbinom")
	if a.Params[0] != b.Params[0] || a.LogLik != b.LogLik {
		t.Errorf("k0 = 0 differs from Counts")
	}
	if _, err := CountsTruncated([]int{1, 5}, nil, "pois", 3); err == nil {
		t.Error("a value below k0 was accepted")
	}
}

// 50,000 stays of 1 + nbinom(size 1.2, mu 10) days, recorded only from the
// 4th day: the truncated fit of days − 1 at k0 = 3 recovers the truth within
// 3 SE; the fit that ignores the truncation is far off.
func TestCountsTruncatedRecovers(t *testing.T) {
	src := rand.NewPCG(3, 4)
	nb := dist.NegBinomialMu(1.2, 10)
	nb.Src = src
	counts := map[int]float64{}
	for n := 0; n < 50000; {
		y := nb.Rand()
		if y+1 < 4 {
			continue
		}
		counts[y]++
		n++
	}
	var k []int
	var f []float64
	for v, c := range counts {
		k = append(k, v)
		f = append(f, c)
	}
	r, err := CountsTruncated(k, f, "nbinom", 3)
	if err != nil || !r.Converged {
		t.Fatalf("%v %+v", err, r)
	}
	for i, want := range []float64{1.2, 10} {
		if z := (r.Params[i] - want) / r.SE[i]; math.Abs(z) > 3 {
			t.Errorf("%s = %.4g ± %.2g, truth %v (z = %.1f)", r.ParamNames[i], r.Params[i], r.SE[i], want, z)
		}
	}
	naive, _ := Counts(k, f, "nbinom")
	if z := (naive.Params[1] - 10) / naive.SE[1]; math.Abs(z) < 5 {
		t.Errorf("the naive fit is not biased: mu %.4g ± %.2g", naive.Params[1], naive.SE[1])
	}
}
