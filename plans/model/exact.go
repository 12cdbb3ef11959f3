package model

import (
	"errors"
	"fmt"
	"github.com/shopspring/decimal"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"gonum.org/v1/gonum/integrate/quad"
)

// ExactOptions control Exact.
type ExactOptions struct {
	// TrendNodes and ParamNodes are the Gauss–Hermite nodes of the trend
	// factor and of each parameter factor (defaults 5 and 3: exact for
	// polynomials of degree 9 and 5 in the normal shock).
	TrendNodes, ParamNodes int
	// MemberPoints is the number of lattice points of one member's payout
	// (default 2,000); PointsPerSD the lattice points per standard
	// deviation of a plan's and the fund's totals (default 500). Doubling
	// both moves the example book's fund sd by 1e-4 and its 99.5% VaR by
	// 3e-5, relatively.
	MemberPoints int
	PointsPerSD  int
	// Tol is the largest probability a compound may leave off its window.
	Tol     float64
	Workers int
	// Cache, when not nil, keeps each plan's distribution for later calls
	// with the same plan, terms, scenario and options (exactcache.go).
	Cache *PlanCache
}

func (o *ExactOptions) defaults() ExactOptions {
	var r ExactOptions
	if o != nil {
		r = *o
	}
	if r.TrendNodes <= 0 {
		r.TrendNodes = 5
	}
	if r.ParamNodes <= 0 {
		r.ParamNodes = 3
	}
	if r.MemberPoints <= 0 {
		r.MemberPoints = 2000
	}
	if r.PointsPerSD <= 0 {
		r.PointsPerSD = 500
	}
	if r.Tol <= 0 {
		r.Tol = 1e-9
	}
	if r.Workers <= 0 {
		r.Workers = runtime.GOMAXPROCS(0)
	}
	return r
}

// PlanDist is the distribution of one plan's benefits in the priced year.
type PlanDist struct {
	Plan    string
	Terms   *plans.Terms
	Members float64 // members in the priced year
	Shares  float64
	// Contributions is the expected yearly contribution income: new shares
	// × contribution ÷ period years (the classes' prices averaged over their
	// shares when the plan is priced by class: ClassPrice), plus what the running cohorts of a
	// multi-year plan earn in the year at their own price (Carry).
	Contributions float64
	// Carry is what the running cohorts of a multi-year plan bring into the
	// priced year (model.Carry; zero without start years); NewShares the
	// shares that pay the priced year's contribution, Shares − Carry.Shares.
	Carry     Carried
	NewShares float64
	// Total is the distribution of the year's benefits with the scenario's
	// uncertainty; Central the process risk alone, at the estimates and the
	// expected trend.
	Total, Central *aggregate.Lattice
	// Variance of Total split by the law of total variance into process
	// (E[Var(S | parameters, trend)]), parameter and trend parts.
	VarProcess, VarParameter, VarTrend float64
	// Member is one member's payout with one share, at the estimates.
	Member *aggregate.Lattice

	trended bool
	byTrend []*aggregate.Lattice // conditional on each trend node
	meanT   []float64            // E[S | trend node]
	varPT   []float64            // Var(S | trend node)
}

// FundDist is the distribution of the fund's benefits: the plans' totals,
// independent given the trend, and their sum.
type FundDist struct {
	Plans                              []*PlanDist
	Total                              *aggregate.Lattice
	Central                            *aggregate.Lattice
	Contributions                      float64
	VarProcess, VarParameter, VarTrend float64
	TrendNodes                         []float64 // standard normal nodes
	TrendWeights                       []float64

	// tails keeps TailMeans' results of a cached fund (ExactOptions.Cache;
	// nil otherwise), guarded by tailsMu.
	tails   map[float64]tailMeans
	tailsMu sync.Mutex
	// transforms keep the plans' transforms that the fund's convolution
	// and TailMeans compute (the same ones): a cached fund's are the
	// batch's store, for its other funds (exactcache.go), another fund's
	// its own.
	transforms *aggregate.Transforms
}

// nodes returns n Gauss–Hermite nodes and weights for a standard normal
// (z = √2·x, w/√π); one node at 0 when n ≤ 1.
func nodes(n int) (z, w []float64) {
	if n <= 1 {
		return []float64{0}, []float64{1}
	}
	x := make([]float64, n)
	w = make([]float64, n)
	quad.Hermite{}.FixedLocations(x, w, math.Inf(-1), math.Inf(1))
	z = make([]float64, n)
	for i := range x {
		z[i] = math.Sqrt2 * x[i]
		w[i] /= math.SqrtPi
	}
	return z, w
}

