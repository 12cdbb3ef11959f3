package aggregate

import (
	"fmt"
	"math"
	"sort"
	"sync"
)

// Result is the distribution of a total claim cost S (or of a layer of it,
// see WithLayer) computed by one method.
//
// Risk measures (all methods):
//
//	CDF(x)       P(S ≤ x)
//	Survival(x)  P(S > x) (= ExceedProb(x)), including MissingMass
//	VaR(p)       the smallest x with CDF(x) ≥ p, 0 < p < 1 (+Inf if none)
//	TVaR(p)      VaR(p) + E[(S − VaR(p))+]/(1 − p)   (Acerbi–Tasche)
//	StopLoss(d)  E[(S − d)+]
//
// TVaR is the Acerbi–Tasche expected shortfall, the mean of VaR(u) over
// u in (p, 1). When S has no atom at VaR(p) it equals E[S | S > VaR(p)]
// (VALIDATION A's definition for a continuous S); with an atom there (a
// lattice or a sample) it is the right generalisation, whereas the naive
// E[S | S > VaR] would jump as p crosses the atom.
//
// Exact methods (FFT, Panjer) hold a lattice distribution: PMF[j] =
// P(S_h = Origin + j·Step), where S_h is the total of the discretised
// payments. MissingMass = 1 − Σ PMF is the mass the grid does not hold
// (claims beyond the severity grid, totals outside the window); it is not
// placed anywhere: CDF tops out at 1 − MissingMass and Survival includes
// it. Moments (Mean, SD, Skewness) are those of the PMF normalised by Σ PMF.
//
// Read as a step function (Continuous false: Upper, Lower, an empirical
// severity, CompoundFFT and CompoundPanjer): CDF is the lattice's step
// function (x within 1e-9·Step below a grid point counts as on it) and VaR
// is a grid point (p is reduced by 64 machine epsilons first, so that a p
// equal to a cumulative mass returns that point despite rounding). With
// Upper and Lower the step CDF is a bound (see Bracket).
//
// Between lattice points (Continuous: Compute with Rounding or Unbiased and
// a continuous severity): the lattice point x stands for the cell
// [x − h/2, x + h/2) (Rounding's cell; an Unbiased point mass is a hat of
// width 2h centred on x, with the same centre and mean), and its mass is
// spread uniformly over that cell: F̃ is linear between the cells' ends,
// F̃(x + h/2) = Σ_(points ≤ x) PMF. When the lattice starts at 0 the point
// at 0 is kept as an atom (P(S = 0): no claim, or only claims paying 0; the
// mass of (0, h/2) is there too); other atoms of S (a per-claim limit's
// multiples) are smeared over their cells. The spread total S̃ differs from
// S by a mean-zero noise of variance D = ExcessVariance + h²/12 (each
// claim's discretisation error, and the spread), so, to first order in D
// (Sheppard's correction),
//
//	CDF(x)      = F̃(x) − (D/2)·f̃'(x)
//	VaR(p)      = the least x with CDF(x) ≥ p  (≈ ṽ + (D/2)·f̃'(ṽ)/f̃(ṽ), F̃(ṽ) = p)
//	StopLoss(d) = E[(S̃ − d)+] − (D/2)·f̃(d)
//
// with f̃ = PMF/h the cell's density and f̃' its central difference; TVaR
// by the Acerbi–Tasche formula on them. Against the exact compound
// Poisson–gamma (λ = 5 … 5000, the automatic step) VaR and TVaR are within
// 1e-7 relative (the step function: up to 3e-5), for Unbiased always and
// for Rounding when the payment's density vanishes at 0; where it does not
// (a deductible, an exponential or Pareto severity) Rounding moves each
// claim's mean by O(h²·f(0+)), which no reading undoes (2.5e-5 on VaR for
// exponential claims at λ = 5000): use Unbiased for such accuracy.
//
// Monte Carlo holds the sorted sample: CDF is the empirical CDF, VaR the
// ⌈np⌉-th order statistic, TVaR and StopLoss the sample versions; StdErr*
// give standard errors. The Normal and NormalPower approximations hold a
// formula (Approximate is true).
type Result struct {
	Method         Method
	Discretization Discretization // exact methods only
	Approximate    bool           // true for Normal and NormalPower

	Step   float64   // h (exact methods)
	Origin float64   // x of PMF[0] (exact methods)
	PMF    []float64 // P(S_h = Origin + j·Step) (exact methods); always of S, before any layer

	// Moments of the computed distribution (of the layer when one is set).
	Mean, SD, Skewness float64
	// Moments of S from the frequency's cumulants and the payment's raw
	// moments (NaN when unavailable or when a layer is set):
	// E[S] = κ₁m₁, Var S = κ₁(m₂ − m₁²) + κ₂m₁²,
	// κ₃(S) = κ₁κ₃(Y) + 3κ₂m₁Var(Y) + κ₃(N)m₁³.
	ExactMean, ExactSD, ExactSkewness float64

	MissingMass  float64 // 1 − Σ PMF (exact methods), clamped at 0
	MissingBound float64 // rigorous bound on the mass outside (Chernoff bounds plus severity tail), exact methods
	Tilt         float64 // FFT: exponential tilt θ per grid step (0 for the others)

	Paths      int     // Monte Carlo
	StdErrMean float64 // Monte Carlo: SD/√n

	Layer Layer // the layer applied to S (zero: none)

	// Continuous (exact methods): the risk measures interpolate inside the
	// cells (see "Between lattice points" above) instead of treating the
	// lattice as the distribution. Compute sets it for the Rounding and
	// Unbiased discretisations of a continuous severity (any but
	// dist.Empirical); CompoundFFT and CompoundPanjer leave it false.
	Continuous bool
	// ExcessVariance is Var S_h − Var S, the variance the discretisation
	// adds to the total (Compute: the lattice's variance less the exact one,
	// when both are finite; 0 otherwise). With Continuous, the risk measures
	// remove it, and the spread's h²/12, to first order (see "Between
	// lattice points").
	ExcessVariance float64

	d backend
}

