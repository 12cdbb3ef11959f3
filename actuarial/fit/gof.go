package fit

import (
	"cmp"
	"math"
	"slices"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
)

// pit is one group of tied probability-integral transforms: F and S = 1 − F
// (computed directly) of c observations.
type pit struct{ f, s, c float64 }

// gofStats returns fitdistrplus's KS, CvM and AD statistics of d on the
// uncensored values (see Result), or NaNs and the reason.
func gofStats(d dist.Continuous, p *prepared) (ks, cvm, ad float64, note string) {
	nan := math.NaN()
	switch {
	case p.wCens > 0:
		return nan, nan, nan, "KS, CvM and AD not computed: the data are censored"
	case !p.intWeights:
		return nan, nan, nan, "KS, CvM and AD not computed: the weights are not integers"
	}
	var g []pit
	if !p.truncVaries {
		ft, st := 0.0, 1.0
		if p.t0 > 0 {
			ft, st = d.CDF(p.t0), d.Survival(p.t0)
		}
		g = make([]pit, p.unc.len())
		for i, x := range p.unc.x {
			g[i] = pit{(d.CDF(x) - ft) / st, d.Survival(x) / st, p.unc.w[i]}
		}
	} else {
		g = make([]pit, len(p.pairs))
		for i, q := range p.pairs {
			st := d.Survival(q[1])
			g[i] = pit{(d.CDF(q[0]) - d.CDF(q[1])) / st, d.Survival(q[0]) / st, q[2]}
		}
		slices.SortFunc(g, func(a, b pit) int { return cmp.Compare(a.f, b.f) })
	}
	return gofGroups(g)
}

// gofGroups computes the statistics on sorted groups of tied values; the
// sums over the c tied indices i = a+1, …, a+c are taken in closed form:
// Σ(2i−1) = c(2a+c), Σ(2n+1−2i) = c(2n−2a−c), and
// Σ_(j<c) (δ − j/n)² = cδ² − δc(c−1)/n + (c−1)c(2c−1)/(6n²).
func gofGroups(g []pit) (ks, cvm, ad float64, note string) {
	n := 0.0
	for _, q := range g {
		n += q.c
	}
	a := 0.0
	sumAD := 0.0
	cvm = 1 / (12 * n)
	for _, q := range g {
		c := q.c
		ks = math.Max(ks, math.Max(math.Abs((a+c)/n-q.f), math.Abs(a/n-q.f)))
		dl := q.f - (2*a+1)/(2*n)
		cvm += c*dl*dl - dl*c*(c-1)/n + (c-1)*c*(2*c-1)/(6*n*n)
		sumAD += c*(2*a+c)*math.Log(q.f) + c*(2*n-2*a-c)*math.Log(q.s)
		a += c
	}
	ad = -n - sumAD/n
	return ks, cvm, ad, ""
}