// Exact computes the distribution of every plan's benefits and of the fund's
// in the priced year, with the benefit rules applied exactly:
//
//  1. one member's annual payout A for each share count: per benefit, the
//     ground-up events N ~ Freq (mean × the exposure ratio × the frequency
//     trend's growth, where used), each paying per plans.Rules — medical
//     min(r_n·(X − d), claim_cap·s) with r_n by the number of the claimed
//     admission (X > d; the events thinned to those); day allowances
//     min(Σ paid days, max_days)·amount·s; lump sums by class or grade; fire
//     min(ratio·loss, fire_cap); every payment also at most annual_cap·s —
//     on a lattice (payments discretised matching the first moment, tails
//     below Tol/(16·M) a member: see member), summed by FFT
//     (aggregate.MemberTotal), benefits convolved, and min(A, annual_cap·s);
//  2. the plan's total over its M members: compound binomial
//     Binomial(M, P(A > 0)) of A | A > 0 by FFT, share classes convolved;
//  3. parameter and trend uncertainty by Gauss–Hermite mixing: a trend factor
//     common to all medical costs, and per plan an incidence factor and a
//     severity-scale factor (lognormal, mean 1, log-sds from ParameterSD);
//     given the trend the plans are independent, so the fund is, per trend
//     node, the convolution of the plans' parameter mixtures, mixed over
//     the trend nodes.
//
// Two approximations, both of order P(two benefits of one member in a year)
// and stated in the docs: a death after a disability in the same year pays the
// full lump sum (the rules deduct the disability), and a multi-year plan's
// max_days is applied per year. The member-level Monte Carlo applies the rules
// literally and cross-checks the rest.
func Exact(ps []*Plan, sc *Scenario, opts *ExactOptions) (*FundDist, error) {
	o := opts.defaults()
	if len(ps) == 0 {
		return nil, errors.New("model: no plans")
	}
	tz, tw := nodes(1)
	if sc.Trend && sc.TrendSD > 0 {
		tz, tw = nodes(o.TrendNodes)
	}
	pz, pw := nodes(1)
	if sc.Parameter {
		pz, pw = nodes(o.ParamNodes)
	}
	fd := &FundDist{TrendNodes: tz, TrendWeights: tw}
	errs := make([]error, len(ps))
	fd.Plans = make([]*PlanDist, len(ps))
	sem := make(chan struct{}, o.Workers)
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			fd.Plans[i], errs[i] = o.Cache.plan(p, sc, o, tz, tw, pz, pw)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if c := o.Cache.fund(fd.Plans, o, len(tz)); c != nil {
		return c, nil
	}
	// Fund: per trend node, convolve the plans; then mix.
	var sdF, meanF float64
	for _, pd := range fd.Plans {
		sdF += pd.Total.Variance()
		meanF += pd.Total.Mean()
		fd.Contributions += pd.Contributions
	}
	hF := niceStep(math.Sqrt(sdF) / float64(o.PointsPerSD))
	if !(hF > 0) {
		hF = niceStep(math.Max(meanF, 1) / 1e4)
	}
	// One Convolver for the trend nodes (the untrended plans are the same
	// at each) and the central fund, keeping the plans' transforms where
	// TailMeans, which convolves the same plans at the same length, and a
	// batch's other funds (the cache's store) find them: the same numbers
	// as Convolve.
	tr := aggregate.NewTransforms(transformBytes)
	if o.Cache != nil {
		tr = o.Cache.transforms
	}
	fd.transforms = tr
	cv := aggregate.NewConvolverWith(hF, tr)
	cond := make([]*aggregate.Lattice, len(tz))
	meanT := make([]float64, len(tz))
	for t := range tz {
		ls := make([]*aggregate.Lattice, len(fd.Plans))
		for i, pd := range fd.Plans {
			ls[i] = pd.byTrend[0]
			if pd.trended {
				ls[i] = pd.byTrend[t]
			}
			m := pd.meanT[0]
			if pd.trended {
				m = pd.meanT[t]
			}
			meanT[t] += m
		}
		c, err := cv.Convolve(ls...)
		if err != nil {
			return nil, fmt.Errorf("model: fund total: %w", err)
		}
		cond[t] = c
	}
	total, err := aggregate.Mix(hF, tw, cond)
	if err != nil {
		return nil, fmt.Errorf("model: fund total: %w", err)
	}
	fd.Total = total
	centrals := make([]*aggregate.Lattice, len(fd.Plans))
	for i, pd := range fd.Plans {
		centrals[i] = pd.Central
		fd.VarProcess += pd.VarProcess
		fd.VarParameter += pd.VarParameter
	}
	if fd.Central, err = cv.Convolve(centrals...); err != nil {
		return nil, fmt.Errorf("model: fund total: %w", err)
	}
	m := 0.0
	for t := range tz {
		m += tw[t] * meanT[t]
	}
	for t := range tz {
		fd.VarTrend += tw[t] * (meanT[t] - m) * (meanT[t] - m)
	}
	o.Cache.keepFund(fd, o)
	return fd, nil
}

