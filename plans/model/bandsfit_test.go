package model

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// onlyPlan keeps one plan of a book (its terms, schedules, enrolment and
// claims).
func onlyPlan(b *book.Book, key string) *book.Book {
	c := *b
	c.Plans, c.Schedules, c.Enrolment, c.Claims = nil, nil, nil, nil
	for _, p := range b.Plans {
		if p.Plan == key {
			c.Plans = append(c.Plans, p)
		}
	}
	for _, s := range b.Schedules {
		if s.Plan == key {
			c.Schedules = append(c.Schedules, s)
		}
	}
	for _, e := range b.Enrolment {
		if e.Plan == key {
			c.Enrolment = append(c.Enrolment, e)
		}
	}
	for _, cl := range b.Claims {
		if cl.Plan == key {
			c.Claims = append(c.Claims, cl)
		}
	}
	return &c
}

func bandedPlan(t testing.TB, members int, seed uint64) (*Plan, *book.Book, *example.Truth) {
	t.Helper()
	wb, truth, err := example.Generate(example.Config{Members: members, Seed: seed, Banded: true})
	if err != nil {
		t.Fatal(err)
	}
	b := onlyPlan(&wb.Book, "hospital")
	ps, _, err := FromBook(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ps[0], b, truth
}

// A banded plan's admissions are all recorded: the medical severity is
// fitted untruncated (Truncation 0, nothing thinned), and the outpatient
// benefit has its own frequency and severity, fitted to its own claims.
// The fitted lognormals are the truth's within 4 standard errors (the
// severity's meanlog, whose standard error is sdlog/√n) and the rates
// within 10%.
func TestBandedFit(t *testing.T) {
	p, _, truth := bandedPlan(t, 100000, 11)
	pt, _ := truth.Plan("hospital")
	for _, bt := range pt.Benefits {
		bm := p.Benefit(bt.Benefit)
		if bm == nil || bm.Sev == nil {
			t.Fatalf("%s: no model", bt.Benefit)
		}
		if bm.Sev.Truncation != 0 || bm.Freq.Thinning != 1 || !bm.Sev.Trended {
			t.Errorf("%s: truncation %v, thinning %v, trended %v; want 0, 1, true", bt.Benefit, bm.Sev.Truncation, bm.Freq.Thinning, bm.Sev.Trended)
		}
		want, err := dist.ParseContinuous(bt.Severity)
		if err != nil {
			t.Fatal(err)
		}
		ln, ok := bm.Sev.Dist.(dist.LogNormal)
		if !ok {
			t.Logf("%s: fitted %s (truth lognormal)", bt.Benefit, bm.Sev.Dist.Name())
			continue
		}
		w := want.(dist.LogNormal)
		se := w.SdLog / math.Sqrt(float64(bm.Sev.N))
		if math.Abs(ln.MeanLog-w.MeanLog) > 4*se || math.Abs(ln.SdLog/w.SdLog-1) > 0.05 {
			t.Errorf("%s: fitted lnorm(%.4f, %.4f), truth (%.4f, %.4f), se %.4f", bt.Benefit, ln.MeanLog, ln.SdLog, w.MeanLog, w.SdLog, se)
		}
		count, err := bt.Count()
		if err != nil {
			t.Fatal(err)
		}
		perClaimant := 1.0
		if count != nil {
			perClaimant = count.Mean()
		}
		// Ground-up events per member-year at relativity ≈ 1.
		if r := bm.Freq.Mu / (bt.Incidence * perClaimant); math.Abs(r-1) > 0.10 {
			t.Errorf("%s: %v events per member-year, truth about %v", bt.Benefit, bm.Freq.Mu, bt.Incidence*perClaimant)
		}
	}
	if b := p.Benefit(plans.Outpatient); b == nil || b.Claims == 0 {
		t.Error("no outpatient model")
	}
}

// truthBandedPerMember is the true expected benefits per member of the
// banded hospital plan in the year after the book's last, at the last
// year's membership: per group, members are claimants of the inpatient and
// of the outpatient benefit independently (incidence × the group's
// relativity, on the exposure), with the truth's claims per claimant and
// costs grown one year by the trend; the member's year is paid by the rules
// in a random order (bands on each cumulative cost, claim cap, the annual
// cap over both). n claimants per group by Monte Carlo; a new member's
// chance of both benefits is taken on exposure (second order).
func truthBandedPerMember(t testing.TB, b *book.Book, truth *example.Truth, n int, seed uint64) float64 {
	t.Helper()
	pt, _ := truth.Plan("hospital")
	terms, _ := b.Plan("hospital")
	rules := terms.Rules()
	type law struct {
		b     plans.Benefit
		q     float64
		count dist.Discrete
		sev   dist.LogNormal
	}
	src := rand.NewPCG(seed, 9)
	rng := rand.New(rand.NewPCG(seed, 10))
	var laws []law
	for _, bt := range pt.Benefits {
		c, err := bt.Count()
		if err != nil {
			t.Fatal(err)
		}
		if c != nil {
			c, _ = dist.DiscreteWithSource(c, src)
		}
		s, err := dist.ParseContinuous(bt.Severity)
		if err != nil {
			t.Fatal(err)
		}
		ln := s.(dist.LogNormal)
		ln.MeanLog += math.Log1p(bt.Trend)
		ln.Src = src
		laws = append(laws, law{bt.Benefit, bt.Incidence, c, ln})
	}
	var members float64
	total := 0.0
	ev := make([]plans.Event, 0, 64)
	paid := make([]float64, 256)
	for _, g := range truth.Groups {
		var expo float64
		for _, e := range b.Enrolment {
			if e.Year == truth.LastYear && e.Group == g.Name {
				members += float64(e.Members)
				expo += plans.Exposure(e.Members, e.NewMembers, terms.WaitingDays)
			}
		}
		qa, qb := laws[0].q*g.Relativity, laws[1].q*g.Relativity
		pAny := 1 - (1-qa)*(1-qb)
		sum := 0.0
		for range n {
			u := rng.Float64() * pAny
			in, out := true, true
			switch {
			case u < qa*(1-qb):
				out = false
			case u < qa*(1-qb)+(1-qa)*qb:
				in = false
			}
			ev = ev[:0]
			for k, on := range []bool{in, out} {
				if !on {
					continue
				}
				l := laws[k]
				m := 1
				if l.count != nil {
					m = l.count.Rand()
				}
				for range m {
					ev = append(ev, plans.Event{Benefit: l.b, Cost: math.Round(l.sev.Rand()*100) / 100, Days: -1})
				}
			}
			rng.Shuffle(len(ev), func(i, j int) { ev[i], ev[j] = ev[j], ev[i] })
			if err := rules.PayYear(ev, 1, paid); err != nil {
				t.Fatal(err)
			}
			for i := range ev {
				sum += paid[i]
			}
		}
		total += expo * pAny * sum / float64(n)
	}
	return total / members
}

// bandedBias is the relative error of the model's expected benefits per
// member of the priced year (the member-level Monte Carlo mean, central
// estimates, the truth's trend) against the truth, for one book.
func bandedBias(t testing.TB, members int, seed uint64, paths, truthN int) float64 {
	p, b, truth := bandedPlan(t, members, seed)
	sc := &Scenario{Years: 1, MedicalTrend: truth.MedicalTrend}
	res, err := Simulate([]*Plan{p}, sc, MCOptions{Paths: paths, Seed: seed, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := res.PlanResult(0).Mean / sc.MembersNext(p)
	want := truthBandedPerMember(t, b, truth, truthN, seed)
	return got/want - 1
}

func meanSE(x []float64) (m, se float64) {
	for _, v := range x {
		m += v
	}
	n := float64(len(x))
	m /= n
	v := 0.0
	for _, x := range x {
		v += (x - m) * (x - m)
	}
	return m, math.Sqrt(v / (n - 1) / n)
}

// Out of sample, banded: books generated with Config.Banded from a known
// truth are fitted and priced; the priced year's expected benefits of the
// banded hospital plan (inpatient bands, outpatient bands, the shared annual
// cap) are within ±2% of the truth's on average over the books, and
// the mean is within 3 standard errors of 0. The heavy sweep is
// BenchmarkBandedBias.
func TestBandedOutOfSample(t *testing.T) {
	var bias []float64
	for seed := uint64(201); seed <= 210; seed++ {
		bias = append(bias, bandedBias(t, 100000, seed, 1000, 100000))
	}
	m, se := meanSE(bias)
	t.Logf("banded hospital: mean bias %+.2f%% ± %.2f%% over %d books (by book %.2f%%)", 100*m, 100*se, len(bias), scale(bias, 100))
	if math.Abs(m) > 0.02 || math.Abs(m) > 3*se+0.005 {
		t.Errorf("mean relative bias %+.2f%% ± %.2f%%, expected within ±2%% and 3 standard errors", 100*m, 100*se)
	}
}

// BenchmarkBandedBias is the heavy sweep of TestBandedOutOfSample: 20 books
// of 200,000 members. go test ./plans/model -run '^$' -bench BandedBias -benchtime 1x
func BenchmarkBandedBias(b *testing.B) {
	for range b.N {
		var bias []float64
		for seed := uint64(301); seed <= 320; seed++ {
			bias = append(bias, bandedBias(b, 200000, seed, 2000, 400000))
		}
		m, se := meanSE(bias)
		b.Logf("banded hospital, 20 books: mean bias %+.2f%% ± %.2f%% (by book %.2f%%)", 100*m, 100*se, scale(bias, 100))
	}
}
