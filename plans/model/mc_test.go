package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

func mcDec(x float64) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: decimal.NewFromFloat(x), Valid: true}
}

func mcPois(mu float64) Frequency {
	return Frequency{Family: "pois", Mu: mu, Size: math.Inf(1), Thinning: 1}
}

// mcDeathPlan: Poisson(mu) deaths, a lump sum of 10,000 a share, every
// member with 2 shares.
func mcDeathPlan(members, mu float64) *Plan {
	t := &plans.Terms{Plan: "death", Kind: plans.Accident, LumpSum: mcDec(10000)}
	return &Plan{Terms: t, Members: members, ExposureRatio: 1, ShareMix: map[int]float64{2: 1},
		Benefits: []*Benefit{{Benefit: plans.Death, Freq: mcPois(mu)}}}
}

// mcHospitalPlan: Poisson(mu) admissions, lognormal(7.5, 1.2) self-paid
// costs, deductible 800, ratios 70/60/50%, claim cap 10,000 (annualCap 0:
// none).
func mcHospitalPlan(members, mu, annualCap float64) *Plan {
	t := &plans.Terms{Plan: "hospital", Kind: plans.Hospital, Deductible: mcDec(800),
		Ratios:   [3]decimal.NullDecimal{mcDec(0.7), mcDec(0.6), mcDec(0.5)},
		ClaimCap: mcDec(10000)}
	if annualCap > 0 {
		t.AnnualCap = mcDec(annualCap)
	}
	return &Plan{Terms: t, Members: members, ExposureRatio: 1, ShareMix: map[int]float64{1: 1},
		Benefits: []*Benefit{{Benefit: plans.Medical, Freq: mcPois(mu), Paid: 1,
			Sev: &Severity{Dist: dist.LogNormal{MeanLog: 7.5, SdLog: 1.2}, Trended: true}}}}
}

// mcAccidentPlan: death, disability (grades 1, 5, 10), medical and day
// benefits, an annual cap, two share classes.
func mcAccidentPlan(members float64) *Plan {
	t := &plans.Terms{Plan: "accident", Kind: plans.Accident, LumpSum: mcDec(20000), DisabilitySum: mcDec(20000),
		Deductible: mcDec(200), Ratios: [3]decimal.NullDecimal{mcDec(0.9), mcDec(0.5)}, ClaimCap: mcDec(3000),
		AnnualCap: mcDec(25000), DailyAmount: mcDec(50), FromDay: 4, MaxDays: 30}
	return &Plan{Terms: t, Members: members, ExposureRatio: 0.9, ShareMix: map[int]float64{1: 0.6, 2: 0.4},
		Benefits: []*Benefit{
			{Benefit: plans.Death, Freq: mcPois(0.02), Paid: 1},
			{Benefit: plans.Disability, Freq: mcPois(0.05), Categories: map[string]float64{"1": 0.2, "5": 0.3, "10": 0.5}, Paid: 1},
			{Benefit: plans.Medical, Freq: Frequency{Family: "nbinom", Mu: 0.25, Size: 0.5}, Paid: 1,
				Sev: &Severity{Dist: dist.Gamma{Shape: 1.5, Rate: 1.0 / 800}, Trended: true}},
			{Benefit: plans.Day, Freq: mcPois(0.1), Days: &Days{Size: 2, Mu: 6}, Paid: 1},
		}}
}

func mcMeanSD(x []float64) (m, sd float64) {
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	for _, v := range x {
		sd += (v - m) * (v - m)
	}
	return m, math.Sqrt(sd / float64(len(x)-1))
}

