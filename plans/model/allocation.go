package model

import (
	"errors"
	"fmt"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
)

// TailMeans returns v = VaR_q of the fund's benefits and, per plan, the
// conditional tail mean E[S_p | S ≥ v]: the Euler (co-TVaR) contributions
// of the plans to the fund's tail, Σ_p E[S_p | S ≥ v] = E[S | S ≥ v]. They are
// exact on the lattices: given the trend the plans are independent, so per
// trend node
//
//	E[S_p·1{S ≥ v}] = Σ_x x·P(S_p = x)·P(O_p ≥ v − x),
//
// O_p the sum of the other plans (their convolution, all of them from one
// aggregate.Convolver), then mixed over the trend nodes with their weights.
func (fd *FundDist) TailMeans(q float64) (v float64, means []float64, err error) {
	if !(q > 0 && q < 1) {
		return 0, nil, fmt.Errorf("model: tail level %v", q)
	}
	if fd.tails != nil { // a cached fund (exactcache.go): computed once a level
		fd.tailsMu.Lock()
		defer fd.tailsMu.Unlock()
		if t, ok := fd.tails[q]; ok {
			return t.v, append([]float64(nil), t.means...), nil
		}
		defer func() {
			if err == nil {
				fd.tails[q] = tailMeans{v, append([]float64(nil), means...)}
			}
		}()
	}
	h := fd.Total.Step
	v = fd.Total.VaR(q)
	n := len(fd.Plans)
	num := make([]float64, n)
	den := 0.0
	// O_p for every p and trend node from one Convolver: the transforms
	// they share (the untrended plans are the same at every node) computed
	// once, and in a batch (a cached fund) kept for its other funds, which
	// mostly share the plans — the same numbers as convolving each O_p on
	// its own.
	cv := aggregate.NewConvolverWith(h, fd.transforms)
	for t, w := range fd.TrendWeights {
		ls := make([]*aggregate.Lattice, n)
		raw := make([]*aggregate.Lattice, n)
		for i, pd := range fd.Plans {
			l := pd.byTrend[0]
			if pd.trended {
				l = pd.byTrend[t]
			}
			raw[i] = l
			ls[i] = aggregate.Regrid(l, h)
		}
		os, err := cv.LeaveOneOutShared(raw...)
		if err != nil {
			return 0, nil, err
		}
		for i := range fd.Plans {
			o := os[i]
			var s, p float64
			l := ls[i]
			// P(O ≥ v − x) on the lattice at each point x with mass, all at once.
			xs, ks := make([]float64, 0, len(l.PMF)), make([]int, 0, len(l.PMF))
			for k, pk := range l.PMF {
				if pk != 0 {
					xs = append(xs, v-(l.Origin+float64(k)*h)-h/2)
					ks = append(ks, k)
				}
			}
			tails := make([]float64, len(xs))
			o.ExceedProbs(xs, tails)
			for j, k := range ks {
				pk := l.PMF[k]
				x := l.Origin + float64(k)*h
				tail := tails[j]
				s += x * pk * tail
				p += pk * tail
			}
			num[i] += w * s
			if i == 0 {
				den += w * p
			}
		}
	}
	if !(den > 0) {
		return 0, nil, errors.New("model: the fund's tail has no mass")
	}
	means = make([]float64, n)
	for i := range num {
		means[i] = num[i] / den
	}
	return v, means, nil
}
