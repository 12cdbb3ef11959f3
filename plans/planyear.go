package plans

import "time"

// StartMonth is the first calendar month of the plan year: PeriodStartMonth,
// or 1 (January) when it is not set.
func (t *Terms) StartMonth() int {
	if t.PeriodStartMonth < 1 || t.PeriodStartMonth > 12 {
		return 1
	}
	return t.PeriodStartMonth
}

// PlanYear is the plan year that holds date d: the calendar year in which
// that plan year starts (a June–May plan year holds 2025-03-10 in 2024).
func (t *Terms) PlanYear(d time.Time) int { return PlanYearOf(d, t.StartMonth()) }

// PlanYearOf is the plan year holding d when plan years start in month start
// (1–12; below 2 means January).
func PlanYearOf(d time.Time, start int) int {
	y := d.Year()
	if start > 1 && int(d.Month()) < start {
		y--
	}
	return y
}

// YearStart is the first day of plan year y (UTC).
func (t *Terms) YearStart(y int) time.Time {
	return time.Date(y, time.Month(t.StartMonth()), 1, 0, 0, 0, 0, time.UTC)
}

// Deadline is the first day on which a claim of plan year y is no longer
// accepted: the end of the cover that starts in plan year y (period_years
// after its start) plus ClaimDeadlineMonths (a June–May plan with a
// 3-month deadline accepts the claims of plan year 2024 until 2025-08-31,
// and Deadline(2024) is 2025-09-01); ok is false without a deadline. For a 2- or 3-year
// plan whose claims are dated by the year of the event this is the latest
// the deadline can be (the cover began in y at the latest), so that no claim
// is taken as late that might not be.
func (t *Terms) Deadline(y int) (time.Time, bool) {
	if t.ClaimDeadlineMonths <= 0 {
		return time.Time{}, false
	}
	return t.YearStart(y).AddDate(0, 12*t.Period()+t.ClaimDeadlineMonths, 0), true
}

// Late reports whether a claim of plan year y reported on date r came after
// the deadline (false without a deadline or a report date).
func (t *Terms) Late(y int, r time.Time) bool {
	dl, ok := t.Deadline(y)
	return ok && !r.IsZero() && !r.Before(dl)
}
