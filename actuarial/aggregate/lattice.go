package aggregate

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/dsp/fourier"
)

// Lattice is a distribution on the points Origin + k·Step, k = 0 … len(PMF)−1,
// with Below and Above the masses known only to lie below the first point or
// above the last (kept, never dropped: Σ PMF + Below + Above = 1). It is the
// form in which independent totals are added (Convolve) and scenarios mixed
// (Mix). Its risk measures are those of Result on the same lattice: the
// Above mass counts as above every point (VaR is +Inf past it), Below as at
// the origin.
type Lattice struct {
	Origin, Step float64
	PMF          []float64
	Below, Above float64

	g *gridDist // built on first use
}

// Lattice returns the lattice of an exact Result (FFT, Panjer), with its
// missing mass as Above; nil for Monte Carlo and the approximations.
func (r *Result) Lattice() *Lattice {
	g, ok := r.d.(*gridDist)
	if !ok {
		return nil
	}
	return &Lattice{Origin: g.origin, Step: g.h, PMF: append([]float64(nil), g.pmf...), Above: g.missing}
}

// FromSample returns the Monte Carlo Result of a sample of totals (not
// modified): empirical CDF, VaR as the ⌈np⌉-th order statistic, TVaR, stop
// loss and their standard errors as for Compute's Monte Carlo.
func FromSample(x []float64) *Result {
	s := append([]float64(nil), x...)
	mean, sd, skew := sampleMoments(s, Layer{})
	sort.Float64s(s)
	return &Result{Method: MonteCarlo, Paths: len(s), Mean: mean, SD: sd, Skewness: skew,
		StdErrMean: sd / math.Sqrt(float64(len(s))), d: newSampleDist(s)}
}

func (l *Lattice) grid() *gridDist {
	if l.g == nil {
		pmf := l.PMF
		if l.Below > 0 && len(pmf) > 0 {
			pmf = append([]float64(nil), pmf...)
			pmf[0] += l.Below
		}
		l.g = newGridDist(l.Step, l.Origin, pmf)
	}
	return l.g
}

// Mean returns E[S] of the mass on the lattice (Below counted at the
// origin), renormalised when Above > 0.
func (l *Lattice) Mean() float64 { m, _, _ := l.grid().moments(Layer{}); return m }

// Variance returns Var S of the mass on the lattice.
func (l *Lattice) Variance() float64 { s := l.SD(); return s * s }

// SD returns the standard deviation of S.
func (l *Lattice) SD() float64 { _, s, _ := l.grid().moments(Layer{}); return s }

// Skewness returns the skewness of S.
func (l *Lattice) Skewness() float64 { _, _, k := l.grid().moments(Layer{}); return k }

// CDF returns P(S ≤ x).
func (l *Lattice) CDF(x float64) float64 { return l.grid().cdf(x) }

// ExceedProb returns P(S > x), including Above.
func (l *Lattice) ExceedProb(x float64) float64 { return l.grid().surv(x) }

// VaR returns the smallest lattice point x with P(S ≤ x) ≥ p.
func (l *Lattice) VaR(p float64) float64 {
	if !(p > 0 && p < 1) {
		return math.NaN()
	}
	return l.grid().quantile(p)
}

// TVaR returns VaR(p) + E[(S − VaR(p))+]/(1 − p) (Acerbi–Tasche).
func (l *Lattice) TVaR(p float64) float64 {
	v := l.VaR(p)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	return v + l.StopLoss(v)/(1-p)
}

// StopLoss returns E[(S − d)+].
func (l *Lattice) StopLoss(d float64) float64 { return l.grid().stopLoss(d) }

// Mass returns Σ PMF.
func (l *Lattice) Mass() float64 {
	s := 0.0
	for _, v := range l.PMF {
		s += v
	}
	return s
}