// be returns the backend of the risk measures: the lattice interpolated
// inside its cells when Continuous.
func (r *Result) be() backend {
	if r.Continuous {
		if g, ok := r.d.(*gridDist); ok {
			return newContGrid(g, r.ExcessVariance)
		}
	}
	return r.d
}

// backend is the distribution of S behind a Result.
type backend interface {
	cdf(x float64) float64      // P(S ≤ x)
	surv(x float64) float64     // P(S > x), including missing mass
	quantile(p float64) float64 // smallest x with cdf(x) ≥ p (+Inf if none)
	stopLoss(d float64) float64 // E[(S − d)+]
	moments(l Layer) (mean, sd, skew float64)
}

// WithLayer returns the distribution of the layer T = min((S − R)+, M) of
// this result's S (applied to S, not on top of an existing layer). VaR and
// CDF transform exactly (VaR_T = min((VaR_S − R)+, M)); StopLoss_T(d) =
// StopLoss_S(R + d) − StopLoss_S(R + M) for 0 ≤ d < M; TVaR by the same
// Acerbi–Tasche formula. Missing mass counts as above R + M (T = M).
func (r *Result) WithLayer(l Layer) (*Result, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	c := *r
	c.Layer = l
	c.Mean, c.SD, c.Skewness = r.d.moments(l)
	if !l.IsZero() {
		c.ExactMean, c.ExactSD, c.ExactSkewness = math.NaN(), math.NaN(), math.NaN()
		if c.Method == MonteCarlo {
			c.StdErrMean = c.SD / math.Sqrt(float64(c.Paths))
		}
	}
	return &c, nil
}

// CDF returns P(S ≤ x) (of the layer when one is set).
func (r *Result) CDF(x float64) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	if r.Layer.IsZero() {
		return r.be().cdf(x)
	}
	switch {
	case x < 0:
		return 0
	case x >= r.Layer.limit():
		return 1
	}
	return r.be().cdf(r.Layer.Retention + x)
}

// Survival returns P(S > x), including the missing mass.
func (r *Result) Survival(x float64) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	if r.Layer.IsZero() {
		return r.be().surv(x)
	}
	switch {
	case x < 0:
		return 1
	case x >= r.Layer.limit():
		return 0
	}
	return r.be().surv(r.Layer.Retention + x)
}

