package aggregate

import (
	"errors"
	"fmt"
	"math"
	"sync"
)

// MemberBasis is MemberTotal for many count distributions with the same
// severities: the payout is linear in the count,
//
//	P_A = Σ_n count[n]·B_n,  B_n = Y_1 ∗ … ∗ Y_n  (Y_i = sev[min(i, J)−1]),
//
// so the partial sums B_n, computed once (each cut at the K points below
// the cap, or at maxPoints without one, as MemberTotal cuts), serve every
// count: a count costs a weighted sum of the B_n it reaches instead of the
// convolutions. The numbers are MemberTotal's but for rounding (each B_n
// is one product of the previous by a severity, in the time domain or by
// FFT, where MemberTotal evaluates the polynomial by Horner's and
// Paterson–Stockmeyer's schemes; the two agree within 1e-15 of a lattice's
// largest mass, tested). The B_n are added as counts reach them. Safe for
// concurrent use.
type MemberBasis struct {
	mu     sync.Mutex
	sev    [][]float64
	h      float64
	capped bool
	K      int         // points kept: below the cap, or maxPoints
	b      [][]float64 // b[n] = B_n cut at K points
	fy     map[[2]int][]complex128
	points int // Σ len(b[n])
}

// NewMemberBasis checks the severities, step and cap as MemberTotal does
// and returns the basis with B_0 = δ₀ alone.
func NewMemberBasis(sev [][]float64, h, cap float64, maxPoints int) (*MemberBasis, error) {
	if len(sev) == 0 {
		return nil, errors.New("aggregate: MemberBasis with no severity")
	}
	if !(h > 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("aggregate: MemberBasis step %v", h)
	}
	if err := checkSeverities("MemberBasis", sev); err != nil {
		return nil, err
	}
	mb := &MemberBasis{sev: sev, h: h, capped: cap > 0, b: [][]float64{{1}}, fy: map[[2]int][]complex128{}, points: 1}
	if mb.capped {
		k := cap / h
		if math.Abs(k-math.Round(k)) > 1e-9*math.Max(1, k) {
			return nil, fmt.Errorf("aggregate: MemberBasis cap %v is not a multiple of the step %v", cap, h)
		}
		if k > 1<<30 {
			return nil, tooLargef("aggregate: MemberBasis cap %v is %.3g steps of %v", cap, k, h)
		}
		mb.K = int(math.Round(k))
	} else {
		if maxPoints <= 0 {
			return nil, errors.New("aggregate: MemberBasis without a cap needs maxPoints")
		}
		mb.K = maxPoints
	}
	return mb, nil
}

// Points is the number of lattice points the basis holds.
func (mb *MemberBasis) Points() int {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return mb.points
}

// Total is MemberTotal(count, sev, h, cap, maxPoints) from the basis.
func (mb *MemberBasis) Total(count []float64) (*Lattice, error) {
	if len(count) == 0 {
		return nil, errors.New("aggregate: MemberTotal with no count distribution")
	}
	if err := checkCount(count); err != nil {
		return nil, err
	}
	if mb.capped && mb.K < 1 {
		return &Lattice{Step: mb.h, PMF: []float64{1}}, nil
	}
	nmax := len(count) - 1
	for nmax > 0 && count[nmax] == 0 {
		nmax--
	}
	b := mb.upTo(nmax)
	n := 0
	for _, x := range b {
		n = max(n, len(x))
	}
	t := make([]float64, n)
	for i, x := range b {
		c := count[i]
		if c == 0 {
			continue
		}
		for k, v := range x {
			t[k] += c * v
		}
	}
	for k, v := range t {
		t[k] = math.Max(0, v)
	}
	rest := math.Max(0, 1-kahanSum(t))
	if mb.capped {
		pmf := make([]float64, mb.K+1)
		copy(pmf, t)
		pmf[mb.K] = rest
		return &Lattice{Step: mb.h, PMF: pmf}, nil
	}
	hi := len(t)
	for hi > 1 && t[hi-1] == 0 {
		hi--
	}
	return &Lattice{Step: mb.h, PMF: t[:hi], Above: rest}, nil
}

// upTo returns B_0 … B_nmax, adding those not yet computed.
func (mb *MemberBasis) upTo(nmax int) [][]float64 {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	for n := len(mb.b); n <= nmax; n++ {
		j := min(n, len(mb.sev)) - 1
		y := mb.sev[j][:min(len(mb.sev[j]), mb.K)]
		x := mb.mul(mb.b[n-1], y, j)
		mb.b = append(mb.b, x)
		mb.points += len(x)
	}
	return mb.b[:nmax+1]
}

// mul returns a ∗ y cut at K points: directly when that is cheaper, else
// by FFT at a length that holds the whole product (y's transform kept).
func (mb *MemberBasis) mul(a, y []float64, j int) []float64 {
	n := len(a) + len(y) - 1
	keep := min(n, mb.K)
	if float64(len(a))*float64(len(y))/4 <= 3*float64(fftLen(n))*math.Log2(float64(fftLen(n))) {
		out := make([]float64, keep)
		for i, x := range a {
			if x == 0 || i >= keep {
				continue
			}
			o := out[i:]
			for k, v := range y[:min(len(y), len(o))] {
				o[k] += x * v
			}
		}
		return out
	}
	m := fftLen(n)
	f := getFFT(m)
	defer putFFT(f)
	buf := make([]float64, m)
	fy := mb.fy[[2]int{j, m}]
	if fy == nil {
		copy(buf, y)
		fy = f.Coefficients(nil, buf)
		mb.fy[[2]int{j, m}] = fy
		clear(buf)
	}
	copy(buf, a)
	fa := f.Coefficients(nil, buf)
	for k := range fa {
		fa[k] *= fy[k]
	}
	out := f.Sequence(buf, fa)
	inv := 1 / float64(m)
	res := make([]float64, keep)
	for k := range res {
		res[k] = out[k] * inv
	}
	return res
}
