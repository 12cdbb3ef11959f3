package aggregate

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/dsp/fourier"
)

// LeaveOneOut returns, for each i, the distribution of the sum of every
// term but the i-th: out[i] is Convolve(step, ls without ls[i]), the same
// numbers to the bit (the same transforms and products, in the same order),
// with the work the n sums have in common done once — each term's transform
// of a given length is computed once for all the sums that use it, and each
// pairwise sum of the Huffman order once for all that reach it. With one
// term, out[0] is the point mass at 0. It needs at least one term.
func LeaveOneOut(step float64, ls ...*Lattice) ([]*Lattice, error) {
	return NewConvolver(step).LeaveOneOut(ls...)
}

// Convolver shares the work of several Convolve-s on one step: a term
// (the same *Lattice, not modified between calls) is regridded once, its
// transform of a given length computed once, and each pairwise sum of the
// Huffman order once, across all its calls. Not safe for concurrent use.
type Convolver struct {
	step  float64
	terms map[*Lattice]*Lattice    // a term regridded and trimmed
	orig  map[*Lattice]*Lattice    // the term a regridded one came from
	coef  map[coefKey][]complex128 // a term's transform at a length
	tr    *Transforms              // transforms kept across Convolvers (nil: none)
	pairs map[[2]*Lattice]*Lattice // convolve2's sums, by their terms (in order)
}

type coefKey struct {
	l *Lattice
	m int
}

// NewConvolver returns a Convolver on the multiples of step.
func NewConvolver(step float64) *Convolver {
	return &Convolver{step: step, terms: map[*Lattice]*Lattice{}, orig: map[*Lattice]*Lattice{},
		coef: map[coefKey][]complex128{}, pairs: map[[2]*Lattice]*Lattice{}}
}

// NewConvolverWith returns a Convolver on the multiples of step that keeps
// its terms' transforms in tr (nil: its own), for other Convolvers to use.
func NewConvolverWith(step float64, tr *Transforms) *Convolver {
	c := NewConvolver(step)
	c.tr = tr
	return c
}

// Transforms keeps terms' transforms for Convolvers across calls and
// goroutines: a term (the same *Lattice, which must not be modified while
// the cache holds it) is transformed once a step and a length — the same
// numbers as transforming it again. It holds at most limit bytes of
// transforms; past that it starts again empty. Safe for concurrent use.
type Transforms struct {
	mu           sync.Mutex
	m            map[transformKey][]complex128
	bytes, limit int
}

type transformKey struct {
	l    *Lattice
	step float64
	m    int
}

// NewTransforms returns an empty cache of at most limit bytes.
func NewTransforms(limit int) *Transforms {
	return &Transforms{m: map[transformKey][]complex128{}, limit: limit}
}

func (t *Transforms) get(k transformKey) []complex128 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[k]
}

func (t *Transforms) put(k transformKey, c []complex128) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.m[k]; ok {
		return
	}
	n := 16 * len(c)
	if t.bytes+n > t.limit {
		clear(t.m)
		t.bytes = 0
	}
	if n <= t.limit {
		t.m[k] = c
		t.bytes += n
	}
}

// Convolve is the package's Convolve on the Convolver's step, the same
// numbers to the bit (the same terms, transforms, products and order), with
// each term regridded once and its transform of the all-at-once length kept
// (in the Convolver and its Transforms) for the Convolver's other calls:
// a fund's convolution at each trend node and its leave-one-out sums
// (LeaveOneOutShared, the same length) share their terms' transforms.
func (s *Convolver) Convolve(ls ...*Lattice) (*Lattice, error) {
	step := s.step
	if len(ls) == 0 {
		return nil, errors.New("aggregate: Convolve of nothing")
	}
	if !(step > 0) || math.IsInf(step, 0) {
		return nil, fmt.Errorf("aggregate: Convolve step %v", step)
	}
	terms, err := s.regridded(ls)
	if err != nil {
		return nil, err
	}
	if n := points(terms); n > 1<<26 {
		return nil, tooLargef("aggregate: Convolve needs %d points at step %g; use a larger step", n, step)
	}
	return sumOf(terms, step, func(h []*Lattice) *Lattice { return convolveHuffman(h, step) }, s.all), nil
}

