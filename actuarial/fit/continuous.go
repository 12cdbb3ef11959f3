package fit

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// Options tune Continuous; a nil *Options uses the defaults.
type Options struct {
	// Start gives starting values in R's parameter order (see Result.ParamNames);
	// nil takes them from moments or quantiles of the data.
	Start []float64
	// MaxIter bounds the iterations of gonum's modified Newton method
	// (default 200); at most 30 plain Newton steps follow.
	MaxIter int
	// Tol is the convergence criterion: the fit has converged when the
	// Newton step is below Tol in every internal parameter, that is the log of
	// each positive parameter (a relative change) and meanlog itself
	// (default 1e-9).
	Tol float64
}

// Result is a maximum-likelihood severity fit.
type Result struct {
	Family     string    // dist's name: exp, gamma, lnorm, weibull, pareto, llogis, burr
	ParamNames []string  // R's names, in R's order
	Params     []float64 // the MLE (when !Converged, the last iterate, not an estimate)
	// SE are the standard errors, the square roots of the diagonal of Cov,
	// the inverse of the observed information (the numerical Hessian of −ℓ
	// in the natural parameters, gonum diff/fd on the analytic score).
	SE     []float64
	Cov    *mat.SymDense
	LogLik float64 // ℓ at Params, on the original scale of the data
	AIC    float64 // −2ℓ + 2K
	BIC    float64 // −2ℓ + K log N
	N      float64 // Σ weights (the number of observations when unweighted)
	// NCensored is the weight of the censored observations; Truncated
	// reports whether any observation is left-truncated.
	NCensored float64
	Truncated bool
	K         int // number of fitted parameters
	Converged bool
	// Message says how the fit ended, and why a goodness-of-fit statistic
	// is NaN when one is.
	Message    string
	Iterations int
	Dist       dist.Continuous // the fitted distribution (nil unless Converged)
	// KS, CvM and AD are fitdistrplus's gofstat statistics on the sorted
	// values x_(1..n) with F_i = F(x_(i)):
	//
	//	KS  = max_i max(|i/n − F_i|, |(i−1)/n − F_i|)
	//	CvM = 1/(12n) + Σ (F_i − (2i−1)/(2n))²
	//	AD  = −n − (1/n) Σ (2i−1)(log F_i + log(1 − F_(n+1−i)))
	//
	// For truncated data F is the truncated CDF (F(x) − F(t))/S(t) of each
	// observation's truncation point t (the probability-integral transforms
	// are sorted). Integer weights count as repeated values. They are NaN for
	// censored data and for non-integer weights.
	KS, CvM, AD float64
}

const (
	defaultMaxIter = 200
	defaultTol     = 1e-9
	boundary       = 18 // |internal parameter| beyond which the fit runs to the boundary (e^18 ≈ 6.6e7)
)

