// Package credibility blends a group's own experience with a collective or a
// prior: the Bühlmann–Straub model across groups and periods, and the
// Poisson–gamma (conjugate) blend of an event rate with a prior rate.
package credibility

import (
	"errors"
	"fmt"
	"math"
)

// ErrData is returned (wrapped) for data the estimators cannot use.
var ErrData = errors.New("credibility: unusable data")

// BuhlmannStraub holds the Bühlmann–Straub estimates for groups i with
// ratios X_ij (e.g. claims per member-year) and weights w_ij (e.g.
// member-years) over periods j:
//
//	w_i = Σ_j w_ij,  X̄_i = Σ_j w_ij X_ij / w_i,
//	s² = Σ_i Σ_j w_ij (X_ij − X̄_i)² / Σ_i (n_i − 1)          (within-group variance),
//	a  = (Σ_i w_i (X̄_i − X̄_w)² − (I − 1) s²) / (w − Σ_i w_i²/w)  (between-group variance,
//	     unbiased; 0 when negative),
//	Z_i = w_i / (w_i + s²/a),  m = Σ_i Z_i X̄_i / Σ_i Z_i  (the collective, credibility-weighted),
//	P_i = Z_i X̄_i + (1 − Z_i) m,
//
// where X̄_w = Σ_i w_i X̄_i / w and w = Σ_i w_i. These are the estimators of R
// actuar's cm() for the Bühlmann–Straub model. When a is 0 every Z_i is 0 and
// the collective is the weighted mean X̄_w.
type BuhlmannStraub struct {
	Means      []float64 // X̄_i
	Weights    []float64 // w_i
	Z          []float64 // credibility factors
	Premiums   []float64 // P_i
	Collective float64   // m
	Within     float64   // s²
	Between    float64   // a
}

// EstimateBuhlmannStraub estimates the model from ratios x[i][j] and weights
// w[i][j]; a period with weight 0 is left out. Every group needs a positive
// total weight, and some group at least two periods with weight.
func EstimateBuhlmannStraub(x, w [][]float64) (*BuhlmannStraub, error) {
	I := len(x)
	if I < 2 || len(w) != I {
		return nil, fmt.Errorf("%w: %d groups with %d weight rows, need at least 2 groups", ErrData, I, len(w))
	}
	r := &BuhlmannStraub{Means: make([]float64, I), Weights: make([]float64, I), Z: make([]float64, I), Premiums: make([]float64, I)}
	var tot, dof float64
	for i := range x {
		if len(x[i]) != len(w[i]) {
			return nil, fmt.Errorf("%w: group %d has %d ratios and %d weights", ErrData, i, len(x[i]), len(w[i]))
		}
		var sw, sx float64
		n := 0
		for j := range x[i] {
			if w[i][j] < 0 || math.IsNaN(w[i][j]) || math.IsInf(w[i][j], 0) || math.IsNaN(x[i][j]) || math.IsInf(x[i][j], 0) {
				return nil, fmt.Errorf("%w: group %d period %d: ratio %v weight %v", ErrData, i, j, x[i][j], w[i][j])
			}
			if w[i][j] == 0 {
				continue
			}
			sw += w[i][j]
			sx += w[i][j] * x[i][j]
			n++
		}
		if sw == 0 {
			return nil, fmt.Errorf("%w: group %d has no weight", ErrData, i)
		}
		r.Weights[i], r.Means[i] = sw, sx/sw
		tot += sw
		dof += float64(n - 1)
	}
	if dof == 0 {
		return nil, fmt.Errorf("%w: no group has two periods, the within-group variance cannot be estimated", ErrData)
	}
	var s2, xw float64
	for i := range x {
		for j := range x[i] {
			if w[i][j] > 0 {
				d := x[i][j] - r.Means[i]
				s2 += w[i][j] * d * d
			}
		}
		xw += r.Weights[i] * r.Means[i]
	}
	s2 /= dof
	xw /= tot
	var between, sw2 float64
	for i := range x {
		d := r.Means[i] - xw
		between += r.Weights[i] * d * d
		sw2 += r.Weights[i] * r.Weights[i]
	}
	a := (between - float64(I-1)*s2) / (tot - sw2/tot)
	if !(a > 0) {
		a = 0
	}
	r.Within, r.Between = s2, a
	var sz, szx float64
	for i := range x {
		if a > 0 {
			r.Z[i] = r.Weights[i] / (r.Weights[i] + s2/a)
		}
		sz += r.Z[i]
		szx += r.Z[i] * r.Means[i]
	}
	r.Collective = xw
	if sz > 0 {
		r.Collective = szx / sz
	}
	for i := range x {
		r.Premiums[i] = r.Z[i]*r.Means[i] + (1-r.Z[i])*r.Collective
	}
	return r, nil
}

// PoissonGamma is the conjugate blend of an event rate: with a gamma prior of
// shape α and rate β (prior mean α/β, "β units of exposure seen, α events")
// and n events observed on exposure e, the posterior is gamma(α + n, β + e):
//
//	rate = (α + n)/(β + e) = Z·n/e + (1 − Z)·α/β,  Z = e/(β + e),
//	var  = (α + n)/(β + e)²  (the parameter risk of the rate).
type PoissonGamma struct {
	Shape, Rate float64 // the posterior's α + n and β + e
	Z           float64 // weight of the own experience n/e (1 for a flat prior with β = 0)
}

// Mean is the posterior mean rate.
func (p PoissonGamma) Mean() float64 { return p.Shape / p.Rate }

// SD is the posterior standard deviation of the rate.
func (p PoissonGamma) SD() float64 { return math.Sqrt(p.Shape) / p.Rate }

// BlendPoisson blends n events on exposure e (> 0) with a prior of mean rate
// prior (≥ 0) resting on priorExposure (≥ 0) units of exposure: α = prior ×
// priorExposure, β = priorExposure.
func BlendPoisson(n, e, prior, priorExposure float64) (PoissonGamma, error) {
	if !(e > 0) || n < 0 || prior < 0 || priorExposure < 0 || math.IsInf(e+n+prior+priorExposure, 0) || math.IsNaN(n+prior+priorExposure) {
		return PoissonGamma{}, fmt.Errorf("%w: %v events on exposure %v, prior %v on %v", ErrData, n, e, prior, priorExposure)
	}
	a, b := prior*priorExposure, priorExposure
	return PoissonGamma{Shape: a + n, Rate: b + e, Z: e / (b + e)}, nil
}

// Jeffreys is the posterior of n events on exposure e (> 0) under Jeffreys'
// non-informative prior for a Poisson rate (gamma(½, 0)): mean (n + ½)/e, so a
// rate with no events observed is never zero and keeps its uncertainty.
func Jeffreys(n, e float64) (PoissonGamma, error) {
	if !(e > 0) || n < 0 || math.IsInf(e+n, 0) || math.IsNaN(n) {
		return PoissonGamma{}, fmt.Errorf("%w: %v events on exposure %v", ErrData, n, e)
	}
	return PoissonGamma{Shape: n + 0.5, Rate: e, Z: 1}, nil
}
