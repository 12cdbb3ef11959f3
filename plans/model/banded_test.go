package model

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// bruteBanded enumerates every outcome of the parts (counts 0 … len−1,
// costs on the lattice k·h) and returns the law of min(Σ Pay_j(C_j), annual)
// as amount → probability.
func bruteBanded(parts []BandPart, h, annual float64) map[float64]float64 {
	// The law of one part's payout.
	partLaw := func(pt BandPart) map[float64]float64 {
		costs := map[float64]float64{0: 1} // law of the sum of n costs
		out := map[float64]float64{}
		for n, pn := range pt.Count {
			if n > 0 {
				next := map[float64]float64{}
				for c, p := range costs {
					for k, q := range pt.Cost {
						if q > 0 {
							next[c+float64(k)*h] += p * q
						}
					}
				}
				costs = next
			}
			for c, p := range costs {
				out[pt.Bands.Pay(c)] += pn * p
			}
		}
		return out
	}
	tot := map[float64]float64{0: 1}
	for _, pt := range parts {
		law := partLaw(pt)
		next := map[float64]float64{}
		for a, p := range tot {
			for b, q := range law {
				next[a+b] += p * q
			}
		}
		tot = next
	}
	out := map[float64]float64{}
	for a, p := range tot {
		out[math.Min(a, annual)] += p
	}
	return out
}

// onGrid puts a law given as amount → probability on the lattice k·h
// (every amount must be a multiple of h), in sorted order.
func onGrid(t *testing.T, law map[float64]float64, h float64) []float64 {
	t.Helper()
	xs := make([]float64, 0, len(law))
	for x := range law {
		xs = append(xs, x)
	}
	sort.Float64s(xs)
	var pmf []float64
	for _, x := range xs {
		k := int(math.Round(x / h))
		if math.Abs(float64(k)*h-x) > 1e-9 {
			t.Fatalf("amount %v is not on the lattice of step %v", x, h)
		}
		for len(pmf) <= k {
			pmf = append(pmf, 0)
		}
		pmf[k] += law[x]
	}
	return pmf
}

var weihaiLike = plans.Bands{{From: 0, Ratio: 0}, {From: 10, Ratio: 0.5}, {From: 30, Ratio: 1}}

// BandedPayout against a brute-force enumeration on a small discrete case:
// counts 0/1/2, costs on a few lattice points, payouts that fall on the
// lattice (so nothing is split): the lattice is the law itself, to 1e-12
// (the FFT's rounding is about 1e-16). Inpatient alone with and without an
// annual cap, and inpatient with outpatient sharing the annual cap.
func TestBandedPayoutBruteForce(t *testing.T) {
	h := 0.5
	in := BandPart{Count: []float64{0.5, 0.3, 0.2}, Cost: onGrid(t, map[float64]float64{2: 0.3, 15: 0.5, 40: 0.2}, h), Bands: weihaiLike}
	out := BandPart{Count: []float64{0.6, 0.25, 0.15}, Cost: onGrid(t, map[float64]float64{1: 0.5, 6: 0.3, 12: 0.2}, h),
		Bands: plans.Bands{{From: 4, Ratio: 0.5}, {From: 14, Ratio: 0}}}
	for _, c := range []struct {
		name   string
		parts  []BandPart
		annual float64
	}{
		{"inpatient, annual cap 28", []BandPart{in}, 28},
		{"inpatient, no annual cap", []BandPart{in}, math.Inf(1)},
		{"inpatient and outpatient, annual cap 25", []BandPart{in, out}, 25},
		{"inpatient and outpatient, annual cap 13.5", []BandPart{in, out}, 13.5},
		{"inpatient and outpatient, no annual cap", []BandPart{in, out}, math.Inf(1)},
	} {
		got, err := BandedPayout(c.parts, h, c.annual, 1<<10)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := onGrid(t, bruteBanded(c.parts, h, c.annual), h)
		if got.Origin != 0 || got.Step != h || got.Above > 1e-12 || got.Below > 1e-12 {
			t.Fatalf("%s: lattice origin %v step %v above %v below %v", c.name, got.Origin, got.Step, got.Above, got.Below)
		}
		for k := 0; k < max(len(want), len(got.PMF)); k++ {
			var g, w float64
			if k < len(got.PMF) {
				g = got.PMF[k]
			}
			if k < len(want) {
				w = want[k]
			}
			if math.Abs(g-w) > 1e-12 {
				t.Errorf("%s: P(A = %v) = %.15g, brute force %.15g", c.name, float64(k)*h, g, w)
			}
		}
	}
}

