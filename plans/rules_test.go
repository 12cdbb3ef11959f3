package plans

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/floats/scalar"
)

func dec(s string) decimal.NullDecimal {
	return decimal.NewNullDecimal(decimal.RequireFromString(s))
}

// Beijing-like terms used by the hand computations below.
func hospitalTerms() *Terms {
	return &Terms{
		Plan: "hospital", Kind: Hospital, Contribution: decimal.NewFromInt(50), PeriodYears: 1, WaitingDays: 30,
		Deductible: dec("1000"),
		Ratios:     [3]decimal.NullDecimal{dec("0.7"), dec("0.6"), dec("0.5")},
		ClaimCap:   dec("10000"),
		AnnualCap:  dec("15000"),
	}
}

func cashTerms() *Terms {
	return &Terms{Plan: "cash", Kind: HospitalCash, Contribution: decimal.NewFromInt(60), PeriodYears: 1,
		DailyAmount: dec("40"), FromDay: 4, MaxDays: 180}
}

func femaleTerms() *Terms {
	return &Terms{Plan: "female", Kind: FemaleDisease, Contribution: decimal.NewFromInt(25), MaxShares: 2,
		LumpSum: dec("15000"),
		Schedules: map[Benefit]map[string]decimal.Decimal{Diagnosis: {
			"乳腺癌":   decimal.NewFromInt(1),
			"乳腺原位癌": decimal.RequireFromString("0.3"),
		}}}
}

func criticalTerms() *Terms {
	return &Terms{Plan: "critical", Kind: CriticalIllness, Contribution: decimal.NewFromInt(30), PeriodYears: 3,
		MaxShares: 2, LumpSum: dec("5000"), AnnualCap: dec("5000")}
}

func accidentTerms() *Terms {
	return &Terms{Plan: "accident", Kind: Accident, Contribution: decimal.NewFromInt(100),
		LumpSum: dec("60000"), DisabilitySum: dec("60000"),
		Deductible: dec("100"), Ratios: [3]decimal.NullDecimal{dec("0.9")},
		DailyAmount: dec("50"), FromDay: 1, MaxDays: 180}
}

func nonworkTerms() *Terms {
	return &Terms{Plan: "nonwork", Kind: NonworkAccidentFire, Contribution: decimal.NewFromInt(3),
		LumpSum: dec("20000"), DisabilitySum: dec("5000"), FireRatio: dec("0.1"), FireCap: dec("10000")}
}

func med(cost float64) Event { return Event{Benefit: Medical, Cost: cost, Days: -1} }
func day(d int) Event        { return Event{Benefit: Day, Cost: math.NaN(), Days: d} }
func cat(b Benefit, c string) Event {
	return Event{Benefit: b, Cost: math.NaN(), Days: -1, Category: c}
}

