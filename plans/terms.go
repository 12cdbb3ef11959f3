package plans

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// Terms are the terms of one plan (a row of the Plans sheet with its schedules).
// Money is in yuan; amounts marked "per share" are multiplied by the member's shares.
// An unset optional amount (Valid false) means the rule does not apply or has no cap.
type Terms struct {
	Plan         string // unique key, e.g. "hospital"
	Name         string
	Kind         Kind
	Contribution decimal.Decimal // yuan per share per period
	PeriodYears  int             // 1, 2 or 3
	MaxShares    int             // default 1
	WaitingDays  int             // new members only

	Deductible decimal.NullDecimal    // yuan, medical benefits
	Ratios     [3]decimal.NullDecimal // first, second, third-and-later admission of the year
	ClaimCap   decimal.NullDecimal    // yuan per share per claim
	AnnualCap  decimal.NullDecimal    // yuan per share per member per year, all benefits of the plan

	DailyAmount decimal.NullDecimal // yuan per share per day
	FromDay     int                 // first paid day (4 = from the 4th day); 0 = not set (from day 1)
	MaxDays     int                 // per period; 0 = not set (no limit)

	LumpSum       decimal.NullDecimal // yuan per share: diagnosis or death
	DisabilitySum decimal.NullDecimal // yuan per share, × the grade's percentage

	FireRatio decimal.NullDecimal // share of a property loss paid
	FireCap   decimal.NullDecimal // yuan per event

	// Schedules maps a benefit (Disability or Diagnosis) to category → percentage
	// (0.9 = 90%). A missing disability schedule means DefaultDisabilitySchedule.
	Schedules map[Benefit]map[string]decimal.Decimal

	// ReportingLagMonths, when > 0, overrides the reporting delays estimated
	// from the claims: every claim is taken as reported within so many months.
	ReportingLagMonths int

	// PeriodStartMonth is the first calendar month of the plan year (1–12;
	// 0 means 1, the calendar year); ClaimDeadlineMonths how many months
	// after the period ends claims are still accepted (0 = no deadline).
	// planyear.go.
	PeriodStartMonth    int
	ClaimDeadlineMonths int

	// Bands, when set, pays the plan's inpatient medical benefit by bands of
	// the member's cumulative cost in the plan year instead of by admission
	// number (Ratios are then unset); OutpatientBands pays the outpatient
	// benefit of a hospital plan the same way on the cumulative outpatient
	// cost. ClaimCap and AnnualCap still apply; inpatient and outpatient
	// share AnnualCap. bands.go.
	Bands           Bands
	OutpatientBands Bands
}

// DefaultDisabilitySchedule is WORKBOOK.md's default: grade 1 = 100%, 2 = 90%, … 10 = 10%.
func DefaultDisabilitySchedule() map[string]decimal.Decimal {
	m := make(map[string]decimal.Decimal, 10)
	for g := 1; g <= 10; g++ {
		m[strconv.Itoa(g)] = decimal.New(int64(11-g), -1)
	}
	return m
}

// Schedule returns the percentage table of benefit b: the one given, or for
// disability the default schedule; nil when there is none.
func (t *Terms) Schedule(b Benefit) map[string]decimal.Decimal {
	if s, ok := t.Schedules[b]; ok && len(s) > 0 {
		return s
	}
	if b == Disability {
		return DefaultDisabilitySchedule()
	}
	return nil
}

// Ratio is the payment ratio of the n-th admission of the year (n ≥ 1): ratio_1,
// ratio_2, then ratio_3 for the third and later. An unset ratio falls back to
// the one before it, and an unset ratio_1 means 1 (100%).
func (t *Terms) Ratio(n int) decimal.Decimal {
	if n < 1 {
		n = 1
	}
	if n > 3 {
		n = 3
	}
	for i := n - 1; i >= 0; i-- {
		if t.Ratios[i].Valid {
			return t.Ratios[i].Decimal
		}
	}
	return decimal.NewFromInt(1)
}
