package aggregate

import (
	"fmt"
	"math"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// Method is how the distribution of S is computed.
type Method int

const (
	FFT         Method = iota // exact on a lattice, fast Fourier transform with a window (default)
	Panjer                    // exact on a lattice, Panjer's recursion ((a, b, 0) and (a, b, 1) counts)
	MonteCarlo                // simulation, with standard errors
	Normal                    // normal approximation (approximate)
	NormalPower               // normal-power approximation (approximate)
)

func (m Method) String() string {
	switch m {
	case FFT:
		return "fft"
	case Panjer:
		return "panjer"
	case MonteCarlo:
		return "montecarlo"
	case Normal:
		return "normal"
	case NormalPower:
		return "normal-power"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Approximate reports whether m is a moment approximation.
func (m Method) Approximate() bool { return m == Normal || m == NormalPower }

// ParseMethod reads "fft", "panjer" (or "recursive"), "montecarlo" (or "mc",
// "simulation"), "normal", "normal-power" (or "np").
func ParseMethod(s string) (Method, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fft", "":
		return FFT, nil
	case "panjer", "recursive":
		return Panjer, nil
	case "montecarlo", "monte-carlo", "mc", "simulation":
		return MonteCarlo, nil
	case "normal":
		return Normal, nil
	case "normal-power", "np", "normalpower":
		return NormalPower, nil
	}
	return 0, inputErrorf("aggregate: unknown method %q; expected fft, panjer, montecarlo, normal or normal-power", s)
}

// Model is a collective risk model: S = Y_1 + … + Y_N with N ~ Frequency,
// the Y_i = Coverage.Apply(X_i) independent, X_i ~ Severity; Compute returns
// the distribution of Layer.Apply(S).
type Model struct {
	Frequency dist.Discrete
	Severity  dist.Continuous
	Coverage  Coverage // per claim
	Layer     Layer    // on the total
}

// Validate checks the distributions (their Validate methods), the coverage
// and the layer.
func (m Model) Validate() error {
	if _, err := newCounts(m.Frequency); err != nil {
		return err
	}
	if err := checkSeverity(m.Severity); err != nil {
		return err
	}
	if err := m.Coverage.Validate(); err != nil {
		return err
	}
	return m.Layer.Validate()
}

// Payment returns the per-claim payment variable.
func (m Model) Payment() Payment { return Payment{Loss: m.Severity, Coverage: m.Coverage} }

// Moments returns the exact mean, standard deviation and skewness of S
// (before the layer) from the frequency's cumulants and the payment's raw
// moments (see Result.ExactMean); NaN or +Inf when they do not exist or
// the frequency's third cumulant is unknown.
func (m Model) Moments() (mean, sd, skew float64, err error) {
	if err := m.Validate(); err != nil {
		return 0, 0, 0, err
	}
	cnt, _ := newCounts(m.Frequency)
	mean, sd, skew = m.moments(cnt)
	return mean, sd, skew, nil
}

func (m Model) moments(cnt *counts) (mean, sd, skew float64) {
	p := m.Payment()
	m1 := p.Mean()
	m2 := p.RawMoment(2)
	m3 := p.RawMoment(3)
	mean, sd, skew = compoundMoments(cnt, m1, m2, m3)
	if math.IsInf(m2, 1) {
		sd, skew = math.Inf(1), math.NaN()
	} else if math.IsInf(m3, 1) {
		skew = math.Inf(1)
	}
	return mean, sd, skew
}

// Options control Compute. The zero value is FFT with an automatic step,
// Rounding, Tol 1e-9.
type Options struct {
	Method Method
	// Step is the lattice step h in money units for FFT and Panjer; 0 picks
	// one (see AutoStep).
	Step           float64
	Discretization Discretization
	// Tol is the largest mass an exact method may leave off its grid
	// (default 1e-9): claims beyond the severity grid get at most Tol/4
	// (per-claim tail Tol/(4·max(E[N], 1))), the two tails of the FFT
	// window Tol/4 each, the tail above Panjer's last point Tol/2.
	Tol float64
	// MaxPoints caps the number of grid points (severity grid, FFT window,
	// Panjer recursion); default 1<<22.
	MaxPoints int

	Paths   int    // Monte Carlo paths (default 100,000)
	Seed    uint64 // Monte Carlo seed
	Workers int    // Monte Carlo goroutines (default GOMAXPROCS); the sample does not depend on it
}

const (
	defaultTol       = 1e-9
	defaultMaxPoints = 1 << 22
	defaultPaths     = 100_000
)

func (o Options) withDefaults() Options {
	if o.Tol == 0 {
		o.Tol = defaultTol
	}
	if o.MaxPoints == 0 {
		o.MaxPoints = defaultMaxPoints
	}
	if o.Paths == 0 {
		o.Paths = defaultPaths
	}
	if o.Workers <= 0 {
		o.Workers = defaultWorkers()
	}
	return o
}

func (o Options) validate() error {
	if o.Method < FFT || o.Method > NormalPower {
		return inputErrorf("aggregate: unknown method %d", int(o.Method))
	}
	if o.Discretization < Rounding || o.Discretization > Unbiased {
		return inputErrorf("aggregate: unknown discretization %d", int(o.Discretization))
	}
	if !(o.Step >= 0) || math.IsInf(o.Step, 1) {
		return inputErrorf("aggregate: step must be finite and ≥ 0 (0: automatic), got %v", o.Step)
	}
	if !(o.Tol > 0 && o.Tol < 0.1) {
		return inputErrorf("aggregate: tolerance must be in (0, 0.1), got %v", o.Tol)
	}
	if o.MaxPoints < 16 {
		return inputErrorf("aggregate: MaxPoints must be at least 16, got %d", o.MaxPoints)
	}
	if o.Method == MonteCarlo && o.Paths < 2 {
		return inputErrorf("aggregate: Monte Carlo needs at least 2 paths, got %d", o.Paths)
	}
	return nil
}

// Compute returns the distribution of the model's total claim cost by
// o.Method. FFT and Panjer discretise the payment (DiscretizePayment, step
// o.Step or AutoStep) and compound it (CompoundFFT, CompoundPanjer); the
// Result's Exact* fields are then the model's exact moments (Model.Moments).
// A non-zero m.Layer is applied last (Result.WithLayer).
func Compute(m Model, o Options) (*Result, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	cnt, _ := newCounts(m.Frequency)
	mean, sd, skew := m.moments(cnt)
	var r *Result
	var err error
	switch o.Method {
	case FFT, Panjer:
		r, err = computeLattice(m, cnt, o, o.Discretization)
	case MonteCarlo:
		r, err = monteCarlo(m, o)
	case Normal, NormalPower:
		if !(sd >= 0) || math.IsInf(sd, 1) || math.IsInf(mean, 1) {
			return nil, inputErrorf("aggregate: the %s approximation needs a finite mean and variance of S (mean %v, sd %v)", o.Method, mean, sd)
		}
		if sd == 0 {
			return nil, inputErrorf("aggregate: S is degenerate (sd 0); nothing to approximate")
		}
		r = &Result{Method: o.Method, Approximate: true}
		if o.Method == Normal {
			r.d = normalDist{mean, sd}
		} else {
			if math.IsNaN(skew) || math.IsInf(skew, 0) {
				return nil, inputErrorf("aggregate: the normal-power approximation needs the skewness of S, which is unavailable (%v)", skew)
			}
			r.d = npDist{mean, sd, skew}
		}
		r.Mean, r.SD, r.Skewness = r.d.moments(Layer{})
	}
	if err != nil {
		return nil, err
	}
	r.ExactMean, r.ExactSD, r.ExactSkewness = mean, sd, skew
	if !m.Layer.IsZero() {
		return r.WithLayer(m.Layer)
	}
	return r, nil
}

func computeLattice(m Model, cnt *counts, o Options, disc Discretization) (*Result, error) {
	h := o.Step
	if h == 0 {
		var err error
		if h, err = autoStep(m, cnt, o.Tol); err != nil {
			return nil, err
		}
	}
	k1, _, _ := cnt.cumulants()
	tail := o.Tol / (4 * math.Max(k1, 1))
	g, err := DiscretizePayment(m.Severity, m.Coverage, h, disc, tail, o.MaxPoints)
	if err != nil {
		return nil, err
	}
	var r *Result
	if o.Method == Panjer {
		r, err = compoundPanjer(cnt, g, o.Tol, o.MaxPoints)
	} else {
		r, err = compoundFFT(cnt, g, o.Tol, o.MaxPoints)
	}
	if err != nil {
		return nil, err
	}
	_, empirical := m.Severity.(*dist.Empirical)
	r.Continuous = (disc == Rounding || disc == Unbiased) && !empirical
	if r.Continuous {
		r.ExcessVariance = excessVariance(m.Payment(), g, cnt)
	}
	return r, nil
}

// excessVariance returns E[N]·(E[Y_h²] − E[Y²·1{Y < t}]), the variance the
// discretisation adds to the total: each claim's Y_h − Y is (Unbiased
// exactly, Rounding nearly) a mean-zero noise, and the grid's second
// moment less the exact second moment of the mass it holds (Y below t, the
// end of its last cell) is its variance. 0 when it cannot be computed.
func excessVariance(p Payment, g *Grid, cnt *counts) float64 {
	n := float64(len(g.PMF) - 1)
	t := math.Inf(1)
	if math.IsInf(p.limit(), 1) {
		t = n * g.Step
		if g.Method == Rounding {
			t = (n + 0.5) * g.Step
		}
	}
	k1, _, _ := cnt.cumulants()
	v := k1 * (g.Moment(2) - p.secondMomentBelow(t))
	if !(v > 0) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// AutoStep returns the step Compute uses when Options.Step is 0: the
// largest of 1, 2, 2.5, 5 × 10^k not above
//
//	min(width/2^16, rms(Y)/20),
//
// where width = (E[S] + max(14·sd(S), y_τ)) − max(0, E[S] − 10·sd(S)) is a
// generous range of S (y_τ: the payment exceeded with probability
// Tol/(4·max(E[N], 1))) and rms(Y) = √E[Y²] (Y's 90% quantile when
// infinite). The first term keeps the FFT window near 2^16 points whatever
// E[S]; the second keeps the discretisation error of the sd of S below
// about 1e-4 relative. It needs a finite E[S].
func AutoStep(m Model, tol float64) (float64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	if tol == 0 {
		tol = defaultTol
	}
	cnt, _ := newCounts(m.Frequency)
	return autoStep(m, cnt, tol)
}

func autoStep(m Model, cnt *counts, tol float64) (float64, error) {
	mean, sd, _ := m.moments(cnt)
	if !(mean >= 0) || math.IsInf(mean, 1) {
		return 0, inputErrorf("aggregate: cannot choose a step: the mean of S is %v; set Options.Step (and a per-claim limit)", mean)
	}
	p := m.Payment()
	k1, _, _ := cnt.cumulants()
	yt := p.limit()
	if math.IsInf(yt, 1) {
		xt, err := tailPoint(m.Severity, tol/(4*math.Max(k1, 1)))
		if err != nil {
			return 0, err
		}
		yt = p.Apply(xt)
	}
	spread := yt
	if !math.IsInf(sd, 1) && !math.IsNaN(sd) {
		spread = math.Max(spread, 14*sd)
	}
	lo := 0.0
	if !math.IsInf(sd, 1) && !math.IsNaN(sd) {
		lo = math.Max(0, mean-10*sd)
	}
	width := mean + spread - lo
	rms := math.Sqrt(p.RawMoment(2))
	if math.IsInf(rms, 1) || math.IsNaN(rms) {
		rms = p.Quantile(0.9)
	}
	h := width / 65536
	if rms > 0 {
		h = math.Min(h, rms/20)
	}
	if !(h > 0) || math.IsInf(h, 1) {
		if mean > 0 {
			h = mean / 65536
		} else {
			h = 1
		}
	}
	return niceFloor(h), nil
}

// niceFloor returns the largest of 1, 2, 2.5, 5 × 10^k not above x > 0.
func niceFloor(x float64) float64 {
	e := math.Floor(math.Log10(x))
	p := math.Pow(10, e)
	best := p
	for _, m := range []float64{2, 2.5, 5, 10} {
		if m*p <= x*(1+1e-12) {
			best = m * p
		}
	}
	return best
}

// Bracket holds the same model computed with the Lower and Upper
// discretisations on the same step. Upper moves every claim down to the
// grid and Lower moves it up, so (up to the MissingMass of each)
//
//	Lower.CDF(x) ≤ F_S(x) ≤ Upper.CDF(x),
//	Upper.VaR(p) ≤ VaR(p) ≤ Lower.VaR(p), and the same for TVaR and StopLoss.
//
// The width of the bracket is the discretisation error.
type Bracket struct {
	Lower, Upper *Result
}

// ComputeBracket computes m with o.Discretization set to Lower and to Upper
// (o.Method FFT or Panjer; with o.Step 0 one AutoStep serves both).
func ComputeBracket(m Model, o Options) (*Bracket, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	if o.Method != FFT && o.Method != Panjer {
		return nil, inputErrorf("aggregate: a discretisation bracket needs an exact method (fft or panjer), got %s", o.Method)
	}
	cnt, _ := newCounts(m.Frequency)
	if o.Step == 0 {
		h, err := autoStep(m, cnt, o.Tol)
		if err != nil {
			return nil, err
		}
		o.Step = h
	}
	mean, sd, skew := m.moments(cnt)
	var b Bracket
	for _, d := range []Discretization{Lower, Upper} {
		r, err := computeLattice(m, cnt, o, d)
		if err != nil {
			return nil, err
		}
		r.ExactMean, r.ExactSD, r.ExactSkewness = mean, sd, skew
		if !m.Layer.IsZero() {
			if r, err = r.WithLayer(m.Layer); err != nil {
				return nil, err
			}
		}
		if d == Lower {
			b.Lower = r
		} else {
			b.Upper = r
		}
	}
	return &b, nil
}

// VaR returns the bracket Upper.VaR(p) ≤ VaR(p) ≤ Lower.VaR(p).
func (b *Bracket) VaR(p float64) (lo, hi float64) { return b.Upper.VaR(p), b.Lower.VaR(p) }

// TVaR returns the bracket Upper.TVaR(p) ≤ TVaR(p) ≤ Lower.TVaR(p).
func (b *Bracket) TVaR(p float64) (lo, hi float64) { return b.Upper.TVaR(p), b.Lower.TVaR(p) }

// CDF returns the bracket Lower.CDF(x) ≤ F(x) ≤ Upper.CDF(x).
func (b *Bracket) CDF(x float64) (lo, hi float64) { return b.Lower.CDF(x), b.Upper.CDF(x) }

// StopLoss returns the bracket of E[(S − d)+].
func (b *Bracket) StopLoss(d float64) (lo, hi float64) {
	return b.Upper.StopLoss(d), b.Lower.StopLoss(d)
}

// VaRError returns Lower.VaR(p) − Upper.VaR(p), the discretisation error
// of VaR(p) (the true value lies in between).
func (b *Bracket) VaRError(p float64) float64 {
	lo, hi := b.VaR(p)
	return hi - lo
}
