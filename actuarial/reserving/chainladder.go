// Package reserving completes claims that have happened but are not yet
// reported (IBNR) from a development triangle: the chain ladder with Mack's
// (1993) standard errors, and an optional tail factor.
//
// A triangle holds cumulative amounts (or counts) C[i][j] for origin period i
// (a year of events, say) and development period j (months or quarters after
// the origin's start), j = 0 … len(C[i])−1. Row i may be shorter than row 0:
// the usual triangle has len(C[i]) = n − i.
package reserving

import (
	"errors"
	"fmt"
	"math"
)

// ErrTriangle is returned (wrapped) for a triangle the chain ladder cannot
// use: fewer than two origins, rows longer than the first, negative or
// non-finite amounts, or a development period with nothing to divide by.
var ErrTriangle = errors.New("reserving: unusable triangle")

// ChainLadder is the result of Mack's chain ladder on a cumulative triangle.
type ChainLadder struct {
	// Factors f_j = Σ_i C[i][j+1] / Σ_i C[i][j], the sums over the origins
	// with both periods observed (volume-weighted development factors).
	Factors []float64
	// Sigma2 are Mack's σ²_j = Σ_i C[i][j] (C[i][j+1]/C[i][j] − f_j)² / (n_j − 1)
	// over the n_j origins with both periods; the last, with a single origin,
	// is Mack's extrapolation min(σ⁴_{J−1}/σ²_{J−2}, σ²_{J−2}, σ²_{J−1}).
	Sigma2 []float64
	// Tail is the factor from the last development period to ultimate (1 when
	// the triangle is taken as complete at its last period).
	Tail float64
	// Latest is each origin's latest cumulative value, Ultimate its projection
	// to ultimate (including the tail), IBNR = Ultimate − Latest.
	Latest, Ultimate, IBNR []float64
	// SE is Mack's standard error of each origin's ultimate (process and
	// estimation error; the tail taken as known), TotalSE that of the sum.
	SE      []float64
	TotalSE float64
}

// Completion is Latest/Ultimate of origin i: the share of its ultimate already
// reported (1 when the ultimate is 0).
func (c *ChainLadder) Completion(i int) float64 {
	if c.Ultimate[i] == 0 {
		return 1
	}
	return c.Latest[i] / c.Ultimate[i]
}

// Totals are the sums of Latest, Ultimate and IBNR over origins.
func (c *ChainLadder) Totals() (latest, ultimate, ibnr float64) {
	for i := range c.Latest {
		latest += c.Latest[i]
		ultimate += c.Ultimate[i]
		ibnr += c.IBNR[i]
	}
	return
}

// Mack runs the chain ladder on the cumulative triangle cum with the tail
// factor tail (≥ 1; 0 means 1) and computes Mack's (1993) standard errors:
//
//	mse(Ĉ_iJ) = Ĉ_iJ² Σ_{k=J−i}^{J−1} σ²_k/f_k² (1/Ĉ_ik + 1/Σ_{j≤J−1−k} C_jk)
//
// and for the total the covariance terms Ĉ_iJ Σ_{l>i} Ĉ_lJ Σ_k 2σ²_k/f_k² / Σ_j C_jk.
// A development period whose column sums to zero gets factor 1 and σ² 0.
func Mack(cum [][]float64, tail float64) (*ChainLadder, error) {
	n := len(cum)
	if n < 2 {
		return nil, fmt.Errorf("%w: %d origin(s), need at least 2", ErrTriangle, n)
	}
	J := len(cum[0])
	if J < 2 {
		return nil, fmt.Errorf("%w: the first origin has %d development period(s), need at least 2", ErrTriangle, J)
	}
	for i, r := range cum {
		if len(r) == 0 || len(r) > J {
			return nil, fmt.Errorf("%w: origin %d has %d periods (the first has %d)", ErrTriangle, i, len(r), J)
		}
		for j, v := range r {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: origin %d period %d holds %v", ErrTriangle, i, j, v)
			}
		}
	}
	if tail == 0 {
		tail = 1
	}
	if tail < 1 || math.IsNaN(tail) || math.IsInf(tail, 0) {
		return nil, fmt.Errorf("%w: tail factor %v, expected ≥ 1", ErrTriangle, tail)
	}
	c := &ChainLadder{Factors: make([]float64, J-1), Sigma2: make([]float64, J-1), Tail: tail}
	colSum := make([]float64, J-1) // Σ C[i][j] over origins with period j+1 observed
	for j := 0; j < J-1; j++ {
		var num, den float64
		m := 0
		for _, r := range cum {
			if len(r) > j+1 {
				num += r[j+1]
				den += r[j]
				m++
			}
		}
		colSum[j] = den
		if den == 0 {
			c.Factors[j] = 1
			continue
		}
		f := num / den
		c.Factors[j] = f
		if m > 1 {
			var s float64
			for _, r := range cum {
				if len(r) > j+1 && r[j] > 0 {
					d := r[j+1]/r[j] - f
					s += r[j] * d * d
				}
			}
			c.Sigma2[j] = s / float64(m-1)
		} else if j >= 2 {
			a, b := c.Sigma2[j-1], c.Sigma2[j-2]
			if b > 0 {
				c.Sigma2[j] = math.Min(a*a/b, math.Min(a, b))
			}
		}
	}
	// Projection.
	full := make([][]float64, n)
	c.Latest = make([]float64, n)
	c.Ultimate = make([]float64, n)
	c.IBNR = make([]float64, n)
	c.SE = make([]float64, n)
	for i, r := range cum {
		row := make([]float64, J)
		copy(row, r)
		for j := len(r); j < J; j++ {
			row[j] = row[j-1] * c.Factors[j-1]
		}
		full[i] = row
		c.Latest[i] = r[len(r)-1]
		c.Ultimate[i] = row[J-1] * tail
		c.IBNR[i] = c.Ultimate[i] - c.Latest[i]
	}
	// Mack's errors: per origin, then the total with covariances.
	mse := make([]float64, n)
	g := make([]float64, J-1) // 2σ²_k/f_k²/Σ_j C_jk, for the covariance
	for k := 0; k < J-1; k++ {
		if c.Factors[k] > 0 && colSum[k] > 0 {
			g[k] = 2 * c.Sigma2[k] / (c.Factors[k] * c.Factors[k]) / colSum[k]
		}
	}
	uJ := make([]float64, n) // ultimate before the tail
	for i := range cum {
		uJ[i] = full[i][J-1]
		var s float64
		for k := len(cum[i]) - 1; k < J-1; k++ {
			f := c.Factors[k]
			if f == 0 || full[i][k] == 0 || colSum[k] == 0 {
				continue
			}
			s += c.Sigma2[k] / (f * f) * (1/full[i][k] + 1/colSum[k])
		}
		mse[i] = uJ[i] * uJ[i] * s
		c.SE[i] = math.Sqrt(mse[i]) * tail
	}
	var tot float64
	for i := range cum {
		tot += mse[i]
	}
	for i := range cum {
		var s float64
		for k := len(cum[i]) - 1; k < J-1; k++ {
			s += g[k]
		}
		var later float64
		for l := i + 1; l < n; l++ {
			later += uJ[l]
		}
		tot += uJ[i] * later * s
	}
	c.TotalSE = math.Sqrt(tot) * tail
	return c, nil
}
