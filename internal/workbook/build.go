package workbook

import (
	"math"
	"slices"
	"strconv"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// build turns parsed rows into the book's rows.
func (r *reader) build(s Sheet, name string, data []row) {
	idx := s.mustIndex
	text := func(rw row, key string) string { return rw.get(idx(key)).Text }
	num := func(rw row, key string) float64 { return rw.get(idx(key)).Num }
	set := func(rw row, key string) bool { return rw.get(idx(key)).Set }
	null := func(rw row, key string) decimal.NullDecimal {
		v := rw.get(idx(key))
		if !v.Set {
			return decimal.NullDecimal{}
		}
		if s.Columns[idx(key)].Type == Money {
			return decimal.NewNullDecimal(v.Dec)
		}
		return decimal.NewNullDecimal(decimal.NewFromFloat(v.Num))
	}
	intOr := func(rw row, key string, def int) int {
		if !set(rw, key) {
			return def
		}
		return int(num(rw, key))
	}
	switch s.Key {
	case SheetPlans:
		for _, rw := range data {
			t := plans.Terms{
				Plan: text(rw, "plan"), Name: text(rw, "name"), Kind: plans.Kind(text(rw, "kind")),
				Contribution: rw.get(idx("contribution")).Dec,
				PeriodYears:  intOr(rw, "period_years", 1), MaxShares: intOr(rw, "max_shares", 1), WaitingDays: intOr(rw, "waiting_days", 0),
				Deductible: null(rw, "deductible"),
				Ratios:     [3]decimal.NullDecimal{null(rw, "ratio_1"), null(rw, "ratio_2"), null(rw, "ratio_3")},
				ClaimCap:   null(rw, "claim_cap"), AnnualCap: null(rw, "annual_cap"),
				DailyAmount: null(rw, "daily_amount"), FromDay: intOr(rw, "from_day", 0), MaxDays: intOr(rw, "max_days", 0),
				LumpSum: null(rw, "lump_sum"), DisabilitySum: null(rw, "disability_sum"),
				FireRatio: null(rw, "fire_ratio"), FireCap: null(rw, "fire_cap"),
				ReportingLagMonths: intOr(rw, "reporting_lag_months", 0),
				PeriodStartMonth:   intOr(rw, "period_start_month", 0), ClaimDeadlineMonths: intOr(rw, "claim_deadline_months", 0),
			}
			r.book.Plans = append(r.book.Plans, PlanRow{Row: rw.n, Terms: t})
		}
	case SheetSchedules:
		for _, rw := range data {
			b := plans.Benefit(text(rw, "benefit"))
			r.book.Schedules = append(r.book.Schedules, ScheduleRow{Row: rw.n, Plan: text(rw, "plan"), Benefit: b,
				Category: normCategory(text(rw, "category")), Percent: decimal.NewFromFloat(num(rw, "percent"))})
		}
	case SheetEnrolment:
		for _, rw := range data {
			e := EnrolmentRow{Row: rw.n, Year: int(num(rw, "year")), Plan: text(rw, "plan"), Group: text(rw, "group"),
				Members: int64(num(rw, "members")), NewMembers: int64(num(rw, "new_members")), Contributions: null(rw, "contributions"),
				Class: text(rw, "class")}
			if set(rw, "start_year") {
				e.StartYear = int(num(rw, "start_year"))
			}
			e.Shares = e.Members
			if set(rw, "shares") {
				e.Shares = int64(num(rw, "shares"))
			}
			r.book.Enrolment = append(r.book.Enrolment, e)
		}
	case SheetClaims:
		// Size the slice once for the whole sheet: grown a quarter at a
		// time, a million claims would be copied five times over.
		if cap(r.book.Claims) == 0 && r.rowsHint > len(data) {
			r.book.Claims = make([]Claim, 0, min(r.rowsHint, r.lim.MaxRows))
		}
		r.book.Claims = slices.Grow(r.book.Claims, len(data))
		// The columns' indexes, found once: a million rows.
		id, year, plan, member, group, benefit := idx("claim_id"), idx("year"), idx("plan"), idx("member_id"), idx("group"), idx("benefit")
		event, report, days, cost, category, shares, paid := idx("event_date"), idx("report_date"), idx("days"), idx("cost"), idx("category"), idx("shares"), idx("paid")
		class := idx("class")
		intOr := func(v value, def int) int {
			if !v.Set {
				return def
			}
			return int(v.Num)
		}
		for _, rw := range data {
			c := Claim{Row: rw.n, ClaimID: rw.get(id).Text, Year: int(rw.get(year).Num), Plan: rw.get(plan).Text,
				MemberID: rw.get(member).Text, Group: rw.get(group).Text, Benefit: plans.Benefit(rw.get(benefit).Text),
				EventDate: rw.get(event).Date, ReportDate: rw.get(report).Date,
				Days: intOr(rw.get(days), -1), Cost: math.NaN(), Category: normCategory(rw.get(category).Text),
				Shares: intOr(rw.get(shares), 1), Paid: rw.get(paid).Num, Class: rw.get(class).Text}
			if v := rw.get(cost); v.Set {
				c.Cost = v.Num
			}
			r.book.Claims = append(r.book.Claims, c)
		}
	case SheetReference:
		r.buildReference(s, data) // reference.go
	case SheetRates:
		r.buildRates(s, data) // rates.go
	case SheetSummary:
		for _, rw := range data {
			sr := SummaryRow{Row: rw.n, Year: int(num(rw, "year")), Plan: text(rw, "plan"), Group: text(rw, "group"),
				Enrolments: int64(num(rw, "enrolments")), Claims: -1, Paid: null(rw, "paid")}
			if set(rw, "claims") {
				sr.Claims = int64(num(rw, "claims"))
			}
			r.book.Summary = append(r.book.Summary, sr)
		}
	}
}

// normCategory writes a disability grade as read from a number cell ("3") the
// same way as typed text; other categories are kept as they are.
func normCategory(s string) string {
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == '+' || s[0] == '.') {
		return s // a category name: no number to parse (nor an error to allocate)
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil && x == math.Trunc(x) && x >= 0 && x < 1000 {
		return strconv.Itoa(int(x))
	}
	return s
}