// Every expected payment is a hand computation from the terms above.
func TestPayYear(t *testing.T) {
	cases := []struct {
		name   string
		terms  *Terms
		shares int
		events []Event
		want   []float64
	}{
		{"repeat admissions 70/60/50%", hospitalTerms(), 1,
			[]Event{med(3000), med(3000), med(3000), med(3000)},
			[]float64{0.7 * 2000, 0.6 * 2000, 0.5 * 2000, 0.5 * 2000}}, // 1400, 1200, 1000, 1000
		{"deductible: at and below pay 0", hospitalTerms(), 1,
			[]Event{med(999.99), med(1000), med(1000.5)},
			[]float64{0, 0, 0.7 * 0.5}}, // the first claimed admission: 0.7 × 0.5
		{"a stay at or below the deductible is not claimed and takes no number", hospitalTerms(), 1,
			[]Event{med(800), med(3000), med(1000), med(2000)},
			[]float64{0, 0.7 * 2000, 0, 0.6 * 1000}},
		{"claim cap", hospitalTerms(), 1,
			[]Event{med(20000)},
			[]float64{10000}}, // min(0.7 × 19000 = 13300, 10000)
		{"annual cap hit mid-year", hospitalTerms(), 1,
			[]Event{med(20000), med(9000), med(5000), med(2000)},
			// 10000; 0.6 × 8000 = 4800 (14800); 0.5 × 4000 = 2000 → 200 left; then 0
			[]float64{10000, 4800, 200, 0}},
		{"two shares double the caps", hospitalTerms(), 2,
			[]Event{med(20000), med(30000)},
			// min(13300, 20000) = 13300; min(0.6 × 29000 = 17400, 20000) = 17400 → 30000 − 13300 = 16700
			[]float64{13300, 16700}},
		{"hospital cash from day 4", cashTerms(), 1,
			[]Event{day(3), day(4), day(10), day(0)},
			[]float64{0, 40, 7 * 40, 0}},
		{"hospital cash at most 180 days", cashTerms(), 1,
			[]Event{day(100), day(100), day(30)},
			[]float64{97 * 40, 83 * 40, 0}}, // 97 + 83 = 180 days = 7200 yuan
		{"hospital cash two shares", cashTerms(), 2,
			[]Event{day(10)},
			[]float64{7 * 40 * 2}},
		{"diagnosis schedule and shares", femaleTerms(), 2,
			[]Event{cat(Diagnosis, "乳腺原位癌"), cat(Diagnosis, " 乳腺癌 ")},
			[]float64{15000 * 2 * 0.3, 15000 * 2}}, // 9000, 30000 (no annual cap)
		{"diagnosis without schedule pays 100%, annual cap", criticalTerms(), 2,
			[]Event{cat(Diagnosis, "恶性肿瘤"), cat(Diagnosis, "急性心肌梗死")},
			[]float64{10000, 0}},
		{"disability grade, default schedule", accidentTerms(), 1,
			[]Event{cat(Disability, "7")},
			[]float64{0.4 * 60000}},
		{"death after disability in the same year", accidentTerms(), 1,
			[]Event{cat(Disability, "10"), cat(Death, "")},
			[]float64{6000, 54000}},
		{"disabilities of a year never exceed the sum", accidentTerms(), 1,
			[]Event{cat(Disability, "2"), cat(Disability, "5")},
			[]float64{54000, 6000}}, // 0.9 × 60000; min(30000, 60000 − 54000)
		{"death", accidentTerms(), 1,
			[]Event{cat(Death, "")},
			[]float64{60000}},
		{"accident medical stay also pays the daily allowance", accidentTerms(), 1,
			[]Event{{Benefit: Medical, Cost: 1100, Days: 5}, {Benefit: Day, Days: 12}},
			[]float64{0.9*1000 + 5*50, 12 * 50}}, // 1150, 600
		{"fire 10% of the loss", nonworkTerms(), 1,
			[]Event{{Benefit: Fire, Cost: 50000}},
			[]float64{5000}},
		{"fire cap is per event, not per share", nonworkTerms(), 2,
			[]Event{{Benefit: Fire, Cost: 250000}, {Benefit: Fire, Cost: 8000}},
			[]float64{10000, 800}},
		{"non-work disability and death", nonworkTerms(), 1,
			[]Event{cat(Disability, "3"), cat(Death, "")},
			[]float64{0.8 * 5000, 20000 - 4000}},
		{"unset terms: no deductible, ratio 1, no caps", &Terms{Kind: Hospital}, 1,
			[]Event{med(123456.78)},
			[]float64{123456.78}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			paid := make([]float64, len(c.events))
			if err := c.terms.Rules().PayYear(c.events, c.shares, paid); err != nil {
				t.Fatal(err)
			}
			for i := range c.want {
				if !scalar.EqualWithinAbsOrRel(paid[i], c.want[i], 1e-9, 1e-12) {
					t.Errorf("event %d: paid %v, want %v", i+1, paid[i], c.want[i])
				}
			}
		})
	}
}

func TestPayPeriodYearCarriesDays(t *testing.T) {
	// A 2-year hospital cash plan: 170 days paid in year 1, so a 20-day stay in
	// year 2 pays 10 of its 17 eligible days (hand computation).
	terms := cashTerms()
	terms.PeriodYears = 2
	r := terms.Rules()
	st := State{}
	paid := make([]float64, 2)
	if err := r.PayPeriodYear([]Event{day(100), day(76)}, 1, &st, paid); err != nil {
		t.Fatal(err)
	}
	if st.DaysUsed != 97+73 {
		t.Fatalf("days used %d, want 170", st.DaysUsed)
	}
	if err := r.PayPeriodYear([]Event{day(20)}, 1, &st, paid); err != nil {
		t.Fatal(err)
	}
	if paid[0] != 400 || st.DaysUsed != 180 {
		t.Errorf("year 2 paid %v with %d days used, want 400 and 180", paid[0], st.DaysUsed)
	}
}

