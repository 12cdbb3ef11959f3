package fit

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/optimize"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// CountsTruncated fits a count family to counts observed only at values
// k ≥ k0 (left truncation: hospital stays recorded only from the first paid
// day), by maximising
//
//	ℓ = Σ_k f_k (log p(k) − log P(N ≥ k0))
//
// in log parameters (gonum's BFGS on central-difference gradients, then
// Newton polishing on the numerical Hessian) to a relative gradient below
// 1e-9. Standard errors come from the observed information as in Counts. With
// k0 = 0 it is Counts. Values below k0 are an error. The chi-square table is
// not computed (Cells empty, ChiSq NaN).
func CountsTruncated(values []int, freq []float64, family string, k0 int) (*CountResult, error) {
	if k0 <= 0 {
		return Counts(values, freq, family)
	}
	fam := strings.ToLower(strings.TrimSpace(family))
	switch fam {
	case "pois", "poisson":
		fam = "pois"
	case "nbinom", "negbin", "negbinomial":
		fam = "nbinom"
	default:
		return nil, fmt.Errorf("fit: unknown count family %q; expected one of %s", family, strings.Join(CountFamilies, ", "))
	}
	d, err := collapseCounts(values, freq)
	if err != nil {
		return nil, err
	}
	if d.k[0] < k0 {
		return nil, fmt.Errorf("fit: count %d is below the truncation point %d", d.k[0], k0)
	}
	res := &CountResult{Family: fam, N: d.n, LogLik: math.NaN(), AIC: math.NaN(), BIC: math.NaN(), ChiSq: math.NaN(), PValue: math.NaN(), DF: 0}
	mk := func(p []float64) dist.Discrete {
		if fam == "pois" {
			return dist.Poisson{Lambda: p[0]}
		}
		return dist.NegBinomialMu(p[0], p[1])
	}
	ll := func(p []float64) float64 {
		for _, v := range p {
			if !(v > 0) || math.IsInf(v, 0) {
				return math.Inf(-1)
			}
		}
		x := mk(p)
		s := 1 - x.CDF(k0-1)
		if !(s > 0) {
			return math.Inf(-1)
		}
		return d.logLik(x) - d.n*math.Log(s)
	}
	// Start: the untruncated moments of the observed values shifted down
	// are a poor start when truncation is heavy; the mean of the
	// truncated data is an upper bound of μ, so start there and at a
	// moderate size, and let the optimiser work in log parameters.
	var start []float64
	if fam == "pois" {
		res.ParamNames, res.K = []string{"lambda"}, 1
		start = []float64{math.Max(d.mean-float64(k0)/2, 0.1)}
	} else {
		res.ParamNames, res.K = []string{"size", "mu"}, 2
		size := 1.0
		if d.v > d.mean {
			size = math.Max(d.mean*d.mean/(d.v-d.mean), 0.05)
		}
		start = []float64{size, math.Max(d.mean-float64(k0)/2, 0.1)}
	}
	n := d.n
	obj := func(t []float64) float64 {
		p := make([]float64, len(t))
		for i := range t {
			p[i] = math.Exp(t[i])
		}
		v := ll(p)
		if !finite(v) {
			return math.Inf(1)
		}
		return -v / n
	}
	grad := func(g, t []float64) { fd.Gradient(g, obj, t, &fd.Settings{Formula: fd.Central, Step: 1e-6}) }
	t0 := make([]float64, len(start))
	for i := range start {
		t0[i] = math.Log(start[i])
	}
	prob := optimize.Problem{Func: obj, Grad: grad}
	r, err := optimize.Minimize(prob, t0, &optimize.Settings{MajorIterations: 500, GradientThreshold: 1e-10}, &optimize.BFGS{})
	if r == nil {
		res.Message = "not converged: " + fmt.Sprint(err)
		return res, nil
	}
	t := append([]float64(nil), r.X...)
	iters := r.Stats.MajorIterations
	// Newton polishing on the numerical Hessian.
	k := len(t)
	g := make([]float64, k)
	for it := 0; it < 20; it++ {
		grad(g, t)
		gn := 0.0
		for _, v := range g {
			gn = math.Max(gn, math.Abs(v))
		}
		if gn < 1e-9 {
			break
		}
		step := truncNewtonStep(obj, t, g)
		if step == nil {
			break
		}
		f0 := obj(t)
		for half := 0; half < 30; half++ {
			tt := make([]float64, k)
			for i := range t {
				tt[i] = t[i] - step[i]
			}
			if obj(tt) <= f0+1e-15 {
				t = tt
				break
			}
			for i := range step {
				step[i] /= 2
			}
		}
		iters++
	}
	grad(g, t)
	gn := 0.0
	for _, v := range g {
		gn = math.Max(gn, math.Abs(v))
	}
	p := make([]float64, k)
	for i := range t {
		p[i] = math.Exp(t[i])
	}
	res.Params = p
	res.LogLik = ll(p)
	if gn > 1e-7 || !finite(res.LogLik) {
		res.Message = fmt.Sprintf("not converged: gradient %.1e after %d iterations", gn, iters)
		return res, nil
	}
	res.Converged = true
	res.Dist = mk(p)
	res.Message = fmt.Sprintf("converged: left-truncated at %d, gradient %.1e after %d iterations", k0, gn, iters)
	res.AIC = -2*res.LogLik + 2*float64(res.K)
	res.BIC = -2*res.LogLik + float64(res.K)*math.Log(d.n)
	setCov(res, ll)
	return res, nil
}

// truncNewtonStep solves H·s = g for the Hessian H of f at t (central
// differences); nil when H is not positive definite.
func truncNewtonStep(f func([]float64) float64, t, g []float64) []float64 {
	k := len(t)
	h := make([]float64, k*k)
	e := 1e-4
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			pp := append([]float64(nil), t...)
			pm := append([]float64(nil), t...)
			mp := append([]float64(nil), t...)
			mm := append([]float64(nil), t...)
			pp[i] += e
			pp[j] += e
			pm[i] += e
			pm[j] -= e
			mp[i] -= e
			mp[j] += e
			mm[i] -= e
			mm[j] -= e
			h[i*k+j] = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * e * e)
		}
	}
	switch k {
	case 1:
		if !(h[0] > 0) {
			return nil
		}
		return []float64{g[0] / h[0]}
	case 2:
		det := h[0]*h[3] - h[1]*h[2]
		if !(h[0] > 0 && det > 0) {
			return nil
		}
		return []float64{(h[3]*g[0] - h[1]*g[1]) / det, (-h[2]*g[0] + h[0]*g[1]) / det}
	}
	return nil
}
