package aggregate

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// MemberTotal returns the distribution of one member's yearly payout
//
//	A = min(Y_1 + … + Y_N, cap)
//
// on the lattice k·h, where N has pmf count[n] (n = 0 … len(count)−1, summing
// to 1 within 1e-12) and the n-th claim of the year pays Y_n with pmf
// sev[min(n, len(sev))−1] on the same lattice (sev[j][k] = P(Y = k·h)), all
// independent. This is the hospital plan's payout: 70% of the first
// admission's cost above the deductible, 60% of the second, 50% of the
// third and later, and an annual cap. Before the cap,
//
//	P_A = Σ_n count[n] Π_(i ≤ n) Y_min(i, J)
//	    = c₀ + Y₁∗(c₁ + Y₂∗(c₂ + … + Y_J∗Q)),  Q = Σ_(m ≥ 0) c_(J+m) Y_J^(∗m),
//
// J = len(sev), a polynomial in the convolution powers of the severities.
//
// With cap > 0 (a multiple of h within 1e-9 relative), the lattice is
// 0, h, …, cap and the mass of the sum at or above cap is put on cap: it is
// 1 − Σ_(k·h < cap) P(A = k·h), which depends only on the severities' mass
// below cap (Y ≥ 0). With cap ≤ 0 the lattice is cut at maxPoints points
// (or the sum's whole support, if shorter) and the mass beyond is returned
// as Above, never dropped. A severity may be defective (Σ sev[j] < 1, the
// rest above its last point) and count may lack up to 1e-12: that mass is
// counted as at the cap (or Above), an upper bound.
//
// Method: the polynomial is evaluated in the frequency domain of gonum's
// real FFT, Horner's scheme for the outer layers and Paterson–Stockmeyer's
// for Q (baby steps Y_J^(∗j), j ≤ s ≈ √(deg Q), then Horner in Y_J^(∗s)):
// about 2√(deg Q) convolutions instead of deg Q. Nothing wraps round: the
// transform length L holds every product's support, and when a product
// would outgrow L its factors are first cut at the K points below the cap
// (inverse transform, cut, forward transform; points at or above the cap do
// not affect those below it), so L ≥ 2K − 1 suffices; when the whole
// support (of the severities cut at K points) is shorter than that, as
// without a cap unless maxPoints cuts it, L holds the whole support and the
// polynomial is evaluated on the transforms alone, with a single inverse
// transform. Small lattices are done directly in the time domain. Negative
// rounding noise of the transforms (|v| ~ 1e-16) is set to 0.
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
	if err := checkCount(count); err != nil {
		return nil, err
	}
	if err := checkSeverities("MemberTotal", sev); err != nil {
		return nil, err
	}
	nmax := len(count) - 1
	for nmax > 0 && count[nmax] == 0 {
		nmax--
	}
	J := min(len(sev), nmax) // severities in use
	capped := cap > 0
	var K int // lattice points below the cap (or kept, without one)
	if capped {
		k := cap / h
		if math.Abs(k-math.Round(k)) > 1e-9*math.Max(1, k) {
			return nil, fmt.Errorf("aggregate: MemberTotal cap %v is not a multiple of the step %v", cap, h)
		}
		if k > 1<<30 {
			return nil, tooLargef("aggregate: MemberTotal cap %v is %.3g steps of %v", cap, k, h)
		}
		K = int(math.Round(k))
		if K < 1 {
			return &Lattice{Step: h, PMF: []float64{1}}, nil
		}
	} else {
		if maxPoints <= 0 {
			return nil, errors.New("aggregate: MemberTotal without a cap needs maxPoints")
		}
		full := support(sev, J, nmax, math.MaxInt)
		K = int(min(int64(maxPoints), full))
	}
	ys := make([][]float64, J)
	for j := range ys {
		ys[j] = sev[j][:min(len(sev[j]), K)]
	}
	var t []float64
	if J == 0 {
		t = []float64{count[0]}
	} else {
		full := support(ys, J, nmax, int64(2*K))
		L := fftLen(int(min(full, int64(2*K-1))))
		lmax := 0
		for _, y := range ys {
			lmax = max(lmax, len(y))
		}
		lmax = min(lmax, K)
		direct := float64(K)*float64(lmax)-float64(lmax*lmax)/2 < 3.5*float64(L)*math.Log2(float64(L))
		if direct {
			t = memberDirect(count[:nmax+1], ys, K)
		} else {
			e := newEngine(K, L)
			t = e.member(count[:nmax+1], ys)
			putFFT(e.fft)
		}
	}
	for k, v := range t {
		t[k] = math.Max(0, v)
	}
	rest := math.Max(0, 1-kahanSum(t))
	if capped {
		pmf := make([]float64, K+1)
		copy(pmf, t)
		pmf[K] = rest
		return &Lattice{Step: h, PMF: pmf}, nil
	}
	hi := len(t)
	for hi > 1 && t[hi-1] == 0 {
		hi--
	}
	return &Lattice{Step: h, PMF: t[:hi], Above: rest}, nil
}

