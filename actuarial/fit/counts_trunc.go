package fit

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// CountsTruncated fits a count family to counts observed only at values
// k ≥ k0 (left truncation: hospital stays recorded only from the 4th day,
// days − 1 ~ nbinom seen from k0 = 3), values[i] observed freq[i] times (nil
// freq: each once), by maximising
//
//	ℓ = Σ_k f_k log p(k) − N log S,  S = P(X ≥ k0) = 1 − Σ_(j<k0) p(j),  N = Σ f_k,
//
// with p the family's pmf (R's dpois(λ), dnbinom(size = r, mu = μ)). The
// scores and the Hessian are analytic, from those of log p(k):
//
//	Poisson:  ∂/∂λ = k/λ − 1,  ∂²/∂λ² = −k/λ²;
//	nbinom:   ∂/∂μ = k/μ − (r+k)/(r+μ),
//	          ∂/∂r = ψ(r+k) − ψ(r) + log(r/(r+μ)) + (μ−k)/(r+μ),
//	          ∂²/∂μ² = −k/μ² + (r+k)/(r+μ)²,  ∂²/∂r∂μ = (k−μ)/(r+μ)²,
//	          ∂²/∂r² = ψ'(r+k) − ψ'(r) + 1/r − 1/(r+μ) − (μ−k)/(r+μ)²;
//
// and, with g_j, H_j those of log p(j), ∇S = −Σ_(j<k0) p_j g_j, ∇²S =
// −Σ_(j<k0) p_j (g_j g_jᵀ + H_j) and ∇² log S = ∇²S/S − ∇S∇Sᵀ/S² (S itself
// from the family's survival function, accurate in the far tail; the sums
// over j < k0 lose about log₁₀(1/S) digits to cancellation, harmless unless
// the truncation point is far in the tail, S < 1e-6 say). ℓ is
// maximised in log parameters by gonum's optimize.Newton and then plain
// Newton steps, to a step below 1e-10 and a score |∂(ℓ/N)/∂log θ| below
// 1e-9 (Converged false otherwise, or when the maximum runs to the boundary,
// e.g. size → ∞ for data not overdispersed once truncated).
//
// Standard errors come from the observed information, the analytic −H in
// the natural parameters at the MLE. AIC = −2ℓ + 2K and BIC = −2ℓ + K log N
// use the truncated ℓ. Dist is the fitted untruncated law. The chi-square
// table is not computed (Cells empty, ChiSq and PValue NaN).
//
// k0 ≤ 0 is the untruncated fit: the result of Counts. A value below k0 is
// an error.
func CountsTruncated(values []int, freq []float64, family string, k0 int) (*CountResult, error) {
	if k0 <= 0 {
		return Counts(values, freq, family)
	}
	fam, err := countFamily(family)
	if err != nil {
		return nil, err
	}
	d, err := collapseCounts(values, freq)
	if err != nil {
		return nil, err
	}
	if d.k[0] < k0 {
		return nil, fmt.Errorf("fit: count %d is below the truncation point %d", d.k[0], k0)
	}
	res := &CountResult{Family: fam, N: d.n, LogLik: math.NaN(), AIC: math.NaN(), BIC: math.NaN(), ChiSq: math.NaN(), PValue: math.NaN()}
	m := &truncModel{d: d, k0: k0, nb: fam == "nbinom"}
	var starts [][]float64
	if m.nb {
		res.ParamNames, res.K = []string{"size", "mu"}, 2
		// The truncated data's mean is above μ and their variance below
		// the untruncated one: start from their moments, and from a
		// geometric (size 1) if that fails.
		size := 1.0
		if d.v > d.mean {
			size = math.Min(math.Max(d.mean*d.mean/(d.v-d.mean), 0.05), 100)
		}
		starts = [][]float64{{math.Log(size), math.Log(d.mean)}, {0, math.Log(d.mean)}}
	} else {
		res.ParamNames, res.K = []string{"lambda"}, 1
		starts = [][]float64{{math.Log(d.mean)}, {math.Log(math.Max(d.mean-float64(k0), 0.5))}}
	}
	var th []float64
	ok := false
	msg := ""
	for _, s := range starts {
		th, ok, msg = m.maximise(s)
		if ok {
			break
		}
	}
	p := expAll(th)
	res.Params = p
	res.LogLik = m.eval(th, nil, nil)
	if !ok {
		res.Message = msg
		return res, nil
	}
	res.Converged = true
	res.Message = msg
	res.Dist = m.dist(p)
	res.AIC = -2*res.LogLik + 2*float64(res.K)
	res.BIC = -2*res.LogLik + float64(res.K)*math.Log(d.n)
	cov, err := m.cov(p)
	res.SE = make([]float64, len(p))
	if err != nil {
		for i := range res.SE {
			res.SE[i] = math.NaN()
		}
		res.Message += "; standard errors unavailable: " + err.Error()
		return res, nil
	}
	res.Cov = cov
	for i := range res.SE {
		res.SE[i] = math.Sqrt(cov.At(i, i))
	}
	return res, nil
}

