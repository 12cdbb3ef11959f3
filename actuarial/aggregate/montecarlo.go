package aggregate

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// MCBlock is the number of paths per Monte Carlo block. Block b (paths
// b·MCBlock … (b+1)·MCBlock − 1) draws from its own source
// rand.NewPCG(seed, b), so the sample is the same for any number of
// workers; changing MCBlock changes the numbers.
const MCBlock = 1024

// monteCarlo simulates o.Paths totals S = Σ_{i ≤ N} min(r(X_i − d)+, L),
// each claim's payment computed exactly from its loss.
func monteCarlo(m Model, o Options) (*Result, error) {
	n := o.Paths
	if n < 2 {
		return nil, inputErrorf("aggregate: Monte Carlo needs at least 2 paths, got %d", n)
	}
	nb := (n + MCBlock - 1) / MCBlock
	workers := min(o.Workers, nb)
	out := make([]float64, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				lo, hi := b*MCBlock, min((b+1)*MCBlock, n)
				simulateBlock(m, o.Seed, uint64(b), out[lo:hi])
			}
		}()
	}
	wg.Wait()
	// Moments in path order (= block order), whatever the workers did.
	mean, sd, skew := sampleMoments(out, Layer{})
	if math.IsNaN(mean) || math.IsInf(mean, 0) {
		return nil, inputErrorf("aggregate: Monte Carlo produced a non-finite total (mean %v); the severity may be too heavy-tailed", mean)
	}
	sort.Float64s(out)
	r := &Result{
		Method: MonteCarlo, Paths: n,
		Mean: mean, SD: sd, Skewness: skew,
		StdErrMean: sd / math.Sqrt(float64(n)),
		d:          newSampleDist(out),
	}
	return r, nil
}

// simulateBlock fills dst with totals drawn from rand.NewPCG(seed, block).
// Poisson and negative binomial counts are drawn with poissonRand (see
// there); the other dist types draw through copies bound to that source;
// other implementations of the interfaces are inverted (Quantile of a
// uniform).
func simulateBlock(m Model, seed, block uint64, dst []float64) {
	src := rand.NewPCG(seed, block)
	rng := rand.New(src)
	unit := func() float64 {
		for {
			if u := rng.Float64(); u > 0 {
				return u
			}
		}
	}
	var drawN func() int
	switch fq := m.Frequency.(type) {
	case dist.Poisson:
		drawN = func() int { return poissonRand(fq.Lambda, rng) }
	case dist.NegBinomial:
		// Poisson(Λ) with Λ ~ gamma(shape r, rate p/(1−p)).
		g := distuv.Gamma{Alpha: fq.Size, Beta: fq.P / (1 - fq.P), Src: src}
		drawN = func() int {
			if fq.P == 1 {
				return 0
			}
			return poissonRand(g.Rand(), rng)
		}
	default:
		if fq, ok := dist.DiscreteWithSource(m.Frequency, src); ok {
			drawN = fq.Rand
		} else {
			drawN = func() int { return m.Frequency.Quantile(unit()) }
		}
	}
	var drawX func() float64
	if sv, ok := dist.WithSource(m.Severity, src); ok {
		drawX = sv.Rand
	} else {
		drawX = func() float64 { return m.Severity.Quantile(unit()) }
	}
	cov := m.Coverage
	plain := cov.IsZero()
	for i := range dst {
		k := drawN()
		s := 0.0
		for c := 0; c < k; c++ {
			x := drawX()
			if !plain {
				x = cov.Apply(x)
			}
			s += x
		}
		dst[i] = s
	}
}

// defaultWorkers is GOMAXPROCS.
func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

// poissonRand draws a Poisson(λ) count with dist.PoissonRand.
func poissonRand(lambda float64, rng *rand.Rand) int { return dist.PoissonRand(lambda, rng.Float64) }