// support returns the length of the support of Y_1 + … + Y_nmax (Y_i =
// ys[min(i, J)−1]), at most limit.
func support(ys [][]float64, J, nmax int, limit int64) int64 {
	n := int64(1)
	for i := 1; i <= nmax; i++ {
		n += int64(len(ys[min(i, J)-1]) - 1)
		if n >= limit {
			return limit
		}
	}
	return n
}

// memberDirect evaluates MemberTotal's polynomial by Horner's scheme in the
// time domain, each product cut at K points.
func memberDirect(count []float64, ys [][]float64, K int) []float64 {
	nmax := len(count) - 1
	t := []float64{count[nmax]}
	for n := nmax - 1; n >= 0; n-- {
		y := ys[min(n+1, len(ys))-1]
		out := make([]float64, min(K, len(t)+len(y)-1))
		for i, x := range t {
			if x == 0 || i >= len(out) {
				continue
			}
			o := out[i:]
			for j, v := range y[:min(len(y), len(o))] {
				o[j] += x * v
			}
		}
		out[0] += count[n]
		t = out
	}
	return t
}

// fvec is a sequence known modulo z^K (indices ≥ K never matter) in the
// time domain (t) and/or as its transform at the engine's length (f), the
// one not current being nil; indices ≥ n are zero.
type fvec struct {
	t []float64
	f []complex128
	n int
}

// engine evaluates products of sequences modulo z^K with transforms of
// length L ≥ 2K − 1 (or L ≥ the whole support, when nothing needs cutting).
type engine struct {
	K, L int
	fft  *fourier.FFT
	buf  []float64
	ffts int // transforms done
}

func newEngine(K, L int) *engine {
	return &engine{K: K, L: L, fft: getFFT(L), buf: make([]float64, L)}
}

func (e *engine) constant(c float64) *fvec {
	f := make([]complex128, e.L/2+1)
	for k := range f {
		f[k] = complex(c, 0)
	}
	return &fvec{t: []float64{c}, f: f, n: 1}
}

func (e *engine) freq(v *fvec) []complex128 {
	if v.f == nil {
		clear(e.buf)
		copy(e.buf, v.t[:v.n])
		v.f = e.fft.Coefficients(nil, e.buf)
		e.ffts++
	}
	return v.f
}

func (e *engine) time(v *fvec) []float64 {
	if v.t == nil {
		t := e.fft.Sequence(nil, v.f)
		e.ffts++
		inv := 1 / float64(e.L)
		for k := range t {
			t[k] *= inv
		}
		v.t = t[:v.n]
	}
	return v.t
}

// cut drops the indices ≥ K of v (in place: v is unchanged modulo z^K).
func (e *engine) cut(v *fvec) {
	if v.n <= e.K {
		return
	}
	t := e.time(v)
	v.t, v.n, v.f = t[:e.K], e.K, nil
}

// mul returns a·b modulo z^K, cutting a or b first if their product would
// not fit in L points.
func (e *engine) mul(a, b *fvec) *fvec {
	if a.n+b.n-1 > e.L && a.n > e.K {
		e.cut(a)
	}
	if a.n+b.n-1 > e.L {
		e.cut(b)
	}
	fa, fb := e.freq(a), e.freq(b)
	out := make([]complex128, len(fa))
	for k := range out {
		out[k] = fa[k] * fb[k]
	}
	return &fvec{f: out, n: a.n + b.n - 1}
}

// addConst adds c·δ₀ to v (the transform of δ₀ is 1 everywhere).
func (e *engine) addConst(v *fvec, c float64) {
	if v.f != nil {
		for k := range v.f {
			v.f[k] += complex(c, 0)
		}
	}
	if v.t != nil {
		v.t[0] += c
	}
}

// member evaluates MemberTotal's polynomial: Q by poly, then Horner's
// scheme through the first J − 1 severities. It returns P(A = k·h),
// k < min(K, support), before the cap.
func (e *engine) member(count []float64, ys [][]float64) []float64 {
	J := len(ys)
	y := make([]*fvec, J)
	for j := range ys {
		y[j] = &fvec{t: ys[j], n: len(ys[j])}
	}
	t := e.poly(count[J:], y[J-1])
	for j := J; j >= 1; j-- {
		t = e.mul(y[j-1], t)
		e.addConst(t, count[j-1])
	}
	out := e.time(t)
	return append([]float64(nil), out[:min(len(out), e.K)]...)
}