// LeaveOneOut is the package's LeaveOneOut on the Convolver's step, sharing
// the work with its other calls.
func (s *Convolver) LeaveOneOut(ls ...*Lattice) ([]*Lattice, error) {
	step := s.step
	if len(ls) == 0 {
		return nil, errors.New("aggregate: LeaveOneOut of nothing")
	}
	if !(step > 0) || math.IsInf(step, 0) {
		return nil, fmt.Errorf("aggregate: LeaveOneOut step %v", step)
	}
	terms, err := s.regridded(ls)
	if err != nil {
		return nil, err
	}
	out := make([]*Lattice, len(ls))
	for i := range ls {
		if len(ls) == 1 {
			out[i] = &Lattice{Step: step, PMF: []float64{1}}
			continue
		}
		h := make([]*Lattice, 0, len(ls)-1)
		for j, t := range terms {
			if j != i {
				h = append(h, t)
			}
		}
		if n := points(h); n > 1<<26 {
			return nil, tooLargef("aggregate: Convolve needs %d points at step %g; use a larger step", n, step)
		}
		out[i] = sumOf(h, step, s.huffman, s.all)
	}
	return out, nil
}

// coefficients is the transform of length m of the term l (on the step),
// kept by the convolver and, when it has one, in the batch's store; buf
// (length m) is the scratch the transform is computed in.
func (s *Convolver) coefficients(l *Lattice, m int, step float64, fft *fourier.FFT, buf []float64) []complex128 {
	c := s.coef[coefKey{l, m}]
	tk := transformKey{s.orig[l], step, m}
	if c == nil && s.tr != nil {
		c = s.tr.get(tk)
	}
	if c == nil {
		clear(buf)
		copy(buf, l.PMF)
		c = fft.Coefficients(nil, buf)
		if s.tr != nil {
			s.tr.put(tk, c)
		}
	}
	s.coef[coefKey{l, m}] = c
	return c
}

// all is convolveAll with each term's transform kept.
func (s *Convolver) all(ls []*Lattice) *Lattice {
	n := 1
	want, onOrBelow := 1.0, 1.0
	origin := 0.0
	for _, l := range ls {
		n += len(l.PMF) - 1
		m := kahanSum(l.PMF)
		want *= m
		onOrBelow *= m + l.Below
		origin += l.Origin
	}
	m := fftLen(n)
	fft := getFFT(m) // a plan from the package's pool: the same numbers as a new one
	defer putFFT(fft)
	buf := make([]float64, m)
	var prod []complex128
	for i, l := range ls {
		c := s.coefficients(l, m, s.step, fft, buf)
		if i == 0 {
			prod = append([]complex128(nil), c...)
			continue
		}
		for k := range prod {
			prod[k] *= c[k]
		}
	}
	return finish(&Lattice{Origin: origin, Step: s.step}, fft.Sequence(buf, prod)[:n], m, want, onOrBelow)
}

// huffman is convolveHuffman with each pairwise sum kept.
func (s *Convolver) huffman(ls []*Lattice) *Lattice {
	h := termHeap(append([]*Lattice(nil), ls...))
	heap.Init(&h)
	for h.Len() > 1 {
		a := heap.Pop(&h).(*Lattice)
		b := heap.Pop(&h).(*Lattice)
		k := [2]*Lattice{a, b}
		c := s.pairs[k]
		if c == nil {
			c = convolve2(a, b, s.step)
			s.pairs[k] = c
		}
		heap.Push(&h, c)
	}
	// A kept pairwise sum may be the result of several of the n sums: each
	// gets its own copy.
	r := h[0]
	return &Lattice{Origin: r.Origin, Step: r.Step, PMF: append([]float64(nil), r.PMF...), Below: r.Below, Above: r.Above}
}

