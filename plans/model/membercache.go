package model

import (
	"fmt"
	"math"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/plans"
)

// memberCache keeps one plan's member lattices — the discretised payments
// of one event and one member's yearly payouts — by everything they are
// computed from, so that a lattice asked for again is the one already
// computed: the same numbers to the bit. Within one planExact the three
// incidence nodes share the payments (incidence moves only the event
// counts), and the central node's payout is Member's; through a PlanCache
// the scenarios of a batch share both: an incidence shock reuses the
// payments, a change of enrolment (which moves only the tail allowed a
// member, Tol/(16·M)) reuses the payouts whose event counts it leaves as
// they are. Safe for concurrent use; the lattices are read only.
type memberCache struct {
	mu  sync.Mutex
	sev map[string]*sevEntry
	tot map[string]*totEntry
	bas map[string]*basisEntry
	// bytes is what the caches sharing this budget keep (a PlanCache's
	// plans share one); beyond memberBytes a lattice is computed and not
	// kept.
	bytes *atomic.Int64
}

type sevEntry struct {
	once sync.Once
	pmf  []float64
	err  error
}

type basisEntry struct {
	once   sync.Once
	b      *aggregate.MemberBasis
	err    error
	points int // points counted in the budget
}

type totEntry struct {
	once sync.Once
	l    *aggregate.Lattice
	err  error
}

// memberBytes bounds the member lattices a PlanCache keeps: the example
// book's hospital payout is 3,001 points (24 kB), 47 of them a scenario.
const memberBytes = 256 << 20

func newMemberCache(budget *atomic.Int64) *memberCache {
	if budget == nil {
		budget = new(atomic.Int64)
	}
	return &memberCache{sev: map[string]*sevEntry{}, tot: map[string]*totEntry{}, bas: map[string]*basisEntry{}, bytes: budget}
}

// keep reports whether n more float64s fit in the budget, and counts them
// if so.
func (c *memberCache) keep(n int) bool {
	b := int64(8 * n)
	if c.bytes.Add(b) > memberBytes {
		c.bytes.Add(-b)
		return false
	}
	return true
}

// payment returns the lattice of one event's payment computed by fn, kept
// under key (the caller's full description of what fn reads).
func (c *memberCache) payment(key string, fn func() ([]float64, error)) ([]float64, error) {
	c.mu.Lock()
	e := c.sev[key]
	if e == nil {
		e = &sevEntry{}
		c.sev[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.pmf, e.err = fn()
		if e.err != nil || !c.keep(len(e.pmf)) {
			c.mu.Lock()
			delete(c.sev, key)
			c.mu.Unlock()
		}
	})
	return e.pmf, e.err
}

// total returns one member's payout computed by fn, kept under key.
func (c *memberCache) total(key string, fn func() (*aggregate.Lattice, error)) (*aggregate.Lattice, error) {
	c.mu.Lock()
	e := c.tot[key]
	if e == nil {
		e = &totEntry{}
		c.tot[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.l, e.err = fn()
		if e.err != nil || !c.keep(len(e.l.PMF)) {
			c.mu.Lock()
			delete(c.tot, key)
			c.mu.Unlock()
		}
	})
	return e.l, e.err
}

// basisPoints bounds the points of one MemberBasis: past it (a long
// lattice without an annual cap and many events) aggregate.MemberTotal
// is used.
const basisPoints = 1 << 22

// memberTotal is aggregate.MemberTotal(count, sev, h, capA, maxPts) from
// the severities' MemberBasis, kept under the payments' keys (one per
// severity) and capA: the counts of a plan's incidence nodes, and of the
// scenarios that change only incidence or enrolment, share the basis. The
// numbers are MemberTotal's but for rounding (aggregate.MemberBasis).
func (c *memberCache) memberTotal(keys []string, count []float64, sev [][]float64, h, capA float64) (*aggregate.Lattice, error) {
	if capA <= 0 {
		// Without an annual cap B_n reaches n times a payment's points.
		pts, ly := 0, 0
		for _, y := range sev {
			ly = max(ly, len(y))
		}
		for n := range count {
			pts += min(maxPts, n*ly+1)
		}
		if pts > basisPoints {
			return aggregate.MemberTotal(count, sev, h, capA, maxPts)
		}
	}
	key := fmt.Sprintf("%q|%x", keys, math.Float64bits(capA))
	c.mu.Lock()
	e := c.bas[key]
	if e == nil {
		e = &basisEntry{}
		c.bas[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.b, e.err = aggregate.NewMemberBasis(sev, h, capA, maxPts) })
	if e.err != nil {
		return nil, e.err
	}
	l, err := e.b.Total(count)
	if err != nil {
		return nil, err
	}
	// Count the basis's growth in the budget; past it, the basis is let go
	// (a later call builds a new one: the same numbers).
	c.mu.Lock()
	defer c.mu.Unlock()
	if grown := e.b.Points() - e.points; grown > 0 && c.bas[key] == e {
		e.points += grown
		if c.bytes.Add(int64(8*grown)) > memberBytes && c.bas[key] == e {
			delete(c.bas, key)
			c.bytes.Add(-int64(8 * e.points))
		}
	}
	return l, nil
}