// ExceedProb returns P(S > x), the probability that the cost exceeds x
// (e.g. that claims exceed the contribution income x): the same as
// Survival, named for that question.
func (r *Result) ExceedProb(x float64) float64 { return r.Survival(x) }

// VaR returns the smallest x with CDF(x) ≥ p for 0 < p < 1 (NaN outside;
// +Inf when the computed distribution never reaches p, which can only
// happen for p > 1 − MissingMass).
func (r *Result) VaR(p float64) float64 {
	if !(p > 0 && p < 1) {
		return math.NaN()
	}
	v := r.be().quantile(p)
	if r.Layer.IsZero() {
		return v
	}
	return r.Layer.Apply(v)
}

// TVaR returns VaR(p) + StopLoss(VaR(p))/(1 − p) (Acerbi–Tasche).
func (r *Result) TVaR(p float64) float64 {
	v := r.VaR(p)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	return v + r.StopLoss(v)/(1-p)
}

// StopLoss returns E[(S − d)+].
func (r *Result) StopLoss(d float64) float64 {
	if math.IsNaN(d) {
		return math.NaN()
	}
	if r.Layer.IsZero() {
		return r.be().stopLoss(d)
	}
	be := r.be()
	R, M := r.Layer.Retention, r.Layer.limit()
	top := 0.0
	if !math.IsInf(M, 1) {
		top = be.stopLoss(R + M)
	}
	switch {
	case d >= M:
		return 0
	case d < 0:
		return be.stopLoss(R) - top - d
	}
	return math.Max(0, be.stopLoss(R+d)-top)
}

// StdErrVaR returns the Monte Carlo standard error of VaR(p) by the order
// statistic method: with k = ⌈np⌉ and m = √(np(1−p)), half the spread
// (x_(k+m) − x_(k−m))/2 of the order statistics one binomial standard
// deviation either side. 0 for the other methods.
func (r *Result) StdErrVaR(p float64) float64 {
	s, ok := r.d.(*sampleDist)
	if !ok {
		return 0
	}
	if !(p > 0 && p < 1) {
		return math.NaN()
	}
	n := float64(len(s.x))
	m := math.Sqrt(n * p * (1 - p))
	k := s.rank(p)
	lo := int(math.Floor(float64(k) - m))
	hi := int(math.Ceil(float64(k) + m))
	lo = max(lo, 1)
	hi = min(hi, len(s.x))
	f := func(i int) float64 { return r.Layer.Apply(s.x[i-1]) }
	if r.Layer.IsZero() {
		f = func(i int) float64 { return s.x[i-1] }
	}
	return (f(hi) - f(lo)) / (float64(hi-lo) / m)
}

// StdErrTVaR returns the Monte Carlo standard error of TVaR(p) by the
// asymptotic formula of Manistre & Hancock (2005):
//
//	Var ≈ [Var(S | S > VaR) + p·(TVaR − VaR)²] / (n(1 − p)),
//
// the conditional variance taken from the sample tail. 0 for the other
// methods.
func (r *Result) StdErrTVaR(p float64) float64 {
	s, ok := r.d.(*sampleDist)
	if !ok {
		return 0
	}
	if !(p > 0 && p < 1) {
		return math.NaN()
	}
	v, tv := r.VaR(p), r.TVaR(p)
	k := s.rank(p)
	var m, m2 float64
	cnt := 0
	for i := k; i < len(s.x); i++ { // order statistics above the k-th
		x := s.x[i]
		if !r.Layer.IsZero() {
			x = r.Layer.Apply(x)
		}
		if x <= v {
			continue
		}
		cnt++
		d := x - m
		m += d / float64(cnt)
		m2 += d * (x - m)
	}
	cv := 0.0
	if cnt > 1 {
		cv = m2 / float64(cnt-1)
	}
	n := float64(len(s.x))
	return math.Sqrt((cv + p*(tv-v)*(tv-v)) / (n * (1 - p)))
}

// StdErrProb returns the Monte Carlo standard error √(q(1−q)/n) of
// ExceedProb(x) = q. 0 for the other methods.
func (r *Result) StdErrProb(x float64) float64 {
	s, ok := r.d.(*sampleDist)
	if !ok {
		return 0
	}
	q := r.Survival(x)
	return math.Sqrt(q * (1 - q) / float64(len(s.x)))
}

