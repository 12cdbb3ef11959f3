package model

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/plans"
)

// PlanCache keeps the plans' exact distributions between calls of Exact
// that share it (ExactOptions.Cache): a plan priced again under the same
// terms, priced year, shocks and lattice options gets the distribution
// already computed — the same object, so the same numbers to the bit. A
// batch of scenarios that leaves most plans untouched computes only the
// plans it changes. Safe for concurrent use; the distributions are read
// only.
type PlanCache struct {
	mu sync.Mutex
	m  map[*Plan]map[string]*planEntry
	// funds are the fund distributions by their plans' distributions (the
	// same objects) and lattice options: a run that reuses every plan
	// reuses the fund's convolution and its tail means too.
	funds map[string]*FundDist
	// transforms are the plans' transforms TailMeans computes, kept for
	// the next fund with the same plans (at most transformBytes).
	transforms *aggregate.Transforms
	// expected are ExpectedBenefits' results by plan and key (planKey
	// with the terms priced and whether mixed): the caps lever's search
	// asks for the same terms again within a run and across runs.
	expected map[*Plan]map[string]*expectedEntry
	// mcs are the plans' member lattices (membercache.go), at most
	// memberBytes in all (mbytes).
	mcs    map[*Plan]*memberCache
	mbytes atomic.Int64
}

// planEntry is one plan's distribution, computed once: a run that asks for
// it while another computes it waits for that result.
type planEntry struct {
	once sync.Once
	pd   *PlanDist
	err  error
}

// expectedEntry is one ExpectedBenefits result, computed once.
type expectedEntry struct {
	once sync.Once
	v    float64
	err  error
}

// transformBytes bounds the transforms a PlanCache keeps: the example
// book's fund has about 16,000 points, so a transform is about 130 kB.
const transformBytes = 256 << 20

// NewPlanCache returns an empty cache.
func NewPlanCache() *PlanCache {
	return &PlanCache{m: map[*Plan]map[string]*planEntry{}, funds: map[string]*FundDist{},
		expected: map[*Plan]map[string]*expectedEntry{}, transforms: aggregate.NewTransforms(transformBytes),
		mcs: map[*Plan]*memberCache{}}
}

// members returns plan p's member cache (c nil: a new one, for one call).
func (c *PlanCache) members(p *Plan) *memberCache {
	if c == nil {
		return newMemberCache(nil)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	mc := c.mcs[p]
	if mc == nil {
		mc = newMemberCache(&c.mbytes)
		c.mcs[p] = mc
	}
	return mc
}

// fundKey names a fund distribution by its plans' distributions (their
// addresses: cached ones are shared) and the options the fund's lattice
// reads.
func fundKey(pds []*PlanDist, o ExactOptions, nt int) string {
	k := fmt.Sprintf("%d|%d", o.PointsPerSD, nt)
	for _, pd := range pds {
		k += fmt.Sprintf("|%p", pd)
	}
	return k
}

// fund returns the cached fund distribution of these plans' distributions
// (nil when there is none or c is nil).
func (c *PlanCache) fund(pds []*PlanDist, o ExactOptions, nt int) *FundDist {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.funds[fundKey(pds, o, nt)]
}

// keepFund caches fd (c nil: nothing).
func (c *PlanCache) keepFund(fd *FundDist, o ExactOptions) {
	if c == nil {
		return
	}
	fd.tails = map[float64]tailMeans{}
	fd.transforms = c.transforms
	c.mu.Lock()
	defer c.mu.Unlock()
	c.funds[fundKey(fd.Plans, o, len(fd.TrendWeights))] = fd
}

// tailMeans is one result of FundDist.TailMeans, kept for a cached fund.
type tailMeans struct {
	v     float64
	means []float64
}

// planKey is everything planExact reads besides the plan's model: the
// terms, the scenario's fields, the shocks and the options.
func planKey(p *Plan, sc *Scenario, o ExactOptions, nt, np int) string {
	return termsKey(p, sc.TermsOf(p), sc, o, nt, np)
}

// termsKey is planKey with the terms t priced.
func termsKey(p *Plan, t *plans.Terms, sc *Scenario, o ExactOptions, nt, np int) string {
	return fmt.Sprintf("%+v|%d|%v|%v|%v|%v|%v|%v|%v|%v|%d|%d|%d|%d|%v|%d|%d",
		*t, sc.Years, sc.MedicalTrend, sc.TrendSD, sc.EnrolmentGrowth, sc.Parameter, sc.Trend,
		sc.IncidenceOf(p), sc.SeverityOf(p), sc.EnrolmentFactor(),
		o.TrendNodes, o.ParamNodes, o.MemberPoints, o.PointsPerSD, o.Tol, nt, np)
}

// plan is planExact through the cache (c nil: no cache). Concurrent calls
// for the same plan and key compute it once.
func (c *PlanCache) plan(p *Plan, sc *Scenario, o ExactOptions, tz, tw, pz, pw []float64) (*PlanDist, error) {
	if c == nil {
		return planExact(p, sc, o, tz, tw, pz, pw)
	}
	k := planKey(p, sc, o, len(tz), len(pz))
	c.mu.Lock()
	if c.m[p] == nil {
		c.m[p] = map[string]*planEntry{}
	}
	e := c.m[p][k]
	if e == nil {
		e = &planEntry{}
		c.m[p][k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.pd, e.err = planExact(p, sc, o, tz, tw, pz, pw) })
	return e.pd, e.err
}

// ExpectedBenefits is model.ExpectedBenefits through the cache (c nil: no
// cache): the same number, computed once for the plan, the terms t, the
// scenario's fields, mixed and the options.
func (c *PlanCache) ExpectedBenefits(p *Plan, t *plans.Terms, sc *Scenario, mixed bool, opts *ExactOptions) (float64, error) {
	if c == nil {
		return ExpectedBenefits(p, t, sc, mixed, opts)
	}
	k := fmt.Sprintf("%v|%s", mixed, termsKey(p, t, sc, opts.defaults(), 0, 0))
	c.mu.Lock()
	if c.expected[p] == nil {
		c.expected[p] = map[string]*expectedEntry{}
	}
	e := c.expected[p][k]
	if e == nil {
		e = &expectedEntry{}
		c.expected[p][k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.v, e.err = ExpectedBenefits(p, t, sc, mixed, opts) })
	return e.v, e.err
}