// Poisson deaths: the total is 20,000 × Poisson(M·mu), so E = M·mu·lump·s
// and sd = √(M·mu)·lump·s exactly. With parameter uncertainty the count is
// Poisson(M·mu·fI), fI lognormal of mean 1 and log-sd σ, so the mean is the
// same and Var = (M·mu + (M·mu)²(e^(σ²) − 1))·(lump·s)² (total variance).
// The plan has σ = 0.3, which must not act when Parameter is off.
func TestSimulateDeathPoisson(t *testing.T) {
	const M, mu, pay, sigma = 200000.0, 0.001, 20000.0, 0.3
	p := mcDeathPlan(M, mu)
	p.Benefits[0].Freq.RelSE = sigma
	for _, param := range []bool{false, true} {
		sc := &Scenario{Years: 1, Parameter: param}
		r, err := Simulate([]*Plan{p}, sc, MCOptions{Paths: 4000})
		if err != nil {
			t.Fatal(err)
		}
		m, sd := mcMeanSD(r.FundTotal)
		wantM, wantSD, tol := M*mu*pay, math.Sqrt(M*mu)*pay, 0.05
		if param {
			wantSD, tol = math.Sqrt(M*mu+M*mu*M*mu*math.Expm1(sigma*sigma))*pay, 0.06
		}
		se := sd / math.Sqrt(float64(r.Paths))
		t.Logf("parameter %v: mean %.0f (want %.0f, SE %.0f), sd %.0f (want %.0f)", param, m, wantM, se, sd, wantSD)
		if math.Abs(m-wantM) > 4*se {
			t.Errorf("parameter %v: mean %.0f, want %.0f ± 4×%.0f", param, m, wantM, se)
		}
		if math.Abs(sd/wantSD-1) > tol {
			t.Errorf("parameter %v: sd %.0f, want %.0f within %g", param, sd, wantSD, tol)
		}
		for _, v := range r.FundTotal {
			if math.Mod(v, pay) != 0 {
				t.Fatalf("total %v is not a multiple of %v", v, pay)
			}
		}
		fr := r.FundResult()
		if fr.Mean != m || fr.Paths != r.Paths || !(fr.StdErrVaR(0.99) > 0) || !(fr.TVaR(0.99) >= fr.VaR(0.99)) {
			t.Errorf("FundResult: %v", fr)
		}
	}
}

// A summary-only plan (the amount paid per claim, lognormal, times the
// shares): without an annual cap E[S] = M·λ·E[Y]·s; a cap lowers it.
func TestSimulateSummaryOnly(t *testing.T) {
	const M, lam = 50000.0, 0.03
	y := dist.LogNormal{MeanLog: 7, SdLog: 1}
	mk := func(annualCap float64) *Plan {
		t := &plans.Terms{Plan: "summary", Kind: plans.Hospital}
		if annualCap > 0 {
			t.AnnualCap = mcDec(annualCap)
		}
		return &Plan{Terms: t, Source: "summary", Members: M, ExposureRatio: 1, ShareMix: map[int]float64{2: 1},
			Benefits: []*Benefit{{Benefit: plans.Medical, Freq: mcPois(lam), Payment: y}}}
	}
	sc := &Scenario{Years: 1}
	r, err := Simulate([]*Plan{mk(0)}, sc, MCOptions{Paths: 2000})
	if err != nil {
		t.Fatal(err)
	}
	m, sd := mcMeanSD(r.FundTotal)
	want := M * lam * y.Mean() * 2
	se := sd / math.Sqrt(float64(r.Paths))
	if math.Abs(m-want) > 4*se {
		t.Errorf("mean %.0f, want %.0f ± 4×%.0f", m, want, se)
	}
	rc, err := Simulate([]*Plan{mk(1000)}, sc, MCOptions{Paths: 2000})
	if err != nil {
		t.Fatal(err)
	}
	// Capped at 2,000 a member: E[min(2Y, 2000)] per single-claim member.
	mc, _ := mcMeanSD(rc.FundTotal)
	if hi := M * lam * 2 * y.LEV(1000) * 1.01; !(mc < hi) || !(mc < m) {
		t.Errorf("capped mean %.0f, uncapped %.0f, bound %.0f", mc, m, hi)
	}
}