// Sample returns the Monte Carlo totals in increasing order (a copy; nil
// for the other methods). The layer is not applied.
func (r *Result) Sample() []float64 {
	s, ok := r.d.(*sampleDist)
	if !ok {
		return nil
	}
	return append([]float64(nil), s.x...)
}

// ---- lattice distribution ----

// gridDist is a lattice distribution: pmf[j] = P(S = origin + j·h).
type gridDist struct {
	h, origin float64
	pmf       []float64
	total     float64 // Σ pmf (compensated), the last of the cumulative sums
	missing   float64
	ps        *gridSums
	mo        *gridMoments
}

// gridMoments are a lattice's mean, sd and skewness, computed once (they
// depend on the pmf's values, h and the origin alone, so copies of a
// gridDist over equal pmfs share them).
type gridMoments struct {
	once           sync.Once
	mean, sd, skew float64
}

// gridSums are a lattice's partial sums, each computed on the first risk
// measure that needs it (see gridDist.cumSums, tailSums, slSums): a
// compound that is only mixed, convolved or asked for its moments never
// needs them, a sum read only for exceedance probabilities needs the tail
// sums alone.
type gridSums struct {
	cumOnce, tailOnce, slOnce sync.Once
	cum                       []float64 // cum[j] = Σ_{i ≤ j} pmf_i (compensated)
	tail                      []float64 // tail[j] = Σ_{i ≥ j} pmf_i, summed from the top; tail[len] = 0
	sl                        []float64 // sl[j] = Σ_{i > j} (i − j) pmf_i
}

func newGridDist(h, origin float64, pmf []float64) *gridDist {
	return newGridDistSum(h, origin, pmf, kahanSum(pmf))
}

// newGridDistSum is newGridDist with total = kahanSum(pmf) already taken
// (the same sum, bit for bit, as the last of the cumulative sums).
func newGridDistSum(h, origin float64, pmf []float64, total float64) *gridDist {
	return &gridDist{h: h, origin: origin, pmf: pmf, total: total,
		missing: math.Max(0, 1-total), ps: &gridSums{}, mo: &gridMoments{}}
}

// cumSums returns the cumulative sums of g, computing them once (safe for
// concurrent use).
func (g *gridDist) cumSums() []float64 {
	g.ps.cumOnce.Do(func() {
		cum := make([]float64, len(g.pmf))
		s, c := 0.0, 0.0
		for j, v := range g.pmf {
			t := v - c
			u := s + t
			c = (u - s) - t
			s = u
			cum[j] = s
		}
		g.ps.cum = cum
	})
	return g.ps.cum
}

// tailSums returns the tail sums of g, computing them once.
func (g *gridDist) tailSums() []float64 {
	g.ps.tailOnce.Do(func() {
		pmf := g.pmf
		n := len(pmf)
		tail := make([]float64, n+1)
		s, c := 0.0, 0.0
		for j := n - 1; j >= 0; j-- {
			t := pmf[j] - c
			u := s + t
			c = (u - s) - t
			s = u
			tail[j] = s
		}
		g.ps.tail = tail
	})
	return g.ps.tail
}

// slSums returns the stop-loss sums of g, computing them (and the tail
// sums) once.
func (g *gridDist) slSums() []float64 {
	g.ps.slOnce.Do(func() {
		tail := g.tailSums()
		n := len(g.pmf)
		sl := make([]float64, n)
		for j := n - 2; j >= 0; j-- {
			sl[j] = sl[j+1] + tail[j+1]
		}
		g.ps.sl = sl
	})
	return g.ps.sl
}

// index returns the largest j with origin + j·h ≤ x (within 1e-9·h), which
// may be −1 or ≥ len(pmf).
func (g *gridDist) index(x float64) int {
	u := (x-g.origin)/g.h + 1e-9
	if u < 0 {
		return -1
	}
	if u >= float64(len(g.pmf)) {
		return len(g.pmf)
	}
	return int(math.Floor(u))
}

