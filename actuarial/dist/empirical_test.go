package dist

import (
	"math"
	"testing"
)

// TestEmpirical checks the weighted discrete distribution by hand: points
// 1, 2, 3 with masses 0.5, 0.3, 0.2 (the severity of VALIDATION.md B).
// Mean 1.7, E[X²] = 0.5 + 1.2 + 1.8 = 3.5, variance 3.5 − 2.89 = 0.61,
// E[min(X, 2)] = 0.5 + 2·0.5 = 1.5, E[min(X, 2.5)] = 0.5 + 0.6 + 0.5 = 1.6.
func TestEmpirical(t *testing.T) {
	// Unnormalised weights and unsorted, repeated points merge to the same law.
	e, err := NewEmpirical([]float64{3, 1, 2, 1}, []float64{2, 4, 3, 1})
	if err != nil {
		t.Fatal(err)
	}
	pts, ms := e.Points(), e.Masses()
	wantPts, wantMs := []float64{1, 2, 3}, []float64{0.5, 0.3, 0.2}
	if len(pts) != 3 {
		t.Fatalf("Points = %v", pts)
	}
	for i := range pts {
		if pts[i] != wantPts[i] || !relClose(ms[i], wantMs[i], 1e-15) {
			t.Errorf("point %d: %v mass %v, want %v mass %v", i, pts[i], ms[i], wantPts[i], wantMs[i])
		}
	}
	for _, c := range []struct {
		x, cdf, sf, prob, lev float64
	}{
		{0.5, 0, 1, 0, 0.5},
		{1, 0.5, 0.5, 0.5, 1},
		{1.5, 0.5, 0.5, 0, 1.25},
		{2, 0.8, 0.2, 0.3, 1.5},
		{2.5, 0.8, 0.2, 0, 1.6},
		{3, 1, 0, 0.2, 1.7},
		{10, 1, 0, 0, 1.7},
	} {
		if got := e.CDF(c.x); !scalarClose(got, c.cdf, 1e-15) {
			t.Errorf("CDF(%v) = %v, want %v", c.x, got, c.cdf)
		}
		if got := e.Survival(c.x); !scalarClose(got, c.sf, 1e-15) {
			t.Errorf("Survival(%v) = %v, want %v", c.x, got, c.sf)
		}
		if got := e.Prob(c.x); !scalarClose(got, c.prob, 1e-15) {
			t.Errorf("Prob(%v) = %v, want %v", c.x, got, c.prob)
		}
		if got := e.LEV(c.x); !scalarClose(got, c.lev, 1e-15) {
			t.Errorf("LEV(%v) = %v, want %v", c.x, got, c.lev)
		}
	}
	if !scalarClose(e.Mean(), 1.7, 1e-15) || !scalarClose(e.Variance(), 0.61, 1e-15) || !scalarClose(e.RawMoment(2), 3.5, 1e-15) {
		t.Errorf("mean %v variance %v E[X²] %v", e.Mean(), e.Variance(), e.RawMoment(2))
	}
	// Quantile: smallest x with F(x) ≥ p; p equal to a cumulative mass (0.5,
	// 0.8 — 0.5 + 0.3 is not exact in binary) returns that point.
	for _, c := range []struct{ p, want float64 }{
		{0, 1}, {0.2, 1}, {0.5, 1}, {0.5000001, 2}, {0.8, 2}, {0.5 + 0.3, 2}, {0.8000001, 3}, {1, 3},
	} {
		if got := e.Quantile(c.p); got != c.want {
			t.Errorf("Quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if !math.IsNaN(e.Quantile(2)) {
		t.Errorf("Quantile(2) = %v, want NaN", e.Quantile(2))
	}
	if e.Name() != "empirical" || e.Params()["k"] != 3 || e.Params()["n"] != 4 {
		t.Errorf("Name %q Params %v", e.Name(), e.Params())
	}
}

func TestNewEmpiricalErrors(t *testing.T) {
	for _, c := range []struct {
		v, w []float64
	}{
		{nil, nil},
		{[]float64{1, 2}, []float64{1}},
		{[]float64{-1}, nil},
		{[]float64{math.NaN()}, nil},
		{[]float64{math.Inf(1)}, nil},
		{[]float64{1}, []float64{-1}},
		{[]float64{1}, []float64{0}},
		{[]float64{1}, []float64{math.Inf(1)}},
	} {
		if _, err := NewEmpirical(c.v, c.w); err == nil {
			t.Errorf("NewEmpirical(%v, %v): no error", c.v, c.w)
		}
	}
	var e *Empirical
	if e.Validate() == nil {
		t.Error("nil Empirical validates")
	}
}