// poly returns Σ_m q[m]·y^(∗m) modulo z^K: Horner's scheme for degree < 3,
// otherwise Paterson–Stockmeyer's: with s = ⌈√(deg + 1)⌉ and the baby steps
// P_j = y^(∗j), j ≤ s, the chunks B_i = Σ_(j<s) q[is+j] P_j (sums of
// transforms, no products) are combined by Horner's scheme in P_s.
func (e *engine) poly(q []float64, y *fvec) *fvec {
	M := len(q) - 1
	if M < 3 {
		r := e.constant(q[M])
		for m := M - 1; m >= 0; m-- {
			r = e.mul(y, r)
			e.addConst(r, q[m])
		}
		return r
	}
	s := int(math.Ceil(math.Sqrt(float64(M + 1))))
	P := make([]*fvec, s+1)
	P[1] = y
	for j := 2; j <= s; j++ {
		P[j] = e.mul(P[j-1], y)
	}
	// addChunk adds B_i to r (r's transform current).
	addChunk := func(r *fvec, i int) {
		r.t = nil
		f := r.f
		for j := 0; j < s && i*s+j <= M; j++ {
			c := q[i*s+j]
			if j == 0 {
				for k := range f {
					f[k] += complex(c, 0)
				}
				continue
			}
			if c == 0 {
				continue
			}
			pj := e.freq(P[j])
			for k := range f {
				f[k] += complex(c, 0) * pj[k]
			}
			r.n = max(r.n, P[j].n)
		}
	}
	nc := (M + s) / s // ⌈(M+1)/s⌉ chunks
	r := e.constant(0)
	addChunk(r, nc-1)
	for i := nc - 2; i >= 0; i-- {
		r = e.mul(P[s], r)
		addChunk(r, i)
	}
	return r
}

// CountPMF tabulates the claim-count distribution n for MemberTotal:
// P(N = k) for k = 0, 1, … up to the first k ≥ 1 with P(N > k) ≤ tail
// (P(N > k) from n's Survival(k) when it has one, computed directly in the
// tail, else 1 − Σ), so that the table sums to 1 within tail. The cut-off
// adapts to the count: a negative binomial with a small size and a large
// mean needs tens of thousands of events. It is an ErrTooLarge error when
// more than tail of the mass is beyond maxEvents events (0 means 1<<20),
// and an ErrInput error for a tail outside (0, 1e-6].
func CountPMF(n dist.Discrete, tail float64, maxEvents int) ([]float64, error) {
	if _, err := newCounts(n); err != nil {
		return nil, err
	}
	if !(tail > 0 && tail <= 1e-6) {
		return nil, inputErrorf("aggregate: CountPMF tail %v, want in (0, 1e-6]", tail)
	}
	if maxEvents <= 0 {
		maxEvents = 1 << 20
	}
	surv, hasSurv := n.(interface{ Survival(k int) float64 })
	var p []float64
	cum := 0.0
	for k := 0; k <= maxEvents; k++ {
		pk := n.Prob(k)
		if !(pk >= 0) || math.IsInf(pk, 0) {
			return nil, inputErrorf("aggregate: count distribution %s gives P(N = %d) = %v", n.Name(), k, pk)
		}
		p = append(p, pk)
		cum += pk
		if k < 1 {
			continue
		}
		rest := 1 - cum
		if hasSurv {
			rest = surv.Survival(k)
		}
		if rest <= tail {
			return p, nil
		}
	}
	return nil, tooLargef("aggregate: count distribution %s (mean %.4g) has more than %g of its mass beyond %d events", n.Name(), n.Mean(), tail, maxEvents)
}

// checkSeverities checks the per-claim payment tables of MemberTotal and
// MemberBasis (named by who): none empty, every probability finite and
// non-negative, each summing to at most 1 (1e-9: the rest lies beyond the
// lattice).
func checkSeverities(who string, sev [][]float64) error {
	for j, s := range sev {
		if len(s) == 0 {
			return fmt.Errorf("aggregate: %s severity %d is empty", who, j+1)
		}
		ts := 0.0
		for _, p := range s {
			if !(p >= 0) || math.IsInf(p, 0) {
				return fmt.Errorf("aggregate: %s severity %d has probability %v", who, j+1, p)
			}
			ts += p
		}
		if ts > 1+1e-9 {
			return fmt.Errorf("aggregate: %s severity %d sums to %v > 1", who, j+1, ts)
		}
	}
	return nil
}

// checkCount checks a count distribution for MemberTotal and
// MemberBasis.Total: finite non-negative probabilities adding up to 1
// within 1e-12.
func checkCount(count []float64) error {
	tc := 0.0
	for n, p := range count {
		if !(p >= 0) || math.IsInf(p, 0) {
			return fmt.Errorf("aggregate: MemberTotal count[%d] = %v", n, p)
		}
		tc += p
	}
	if math.Abs(tc-1) > 1e-12 {
		return fmt.Errorf("aggregate: MemberTotal count probabilities sum to %v, not 1 (within 1e-12)", tc)
	}
	return nil
}
