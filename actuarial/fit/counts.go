package fit

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// Cell is one cell of the chi-square goodness-of-fit table: the counts
// Lo ≤ k ≤ Hi (Hi = math.MaxInt for the open tail cell "Lo or more", whose
// expected count is N·P(N ≥ Lo)).
type Cell struct {
	Lo, Hi             int
	Observed, Expected float64
}

// CountResult is a maximum-likelihood claim-count fit.
type CountResult struct {
	Family     string    // "pois" or "nbinom"
	ParamNames []string  // {"lambda"} or {"size", "mu"}
	Params     []float64 // the MLE (see Converged)
	// SE are the standard errors from the observed information −H, H the
	// Hessian of ℓ in the natural parameters at the MLE (numerical, gonum
	// diff/fd, for Counts; analytic for CountsTruncated), Cov = (−H)⁻¹.
	SE        []float64
	Cov       *mat.SymDense
	LogLik    float64
	AIC, BIC  float64 // −2ℓ + 2K, −2ℓ + K log N
	N         float64 // Σ frequencies
	K         int
	Converged bool
	Message   string
	Dist      dist.Discrete // the fitted distribution (nil unless Converged)
	// Cells pools adjacent counts until each expected count is at least 5
	// (the last cell is the tail P(N ≥ k)); ChiSq = Σ (O − E)²/E on them,
	// DF = cells − 1 − K and PValue = P(χ²_DF > ChiSq) (NaN when DF < 1).
	Cells  []Cell
	ChiSq  float64
	DF     int
	PValue float64
}

// CountFamilies lists the claim-count families Counts fits.
var CountFamilies = []string{"pois", "nbinom"}

// countData is a collapsed count sample.
type countData struct {
	k    []int     // distinct counts, increasing
	f    []float64 // their frequencies
	n    float64   // Σf
	mean float64
	v    float64 // Σf(k − mean)²/n
}

// Counts fits a claim-count family by maximum likelihood to counts values[i]
// observed freq[i] times (nil freq: each value once). family is "pois"
// (alias "poisson") or "nbinom" (aliases "negbin", "negbinomial").
//
// Poisson: λ = mean. Negative binomial (size r, mean μ): the score in μ
// vanishes at μ = mean for every r, so μ is profiled out and ℓ is maximised
// in log r (gonum's optimize.Newton, then Newton steps), with score
// Σ_k f_k (ψ(r+k) − ψ(r)) − N log(1 + μ/r) and ψ(r+k) − ψ(r) = Σ_(j<k) 1/(r+j).
// A finite maximum exists only when the variance (divisor N) exceeds the
// mean; otherwise the result has Converged false and says the MLE is the
// Poisson limit.
func Counts(values []int, freq []float64, family string) (*CountResult, error) {
	fam, err := countFamily(family)
	if err != nil {
		return nil, err
	}
	d, err := collapseCounts(values, freq)
	if err != nil {
		return nil, err
	}
	res := &CountResult{Family: fam, N: d.n, LogLik: math.NaN(), AIC: math.NaN(), BIC: math.NaN(), ChiSq: math.NaN(), PValue: math.NaN()}
	if fam == "pois" {
		res.ParamNames, res.K = []string{"lambda"}, 1
		fitPoisson(d, res)
	} else {
		res.ParamNames, res.K = []string{"size", "mu"}, 2
		fitNegBinomial(d, res)
	}
	if !res.Converged {
		return res, nil
	}
	res.AIC = -2*res.LogLik + 2*float64(res.K)
	res.BIC = -2*res.LogLik + float64(res.K)*math.Log(d.n)
	chiSquare(d, res)
	return res, nil
}

// countFamily returns the canonical name of a count family ("pois" or
// "nbinom") from its name or an alias.
func countFamily(family string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(family)) {
	case "pois", "poisson":
		return "pois", nil
	case "nbinom", "negbin", "negbinomial", "negative_binomial":
		return "nbinom", nil
	}
	return "", fmt.Errorf("fit: unknown count family %q; expected one of %s", family, strings.Join(CountFamilies, ", "))
}

func collapseCounts(values []int, freq []float64) (*countData, error) {
	if len(values) == 0 {
		return nil, errors.New("fit: no counts")
	}
	if freq != nil && len(freq) != len(values) {
		return nil, fmt.Errorf("fit: %d frequencies for %d counts", len(freq), len(values))
	}
	m := map[int]float64{}
	for i, k := range values {
		if k < 0 {
			return nil, fmt.Errorf("fit: count %d is %d; counts must be ≥ 0", i, k)
		}
		f := 1.0
		if freq != nil {
			f = freq[i]
			if !(f >= 0) || math.IsInf(f, 1) {
				return nil, fmt.Errorf("fit: frequency %d is %v; frequencies must be finite and ≥ 0", i, f)
			}
		}
		if f > 0 {
			m[k] += f
		}
	}
	d := &countData{}
	for k := range m {
		d.k = append(d.k, k)
	}
	if len(d.k) == 0 {
		return nil, errors.New("fit: every frequency is 0")
	}
	slices.Sort(d.k)
	d.f = make([]float64, len(d.k))
	s := 0.0
	for i, k := range d.k {
		d.f[i] = m[k]
		d.n += d.f[i]
		s += d.f[i] * float64(k)
	}
	d.mean = s / d.n
	for i, k := range d.k {
		e := float64(k) - d.mean
		d.v += d.f[i] * e * e
	}
	d.v /= d.n
	return d, nil
}