// regridded are the terms ls on the convolver's step, trimmed — each
// computed once and kept for the convolver's later calls (an error when a
// term is empty or not a pmf).
func (s *Convolver) regridded(ls []*Lattice) ([]*Lattice, error) {
	terms := make([]*Lattice, len(ls))
	for i, l := range ls {
		if l == nil || len(l.PMF) == 0 {
			return nil, fmt.Errorf("aggregate: Convolve term %d is empty", i)
		}
		t, ok := s.terms[l]
		if !ok {
			if err := checkPMF(l.PMF); err != nil {
				return nil, fmt.Errorf("aggregate: Convolve term %d: %w", i, err)
			}
			t = trimmed(Regrid(l, s.step))
			s.terms[l] = t
			s.orig[t] = l
		}
		terms[i] = t
	}
	return terms, nil
}

// points is the number of points the sum of the terms needs.
func points(terms []*Lattice) int {
	n := 1
	for _, t := range terms {
		n += len(t.PMF) - 1
	}
	return n
}

// LeaveOneOutShared is LeaveOneOut with every sum taken at one transform
// length, the one that holds the sum of all the terms: each term is
// transformed once (kept as LeaveOneOut keeps it), the products of the
// terms before and after each one are formed once (prefix and suffix
// products), and each sum is one pointwise product and one inverse
// transform — 2n transforms for the n sums instead of up to n² at their own
// lengths. The numbers are LeaveOneOut's but for rounding (another
// transform length, another order of the products): within 1e-15 of a
// sum's largest mass, tested. A sum of one term is that term, as in
// LeaveOneOut.
func (s *Convolver) LeaveOneOutShared(ls ...*Lattice) ([]*Lattice, error) {
	if len(ls) <= 2 {
		return s.LeaveOneOut(ls...)
	}
	step := s.step
	if !(step > 0) || math.IsInf(step, 0) {
		return nil, fmt.Errorf("aggregate: LeaveOneOut step %v", step)
	}
	terms, err := s.regridded(ls)
	if err != nil {
		return nil, err
	}
	N := points(terms)
	if N > 1<<26 {
		return nil, tooLargef("aggregate: Convolve needs %d points at step %g; use a larger step", N, step)
	}
	m := fftLen(N)
	fft := getFFT(m) // a plan from the package's pool: the same numbers as a new one
	defer putFFT(fft)
	buf := make([]float64, m)
	coef := make([][]complex128, len(terms))
	mass := make([]float64, len(terms)) // each term's Σ PMF, taken once
	for i, l := range terms {
		coef[i] = s.coefficients(l, m, step, fft, buf)
		mass[i] = kahanSum(l.PMF)
	}
	// suf[i] = Π_(j > i) coef[j]; the prefix product runs along the loop.
	k := len(terms)
	suf := make([][]complex128, k)
	suf[k-1] = nil
	suf[k-2] = coef[k-1]
	for i := k - 3; i >= 0; i-- {
		p := make([]complex128, len(coef[i+1]))
		for j := range p {
			p[j] = coef[i+1][j] * suf[i+1][j]
		}
		suf[i] = p
	}
	out := make([]*Lattice, k)
	var pre []complex128
	prod := make([]complex128, len(coef[0])) // each sum's product (Sequence does not keep it)
	for i := range terms {
		switch {
		case pre == nil:
			copy(prod, suf[i])
		case suf[i] == nil:
			copy(prod, pre)
		default:
			for j := range prod {
				prod[j] = pre[j] * suf[i][j]
			}
		}
		n := 1
		want, onOrBelow, origin := 1.0, 1.0, 0.0
		o := &Lattice{Step: step}
		for j, l := range terms {
			if j == i {
				continue
			}
			n += len(l.PMF) - 1
			ms := mass[j]
			want *= ms
			onOrBelow *= ms + l.Below
			origin += l.Origin
			o.Continuous = o.Continuous || l.Continuous
			o.ExcessVariance += l.ExcessVariance
		}
		o.Origin = origin
		res := finish(o, fft.Sequence(make([]float64, m), prod)[:n], m, want, onOrBelow)
		res.Continuous, res.ExcessVariance = o.Continuous, o.ExcessVariance
		out[i] = res
		if pre == nil {
			pre = append([]complex128(nil), coef[i]...)
		} else if i < k-1 {
			for j := range pre {
				pre[j] *= coef[i][j]
			}
		}
	}
	return out, nil
}