// truncModel is the left-truncated log-likelihood of CountsTruncated.
type truncModel struct {
	d  *countData
	k0 int
	nb bool
}

func (m *truncModel) dist(p []float64) dist.Discrete {
	if m.nb {
		return dist.NegBinomialMu(p[0], p[1])
	}
	return dist.Poisson{Lambda: p[0]}
}

// logp returns log p(k) and, when g is not nil, its gradient g and Hessian
// h (row-major) in the natural parameters p.
func (m *truncModel) logp(p []float64, k int, g, h []float64) float64 {
	kf := float64(k)
	if !m.nb {
		lam := p[0]
		if g != nil {
			g[0] = kf/lam - 1
			h[0] = -kf / (lam * lam)
		}
		return dist.Poisson{Lambda: lam}.LogProb(k)
	}
	r, mu := p[0], p[1]
	if g != nil {
		rm := r + mu
		d1, d2 := digammaDiffs(r, k)
		g[0] = d1 + math.Log(r/rm) + (mu-kf)/rm
		g[1] = kf/mu - (r+kf)/rm
		h[0] = -d2 + 1/r - 1/rm - (mu-kf)/(rm*rm)
		h[1] = (kf - mu) / (rm * rm)
		h[2] = h[1]
		h[3] = -kf/(mu*mu) + (r+kf)/(rm*rm)
	}
	return dist.NegBinomialMu(r, mu).LogProb(k)
}

// natural returns ℓ at the natural parameters p and, when g is not nil,
// its gradient g and Hessian h (row-major) in p.
func (m *truncModel) natural(p []float64, g, h []float64) float64 {
	K := len(p)
	for _, v := range p {
		if !(v > 0) || math.IsInf(v, 0) {
			return math.NaN()
		}
	}
	x := m.dist(p)
	S := m.survival(x)
	if !(S > 0) {
		return math.NaN()
	}
	var gk, hk []float64
	if g != nil {
		clear(g)
		clear(h)
		gk, hk = make([]float64, K), make([]float64, K*K)
	}
	v := 0.0
	for i, k := range m.d.k {
		f := m.d.f[i]
		v += f * m.logp(p, k, gk, hk)
		if g != nil {
			for a := range K {
				g[a] += f * gk[a]
			}
			for a := range hk {
				h[a] += f * hk[a]
			}
		}
	}
	n := m.d.n
	v -= n * math.Log(S)
	if g == nil {
		return v
	}
	// ∇S and ∇²S from the points below k0.
	dS := make([]float64, K)
	d2S := make([]float64, K*K)
	for j := 0; j < m.k0; j++ {
		pj := math.Exp(m.logp(p, j, gk, hk))
		for a := range K {
			dS[a] -= pj * gk[a]
			for b := range K {
				d2S[a*K+b] -= pj * (gk[a]*gk[b] + hk[a*K+b])
			}
		}
	}
	for a := range K {
		g[a] -= n * dS[a] / S
		for b := range K {
			h[a*K+b] -= n * (d2S[a*K+b]/S - dS[a]*dS[b]/(S*S))
		}
	}
	return v
}

// survival returns P(X ≥ k0).
func (m *truncModel) survival(x dist.Discrete) float64 {
	return x.(survivor).Survival(m.k0 - 1)
}

// eval returns ℓ at θ = log p and, when g is not nil, its gradient and
// Hessian in θ: ∂ℓ/∂θ_a = p_a ∂ℓ/∂p_a, ∂²ℓ/∂θ_a∂θ_b = p_a p_b ∂²ℓ/∂p_a∂p_b +
// [a = b] p_a ∂ℓ/∂p_a.
func (m *truncModel) eval(th, g, h []float64) float64 {
	K := len(th)
	p := expAll(th)
	v := m.natural(p, g, h)
	if g == nil || !finite(v) {
		return v
	}
	for a := range K {
		for b := range K {
			h[a*K+b] *= p[a] * p[b]
		}
		g[a] *= p[a]
		h[a*K+a] += g[a]
	}
	return v
}