// Payouts off the lattice (ratios 0.3 and 0.7, an annual cap between two
// points) are split between neighbours, keeping each part's mean: the mean
// is the brute force's to 1e-12 for one part (capped before the split) and
// without an annual cap; two parts' split sums are capped after the split,
// which can only lower the mean, by at most h·P(S within 2h of the cap)
// (S the uncapped sum; each split moves a part by less than h). Each part
// moves by less than h, so the CDF at a lattice point x lies between the
// brute force's at x ∓ (number of parts)·h.
func TestBandedPayoutSplitKeepsMean(t *testing.T) {
	h := 1.0
	in := BandPart{Count: []float64{0.4, 0.35, 0.25}, Cost: onGrid(t, map[float64]float64{3: 0.2, 11: 0.5, 27: 0.3}, h),
		Bands: plans.Bands{{From: 5, Ratio: 0.3}, {From: 20, Ratio: 0.7}}}
	out := BandPart{Count: []float64{0.7, 0.3}, Cost: onGrid(t, map[float64]float64{2: 0.5, 9: 0.5}, h),
		Bands: plans.Bands{{From: 0, Ratio: 0.3}}}
	lawMean := func(law map[float64]float64) float64 {
		m := 0.0
		for x, p := range law {
			m += x * p
		}
		return m
	}
	for _, c := range []struct {
		parts  []BandPart
		annual float64
	}{{[]BandPart{in}, 9.35}, {[]BandPart{in}, math.Inf(1)}, {[]BandPart{in, out}, 17.35}, {[]BandPart{in, out}, 12.5}, {[]BandPart{in, out}, math.Inf(1)}} {
		got, err := BandedPayout(c.parts, h, c.annual, 1<<10)
		if err != nil {
			t.Fatal(err)
		}
		law := bruteBanded(c.parts, h, c.annual)
		mean, m := lawMean(law), got.Mean()
		if len(c.parts) == 1 || math.IsInf(c.annual, 1) {
			if math.Abs(m-mean) > 1e-12 {
				t.Errorf("%d parts, annual %v: mean %.15g, brute force %.15g", len(c.parts), c.annual, m, mean)
			}
		} else {
			near := 0.0
			for x, p := range bruteBanded(c.parts, h, math.Inf(1)) {
				if math.Abs(x-c.annual) < 2*h {
					near += p
				}
			}
			if m > mean+1e-12 || m < mean-h*near-1e-12 {
				t.Errorf("%d parts, annual %v: mean %.15g, brute force %.15g, allowed down to %.15g", len(c.parts), c.annual, m, mean, mean-h*near)
			}
			t.Logf("%d parts, annual %v: mean %.6f, brute force %.6f (bound %.6f)", len(c.parts), c.annual, m, mean, h*near)
		}
		cdf := func(x float64) float64 {
			s := 0.0
			for y, p := range law {
				if y <= x+1e-12 {
					s += p
				}
			}
			return s
		}
		w := float64(len(c.parts)) * h
		cum := 0.0
		for k, p := range got.PMF {
			cum += p
			x := float64(k) * h
			if lo, hi := cdf(x-w), cdf(x+w); cum < lo-1e-12 || cum > hi+1e-12 {
				t.Errorf("%d parts, annual %v: P(A ≤ %v) = %.6f outside the brute force's [%.6f, %.6f]", len(c.parts), c.annual, x, cum, lo, hi)
			}
		}
		if !math.IsInf(c.annual, 1) && float64(len(got.PMF)-1)*h > math.Ceil(c.annual) {
			t.Errorf("annual %v: lattice reaches %v", c.annual, float64(len(got.PMF)-1)*h)
		}
	}
}

