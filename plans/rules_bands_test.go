package plans

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// weihaiTerms are Weihai's hospital terms (shared/DOMAIN.md): nothing below
// 10,000 yuan of the year's self-paid inpatient cost, 80% from 10,000 to
// 40,000, 90% above; annual cap 50,000 for inpatient and outpatient
// together; outpatient bands 0% to 2,000 then 60% (an assumption of the
// example, docs/example.md §7).
func weihaiTerms() *Terms {
	return &Terms{Plan: "weihai", Kind: Hospital, Contribution: decimal.NewFromInt(60), PeriodYears: 1,
		AnnualCap:       dec("50000"),
		Bands:           Bands{{0, 0}, {10000, 0.8}, {40000, 0.9}},
		OutpatientBands: Bands{{0, 0}, {2000, 0.6}},
	}
}

// TestPayYearBandsWeihai checks hand-computed years: each payment worked out
// from the bands on paper (exact to 1e-9).
func TestPayYearBandsWeihai(t *testing.T) {
	r := weihaiTerms().Rules()
	med := func(x float64) Event { return Event{Benefit: Medical, Cost: x, Days: -1} }
	out := func(x float64) Event { return Event{Benefit: Outpatient, Cost: x, Days: -1} }
	for _, c := range []struct {
		name   string
		events []Event
		want   []float64
	}{
		// 8,000 is below the band: 0. The next 8,000 takes the year to 16,000:
		// 80% of 6,000 = 4,800.
		{"two below then across", []Event{med(8000), med(8000)}, []float64{0, 4800}},
		// 30,000: 80% of 20,000 = 16,000; then 20,000 from 30,000 to 50,000:
		// 80% of 10,000 + 90% of 10,000 = 17,000.
		{"across 40,000", []Event{med(30000), med(20000)}, []float64{16000, 17000}},
		// 100,000 alone: 0.8·30,000 + 0.9·60,000 = 78,000, capped at 50,000.
		{"annual cap", []Event{med(100000)}, []float64{50000}},
		// 45,000: 24,000 + 4,500 = 28,500; outpatient 12,000: 60% of 10,000 =
		// 6,000; then 30,000 inpatient from 45,000: 27,000 but 15,500 left.
		{"outpatient shares the cap", []Event{med(45000), out(12000), med(30000)}, []float64{28500, 6000, 15500}},
		// Outpatient cost does not count toward the inpatient bands.
		{"separate cumulations", []Event{out(15000), med(15000)}, []float64{7800, 4000}},
		{"zero cost", []Event{med(0)}, []float64{0}},
	} {
		paid := make([]float64, len(c.events))
		if err := r.PayYear(c.events, 1, paid); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := range paid {
			if math.Abs(paid[i]-c.want[i]) > 1e-9 {
				t.Errorf("%s: event %d paid %v, want %v (by hand)", c.name, i+1, paid[i], c.want[i])
			}
		}
	}
}

// A claim cap bounds each banded admission; shares multiply the caps.
func TestPayYearBandsClaimCap(t *testing.T) {
	tm := weihaiTerms()
	tm.ClaimCap = dec("10000")
	r := tm.Rules()
	paid := make([]float64, 2)
	// 30,000 pays 16,000 → 10,000 per share; with 2 shares 16,000. Then 20,000
	// pays 17,000 → 10,000 (1 share) or 17,000 (2 shares; annual cap 100,000).
	if err := r.PayYear([]Event{{Benefit: Medical, Cost: 30000}, {Benefit: Medical, Cost: 20000}}, 1, paid); err != nil {
		t.Fatal(err)
	}
	if paid[0] != 10000 || paid[1] != 10000 {
		t.Errorf("1 share: paid %v, want [10000 10000]", paid)
	}
	if err := r.PayYear([]Event{{Benefit: Medical, Cost: 30000}, {Benefit: Medical, Cost: 20000}}, 2, paid); err != nil {
		t.Fatal(err)
	}
	if paid[0] != 16000 || paid[1] != 17000 {
		t.Errorf("2 shares: paid %v, want [16000 17000]", paid)
	}
}

// A banded plan ignores admission numbers, and an outpatient claim on a plan
// without outpatient bands is an error.
func TestPayYearOutpatientWithoutBands(t *testing.T) {
	tm := weihaiTerms()
	tm.OutpatientBands = nil
	paid := make([]float64, 1)
	if err := tm.Rules().PayYear([]Event{{Benefit: Outpatient, Cost: 5000}}, 1, paid); err == nil {
		t.Error("an outpatient claim without outpatient bands was paid")
	}
	if err := cashTerms().Rules().PayYear([]Event{{Benefit: Outpatient, Cost: 5000}}, 1, paid); err == nil {
		t.Error("a hospital cash plan paid an outpatient claim")
	}
}

// MaxPayable of a banded claim is the highest band ratio × its cost, within
// the caps; it bounds what PayYear pays on the claim whatever came before.
func TestMaxPayableBands(t *testing.T) {
	r := weihaiTerms().Rules()
	for _, c := range []struct {
		e    Event
		want float64
	}{
		{Event{Benefit: Medical, Cost: 20000}, 18000},
		{Event{Benefit: Medical, Cost: 80000}, 50000},
		{Event{Benefit: Outpatient, Cost: 5000}, 3000},
		{Event{Benefit: Medical, Cost: math.NaN()}, 50000},
	} {
		got, ok := r.MaxPayable(c.e, 1)
		if !ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("MaxPayable(%v %v) = %v, %v; want %v", c.e.Benefit, c.e.Cost, got, ok, c.want)
		}
	}
	paid := make([]float64, 2)
	for _, prior := range []float64{0, 5000, 12000, 39000, 45000} {
		if err := r.PayYear([]Event{{Benefit: Medical, Cost: prior}, {Benefit: Medical, Cost: 20000}}, 1, paid); err != nil {
			t.Fatal(err)
		}
		if paid[1] > 18000+1e-9 {
			t.Errorf("after %v: paid %v above MaxPayable 18000", prior, paid[1])
		}
	}
}

// A deductible beside bands (refused by the reader and the exact method) is
// not used by the rules: every admission counts toward the year's cost.
func TestBandsIgnoreDeductible(t *testing.T) {
	tm := weihaiTerms()
	tm.Deductible = dec("9000")
	r := tm.Rules()
	paid := make([]float64, 2)
	if err := r.PayYear([]Event{{Benefit: Medical, Cost: 8000}, {Benefit: Medical, Cost: 8000}}, 1, paid); err != nil {
		t.Fatal(err)
	}
	if paid[0] != 0 || paid[1] != 4800 || !r.Claimed(100) || r.ClaimThreshold() != 0 {
		t.Errorf("paid %v, Claimed(100) %v, threshold %v; want [0 4800], true, 0", paid, r.Claimed(100), r.ClaimThreshold())
	}
	if m, _ := r.MaxPayable(Event{Benefit: Medical, Cost: 20000}, 1); m != 18000 {
		t.Errorf("MaxPayable %v, want 18000", m)
	}
}
