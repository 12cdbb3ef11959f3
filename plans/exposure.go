package plans

import (
	"math"

	"github.com/shopspring/decimal"
)

// DaysPerYear is the length of a cover year in the exposure formulas.
const DaysPerYear = 365

// Exposure returns the member-years of cover of a plan in one year: every
// member counts one year, except that a new member spends the waiting period
// uncovered. New members are assumed to join at the start of the year (the
// usual case: enrolment is renewed through the employer or union once a year),
// so
//
//	exposure = members − newMembers · min(waitingDays, 365)/365.
//
// Joining spread evenly over the year would halve the remaining cover instead;
// that is the reader's concern when its data say so. Inputs that make no sense
// (negative counts or waiting days, more new members than members) give NaN.
func Exposure(members, newMembers int64, waitingDays int) float64 {
	if members < 0 || newMembers < 0 || newMembers > members || waitingDays < 0 {
		return math.NaN()
	}
	w := float64(min(waitingDays, DaysPerYear)) / DaysPerYear
	return float64(members) - float64(newMembers)*w
}

// Period returns the period in years, 1 when unset.
func (t *Terms) Period() int { return max(t.PeriodYears, 1) }

// YearlyContribution is the per-year equivalent of the contribution per
// share: contribution / period_years. A 3-year plan at 30 yuan a share costs
// 10 yuan a share-year; pricing is done per year and turned back into a
// period contribution with PeriodContribution.
func (t *Terms) YearlyContribution() decimal.Decimal {
	p := t.Period()
	if p == 1 {
		return t.Contribution
	}
	return t.Contribution.Div(decimal.NewFromInt(int64(p)))
}

// PeriodContribution turns a price per share-year into the contribution per
// share for the plan's whole period: yearly · period_years.
func (t *Terms) PeriodContribution(yearly decimal.Decimal) decimal.Decimal {
	return yearly.Mul(decimal.NewFromInt(int64(t.Period())))
}
