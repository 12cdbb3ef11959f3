package model

import (
	"math"
	"slices"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/floats/scalar"
)

// linearPlan: Poisson(mu) admissions, gamma(2, 1/1500) costs (mean 3,000),
// paid in full (no deductible, ratio 100% at every rank, no caps), so that
// E[S] = M·μ·E[X] exactly and is linear in μ and in the scale of X.
func linearPlan(mu float64) *Plan {
	one := mcDec(1)
	t := &plans.Terms{Plan: "hospital", Kind: plans.Hospital, Contribution: decimal.NewFromInt(100),
		Ratios: [3]decimal.NullDecimal{one, one, one}}
	return &Plan{Terms: t, Members: 20000, ExposureRatio: 1, ShareMix: map[int]float64{1: 1},
		Benefits: []*Benefit{{Benefit: plans.Medical, Freq: mcPois(mu), Paid: 1,
			Sev: &Severity{Dist: dist.Gamma{Shape: 2, Rate: 1.0 / 1500}, Trended: true}}}}
}

func exactMean(t *testing.T, p *Plan, sc *Scenario) float64 {
	t.Helper()
	fd, err := Exact([]*Plan{p}, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fd.Plans[0].Total.Mean()
}

// An incidence shock of +30% is exactly Mu×1.3: E[S] = M·μ·E[X] rises by
// 30% (no caps bind), and equals the plan refitted with Mu×1.3 within 1e-10
// (μ·1.3 and (1.3·μ)·1 round apart in the last bit, which moves where the
// count table's tail is cut; seen 5.5e-12). Trend risk in.
func TestIncidenceShockIsMuTimes(t *testing.T) {
	const mu = 0.08
	sc := &Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.02, Trend: true}
	base := exactMean(t, linearPlan(mu), sc)
	if want := 20000 * mu * 3000 * 1.05; !scalar.EqualWithinAbsOrRel(base, want, 0, 1e-6) {
		t.Fatalf("base mean %.2f, want M·μ·E[X]·1.05 = %.2f", base, want)
	}
	shocked := *sc
	shocked.Incidence = map[string]float64{"hospital": 1.3}
	got := exactMean(t, linearPlan(mu), &shocked)
	if r := got / base; !scalar.EqualWithinAbsOrRel(r, 1.3, 0, 1e-9) {
		t.Errorf("incidence ×1.3: mean ratio %.12f, want 1.3", r)
	}
	if refit := exactMean(t, linearPlan(mu*1.3), sc); !scalar.EqualWithinAbsOrRel(got, refit, 0, 1e-10) {
		t.Errorf("shocked %.6f, refitted with Mu×1.3 %.6f", got, refit)
	}
	// A shock keyed by another plan leaves this one alone.
	other := *sc
	other.Incidence = map[string]float64{"fire": 2}
	if x := exactMean(t, linearPlan(mu), &other); x != base {
		t.Errorf("a fire shock changed the hospital plan: %v, base %v", x, base)
	}
	// ExpectedBenefits (the cap solver's mean) takes the same shock.
	e, err := ExpectedBenefits(linearPlan(mu), linearPlan(mu).Terms, &shocked, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := 20000 * mu * 1.3 * 3000 * 1.05; !scalar.EqualWithinAbsOrRel(e, want, 0, 1e-6) {
		t.Errorf("ExpectedBenefits %.2f, want %.2f", e, want)
	}
}

// A severity shock of ×1.1 on a plan without deductible or caps raises the
// mean by exactly 10%.
func TestSeverityShockScalesMean(t *testing.T) {
	sc := &Scenario{Years: 1, MedicalTrend: 0.05}
	base := exactMean(t, linearPlan(0.08), sc)
	shocked := *sc
	shocked.Severity = map[string]float64{"hospital": 1.1}
	if r := exactMean(t, linearPlan(0.08), &shocked) / base; !scalar.EqualWithinAbsOrRel(r, 1.1, 0, 1e-6) {
		t.Errorf("severity ×1.1: mean ratio %.9f, want 1.1", r)
	}
}

// Enrolment −15% lowers the priced year's members by 15% and, lump sums
// being paid member by member, the expected deaths paid with them.
func TestEnrolmentShock(t *testing.T) {
	p := mcDeathPlan(50000, 0.001)
	sc := &Scenario{Years: 1, EnrolmentGrowth: 0.02}
	if got, want := sc.MembersNext(p), 50000*1.02; !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-15) {
		t.Fatalf("members %v, want %v", got, want)
	}
	shocked := *sc
	shocked.Enrolment = 0.85
	if got, want := shocked.MembersNext(p), 50000*1.02*0.85; !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-15) {
		t.Fatalf("shocked members %v, want %v", got, want)
	}
	base := exactMean(t, p, sc)
	got := exactMean(t, p, &shocked)
	// 51,000 and 43,350 members with 2 shares: the mean is members·q·20,000.
	q := 1 - math.Exp(-0.001)
	if want := 43350 * q * 20000; !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-9) {
		t.Errorf("mean %.2f, want %.2f", got, want)
	}
	if r := got / base; !scalar.EqualWithinAbsOrRel(r, 0.85, 0, 1e-9) {
		t.Errorf("ratio %.9f, want 0.85", r)
	}
}

