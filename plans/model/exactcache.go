package model

import (
	"fmt"
	"sync"
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
	m  map[*Plan]map[string]*PlanDist
}

// NewPlanCache returns an empty cache.
func NewPlanCache() *PlanCache { return &PlanCache{m: map[*Plan]map[string]*PlanDist{}} }

// planKey is everything planExact reads besides the plan's model: the
// terms, the scenario's fields, the shocks and the options.
func planKey(p *Plan, sc *Scenario, o ExactOptions, nt, np int) string {
	return fmt.Sprintf("%+v|%d|%v|%v|%v|%v|%v|%v|%v|%v|%d|%d|%d|%d|%v|%d|%d",
		*sc.TermsOf(p), sc.Years, sc.MedicalTrend, sc.TrendSD, sc.EnrolmentGrowth, sc.Parameter, sc.Trend,
		sc.IncidenceOf(p), sc.SeverityOf(p), sc.EnrolmentFactor(),
		o.TrendNodes, o.ParamNodes, o.MemberPoints, o.PointsPerSD, o.Tol, nt, np)
}

// plan is planExact through the cache (c nil: no cache).
func (c *PlanCache) plan(p *Plan, sc *Scenario, o ExactOptions, tz, tw, pz, pw []float64) (*PlanDist, error) {
	if c == nil {
		return planExact(p, sc, o, tz, tw, pz, pw)
	}
	k := planKey(p, sc, o, len(tz), len(pz))
	c.mu.Lock()
	pd, ok := c.m[p][k]
	c.mu.Unlock()
	if ok {
		return pd, nil
	}
	pd, err := planExact(p, sc, o, tz, tw, pz, pw)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m[p] == nil {
		c.m[p] = map[string]*PlanDist{}
	}
	c.m[p][k] = pd
	c.mu.Unlock()
	return pd, nil
}
