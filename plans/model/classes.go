package model

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/huzhu-fund/huzhu/actuarial/credibility"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
)

// RateClass is one rate class (档次) of a plan: an age band or an occupation
// tier that the association prices on its own. Its relativities are factors
// on the plan's model: Incidence on every benefit's mean events, Severity on
// the scale of every cost (medical, fire, a summary's payment); lump sums
// and day allowances do not scale with Severity.
//
// Incidence relativity (Bühlmann with the Poisson process variance): with
// n_c the class's recorded claims over all data years (each medical claim
// weighted S(d)/S(d/σ_c), the chance a ground-up cost of the plan's fitted
// severity passes the deductible d over the class's chance, so that a class
// with dearer stays is not counted twice), E_c its member-years of cover,
// n = Σ n_c, E = Σ E_c and λ̄ = n/E,
//
//	â   = max(0, (Σ_c E_c(n_c/E_c − λ̄)² − (C − 1)·λ̄) / (E − Σ_c E_c²/E)),
//	Z_c = E_c/(E_c + λ̄/â)  (0 when â = 0),
//	ρ_c = (Z_c·n_c/E_c + (1 − Z_c)·λ̄)/λ̄,
//
// the Poisson–gamma blend credibility.BlendPoisson(n_c, E_c, λ̄, λ̄/â): the
// within-class variance per member-year is the Poisson λ̄, the between-class
// variance â the Bühlmann–Straub estimator's. A thin class (small E_c) has a
// small Z_c and a relativity near 1; classes that do not differ beyond chance
// (â = 0) all get 1.
//
// Severity relativity: the claims' costs x_i (of every cost benefit, each
// over its benefit's mean so that benefits are comparable), n_c of them in
// class c with mean m_c, overall mean m̄, pooled within-class variance s²,
//
//	â   = max(0, (Σ_c n_c(m_c − m̄)² − (C − 1)·s²) / (n − Σ_c n_c²/n)),
//	Z_c = n_c/(n_c + s²/â),  σ_c = (Z_c·m_c + (1 − Z_c)·m̄)/m̄,
//
// (Bühlmann–Straub with one claim per observation). The recorded costs are
// above the deductible; their ratio of means stands for the scale ratio of
// the ground-up costs (exact without a deductible, close when the deductible
// is low against the costs).
//
// Both are balanced on the data: Σ_c E_c·ρ_c = E and Σ_c n_c·σ_c = n, so
// that the plan's pooled estimates keep their meaning; the priced year takes
// the last data year's class mix.
type RateClass struct {
	Class string
	// Mix is the class's share of the plan's members in the last data year;
	// Members those members.
	Mix, Members float64
	// Exposure and Events are the member-years and (weighted) recorded
	// claims of all data years; IncidenceRaw = (Events/Exposure)/λ̄, Z its
	// credibility, Incidence the relativity used.
	Exposure, Events                    float64
	IncidenceRaw, IncidenceZ, Incidence float64
	// CostClaims are the claims with a cost; SeverityRaw, SeverityZ and
	// Severity as for incidence (1, 0, 1 without costs).
	CostClaims                       int
	SeverityRaw, SeverityZ, Severity float64
	// Counts are the class's event-count dispersions, one per benefit whose
	// plan-level count fit is a negative binomial on member-level data
	// (estimateCounts); the other benefits take the plan's Size.
	Counts []ClassCount
	// Current is the class's current contribution per share per period (the
	// Rates sheet; not Valid when the plan has no Rates rows: its Plans
	// contribution).
	Current decimal.NullDecimal
}