// Hospital plan without an annual cap: the claimed admissions (X > d, the
// only ones numbered) are N ~ Poisson(λ·S(d)), and conditioning on N,
// E[S]/M = P(N ≥ 1)·E[Y₁] + P(N ≥ 2)·E[Y₂] + E[(N − 2)+]·E[Y₃],
// E[Y_r] = E[min(r(X − d), L) | X > d] = r·(LEV(d + L/r) − LEV(d))/S(d)
// from the lognormal's LEV (Loss Models, §8.5).
func TestSimulateHospitalMean(t *testing.T) {
	const M, lam, d, L = 20000.0, 0.3, 800.0, 10000.0
	fT := 1.05
	sc := &Scenario{Years: 1, MedicalTrend: fT - 1}
	r, err := Simulate([]*Plan{mcHospitalPlan(M, lam, 0)}, sc, MCOptions{Paths: 2000})
	if err != nil {
		t.Fatal(err)
	}
	x := dist.LogNormal{MeanLog: 7.5 + math.Log(fT), SdLog: 1.2}
	// Claimed admissions (X > d) are Poisson(λ·S(d)), each paying Y_r given X > d.
	sd := x.Survival(d)
	ey := func(ratio float64) float64 { return ratio * (x.LEV(d+L/ratio) - x.LEV(d)) / sd }
	n := dist.Poisson{Lambda: lam * sd}
	p1, p2 := 1-n.CDF(0), 1-n.CDF(1)
	want := M * (p1*ey(0.7) + p2*ey(0.6) + (lam*sd-p1-p2)*ey(0.5))
	m, sd := mcMeanSD(r.PlanTotals[0])
	se := sd / math.Sqrt(float64(r.Paths))
	t.Logf("mean %.0f, want %.0f, SE %.0f", m, want, se)
	if math.Abs(m-want) > 4*se {
		t.Errorf("mean %.0f, want %.0f ± 4×%.0f", m, want, se)
	}
	// All admissions at the first ratio would be more: the order matters.
	if all70 := M * lam * sd * ey(0.7); !(m < all70-10*se) {
		t.Errorf("mean %.0f not below %.0f (every admission at 70%%)", m, all70)
	}
	// An annual cap of 15,000 can only lower the total.
	rc, err := Simulate([]*Plan{mcHospitalPlan(M, lam, 15000)}, sc, MCOptions{Paths: 1000})
	if err != nil {
		t.Fatal(err)
	}
	mc, _ := mcMeanSD(rc.PlanTotals[0])
	if !(mc < m) {
		t.Errorf("capped mean %.0f, uncapped %.0f", mc, m)
	}
}

// naiveYear pays every one of the plan's M members, drawing counts,
// amounts and order with the dist types' own samplers: the direct
// definition that Simulate's binomial thinning must reproduce.
func naiveYear(p *Plan, rng *rand.Rand) float64 {
	r := p.Terms.Rules()
	total := 0.0
	for _, c := range shareClasses(p.ShareMix, p.Members) {
		for range c.members {
			var ev []plans.Event
			for _, b := range p.Benefits {
				nd, _ := dist.DiscreteWithSource(b.Freq.Dist(p.ExposureRatio), rng)
				for range nd.Rand() {
					e := plans.Event{Benefit: b.Benefit, Days: -1}
					switch b.Benefit {
					case plans.Medical:
						x, _ := dist.WithSource(b.Sev.Dist, rng)
						e.Cost = x.Rand()
					case plans.Day:
						dd, _ := dist.DiscreteWithSource(b.Days.Dist(), rng)
						e.Days = 1 + dd.Rand()
					case plans.Disability:
						u := rng.Float64()
						for _, g := range []string{"1", "5", "10"} {
							if u -= b.Categories[g]; u < 0 {
								e.Category = g
								break
							}
						}
						if e.Category == "" {
							e.Category = "10"
						}
					}
					ev = append(ev, e)
				}
			}
			rng.Shuffle(len(ev), func(i, j int) { ev[i], ev[j] = ev[j], ev[i] })
			paid := make([]float64, len(ev))
			if err := r.PayYear(ev, c.shares, paid); err != nil {
				panic(err)
			}
			for _, v := range paid {
				total += v
			}
		}
	}
	return total
}