// Regrid returns l on the lattice of multiples of step: the mass at x is
// split between the neighbouring multiples a ≤ x < a + step in the
// proportions that keep its mean, (a + step − x)/step and (x − a)/step. The
// mean and total mass are kept exactly; the variance grows by at most
// step²/4. l is returned unchanged when it is already on that lattice.
func Regrid(l *Lattice, step float64) *Lattice {
	if !(step > 0) {
		panic(fmt.Sprintf("aggregate: Regrid step %v", step))
	}
	o := l.Origin / step
	r := l.Step / step
	if math.Abs(o-math.Round(o)) < 1e-9 && math.Abs(r-1) < 1e-12 {
		return l
	}
	start := math.Floor(o + 1e-9)
	last := l.Origin + float64(max(len(l.PMF)-1, 0))*l.Step
	n := int(math.Floor(last/step+1e-9)-start) + 2
	out := &Lattice{Origin: start * step, Step: step, PMF: make([]float64, n), Below: l.Below, Above: l.Above}
	for j, v := range l.PMF {
		if v == 0 {
			continue
		}
		u := (l.Origin+float64(j)*l.Step)/step - start
		k := math.Floor(u + 1e-9)
		f := u - k
		if f < 1e-9 {
			f = 0
		}
		out.PMF[int(k)] += v * (1 - f)
		if f > 0 {
			out.PMF[int(k)+1] += v * f
		}
	}
	return trim(out, false)
}

// trim drops trailing points of mass below 1e-300 (exact zeros and
// denormals) into Above, and with leading also the leading ones into Below
// (moving the origin).
func trim(l *Lattice, leading bool) *Lattice {
	lo, hi := 0, len(l.PMF)
	for leading && lo < hi-1 && l.PMF[lo] <= 1e-300 {
		l.Below += math.Max(l.PMF[lo], 0)
		lo++
	}
	for hi > lo+1 && l.PMF[hi-1] <= 1e-300 {
		l.Above += math.Max(l.PMF[hi-1], 0)
		hi--
	}
	l.Origin += float64(lo) * l.Step
	l.PMF = l.PMF[lo:hi]
	l.g = nil
	return l
}

// Convolve returns the distribution of the sum of independent lattice
// variables, each first regridded to multiples of step (Regrid): the product
// of their discrete Fourier transforms (gonum's real FFT) on a length that
// holds the whole support, so nothing wraps around. Below and Above
// propagate: a sum with any term off its lattice is off the result's
// (Below = 1 − Π(1 − Below_i) and likewise Above, to first order their sum).
// Rounding noise of the transform (|p| below 1e-16 of the largest point) is
// set to zero.
func Convolve(step float64, ls ...*Lattice) (*Lattice, error) {
	if len(ls) == 0 {
		return nil, errors.New("aggregate: Convolve of nothing")
	}
	if !(step > 0) || math.IsInf(step, 0) {
		return nil, fmt.Errorf("aggregate: Convolve step %v", step)
	}
	rs := make([]*Lattice, len(ls))
	n := 1
	origin, keepB, keepA := 0.0, 1.0, 1.0
	for i, l := range ls {
		if len(l.PMF) == 0 {
			return nil, fmt.Errorf("aggregate: Convolve term %d is empty", i)
		}
		rs[i] = Regrid(l, step)
		n += len(rs[i].PMF) - 1
		origin += rs[i].Origin
		keepB *= 1 - rs[i].Below
		keepA *= 1 - rs[i].Above
	}
	if n > 1<<26 {
		return nil, fmt.Errorf("aggregate: Convolve needs %d points at step %g; use a larger step", n, step)
	}
	out := &Lattice{Origin: origin, Step: step, Below: 1 - keepB, Above: 1 - keepA}
	if len(rs) == 1 {
		out.PMF = append([]float64(nil), rs[0].PMF...)
		return out, nil
	}
	// Small terms: direct convolution is exact and cheap.
	if n <= 64 || smallProduct(rs) {
		acc := append([]float64(nil), rs[0].PMF...)
		for _, r := range rs[1:] {
			acc = directConvolve(acc, r.PMF)
		}
		out.PMF = acc
		return trim(out, true), nil
	}
	m := fftLen(n)
	fft := fourier.NewFFT(m)
	buf := make([]float64, m)
	var prod []complex128
	for i, r := range rs {
		clear(buf)
		copy(buf, r.PMF)
		c := fft.Coefficients(nil, buf)
		if i == 0 {
			prod = c
			continue
		}
		for k := range prod {
			prod[k] *= c[k]
		}
	}
	res := fft.Sequence(nil, prod)
	top := 0.0
	for k := range res {
		res[k] /= float64(m)
		top = math.Max(top, res[k])
	}
	for k := range res {
		if res[k] < 1e-16*top {
			res[k] = 0
		}
	}
	out.PMF = res[:n]
	// Keep the total mass exact: the FFT's rounding is spread proportionally.
	want := 1.0
	for _, r := range rs {
		want *= r.Mass()
	}
	if s := sum(out.PMF); s > 0 {
		f := want / s
		for k := range out.PMF {
			out.PMF[k] *= f
		}
	}
	return trim(out, true), nil
}