// cov returns (−H)⁻¹, H the Hessian of ℓ in the natural parameters p.
func (m *truncModel) cov(p []float64) (*mat.SymDense, error) {
	K := len(p)
	g, h := make([]float64, K), make([]float64, K*K)
	if v := m.natural(p, g, h); !finite(v) {
		return nil, errors.New("the log-likelihood is not finite at the MLE")
	}
	info := mat.NewSymDense(K, nil)
	for a := range K {
		for b := a; b < K; b++ {
			info.SetSym(a, b, -h[a*K+b])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(info) {
		return nil, errors.New("the observed information is not positive definite")
	}
	cov := mat.NewSymDense(K, nil)
	if err := ch.InverseTo(cov); err != nil {
		return nil, err
	}
	return cov, nil
}

// maximise runs gonum's optimize.Newton on −ℓ/N from th0 until the mean
// score is below 1e-8, then plain Newton steps (halved while ℓ decreases)
// until the step is below 1e-10 and the mean score below 1e-9. It returns
// the last θ, whether it converged to an interior maximum, and a message.
func (m *truncModel) maximise(th0 []float64) ([]float64, bool, string) {
	K := len(th0)
	n := m.d.n
	g, h := make([]float64, K), make([]float64, K*K)
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			v := m.eval(x, nil, nil)
			if !finite(v) {
				return math.Inf(1)
			}
			return -v / n
		},
		Grad: func(gr, x []float64) {
			m.eval(x, g, h)
			for i := range gr {
				gr[i] = -g[i] / n
			}
		},
		Hess: func(hs *mat.SymDense, x []float64) {
			m.eval(x, g, h)
			for a := range K {
				for b := a; b < K; b++ {
					hs.SetSym(a, b, -h[a*K+b]/n)
				}
			}
		},
	}
	settings := &optimize.Settings{
		MajorIterations:   200,
		GradientThreshold: 1e-8,
		Converger:         &boundaryConverger{optimize.FunctionConverge{Absolute: 1e-12, Iterations: 100}},
	}
	th := append([]float64(nil), th0...)
	iters := 0
	r, _ := optimize.Minimize(prob, th0, settings, &optimize.Newton{GradStopThreshold: 1e-8})
	if r != nil {
		iters = r.Stats.MajorIterations
		if finite(r.F) && allFinite(r.X) {
			copy(th, r.X)
		}
	}
	// Polish: θ ← θ + (−H)⁻¹g.
	step := make([]float64, K)
	trial := make([]float64, K)
	v := m.eval(th, g, h)
	for it := 0; it <= 50; it++ {
		if !finite(v) || !allFinite(g) || !allFinite(h) {
			return th, false, "not converged: the log-likelihood is not finite at the last iterate"
		}
		if maxAbs(th) > boundary {
			return th, false, fmt.Sprintf("not converged: no interior maximum (%s: the likelihood keeps rising towards the boundary of the parameter space)", m.boundaryName(th))
		}
		if !newtonStep(step, g, h) {
			if maxAbs(th) > 8 { // flat towards the boundary
				return th, false, fmt.Sprintf("not converged: no interior maximum (%s: the likelihood keeps rising towards the boundary of the parameter space)", m.boundaryName(th))
			}
			return th, false, "not converged: the log-likelihood is not concave at the last iterate (no local maximum found)"
		}
		score := maxAbs(g) / n
		if maxAbs(step) <= 1e-10 && score <= 1e-9 {
			return th, true, fmt.Sprintf("converged: left-truncated at %d (P(X ≥ %d) = %.6g), Newton step %.1e, mean score %.1e after %d iterations",
				m.k0, m.k0, m.survival(m.dist(expAll(th))), maxAbs(step), score, iters)
		}
		iters++
		accepted := false
		for half := 0; half < 30; half++ {
			for i := range th {
				trial[i] = th[i] + step[i]
			}
			gt, ht := make([]float64, K), make([]float64, K*K)
			vt := m.eval(trial, gt, ht)
			if finite(vt) && vt >= v-1e-13*math.Abs(v) {
				copy(th, trial)
				g, h, v = gt, ht, vt
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
	return th, false, fmt.Sprintf("not converged after %d iterations: mean score %.1e", iters, maxAbs(g)/n)
}

// boundaryName names the parameters running to the boundary: those with
// |log θ| > 8 (or the largest).
func (m *truncModel) boundaryName(th []float64) string {
	names := []string{"lambda"}
	if m.nb {
		names = []string{"size", "mu"}
	}
	j := 0
	for i, t := range th {
		if math.Abs(t) > math.Abs(th[j]) {
			j = i
		}
	}
	var out []string
	for i, t := range th {
		if i == j || math.Abs(t) > 8 {
			dir := "∞"
			if t < 0 {
				dir = "0"
			}
			out = append(out, names[i]+" → "+dir)
		}
	}
	return strings.Join(out, " and ")
}

func expAll(th []float64) []float64 {
	p := make([]float64, len(th))
	for i, t := range th {
		p[i] = math.Exp(t)
	}
	return p
}