// planExact computes one plan's distributions over the trend and parameter nodes.
func planExact(p *Plan, sc *Scenario, o ExactOptions, tz, tw, pz, pw []float64) (*PlanDist, error) {
	terms := sc.TermsOf(p)
	rules := terms.Rules()
	trended := false
	for _, b := range p.Benefits {
		if b.Sev != nil && b.Sev.Trended || b.Payment != nil && b.PaymentTrended {
			trended = true
		}
	}
	if !trended {
		tz, tw = []float64{0}, []float64{1}
	}
	sdI, sdS := p.ParameterSD()
	if !sc.Parameter {
		sdI, sdS = 0, 0 // factors exactly 1, not the lognormal's median
	}
	iz, iw := pz, pw
	if sdI == 0 {
		iz, iw = []float64{0}, []float64{1}
	}
	sz, sw := pz, pw
	if sdS == 0 {
		sz, sw = []float64{0}, []float64{1}
	}
	M := sc.MembersNext(p)
	classes := planClasses(p, M) // classes.go
	if len(classes) == 0 {
		// As the Monte Carlo: a plan must have members to be priced.
		return nil, fmt.Errorf("plan %s: no members in the priced year (%v members)", p.Terms.Plan, M)
	}
	pd := &PlanDist{Plan: p.Terms.Plan, Terms: terms, Members: M, trended: trended}
	for _, c := range classes {
		pd.Shares += float64(c.members * c.shares)
	}
	pd.Carry = Carry(p.Cohorts, terms.Period(), p.LastYear+sc.Years)
	pd.NewShares = math.Max(0, pd.Shares-pd.Carry.Shares)
	yearly := terms.YearlyContribution()
	if len(p.Classes) > 0 && terms.Contribution.Equal(p.Terms.Contribution) {
		if c, ok := classPrice(p, classes); ok { // the classes' prices (Rates)
			yearly = c.Div(decimal.NewFromInt(int64(terms.Period())))
		}
	}
	pd.Contributions = pd.NewShares*yearly.InexactFloat64() + pd.Carry.Earned.InexactFloat64()

	h := memberStep(p, rules, classes, sc, o.MemberPoints)
	mb := newMember(p, rules, sc, h, M, o)
	mb.setBands(terms) // cost bands: banded.go
	// The central node fixes the compound step of every node.
	central, err := planTotal(mb, classes, 1, 1, sc.TrendFactor(0), 0, o)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
	}
	hc := central.Step
	pd.Central = central
	if pd.Member, err = mb.total(1, 0, 1, 1, sc.TrendFactor(0)); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
	}
	var (
		mTot, vProc float64
		all         []*aggregate.Lattice
		allW        []float64
	)
	pd.byTrend = make([]*aggregate.Lattice, len(tz))
	pd.meanT = make([]float64, len(tz))
	pd.varPT = make([]float64, len(tz))
	for t := range tz {
		fT := 1.0
		if trended {
			fT = sc.TrendFactor(tz[t])
		}
		var ls []*aggregate.Lattice
		var ws []float64
		var mT, m2T float64
		for a := range iz {
			for b := range sz {
				var l *aggregate.Lattice
				if len(tz) == 1 && len(iz) == 1 && len(sz) == 1 {
					l = central
				} else {
					l, err = planTotal(mb, classes, LognormalFactor(sdI, iz[a]), LognormalFactor(sdS, sz[b]), fT, hc, o)
					if err != nil {
						return nil, fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
					}
				}
				w := iw[a] * sw[b]
				m, v := l.Mean(), l.Variance()
				mT += w * m
				m2T += w * (v + m*m)
				vProc += tw[t] * w * v
				ls = append(ls, l)
				ws = append(ws, w)
			}
		}
		mix, err := aggregate.Mix(hc, ws, ls)
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
		}
		pd.byTrend[t] = mix
		pd.meanT[t] = mT
		pd.varPT[t] = m2T - mT*mT
		mTot += tw[t] * mT
		all = append(all, mix)
		allW = append(allW, tw[t])
	}
	if pd.Total, err = aggregate.Mix(hc, allW, all); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.Terms.Plan, err)
	}
	pd.VarProcess = vProc
	for t := range tz {
		pd.VarTrend += tw[t] * (pd.meanT[t] - mTot) * (pd.meanT[t] - mTot)
	}
	pd.VarParameter = math.Max(0, pd.Total.Variance()-pd.VarProcess-pd.VarTrend)
	return pd, nil
}