func sum(x []float64) float64 {
	s, c := 0.0, 0.0
	for _, v := range x {
		t := v - c
		u := s + t
		c = (u - s) - t
		s = u
	}
	return s
}

func smallProduct(rs []*Lattice) bool {
	ops := 0
	acc := len(rs[0].PMF)
	for _, r := range rs[1:] {
		ops += acc * len(r.PMF)
		acc += len(r.PMF) - 1
	}
	return ops <= 1<<16
}

func directConvolve(a, b []float64) []float64 {
	out := make([]float64, len(a)+len(b)-1)
	for i, x := range a {
		if x == 0 {
			continue
		}
		for j, y := range b {
			out[i+j] += x * y
		}
	}
	return out
}

// fftLen is the smallest 2^a·3^b·5^c ≥ n (fast lengths for gonum's FFT).
func fftLen(n int) int {
	best := 1
	for best < n {
		best <<= 1
	}
	for p2 := 1; p2 < best; p2 <<= 1 {
		for p3 := p2; p3 < best; p3 *= 3 {
			for p5 := p3; p5 < best; p5 *= 5 {
				if p5 >= n && p5 < best {
					best = p5
				}
			}
		}
	}
	return best
}

// Mix returns the mixture Σ w_i·L_i on the lattice of multiples of step
// (each term regridded): the law of S when S is distributed as L_i with
// probability w_i. The weights must be non-negative and sum to 1 within 1e-12.
func Mix(step float64, weights []float64, ls []*Lattice) (*Lattice, error) {
	if len(weights) != len(ls) || len(ls) == 0 {
		return nil, fmt.Errorf("aggregate: Mix of %d lattices with %d weights", len(ls), len(weights))
	}
	tw := 0.0
	for _, w := range weights {
		if !(w >= 0) {
			return nil, fmt.Errorf("aggregate: Mix weight %v", w)
		}
		tw += w
	}
	if math.Abs(tw-1) > 1e-12 {
		return nil, fmt.Errorf("aggregate: Mix weights sum to %v, not 1", tw)
	}
	if len(ls) == 1 {
		return Regrid(ls[0], step), nil
	}
	rs := make([]*Lattice, len(ls))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, l := range ls {
		rs[i] = Regrid(l, step)
		lo = math.Min(lo, rs[i].Origin)
		hi = math.Max(hi, rs[i].Origin+float64(len(rs[i].PMF)-1)*step)
	}
	n := int(math.Round((hi-lo)/step)) + 1
	out := &Lattice{Origin: lo, Step: step, PMF: make([]float64, n)}
	for i, r := range rs {
		w := weights[i]
		off := int(math.Round((r.Origin - lo) / step))
		for k, v := range r.PMF {
			out.PMF[off+k] += w * v
		}
		out.Below += w * r.Below
		out.Above += w * r.Above
	}
	return out, nil
}
