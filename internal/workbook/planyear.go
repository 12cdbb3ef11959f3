package workbook

import (
	"fmt"

	"github.com/huzhu-fund/huzhu/plans"
)

// The Plans columns of a plan year that is not the calendar year
// (Zhengzhou: 1 June – 31 May) and of the deadline for reporting claims.
// `year` in Enrolment and Claims is then the plan year in which the period
// starts: an event of 2025-03 in a June–May plan is of plan year 2024.
var (
	periodStartCol = Column{Key: "period_start_month", Zh: "保障期起始月", Aliases: []string{"起始月", "保障起始月"}, Type: Int, Min: f(1), Max: f(12), Default: "1", Unit: "月",
		Doc:   "可选：保障年度从每年几月1日开始（1–12），如 6 表示6月1日至次年5月31日；不填为1（自然年度）。参保表和给付明细的“年度”为保障期开始的年度：6月起保的计划中，2025年3月的出险属于2024年度",
		DocEn: "optional: the month (1–12) on whose first day the plan year starts, e.g. 6 for 1 June – 31 May; default 1 (the calendar year). `year` in Enrolment and Claims is then the plan year in which the period starts: in a June plan an event of March 2025 is of plan year 2024"}
	claimDeadlineCol = Column{Key: "claim_deadline_months", Zh: "报案截止月数", Aliases: []string{"报案截止(月)", "报案期限(月)"}, Type: Int, Min: f(1), Max: f(60), Unit: "月",
		Doc:   "可选：保障期结束后几个月内报案有效（如 3：6月起保的计划，2024年度的给付须在2025年8月31日前报案）；逾期报案不予给付，测算中未报案给付的估计也截止于此。不填为不设期限",
		DocEn: "optional: how many months after the period ends claims are still accepted (3: a June plan's claims of plan year 2024 must be reported by 31 August 2025); a claim reported later is not payable, and the completion of unreported claims stops there. Empty = no deadline"}
)

// planYearClaim checks a claim's dates against its plan year: the event date
// must fall in the plan year `year` (one-year plans; a warning as before,
// with the plan year's bounds), and a report after the claim deadline is a
// warning (it would not be payable).
func (c *checker) planYearClaim(t *plans.Terms, cl *Claim) {
	if !cl.EventDate.IsZero() && t.PeriodYears <= 1 && t.PlanYear(cl.EventDate) != cl.Year && c.usable(SheetClaims, cl.Row, cl.Plan, "period_years", "period_start_month") {
		if t.StartMonth() == 1 {
			c.add(Warning, "event_outside_year", SheetClaims, "event_date", cl.Row, cl.EventDate.Format("2006-01-02"), fmt.Sprintf("a date in %d", cl.Year),
				"wb.event_outside_year", cl.EventDate.Format("2006-01-02"), cl.Year)
		} else {
			from, to := t.YearStart(cl.Year), t.YearStart(cl.Year+1).AddDate(0, 0, -1)
			c.add(Warning, "event_outside_year", SheetClaims, "event_date", cl.Row, cl.EventDate.Format("2006-01-02"),
				fmt.Sprintf("a date from %s to %s (plan year %d)", from.Format("2006-01-02"), to.Format("2006-01-02"), cl.Year),
				"wb.event_outside_year.plan_year", cl.EventDate.Format("2006-01-02"), cl.Year, from.Format("2006-01-02"), to.Format("2006-01-02"), t.PlanYear(cl.EventDate))
		}
	}
	if t.Late(cl.Year, cl.ReportDate) && c.usable(SheetClaims, cl.Row, cl.Plan, "period_years", "period_start_month", "claim_deadline_months") {
		dl, _ := t.Deadline(cl.Year)
		last := dl.AddDate(0, 0, -1).Format("2006-01-02")
		c.add(Warning, "reported_after_deadline", SheetClaims, "report_date", cl.Row, cl.ReportDate.Format("2006-01-02"),
			"a report date on or before "+last,
			"wb.reported_after_deadline", cl.ReportDate.Format("2006-01-02"), cl.Year, last, t.ClaimDeadlineMonths)
	}
}