func TestExplicitDisabilitySchedule(t *testing.T) {
	terms := accidentTerms()
	terms.Schedules = map[Benefit]map[string]decimal.Decimal{Disability: {
		"1": decimal.NewFromInt(1), "2": decimal.RequireFromString("0.75"),
	}}
	r := terms.Rules()
	paid := make([]float64, 1)
	if err := r.PayYear([]Event{cat(Disability, "2")}, 1, paid); err != nil {
		t.Fatal(err)
	}
	if paid[0] != 45000 {
		t.Errorf("grade 2 paid %v, want 0.75 × 60000 = 45000", paid[0])
	}
	if err := r.PayYear([]Event{cat(Disability, "3")}, 1, paid); err == nil {
		t.Error("grade 3 outside the plan's schedule: want an error")
	}
}

func TestRulesFromTerms(t *testing.T) {
	terms := &Terms{Kind: Hospital, Ratios: [3]decimal.NullDecimal{dec("0.7")}}
	r := terms.Rules()
	if r.Ratios != [3]float64{0.7, 0.7, 0.7} {
		t.Errorf("ratios %v: an unset ratio falls back to the one before", r.Ratios)
	}
	if !math.IsInf(r.ClaimCap, 1) || !math.IsInf(r.AnnualCap, 1) || r.MaxDays != math.MaxInt || r.FromDay != 1 || r.Deductible != 0 || r.PeriodYears != 1 {
		t.Errorf("unset terms: %+v", r)
	}
	if r.Diagnosis != nil || len(r.Disability) != 10 || r.Disability["10"] != 0.1 {
		t.Errorf("schedules: diagnosis %v disability %v", r.Diagnosis, r.Disability)
	}
	if !r.Allows(Medical) || r.Allows(Fire) {
		t.Error("a hospital plan pays medical only")
	}
}

func TestPayYearErrors(t *testing.T) {
	cases := []struct {
		name   string
		terms  *Terms
		shares int
		events []Event
		room   int
		msg    string
	}{
		{"benefit not of the kind", hospitalTerms(), 1, []Event{{Benefit: Fire, Cost: 10}}, 1, "does not pay"},
		{"NaN cost", hospitalTerms(), 1, []Event{med(math.NaN())}, 1, "medical cost"},
		{"negative cost", hospitalTerms(), 1, []Event{med(-1)}, 1, "medical cost"},
		{"infinite loss", nonworkTerms(), 1, []Event{{Benefit: Fire, Cost: math.Inf(1)}}, 1, "property loss"},
		{"day without days", cashTerms(), 1, []Event{day(-1)}, 1, "without hospital days"},
		{"unknown class", femaleTerms(), 1, []Event{cat(Diagnosis, "肺癌")}, 1, "not in the plan's diagnosis schedule"},
		{"unknown grade", accidentTerms(), 1, []Event{cat(Disability, "11")}, 1, "disability grade"},
		{"no shares", hospitalTerms(), 0, []Event{med(5000)}, 1, "shares"},
		{"short paid", hospitalTerms(), 1, []Event{med(5000), med(5000)}, 1, "room"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.terms.Rules().PayYear(c.events, c.shares, make([]float64, c.room))
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %v, want one containing %q", err, c.msg)
			}
		})
	}
}

func TestPayYearAllocatesNothing(t *testing.T) {
	r := accidentTerms().Rules()
	events := []Event{cat(Disability, "9"), {Benefit: Medical, Cost: 3000, Days: 4}, day(30), cat(Death, "")}
	paid := make([]float64, len(events))
	if n := testing.AllocsPerRun(100, func() { _ = r.PayYear(events, 1, paid) }); n != 0 {
		t.Errorf("PayYear allocates %v times per call, want 0", n)
	}
}

func BenchmarkPayYear(b *testing.B) {
	r := hospitalTerms().Rules()
	events := []Event{med(800), med(3000), med(15000), med(25000), med(4000)}
	paid := make([]float64, len(events))
	b.ReportAllocs()
	for b.Loop() {
		_ = r.PayYear(events, 1, paid)
	}
}

func childTerms() *Terms {
	return &Terms{Plan: "child", Kind: ChildAccident, Contribution: decimal.NewFromInt(20),
		LumpSum: dec("10000"), DisabilitySum: dec("10000"), Deductible: dec("100"),
		Ratios: [3]decimal.NullDecimal{dec("0.8")}, ClaimCap: dec("3000")}
}