// estimateClasses fills p.Classes from the book's class columns (nil when
// the plan's Enrolment rows have no class).
func estimateClasses(bk *book.Book, d *Data, p *Plan) {
	plan := d.Terms.Plan
	names := bk.Classes(plan)
	if len(names) == 0 {
		return
	}
	idx := map[string]int{}
	cs := make([]RateClass, len(names))
	rates := bk.ClassRates(plan)
	for i, n := range names {
		idx[n] = i
		cs[i] = RateClass{Class: n, IncidenceRaw: 1, Incidence: 1, SeverityRaw: 1, Severity: 1}
		if r, ok := rates[n]; ok {
			cs[i].Current = decimal.NewNullDecimal(r)
		}
	}
	last := 0
	for _, e := range bk.Enrolment {
		if e.Plan == plan && e.Class != "" {
			last = max(last, e.Year)
		}
	}
	var lastMembers float64
	expo := make([]map[int]float64, len(cs)) // by year, for estimateCounts
	for i := range expo {
		expo[i] = map[int]float64{}
	}
	for _, e := range bk.Enrolment {
		if e.Plan != plan || e.Class == "" {
			continue
		}
		i := idx[e.Class]
		x := plans.Exposure(e.Members, e.NewMembers, d.Terms.WaitingDays)
		cs[i].Exposure += x
		expo[i][e.Year] += x
		if e.Year == last {
			cs[i].Members += float64(e.Members)
			lastMembers += float64(e.Members)
		}
	}
	for i := range cs {
		if lastMembers > 0 {
			cs[i].Mix = cs[i].Members / lastMembers
		}
	}
	// Severity first: the medical claims' weights in the counts need it.
	type cost struct {
		class int
		x     float64
	}
	var costs []cost
	sum := map[plans.Benefit]float64{}
	cnt := map[plans.Benefit]float64{}
	for _, c := range bk.Claims {
		if c.Plan != plan || c.Class == "" || !(c.Cost > 0) {
			continue
		}
		if bm := p.Benefit(c.Benefit); bm == nil || bm.Sev == nil {
			continue
		}
		sum[c.Benefit] += c.Cost
		cnt[c.Benefit]++
	}
	for _, c := range bk.Claims {
		i, ok := idx[c.Class]
		if c.Plan != plan || !ok || !(c.Cost > 0) || cnt[c.Benefit] == 0 {
			continue
		}
		if bm := p.Benefit(c.Benefit); bm == nil || bm.Sev == nil {
			continue
		}
		costs = append(costs, cost{i, c.Cost / (sum[c.Benefit] / cnt[c.Benefit])})
	}
	if len(costs) > 0 {
		n := make([]float64, len(cs))
		m := make([]float64, len(cs))
		for _, x := range costs {
			n[x.class]++
			m[x.class] += x.x
		}
		for i := range m {
			if n[i] > 0 {
				m[i] /= n[i]
			}
		}
		var s2, dof float64
		for _, x := range costs {
			d := x.x - m[x.class]
			s2 += d * d
		}
		for i := range n {
			if n[i] > 0 {
				dof += n[i] - 1
			}
		}
		rel := buhlmann(n, m, s2/math.Max(dof, 1))
		// Above a deductible, the ratio of the recorded means is not the
		// ratio of the ground-up scales: map it through the fitted
		// severity (groundUpScale), then balance again.
		if bm := p.Benefit(plans.Medical); bm != nil && bm.Sev != nil && bm.Sev.Truncation > 0 && sum[plans.Medical] > 0 {
			var bal, W float64
			for i := range cs {
				rel.raw[i] = groundUpScale(bm.Sev.Dist, bm.Sev.Truncation, rel.raw[i])
				rel.rel[i] = groundUpScale(bm.Sev.Dist, bm.Sev.Truncation, rel.rel[i])
				bal += n[i] * rel.rel[i]
				W += n[i]
			}
			for i := range cs {
				if bal > 0 && n[i] > 0 {
					rel.rel[i] *= W / bal
				}
			}
		}
		for i := range cs {
			cs[i].CostClaims = int(n[i])
			cs[i].SeverityRaw, cs[i].SeverityZ, cs[i].Severity = rel.raw[i], rel.z[i], rel.rel[i]
		}
	}
	// Incidence: the claims, each medical one weighted by the thinning of
	// the class's costs.
	weight := make([]float64, len(cs))
	for i := range cs {
		weight[i] = 1
		bm := p.Benefit(plans.Medical)
		if bm == nil || bm.Sev == nil || !(bm.Sev.Truncation > 0) || cs[i].Severity == 1 {
			continue
		}
		d := bm.Sev.Truncation
		if s0, sc := bm.Sev.Dist.Survival(d), bm.Sev.Dist.Survival(d/cs[i].Severity); s0 > 0 && sc > 0 {
			weight[i] = s0 / sc
		}
	}
	for _, c := range bk.Claims {
		i, ok := idx[c.Class]
		if c.Plan != plan || !ok {
			continue
		}
		w := 1.0
		if c.Benefit == plans.Medical {
			w = weight[i]
		}
		cs[i].Events += w
	}
	e := make([]float64, len(cs))
	r := make([]float64, len(cs))
	var n, E float64
	for i := range cs {
		e[i] = cs[i].Exposure
		n += cs[i].Events
		E += cs[i].Exposure
		if e[i] > 0 {
			r[i] = cs[i].Events / e[i]
		}
	}
	if n > 0 && E > 0 {
		rel := buhlmann(e, r, n/E)
		for i := range cs {
			cs[i].IncidenceRaw, cs[i].IncidenceZ, cs[i].Incidence = rel.raw[i], rel.z[i], rel.rel[i]
		}
	}
	estimateCounts(d, p, cs, idx, expo)
	p.Classes = cs
}