type shareClass struct {
	shares  int
	members int
	// rI and rS are the rate class's relativities (0 = 1) and class its
	// index in Plan.Classes plus 1 (0 without classes): classes.go.
	rI, rS float64
	class  int
}

// shareClasses rounds M·mix to whole members per share count.
func shareClasses(mix map[int]float64, M float64) []shareClass {
	var ks []int
	for k := range mix {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var out []shareClass
	for _, k := range ks {
		n := int(math.Round(M * mix[k]))
		if n > 0 {
			out = append(out, shareClass{shares: k, members: n})
		}
	}
	return out
}

// niceStep rounds x down to 1, 2 or 5 × 10^k.
func niceStep(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 0
	}
	e := math.Pow(10, math.Floor(math.Log10(x)))
	switch m := x / e; {
	case m >= 5:
		return 5 * e
	case m >= 2:
		return 2 * e
	}
	return e
}

// planTotal is the plan's total benefits with the given factors: the
// compound binomial of each share class, convolved. hc is the compound step
// (0: chosen from the total's sd, PointsPerSD points per sd).
func planTotal(mb *member, classes []shareClass, fI, fS, fT, hc float64, o ExactOptions) (*aggregate.Lattice, error) {
	type part struct {
		a *aggregate.Lattice
		n int
	}
	h := mb.h
	var parts []part
	var varTot, m2, claims float64
	for _, c := range classes {
		a, err := mb.total(c.shares, c.class, fI*c.relI(), fS*c.relS(), fT)
		if err != nil {
			return nil, err
		}
		parts = append(parts, part{a, c.members})
		v, m := a.Variance(), a.Mean()
		varTot += float64(c.members) * v
		m2 += float64(c.members) * (v + m*m)
		claims += float64(c.members) * (1 - a.PMF[0])
	}
	if hc == 0 {
		// PointsPerSD points per sd of the total; but in a large fund that
		// step would outgrow the payments themselves, and regridding a
		// payout onto a coarse step adds about h²/6 to each claim's
		// variance (the split between neighbours): the step stays below
		// √(6e-3·E[A² | A > 0]), which keeps that under 1e-3 of the
		// variance, while it holds at most 50·PointsPerSD points per sd.
		sd := math.Sqrt(varTot)
		x := sd / float64(o.PointsPerSD)
		if claims > 0 {
			x = math.Min(x, math.Max(math.Sqrt(6e-3*m2/claims), sd/float64(50*o.PointsPerSD)))
		}
		hc = math.Max(niceStep(x), h)
		if !(hc > 0) {
			hc = h
		}
	}
	var ls []*aggregate.Lattice
	for _, pt := range parts {
		a := aggregate.Regrid(pt.a, hc)
		if a.Origin != 0 {
			return nil, fmt.Errorf("model: member payout lattice starts at %v, not 0", a.Origin)
		}
		// A | A > 0, with P(A > 0) the mass of the positive points plus
		// what lies beyond the lattice, summed directly: 1 − P(A = 0) would
		// carry P(A = 0)'s rounding (1e-16), which divided by a small
		// P(A > 0) and multiplied by millions of members is no longer
		// small. The mass beyond the lattice (Above) stays a defect of the
		// severity, which the compound counts as missing — except an Above
		// of a long FFT lattice's rounding (1 − Σ ≤ 1e-13, not mass: the
		// member lattices leave at most Tol/(16·M) a member off by
		// construction) that would fail the compound's tolerance over M
		// members only because it is multiplied by M.
		// Summed with compensation: the compound multiplies the rounding of
		// Σ sev by the expected claims (200,000 for 10 million members).
		pos := neumaierSum(a.PMF[1:])
		above := a.Above
		if above*float64(pt.n) > o.Tol/4 && above <= 1e-13 {
			above = 0
		}
		if !(pos+above > 0) {
			ls = append(ls, &aggregate.Lattice{Step: hc, PMF: []float64{1}})
			continue
		}
		sev := make([]float64, len(a.PMF))
		for k := 1; k < len(a.PMF); k++ {
			sev[k] = a.PMF[k] / (pos + above)
		}
		g := &aggregate.Grid{Step: hc, PMF: sev}
		res, err := aggregate.CompoundFFT(dist.Binomial{Size: pt.n, P: math.Min(pos+above, 1)}, g, aggregate.Options{Tol: o.Tol})
		if err != nil {
			return nil, err
		}
		l := res.Lattice()
		// A total with a continuous cost is read between its points
		// (aggregate.Lattice.Continuous); lump sums alone stay a step
		// function.
		l.Continuous = mb.continuous()
		// The mass beyond the member lattice (above) is already in the
		// compound's missing mass: the severity's masses sum to
		// pos/(pos+above) < 1.
		ls = append(ls, l)
	}
	switch len(ls) {
	case 0: // no members in the priced year: nothing is paid
		return &aggregate.Lattice{Step: hc, PMF: []float64{1}}, nil
	case 1:
		return ls[0], nil
	}
	return aggregate.Convolve(hc, ls...)
}