// bandCostCap: where min(Pay(c), annual) stops growing.
func TestBandCostCap(t *testing.T) {
	w := plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}
	for _, c := range []struct {
		b      plans.Bands
		annual float64
		want   float64
	}{
		{w, 50000, 40000 + 26000/0.9},
		{w, 20000, 35000},
		{w, 24000, 40000},
		{w, math.Inf(1), math.Inf(1)},
		{w, 0, 10000},
		{plans.Bands{{From: 0, Ratio: 0.5}, {From: 1000, Ratio: 0}}, math.Inf(1), 1000},
		{plans.Bands{{From: 0, Ratio: 0.5}, {From: 1000, Ratio: 0}}, 300, 600},
		{plans.Bands{{From: 0, Ratio: 0}}, 100, 0},
	} {
		if got := bandCostCap(c.b, c.annual); math.Abs(got-c.want) > 1e-9*math.Max(1, c.want) && got != c.want {
			t.Errorf("bandCostCap(%v, %v) = %v, want %v", c.b, c.annual, got, c.want)
		}
		if !math.IsInf(c.want, 1) {
			// Pay stops growing there: Pay at c* and far beyond, capped, agree.
			if a, b := math.Min(c.b.Pay(c.want), c.annual), math.Min(c.b.Pay(c.want*10+1e6), c.annual); math.Abs(a-b) > 1e-9 {
				t.Errorf("%v, annual %v: pays %v at c* = %v, %v beyond", c.b, c.annual, a, c.want, b)
			}
		}
	}
}

// weihai is Weihai's hospital plan (DOMAIN.md): nothing below a yearly
// self-paid inpatient cost of 10,000, 80% from 10,000 to 40,000, 90% above,
// at most 50,000 a year.
func weihai() *plans.Terms {
	return &plans.Terms{Plan: "weihai", Kind: plans.Hospital, Contribution: decimal.NewFromInt(36), PeriodYears: 1, MaxShares: 1,
		AnnualCap: nd(50000), Bands: plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}}
}

// The banded plan's inpatient and outpatient models for the Monte Carlo
// test: Poisson admissions with lognormal costs, Poisson outpatient visits.
var (
	bandInMu, bandOutMu   = 0.15, 0.6
	bandInSev, bandOutSev = dist.LogNormal{MeanLog: 9, SdLog: 1}, dist.LogNormal{MeanLog: 7, SdLog: 0.8}
	bandOutBands          = plans.Bands{{From: 0, Ratio: 0}, {From: 2000, Ratio: 0.6}}
)

func bandPlan(outpatient bool) *Plan {
	t := weihai()
	bens := []*Benefit{{Benefit: plans.Medical, Freq: Frequency{Family: "pois", Mu: bandInMu, Size: math.Inf(1)}, Sev: &Severity{Dist: bandInSev}}}
	if outpatient {
		t.OutpatientBands = bandOutBands
		bens = append(bens, &Benefit{Benefit: plans.Outpatient, Freq: Frequency{Family: "pois", Mu: bandOutMu, Size: math.Inf(1)}, Sev: &Severity{Dist: bandOutSev}})
	}
	return &Plan{Terms: t, Members: 20000, ExposureRatio: 1, ShareMix: map[int]float64{1: 1}, Benefits: bens}
}

