package plans

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/floats/scalar"
)

func TestExposure(t *testing.T) {
	// Hand computations: members − new · min(w, 365)/365.
	cases := []struct {
		members, newMembers int64
		waiting             int
		want                float64
	}{
		{1000, 365, 30, 1000 - 30},
		{1000, 0, 90, 1000},
		{1000, 200, 0, 1000},
		{1000, 100, 400, 900}, // a waiting period longer than the year: new members not covered at all
		{0, 0, 30, 0},
		{300000, 36000, 90, 300000 - 36000*90.0/365},
	}
	for _, c := range cases {
		got := Exposure(c.members, c.newMembers, c.waiting)
		if !scalar.EqualWithinAbsOrRel(got, c.want, 1e-9, 1e-14) {
			t.Errorf("Exposure(%d, %d, %d) = %v, want %v", c.members, c.newMembers, c.waiting, got, c.want)
		}
	}
	for _, bad := range [][3]int64{{-1, 0, 0}, {10, -1, 0}, {10, 11, 0}, {10, 1, -1}} {
		if got := Exposure(bad[0], bad[1], int(bad[2])); !math.IsNaN(got) {
			t.Errorf("Exposure%v = %v, want NaN", bad, got)
		}
	}
}

func TestPeriodPricing(t *testing.T) {
	cases := []struct {
		contribution string
		period       int
		yearly       string
	}{
		{"30", 3, "10"},
		{"25", 1, "25"},
		{"50", 2, "25"},
		{"60", 0, "60"}, // unset period = 1 year
	}
	for _, c := range cases {
		terms := &Terms{Contribution: decimal.RequireFromString(c.contribution), PeriodYears: c.period}
		y := terms.YearlyContribution()
		if !y.Equal(decimal.RequireFromString(c.yearly)) {
			t.Errorf("%s over %d years: yearly %s, want %s", c.contribution, c.period, y, c.yearly)
		}
		if back := terms.PeriodContribution(y); !back.Equal(terms.Contribution) {
			t.Errorf("%s over %d years: back to %s", c.contribution, c.period, back)
		}
	}
	// 10 over 3 years is 3.333… a year (16 decimal places of shopspring's division).
	terms := &Terms{Contribution: decimal.NewFromInt(10), PeriodYears: 3}
	if got := terms.YearlyContribution().InexactFloat64(); !scalar.EqualWithinAbsOrRel(got, 10.0/3, 0, 1e-15) {
		t.Errorf("10/3 = %v", got)
	}
}