// ClassCount is a rate class's dispersion of one benefit's event counts.
// A member's events in class c are nbinom(Size, ρ_c·μ): the plan's mean
// times the class's incidence relativity, with the class's own size. The
// plan's size is fitted on all members together, whose rates differ by
// class, so it carries the between-class spread as dispersion; and how a
// class's extra events fall — on more members, or more on the same ones —
// is what the data say, not a fixed rule (a fixed size piles them on the
// same members; under cost bands on the year's total that overstates the
// dearer class). Estimated from the members' yearly counts of the class
// (estimateCounts): α̂_c = 1/size of the class's maximum-likelihood
// negative binomial, its standard error s_c = SE(size)/size², blended by
// the random-effects (DerSimonian–Laird) credibility
//
//	w_c = 1/s_c²,  α̃ = Σ w_c·α̂_c / Σ w_c,  Q = Σ w_c·(α̂_c − α̃)²,
//	τ² = max(0, (Q − (C − 1)) / (Σ w_c − Σ w_c²/Σ w_c)),
//	ᾱ = Σ_c α̂_c/(s_c² + τ²) / Σ_c 1/(s_c² + τ²),
//	Z_c = τ²/(τ² + s_c²),  α_c = Z_c·α̂_c + (1 − Z_c)·ᾱ,
//
// so a thin class, or classes that do not differ beyond chance, take the
// common within-class dispersion ᾱ (a negative binomial regression's single
// size), and classes that do differ keep their own. A class whose fit fails
// (fewer than two claimants, no convergence) takes ᾱ; when no class can be
// fitted, all take the plan's size.
type ClassCount struct {
	Benefit plans.Benefit
	// Raw is α̂_c, SE s_c (NaN when the class's fit failed: it then takes
	// ᾱ), Z the credibility, Dispersion α_c and Size 1/α_c (+Inf: Poisson).
	Raw, SE, Z, Dispersion, Size float64
	// Claimants and Events are the class's member-years with events of the
	// benefit and their events (recorded).
	Claimants, Events float64
}

// countDist is the law of one member's events of benefit b in rate class
// cls (its index in Classes plus 1; 0 without classes) with its mean
// scaled by f, each kept with probability pc (1: all; a deductible's
// thinning): Freq.DistThinned(f, pc) with the class's size
// (RateClass.Counts) where it has one.
func (p *Plan) countDist(b *Benefit, cls int, f, pc float64) dist.Discrete {
	if cls >= 1 && cls <= len(p.Classes) {
		for _, c := range p.Classes[cls-1].Counts {
			if c.Benefit == b.Benefit {
				return b.Freq.DistSize(f, pc, c.Size)
			}
		}
	}
	return b.Freq.DistThinned(f, pc)
}