// Continuous fits the severity family (exp, gamma, lnorm, weibull, pareto
// (Lomax), llogis, burr, or an alias dist.ParseContinuous accepts) to s by
// maximum likelihood, with left truncation and right censoring as Sample
// describes.
//
// The optimiser works on the data rescaled by their weighted median m
// (y = x/m) with every positive parameter on a log scale, using the analytic
// score and Hessian of each family: gonum's modified Newton method
// (optimize.Newton) from moment or quantile starting values, then plain
// Newton steps until the step is below Options.Tol. The exponential and the
// lognormal (untruncated, uncensored) start at their closed forms. The Burr
// starts from the fitted log-logistic (shape1 = 1).
//
// An error is returned for bad input (unknown family, non-positive or
// non-finite values, a value not above its truncation point, bad weights).
// A fit that fails (fewer than K+1 distinct uncensored values, no convergence,
// a parameter running to the boundary of the space, a non-finite
// log-likelihood) returns a Result with Converged false and a plain Message.
func Continuous(s Sample, family string, opts *Options) (*Result, error) {
	fam := lookupFamily(strings.ToLower(strings.TrimSpace(family)))
	if fam == nil {
		return nil, fmt.Errorf("fit: unknown severity family %q; expected one of %s", family, strings.Join(Families, ", "))
	}
	p, err := prepare(s)
	if err != nil {
		return nil, err
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxIter <= 0 {
		o.MaxIter = defaultMaxIter
	}
	if !(o.Tol > 0) {
		o.Tol = defaultTol
	}
	k := fam.k()
	if o.Start != nil {
		if len(o.Start) != k {
			return nil, fmt.Errorf("fit: %d starting values for %s, which has %d parameters (%s)", len(o.Start), fam.name, k, strings.Join(fam.params, ", "))
		}
		for i, v := range o.Start {
			if math.IsNaN(v) || math.IsInf(v, 0) || (fam.kinds[i] != kindLoc && !(v > 0)) {
				return nil, fmt.Errorf("fit: starting value %s = %v is not valid", fam.params[i], v)
			}
		}
	}
	return fitPrepared(fam, p, o), nil
}

func fitPrepared(fam *family, p *prepared, o Options) *Result {
	k := fam.k()
	res := &Result{
		Family:     fam.name,
		ParamNames: append([]string(nil), fam.params...),
		N:          p.wTot,
		NCensored:  p.wCens,
		Truncated:  p.trunc.len() > 0,
		K:          k,
		LogLik:     math.NaN(),
		AIC:        math.NaN(),
		BIC:        math.NaN(),
		KS:         math.NaN(),
		CvM:        math.NaN(),
		AD:         math.NaN(),
	}
	if n := p.unc.len(); n < k+1 {
		res.Message = fmt.Sprintf("not fitted: %d distinct uncensored value(s), and %s with %d parameter(s) needs at least %d", n, fam.name, k, k+1)
		return res
	}
	var th0 []float64
	switch {
	case o.Start != nil:
		th0 = make([]float64, k)
		for i, v := range o.Start {
			th0[i] = toInternal(fam.kinds[i], v, p.scale)
		}
	case fam == &burrFamily:
		// Start from the log-logistic MLE, the Burr with shape1 = 1.
		th0 = burrFamily.start(p)
		ll := llogisFamily.start(p)
		if th, _, ok, _ := optimise(&llogisFamily, p, ll, o); ok {
			th0 = []float64{0, th[0], th[1]}
		}
	default:
		th0 = fam.start(p)
	}
	for _, v := range th0 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			res.Message = "not fitted: no starting values could be formed from the data"
			return res
		}
	}
	th, iters, ok, msg := optimise(fam, p, th0, o)
	res.Iterations = iters
	res.Params = make([]float64, k)
	for i, v := range th {
		res.Params[i] = toNatural(fam.kinds[i], v, p.scale)
	}
	ly := fam.eval(p, th, nil, nil)
	res.LogLik = ly - p.wUnc*math.Log(p.scale)
	if !ok {
		res.Message = msg
		return res
	}
	res.Converged = true
	res.Message = msg
	res.AIC = -2*res.LogLik + 2*float64(k)
	res.BIC = -2*res.LogLik + float64(k)*math.Log(p.wTot)
	res.Dist = fam.dist(res.Params)
	cov, err := covariance(fam, p, th, res.Params)
	res.Cov = cov
	res.SE = make([]float64, k)
	if err != nil {
		for i := range res.SE {
			res.SE[i] = math.NaN()
		}
		res.Message += "; standard errors unavailable: " + err.Error()
	} else {
		for i := range res.SE {
			res.SE[i] = math.Sqrt(cov.At(i, i))
		}
	}
	var note string
	res.KS, res.CvM, res.AD, note = gofStats(res.Dist, p)
	if note != "" {
		res.Message += "; " + note
	}
	return res
}

// objective caches ℓ_y, its gradient and Hessian at the last θ, since gonum
// asks for them separately at the same point.
type objective struct {
	fam  *family
	p    *prepared
	x    []float64
	v    float64
	g, h []float64
	ok   bool
}

func (o *objective) at(x []float64) {
	if o.ok && equal(o.x, x) {
		return
	}
	k := len(x)
	if o.g == nil {
		o.g = make([]float64, k)
		o.h = make([]float64, k*k)
	}
	o.x = append(o.x[:0], x...)
	o.v = o.fam.eval(o.p, o.x, o.g, o.h)
	o.ok = true
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// optimise maximises ℓ from th0: gonum's modified Newton on −ℓ/N until the
// mean score is below 1e-7 (the quadratic region; asking gonum for more only
// makes its line search bisect through rounding noise), then plain Newton
// steps (halved while ℓ decreases) until the step is below o.Tol. It
// returns the final θ, the number of iterations, whether it converged to an
// interior maximum, and a message.
func optimise(fam *family, p *prepared, th0 []float64, o Options) ([]float64, int, bool, string) {
	k := len(th0)
	obj := &objective{fam: fam, p: p}
	W := p.wTot
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			obj.at(x)
			if !finite(obj.v) {
				return math.Inf(1)
			}
			return -obj.v / W
		},
		Grad: func(g, x []float64) {
			obj.at(x)
			for i := range g {
				g[i] = -obj.g[i] / W
			}
		},
		Hess: func(h *mat.SymDense, x []float64) {
			obj.at(x)
			for i := 0; i < k; i++ {
				for j := i; j < k; j++ {
					h.SetSym(i, j, -obj.h[i*k+j]/W)
				}
			}
		},
	}
	settings := &optimize.Settings{
		MajorIterations:   o.MaxIter,
		GradientThreshold: 1e-7,
		Converger:         &boundaryConverger{optimize.FunctionConverge{Absolute: 1e-10, Iterations: 100}},
	}
	th := append([]float64(nil), th0...)
	iters := 0
	r, err := optimize.Minimize(prob, th0, settings, &optimize.Newton{GradStopThreshold: 1e-7})
	if r != nil {
		iters = r.Stats.MajorIterations
		if finite(r.F) && allFinite(r.X) {
			th = append(th[:0], r.X...)
		}
	}
	_ = err // a line-search failure near the optimum is normal; the polish decides
	// Polish: plain Newton steps θ ← θ − H⁻¹g.
	g := make([]float64, k)
	h := make([]float64, k*k)
	step := make([]float64, k)
	trial := make([]float64, k)
	gt := make([]float64, k)
	ht := make([]float64, k*k)
	v := fam.eval(p, th, g, h)
	lastStep := math.Inf(1)
	for it := 0; ; it++ {
		if !finite(v) || !allFinite(g) || !allFinite(h) {
			return th, iters, false, "not converged: the log-likelihood is not finite at the last iterate"
		}
		for _, t := range th {
			if math.Abs(t) > boundary {
				return th, iters, false, fmt.Sprintf("not converged: no interior maximum, %s (the fit runs to the boundary of the parameter space; a limiting family may fit better)", boundaryName(fam, th))
			}
		}
		if !newtonStep(step, g, h) {
			return th, iters, false, "not converged: the log-likelihood is not concave at the last iterate (no local maximum found)"
		}
		lastStep = maxAbs(step)
		if lastStep <= o.Tol {
			return th, iters, true, fmt.Sprintf("converged: Newton step %.1e after %d iterations", lastStep, iters)
		}
		if it >= 30 {
			break
		}
		iters++
		// Take the step, halving while ℓ decreases beyond rounding.
		accepted := false
		for half := 0; half < 30; half++ {
			for i := range th {
				trial[i] = th[i] + step[i]
			}
			vt := fam.eval(p, trial, gt, ht)
			if finite(vt) && vt >= v-1e-13*math.Abs(v) {
				copy(th, trial)
				copy(g, gt)
				copy(h, ht)
				v = vt
				accepted = true
				break
			}
			for i := range step {
				step[i] /= 2
			}
		}
		if !accepted {
			break
		}
	}
	msg := fmt.Sprintf("not converged after %d iterations: last Newton step %.1e exceeds the tolerance %.0e", iters, lastStep, o.Tol)
	if maxAbs(th) > 8 {
		msg += fmt.Sprintf(" (the likelihood is flat towards %s: probably no interior maximum)", boundaryName(fam, th))
	}
	return th, iters, false, msg
}