// ExpectedBenefits returns E[S] of plan p's year under terms t: at the
// central node (the estimates and the expected trend) or, with mixed, over
// the scenario's parameter and trend nodes (the mean of Exact's Total). It
// needs one member's payout per node and share class, not the compound, so
// it is cheap enough to root-find a benefit term on.
func ExpectedBenefits(p *Plan, t *plans.Terms, sc *Scenario, mixed bool, opts *ExactOptions) (float64, error) {
	o := opts.defaults()
	r := t.Rules()
	M := sc.MembersNext(p)
	classes := planClasses(p, M) // classes.go
	h := memberStep(p, r, classes, sc, o.MemberPoints)
	mb := newMember(p, r, sc, h, M, o)
	mb.setBands(t) // cost bands: banded.go
	tz, tw := []float64{0}, []float64{1}
	iz, iw := []float64{0}, []float64{1}
	sz, sw := []float64{0}, []float64{1}
	sdI, sdS := p.ParameterSD()
	if mixed {
		trended := false
		for _, b := range p.Benefits {
			if b.Sev != nil && b.Sev.Trended || b.Payment != nil && b.PaymentTrended {
				trended = true
			}
		}
		if sc.Trend && sc.TrendSD > 0 && trended {
			tz, tw = nodes(o.TrendNodes)
		}
		if sc.Parameter && sdI > 0 {
			iz, iw = nodes(o.ParamNodes)
		}
		if sc.Parameter && sdS > 0 {
			sz, sw = nodes(o.ParamNodes)
		}
	}
	total := 0.0
	for a := range tz {
		for b := range iz {
			for c := range sz {
				fI, fS := 1.0, 1.0
				if len(iz) > 1 {
					fI = LognormalFactor(sdI, iz[b])
				}
				if len(sz) > 1 {
					fS = LognormalFactor(sdS, sz[c])
				}
				w := tw[a] * iw[b] * sw[c]
				for _, cl := range classes {
					m, err := mb.total(cl.shares, cl.class, fI*cl.relI(), fS*cl.relS(), sc.TrendFactor(tz[a]))
					if err != nil {
						return 0, err
					}
					total += w * float64(cl.members) * m.Mean()
				}
			}
		}
	}
	return total, nil
}

// Trended reports whether the plan's costs follow the medical trend.
func (pd *PlanDist) Trended() bool { return pd.trended }

// neumaierSum is Σ x with Neumaier's compensation: the error is about one
// rounding of the result, not one per term.
func neumaierSum(x []float64) float64 {
	var s, c float64
	for _, v := range x {
		t := s + v
		if math.Abs(s) >= math.Abs(v) {
			c += (s - t) + v
		} else {
			c += (v - t) + s
		}
		s = t
	}
	return s + c
}