// simulateBanded draws n member-years of a banded plan literally: Poisson
// counts, lognormal costs summed over the year, Pay of each sum, the sum of
// the parts capped at the annual cap.
func simulateBanded(n int, seed uint64, outpatient bool) []float64 {
	rng := rand.New(rand.NewPCG(seed, 3))
	// Poisson by inversion, lognormal as exp of a normal.
	poisson := func(mu float64) int {
		u, k, p := rng.Float64(), 0, math.Exp(-mu)
		c := p
		for u > c {
			k++
			p *= mu / float64(k)
			c += p
		}
		return k
	}
	lognormal := func(d dist.LogNormal) float64 { return math.Exp(d.MeanLog + d.SdLog*rng.NormFloat64()) }
	b := weihai().Bands
	out := make([]float64, n)
	for i := range out {
		c := 0.0
		for range poisson(bandInMu) {
			c += lognormal(bandInSev)
		}
		a := b.Pay(c)
		if outpatient {
			co := 0.0
			for range poisson(bandOutMu) {
				co += lognormal(bandOutSev)
			}
			a += bandOutBands.Pay(co)
		}
		out[i] = math.Min(a, 50000)
	}
	return out
}

// The exact method's member payout of a banded plan against a member-level
// simulation of 200,000 member-years (Poisson counts, lognormal costs, the
// year's sum, Pay, the annual cap), inpatient alone and with outpatient
// sharing the annual cap: the mean within 3 standard errors (se = sample
// sd/√n, about 40 yuan on a mean near 800), and the 99% VaR within 3
// standard errors of the sample quantile (se = √(p(1−p)/n)/f(VaR), f the
// exact lattice's density there: about 300 yuan on 25,000), and
// P(A ≤ sample VaR) within 3·√(p(1−p)/n) of 0.99 (distribution-free).
// The plan's total has M times the member's mean (1e-9).
func TestBandedMatchesSimulation(t *testing.T) {
	const n = 200000
	for _, outp := range []bool{false, true} {
		p := bandPlan(outp)
		fd, err := Exact([]*Plan{p}, processOnly, nil)
		if err != nil {
			t.Fatal(err)
		}
		mem := fd.Plans[0].Member
		x := simulateBanded(n, 11, outp)
		var s, s2 float64
		for _, v := range x {
			s += v
			s2 += v * v
		}
		mean := s / n
		se := math.Sqrt((s2/n - mean*mean) / n)
		if d := mem.Mean() - mean; math.Abs(d) > 3*se {
			t.Errorf("outpatient %v: exact mean %.2f, simulation %.2f ± %.2f", outp, mem.Mean(), mean, se)
		}
		sort.Float64s(x)
		q := 0.99
		vs := x[int(math.Ceil(q*n))-1]
		ve := mem.VaR(q)
		dens := (mem.CDF(ve+500) - mem.CDF(ve-500)) / 1000
		seV := math.Sqrt(q*(1-q)/n) / dens
		if math.Abs(ve-vs) > 3*seV {
			t.Errorf("outpatient %v: exact 99%% VaR %.0f, simulation %.0f ± %.0f", outp, ve, vs, seV)
		}
		if c := mem.CDF(vs); math.Abs(c-q) > 3*math.Sqrt(q*(1-q)/n) {
			t.Errorf("outpatient %v: exact P(A ≤ %.0f) = %.5f, simulation %.2f", outp, vs, c, q)
		}
		if tot, want := fd.Plans[0].Total.Mean(), p.Members*mem.Mean(); math.Abs(tot/want-1) > 1e-9 {
			t.Errorf("outpatient %v: plan mean %.2f, M × member mean %.2f", outp, tot, want)
		}
		t.Logf("outpatient %v: mean exact %.2f, simulation %.2f ± %.2f; 99%% VaR exact %.0f, simulation %.0f ± %.0f; P(A > 0) %.4f",
			outp, mem.Mean(), mean, se, ve, vs, seV, 1-mem.PMF[0])
	}
}

