package calibrate

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// orderStats puts at each asked rank the value a full sort puts there
// (exact: order statistics are unique values), on random reserves, many
// ties, sorted and reversed input, and the ranks the projection asks for
// (5%, 50%, 95% of 1 to 20,000 paths, equal ranks included).
func TestOrderStatsIsSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 3, 5, 19, 20, 100, 1001, 20000} {
		for kind := range 4 {
			x := make([]float64, n)
			for i := range x {
				switch kind {
				case 0:
					x[i] = 1e7 * rng.NormFloat64()
				case 1:
					x[i] = float64(rng.IntN(4)) // ties
				case 2:
					x[i] = float64(i)
				case 3:
					x[i] = -float64(i)
				}
			}
			want := slices.Clone(x)
			slices.Sort(want)
			rank := func(p float64) int { return min(n-1, int(math.Ceil(p*float64(n)))-1) }
			ks := []int{rank(0.05), rank(0.5), rank(0.95)}
			got := slices.Clone(x)
			orderStats(got, ks...)
			for _, k := range ks {
				if got[k] != want[k] {
					t.Fatalf("n %d, kind %d: rank %d is %v, sorted %v", n, kind, k, got[k], want[k])
				}
			}
			g2 := slices.Clone(got)
			slices.Sort(g2)
			if !slices.Equal(g2, want) {
				t.Fatalf("n %d, kind %d: the values changed", n, kind)
			}
		}
	}
}