// estimateCounts fills each class's Counts (ClassCount): for every benefit
// of p whose count fit is a negative binomial on member-level data, each
// class's table of members' yearly recorded events (the class's members
// with events by their count, each event in its Claims row's class, the
// rest of its exposure as zeros, as fitFrequency does for the plan) is
// fitted by maximum likelihood and the dispersions blended (ClassCount).
// classIdx is each class's index in cs; expo the classes' exposure by year.
func estimateCounts(d *Data, p *Plan, cs []RateClass, classIdx map[string]int, expo []map[int]float64) {
	rules := d.Terms.Rules()
	for _, bm := range p.Benefits {
		if bm.Freq.Fit == nil || bm.Freq.Family != "nbinom" {
			continue
		}
		recs, _ := benefitRecs(d, bm.Benefit, rules)
		per := make([]map[memberYear]int, len(cs))
		for i := range per {
			per[i] = map[memberYear]int{}
		}
		for _, c := range recs {
			// Each event in its own row's class: a member who changes class
			// within a year (an age band crossed) counts in each.
			if i, ok := classIdx[c.Class]; ok && c.Member != "" {
				per[i][memberYear{c.Member, c.Year}]++
			}
		}
		raw := make([]float64, len(cs))
		se := make([]float64, len(cs))
		counts := make([]ClassCount, len(cs))
		for i := range cs {
			table := map[int]float64{}
			claimants := map[int]float64{}
			for k, n := range per[i] {
				table[n]++
				claimants[k.year]++
				counts[i].Events += float64(n)
			}
			zeros := 0.0
			for _, y := range slices.Sorted(maps.Keys(expo[i])) { // a float sum: in year order
				zeros += math.Max(0, expo[i][y]-claimants[y])
			}
			table[0] += zeros
			counts[i] = ClassCount{Benefit: bm.Benefit, Raw: math.NaN(), SE: math.NaN(), Claimants: float64(len(per[i])), Events: counts[i].Events}
			raw[i], se[i] = math.NaN(), math.NaN()
			if len(per[i]) < 2 {
				continue
			}
			vals, freq := sortedTable(table)
			r, err := fit.Counts(vals, freq, "nbinom")
			if err != nil || !r.Converged || !(r.Params[0] > 0) || !(r.SE[0] > 0) {
				continue
			}
			size := r.Params[0]
			raw[i], se[i] = 1/size, r.SE[0]/(size*size)
			counts[i].Raw, counts[i].SE = raw[i], se[i]
		}
		z, mean, _ := dersimonianLaird(raw, se)
		if math.IsNaN(mean) {
			mean = 1 / bm.Freq.Size // no class could be fitted: the plan's
		}
		for i := range cs {
			a := mean
			if !math.IsNaN(raw[i]) {
				a = z[i]*raw[i] + (1-z[i])*mean
				counts[i].Z = z[i]
			}
			counts[i].Dispersion, counts[i].Size = a, math.Inf(1)
			if a > 0 {
				counts[i].Size = 1 / a
			}
			cs[i].Counts = append(cs[i].Counts, counts[i])
		}
	}
}

// memberYear is one member's plan year.
type memberYear struct {
	member string
	year   int
}

// dersimonianLaird is the random-effects credibility of estimates x with
// standard errors se (NaN: left out): with w_i = 1/se_i², the fixed-effect
// mean x̄ = Σ w_i·x_i/Σ w_i and Q = Σ w_i·(x_i − x̄)², the between-estimate
// variance τ² = max(0, (Q − (C − 1))/(Σ w_i − Σ w_i²/Σ w_i)), the
// credibilities Z_i = τ²/(τ² + se_i²) and the random-effects mean with the
// weights 1/(se_i² + τ²) (x̄ when τ² = 0), towards which each estimate is
// shrunk. mean is NaN when no estimate is given.
func dersimonianLaird(x, se []float64) (z []float64, mean, tau2 float64) {
	z = make([]float64, len(x))
	ok := func(i int) bool { return !math.IsNaN(x[i]) && se[i] > 0 }
	var W, W2, wx float64
	C := 0
	for i := range x {
		if !ok(i) {
			continue
		}
		w := 1 / (se[i] * se[i])
		W += w
		W2 += w * w
		wx += w * x[i]
		C++
	}
	if C == 0 {
		return z, math.NaN(), 0
	}
	fixed := wx / W
	var Q float64
	for i := range x {
		if ok(i) {
			Q += (x[i] - fixed) * (x[i] - fixed) / (se[i] * se[i])
		}
	}
	if C > 1 && W-W2/W > 0 {
		tau2 = math.Max(0, (Q-float64(C-1))/(W-W2/W))
	}
	var V, vx float64
	for i := range x {
		if ok(i) {
			z[i] = tau2 / (tau2 + se[i]*se[i])
			v := 1 / (se[i]*se[i] + tau2)
			V += v
			vx += v * x[i]
		}
	}
	return z, vx / V, tau2
}