// The hook prices the outpatient part with the inpatient under one annual
// cap: the member lattice of the plan equals BandedPayout of the two parts
// discretised the same way (1e-12), with one share and with two (the bands
// pay on the cost whatever the shares; the annual cap is per share).
func TestBandedHookJoint(t *testing.T) {
	p := bandPlan(true)
	p.ShareMix = map[int]float64{1: 0.5, 2: 0.5}
	terms := p.Terms
	sc := processOnly
	classes := shareClasses(p.ShareMix, p.Members)
	h := memberStep(p, terms.Rules(), classes, sc, 2000)
	o := (&ExactOptions{}).defaults()
	mb := newMember(p, terms.Rules(), sc, h, p.Members, o)
	mb.setBands(terms)
	for _, s := range []int{1, 2} {
		annual := 50000 * float64(s)
		got, err := mb.total(s, 0, 1, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		var parts []BandPart
		for _, b := range p.Benefits {
			count, err := countPMF(b.Freq.Dist(1), mb.tail)
			if err != nil {
				t.Fatal(err)
			}
			bands := mb.bandsOf(b)
			lim := roundUp(bandCostCap(bands, annual), h)
			g, err := aggregate.DiscretizePayment(b.Sev.Dist, aggregate.Coverage{Ratio: 1, Limit: lim}, h, aggregate.Unbiased, 1e-12, maxPts)
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, BandPart{Count: count, Cost: capMass(g.PMF), Bands: bands})
		}
		want, err := BandedPayout(parts, h, annual, maxPts)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.PMF) != len(want.PMF) {
			t.Fatalf("%d shares: member lattice has %d points, BandedPayout %d", s, len(got.PMF), len(want.PMF))
		}
		for k := range got.PMF {
			if math.Abs(got.PMF[k]-want.PMF[k]) > 1e-12 {
				t.Fatalf("%d shares: P(A = %v): member %.15g, BandedPayout %.15g", s, float64(k)*h, got.PMF[k], want.PMF[k])
			}
		}
		if top := float64(len(got.PMF)-1) * h; top > annual || got.PMF[len(got.PMF)-1] < 1e-6 {
			t.Errorf("%d shares: the lattice ends at %v with %.3g; want the annual cap %v reached", s, top, got.PMF[len(got.PMF)-1], annual)
		}
	}
}

// Terms the exact method refuses on a banded plan: a claim cap below the
// annual cap (or without one), a per-claim deductible, admission ratios
// (ignored by the rules beside bands, so refused as the reader refuses
// them), a bad schedule. A claim cap at or above the annual cap is accepted (it never binds).
func TestBandTermsRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*plans.Terms)
		term string
	}{
		{"claim cap below the annual cap", func(t *plans.Terms) { t.ClaimCap = nd(30000) }, "claim_cap"},
		{"claim cap without an annual cap", func(t *plans.Terms) { t.ClaimCap = nd(30000); t.AnnualCap = decimal.NullDecimal{} }, "claim_cap"},
		{"per-claim deductible", func(t *plans.Terms) { t.Deductible = nd(500) }, "deductible"},
		{"admission ratios", func(t *plans.Terms) { t.Ratios[1] = nd(0.7) }, "ratios"},
		{"repeated band edge", func(t *plans.Terms) { t.Bands = plans.Bands{{From: 0, Ratio: 0}, {From: 0, Ratio: 0.8}} }, "bands"},
		{"claim cap at the annual cap", func(t *plans.Terms) { t.ClaimCap = nd(50000) }, ""},
	} {
		p := bandPlan(false)
		c.edit(p.Terms)
		_, err := Exact([]*Plan{p}, processOnly, nil)
		var be *BandTermsError
		switch {
		case c.term == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.term != "" && (!errors.As(err, &be) || be.Term != c.term || !errors.Is(err, ErrBandTerms)):
			t.Errorf("%s: err %v, want a BandTermsError on %s", c.name, err, c.term)
		case c.term != "":
			t.Logf("%s: %v", c.name, err)
		}
		if c.term != "" && CheckBandTerms(p.Terms) == nil {
			t.Errorf("%s: CheckBandTerms accepts it", c.name)
		}
	}
}
