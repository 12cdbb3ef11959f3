package fit

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// CountsHurdle fits the zero-modified base family ("zmod-nbinom" or
// "zmod-pois", a hurdle model: whether a member claims at all, and how many
// claims a claimant makes) to counts values[i] observed freq[i] times:
//
//	P(N = 0) = p0,  P(N = k) = (1 − p0)·q_k/(1 − q_0) for k ≥ 1,
//
// q the pmf of the base, nbinom(size = r, mu = μ) or Poisson(λ). The
// likelihood separates: with n_0 zeros among N counts,
//
//	ℓ = n_0·log p0 + (N − n_0)·log(1 − p0) + ℓ_T(θ),
//
// ℓ_T the zero-truncated likelihood of the positive counts; so p̂0 = n_0/N
// and θ̂ is CountsTruncated's on the positive counts with k0 = 1 (standard
// errors too; p0's is √(p0(1 − p0)/N), independent of them). Params are
// {p0, size, mu} or {p0, lambda} — the base's, not the mean, which is (1 −
// p0)·E[base]/(1 − q_0) — and K = 3 or 2. The chi-square is computed as
// Counts does. Converged is false when the positive part does not converge
// (e.g. nbinom on claimants' counts that are not overdispersed once
// truncated: size → ∞; the Poisson base is then the candidate).
func CountsHurdle(values []int, freq []float64, base string) (*CountResult, error) {
	fam0, err := countFamily(base)
	if err != nil {
		return nil, err
	}
	d, err := collapseCounts(values, freq)
	if err != nil {
		return nil, err
	}
	nb := fam0 == "nbinom"
	res := &CountResult{Family: "zmod-" + fam0, ParamNames: []string{"p0", "lambda"}, K: 2, N: d.n,
		LogLik: math.NaN(), AIC: math.NaN(), BIC: math.NaN(), ChiSq: math.NaN(), PValue: math.NaN()}
	if nb {
		res.ParamNames, res.K = []string{"p0", "size", "mu"}, 3
	}
	var n0 float64
	var pos []int
	var pf []float64
	for i, k := range d.k {
		if k == 0 {
			n0 = d.f[i]
			continue
		}
		pos = append(pos, k)
		pf = append(pf, d.f[i])
	}
	if len(pos) == 0 || !(n0 > 0) {
		return nil, errors.New("fit: a hurdle model needs zeros and positive counts")
	}
	t, err := CountsTruncated(pos, pf, fam0, 1)
	if err != nil {
		return nil, err
	}
	p0 := n0 / d.n
	k := len(t.ParamNames)
	res.Params = append([]float64{p0}, make([]float64, k)...)
	res.SE = append([]float64{math.Sqrt(p0 * (1 - p0) / d.n)}, make([]float64, k)...)
	for i := range k {
		res.Params[i+1], res.SE[i+1] = math.NaN(), math.NaN()
	}
	res.Message = t.Message
	if !t.Converged {
		return res, nil
	}
	copy(res.Params[1:], t.Params)
	copy(res.SE[1:], t.SE)
	res.LogLik = n0*math.Log(p0) + (d.n-n0)*math.Log1p(-p0) + t.LogLik
	res.Converged = true
	var b dist.Discrete = dist.Poisson{Lambda: t.Params[0]}
	if nb {
		b = dist.NegBinomialMu(t.Params[0], t.Params[1])
	}
	res.Dist = dist.ZeroModified{Base: b, P0: p0}
	res.AIC = -2*res.LogLik + 2*float64(res.K)
	res.BIC = -2*res.LogLik + float64(res.K)*math.Log(d.n)
	if t.Cov != nil {
		c := mat.NewSymDense(k+1, nil)
		c.SetSym(0, 0, res.SE[0]*res.SE[0])
		for i := range k {
			for j := i; j < k; j++ {
				c.SetSym(i+1, j+1, t.Cov.At(i, j))
			}
		}
		res.Cov = c
	}
	chiSquare(d, res)
	return res, nil
}
