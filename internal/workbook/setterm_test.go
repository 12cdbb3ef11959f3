package workbook

import (
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// SetTerm reads a value as the Plans sheet's cell: the reader's number,
// percent and range rules (a comma is a thousands separator only in groups
// of three: "50,5" is refused, as in a cell), and an empty value removes an
// optional term.
func TestSetTerm(t *testing.T) {
	base := plans.Terms{Contribution: decimal.NewFromInt(45), PeriodYears: 1, MaxShares: 1,
		AnnualCap: decimal.NewNullDecimal(decimal.NewFromInt(15000))}
	for _, tc := range []struct {
		key, raw string
		ok       bool
		get      func(*plans.Terms) string
		want     string
	}{
		{"annual_cap", "40000", true, func(t *plans.Terms) string { return t.AnnualCap.Decimal.String() }, "40000"},
		{"annual_cap", "40,000", true, func(t *plans.Terms) string { return t.AnnualCap.Decimal.String() }, "40000"},
		{"annual_cap", "none", true, func(t *plans.Terms) string { return map[bool]string{true: "set", false: "removed"}[t.AnnualCap.Valid] }, "removed"},
		{"ratio_1", "70%", true, func(t *plans.Terms) string { return t.Ratios[0].Decimal.String() }, "0.7"},
		{"contribution", "50.5", true, func(t *plans.Terms) string { return t.Contribution.String() }, "50.5"},
		{"period_years", "", true, func(t *plans.Terms) string { return decimal.NewFromInt(int64(t.PeriodYears)).String() }, "1"},
		{"contribution", "50,5", false, nil, ""},
		{"contribution", "", false, nil, ""},
		{"ratio_1", "1.5", false, nil, ""},
		{"annual_cap", "-1", false, nil, ""},
		{"max_shares", "2.5", false, nil, ""},
		{"kind", "hospital", false, nil, ""},
	} {
		tr := base
		err := SetTerm(&tr, tc.key, tc.raw)
		if (err == nil) != tc.ok {
			t.Errorf("%s = %q: err %v", tc.key, tc.raw, err)
			continue
		}
		if err != nil {
			if l, ok := err.(i18n.Localized); !ok || l.In(i18n.Zh) == l.In(i18n.En) {
				t.Errorf("%s = %q: error %v not told in both languages", tc.key, tc.raw, err)
			}
			continue
		}
		if got := tc.get(&tr); got != tc.want {
			t.Errorf("%s = %q: got %s, want %s", tc.key, tc.raw, got, tc.want)
		}
	}
}