// Simulate against the naive loop over all members, on a plan with four
// benefits, an annual cap, death after disability and two share classes:
// means and sds agree within 4 standard errors of their difference.
func TestSimulateMatchesNaiveLoop(t *testing.T) {
	p := mcAccidentPlan(1500)
	sc := &Scenario{Years: 1}
	r, err := Simulate([]*Plan{p}, sc, MCOptions{Paths: 3000})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	naive := make([]float64, 600)
	for i := range naive {
		naive[i] = naiveYear(p, rng)
	}
	m1, s1 := mcMeanSD(r.PlanTotals[0])
	m2, s2 := mcMeanSD(naive)
	n1, n2 := float64(len(r.PlanTotals[0])), float64(len(naive))
	t.Logf("mean %.0f, naive %.0f; sd %.0f, naive %.0f", m1, m2, s1, s2)
	if se := math.Sqrt(s1*s1/n1 + s2*s2/n2); math.Abs(m1-m2) > 4*se {
		t.Errorf("mean %.0f, naive %.0f, SE of the difference %.0f", m1, m2, se)
	}
	// sd of a sample sd ≈ sd·√((κ − 1)/(4n)), κ the kurtosis (≈ 3 here).
	if se := math.Sqrt(s1*s1/(2*n1) + s2*s2/(2*n2)); math.Abs(s1-s2) > 4*se {
		t.Errorf("sd %.0f, naive %.0f, SE of the difference %.0f", s1, s2, se)
	}
}

