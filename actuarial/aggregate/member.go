package aggregate

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"
)

// MemberTotal returns the distribution of one member's yearly payout
//
//	A = min(Y_1 + … + Y_N, cap)
//
// on the lattice k·h, where N has pmf count[n] (n = 0 … len(count)−1, summing
// to 1 within 1e-9) and the n-th claim of the year pays Y_n with pmf
// sev[min(n, len(sev))−1] on the same lattice (sev[j][k] = P(Y = k·h); a
// severity may be defective, its missing mass being above its last point),
// all independent. This is the hospital plan's payout: 70% of the first
// admission's cost above the deductible, 60% of the second, 50% of the
// third and later, and an annual cap.
//
// With cap > 0 (a multiple of h within 1e-9 relative), the mass of the sum
// at or above cap is put on cap, exactly: only the severities' mass below
// cap matters for the sum below it. With cap ≤ 0 the lattice is cut at
// maxPoints points and the mass beyond is returned as Above.
//
// It is computed by Horner's scheme on the compound, from the largest count
// down: T_N = count[N]·δ₀, T_n = count[n]·δ₀ + Y_{n+1} ∗ T_{n+1} cut at the
// lattice's end, A = T_0, each convolution by gonum's real FFT on twice the
// lattice's length (so nothing wraps around) or directly when small.
func MemberTotal(count []float64, sev [][]float64, h, cap float64, maxPoints int) (*Lattice, error) {
	if len(count) == 0 {
		return nil, errors.New("aggregate: MemberTotal with no count distribution")
	}
	if len(sev) == 0 {
		return nil, errors.New("aggregate: MemberTotal with no severity")
	}
	if !(h > 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("aggregate: MemberTotal step %v", h)
	}
	tc := 0.0
	for n, p := range count {
		if !(p >= 0) || math.IsInf(p, 0) {
			return nil, fmt.Errorf("aggregate: MemberTotal count[%d] = %v", n, p)
		}
		tc += p
	}
	if math.Abs(tc-1) > 1e-9 {
		return nil, fmt.Errorf("aggregate: MemberTotal count probabilities sum to %v, not 1", tc)
	}
	maxSev := 0
	for j, s := range sev {
		if len(s) == 0 {
			return nil, fmt.Errorf("aggregate: MemberTotal severity %d is empty", j+1)
		}
		ts := 0.0
		for _, p := range s {
			if !(p >= 0) || math.IsInf(p, 0) {
				return nil, fmt.Errorf("aggregate: MemberTotal severity %d has probability %v", j+1, p)
			}
			ts += p
		}
		if ts > 1+1e-9 {
			return nil, fmt.Errorf("aggregate: MemberTotal severity %d sums to %v > 1", j+1, ts)
		}
		maxSev = max(maxSev, len(s))
	}
	nmax := len(count) - 1
	var K int // lattice points kept: indices 0 … K−1
	capped := cap > 0
	if capped {
		k := cap / h
		if math.Abs(k-math.Round(k)) > 1e-9*math.Max(1, k) {
			return nil, fmt.Errorf("aggregate: MemberTotal cap %v is not a multiple of the step %v", cap, h)
		}
		K = int(math.Round(k)) // below the cap
		if K < 1 {
			return &Lattice{Step: h, PMF: []float64{1}}, nil
		}
	} else {
		if maxPoints <= 0 {
			return nil, errors.New("aggregate: MemberTotal without a cap needs maxPoints")
		}
		K = min(maxPoints, nmax*(maxSev-1)+1)
	}
	cut := func(s []float64) []float64 {
		if len(s) > K {
			return s[:K]
		}
		return s
	}
	var conv func(j int, t []float64) []float64
	if K <= 256 {
		conv = func(j int, t []float64) []float64 {
			out := directConvolve(cut(sev[j]), t)
			if len(out) > K {
				out = out[:K]
			}
			return out
		}
	} else {
		m := fftLen(2 * K)
		fft := fourier.NewFFT(m)
		tr := make([][]complex128, len(sev))
		buf := make([]float64, m)
		for j, s := range sev {
			clear(buf)
			copy(buf, cut(s))
			tr[j] = fft.Coefficients(nil, buf)
		}
		c := make([]complex128, m/2+1)
		res := make([]float64, m)
		conv = func(j int, t []float64) []float64 {
			clear(buf)
			copy(buf, t)
			fft.Coefficients(c, buf)
			for k := range c {
				c[k] *= tr[j][k]
			}
			fft.Sequence(res, c)
			out := make([]float64, min(K, len(t)+len(cut(sev[j]))-1))
			for k := range out {
				v := res[k] / float64(m)
				if v < 0 {
					v = 0 // rounding noise of the transform
				}
				out[k] = v
			}
			return out
		}
	}
	t := []float64{count[nmax]}
	for n := nmax - 1; n >= 0; n-- {
		t = conv(min(n+1, len(sev))-1, t)
		t[0] += count[n]
	}
	kept := sum(t)
	rest := math.Max(0, tc-kept)
	if !capped && rest <= 1e-15*float64(K+len(count)) {
		// Rounding of the transforms, not mass beyond the lattice: the
		// severities' own mass beyond it is at least their defect.
		rest = 0
	}
	if capped {
		pmf := make([]float64, K+1)
		copy(pmf, t)
		pmf[K] = rest
		return &Lattice{Step: h, PMF: pmf}, nil
	}
	return trim(&Lattice{Step: h, PMF: t, Above: rest}, false), nil
}