func (g *gridDist) cdf(x float64) float64 {
	k := g.index(x)
	switch {
	case k < 0:
		return 0
	case k >= len(g.pmf):
		return g.total
	}
	return g.cumSums()[k]
}

func (g *gridDist) surv(x float64) float64 {
	k := g.index(x)
	switch {
	case k < 0:
		return g.tailSums()[0] + g.missing
	case k >= len(g.pmf):
		return g.missing
	}
	return g.tailSums()[k+1] + g.missing
}

// contGrid is a gridDist read as a continuous distribution: each point's
// mass spread uniformly over its cell [x − h/2, x + h/2), except a point at
// 0 when the lattice starts there (S ≥ 0), which is kept as an atom: it
// holds P(S = 0) (no claim, or only claims that pay 0), and the mass of
// (0, h/2) that Rounding also puts there.
type contGrid struct {
	*gridDist
	// d2 is half the variance D the spread lattice has in excess of the
	// true total (see Result.ExcessVariance): the measures are corrected
	// by F = F̃ − (D/2)·f̃', E[(S − d)+] = SL̃(d) − (D/2)·f̃(d), and VaR
	// inverts F exactly.
	d2 float64
}

func newContGrid(g *gridDist, excess float64) contGrid {
	d := excess + g.h*g.h/12
	if !(d > 0) || math.IsInf(d, 0) {
		d = 0
	}
	return contGrid{g, d / 2}
}

// corrCDF returns the correction (D/2)·f̃' of the CDF in cell k.
func (g contGrid) corrCDF(k int) float64 {
	_, df := g.density(k)
	return g.d2 * df
}

// density returns the density f̃ in cell k and its derivative f̃' (by
// central differences of the cells' densities; one-sided next to the atom
// at 0 and at the ends).
func (g contGrid) density(k int) (f, df float64) {
	n := len(g.pmf)
	if k < 0 || k >= n {
		return 0, 0
	}
	if k == 0 && g.origin == 0 {
		return 0, 0 // the atom
	}
	h := g.h
	f = g.pmf[k] / h
	lo, hi := k-1, k+1
	if lo < 0 || lo == 0 && g.origin == 0 {
		lo = k
	}
	if hi >= n {
		hi = k
	}
	if hi == lo {
		return f, 0
	}
	return f, (g.pmf[hi] - g.pmf[lo]) / (float64(hi-lo) * h * h)
}

// cell returns the cell k holding x (x_k − h/2 ≤ x < x_k + h/2, possibly −1
// or ≥ len) and the fraction of it below x.
func (g contGrid) cell(x float64) (int, float64) {
	u := (x-g.origin)/g.h + 0.5
	if g.origin == 0 && x >= 0 && u < 1 {
		return 0, 1 // the point at 0 is an atom (cell [0, 0])
	}
	if u < 0 {
		return -1, 0
	}
	if u >= float64(len(g.pmf)) {
		return len(g.pmf), 0
	}
	k := math.Floor(u)
	return int(k), u - k
}

func (g contGrid) cdf(x float64) float64 {
	k, f := g.cell(x)
	switch {
	case k < 0:
		return 0
	case k >= len(g.pmf):
		return g.total
	}
	below := 0.0
	if k > 0 {
		below = g.cumSums()[k-1]
	}
	return math.Min(math.Max(below+f*g.pmf[k]-g.corrCDF(k), 0), g.total)
}

func (g contGrid) surv(x float64) float64 {
	k, f := g.cell(x)
	switch {
	case k < 0:
		return g.tailSums()[0] + g.missing
	case k >= len(g.pmf):
		return g.missing
	}
	return math.Max(g.tailSums()[k+1]+(1-f)*g.pmf[k]+g.corrCDF(k), 0) + g.missing
}

