package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"gonum.org/v1/gonum/stat/distuv"
)

// MCOptions control Simulate.
type MCOptions struct {
	Paths   int    // default 10,000
	Seed    uint64 // default 20260101
	Workers int    // default GOMAXPROCS; the numbers do not depend on it
}

// MCBlock is the number of paths drawn from one random source.
const MCBlock = 64

// MCResult holds the simulated totals of every path.
type MCResult struct {
	Paths      int
	Seed       uint64
	Plans      []string    // plan keys, in input order
	PlanTotals [][]float64 // [plan][path] benefits of the year
	FundTotal  []float64   // [path] Σ plans
}

// Simulate draws the priced year member by member and pays every claim by
// the plan's rules literally (plans.Rules.PayYear), as a cross-check of
// Exact on the same model:
//
//   - per path, the trend shock (common to every plan's medical costs) and,
//     per plan, the incidence and severity-scale factors, as in Exact;
//   - per plan and share class of M_c members, the number of members with at
//     least one event, K ~ Binomial(M_c, 1 − P0), P0 = Π_b P(N_b = 0); for
//     each of them the benefit counts given "not all zero", drawn exactly in
//     benefit order: benefit b has events with probability
//     (1 − P0_b)/(1 − Π_{b' ≥ b} P0_b') given none before it had, its count
//     then from the zero-truncated law, and the benefits after it
//     unconditionally;
//   - each event's amount (cost, loss, days, class or grade) from the model,
//     the member's events in a uniformly random order within the year, paid
//     by PayYear (summary-only benefits: the paid amount × shares, capped by
//     the annual cap).
//
// Paths are drawn in blocks of MCBlock, block b from
// rand.NewPCG(seed, b), so the totals do not depend on the workers.
func Simulate(ps []*Plan, sc *Scenario, o MCOptions) (*MCResult, error) {
	if o.Paths <= 0 {
		o.Paths = 10000
	}
	if o.Seed == 0 {
		o.Seed = 20260101
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if len(ps) == 0 {
		return nil, errors.New("model: no plans to simulate")
	}
	sims := make([]*planSim, len(ps))
	for i, p := range ps {
		s, err := newPlanSim(p, sc)
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
		}
		sims[i] = s
	}
	res := &MCResult{Paths: o.Paths, Seed: o.Seed, PlanTotals: make([][]float64, len(ps)), FundTotal: make([]float64, o.Paths)}
	for i, p := range ps {
		res.Plans = append(res.Plans, p.Terms.Plan)
		res.PlanTotals[i] = make([]float64, o.Paths)
	}
	nb := (o.Paths + MCBlock - 1) / MCBlock
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, nb)
	for w := 0; w < min(o.Workers, nb); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := &workspace{}
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				rng := rand.New(rand.NewPCG(o.Seed, uint64(b)))
				for path := b * MCBlock; path < min((b+1)*MCBlock, o.Paths); path++ {
					zT := 0.0
					if sc.Trend && sc.TrendSD > 0 {
						zT = rng.NormFloat64()
					}
					fT := sc.TrendFactor(zT)
					for i, s := range sims {
						v, err := s.year(rng, fT, sc.Parameter, ws)
						if err != nil {
							errs[b] = fmt.Errorf("plan %s: %w", s.p.Terms.Plan, err)
							return
						}
						res.PlanTotals[i][path] = v
					}
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for path := range res.FundTotal {
		for i := range sims {
			res.FundTotal[path] += res.PlanTotals[i][path]
		}
	}
	return res, nil
}

// planSim is a plan prepared for simulation.
type planSim struct {
	p       *Plan
	rules   *plans.Rules
	classes []shareClass
	sdI     float64
	sdS     float64
	cats    [][]catShare // per benefit, sorted
	summary bool
}

type catShare struct {
	name string
	cum  float64
}

type workspace struct {
	events []plans.Event
	times  []float64
	idx    []int
	sorted []plans.Event
	paid   []float64
	counts []int
}

