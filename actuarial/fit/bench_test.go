package fit

import (
	"math/rand/v2"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// benchDists are the distributions the benchmarks draw 10^6 values from.
var benchDists = []dist.Continuous{
	dist.Exponential{Rate: 1.0 / 5000},
	dist.Gamma{Shape: 2, Rate: 1.0 / 3000},
	dist.LogNormal{MeanLog: 8, SdLog: 1.2},
	dist.Weibull{Shape: 0.8, Scale: 5000},
	dist.Lomax{Shape: 3, Scale: 10000},
	dist.LogLogistic{Shape: 2, Scale: 5000},
	dist.Burr{Shape1: 2, Shape2: 1.5, Scale: 5000},
}

// draws returns n values of d from the PCG source (seed, 1).
func draws(d dist.Continuous, n int, seed uint64) []float64 {
	d, _ = dist.WithSource(d, rand.NewPCG(seed, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = d.Rand()
	}
	return x
}

// BenchmarkFit fits each severity family to 10^6 draws from a member of it.
func BenchmarkFit(b *testing.B) {
	for _, d := range benchDists {
		x := draws(d, 1_000_000, 7)
		b.Run(d.Name(), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r, err := Continuous(Sample{X: x}, d.Name(), nil)
				if err != nil || !r.Converged {
					b.Fatalf("%v %+v", err, r)
				}
			}
		})
	}
}

// BenchmarkFitTruncCensLognormal fits the lognormal to 10^6 values observed
// above 1300 and censored at 30000.
func BenchmarkFitTruncCensLognormal(b *testing.B) {
	all := draws(dist.LogNormal{MeanLog: 8, SdLog: 1.2}, 1_400_000, 8)
	var x []float64
	for _, v := range all {
		if v > 1300 && len(x) < 1_000_000 {
			x = append(x, v)
		}
	}
	s := Limits(x, nil, 1300, 30000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Continuous(s, "lnorm", nil)
		if err != nil || !r.Converged {
			b.Fatalf("%v %+v", err, r)
		}
	}
}
