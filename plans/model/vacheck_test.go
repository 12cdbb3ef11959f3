package model

import (
	"math"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
)

// quantileAgrees reports whether the exact lattice's 99% VaR v is a 99%
// quantile of the Monte Carlo sample within 3 binomial standard errors:
// P(S < v) ≤ 0.99 + 3se and P(S ≤ v) ≥ 0.99 − 3se, se = √(0.99·0.01/n), v
// widened by half the lattice's step (a lump-sum plan's total has atoms,
// so the quantiles are compared through the distribution function, not as
// amounts). below and atMost are the sample's P(S < v) and P(S ≤ v).
func quantileAgrees(ex *aggregate.Lattice, sample []float64) (v, below, atMost float64, ok bool) {
	v = ex.VaR(0.99)
	for _, x := range sample {
		if x < v-ex.Step/2 {
			below++
		}
		if x <= v+ex.Step/2 {
			atMost++
		}
	}
	n := float64(len(sample))
	below, atMost = below/n, atMost/n
	tol := 3 * math.Sqrt(0.99*0.01/n)
	return v, below, atMost, below <= 0.99+tol && atMost >= 0.99-tol
}