type relativities struct{ raw, z, rel []float64 }

// groundUpScale is the scale σ of the ground-up cost σ·X whose mean above
// the deductible d is r times X's: g(σ) = r·g(1) with
//
//	g(σ) = E[σX | σX > d] = d + σ·(E[X] − LEV_X(d/σ))/S_X(d/σ),
//
// increasing in σ, solved by bisection on [1/20, 20] (r itself when X has
// no finite mean or r is not positive).
func groundUpScale(x dist.Continuous, d, r float64) float64 {
	mean := x.Mean()
	if !(r > 0) || math.IsInf(mean, 0) || math.IsNaN(mean) || r == 1 {
		return r
	}
	g := func(s float64) float64 {
		u := d / s
		sv := x.Survival(u)
		if !(sv > 0) {
			return math.Inf(1)
		}
		return d + s*(mean-x.LEV(u))/sv
	}
	target := r * g(1)
	lo, hi := 1.0/20, 20.0
	if !(g(lo) < target && target < g(hi)) {
		return r
	}
	for range 100 {
		mid := math.Sqrt(lo * hi)
		if g(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Sqrt(lo * hi)
}

// buhlmann is the credibility relativity of groups with weights w and means
// m (within variance s2 per unit of weight): Z_i = w_i/(w_i + s2/â) with the
// Bühlmann–Straub â, the blended means over the weighted mean, balanced so
// that Σ w_i·rel_i = Σ w_i. Groups without weight get 1.
func buhlmann(w, m []float64, s2 float64) relativities {
	k := len(w)
	out := relativities{raw: make([]float64, k), z: make([]float64, k), rel: make([]float64, k)}
	var W, mw, w2 float64
	C := 0
	for i := range w {
		if w[i] > 0 {
			W += w[i]
			mw += w[i] * m[i]
			w2 += w[i] * w[i]
			C++
		}
	}
	for i := range out.rel {
		out.raw[i], out.rel[i] = 1, 1
	}
	if !(W > 0) || !(mw > 0) {
		return out
	}
	mw /= W
	var between float64
	for i := range w {
		if w[i] > 0 {
			between += w[i] * (m[i] - mw) * (m[i] - mw)
		}
	}
	a := 0.0
	if C > 1 && W-w2/W > 0 {
		a = math.Max(0, (between-float64(C-1)*s2)/(W-w2/W))
	}
	var bal float64
	for i := range w {
		if !(w[i] > 0) {
			continue
		}
		out.raw[i] = m[i] / mw
		blend := mw
		if a > 0 {
			// The Poisson–gamma blend: Z = w/(w + s2/a).
			if pg, err := credibility.BlendPoisson(m[i]*w[i], w[i], mw, s2/a); err == nil {
				out.z[i], blend = pg.Z, pg.Mean()
			}
		}
		out.rel[i] = blend / mw
		bal += w[i] * out.rel[i]
	}
	for i := range w {
		if w[i] > 0 && bal > 0 {
			out.rel[i] *= W / bal
		}
	}
	return out
}

// planClasses are the priced year's members of plan p by rate class and
// share count, each with its class's relativities (rI, rS): round(M·Mix_c·
// ShareMix[k]) members of class c hold k shares (every class has the plan's
// share mix). Without classes, the share classes with relativities 1.
func planClasses(p *Plan, M float64) []shareClass {
	if len(p.Classes) == 0 {
		return shareClasses(p.ShareMix, M)
	}
	var out []shareClass
	for ci, c := range p.Classes {
		for _, s := range shareClasses(p.ShareMix, M*c.Mix) {
			s.rI, s.rS, s.class = c.Incidence, c.Severity, ci+1
			out = append(out, s)
		}
	}
	return out
}

// relI and relS are a share class's relativities (1 when unset).
func (c shareClass) relI() float64 {
	if c.rI > 0 {
		return c.rI
	}
	return 1
}

func (c shareClass) relS() float64 {
	if c.rS > 0 {
		return c.rS
	}
	return 1
}

// maxSeverity is the largest severity relativity of the plan's classes (1
// without classes): the member lattice's bound.
func (p *Plan) maxSeverity() float64 {
	m := 1.0
	for _, c := range p.Classes {
		m = math.Max(m, c.Severity)
	}
	return m
}

// ClassPrice is the plan's current contribution per share per period when
// it is priced by class: the classes' current prices (the Rates sheet)
// averaged over their shares in the priced year, rounded to 4 places; ok
// false when the plan has no classes, a class has no current price, or the
// scenario sets the plan's contribution (that contribution then stands).
// Exact, Enrolled and calibrate's current income all take it, so that the
// plan's contribution income is the same sum Σ_c shares_c·price_c wherever
// it is read.
func ClassPrice(p *Plan, sc *Scenario) (price decimal.Decimal, ok bool) {
	if len(p.Classes) == 0 || !sc.TermsOf(p).Contribution.Equal(p.Terms.Contribution) {
		return decimal.Zero, false
	}
	return classPrice(p, planClasses(p, sc.MembersNext(p)))
}

// classPrice is ClassPrice over the plan's share classes of the priced year.
func classPrice(p *Plan, classes []shareClass) (decimal.Decimal, bool) {
	by := make([]float64, len(p.Classes))
	for _, s := range classes {
		if s.class >= 1 && s.class <= len(by) {
			by[s.class-1] += float64(s.members * s.shares)
		}
	}
	var inc, shares float64
	for i, c := range p.Classes {
		if !c.Current.Valid {
			return decimal.Zero, false
		}
		inc += by[i] * c.Current.Decimal.InexactFloat64()
		shares += by[i]
	}
	if !(shares > 0) {
		return decimal.Zero, false
	}
	return decimal.NewFromFloat(inc / shares).Round(4), true
}

// ClassExpected is one rate class's share of a plan's expected benefits.
type ClassExpected struct {
	Class   string
	Members float64 // in the priced year
	Shares  float64
	// Expected is the class's expected benefits of the year, at the
	// estimates and the expected trend, scaled so that the classes add up
	// to the plan's E[S] (PlanDist.Total's mean).
	Expected float64
}

// ClassExpectations splits the plan's expected benefits E[S] (total) by rate
// class: each class's members × one member's expected payout with the
// class's relativities at the central node (the estimates, the expected
// trend), scaled so that they add up to total. Nil without classes.
func ClassExpectations(p *Plan, sc *Scenario, total float64, opts *ExactOptions) ([]ClassExpected, error) {
	if len(p.Classes) == 0 {
		return nil, nil
	}
	o := opts.defaults()
	t := sc.TermsOf(p)
	r := t.Rules()
	M := sc.MembersNext(p)
	classes := planClasses(p, M)
	h := memberStep(p, r, classes, sc, o.MemberPoints)
	mb := newMember(p, r, sc, h, M, o)
	mb.setBands(t) // cost bands: banded.go, as Exact and ExpectedBenefits
	out := make([]ClassExpected, len(p.Classes))
	for i, c := range p.Classes {
		out[i].Class = c.Class
	}
	sum := 0.0
	for _, cl := range classes {
		a, err := mb.total(cl.shares, cl.class, cl.relI(), cl.relS(), sc.TrendFactor(0))
		if err != nil {
			return nil, err
		}
		x := &out[cl.class-1]
		x.Members += float64(cl.members)
		x.Shares += float64(cl.members * cl.shares)
		e := float64(cl.members) * a.Mean()
		x.Expected += e
		sum += e
	}
	if sum > 0 {
		for i := range out {
			out[i].Expected *= total / sum
		}
	}
	return out, nil
}

// plan simulates one year of plan i with the given factors: its members of
// each rate class with the class's relativities on fI and fS (one part
// without classes, drawn as before classes existed).
func (w *mcWorker) plan(i int, m *mcPlan, fI, fS, fT float64, rng *rand.Rand) (float64, error) {
	total := 0.0
	for a := 0; a < len(m.classes); {
		b := a + 1
		for b < len(m.classes) && m.classes[b].class == m.classes[a].class {
			b++
		}
		c := m.classes[a]
		t, err := w.planPart(i, m, m.classes[a:b], fI*c.relI(), fS*c.relS(), fT, rng)
		if err != nil {
			return 0, err
		}
		total += t
		a = b
	}
	return total, nil
}