// The sample depends on the seed, not on the workers.
func TestSimulateReproducible(t *testing.T) {
	ps := []*Plan{mcAccidentPlan(10000), mcHospitalPlan(20000, 0.1, 15000)}
	ps[0].Benefits[0].Freq.RelSE, ps[1].Benefits[0].Sev.ScaleSE = 0.2, 0.1
	sc := &Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.03, Parameter: true, Trend: true}
	a, err := Simulate(ps, sc, MCOptions{Paths: 300, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Simulate(ps, sc, MCOptions{Paths: 300, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.FundTotal, b.FundTotal) || !slices.Equal(a.PlanTotals[0], b.PlanTotals[0]) || !slices.Equal(a.PlanTotals[1], b.PlanTotals[1]) {
		t.Error("1 and 3 workers give different samples")
	}
	c, err := Simulate(ps, sc, MCOptions{Paths: 300, Workers: 3, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(a.FundTotal, c.FundTotal) {
		t.Error("seeds 20260101 and 2 give the same sample")
	}
	if a.Seed != 20260101 || a.Paths != 300 || !slices.Equal(a.Plans, []string{"accident", "hospital"}) {
		t.Errorf("result header %d %d %v", a.Seed, a.Paths, a.Plans)
	}
}

// Parameter and trend uncertainty widen the fund's distribution: with
// σ_I = σ_S = 0.3 and a trend sd of 10% the mean's own spread (≈ 0.4·E[S])
// dwarfs the process sd (≈ 0.03·E[S]).
func TestSimulateUncertaintyWidens(t *testing.T) {
	p := mcHospitalPlan(50000, 0.1, 15000)
	p.Benefits[0].Freq.RelSE, p.Benefits[0].Sev.ScaleSE = 0.3, 0.3
	off := &Scenario{Years: 1, MedicalTrend: 0.05, TrendSD: 0.1}
	on := *off
	on.Parameter, on.Trend = true, true
	a, err := Simulate([]*Plan{p}, off, MCOptions{Paths: 1000})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Simulate([]*Plan{p}, &on, MCOptions{Paths: 1000})
	if err != nil {
		t.Fatal(err)
	}
	_, s0 := mcMeanSD(a.FundTotal)
	_, s1 := mcMeanSD(b.FundTotal)
	t.Logf("sd %.0f without, %.0f with parameter and trend uncertainty", s0, s1)
	if !(s1 > 5*s0) {
		t.Errorf("sd with uncertainty %.0f, without %.0f", s1, s0)
	}
	// Trend alone widens too.
	tr := *off
	tr.Trend = true
	c, err := Simulate([]*Plan{p}, &tr, MCOptions{Paths: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if _, s2 := mcMeanSD(c.FundTotal); !(s2 > 2*s0) {
		t.Errorf("sd with trend uncertainty %.0f, without %.0f", s2, s0)
	}
}

func TestSimulateErrors(t *testing.T) {
	sc := &Scenario{Years: 1}
	noMembers := mcDeathPlan(0, 0.001)
	badGrade := mcAccidentPlan(1000)
	badGrade.Benefits[1].Categories = map[string]float64{"11": 1}
	noGrades := mcAccidentPlan(1000)
	noGrades.Benefits[1].Categories = nil
	fire := mcHospitalPlan(1000, 0.1, 0)
	fire.Benefits[0].Benefit = plans.Fire
	noSev := mcHospitalPlan(1000, 0.1, 0)
	noSev.Benefits[0].Sev = nil
	for _, c := range []struct {
		name string
		ps   []*Plan
		sc   *Scenario
		want string
	}{
		{"no plans", nil, sc, "no plans"},
		{"no scenario", []*Plan{mcDeathPlan(10, 0.1)}, nil, "no scenario"},
		{"no members", []*Plan{noMembers}, sc, "members"},
		{"unknown grade", []*Plan{badGrade}, sc, `"11" is not in the plan's schedule`},
		{"no grades", []*Plan{noGrades}, sc, "no category mix"},
		{"benefit of another kind", []*Plan{fire}, sc, "does not pay"},
		{"no severity", []*Plan{noSev}, sc, "without a severity"},
	} {
		_, err := Simulate(c.ps, c.sc, MCOptions{Paths: 10})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// The samplers against their laws' means and variances.
func TestMCSamplers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		n int
		p float64
	}{{5000000, 1e-3}, {5000000, 3e-6}, {50, 0.2}, {10, 0.9}, {300000, 0.04}} {
		const k = 20000
		x := make([]float64, k)
		for i := range x {
			x[i] = float64(mcBinomial(c.n, c.p, rng))
		}
		m, sd := mcMeanSD(x)
		wm, wv := float64(c.n)*c.p, float64(c.n)*c.p*(1-c.p)
		if math.Abs(m-wm) > 4*math.Sqrt(wv/k) || math.Abs(sd*sd/wv-1) > 0.05 {
			t.Errorf("binomial(%d, %g): mean %g var %g, want %g %g", c.n, c.p, m, sd*sd, wm, wv)
		}
	}
	// Days of a stay: the full table with its guide.
	days := dist.NegBinomialMu(1.165, 9.9)
	var inv mcInv
	inv.build(days, 0, 1)
	x := make([]float64, 40000)
	for i := range x {
		x[i] = float64(inv.inv(rng.Float64()))
	}
	if m, _ := mcMeanSD(x); math.Abs(m-days.Mean()) > 4*math.Sqrt(days.Variance()/float64(len(x))) {
		t.Errorf("days: mean %g, want %g", m, days.Mean())
	}
	if got := inv.inv(math.Nextafter(1, 0)); !(got > len(inv.cum)-5) {
		t.Errorf("days: u → 1 gives %d, the table has %d points", got, len(inv.cum))
	}
	for _, d := range []dist.Discrete{dist.NegBinomialMu(0.0864, 0.05), dist.Poisson{Lambda: 0.02}, dist.NegBinomialMu(1.2, 10)} {
		c := newMCCounts(d)
		zt := dist.ZeroTruncated{Base: d}
		const k = 40000
		x, y := make([]float64, k), make([]float64, k)
		for i := range x {
			x[i], y[i] = float64(c.ztrunc(rng)), float64(c.draw(rng))
		}
		m, _ := mcMeanSD(x)
		if se := math.Sqrt(zt.Variance() / k); math.Abs(m-zt.Mean()) > 4*se {
			t.Errorf("%s zero-truncated: mean %g, want %g ± 4×%g", d.Name(), m, zt.Mean(), se)
		}
		m, _ = mcMeanSD(y)
		if se := math.Sqrt(d.Variance() / k); math.Abs(m-d.Mean()) > 4*se {
			t.Errorf("%s: mean %g, want %g ± 4×%g", d.Name(), m, d.Mean(), se)
		}
	}
}

// The example book (300,000 members, seven plans), 2,000 paths with
// parameter and trend uncertainty.
func BenchmarkSimulateExample(b *testing.B) {
	bk, _, err := example.Generate(example.Config{})
	if err != nil {
		b.Fatal(err)
	}
	var ps []*Plan
	for _, d := range Extract(&bk.Book) {
		p, err := Estimate(d, nil)
		if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, p)
	}
	sc := &Scenario{Years: 1, MedicalTrend: 0.06, TrendSD: 0.02, Parameter: true, Trend: true}
	const paths = 2000
	b.ResetTimer()
	for b.Loop() {
		if _, err := Simulate(ps, sc, MCOptions{Paths: paths}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(paths)*float64(b.N)/b.Elapsed().Seconds(), "paths/s")
}