func newPlanSim(p *Plan, sc *Scenario) (*planSim, error) {
	s := &planSim{p: p, rules: sc.TermsOf(p).Rules(), classes: shareClasses(p.ShareMix, sc.MembersNext(p))}
	s.sdI, s.sdS = p.ParameterSD()
	if !sc.Parameter {
		s.sdI, s.sdS = 0, 0
	}
	for _, b := range p.Benefits {
		var cs []catShare
		if len(b.Categories) > 0 {
			var names []string
			for k := range b.Categories {
				names = append(names, k)
			}
			sort.Strings(names)
			cum := 0.0
			for _, k := range names {
				cum += b.Categories[k]
				cs = append(cs, catShare{k, cum})
			}
			cs[len(cs)-1].cum = 1
		}
		s.cats = append(s.cats, cs)
		if b.Payment != nil {
			s.summary = true
		}
		switch {
		case b.Benefit == plans.Medical && b.Sev == nil && b.Payment == nil,
			b.Benefit == plans.Fire && b.Sev == nil,
			b.Benefit == plans.Day && b.Days == nil:
			return nil, fmt.Errorf("benefit %s has no amount model", b.Benefit)
		}
	}
	return s, nil
}

// year draws one year of the plan: its total benefits.
func (s *planSim) year(rng *rand.Rand, fT float64, param bool, ws *workspace) (float64, error) {
	fI, fS := 1.0, 1.0
	if param {
		if s.sdI > 0 {
			fI = LognormalFactor(s.sdI, rng.NormFloat64())
		}
		if s.sdS > 0 {
			fS = LognormalFactor(s.sdS, rng.NormFloat64())
		}
	}
	p := s.p
	nb := len(p.Benefits)
	freqs := make([]dist.Discrete, nb)
	p0 := make([]float64, nb)
	sevs := make([]dist.Continuous, nb)
	for j, b := range p.Benefits {
		freqs[j] = b.Freq.Dist(fI * p.ExposureRatio)
		p0[j] = freqs[j].Prob(0)
		var err error
		switch {
		case b.Sev != nil:
			f := fS
			if b.Sev.Trended {
				f *= fT
			}
			if sevs[j], err = scaled(b.Sev.Dist, f); err != nil {
				return 0, err
			}
		case b.Payment != nil:
			if sevs[j], err = scaled(b.Payment, fS); err != nil {
				return 0, err
			}
		}
	}
	// R[j] = Π_{j' ≥ j} P0_j'.
	R := make([]float64, nb+1)
	R[nb] = 1
	for j := nb - 1; j >= 0; j-- {
		R[j] = R[j+1] * p0[j]
	}
	total := 0.0
	if cap(ws.counts) < nb {
		ws.counts = make([]int, nb)
	}
	counts := ws.counts[:nb]
	for _, c := range s.classes {
		k := binomial(c.members, 1-R[0], rng)
		for m := 0; m < k; m++ {
			// Counts given not all zero.
			any := false
			for j := 0; j < nb; j++ {
				if any {
					counts[j] = draw(freqs[j], rng)
					continue
				}
				if rng.Float64()*(1-R[j]) < 1-p0[j] {
					counts[j] = drawPositive(freqs[j], p0[j], rng)
					any = true
				} else {
					counts[j] = 0
				}
			}
			v, err := s.member(counts, c.shares, sevs, rng, ws)
			if err != nil {
				return 0, err
			}
			total += v
		}
	}
	return total, nil
}

