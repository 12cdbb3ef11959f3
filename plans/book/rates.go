package book

import (
	"sort"

	"github.com/shopspring/decimal"
)

// RateRow is a row of the Rates sheet (互助费档次): the current contribution
// per share per period of one rate class of a plan. A plan without Rates rows
// has one price, its Plans contribution.
type RateRow struct {
	Row          int
	Plan         string
	Class        string
	Contribution decimal.Decimal
}

// ClassRates returns the current contribution of each rate class of plan
// (nil when the plan has no Rates rows). A duplicated class keeps its first
// row (the workbook's checker reports the second).
func (b *Book) ClassRates(plan string) map[string]decimal.Decimal {
	var m map[string]decimal.Decimal
	for _, r := range b.Rates {
		if r.Plan != plan {
			continue
		}
		if m == nil {
			m = map[string]decimal.Decimal{}
		}
		if _, ok := m[r.Class]; !ok {
			m[r.Class] = r.Contribution
		}
	}
	return m
}

// Classes returns the rate classes of plan's Enrolment rows, sorted ("" is
// not a class).
func (b *Book) Classes(plan string) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range b.Enrolment {
		if e.Plan == plan && e.Class != "" && !seen[e.Class] {
			seen[e.Class] = true
			out = append(out, e.Class)
		}
	}
	sort.Strings(out)
	return out
}