// logLik returns Σ f_k log p(k) under d.
func (c *countData) logLik(d dist.Discrete) float64 {
	s := 0.0
	for i, k := range c.k {
		s += c.f[i] * d.LogProb(k)
	}
	return s
}

// observedInfo returns the inverse of −H, H the Hessian of ℓ(p) (natural
// parameters p) by central differences (gonum diff/fd) on the relative
// perturbation p_i(1 + δ_i).
func observedInfo(ll func(p []float64) float64, p []float64) (*mat.SymDense, error) {
	k := len(p)
	q := make([]float64, k)
	f := func(d []float64) float64 {
		for i := range d {
			q[i] = p[i] * (1 + d[i])
		}
		return ll(q)
	}
	H := mat.NewSymDense(k, nil)
	fd.Hessian(H, f, make([]float64, k), &fd.Settings{Formula: fd.Central, Step: 1e-4})
	info := mat.NewSymDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			info.SetSym(i, j, -H.At(i, j)/(p[i]*p[j]))
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(info) {
		return nil, errors.New("the observed information is not positive definite")
	}
	cov := mat.NewSymDense(k, nil)
	if err := ch.InverseTo(cov); err != nil {
		return nil, err
	}
	return cov, nil
}

func setCov(res *CountResult, ll func(p []float64) float64) {
	cov, err := observedInfo(ll, res.Params)
	res.SE = make([]float64, len(res.Params))
	if err != nil {
		for i := range res.SE {
			res.SE[i] = math.NaN()
		}
		res.Message += "; standard errors unavailable: " + err.Error()
		return
	}
	res.Cov = cov
	for i := range res.SE {
		res.SE[i] = math.Sqrt(cov.At(i, i))
	}
}

// fitPoisson sets λ = mean, ℓ = Σ f_k log p(k; λ).
func fitPoisson(d *countData, res *CountResult) {
	lam := d.mean
	res.Params = []float64{lam}
	if lam == 0 {
		res.LogLik = 0
		res.Message = "not fitted: every count is 0 (λ = 0 is on the boundary)"
		return
	}
	p := dist.Poisson{Lambda: lam}
	res.LogLik = d.logLik(p)
	res.Dist = p
	res.Converged = true
	res.Message = "closed form: λ = mean"
	setCov(res, func(q []float64) float64 { return d.logLik(dist.Poisson{Lambda: q[0]}) })
}

// nbScore returns the profile score ∂ℓ/∂r and its derivative ∂²ℓ/∂r² at
// μ = mean: Σ f_k D1 − N log(1 + μ/r) and −Σ f_k D2 + Nμ/(r(r+μ)), with
// D1 = ψ(r+k) − ψ(r) = Σ_(j<k) 1/(r+j), D2 = ψ'(r) − ψ'(r+k) = Σ_(j<k) 1/(r+j)²
// (the sums for k ≤ 64, gonum's digamma and Hurwitz zeta beyond).
func (c *countData) nbScore(r float64) (s, ds float64) {
	mu := c.mean
	for i, k := range c.k {
		d1, d2 := digammaDiffs(r, k)
		s += c.f[i] * d1
		ds -= c.f[i] * d2
	}
	s -= c.n * math.Log1p(mu/r)
	ds += c.n * mu / (r * (r + mu))
	return s, ds
}

// digammaDiffs returns ψ(r+k) − ψ(r) = Σ_(j<k) 1/(r+j) and ψ'(r) − ψ'(r+k) =
// Σ_(j<k) 1/(r+j)² (the sums for k ≤ 64, gonum's digamma and Hurwitz zeta
// beyond).
func digammaDiffs(r float64, k int) (d1, d2 float64) {
	if k <= 64 {
		for j := 0; j < k; j++ {
			t := 1 / (r + float64(j))
			d1 += t
			d2 += t * t
		}
		return d1, d2
	}
	return mathext.Digamma(r+float64(k)) - mathext.Digamma(r), mathext.Zeta(2, r) - mathext.Zeta(2, r+float64(k))
}

