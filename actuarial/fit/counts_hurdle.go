package fit

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// CountsHurdle fits the zero-modified negative binomial ("zmod-nbinom",
// a hurdle model: whether a member claims at all, and how many claims a
// claimant makes) to counts values[i] observed freq[i] times:
//
//	P(N = 0) = p0,  P(N = k) = (1 − p0)·q_k/(1 − q_0) for k ≥ 1,
//
// q the pmf of nbinom(size = r, mu = μ). The likelihood separates: with n_0
// zeros among N counts,
//
//	ℓ = n_0·log p0 + (N − n_0)·log(1 − p0) + ℓ_T(r, μ),
//
// ℓ_T the zero-truncated likelihood of the positive counts; so p̂0 = n_0/N
// and (r̂, μ̂) are CountsTruncated's on the positive counts with k0 = 1
// (standard errors too; p0's is √(p0(1 − p0)/N), independent of them).
// Params are {p0, size, mu} — mu the base's, not the mean, which is (1 −
// p0)·μ/(1 − q_0) — and K = 3. The chi-square is computed as Counts does.
// Converged is false when the positive part does not converge (e.g. the
// claimants' counts are not overdispersed once truncated: size → ∞).
func CountsHurdle(values []int, freq []float64) (*CountResult, error) {
	d, err := collapseCounts(values, freq)
	if err != nil {
		return nil, err
	}
	const fam = "zmod-nbinom"
	res := &CountResult{Family: fam, ParamNames: []string{"p0", "size", "mu"}, K: 3, N: d.n,
		LogLik: math.NaN(), AIC: math.NaN(), BIC: math.NaN(), ChiSq: math.NaN(), PValue: math.NaN()}
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
	t, err := CountsTruncated(pos, pf, "nbinom", 1)
	if err != nil {
		return nil, err
	}
	p0 := n0 / d.n
	res.Params = []float64{p0, math.NaN(), math.NaN()}
	res.SE = []float64{math.Sqrt(p0 * (1 - p0) / d.n), math.NaN(), math.NaN()}
	res.Message = t.Message
	if !t.Converged {
		return res, nil
	}
	res.Params[1], res.Params[2] = t.Params[0], t.Params[1]
	res.SE[1], res.SE[2] = t.SE[0], t.SE[1]
	res.LogLik = n0*math.Log(p0) + (d.n-n0)*math.Log1p(-p0) + t.LogLik
	res.Converged = true
	res.Dist = dist.ZeroModified{Base: dist.NegBinomialMu(t.Params[0], t.Params[1]), P0: p0}
	res.AIC = -2*res.LogLik + 2*float64(res.K)
	res.BIC = -2*res.LogLik + float64(res.K)*math.Log(d.n)
	if t.Cov != nil {
		c := mat.NewSymDense(3, nil)
		c.SetSym(0, 0, res.SE[0]*res.SE[0])
		for i := range 2 {
			for j := i; j < 2; j++ {
				c.SetSym(i+1, j+1, t.Cov.At(i, j))
			}
		}
		res.Cov = c
	}
	chiSquare(d, res)
	return res, nil
}