// member draws the events of a member with the given counts and pays them.
func (s *planSim) member(counts []int, shares int, sevs []dist.Continuous, rng *rand.Rand, ws *workspace) (float64, error) {
	ws.events = ws.events[:0]
	ws.times = ws.times[:0]
	for j, b := range s.p.Benefits {
		for e := 0; e < counts[j]; e++ {
			ev := plans.Event{Benefit: b.Benefit, Days: -1, Cost: math.NaN()}
			switch {
			case b.Payment != nil:
				ev.Cost = quantile(sevs[j], rng)
			case b.Benefit == plans.Medical || b.Benefit == plans.Fire:
				ev.Cost = quantile(sevs[j], rng)
			case b.Benefit == plans.Day:
				ev.Days = 1 + draw(b.Days.Dist(), rng)
			}
			if cs := s.cats[j]; len(cs) > 0 {
				u := rng.Float64()
				i := sort.Search(len(cs), func(i int) bool { return cs[i].cum > u })
				ev.Category = cs[min(i, len(cs)-1)].name
			}
			ws.events = append(ws.events, ev)
			ws.times = append(ws.times, rng.Float64())
		}
	}
	n := len(ws.events)
	if s.summary {
		tot := 0.0
		for _, e := range ws.events {
			tot += e.Cost * float64(shares)
		}
		return math.Min(tot, s.rules.AnnualCap*float64(shares)), nil
	}
	ws.idx = ws.idx[:0]
	for i := range n {
		ws.idx = append(ws.idx, i)
	}
	sort.Slice(ws.idx, func(a, b int) bool { return ws.times[ws.idx[a]] < ws.times[ws.idx[b]] })
	ws.sorted = ws.sorted[:0]
	for _, i := range ws.idx {
		ws.sorted = append(ws.sorted, ws.events[i])
	}
	if cap(ws.paid) < n {
		ws.paid = make([]float64, n)
	}
	paid := ws.paid[:n]
	if err := s.rules.PayYear(ws.sorted, shares, paid); err != nil {
		return 0, err
	}
	tot := 0.0
	for _, v := range paid {
		tot += v
	}
	return tot, nil
}

// quantile draws from x by inversion (the families' own samplers hold their
// source; inversion needs none and is exact up to the quantile's accuracy).
func quantile(x dist.Continuous, rng *rand.Rand) float64 {
	u := rng.Float64()
	for u == 0 {
		u = rng.Float64()
	}
	return x.Quantile(u)
}

// draw samples a count: Poisson by dist.PoissonRand, the negative binomial as
// a gamma–Poisson mixture, others by inversion.
func draw(n dist.Discrete, rng *rand.Rand) int {
	switch d := n.(type) {
	case dist.Poisson:
		return dist.PoissonRand(d.Lambda, rng.Float64)
	case dist.NegBinomial:
		mu := d.Size * (1 - d.P) / d.P
		g := distuv.Gamma{Alpha: d.Size, Beta: d.Size / mu, Src: rng}
		return dist.PoissonRand(g.Rand(), rng.Float64)
	}
	return n.Quantile(rng.Float64())
}

// drawPositive samples N | N > 0 exactly, by inversion of the conditional
// CDF, the probabilities by the Panjer recursion p_k = (a + b/k)·p_(k−1) of
// the (a, b, 0) class (N ≥ 1 is rare here, so the search is short).
func drawPositive(n dist.Discrete, p0 float64, rng *rand.Rand) int {
	u := p0 + rng.Float64()*(1-p0)
	a, b, ok := n.ABZero()
	c, pk := p0, p0
	for k := 1; k < 1_000_000; k++ {
		if ok && pk > 0 {
			pk *= a + b/float64(k)
		} else {
			pk = n.Prob(k)
		}
		c += pk
		if c >= u {
			return k
		}
	}
	return 1_000_000
}

// binomial draws Binomial(n, p): by inversion for small means, gonum's
// sampler otherwise.
func binomial(n int, p float64, rng *rand.Rand) int {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	if float64(n)*p < 30 {
		// Inversion on the pmf recursion.
		q := 1 - p
		pk := math.Exp(float64(n) * math.Log1p(-p))
		c := pk
		u := rng.Float64()
		k := 0
		for c < u && k < n {
			pk *= float64(n-k) / float64(k+1) * p / q
			k++
			c += pk
		}
		return k
	}
	return int(distuv.Binomial{N: float64(n), P: p, Src: rng}.Rand())
}