func fitNegBinomial(d *countData, res *CountResult) {
	mu := d.mean
	if !(d.v > d.mean) {
		res.Params = []float64{math.Inf(1), mu}
		if mu > 0 {
			res.LogLik = d.logLik(dist.Poisson{Lambda: mu})
		}
		res.Message = fmt.Sprintf("not fitted: the variance (%.6g) does not exceed the mean (%.6g), so the likelihood increases with size without bound; the MLE is the Poisson limit (size → ∞, log-likelihood %.10g): fit pois instead", d.v, d.mean, res.LogLik)
		return
	}
	ll := func(t float64) float64 { return d.logLik(dist.NegBinomialMu(math.Exp(t), mu)) }
	gt := func(t float64) (g, h float64) {
		r := math.Exp(t)
		s, ds := d.nbScore(r)
		return r * s, r*r*ds + r*s
	}
	n := d.n
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			v := ll(x[0])
			if !finite(v) {
				return math.Inf(1)
			}
			return -v / n
		},
		Grad: func(g, x []float64) {
			gg, _ := gt(x[0])
			g[0] = -gg / n
		},
		Hess: func(h *mat.SymDense, x []float64) {
			_, hh := gt(x[0])
			h.SetSym(0, 0, -hh/n)
		},
	}
	t0 := math.Log(mu * mu / (d.v - mu))
	t := t0
	iters := 0
	r, _ := optimize.Minimize(prob, []float64{t0}, &optimize.Settings{MajorIterations: 200, GradientThreshold: 1e-14}, &optimize.Newton{GradStopThreshold: 1e-14})
	if r != nil {
		iters = r.Stats.MajorIterations
		if finite(r.X[0]) {
			t = r.X[0]
		}
	}
	converged := false
	step := math.Inf(1)
	for it := 0; it < 50; it++ {
		if math.Abs(t) > boundary {
			break
		}
		g, h := gt(t)
		if !(h < 0) {
			break
		}
		step = -g / h
		if math.Abs(step) <= 1e-12 {
			converged = true
			break
		}
		// Newton step, halved while ℓ decreases beyond rounding.
		v0 := ll(t)
		for half := 0; half < 30; half++ {
			if v := ll(t + step); finite(v) && v >= v0-1e-13*math.Abs(v0) {
				break
			}
			step /= 2
		}
		t += step
		iters++
	}
	size := math.Exp(t)
	res.Params = []float64{size, mu}
	res.LogLik = ll(t)
	if !converged {
		res.Message = fmt.Sprintf("not converged: size = %.6g, last Newton step %.1e in log size", size, step)
		return
	}
	res.Converged = true
	res.Dist = dist.NegBinomialMu(size, mu)
	res.Message = fmt.Sprintf("converged: mu = mean, size by Newton in log size (step %.1e, %d iterations)", step, iters)
	setCov(res, func(q []float64) float64 { return d.logLik(dist.NegBinomialMu(q[0], q[1])) })
}

// survivor is a count distribution with Survival(k) = P(N > k).
type survivor interface{ Survival(k int) float64 }

// chiSquare pools cells from k = 0 upward: a cell closes once its expected
// count reaches 5, and when the expected count above k falls below 5 the
// current cell becomes the open tail "lo or more" (its expected count is at
// least 5, being the tail left when the previous cell closed).
func chiSquare(d *countData, res *CountResult) {
	dd := res.Dist
	sv, ok := dd.(survivor)
	if !ok {
		return
	}
	obs := map[int]float64{}
	for i, k := range d.k {
		obs[k] = d.f[i]
	}
	obsAbove := func(k int) float64 { // observed count > k
		s := 0.0
		for i, kk := range d.k {
			if kk > k {
				s += d.f[i]
			}
		}
		return s
	}
	n := d.n
	var cells []Cell
	lo := 0
	var ce, co float64
	for k := 0; k < 1<<26; k++ {
		ce += n * dd.Prob(k)
		co += obs[k]
		tail := n * sv.Survival(k)
		if tail < 5 {
			cells = append(cells, Cell{Lo: lo, Hi: math.MaxInt, Observed: co + obsAbove(k), Expected: ce + tail})
			break
		}
		if ce >= 5 {
			cells = append(cells, Cell{Lo: lo, Hi: k, Observed: co, Expected: ce})
			lo = k + 1
			ce, co = 0, 0
		}
	}
	res.Cells = cells
	stat := 0.0
	for _, c := range cells {
		e := c.Observed - c.Expected
		stat += e * e / c.Expected
	}
	res.ChiSq = stat
	res.DF = len(cells) - 1 - res.K
	if res.DF >= 1 {
		res.PValue = distuv.ChiSquared{K: float64(res.DF)}.Survival(stat)
	} else {
		res.Message += fmt.Sprintf("; chi-square has %d cell(s), too few for a p-value with %d parameter(s)", len(cells), res.K)
	}
}
