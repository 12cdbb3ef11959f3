package workbook_test

import (
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// A June–May book with a 3-month claim deadline (the weihai preset) reads
// back with its plan year and deadline and validates clean; a claim whose
// event falls in the next plan year is a warning at its event_date cell
// with the plan year's bounds, and one reported after the deadline a
// warning at its report_date cell with the last accepted day.
func TestPlanYearChecks(t *testing.T) {
	b, _, err := example.Generate(example.Config{Preset: "weihai", Members: 20000, Years: 2, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var inYear, late int = -1, -1
	for i, c := range b.Claims {
		if c.Year == 2024 && inYear < 0 {
			inYear = i
		} else if c.Year == 2024 && late < 0 {
			late = i
		}
	}
	if inYear < 0 || late < 0 {
		t.Fatal("too few claims of plan year 2024")
	}
	clean, probs := roundTrip(t, b)
	if p := clean.Plans[0]; p.PeriodStartMonth != 6 || p.ClaimDeadlineMonths != 3 {
		t.Fatalf("read back: start month %d, deadline %d", p.PeriodStartMonth, p.ClaimDeadlineMonths)
	}
	for _, p := range probs {
		if p.Level != workbook.Notice {
			t.Errorf("problem on a clean book: %s", p.Message(i18n.En))
		}
	}
	// Plan year 2024 runs from 2024-06-01 to 2025-05-31; its deadline is
	// 2025-08-31.
	b.Claims[inYear].EventDate = time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	b.Claims[inYear].ReportDate = time.Date(2025, 6, 20, 0, 0, 0, 0, time.UTC)
	b.Claims[late].ReportDate = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	_, probs = roundTrip(t, b)
	want := map[string][4]string{
		"event_outside_year":      {"2025-06-02", "a date from 2024-06-01 to 2025-05-31 (plan year 2024)", "event on 2025-06-02 is outside plan year 2024 (2024-06-01 to 2025-05-31); it is of plan year 2025", "给付明细!G2"},
		"reported_after_deadline": {"2025-09-01", "a report date on or before 2025-08-31", "reported on 2025-09-01, after plan year 2024's claim deadline 2025-08-31 (3 months after the period ends): a late claim is not payable", "给付明细!H3"},
	}
	seen := map[string]bool{}
	for _, p := range probs {
		w, ok := want[p.Code]
		if !ok {
			if p.Level != workbook.Notice {
				t.Errorf("unexpected problem: %s", p.Message(i18n.En))
			}
			continue
		}
		seen[p.Code] = true
		if p.Level != workbook.Warning || p.Cell != w[3] || p.Found != w[0] || p.Expected != w[1] || p.Text.In(i18n.En) != w[2] || p.Sheet != "给付明细" {
			t.Errorf("%s at %s: level %v, found %q, expected %q, text %q", p.Code, p.Cell, p.Level, p.Found, p.Expected, p.Text.In(i18n.En))
		}
		t.Logf("%s", p.Message(i18n.Zh))
	}
	for c := range want {
		if !seen[c] {
			t.Errorf("%s not reported", c)
		}
	}
}
