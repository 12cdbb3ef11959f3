package workbook_test

import (
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
)

// The Enrolment sheet's start_year (起保年度): a generated book's 3-year
// plan writes one row per start year and reads back clean (the round trip
// test compares them); a start year outside the row's period is an error at
// its cell, with the years the period allows; an empty cell is the year.
func TestStartYear(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, LastYear: 2025, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	bad := -1
	for i, e := range b.Enrolment {
		if e.Plan == "critical_illness" && e.Year == 2025 && e.StartYear == 2024 {
			bad = i
			break
		}
	}
	if bad < 0 {
		t.Fatal("no 2025 row of the 2024 cohort")
	}
	b.Enrolment[bad].StartYear = 2022 // a 3-year period from 2022 ends in 2024
	got, probs := roundTrip(t, b)
	found := false
	for _, p := range probs {
		if p.Code == "start_year_outside_period" {
			found = true
			if p.Sheet != "参保" || !strings.HasPrefix(p.Cell, "参保!") || p.Found != "2022" || p.Expected != "2023 to 2025 (period_years 3)" {
				t.Errorf("problem %+v", p)
			}
		} else {
			t.Errorf("unexpected problem %s", p.Message("en"))
		}
	}
	if !found {
		t.Error("a start year outside the period is not reported")
	}
	starts := 0
	for _, e := range got.Enrolment {
		if e.StartYear != 0 {
			starts++
		}
		if e.Plan != "critical_illness" && e.StartYear != 0 {
			t.Errorf("%s: start year %d read on a 1-year plan's row", e.Plan, e.StartYear)
		}
	}
	if starts == 0 {
		t.Error("no start years read back")
	}
}
