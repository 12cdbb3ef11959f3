package model

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"gonum.org/v1/gonum/mat"
)

// hurdleMeanRelSE against the delta method with the analytic gradient of
// log k̄ = log μ − log(1 − q0), q0 = (r/(r + μ))^r:
// ∂/∂μ = 1/μ − r·q0/((r + μ)(1 − q0)),
// ∂/∂r = q0·(log(r/(r + μ)) + μ/(r + μ))/(1 − q0); 1e-7 relative (the
// central differences' error).
func TestHurdleMeanRelSEAnalytic(t *testing.T) {
	p0, r, mu, n := 0.9, 1.3, 2.2, 5000.0
	cov := mat.NewSymDense(3, []float64{p0 * (1 - p0) / n, 0, 0, 0, 0.04, -0.01, 0, -0.01, 0.09})
	res := &fit.CountResult{Params: []float64{p0, r, mu}, N: n, Cov: cov}
	q0 := math.Pow(r/(r+mu), r)
	gm := 1/mu - r*q0/((r+mu)*(1-q0))
	gr := q0 * (math.Log(r/(r+mu)) + mu/(r+mu)) / (1 - q0)
	want := math.Sqrt(p0/((1-p0)*n) + gr*gr*0.04 + 2*gr*gm*(-0.01) + gm*gm*0.09)
	if got := hurdleMeanRelSE(res); math.Abs(got/want-1) > 1e-7 {
		t.Errorf("rel se %.10g, analytic %.10g", got, want)
	}
}