// quantile returns the least x with cdf(x) ≥ p (+Inf if none): the exact
// inverse of the corrected CDF, which is linear inside each cell (from
// cum[k−1] − (D/2)·f̃'_k to cum[k] − (D/2)·f̃'_k) and may step at a cell's
// edge; a p inside such a step gives the edge. Above the median it inverts
// the survival function surv (tail sums, with the missing mass), which
// keeps its relative accuracy there and makes VaR and ExceedProb agree to
// rounding, P(S > VaR_p) = 1 − p, even when the lattice's masses add up to
// 1 only within the methods' tolerance.
func (g contGrid) quantile(p float64) float64 {
	cum := g.cumSums()
	n := len(cum)
	j := sort.SearchFloat64s(cum, p)
	if j >= n {
		if j > 0 && cum[j-1] >= p*quantileFuzz {
			j = n - 1 // p equals the total mass up to rounding
		} else {
			return math.Inf(1)
		}
	}
	atom := g.origin == 0
	if j == 0 && atom {
		return 0 // the atom at 0
	}
	// lo(k) and hi(k): the corrected CDF at the start and end of cell k, or,
	// above the median, 1 − the corrected survival there.
	upper := p > 0.5
	var tail []float64
	if upper {
		tail = g.tailSums()
	}
	lo := func(k int) float64 {
		if upper {
			return 1 - (tail[k] + g.corrCDF(k) + g.missing)
		}
		if k <= 0 {
			return -g.corrCDF(k)
		}
		return cum[k-1] - g.corrCDF(k)
	}
	hi := func(k int) float64 {
		if upper {
			return 1 - (tail[k+1] + g.corrCDF(k) + g.missing)
		}
		return cum[k] - g.corrCDF(k)
	}
	first := 0
	if atom {
		first = 1
	}
	for range 64 { // the correction moves the crossing by a few cells at most
		switch {
		case hi(j) < p && j+1 < n:
			j++
		case j > first && lo(j) > p && hi(j-1) >= p:
			j--
		default:
			goto found
		}
	}
found:
	left := g.origin + (float64(j)-0.5)*g.h
	if lo(j) >= p || g.pmf[j] == 0 {
		return left
	}
	var m float64 // the mass of cell j below p
	if upper {
		m = tail[j] + g.corrCDF(j) + g.missing - (1 - p)
	} else {
		m = p - lo(j)
	}
	f := math.Min(math.Max(m/g.pmf[j], 0), 1)
	return left + f*g.h
}

// stopLoss returns E[(S − d)+] with each point's mass spread over its
// cell: Σ_(j>k) p_j (x_j − d) + p_k (x_k + h/2 − d)²/(2h) for d in cell k.
func (g contGrid) stopLoss(d float64) float64 {
	k, f := g.cell(d)
	switch {
	case k < 0:
		return (g.origin-d)*g.tailSums()[0] + g.h*g.slSums()[0]
	case k >= len(g.pmf):
		return 0
	}
	xk := g.origin + float64(k)*g.h
	r := (1 - f) * g.h // x_k + h/2 − d
	dens, _ := g.density(k)
	return math.Max(0, g.h*g.slSums()[k]+(xk-d)*g.tailSums()[k+1]+g.pmf[k]*r*r/(2*g.h)-g.d2*dens)
}

// quantileFuzz makes lattice quantiles land on a point whose cumulative
// mass equals p despite rounding, as R does: p is reduced by 64 machine
// epsilons (relative) before the search.
const quantileFuzz = 1 - 64*0x1p-52

func (g *gridDist) quantile(p float64) float64 {
	cum := g.cumSums()
	j := sort.SearchFloat64s(cum, p*quantileFuzz)
	if j >= len(cum) {
		return math.Inf(1)
	}
	return g.origin + float64(j)*g.h
}

func (g *gridDist) stopLoss(d float64) float64 {
	k := g.index(d)
	switch {
	case k < 0:
		return (g.origin-d)*g.tailSums()[0] + g.h*g.slSums()[0]
	case k >= len(g.pmf)-1:
		return 0
	}
	xk := g.origin + float64(k)*g.h
	return math.Max(0, g.h*g.slSums()[k]-(d-xk)*g.tailSums()[k+1])
}

func (g *gridDist) moments(l Layer) (mean, sd, skew float64) {
	if l.IsZero() {
		g.mo.once.Do(func() { g.mo.mean, g.mo.sd, g.mo.skew = g.layerMoments(l) })
		return g.mo.mean, g.mo.sd, g.mo.skew
	}
	return g.layerMoments(l)
}

