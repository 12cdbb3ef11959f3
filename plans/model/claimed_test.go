package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// givenClaimed turns one event's discretised payment into a claimed
// event's. On an ordinary severity it is (pmf − (1 − pc)·δ₀)/pc, whose mean is
// E[Y]/pc with E[Y] = r·(E[X∧(d + L/r)] − E[X∧d]) (the layer's limited
// expected values; the unbiased discretisation keeps the mean). On a
// severity scaled far down — a gamma of shape 0.042 fitted to one thin
// year, times a parameter-risk node of 0.005, as on a generated book of
// 5,000 members (seed 21022), where the old subtraction gave a lattice
// summing to 1.389 and calibrate stopped with exit 1 — it still sums to 1
// and stays on the layer [0, L]. There pc is 1.4e-18, below what double
// precision resolves next to 1: the claimed events (pc times the events)
// weigh nothing, and their lattice needs only to be a law.
func TestGivenClaimed(t *testing.T) {
	const d, r, L, h = 800.0, 0.7, 10000.0, 10.0
	for _, tc := range []struct {
		name  string
		x     dist.Gamma
		relTo float64 // tolerance on the mean, relative (0: only within the layer)
	}{
		{"ordinary", dist.Gamma{Shape: 1.2, Rate: 1.0 / 4000}, 1e-9},
		{"thin fit", dist.Gamma{Shape: 0.04157891435856603, Rate: 0.00021318920192555854}, 1e-9},
		{"scaled far down", dist.Gamma{Shape: 0.04157891435856603, Rate: 0.00021318920192555854 / 0.00494}, 0},
	} {
		x := tc.x
		pc := x.Survival(d)
		g, err := aggregate.DiscretizePayment(x, aggregate.Coverage{Deductible: d, Ratio: r, Limit: L}, h, aggregate.Unbiased, 1e-12, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		q := givenClaimed(g.PMF, pc)
		var s, m float64
		for k, v := range q {
			if v < 0 {
				t.Fatalf("%s: negative mass %v at %d", tc.name, v, k)
			}
			s += v
			m += v * float64(k) * h
		}
		want := r * (x.LEV(d+L/r) - x.LEV(d)) / pc
		t.Logf("%s: pc %.3g, sum %.15f, mean %.6f, layer %.6f", tc.name, pc, s, m, want)
		if math.Abs(s-1) > 1e-9 {
			t.Errorf("%s: the claimed payment's lattice sums to %.12f", tc.name, s)
		}
		if tc.relTo == 0 && !(m >= 0 && m <= L) || tc.relTo > 0 && math.Abs(m/want-1) > tc.relTo {
			t.Errorf("%s: mean %.6f, E[Y | X > d] %.6f", tc.name, m, want)
		}
	}
}
