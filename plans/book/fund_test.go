package book

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/shopspring/decimal"
)

// The defaults are the documented ones (WORKBOOK.md), set through the table.
func TestDefaultFund(t *testing.T) {
	f := DefaultFund()
	want := Fund{TargetDeficitProbability: 0.05, SolvencyProbability: 0.01, MedicalTrend: 0.05, TrendSD: 0.03, SetAsideRatio: 0.3,
		MaxChange: 0.2, Rounding: decimal.NewFromInt(1), HorizonYears: 5}
	if f.Year != 0 || !f.OpeningReserve.IsZero() || !f.ReserveFloor.IsZero() || !f.PlannedReserveDraw.IsZero() ||
		f.PlanDeficitProbability != 0 || f.MaxTermChange != 0 || f.ExpenseRatio != 0 || f.EnrolmentGrowth != 0 ||
		f.TargetDeficitProbability != want.TargetDeficitProbability || f.SolvencyProbability != want.SolvencyProbability ||
		f.MedicalTrend != want.MedicalTrend || f.TrendSD != want.TrendSD || f.SetAsideRatio != want.SetAsideRatio ||
		f.MaxChange != want.MaxChange || !f.Rounding.Equal(want.Rounding) || f.HorizonYears != want.HorizonYears {
		t.Fatalf("DefaultFund %+v", f)
	}
	if len(f.Given) != 0 {
		t.Fatalf("defaults marked given: %v", f.Given)
	}
}

// Every key round-trips: what Set stores, Get returns; and every key has a
// Chinese name, both docs and a setter.
func TestFundKeysRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	sample := map[FundKind]string{FundInt: "2027", FundMoney: "1,234.567", FundRatio: "7.5%", FundRate: "-0.02", FundDate: "2026年1月20日"}
	for _, k := range FundKeys {
		if seen[k.Key] || k.Zh == "" || k.Doc == "" || k.DocEn == "" || k.Set == nil || k.Get == nil {
			t.Errorf("%s: duplicate or incomplete", k.Key)
		}
		// The English texts are wholly English: flag help, completion, the
		// English template and report show them as they are.
		for _, s := range []string{k.DocEn, k.DefaultEn} {
			if strings.IndexFunc(s, func(r rune) bool {
				return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
			}) >= 0 {
				t.Errorf("%s: Chinese in its English text %q", k.Key, s)
			}
		}
		seen[k.Key] = true
		raw := sample[k.Kind]
		if k.Key == "horizon_years" {
			raw = "12"
		}
		f := DefaultFund()
		if err := SetFundText(&f, k.Key, raw); err != nil {
			t.Errorf("%s %q: %v", k.Key, raw, err)
			continue
		}
		if !f.Given[k.Key] {
			t.Errorf("%s: not marked given", k.Key)
		}
		want := map[FundKind]any{FundInt: 2027, FundMoney: decimal.RequireFromString("1234.57"), FundRatio: 0.075, FundRate: -0.02, FundDate: time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)}[k.Kind]
		if k.Key == "horizon_years" {
			want = 12
		}
		got := k.Get(&f)
		if d, ok := got.(decimal.Decimal); ok {
			if !d.Equal(want.(decimal.Decimal)) {
				t.Errorf("%s: got %s, want %s", k.Key, d, want)
			}
		} else if tm, ok := got.(time.Time); ok {
			if !tm.Equal(want.(time.Time)) {
				t.Errorf("%s: got %v, want %v", k.Key, tm, want)
			}
		} else if got != want {
			t.Errorf("%s: got %v (%T), want %v", k.Key, got, got, want)
		}
	}
	for _, key := range []string{"target_deficit_probability", "plan_deficit_probability", "planned_reserve_draw", "solvency_probability", "max_term_change"} {
		if !seen[key] {
			t.Errorf("no key %s", key)
		}
	}
}

// Values outside a key's kind or bounds are refused with what is expected.
func TestParseFundTextRejects(t *testing.T) {
	for _, c := range []struct{ key, raw string }{
		{"target_deficit_probability", "120%"}, {"target_deficit_probability", "-0.1"}, {"horizon_years", "2.5"},
		{"horizon_years", "31"}, {"opening_reserve", "-5"}, {"enrolment_growth", "-1"}, {"rounding", "lots"}, {"year", "1900"},
	} {
		f := DefaultFund()
		if err := SetFundText(&f, c.key, c.raw); err == nil {
			t.Errorf("%s %q accepted", c.key, c.raw)
		}
	}
	f := DefaultFund()
	if err := SetFundText(&f, "no_such_key", "1"); err == nil {
		t.Error("an unknown key accepted")
	}
}
