package dist

import (
	"math/rand/v2"
	"testing"
)

var sinkF float64
var sinkI int

func BenchmarkPoissonLogProbLarge(b *testing.B) {
	p := Poisson{Lambda: 1e6}
	for i := 0; i < b.N; i++ {
		sinkF = p.LogProb(1000000 + i%1000)
	}
}

func BenchmarkNegBinomialProb(b *testing.B) {
	d := NegBinomialMu(0.7, 0.21)
	for i := 0; i < b.N; i++ {
		sinkF = d.Prob(i % 8)
	}
}

func BenchmarkNegBinomialQuantile(b *testing.B) {
	d := NegBinomialMu(0.7, 20)
	for i := 0; i < b.N; i++ {
		sinkI = d.Quantile(0.995)
	}
}

func BenchmarkGammaQuantile(b *testing.B) {
	g := Gamma{Shape: 0.8, Rate: 0.0024}
	for i := 0; i < b.N; i++ {
		sinkF = g.Quantile(0.995)
	}
}

func BenchmarkGammaLEV(b *testing.B) {
	g := Gamma{Shape: 0.8, Rate: 0.0024}
	for i := 0; i < b.N; i++ {
		sinkF = g.LEV(1000)
	}
}

func BenchmarkLogNormalLEV(b *testing.B) {
	l := LogNormal{MeanLog: 5, SdLog: 1.3}
	for i := 0; i < b.N; i++ {
		sinkF = l.LEV(1000)
	}
}

func BenchmarkBurrLEV(b *testing.B) {
	d := Burr{Shape1: 2, Shape2: 1.5, Scale: 1000}
	for i := 0; i < b.N; i++ {
		sinkF = d.LEV(5000)
	}
}

func BenchmarkBurrLEVInfiniteMean(b *testing.B) {
	d := Burr{Shape1: 0.5, Shape2: 1.2, Scale: 100}
	for i := 0; i < b.N; i++ {
		sinkF = d.LEV(1e6)
	}
}

func BenchmarkRandGamma(b *testing.B) {
	g := Gamma{Shape: 2, Rate: 1, Src: rand.NewPCG(1, 2)}
	for i := 0; i < b.N; i++ {
		sinkF = g.Rand()
	}
}

func BenchmarkRandLogNormal(b *testing.B) {
	g := LogNormal{MeanLog: 5, SdLog: 1.3, Src: rand.NewPCG(1, 2)}
	for i := 0; i < b.N; i++ {
		sinkF = g.Rand()
	}
}

func BenchmarkRandPoisson(b *testing.B) {
	p := Poisson{Lambda: 2, Src: rand.NewPCG(1, 2)}
	for i := 0; i < b.N; i++ {
		sinkI = p.Rand()
	}
}

func BenchmarkRandNegBinomial(b *testing.B) {
	p := NegBinomialMu(0.7, 2)
	p.Src = rand.NewPCG(1, 2)
	for i := 0; i < b.N; i++ {
		sinkI = p.Rand()
	}
}

func BenchmarkRandZeroTruncatedPoissonSmall(b *testing.B) {
	p := ZeroTruncated{Base: Poisson{Lambda: 0.05}, Src: rand.NewPCG(1, 2)}
	for i := 0; i < b.N; i++ {
		sinkI = p.Rand()
	}
}

func BenchmarkRandEmpirical(b *testing.B) {
	v := make([]float64, 1000)
	for i := range v {
		v[i] = float64(i * i)
	}
	e, _ := NewEmpirical(v, nil)
	e.Src = rand.NewPCG(1, 2)
	for i := 0; i < b.N; i++ {
		sinkF = e.Rand()
	}
}