// boundaryConverger is gonum's FunctionConverge that also stops (with
// Failure) when a major iterate runs beyond the boundary.
type boundaryConverger struct{ optimize.FunctionConverge }

func (b *boundaryConverger) Converged(loc *optimize.Location) optimize.Status {
	if maxAbs(loc.X) > boundary {
		return optimize.Failure
	}
	return b.FunctionConverge.Converged(loc)
}

func boundaryName(fam *family, th []float64) string {
	j := 0
	for i, t := range th {
		if math.Abs(t) > math.Abs(th[j]) {
			j = i
		}
	}
	dir := "∞"
	if th[j] < 0 && fam.kinds[j] != kindLoc {
		dir = "0"
	} else if th[j] < 0 {
		dir = "−∞"
	}
	return fmt.Sprintf("%s → %s", fam.params[j], dir)
}

// newtonStep solves (−H)·step = g by Cholesky, reporting false unless −H is
// positive definite.
func newtonStep(step, g, h []float64) bool {
	k := len(g)
	neg := mat.NewSymDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			neg.SetSym(i, j, -h[i*k+j])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(neg) {
		return false
	}
	dst := mat.NewVecDense(k, step)
	if err := ch.SolveVecTo(dst, mat.NewVecDense(k, append([]float64(nil), g...))); err != nil {
		return false
	}
	return allFinite(step)
}

func allFinite(a []float64) bool {
	for _, v := range a {
		if !finite(v) {
			return false
		}
	}
	return true
}

func maxAbs(a []float64) float64 {
	m := 0.0
	for _, v := range a {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// covariance returns the inverse of the observed information −H, H the
// Hessian of ℓ in the natural parameters at nat (internal θ), taken by
// central differences (gonum diff/fd Jacobian) of the analytic score
// ∂ℓ/∂p_i = (∂ℓ/∂θ_i)/(dp_i/dθ_i); each parameter is perturbed relative to
// its size (meanlog absolutely) and the result symmetrised.
func covariance(fam *family, p *prepared, th, nat []float64) (*mat.SymDense, error) {
	k := len(th)
	scale := make([]float64, k)
	for i, v := range nat {
		scale[i] = math.Abs(v)
		if fam.kinds[i] == kindLoc {
			scale[i] = 1
		}
	}
	gi := make([]float64, k)
	pt := make([]float64, k)
	ti := make([]float64, k)
	score := func(y, d []float64) {
		for i := range d {
			pt[i] = nat[i] + scale[i]*d[i]
			ti[i] = toInternal(fam.kinds[i], pt[i], p.scale)
		}
		fam.eval(p, ti, gi, nil)
		for i := range y {
			y[i] = gi[i] / dNatural(fam.kinds[i], pt[i])
		}
	}
	J := mat.NewDense(k, k, nil)
	fd.Jacobian(J, score, make([]float64, k), &fd.JacobianSettings{Formula: fd.Central, Step: 1e-5})
	info := mat.NewSymDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			hij := 0.5 * (J.At(i, j)/scale[j] + J.At(j, i)/scale[i])
			info.SetSym(i, j, -hij)
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
