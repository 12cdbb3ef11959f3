package fit

import (
	"math"
	"testing"
)

// A Newton trial step far beyond float range (log shape −800: shape 0 after
// exp) is not a point of the gamma likelihood: NaN, which the optimiser
// rejects by halving the step — not a panic of the trigamma ζ(2, 0), as it
// was on a generated book's hospital costs.
func TestGammaEvalOutOfRange(t *testing.T) {
	p, err := prepare(Sample{X: []float64{1, 2, 3, 5, 8}})
	if err != nil {
		t.Fatal(err)
	}
	g, h := make([]float64, 2), make([]float64, 4)
	for _, th := range [][]float64{{-800, 0}, {0, -800}, {800, 0}} {
		if v := gammaEval(p, th, g, h); !math.IsNaN(v) {
			t.Errorf("θ %v: %v, want NaN", th, v)
		}
	}
	if v := gammaEval(p, []float64{0, 0}, g, h); math.IsNaN(v) || math.IsInf(v, 0) {
		t.Errorf("θ (0, 0): %v", v)
	}
}
