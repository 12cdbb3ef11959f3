package model

import (
	"testing"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
)

// A 3-year plan at 30 yuan a share with four Enrolment rows in 2025: the
// cohort that began in 2023 (100 shares, 1,000 yuan earned a year: 30 ÷ 3),
// 2024 at an older price of 24 (200 shares, 1,600 earned: 24 ÷ 3 × 200, given
// in the contributions column) in two groups, and 2025 (300 shares, default
// contributions 30 ÷ 3 × 300 = 3,000). Priced year 2026: the 2023 cohort's
// period ends in 2025 and carries nothing; 2024 runs through 2026 (earns
// 1,600, nothing left at the end of 2026); 2025 runs through 2027 (earns
// 3,000, and 3,000 for 2027 is unearned at the end of 2026). By hand: 500
// shares, 4,600.00 earned, 3,000.00 unearned. In 2027 only the 2025 cohort
// runs: 300 shares, 3,000 earned, 0 unearned.
func TestCohortsCarry(t *testing.T) {
	b := &book.Book{
		Plans: []book.PlanRow{{Terms: plans.Terms{Plan: "ci", Kind: plans.CriticalIllness, Contribution: decimal.NewFromInt(30), PeriodYears: 3, MaxShares: 2}}},
		Enrolment: []book.EnrolmentRow{
			{Year: 2024, Plan: "ci", Members: 150, Shares: 150, StartYear: 2024},
			{Year: 2025, Plan: "ci", Group: "A", Members: 100, Shares: 100, StartYear: 2023},
			{Year: 2025, Plan: "ci", Group: "A", Members: 120, Shares: 150, StartYear: 2024, Contributions: decimal.NewNullDecimal(decimal.NewFromInt(1200))},
			{Year: 2025, Plan: "ci", Group: "B", Members: 50, Shares: 50, StartYear: 2024, Contributions: decimal.NewNullDecimal(decimal.NewFromInt(400))},
			{Year: 2025, Plan: "ci", Group: "A", Members: 300, Shares: 300}, // empty start year: 2025
		},
	}
	d := Extract(b)[0]
	want := []Cohort{{2023, 100, decimal.NewFromInt(1000)}, {2024, 200, decimal.NewFromInt(1600)}, {2025, 300, decimal.NewFromInt(3000)}}
	if len(d.Cohorts) != len(want) {
		t.Fatalf("cohorts %+v", d.Cohorts)
	}
	for i, c := range d.Cohorts {
		if c.Start != want[i].Start || c.Shares != want[i].Shares || !c.Earned.Equal(want[i].Earned) {
			t.Errorf("cohort %d: %+v, want %+v", i, c, want[i])
		}
	}
	if got := d.Last().Contributions; !got.Equal(decimal.NewFromInt(5600)) {
		t.Errorf("2025 contributions %s, want 5600", got)
	}
	for _, c := range []struct {
		year             int
		shares           float64
		earned, unearned string
	}{{2026, 500, "4600", "3000"}, {2027, 300, "3000", "0"}, {2028, 0, "0", "0"}} {
		got := Carry(d.Cohorts, 3, c.year)
		if got.Shares != c.shares || !got.Earned.Equal(decimal.RequireFromString(c.earned)) || !got.Unearned.Equal(decimal.RequireFromString(c.unearned)) {
			t.Errorf("%d: carry %+v, want %v shares, %s earned, %s unearned", c.year, got, c.shares, c.earned, c.unearned)
		}
	}
	// Without start years every share pays the priced year's price.
	for i := range b.Enrolment {
		b.Enrolment[i].StartYear = 0
	}
	if d := Extract(b)[0]; d.Cohorts != nil {
		t.Errorf("no start years, cohorts %+v", d.Cohorts)
	}
	if got := Carry(nil, 3, 2026); got.Shares != 0 || !got.Earned.IsZero() || !got.Unearned.IsZero() {
		t.Errorf("no cohorts: %+v", got)
	}
}
