package aggregate

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// MemberBasis against brute force (1e-13 absolute per point, the tolerance
// MemberTotal has against it) and against MemberTotal (within 1e-15 of the
// lattice's largest mass: the two differ only in rounding), over the cases
// of TestMemberTotalMatchesBruteForce, each basis serving several counts
// (degrees asked in a mixed order, so that later counts reuse and extend
// the basis).
func TestMemberBasisMatchesMemberTotal(t *testing.T) {
	nb := dist.NegBinomialMu(0.8, 2.5)
	sevs := [][]float64{discGamma(300, 40, true), discGamma(300, 30, true), discGamma(150, 20, false), discGamma(280, 15, true)}
	for _, c := range []struct {
		nsev, capK, maxPts int
	}{
		{1, 0, 1 << 16}, {2, 500, 0}, {3, 500, 0}, {3, 0, 1 << 16}, {3, 400, 0}, {4, 2000, 0}, {2, 0, 1000},
		{1, 250, 0}, {3, 6000, 0},
	} {
		sev := sevs[:c.nsev]
		mb, err := NewMemberBasis(sev, 1, float64(c.capK), c.maxPts)
		if err != nil {
			t.Fatal(err)
		}
		for _, deg := range []int{7, 1, 20, 3, 12, 16} {
			count := make([]float64, deg+1)
			for k := range count {
				count[k] = nb.Prob(k)
			}
			count[deg] += 1 - kahanSum(count)
			got, err := mb.Total(count)
			if err != nil {
				t.Fatal(err)
			}
			want, err := MemberTotal(count, sev, 1, float64(c.capK), c.maxPts)
			if err != nil {
				t.Fatal(err)
			}
			// Without a cap the lattices end where the rounding noise
			// past the support last rounds above 0: a missing point is 0.
			if c.capK > 0 && len(got.PMF) != len(want.PMF) {
				t.Fatalf("%+v degree %d: %d points, MemberTotal %d", c, deg, len(got.PMF), len(want.PMF))
			}
			top := 0.0
			for _, v := range want.PMF {
				top = math.Max(top, v)
			}
			at := func(p []float64, k int) float64 {
				if k < len(p) {
					return p[k]
				}
				return 0
			}
			for k := range max(len(got.PMF), len(want.PMF)) {
				if d := math.Abs(at(got.PMF, k) - at(want.PMF, k)); d > 1e-15*top {
					t.Fatalf("%+v degree %d: point %d is %.17g, MemberTotal %.17g", c, deg, k, at(got.PMF, k), at(want.PMF, k))
				}
			}
			if math.Abs(got.Above-want.Above) > 1e-15 {
				t.Errorf("%+v degree %d: above %v, MemberTotal %v", c, deg, got.Above, want.Above)
			}
			brute := bruteMember(count, sev, c.capK)
			if c.capK == 0 && c.maxPts < len(brute) {
				brute = brute[:c.maxPts]
			}
			sameAs(t, "brute force", got, brute, 1e-13)
		}
	}
}