// The member-level Monte Carlo takes the same shocks: an incidence shock
// gives the paths of the plan refitted with Mu×1.3 (same seed; equal up to
// the rounding of μ·1.3 in a count table), and a severity shock scales the
// mean by 1.1 within 4 standard errors.
func TestSimulateShocks(t *testing.T) {
	sc := &Scenario{Years: 1, MedicalTrend: 0.05}
	o := MCOptions{Paths: 2000, Seed: 7}
	shocked := *sc
	shocked.Incidence = map[string]float64{"hospital": 1.3}
	a, err := Simulate([]*Plan{linearPlan(0.08)}, &shocked, o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Simulate([]*Plan{linearPlan(0.08 * 1.3)}, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	ma, _ := mcMeanSD(a.PlanTotals[0])
	mb, _ := mcMeanSD(b.PlanTotals[0])
	if !scalar.EqualWithinAbsOrRel(ma, mb, 0, 1e-9) {
		t.Errorf("incidence shock mean %.4f, refitted %.4f", ma, mb)
	}
	sev := *sc
	sev.Severity = map[string]float64{"hospital": 1.1}
	c, err := Simulate([]*Plan{linearPlan(0.08)}, &sev, o)
	if err != nil {
		t.Fatal(err)
	}
	mc, sd := mcMeanSD(c.PlanTotals[0])
	want := 20000 * 0.08 * 3000 * 1.05 * 1.1
	if se := sd / math.Sqrt(2000); math.Abs(mc-want) > 4*se {
		t.Errorf("severity shock mean %.0f, want %.0f ± 4×%.0f", mc, want, se)
	}
}

// The plan cache returns the distribution already computed for the same
// plan, terms, scenario and shocks (the same object), and computes anew
// when any of them changes; the fund's numbers are those without a cache.
func TestPlanCache(t *testing.T) {
	p, q := linearPlan(0.08), mcDeathPlan(50000, 0.001)
	sc := &Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.02, Trend: true, Parameter: true}
	c := NewPlanCache()
	o := &ExactOptions{Cache: c}
	a, err := Exact([]*Plan{p, q}, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Exact([]*Plan{p, q}, sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Total.Mean() != plain.Total.Mean() || a.Total.VaR(0.99) != plain.Total.VaR(0.99) {
		t.Errorf("cached fund %v %v, uncached %v %v", a.Total.Mean(), a.Total.VaR(0.99), plain.Total.Mean(), plain.Total.VaR(0.99))
	}
	shocked := *sc
	shocked.Incidence = map[string]float64{"hospital": 1.3}
	b, err := Exact([]*Plan{p, q}, &shocked, o)
	if err != nil {
		t.Fatal(err)
	}
	if b.Plans[0] == a.Plans[0] || b.Plans[1] != a.Plans[1] {
		t.Error("the shocked plan must be priced anew and the other reused")
	}
	terms := *p.Terms
	terms.AnnualCap = mcDec(20000)
	capped := *sc
	capped.Terms = map[string]*plans.Terms{"hospital": &terms}
	d, err := Exact([]*Plan{p, q}, &capped, o)
	if err != nil {
		t.Fatal(err)
	}
	if d.Plans[0] == a.Plans[0] || !(d.Plans[0].Total.Mean() < a.Plans[0].Total.Mean()) {
		t.Error("new terms must be priced anew (an annual cap lowers the mean)")
	}
	e, err := Exact([]*Plan{p, q}, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	if e.Plans[0] != a.Plans[0] || e.Plans[1] != a.Plans[1] {
		t.Error("the same scenario again must reuse both plans")
	}
}

// A fund whose plans are all reused is reused too, with its tail means,
// which equal those computed without a cache.
func TestFundCache(t *testing.T) {
	p, q := linearPlan(0.08), mcDeathPlan(50000, 0.001)
	sc := &Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.02, Trend: true, Parameter: true}
	o := &ExactOptions{Cache: NewPlanCache()}
	a, err := Exact([]*Plan{p, q}, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	v1, m1, err := a.TailMeans(0.95)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Exact([]*Plan{p, q}, sc, o)
	if err != nil {
		t.Fatal(err)
	}
	if b != a {
		t.Fatal("the same plans' fund was computed again")
	}
	v2, m2, _ := b.TailMeans(0.95)
	plain, _ := Exact([]*Plan{p, q}, sc, nil)
	v3, m3, _ := plain.TailMeans(0.95)
	if v1 != v2 || v1 != v3 || m1[0] != m2[0] || m1[1] != m3[1] || m2[1] != m3[1] {
		t.Errorf("tail means %v %v, again %v %v, without cache %v %v", v1, m1, v2, m2, v3, m3)
	}
}

// The member lattices are shared through the plan cache without changing a
// bit: a hospital plan (negative binomial admissions, claim and annual
// caps) and a fire plan priced under an enrolment change, an incidence
// shock and a severity shock, each after the base scenario in one cache,
// equal the same scenario priced without a cache, to the bit; the
// enrolment change reuses the base's member payout (it moves only the tail
// a member may leave off its lattice, not the event counts' tables here).
func TestMemberCacheBitIdentical(t *testing.T) {
	h := mcHospitalPlan(60000, 0.05, 15000)
	h.Benefits[0].Freq = Frequency{Family: "nbinom", Mu: 0.05, Size: 0.09, Thinning: 1, RelSE: 0.03}
	h.Benefits[0].Sev.ScaleSE = 0.04
	fire := &Plan{Terms: &plans.Terms{Plan: "fire", Kind: plans.NonworkAccidentFire, FireRatio: mcDec(0.1), FireCap: mcDec(10000)},
		Members: 90000, ExposureRatio: 1, ShareMix: map[int]float64{1: 1},
		Benefits: []*Benefit{{Benefit: plans.Fire, Freq: Frequency{Family: "pois", Mu: 1e-4, Size: math.Inf(1), Thinning: 1, RelSE: 0.1},
			Sev: &Severity{Dist: dist.LogNormal{MeanLog: 11, SdLog: 1.2}, ScaleSE: 0.1}}}}
	ps := []*Plan{h, fire}
	base := &Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.02, Trend: true, Parameter: true}
	enrol, inc, sev := *base, *base, *base
	enrol.Enrolment = 0.97
	inc.Incidence = map[string]float64{"hospital": 1.2, "fire": 1.2}
	sev.Severity = map[string]float64{"hospital": 1.1, "fire": 1.1}
	o := &ExactOptions{Cache: NewPlanCache()}
	first, err := Exact(ps, base, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []*Scenario{base, &enrol, &inc, &sev} {
		got, err := Exact(ps, sc, o)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Exact(ps, sc, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range ps {
			g, w := got.Plans[i], want.Plans[i]
			for _, l := range [][2]*aggregate.Lattice{{g.Total, w.Total}, {g.Central, w.Central}, {g.Member, w.Member}} {
				if !slices.Equal(l[0].PMF, l[1].PMF) || l[0].Step != l[1].Step || l[0].Above != l[1].Above {
					t.Errorf("%s, enrolment %v, incidence %v, severity %v: a lattice differs with the cache",
						ps[i].Terms.Plan, sc.Enrolment, sc.Incidence, sc.Severity)
				}
			}
		}
		if !slices.Equal(got.Total.PMF, want.Total.PMF) {
			t.Errorf("enrolment %v, incidence %v, severity %v: the fund differs with the cache", sc.Enrolment, sc.Incidence, sc.Severity)
		}
		if sc == &enrol && (got.Plans[0] == first.Plans[0] || got.Plans[0].Member != first.Plans[0].Member) {
			t.Error("the enrolment change must price the hospital plan anew with the base's member payout")
		}
	}
}
