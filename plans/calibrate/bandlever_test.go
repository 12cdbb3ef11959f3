package calibrate

import (
	"math"
	"slices"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

func ndec(x float64) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.NewFromFloat(x)) }

// weihaiPlan is a hospital plan on Weihai's bands (DOMAIN.md: nothing below
// a yearly inpatient cost of 10,000, 80% to 40,000, 90% above, at most
// 50,000), built in memory: 20,000 members with one share, Poisson
// admissions, lognormal costs following the medical trend.
func weihaiPlan(contribution decimal.Decimal) *model.Plan {
	t := &plans.Terms{Plan: "weihai", Name: "住院", Kind: plans.Hospital, Contribution: contribution, PeriodYears: 1, MaxShares: 1,
		AnnualCap: ndec(50000), Bands: plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}}
	return &model.Plan{Terms: t, Source: "claims", LastYear: 2025, Members: 20000, Shares: 20000, Exposure: 20000, ExposureRatio: 1,
		ShareMix: map[int]float64{1: 1},
		Benefits: []*model.Benefit{{Benefit: plans.Medical, Freq: model.Frequency{Family: "pois", Mu: 0.08, Size: math.Inf(1), RelSE: 0.05},
			Sev: &model.Severity{Dist: dist.LogNormal{MeanLog: 8.6, SdLog: 1}, Trended: true, ScaleSE: 0.03}}}}
}

func bandScenario() *model.Scenario {
	return &model.Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.03, Parameter: true, Trend: true}
}

func bandPolicy(alpha float64) Policy {
	return Policy{TargetDeficitProbability: alpha, SolvencyProbability: alpha, MaxChange: 10, MaxTermChange: 0.5,
		Rounding: decimal.NewFromInt(1), HorizonYears: 1}
}

// withBandLever: band_start moves the first paying band's lower edge (kept
// zero bands below it, dropped at or above it; rounded up to 10 yuan) and
// pays less as it rises; band_ratio scales every ratio, at most 100%, to
// 0.001 (rounded down).
func TestWithBandLever(t *testing.T) {
	base := weihaiPlan(decimal.NewFromInt(36)).Terms
	for _, c := range []struct {
		lever string
		x     float64
		want  plans.Bands
		v     string
	}{
		{"band_start", 12001, plans.Bands{{From: 0, Ratio: 0}, {From: 12010, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}, "12010"},
		{"band_start", 8000, plans.Bands{{From: 0, Ratio: 0}, {From: 8000, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}, "8000"},
		{"band_start", 0, plans.Bands{{From: 0, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}, "0"},
		{"band_ratio", 1.05, plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.84}, {From: 40000, Ratio: 0.945}}, "0.84"},
		{"band_ratio", 1.2, plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.96}, {From: 40000, Ratio: 1}}, "0.96"},
		{"band_ratio", 0.9009, plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.72}, {From: 40000, Ratio: 0.81}}, "0.72"},
	} {
		got, v := withLever(base, c.lever, c.x)
		if !slices.Equal(got.Bands, c.want) || v.String() != c.v {
			t.Errorf("%s %v: bands %v value %s, want %v %s", c.lever, c.x, got.Bands, v, c.want, c.v)
		}
		if err := got.Bands.Check(); err != nil {
			t.Errorf("%s %v: %v", c.lever, c.x, err)
		}
	}
	if !slices.Equal(base.Bands, plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}) {
		t.Errorf("the base terms changed: %v", base.Bands)
	}
	// The range: band_start within ±50% and below the next edge.
	if lo, hi := bandLeverRange(base, "band_start", 0.5); lo != 5000 || hi != 15000 {
		t.Errorf("band_start range [%v, %v], want [5000, 15000]", lo, hi)
	}
	if lo, hi := bandLeverRange(base, "band_start", 5); lo != 0 || hi != 39990 {
		t.Errorf("band_start range with max_term_change 5: [%v, %v], want [0, 39990]", lo, hi)
	}
	if lo, hi := bandLeverRange(base, "band_ratio", 0.5); lo != 0.5 || math.Abs(hi-1.25) > 1e-12 {
		t.Errorf("band_ratio range [%v, %v], want [0.5, 1.25] (all ratios 100%% at 1/0.8)", lo, hi)
	}
	if capLever(base, "band_start") != "band_start" || capLever(base, "claim_cap") != "annual_cap" {
		t.Errorf("capLever on a banded plan: band_start → %q, claim_cap → %q", capLever(base, "band_start"), capLever(base, "claim_cap"))
	}
	plain := &plans.Terms{Plan: "h", Kind: plans.Hospital, AnnualCap: ndec(50000)}
	if capLever(plain, "band_start") != "annual_cap" || capLever(plain, "band_ratio") != "annual_cap" {
		t.Errorf("capLever without bands: %q, %q; want the natural lever", capLever(plain, "band_start"), capLever(plain, "band_ratio"))
	}
	sc := bandScenario()
	if !HasBands([]*model.Plan{{Terms: plain}, weihaiPlan(decimal.NewFromInt(36))}, sc) || HasBands([]*model.Plan{{Terms: plain}}, sc) {
		t.Error("HasBands")
	}
}

