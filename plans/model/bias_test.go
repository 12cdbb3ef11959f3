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

// truthCostPerMember is the true expected benefits per member of plan key in
// the year after the book's last year, at the last year's membership (its
// groups, exposure and shares), computed from the truth the book was drawn
// from: per benefit, the expected claimants Σ_g incidence·relativity_g·
// exposure_g, times the mean payment of a claimant, the latter by a Monte
// Carlo of n claimants that draws their events as the generator does (the
// claims per claimant, the priced year's costs — the last year's grown by the
// trend —, days and categories), keeps the recorded ones (cost above the
// deductible, stays from the first paid day) in a random order and pays them
// with the rules. Interactions between a member's different benefits (the
// annual cap over them, a death after a disability) are left out, as the
// exact method leaves them out.
func truthCostPerMember(t *testing.T, b *book.Book, truth *example.Truth, key string, n int, seed uint64) float64 {
	t.Helper()
	pt, ok := truth.Plan(key)
	if !ok {
		t.Fatalf("no truth for %s", key)
	}
	terms, ok := b.Plan(key)
	if !ok {
		t.Fatalf("no plan %s", key)
	}
	rules := terms.Rules()
	rel := map[string]float64{}
	for _, g := range truth.Groups {
		rel[g.Name] = g.Relativity
	}
	var members, shares, relExpo float64
	for _, e := range b.Enrolment {
		if e.Plan != key || e.Year != truth.LastYear {
			continue
		}
		members += float64(e.Members)
		shares += float64(e.Shares)
		relExpo += rel[e.Group] * plans.Exposure(e.Members, e.NewMembers, terms.WaitingDays)
	}
	twoShares := shares/members - 1
	rng := rand.New(rand.NewPCG(seed, 7))
	total := 0.0
	for _, bt := range pt.Benefits {
		count, err := bt.Count()
		if err != nil {
			t.Fatal(err)
		}
		daysLaw, err := bt.DaysLaw()
		if err != nil {
			t.Fatal(err)
		}
		var sev dist.LogNormal
		if bt.Severity != "" {
			s, err := dist.ParseContinuous(bt.Severity)
			if err != nil {
				t.Fatal(err)
			}
			sev = s.(dist.LogNormal)
			sev.MeanLog += math.Log1p(bt.Trend)
		}
		src := rand.NewPCG(seed, 8)
		if count != nil {
			count, _ = dist.DiscreteWithSource(count, src)
		}
		if daysLaw != nil {
			daysLaw, _ = dist.DiscreteWithSource(daysLaw, src)
		}
		sev.Src = src
		var ev []plans.Event
		paid := make([]float64, 64)
		sum := 0.0
		for range n {
			k := 1
			if count != nil {
				k = count.Rand()
			}
			s := 1
			if rng.Float64() < twoShares {
				s = 2
			}
			ev = ev[:0]
			for range k {
				e := plans.Event{Benefit: bt.Benefit, Cost: math.NaN(), Days: -1}
				if bt.Severity != "" {
					e.Cost = math.Round(sev.Rand()*100) / 100
				}
				if daysLaw != nil {
					e.Days = bt.DaysShift + daysLaw.Rand()
				}
				if len(bt.Categories) > 0 {
					u := rng.Float64()
					e.Category = bt.Categories[len(bt.Categories)-1].Category
					for _, c := range bt.Categories {
						if u < c.Share {
							e.Category = c.Category
							break
						}
						u -= c.Share
					}
				}
				switch {
				case bt.Benefit == plans.Medical && e.Cost <= rules.Deductible:
					continue
				case bt.Benefit == plans.Day && e.Days < rules.FromDay:
					continue
				}
				ev = append(ev, e)
			}
			rng.Shuffle(len(ev), func(i, j int) { ev[i], ev[j] = ev[j], ev[i] })
			if len(ev) > len(paid) {
				paid = make([]float64, 2*len(ev))
			}
			if err := rules.PayYear(ev, s, paid); err != nil {
				t.Fatal(err)
			}
			for i := range ev {
				sum += paid[i]
			}
		}
		total += bt.Incidence * relExpo * sum / float64(n)
	}
	return total / members
}

// Out of sample: books generated from a known truth (several seeds, three
// history years) are fitted, and each plan's expected benefits per member in
// the priced year (central estimates, the truth's medical trend) are compared
// with the truth's (truthCostPerMember). The mean relative error over the
// seeds must be within ±1.5% for every plan whose mean over the seeds is
// precise enough to tell (standard error below 0.75%: hospital, hospital
// cash, accident); for the rare-event plans, whose estimates vary by 5–20%
// from book to book, within 3 standard errors of 0. The truth's own Monte
// Carlo error is below 0.3%.
func TestOutOfSampleBias(t *testing.T) {
	seeds := []uint64{101, 102, 103, 104, 105, 106, 107, 108}
	bias := map[string][]float64{}
	var keys []string
	for _, seed := range seeds {
		wb, truth, err := example.Generate(example.Config{Members: 200000, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		b := &wb.Book
		ps, _, err := FromBook(b, nil)
		if err != nil {
			t.Fatal(err)
		}
		sc := &Scenario{Years: 1, MedicalTrend: truth.MedicalTrend}
		for _, p := range ps {
			key := p.Terms.Plan
			if _, ok := bias[key]; !ok {
				keys = append(keys, key)
			}
			got, err := ExpectedBenefits(p, p.Terms, sc, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			got /= sc.MembersNext(p)
			want := truthCostPerMember(t, b, truth, key, 400000, seed)
			bias[key] = append(bias[key], got/want-1)
		}
	}
	for _, key := range keys {
		m := 0.0
		for _, x := range bias[key] {
			m += x
		}
		n := float64(len(bias[key]))
		m /= n
		v := 0.0
		for _, x := range bias[key] {
			v += (x - m) * (x - m)
		}
		se := math.Sqrt(v / (n - 1) / n)
		t.Logf("%-22s mean bias %+.2f%% ± %.2f%%  (by seed %.2f%%)", key, 100*m, 100*se, scale(bias[key], 100))
		switch {
		case se < 0.0075 && math.Abs(m) > 0.015:
			t.Errorf("%s: mean relative bias %+.2f%% ± %.2f%% over %d seeds, expected within ±1.5%%", key, 100*m, 100*se, len(seeds))
		case se >= 0.0075 && math.Abs(m) > 3*se:
			t.Errorf("%s: mean relative bias %+.2f%% ± %.2f%% over %d seeds, expected within 3 standard errors", key, 100*m, 100*se, len(seeds))
		}
	}
}

func scale(x []float64, f float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v * f
	}
	return out
}
