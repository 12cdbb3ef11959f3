package example

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// The weihai preset: three June–May plan years of the hospital plan whose
// collections match the published 12.81M at 36 yuan (within 2%), every
// event in its plan year, no claim reported after the deadline, and a clean
// check; the payments over ten seeds average the published 14.0M within 6%
// (the seeds' spread is about 1M, so the mean's error is about 2.4%).
func TestWeihaiPreset(t *testing.T) {
	b, tr, err := Generate(Config{Preset: "weihai"})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Plans) != 1 || b.Plans[0].PeriodStartMonth != 6 || b.Plans[0].ClaimDeadlineMonths != 3 || !b.Plans[0].Contribution.Equal(d("50")) {
		t.Fatalf("plans %+v", b.Plans)
	}
	if tr.Preset != "weihai" || tr.Provisional != "" || !strings.Contains(tr.Assumed, "outpatient") || tr.Published == nil || tr.Plans[0].PeriodStartMonth != 6 {
		t.Errorf("truth: preset %q, provisional %q, assumed %q, published %v", tr.Preset, tr.Provisional, tr.Assumed, tr.Published)
	}
	// The real terms: bands {0: 0, 10,000: 80%, 40,000: 90%}, annual cap
	// 50,000, no admission ratios; outpatient bands of their own.
	if bs := b.Plans[0].Bands; len(bs) != 3 || bs[1] != (plans.Band{From: 10000, Ratio: 0.8}) || bs[2] != (plans.Band{From: 40000, Ratio: 0.9}) ||
		b.Plans[0].Ratios[0].Valid || b.Plans[0].Deductible.Valid || b.Plans[0].AnnualCap.Decimal.String() != "50000" || len(b.Plans[0].OutpatientBands) != 2 {
		t.Errorf("terms %+v", b.Plans[0].Terms)
	}
	// Two assumed age classes, each at the one price now (50) and in the
	// data years (36 a member).
	if len(b.Rates) != 2 || !b.Rates[0].Contribution.Equal(d("50")) || !b.Rates[1].Contribution.Equal(d("50")) ||
		len(tr.Plans[0].Classes) != 2 || !strings.Contains(tr.Assumed, "age classes") {
		t.Errorf("rates %+v, truth classes %+v", b.Rates, tr.Plans[0].Classes)
	}
	var collected, paid float64
	var enrolled int64
	for _, e := range b.Enrolment {
		if e.Class == "" || !e.Contributions.Decimal.Equal(d("36").Mul(decimal.NewFromInt(e.Shares))) {
			t.Fatalf("enrolment %+v: want a class and 36 a share", e)
		}
		collected += e.Contributions.Decimal.InexactFloat64()
		enrolled += e.Members
	}
	terms := &b.Plans[0].Terms
	for _, c := range b.Claims {
		paid += c.Paid
		if terms.PlanYear(c.EventDate) != c.Year {
			t.Fatalf("claim %s: event %v outside plan year %d", c.ClaimID, c.EventDate, c.Year)
		}
		if terms.Late(c.Year, c.ReportDate) {
			t.Fatalf("claim %s reported %v, after the deadline", c.ClaimID, c.ReportDate)
		}
	}
	t.Logf("enrolled %d, collected %.0f, paid %.0f (%d claims), loss ratio %.1f%%", enrolled, collected, paid, len(b.Claims), 100*paid/collected)
	if math.Abs(collected/12.81e6-1) > 0.02 {
		t.Errorf("collected %.0f, want 12.81M ± 2%%", collected)
	}
	mean := 0.0
	for seed := uint64(1); seed <= 10; seed++ {
		b, _, err := Generate(Config{Preset: "weihai", Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range b.Claims {
			mean += c.Paid / 10
		}
	}
	t.Logf("paid over three years, mean of 10 seeds: %.0f", mean)
	if math.Abs(mean/14.0e6-1) > 0.06 {
		t.Errorf("paid %.0f on average, want 14.0M ± 6%%", mean)
	}
	for _, p := range workbook.Check(b) {
		if p.Level != workbook.Notice {
			t.Errorf("problem: %s", p.Message("en"))
		}
	}
}

// An unknown preset is an error naming the known ones.
func TestUnknownPreset(t *testing.T) {
	if _, _, err := Generate(Config{Preset: "atlantis"}); err == nil || !strings.Contains(err.Error(), "weihai") {
		t.Errorf("unknown preset: %v", err)
	}
}

// examples/weihai.xlsx and weihai-truth.json are what the preset generates
// now (seed 1): same claims and payments, same truth. When the generator
// changes, rewrite them with
// huzhu example --preset weihai -o examples/weihai.xlsx --truth examples/weihai-truth.json --force.
func TestWeihaiExampleCurrent(t *testing.T) {
	b, tr, err := Generate(Config{Preset: "weihai"})
	if err != nil {
		t.Fatal(err)
	}
	j, err := json.MarshalIndent(tr, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile("../../examples/weihai-truth.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != string(j)+"\n" {
		t.Error("examples/weihai-truth.json is not the preset's truth: rewrite it")
	}
	got, _, err := workbook.Read("../../examples/weihai.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Claims) != len(b.Claims) || len(got.Plans) != 1 || got.Plans[0].PeriodStartMonth != 6 {
		t.Fatalf("examples/weihai.xlsx: %d claims, want %d: rewrite it", len(got.Claims), len(b.Claims))
	}
	for i := range b.Claims {
		if g, w := got.Claims[i], b.Claims[i]; g.ClaimID != w.ClaimID || g.Paid != w.Paid || !g.ReportDate.Equal(w.ReportDate) {
			t.Fatalf("examples/weihai.xlsx claim %d: %s paid %.2f, want %s paid %.2f: rewrite it", i, g.ClaimID, g.Paid, w.ClaimID, w.Paid)
		}
	}
}