// Expected benefits fall strictly as band_start rises (every step of 2,000
// yuan takes out P(C > D)·0.8·2,000 a member) and rise strictly with
// band_ratio until every ratio reaches 100%, then stay.
func TestBandLeversMonotone(t *testing.T) {
	p := weihaiPlan(decimal.NewFromInt(36))
	sc := bandScenario()
	prev := math.Inf(1)
	for d := 0.0; d <= 38000; d += 2000 {
		tt, _ := withLever(p.Terms, "band_start", d)
		e, err := model.ExpectedBenefits(p, tt, sc, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !(e < prev) {
			t.Errorf("band_start %v: expected benefits %.0f, not below %.0f", d, e, prev)
		}
		prev = e
	}
	prev = -1
	for f := 0.5; f <= 1.4+1e-9; f += 0.05 {
		tt, _ := withLever(p.Terms, "band_ratio", f)
		e, err := model.ExpectedBenefits(p, tt, sc, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case f < 1.25-1e-9 && !(e > prev):
			t.Errorf("band_ratio %.2f: expected benefits %.0f, not above %.0f", f, e, prev)
		case f > 1.25+1e-9 && math.Abs(e-prev) > 1e-9*e:
			t.Errorf("band_ratio %.2f: expected benefits %.0f moved from %.0f with every ratio at 100%%", f, e, prev)
		}
		prev = e
	}
}

// --fix contributions --lever band_start / band_ratio: at contributions that
// a known band term would need, the solved term makes the target hold:
// re-priced at the solved terms (model.Exact), P(入不敷出) is within the
// search's tolerance of the target. That tolerance is what moves the
// benefits at the solution, turned into probability by the density f of the
// fund's total at its VaR: the lever's unit (10 yuan of band_start, 0.001 of
// the band_ratio factor) times ∂E[S]/∂lever, plus the rounds' margin
// tolerance of a quarter yuan a share: |P − α| ≤ f·(|∂E/∂x|·u + 0.25·shares).
// The solution lands within a few units of the term the contributions were
// built from. The annual_cap lever on the banded plan too.
func TestBandLeverMeetsTarget(t *testing.T) {
	const alpha = 0.05
	sc := bandScenario()
	for _, c := range []struct {
		lever string
		truth float64 // the term the contributions are built from
	}{{"band_start", 12000}, {"band_ratio", 0.9}, {"annual_cap", 45000}} {
		// Contributions: what the fund needs at the true term, VaR_{1−α} a share.
		p0 := weihaiPlan(decimal.NewFromInt(36))
		tt, _ := withLever(p0.Terms, c.lever, c.truth)
		sc0 := *sc
		sc0.Terms = map[string]*plans.Terms{"weihai": tt}
		fd0, err := model.Exact([]*model.Plan{p0}, &sc0, nil)
		if err != nil {
			t.Fatal(err)
		}
		contrib := decimal.NewFromFloat(fd0.Total.VaR(1-alpha) / p0.Shares).Round(2)
		p := weihaiPlan(contrib)
		res, err := Calibrate([]*model.Plan{p}, sc, bandPolicy(alpha), Options{Lever: Caps, CapLever: c.lever, Paths: 200})
		if err != nil {
			t.Fatalf("%s: %v", c.lever, err)
		}
		pr := res.Plans[0]
		if pr.CapLever != c.lever || pr.CapLimited {
			t.Fatalf("%s: lever %q, limited %v; notes %v", c.lever, pr.CapLever, pr.CapLimited, res.Notes)
		}
		// Re-price at the solved terms.
		sc2 := *sc
		sc2.Terms = map[string]*plans.Terms{"weihai": pr.Terms}
		fd, err := model.Exact([]*model.Plan{p}, &sc2, nil)
		if err != nil {
			t.Fatal(err)
		}
		net := res.NetIncome.Add(res.PlannedDraw).InexactFloat64()
		pd := fd.Total.ExceedProb(net)
		// ∂E/∂x·u: the benefits one unit of the lever moves at the solution.
		u := leverUnit(c.lever)
		x := pr.CapRecommended.InexactFloat64()
		if c.lever == "band_ratio" {
			x /= 0.8 // the factor on the base terms
		}
		var es [2]float64
		for i, y := range []float64{x, x + u} {
			ty, _ := withLever(p.Terms, c.lever, y)
			if es[i], err = model.ExpectedBenefits(p, ty, sc, true, nil); err != nil {
				t.Fatal(err)
			}
		}
		slope := math.Abs(es[1] - es[0])
		v := fd.Total.VaR(1 - alpha)
		dens := (fd.Total.CDF(v+0.01*fd.Total.SD()) - fd.Total.CDF(v-0.01*fd.Total.SD())) / (0.02 * fd.Total.SD())
		tol := dens * (slope + 0.25*p.Shares)
		if math.Abs(pd-alpha) > tol {
			t.Errorf("%s %s: re-priced P(入不敷出) %.5f, target %.3f ± %.5f", c.lever, pr.CapRecommended, pd, alpha, tol)
		}
		if math.Abs(pd-res.PDeficitAfter) > 1e-9 {
			t.Errorf("%s: re-priced P(入不敷出) %.6f, the result says %.6f", c.lever, pd, res.PDeficitAfter)
		}
		got := pr.CapRecommended.InexactFloat64()
		want := c.truth
		if c.lever == "band_ratio" {
			want = 0.8 * c.truth
		}
		if math.Abs(got-want) > 0.02*want {
			t.Errorf("%s: solved %v, the contributions were built from %v", c.lever, got, want)
		}
		t.Logf("%s: contribution %s, %s → %s; P(入不敷出) %.5f (target %.3f ± %.5f)", c.lever, contrib, pr.CapCurrent, pr.CapRecommended, pd, alpha, tol)
	}
}

// The annual_cap lever on a banded plan whose claim cap equals its annual
// cap (a valid book: the claim cap never binds) and whose contributions need
// a higher cap: the claim cap follows the annual cap up (withLever), so the
// search never prices a claim cap below the annual cap, which the exact
// method refuses (model.CheckBandTerms). Before, the search failed with
// "claim_cap 50000 below its annual_cap 75000".
func TestBandAnnualCapMovesClaimCap(t *testing.T) {
	base := weihaiPlan(decimal.NewFromInt(36)).Terms
	base.ClaimCap = ndec(50000)
	up, v := withLever(base, "annual_cap", 60004)
	if v.String() != "60000" || up.ClaimCap.Decimal.String() != "60000" || up.AnnualCap.Decimal.String() != "60000" {
		t.Errorf("annual_cap 60004: annual %s claim %s, want both 60000", up.AnnualCap.Decimal, up.ClaimCap.Decimal)
	}
	down, _ := withLever(base, "annual_cap", 40000)
	if down.ClaimCap.Decimal.String() != "50000" || down.AnnualCap.Decimal.String() != "40000" {
		t.Errorf("annual_cap 40000: annual %s claim %s, want 40000 and the claim cap kept at 50000", down.AnnualCap.Decimal, down.ClaimCap.Decimal)
	}
	plain := &plans.Terms{Plan: "h", Kind: plans.Hospital, AnnualCap: ndec(50000), ClaimCap: ndec(50000)}
	if p, _ := withLever(plain, "annual_cap", 60000); p.ClaimCap.Decimal.String() != "50000" {
		t.Errorf("a plan without bands: claim cap %s, want 50000 kept", p.ClaimCap.Decimal)
	}
	// Priced to need a higher cap: contributions built from annual_cap 60,000.
	const alpha = 0.05
	sc := bandScenario()
	p0 := weihaiPlan(decimal.NewFromInt(36))
	p0.Terms.ClaimCap = ndec(50000)
	tt, _ := withLever(p0.Terms, "annual_cap", 60000)
	sc0 := *sc
	sc0.Terms = map[string]*plans.Terms{"weihai": tt}
	fd0, err := model.Exact([]*model.Plan{p0}, &sc0, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := weihaiPlan(decimal.NewFromFloat(fd0.Total.VaR(1-alpha) / p0.Shares).Round(2))
	p.Terms.ClaimCap = ndec(50000)
	res, err := Calibrate([]*model.Plan{p}, sc, bandPolicy(alpha), Options{Lever: Caps, Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	pr := res.Plans[0]
	got := pr.CapRecommended.InexactFloat64()
	if pr.CapLever != "annual_cap" || math.Abs(got-60000) > 0.02*60000 {
		t.Errorf("lever %q solved %v, the contributions were built from 60000", pr.CapLever, got)
	}
	if !pr.Terms.ClaimCap.Decimal.Equal(pr.CapRecommended) {
		t.Errorf("solved terms: claim cap %s, annual cap %s; want the claim cap moved with it", pr.Terms.ClaimCap.Decimal, pr.CapRecommended)
	}
}

// band_start on bands paying from the first yuan (d = 0): the relative range
// d·(1 ± mtc) was [0, 0], so the lever could not move. Now it ranges from 0
// to max_term_change times the next band's edge (or, for a last band,
// annual_cap ÷ its ratio, the cost at which it reaches the cap), below the
// next edge; and at contributions built from a deductible of 3,000 the
// solve finds it (within 2%, as TestBandLeverMeetsTarget).
func TestBandStartFromZero(t *testing.T) {
	zero := plans.Bands{{From: 0, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}
	p0 := weihaiPlan(decimal.NewFromInt(36))
	p0.Terms.Bands = zero
	for _, c := range []struct {
		mtc, lo, hi float64
	}{{0.5, 0, 20000}, {5, 0, 39990}} {
		if lo, hi := bandLeverRange(p0.Terms, "band_start", c.mtc); lo != c.lo || hi != c.hi {
			t.Errorf("band_start from 0, max_term_change %v: [%v, %v], want [%v, %v]", c.mtc, lo, hi, c.lo, c.hi)
		}
	}
	out := &plans.Terms{Plan: "h", Kind: plans.Hospital, AnnualCap: ndec(30000), OutpatientBands: plans.Bands{{From: 0, Ratio: 0.6}}}
	if lo, hi := bandLeverRange(out, "band_start", 0.2); lo != 0 || hi != 10000 {
		t.Errorf("outpatient band from 0, max_term_change 0.2: [%v, %v], want [0, 10000] (0.2 × 30,000 ÷ 0.6)", lo, hi)
	}
	out.AnnualCap = decimal.NullDecimal{}
	if lo, hi := bandLeverRange(out, "band_start", 0.2); lo != 0 || hi != 0 {
		t.Errorf("a last band from 0 without an annual cap: [%v, %v], want [0, 0]", lo, hi)
	}
	const alpha = 0.05
	sc := bandScenario()
	tt, _ := withLever(p0.Terms, "band_start", 3000)
	sc0 := *sc
	sc0.Terms = map[string]*plans.Terms{"weihai": tt}
	fd0, err := model.Exact([]*model.Plan{p0}, &sc0, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := weihaiPlan(decimal.NewFromFloat(fd0.Total.VaR(1-alpha) / p0.Shares).Round(2))
	p.Terms.Bands = zero
	res, err := Calibrate([]*model.Plan{p}, sc, bandPolicy(alpha), Options{Lever: Caps, CapLever: "band_start", Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	pr := res.Plans[0]
	if got := pr.CapRecommended.InexactFloat64(); pr.CapLever != "band_start" || pr.CapLimited || math.Abs(got-3000) > 0.02*3000 {
		t.Errorf("band_start from 0: lever %q limited %v solved %v, the contributions were built from 3000; notes %v", pr.CapLever, pr.CapLimited, got, res.Notes)
	}
	t.Logf("band_start from 0: solved %s, P(入不敷出) %.4f", pr.CapRecommended, res.PDeficitAfter)
}