// paymentKey names one discretised payment: the benefit (its severity
// law), what it is scaled by, the coverage, the step, the deductible that
// thins the events to claimed ones (medical), and the tail allowed beyond
// the lattice, which DiscretizePayment reads only without a limit.
func (m *member) paymentKey(kind string, b *Benefit, f float64, c aggregate.Coverage, tail float64) string {
	if !math.IsInf(c.Limit, 1) && c.Limit > 0 {
		tail = 0
	}
	return fmt.Sprintf("%s|%p|%x|%x|%x|%x|%x|%x|%x", kind, b, math.Float64bits(f), math.Float64bits(c.Deductible),
		math.Float64bits(c.Ratio), math.Float64bits(c.Limit), math.Float64bits(m.h), math.Float64bits(m.r.Deductible),
		math.Float64bits(tail))
}

// totalKey names one member's payout (member.compute) by everything it
// reads: the rules, the step, the shares, the factors with the shocks, the
// years of frequency trend, and — instead of the tail allowed a member,
// which moves with the members — what the tail decides: each benefit's
// table of event counts and, where no term bounds a payment, the tail
// itself (it then sets the payment's lattice). The plan is the cache's.
// An input added to compute must be added here.
func (m *member) totalKey(s, cls int, fI, fS, fT float64) (string, error) {
	p, r := m.p, m.r
	fI, fS = fI*m.shockI, fS*m.shockS
	sh := float64(s)
	annual := r.AnnualCap * sh
	k := fmt.Appendf(nil, "%+v|%x|%d|%x|%x|%x|%d", *r, math.Float64bits(m.h), s, math.Float64bits(fI),
		math.Float64bits(fS), math.Float64bits(fT), m.years)
	unbounded := false
	for _, b := range p.Benefits {
		fN := fI * p.ExposureRatio * b.Freq.Growth(m.years)
		nd := p.countDist(b, cls, fN, 1)
		switch {
		case b.Benefit == plans.Medical && b.Sev != nil:
			x, _, err := costLaw(b, fS, fT)
			if err != nil {
				return "", err
			}
			nd = p.countDist(b, cls, fN, claimedShare(x, r))
			for j := range 3 {
				_, _, limit := r.MedicalCoverage(j+1, s)
				unbounded = unbounded || math.IsInf(math.Min(limit, annual), 1)
			}
		case b.Benefit == plans.Fire && b.Sev != nil:
			_, limit := r.FireCoverage()
			unbounded = unbounded || math.IsInf(math.Min(limit, annual), 1)
		case b.Payment != nil:
			unbounded = unbounded || math.IsInf(annual, 1)
		}
		count, err := countPMF(nd, m.tail)
		if err != nil {
			return "", fmt.Errorf("%s events: %w", b.Benefit, err)
		}
		k = append(k, '|')
		for _, v := range count {
			k = strconv.AppendUint(append(k, ','), math.Float64bits(v), 16)
		}
	}
	if m.bands != nil || m.outBands != nil {
		// Banded payouts (banded.go): the schedules, and the tail, which
		// sets the cost lattice where no cap bounds the payment.
		k = fmt.Appendf(k, "|bands %v|%v", m.bands, m.outBands)
		unbounded = true
	}
	if unbounded {
		k = strconv.AppendUint(append(k, "|tail "...), math.Float64bits(m.tail), 16)
	}
	return string(k), nil
}
