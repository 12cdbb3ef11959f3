package aggregate

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// logPReBound bounds Re log P_N(z) from above on the unit disk (Poisson:
// exactly; binomial: log u ≤ u − 1), checked at 20,000 random points
// against logP (the closed form), allowing its rounding, 1e-12 relative.
func TestLogPReBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, d := range []dist.Discrete{
		dist.Poisson{Lambda: 5000}, dist.Poisson{Lambda: 0.3},
		dist.Binomial{Size: 184861, P: 0.026}, dist.Binomial{Size: 323367, P: 1.75e-4}, dist.Binomial{Size: 10, P: 0.9},
	} {
		cnt, err := newCounts(d)
		if err != nil {
			t.Fatal(err)
		}
		for range 20000 {
			r, a := math.Sqrt(rng.Float64()), 2*math.Pi*rng.Float64()
			z := complex(r*math.Cos(a), r*math.Sin(a))
			got, want := cnt.logPReBound(z), real(cnt.logP(z))
			if got < want-1e-12*math.Abs(want) {
				t.Fatalf("%v at %v: bound %v below Re log P %v", d, z, got, want)
			}
		}
	}
	nb, _ := newCounts(dist.NegBinomial{Size: 3, P: 0.5})
	if !math.IsInf(nb.logPReBound(0.5), 1) {
		t.Error("a bound given for a negative binomial, which has none")
	}
}

// Skipping the coefficients whose exponential underflows gives the compound
// the same pmf to the bit (exact: those coefficients are 0 either way, and a
// zero's sign cannot survive the clamp of the results at 0), on windows with
// and without an origin, for the example book's large compounds (tens of
// thousands of members, E[N] in the thousands, a short severity, one with
// masses on every fifth point only) and a Poisson one; and the skip is not
// idle there (most coefficients are skipped).
func TestFFTSkipUnderflowBitIdentical(t *testing.T) {
	short := make([]float64, 76)
	for j := 1; j < len(short); j++ {
		short[j] = math.Exp(-float64(j) / 20)
	}
	lumps := make([]float64, 51)
	for j := 5; j < len(lumps); j += 5 {
		lumps[j] = 1 / float64(j)
	}
	for _, c := range []struct {
		name string
		d    dist.Discrete
		f    []float64
	}{
		{"binomial, short severity", dist.Binomial{Size: 184861, P: 0.026}, short},
		{"binomial, lumps", dist.Binomial{Size: 90451, P: 0.015}, lumps},
		{"binomial, few claims", dist.Binomial{Size: 323367, P: 1.75e-4}, short},
		{"Poisson", dist.Poisson{Lambda: 3000}, short},
	} {
		f := normalize(c.f)
		r, err := CompoundFFT(c.d, &Grid{Step: 1, PMF: f}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		cnt, _ := newCounts(c.d)
		lo := int64(math.Round(r.Origin))
		M := len(r.PMF)
		for _, w := range []struct {
			lo    int64
			theta float64
		}{{lo, r.Tilt}, {0, tiltM / float64(M)}} {
			with, skipped := fftWindowSkip(cnt, f, w.lo, M, w.theta, true)
			without, none := fftWindowSkip(cnt, f, w.lo, M, w.theta, false)
			if none != 0 {
				t.Fatalf("%s: %d skipped with the skip off", c.name, none)
			}
			for i := range with {
				if math.Float64bits(with[i]) != math.Float64bits(without[i]) {
					t.Fatalf("%s, origin %d: point %d is %v with the skip, %v without", c.name, w.lo, i, with[i], without[i])
				}
			}
			t.Logf("%s, origin %d: %d of %d coefficients skipped", c.name, w.lo, skipped, M/2+1)
			if c.name != "binomial, few claims" && skipped < M/4 {
				t.Errorf("%s, origin %d: only %d of %d coefficients skipped", c.name, w.lo, skipped, M/2+1)
			}
		}
	}
}

func normalize(f []float64) []float64 {
	s := 0.0
	for _, v := range f {
		s += v
	}
	out := make([]float64, len(f))
	for i, v := range f {
		out[i] = v / s
	}
	return out
}