// layerMoments computes the moments that moments returns.
func (g *gridDist) layerMoments(l Layer) (mean, sd, skew float64) {
	x := func(j int) float64 { return g.origin + float64(j)*g.h }
	tot := g.total
	if !(tot > 0) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	if l.IsZero() {
		// In lattice units about the origin, then scaled.
		var m float64
		for j, v := range g.pmf {
			m += float64(j) * v
		}
		m /= tot
		var c2, c3 float64
		for j, v := range g.pmf {
			d := float64(j) - m
			c2 += d * d * v
			c3 += d * d * d * v
		}
		c2 /= tot
		c3 /= tot
		return g.origin + m*g.h, math.Sqrt(c2) * g.h, skewOf(c2, c3)
	}
	var m float64
	for j, v := range g.pmf {
		m += l.Apply(x(j)) * v
	}
	m /= tot
	var c2, c3 float64
	for j, v := range g.pmf {
		d := l.Apply(x(j)) - m
		c2 += d * d * v
		c3 += d * d * d * v
	}
	c2 /= tot
	c3 /= tot
	return m, math.Sqrt(c2), skewOf(c2, c3)
}

func skewOf(c2, c3 float64) float64 {
	if !(c2 > 0) {
		return math.NaN()
	}
	return c3 / math.Pow(c2, 1.5)
}

// ---- sample ----

// sampleDist is the empirical distribution of a sorted sample.
type sampleDist struct {
	x      []float64 // sorted
	suffix []float64 // suffix[i] = Σ_{k ≥ i} x_k, summed from the top; suffix[n] = 0
}

func newSampleDist(sorted []float64) *sampleDist {
	n := len(sorted)
	s := &sampleDist{x: sorted, suffix: make([]float64, n+1)}
	sum, c := 0.0, 0.0
	for i := n - 1; i >= 0; i-- {
		t := sorted[i] - c
		u := sum + t
		c = (u - sum) - t
		sum = u
		s.suffix[i] = sum
	}
	return s
}

// rank returns k = ⌈np⌉ (1 ≤ k ≤ n), with a relative fuzz of 1e-12 so that
// np equal to an integer is not pushed up by rounding.
func (s *sampleDist) rank(p float64) int {
	n := len(s.x)
	k := int(math.Ceil(float64(n) * p * (1 - 1e-12)))
	return min(max(k, 1), n)
}

func (s *sampleDist) cdf(x float64) float64 {
	i := sort.Search(len(s.x), func(i int) bool { return s.x[i] > x })
	return float64(i) / float64(len(s.x))
}

func (s *sampleDist) surv(x float64) float64 {
	i := sort.Search(len(s.x), func(i int) bool { return s.x[i] > x })
	return float64(len(s.x)-i) / float64(len(s.x))
}

func (s *sampleDist) quantile(p float64) float64 { return s.x[s.rank(p)-1] }

func (s *sampleDist) stopLoss(d float64) float64 {
	i := sort.Search(len(s.x), func(i int) bool { return s.x[i] > d })
	n := len(s.x)
	return math.Max(0, (s.suffix[i]-float64(n-i)*d)/float64(n))
}

func (s *sampleDist) moments(l Layer) (mean, sd, skew float64) {
	return sampleMoments(s.x, l)
}

// sampleMoments returns the mean, the standard deviation (divisor n − 1) and
// the skewness (divisor n) of l.Apply(x), in index order.
func sampleMoments(x []float64, l Layer) (mean, sd, skew float64) {
	n := float64(len(x))
	ap := func(v float64) float64 { return v }
	if !l.IsZero() {
		ap = l.Apply
	}
	for _, v := range x {
		mean += ap(v)
	}
	mean /= n
	var c2, c3 float64
	for _, v := range x {
		d := ap(v) - mean
		c2 += d * d
		c3 += d * d * d
	}
	sd = math.Sqrt(c2 / math.Max(n-1, 1))
	return mean, sd, skewOf(c2/n, c3/n)
}

// String gives a one-line summary.
func (r *Result) String() string {
	return fmt.Sprintf("%s: mean %.6g, sd %.6g, skewness %.4g, missing mass %.2g",
		r.Method, r.Mean, r.SD, r.Skewness, r.MissingMass)
}