// MaxPayable by hand from the terms; the first case is the validator's old
// disagreement with the rules (it capped at 810, leaving out the allowance).
func TestMaxPayable(t *testing.T) {
	cases := []struct {
		name   string
		terms  *Terms
		shares int
		e      Event
		want   float64
		ok     bool
	}{
		{"accident medical with days: layer plus allowance", accidentTerms(), 1,
			Event{Benefit: Medical, Cost: 1000, Days: 10}, 0.9*900 + 10*50, true}, // 1310
		{"medical at the best ratio", hospitalTerms(), 1, med(3000), 0.7 * 2000, true},
		{"medical claim cap × shares", hospitalTerms(), 2, med(100000), 20000, true},
		{"medical cost not given: the claim cap", hospitalTerms(), 1, med(math.NaN()), 10000, true},
		{"medical cost not given, no caps", &Terms{Kind: Hospital}, 1, med(math.NaN()), math.Inf(1), false},
		{"below the deductible", hospitalTerms(), 1, med(900), 0, true},
		{"day from day 4", cashTerms(), 2, day(10), 7 * 40 * 2, true},
		{"day days not given: max_days", cashTerms(), 1, day(-1), 180 * 40, true},
		{"diagnosis by class", femaleTerms(), 2, cat(Diagnosis, "乳腺原位癌"), 15000 * 2 * 0.3, true},
		{"diagnosis unknown class: the schedule's highest", femaleTerms(), 1, cat(Diagnosis, "肺癌"), 15000, true},
		{"annual cap bounds a diagnosis", criticalTerms(), 2, cat(Diagnosis, ""), 10000, true},
		{"disability grade", accidentTerms(), 1, cat(Disability, "3"), 0.8 * 60000, true},
		{"death", nonworkTerms(), 1, cat(Death, ""), 20000, true},
		{"fire ratio", nonworkTerms(), 2, Event{Benefit: Fire, Cost: 50000}, 5000, true},
		{"fire cap per event", nonworkTerms(), 2, Event{Benefit: Fire, Cost: math.NaN()}, 10000, true},
		{"a benefit the kind does not pay", hospitalTerms(), 1, day(3), 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := c.terms.Rules().MaxPayable(c.e, c.shares)
			if ok != c.ok || (ok && !scalar.EqualWithinAbsOrRel(got, c.want, 1e-9, 1e-12)) {
				t.Errorf("MaxPayable = %v, %v; want %v, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

// No event ever pays more than MaxPayable says, whatever came before it in
// the year: random years of every kind's events, paid by PayYear.
func TestMaxPayableBoundsPayYear(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, terms := range []*Terms{femaleTerms(), accidentTerms(), criticalTerms(), hospitalTerms(), childTerms(), cashTerms(), nonworkTerms(), weihaiTerms()} {
		r := terms.Rules()
		bens := terms.Kind.Benefits()
		if len(terms.OutpatientBands) == 0 {
			bens = slices.DeleteFunc(bens, func(b Benefit) bool { return b == Outpatient })
		}
		for range 2000 {
			n := 1 + rng.IntN(6)
			ev := make([]Event, n)
			for i := range ev {
				b := bens[rng.IntN(len(bens))]
				e := Event{Benefit: b, Cost: math.NaN(), Days: -1}
				switch b {
				case Medical, Fire, Outpatient:
					e.Cost = math.Round(math.Exp(5+3*rng.Float64())*100) / 100
					if rng.IntN(2) == 0 {
						e.Days = rng.IntN(30)
					}
				case Day:
					e.Days = rng.IntN(200)
				case Diagnosis:
					e.Category = []string{"乳腺癌", "乳腺原位癌"}[rng.IntN(2)]
					if r.Diagnosis == nil {
						e.Category = "x"
					}
				case Disability:
					e.Category = strconv.Itoa(1 + rng.IntN(10))
				}
				ev[i] = e
			}
			s := 1 + rng.IntN(max(terms.MaxShares, 1))
			paid := make([]float64, n)
			if err := r.PayYear(ev, s, paid); err != nil {
				t.Fatal(err)
			}
			for i, e := range ev {
				m, ok := r.MaxPayable(e, s)
				if ok && paid[i] > m+1e-9 {
					t.Fatalf("%s: %+v paid %v, MaxPayable %v", terms.Plan, e, paid[i], m)
				}
				if !ok && !math.IsInf(m, 1) {
					t.Fatalf("%s: %+v: not ok but %v", terms.Plan, e, m)
				}
			}
		}
	}
}
