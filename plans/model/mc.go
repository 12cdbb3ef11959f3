package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/plans"
)

// MCBlock is the number of paths per block of Simulate. Block b (paths
// b·MCBlock … (b+1)·MCBlock − 1) draws from its own source
// rand.NewPCG(seed, b), so the sample is the same for any number of
// workers; changing MCBlock changes the numbers.
const MCBlock = 64

// MCOptions control Simulate. Zero values take the defaults.
type MCOptions struct {
	Paths   int    // simulated years (default 10,000)
	Seed    uint64 // default (and 0) 20260101
	Workers int    // default GOMAXPROCS; the numbers do not depend on it
}

func (o MCOptions) defaults() MCOptions {
	if o.Paths <= 0 {
		o.Paths = 10000
	}
	if o.Seed == 0 {
		o.Seed = 20260101
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// MCResult is the sample of Simulate: every path is one priced year.
type MCResult struct {
	Paths int
	Seed  uint64
	// Plans are the plan keys, in the order given to Simulate.
	Plans []string
	// PlanTotals[i][j] is plan i's benefits in path j; FundTotal[j] their sum.
	PlanTotals [][]float64
	FundTotal  []float64
}

// PlanResult is plan i's sample as an aggregate.Result: mean, sd, VaR, TVaR,
// exceedance probabilities and their Monte Carlo standard errors.
func (r *MCResult) PlanResult(i int) *aggregate.Result {
	return aggregate.FromSample(r.PlanTotals[i])
}

// FundResult is the fund's sample as an aggregate.Result.
func (r *MCResult) FundResult() *aggregate.Result { return aggregate.FromSample(r.FundTotal) }

// Simulate is the member-level Monte Carlo of the priced year's benefits: the
// model of Exact, computed by drawing every claiming member's events and
// paying them with the plan's rules (plans.Rules.PayYear) literally. Each
// path:
//
//  1. with sc.Trend, one standard normal Z_T common to all plans (else 0);
//     medical costs (Severity.Trended) are multiplied by sc.TrendFactor(Z_T);
//  2. per plan, independently, with sc.Parameter: Z_I and Z_S standard
//     normal, the incidence factor fI = LognormalFactor(σ_I, Z_I) on every
//     benefit's mean events and the severity factor fS =
//     LognormalFactor(σ_S, Z_S) on the scale of every severity (and of the
//     amount paid per claim of a summary-only benefit), (σ_I, σ_S) =
//     Plan.ParameterSD(); without sc.Parameter, fI = fS = 1 (the estimates;
//     not LognormalFactor(σ, 0), which is the median e^(−σ²/2));
//  3. M = sc.MembersNext(p) members, round(M·ShareMix[c]) of them holding c
//     shares; a member's events of benefit b are N_b ~ b.Freq.Dist(fI ·
//     ExposureRatio), independent over benefits and members (with rate
//     classes, per class: fI times the class's incidence relativity, and
//     the class's negative binomial size, Plan.countDist);
//  4. each event: a medical or outpatient cost X·fS·fT (fT only for
//     trended severities; a lognormal cost at or below the deductible,
//     which pays nothing whatever its value, is given as 0 to save its
//     exponential; a banded plan has no deductible, so every cost counts
//     toward the year's bands) or a fire loss X·fS; a hospital stay of 1 + D days, D ~ Days.Dist(); a
//     disease class or disability grade drawn from Categories (keys in sorted
//     order); a death carries nothing. The member's events are put in a
//     uniformly random chronological order (a random permutation), which
//     decides each medical event's admission number and whether a death
//     follows a disability, and paid by PayYear with the member's shares;
//     the member's payout is the sum. A summary-only benefit (Payment set,
//     no Sev) pays a draw of Payment·fS (·fT when PaymentTrended) times the shares per event, and the
//     member's total is then capped at annual_cap·shares.
//
// Members are not looped over. Per share class, with P0_b = P(N_b = 0) and
// P0 = Π_b P0_b, the number of members with at least one event is drawn,
// K ~ Binomial(M_c, 1 − P0) (by inversion when M_c(1 − P0) < 30, else by
// gonum's rejection sampler, exact for any M_c); then each of the K members'
// counts are drawn exactly from their law given "not all zero": going through
// the benefits in order while none has had an event, with R_b = Π_{b' ≥ b}
// P0_b', benefit b has events with probability (1 − P0_b)/(1 − R_b) (1 for
// the last benefit that can have any), its count then from the zero-truncated
// law; once a benefit has had events the later ones are drawn
// unconditionally. Counts and days are drawn by inversion of their
// tabulated distribution functions (continued beyond the table, not cut).
//
// Paths run in blocks of MCBlock, block b from rand.NewPCG(o.Seed, b), each
// path's totals written to its own slot: the sample does not depend on the
// number of workers. Bad inputs (no plans, a plan without members, a
// category the terms do not list, a benefit without the law it needs, an
// error of the rules, a non-finite total) are errors.
func Simulate(ps []*Plan, sc *Scenario, o MCOptions) (*MCResult, error) {
	o = o.defaults()
	if len(ps) == 0 {
		return nil, errors.New("model: no plans to simulate")
	}
	if sc == nil {
		return nil, errors.New("model: no scenario")
	}
	mp := make([]*mcPlan, len(ps))
	for i, p := range ps {
		m, err := newMCPlan(p, sc)
		if err != nil {
			key := "?"
			if p != nil && p.Terms != nil {
				key = p.Terms.Plan
			}
			return nil, fmt.Errorf("model: plan %s: %w", key, err)
		}
		mp[i] = m
	}
	res := &MCResult{Paths: o.Paths, Seed: o.Seed, Plans: make([]string, len(ps)),
		PlanTotals: make([][]float64, len(ps)), FundTotal: make([]float64, o.Paths)}
	for i, p := range ps {
		res.Plans[i] = p.Terms.Plan
		res.PlanTotals[i] = make([]float64, o.Paths)
	}
	nb := (o.Paths + MCBlock - 1) / MCBlock
	errs := make([]error, nb)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(o.Workers, nb) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newMCWorker(mp)
			for !failed.Load() {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				if err := w.block(sc, o.Seed, b, res); err != nil {
					errs[b] = err
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for j := range res.FundTotal {
		s := 0.0
		for i := range res.PlanTotals {
			s += res.PlanTotals[i][j]
		}
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return nil, fmt.Errorf("model: path %d has a non-finite total; a severity may be too heavy-tailed", j+1)
		}
		res.FundTotal[j] = s
	}
	return res, nil
}

// What an event of a benefit needs drawn.
const (
	mcCost    = iota // medical cost or fire loss from Sev
	mcDays           // hospital days
	mcCat            // disease class or disability grade
	mcNone           // death
	mcSummary        // summary-only: an amount paid, from Payment
)

type mcBenefit struct {
	b       *Benefit
	growth  float64 // the frequency trend's factor to the priced year
	what    int
	trended bool
	days    *mcInv // the law of days − 1 (read only)
	cats    []string
	catCum  []float64 // cumulative shares; the last is their total
}

// mcPlan is what every path needs of one plan, read only.
type mcPlan struct {
	p        *Plan
	rules    *plans.Rules
	classes  []shareClass
	sdI, sdS float64
	// shockI and shockS are the scenario's incidence and severity shocks
	// (Scenario.IncidenceOf, SeverityOf): factors on fI and fS.
	shockI, shockS float64
	bens           []mcBenefit
}

func newMCPlan(p *Plan, sc *Scenario) (*mcPlan, error) {
	if p == nil || p.Terms == nil {
		return nil, errors.New("no plan or no terms")
	}
	if math.IsNaN(p.ExposureRatio) || p.ExposureRatio < 0 {
		return nil, fmt.Errorf("exposure ratio %v, expected ≥ 0", p.ExposureRatio)
	}
	m := &mcPlan{p: p, rules: sc.TermsOf(p).Rules()}
	M := sc.MembersNext(p)
	if !(M > 0) || math.IsInf(M, 0) {
		return nil, fmt.Errorf("%v members in the priced year", M)
	}
	m.classes = planClasses(p, M) // classes.go
	if len(m.classes) == 0 {
		return nil, fmt.Errorf("no members in the priced year (%v members, share mix %v)", M, p.ShareMix)
	}
	for _, c := range m.classes {
		if c.shares < 1 {
			return nil, fmt.Errorf("the share mix holds %d shares", c.shares)
		}
	}
	m.sdI, m.sdS = p.ParameterSD()
	m.shockI, m.shockS = sc.IncidenceOf(p), sc.SeverityOf(p)
	r := m.rules
	for _, b := range p.Benefits {
		if b == nil {
			return nil, errors.New("nil benefit")
		}
		mb := mcBenefit{b: b, growth: b.Freq.Growth(sc.Years)}
		if b.Payment != nil && b.Sev == nil {
			if _, err := scaled(b.Payment, 2); err != nil {
				return nil, err
			}
			mb.what = mcSummary
			m.bens = append(m.bens, mb)
			continue
		}
		if !r.Allows(b.Benefit) {
			return nil, fmt.Errorf("a %s plan does not pay benefit %q", r.Kind, b.Benefit)
		}
		switch b.Benefit {
		case plans.Medical, plans.Fire, plans.Outpatient:
			if b.Sev == nil || b.Sev.Dist == nil {
				return nil, fmt.Errorf("%s benefit without a severity", b.Benefit)
			}
			if _, err := scaled(b.Sev.Dist, 2); err != nil {
				return nil, err
			}
			mb.what = mcCost
			mb.trended = b.Sev.Trended
		case plans.Day:
			if b.Days == nil {
				return nil, errors.New("day benefit without a law of days")
			}
			mb.what = mcDays
			mb.days = &mcInv{}
			mb.days.build(b.Days.Dist(), 0, 1)
		case plans.Diagnosis, plans.Disability:
			mb.what = mcCat
			if err := mb.setCategories(r); err != nil {
				return nil, err
			}
		case plans.Death:
			mb.what = mcNone
		default:
			return nil, fmt.Errorf("benefit %q has no model", b.Benefit)
		}
		m.bens = append(m.bens, mb)
	}
	return m, nil
}

// setCategories checks the category mix against the terms' schedule and
// tabulates it in sorted order of the keys.
func (mb *mcBenefit) setCategories(r *plans.Rules) error {
	b := mb.b
	sched := r.Diagnosis
	if b.Benefit == plans.Disability {
		sched = r.Disability
	}
	if len(b.Categories) == 0 {
		if sched == nil { // diagnosis without a schedule: every class pays 100%
			mb.cats, mb.catCum = []string{""}, []float64{1}
			return nil
		}
		return fmt.Errorf("%s benefit has no category mix but the terms have a schedule", b.Benefit)
	}
	for c := range b.Categories {
		mb.cats = append(mb.cats, c)
	}
	sort.Strings(mb.cats)
	tot := 0.0
	for _, c := range mb.cats {
		w := b.Categories[c]
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("%s category %q has share %v", b.Benefit, c, w)
		}
		if sched != nil {
			if _, ok := sched[strings.TrimSpace(c)]; !ok {
				return fmt.Errorf("%s category %q is not in the plan's schedule", b.Benefit, c)
			}
		}
		tot += w
		mb.catCum = append(mb.catCum, tot)
	}
	if !(tot > 0) {
		return fmt.Errorf("%s category shares sum to %v", b.Benefit, tot)
	}
	return nil
}

// category is the category of a uniform u.
func (mb *mcBenefit) category(u float64) string {
	x := u * mb.catCum[len(mb.catCum)-1]
	for i, c := range mb.catCum {
		if x < c {
			return mb.cats[i]
		}
	}
	return mb.cats[len(mb.cats)-1]
}

// mcWorker is one worker's scratch: per plan and benefit the count and
// severity samplers of the current path, and one member's events.
type mcWorker struct {
	plans  []*mcPlan
	counts [][]*mcCounts
	countF [][]float64 // the mean factor the counts were tabulated for
	countC [][]int     // and the rate class (its count dispersion)
	cond   [][]float64 // P(benefit k has events | none before k did, some benefit does)
	sev    [][]mcSev
	ev     []plans.Event
	paid   []float64
	amt    []float64 // summary-only amounts
}

func newMCWorker(mp []*mcPlan) *mcWorker {
	w := &mcWorker{plans: mp}
	for _, m := range mp {
		n := len(m.bens)
		cs := make([]*mcCounts, n)
		fs := make([]float64, n)
		for i := range cs {
			cs[i] = &mcCounts{}
			fs[i] = math.NaN()
		}
		w.counts = append(w.counts, cs)
		w.countF = append(w.countF, fs)
		w.countC = append(w.countC, make([]int, n))
		w.cond = append(w.cond, make([]float64, n))
		w.sev = append(w.sev, make([]mcSev, n))
	}
	return w
}

// block simulates the paths of block b into res.
func (w *mcWorker) block(sc *Scenario, seed uint64, b int, res *MCResult) error {
	rng := rand.New(rand.NewPCG(seed, uint64(b)))
	lo, hi := b*MCBlock, min((b+1)*MCBlock, res.Paths)
	for j := lo; j < hi; j++ {
		zT := 0.0
		if sc.Trend {
			zT = rng.NormFloat64()
		}
		fT := sc.TrendFactor(zT)
		for i, m := range w.plans {
			// Without parameter uncertainty the factors are 1 (the
			// estimates), not LognormalFactor(σ, 0) = e^(−σ²/2), the median.
			fI, fS := 1.0, 1.0
			if sc.Parameter {
				fI = LognormalFactor(m.sdI, rng.NormFloat64())
				fS = LognormalFactor(m.sdS, rng.NormFloat64())
			}
			t, err := w.plan(i, m, fI*m.shockI, fS*m.shockS, fT, rng)
			if err != nil {
				return fmt.Errorf("model: plan %s, path %d: %w", m.p.Terms.Plan, j+1, err)
			}
			res.PlanTotals[i][j] = t
		}
	}
	return nil
}

// planPart simulates one year of the members classes of plan i with the
// given factors (plan, classes.go, calls it per rate class).
func (w *mcWorker) planPart(i int, m *mcPlan, classes []shareClass, fI, fS, fT float64, rng *rand.Rand) (float64, error) {
	cs, cond, sev := w.counts[i], w.cond[i], w.sev[i]
	logP0 := 0.0
	for k := range m.bens {
		mb := &m.bens[k]
		cls := classes[0].class
		if f := fI * m.p.ExposureRatio * mb.growth; w.countF[i][k] != f || w.countC[i][k] != cls {
			cs[k].set(m.p.countDist(mb.b, cls, f, 1))
			w.countF[i][k], w.countC[i][k] = f, cls
		}
		logP0 += cs[k].logP0
		switch mb.what {
		case mcCost:
			g := fS
			if mb.trended {
				g *= fT
			}
			x, err := scaled(mb.b.Sev.Dist, g)
			if err != nil {
				return 0, err
			}
			d := 0.0
			if mb.b.Benefit == plans.Medical {
				d = m.rules.ClaimThreshold() // 0 for a banded plan
			}
			sev[k].set(x, d, rng)
		case mcSummary:
			g := fS
			if mb.b.PaymentTrended {
				g *= fT
			}
			x, err := scaled(mb.b.Payment, g)
			if err != nil {
				return 0, err
			}
			sev[k].set(x, 0, rng)
		}
	}
	// cond[k] = (1 − P0_k)/(1 − R_k), R_k = Π_{k' ≥ k} P0_k'.
	tail := 0.0
	for k := len(m.bens) - 1; k >= 0; k-- {
		tail += cs[k].logP0
		if cs[k].s0 == 0 {
			cond[k] = 0
			continue
		}
		cond[k] = cs[k].s0 / -math.Expm1(tail)
	}
	pAny := -math.Expm1(logP0)
	total := 0.0
	r := m.rules
	for _, c := range classes {
		K := mcBinomial(c.members, pAny, rng)
		s := float64(c.shares)
		for range K {
			ev, amt := w.ev[:0], w.amt[:0]
			some := false
			for k := range m.bens {
				mb := &m.bens[k]
				var n int
				if some {
					n = cs[k].draw(rng)
				} else if cond[k] >= 1 || (cond[k] > 0 && rng.Float64() < cond[k]) {
					n = cs[k].ztrunc(rng)
					some = true
				}
				if mb.what == mcSummary {
					for range n {
						amt = append(amt, sev[k].draw(rng)*s)
					}
					continue
				}
				for range n {
					ev = append(ev, plans.Event{Benefit: mb.b.Benefit, Days: -1})
					e := &ev[len(ev)-1]
					switch mb.what {
					case mcCost:
						e.Cost = sev[k].draw(rng)
					case mcDays:
						e.Days = 1 + mb.days.inv(rng.Float64())
					case mcCat:
						e.Category = mb.category(rng.Float64())
					}
				}
			}
			// A uniformly random chronological order (Fisher–Yates).
			for a := len(ev) - 1; a > 0; a-- {
				j := rng.IntN(a + 1)
				ev[a], ev[j] = ev[j], ev[a]
			}
			pay := 0.0
			if len(ev) > 0 {
				if cap(w.paid) < len(ev) {
					w.paid = make([]float64, 2*len(ev))
				}
				paid := w.paid[:len(ev)]
				if err := r.PayYear(ev, c.shares, paid); err != nil {
					return 0, err
				}
				for _, p := range paid {
					pay += p
				}
			}
			if len(amt) > 0 {
				for _, a := range amt {
					pay += a
				}
				pay = math.Min(pay, r.AnnualCap*s)
			}
			total += pay
			w.ev, w.amt = ev, amt
		}
	}
	return total, nil
}
