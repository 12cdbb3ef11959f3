package workbook

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// check runs the cross-sheet checks of WORKBOOK.md on a book whose cells were
// read, merges the schedules into the plans' terms and applies Fund defaults.
// It is also used on books that were built in code (Check).
func check(b *Book, probs *Problems) {
	c := checker{b: b, probs: probs}
	c.plans()
	c.schedules()
	c.enrolment()
	c.claims()
	c.summary()
	c.fund()
}

// Check runs the cross-sheet checks on a book built in code (e.g. by the example
// generator) and returns the problems found; Read runs them itself.
func Check(b *Book) Problems {
	var ps Problems
	if b.SheetNames == nil {
		b.SheetNames = map[string]string{}
	}
	for _, s := range Sheets {
		if b.SheetNames[s.Key] == "" {
			b.SheetNames[s.Key] = s.Zh
		}
	}
	check(b, &ps)
	ps.Sort()
	return ps
}

type checker struct {
	b     *Book
	probs *Problems
	noted map[string]bool // sheet and plan of the plan_with_errors notices given
}

// unknownPlan reports a row whose plan is not on the Plans sheet.
func (c *checker) unknownPlan(sheetKey string, row int, plan, exp string) {
	c.add(Error, "unknown_plan", sheetKey, "plan", row, clip(plan), exp,
		fmt.Sprintf("plan %q is not on the Plans sheet", clip(plan)), fmt.Sprintf("计划“%s”不在计划表中", clip(plan)))
}

// termKeys are the Plans columns that decide what a claim may be paid.
var termKeys = []string{"kind", "max_shares", "deductible", "ratio_1", "ratio_2", "ratio_3", "claim_cap", "annual_cap",
	"daily_amount", "from_day", "max_days", "lump_sum", "disability_sum", "fire_ratio", "fire_cap"}

// usable reports whether the plan's fields keys were read without error. A
// plan whose Plans row has errors is kept with those fields unset: the
// checks that depend on them are skipped, said once per sheet as a notice
// (the Plans row's errors say what to fix), and every other check is made.
func (c *checker) usable(sheetKey string, row int, plan string, keys ...string) bool {
	bp, ok := c.b.brokenPlans[plan]
	if !ok {
		return true
	}
	var hit []string
	for _, k := range keys {
		for _, b := range bp.cols {
			if k == b {
				hit = append(hit, k)
			}
		}
	}
	if len(hit) == 0 {
		return true
	}
	k := sheetKey + "\x00" + plan
	if !c.noted[k] {
		if c.noted == nil {
			c.noted = map[string]bool{}
		}
		c.noted[k] = true
		cols := strings.Join(bp.cols, ", ")
		c.add(Notice, "plan_with_errors", sheetKey, "plan", row, plan, fmt.Sprintf("plan %s without errors on the Plans sheet", plan),
			fmt.Sprintf("plan %q has errors on the Plans sheet (row %d: %s): this sheet's checks that depend on them are skipped for the plan until they are fixed", plan, bp.row, cols),
			fmt.Sprintf("计划“%s”在计划表中有错误（第 %d 行：%s）：修正前本表中依赖这些字段的检查对该计划跳过", plan, bp.row, cols))
	}
	return false
}

func (c *checker) sheet(key string) string {
	if n := c.b.SheetNames[key]; n != "" {
		return n
	}
	return SheetByKey(key).Zh
}

// at is the reference of a row's cell in column key of sheet.
func (c *checker) at(sheetKey, key string, row int) string {
	name := c.sheet(sheetKey)
	if row <= 0 {
		return name
	}
	if key == "" {
		return fmt.Sprintf("%s!%d:%d", name, row, row)
	}
	if col := c.b.columnIndex(sheetKey, key); col > 0 {
		return cellRef(name, col, row)
	}
	return fmt.Sprintf("%s!%d:%d", name, row, row)
}

func (c *checker) add(level Level, code, sheetKey, key string, row int, found, exp, msg, msgZh string) {
	*c.probs = append(*c.probs, Problem{Level: level, Code: code, Sheet: c.sheet(sheetKey), Cell: c.at(sheetKey, key, row),
		Found: found, Expected: exp, Msg: msg, MsgZh: msgZh})
}

func (c *checker) plans() {
	if len(c.b.Plans) == 0 && c.b.SheetNames[SheetPlans] != "" {
		c.add(Error, "no_plans", SheetPlans, "", 0, "", "one row per plan", "the Plans sheet has no plan rows", "计划表没有任何计划")
	}
	seen := map[string]int{}
	for _, p := range c.b.Plans {
		if prev, ok := seen[p.Plan]; ok {
			c.add(Error, "duplicate_plan", SheetPlans, "plan", p.Row, p.Plan, "a unique plan key",
				fmt.Sprintf("plan %q is listed twice (also row %d)", p.Plan, prev), fmt.Sprintf("计划编号“%s”重复（另见第 %d 行）", p.Plan, prev))
			continue
		}
		seen[p.Plan] = p.Row
		if _, broken := c.b.brokenPlans[p.Plan]; broken {
			continue
		}
		if p.Kind == plans.Hospital && !p.Ratios[0].Valid {
			c.add(Notice, "default_ratio", SheetPlans, "ratio_1", p.Row, "", "",
				fmt.Sprintf("plan %q has no ratio_1: medical costs above the deductible are paid in full", p.Plan),
				fmt.Sprintf("计划“%s”未填第一次给付比例：起付线以上费用全额给付", p.Plan))
		}
		if !p.Ratios[0].Valid && (p.Ratios[1].Valid || p.Ratios[2].Valid) {
			c.add(Warning, "ratio_gap", SheetPlans, "ratio_1", p.Row, "", "ratio_1 when ratio_2 or ratio_3 is given",
				"ratio_2/ratio_3 given without ratio_1: the first admission is paid in full", "填了第二次/第三次给付比例但未填第一次：第一次住院按全额给付")
		}
	}
}

func (c *checker) schedules() {
	type key struct {
		plan     string
		benefit  plans.Benefit
		category string
	}
	seen := map[key]int{}
	for _, s := range c.b.Schedules {
		t, ok := c.b.Plan(s.Plan)
		if !ok {
			c.unknownPlan(SheetSchedules, s.Row, s.Plan, "a plan of the Plans sheet")
			continue
		}
		if s.Benefit != plans.Disability && s.Benefit != plans.Diagnosis {
			c.add(Error, "bad_schedule_benefit", SheetSchedules, "benefit", s.Row, string(s.Benefit), "disability or diagnosis",
				fmt.Sprintf("a schedule is for disability or diagnosis, not %s", s.Benefit), fmt.Sprintf("给付标准只适用于伤残（disability）或确诊（diagnosis），不是 %s", s.Benefit))
			continue
		}
		if c.usable(SheetSchedules, s.Row, s.Plan, "kind") && !t.Kind.Allows(s.Benefit) {
			c.add(Error, "benefit_not_allowed", SheetSchedules, "benefit", s.Row, string(s.Benefit), fmt.Sprintf("a benefit of kind %s", t.Kind),
				fmt.Sprintf("plan %q of kind %s does not pay %s", s.Plan, t.Kind, s.Benefit), fmt.Sprintf("计划“%s”（%s）没有%s给付", s.Plan, t.Kind.Label("zh"), s.Benefit.Label("zh")))
			continue
		}
		if s.Benefit == plans.Disability {
			g, err := strconv.Atoi(s.Category)
			if err != nil || g < 1 || g > 10 {
				c.add(Error, "bad_grade", SheetSchedules, "category", s.Row, s.Category, "a disability grade 1 to 10",
					fmt.Sprintf("disability grade %q: expected 1 to 10", s.Category), fmt.Sprintf("伤残等级“%s”：应为 1 到 10", s.Category))
				continue
			}
		}
		k := key{s.Plan, s.Benefit, s.Category}
		if prev, ok := seen[k]; ok {
			c.add(Error, "duplicate_schedule", SheetSchedules, "category", s.Row, s.Category, "one row per plan, benefit and category",
				fmt.Sprintf("%s %s %q is listed twice (also row %d)", s.Plan, s.Benefit, s.Category, prev), fmt.Sprintf("%s %s“%s”重复（另见第 %d 行）", s.Plan, s.Benefit.Label("zh"), s.Category, prev))
			continue
		}
		seen[k] = s.Row
		if t.Schedules == nil {
			t.Schedules = map[plans.Benefit]map[string]decimal.Decimal{}
		}
		if t.Schedules[s.Benefit] == nil {
			t.Schedules[s.Benefit] = map[string]decimal.Decimal{}
		}
		t.Schedules[s.Benefit][s.Category] = s.Percent
	}
}

type planYear struct {
	plan string
	year int
}

func (c *checker) enrolment() {
	type key struct {
		plan, group string
		year, start int // start: the start year of a multi-year plan's cohort (0 = the year)
	}
	seen := map[key]int{}
	for _, e := range c.b.Enrolment {
		t, ok := c.b.Plan(e.Plan)
		if !ok {
			c.unknownPlan(SheetEnrolment, e.Row, e.Plan, "a plan of the Plans sheet")
			continue
		}
		k := key{e.Plan, e.Group, e.Year, e.StartYear}
		if k.start == e.Year {
			k.start = 0
		}
		if prev, ok := seen[k]; ok {
			c.add(Error, "duplicate_enrolment", SheetEnrolment, "members", e.Row, "", "one row per year, plan and group",
				fmt.Sprintf("year %d, plan %q, group %q is listed twice (also row %d)", e.Year, e.Plan, e.Group, prev),
				fmt.Sprintf("%d 年度、计划“%s”、单位“%s”重复（另见第 %d 行）", e.Year, e.Plan, e.Group, prev))
		}
		seen[k] = e.Row
		if e.Shares > e.Members*int64(max(t.MaxShares, 1)) && c.usable(SheetEnrolment, e.Row, e.Plan, "max_shares") {
			c.add(Error, "shares_above_max", SheetEnrolment, "shares", e.Row, strconv.FormatInt(e.Shares, 10),
				fmt.Sprintf("at most members × max_shares = %d", e.Members*int64(max(t.MaxShares, 1))),
				fmt.Sprintf("%d shares for %d members is more than max_shares %d each", e.Shares, e.Members, t.MaxShares),
				fmt.Sprintf("%d 人参保 %d 份，超过每人最多 %d 份", e.Members, e.Shares, t.MaxShares))
		}
		if e.Shares < e.Members {
			c.add(Warning, "shares_below_members", SheetEnrolment, "shares", e.Row, strconv.FormatInt(e.Shares, 10), fmt.Sprintf("at least members = %d", e.Members),
				fmt.Sprintf("%d shares for %d members: every member holds at least one share", e.Shares, e.Members),
				fmt.Sprintf("%d 人只有 %d 份：每位参保人至少一份", e.Members, e.Shares))
		}
		if e.NewMembers > e.Members {
			c.add(Error, "new_above_members", SheetEnrolment, "new_members", e.Row, strconv.FormatInt(e.NewMembers, 10), fmt.Sprintf("at most members = %d", e.Members),
				fmt.Sprintf("%d new members, more than the %d members", e.NewMembers, e.Members),
				fmt.Sprintf("新参保人数 %d 多于参保人数 %d", e.NewMembers, e.Members))
		}
		if s := e.StartYear; s != 0 && (s > e.Year || e.Year-s >= t.Period()) {
			c.add(Error, "start_year_outside_period", SheetEnrolment, "start_year", e.Row, strconv.Itoa(s),
				fmt.Sprintf("%d to %d (period_years %d)", e.Year-t.Period()+1, e.Year, t.Period()),
				fmt.Sprintf("start year %d: the %d-year period does not cover %d", s, t.Period(), e.Year),
				fmt.Sprintf("起保年度 %d：%d 年保障期不覆盖 %d 年", s, t.Period(), e.Year))
		}
	}
}

// exposed reports whether a plan and year have members on record (Enrolment, or
// Summary rows of the plan or of all plans).
func (c *checker) exposed() map[planYear]bool {
	m := map[planYear]bool{}
	for _, e := range c.b.Enrolment {
		m[planYear{e.Plan, e.Year}] = true
	}
	for _, s := range c.b.Summary {
		m[planYear{s.Plan, s.Year}] = true
	}
	return m
}

func (c *checker) claims() {
	if len(c.b.Claims) == 0 {
		return
	}
	exp := c.exposed()
	last := 0
	for _, cl := range c.b.Claims {
		last = max(last, cl.Year)
	}
	ids := make(map[string]int, len(c.b.Claims))
	noExp := map[planYear]int{}
	claimsOf := map[planYear]int{}
	type memberYear struct {
		plan, member string
		year         int
	}
	type memberTotal struct {
		paid   float64
		shares int // the most shares of the member's claims
		last   int // the member's last claim row: where the cap is crossed at the latest
	}
	perMember := make(map[memberYear]memberTotal, len(c.b.Claims)/2)
	limits := payLimits{}
	for _, cl := range c.b.Claims {
		if prev, ok := ids[cl.ClaimID]; ok {
			c.add(Error, "duplicate_claim_id", SheetClaims, "claim_id", cl.Row, cl.ClaimID, "a unique claim id",
				fmt.Sprintf("claim id %q is used twice (also row %d)", cl.ClaimID, prev), fmt.Sprintf("给付编号“%s”重复（另见第 %d 行）", cl.ClaimID, prev))
		} else {
			ids[cl.ClaimID] = cl.Row
		}
		t, ok := c.b.Plan(cl.Plan)
		if !ok {
			c.unknownPlan(SheetClaims, cl.Row, cl.Plan, "a plan of the Plans sheet")
			continue
		}
		claimsOf[planYear{cl.Plan, cl.Year}]++
		if !exp[planYear{cl.Plan, cl.Year}] && !exp[planYear{"", cl.Year}] {
			if _, ok := noExp[planYear{cl.Plan, cl.Year}]; !ok {
				noExp[planYear{cl.Plan, cl.Year}] = cl.Row
			}
		}
		if !t.Kind.Allows(cl.Benefit) && c.usable(SheetClaims, cl.Row, cl.Plan, "kind") {
			c.add(Error, "benefit_not_allowed", SheetClaims, "benefit", cl.Row, string(cl.Benefit), fmt.Sprintf("a benefit of kind %s", t.Kind),
				fmt.Sprintf("plan %q of kind %s does not pay %s", cl.Plan, t.Kind, cl.Benefit),
				fmt.Sprintf("计划“%s”（%s）没有“%s”给付", cl.Plan, t.Kind.Label("zh"), cl.Benefit.Label("zh")))
		}
		if !cl.EventDate.IsZero() && !cl.ReportDate.IsZero() && cl.ReportDate.Before(cl.EventDate) {
			c.add(Error, "report_before_event", SheetClaims, "report_date", cl.Row, cl.ReportDate.Format("2006-01-02"),
				"a report date on or after the event date "+cl.EventDate.Format("2006-01-02"),
				fmt.Sprintf("reported %s, before the event on %s", cl.ReportDate.Format("2006-01-02"), cl.EventDate.Format("2006-01-02")),
				fmt.Sprintf("报案日期 %s 早于出险日期 %s", cl.ReportDate.Format("2006-01-02"), cl.EventDate.Format("2006-01-02")))
		}
		if !cl.EventDate.IsZero() && t.PeriodYears <= 1 && cl.EventDate.Year() != cl.Year && c.usable(SheetClaims, cl.Row, cl.Plan, "period_years") {
			c.add(Warning, "event_outside_year", SheetClaims, "event_date", cl.Row, cl.EventDate.Format("2006-01-02"), fmt.Sprintf("a date in %d", cl.Year),
				fmt.Sprintf("event on %s is outside the cover year %d", cl.EventDate.Format("2006-01-02"), cl.Year),
				fmt.Sprintf("出险日期 %s 不在保障年度 %d 内", cl.EventDate.Format("2006-01-02"), cl.Year))
		}
		if cl.Shares > max(t.MaxShares, 1) && c.usable(SheetClaims, cl.Row, cl.Plan, "max_shares") {
			c.add(Error, "shares_above_max", SheetClaims, "shares", cl.Row, strconv.Itoa(cl.Shares), fmt.Sprintf("at most max_shares = %d", max(t.MaxShares, 1)),
				fmt.Sprintf("%d shares, more than the plan's max_shares %d", cl.Shares, max(t.MaxShares, 1)),
				fmt.Sprintf("%d 份，超过计划最多份数 %d", cl.Shares, max(t.MaxShares, 1)))
		}
		if cl.Benefit == plans.Disability && cl.Category != "" {
			if _, ok := t.Schedule(plans.Disability)[cl.Category]; !ok {
				c.add(Error, "bad_grade", SheetClaims, "category", cl.Row, cl.Category, "a grade of the plan's disability schedule",
					fmt.Sprintf("disability grade %q is not in the plan's schedule", cl.Category), fmt.Sprintf("伤残等级“%s”不在该计划的给付标准中", cl.Category))
			}
		}
		if !c.usable(SheetClaims, cl.Row, cl.Plan, termKeys...) {
			continue
		}
		if m, ok := limits.maxPayable(t, cl); ok && cl.Paid > m+fenTolerance {
			level := Warning
			when, whenZh := "an earlier year's terms may have differed", "以前年度条款可能不同"
			if cl.Year == last {
				level = Error
				when, whenZh = "last year's terms cannot pay that much", "上年条款不可能给付这么多"
			}
			c.add(level, "paid_above_terms", SheetClaims, "paid", cl.Row, fmt.Sprintf("%.2f", cl.Paid), fmt.Sprintf("at most %.2f", m),
				fmt.Sprintf("paid %.2f is more than the plan's terms allow for this claim (%.2f): %s", cl.Paid, m, when),
				fmt.Sprintf("已给付 %.2f 超过按条款本笔最多可给付的 %.2f：%s", cl.Paid, m, whenZh))
		}
		if cl.MemberID != "" {
			k := memberYear{cl.Plan, cl.MemberID, cl.Year}
			m := perMember[k]
			perMember[k] = memberTotal{paid: m.paid + cl.Paid, shares: max(m.shares, cl.Shares), last: max(m.last, cl.Row)}
		}
	}
	keys := make([]planYear, 0, len(noExp))
	for k := range noExp {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].plan != keys[j].plan {
			return keys[i].plan < keys[j].plan
		}
		return keys[i].year < keys[j].year
	})
	for _, k := range keys {
		c.add(Error, "claims_without_enrolment", SheetClaims, "plan", noExp[k], k.plan, fmt.Sprintf("an Enrolment or Summary row for plan %s, year %d", k.plan, k.year),
			fmt.Sprintf("plan %q has claims in %d but no enrolment that year: incidence cannot be computed", k.plan, k.year),
			fmt.Sprintf("计划“%s”%d 年度有给付记录但没有参保数据，无法计算发生率", k.plan, k.year))
	}
	c.zeroMembers(claimsOf)
	// The annual cap bounds the sum of a member's payments in a year. The
	// members above it are reported in the order of their last claim's row.
	type above struct {
		memberYear
		memberTotal
		capv float64
	}
	var over []above
	for k, m := range perMember {
		t, _ := c.b.Plan(k.plan)
		if t == nil || !t.AnnualCap.Valid {
			continue
		}
		capv := t.AnnualCap.Decimal.InexactFloat64() * float64(max(m.shares, 1))
		if m.paid > capv+fenTolerance {
			over = append(over, above{k, m, capv})
		}
	}
	sort.Slice(over, func(i, j int) bool { return over[i].last < over[j].last })
	for _, o := range over {
		level := Warning
		if o.year == last {
			level = Error
		}
		c.add(level, "paid_above_annual_cap", SheetClaims, "paid", o.last, fmt.Sprintf("%.2f", o.paid), fmt.Sprintf("at most %.2f", o.capv),
			fmt.Sprintf("member %s of plan %q was paid %.2f in %d, more than the annual cap %.2f", o.member, o.plan, o.paid, o.year, o.capv),
			fmt.Sprintf("会员 %s 在计划“%s”%d 年度共获给付 %.2f，超过年度最高给付 %.2f", o.member, o.plan, o.year, o.paid, o.capv))
	}
}

// payLimits holds each plan's benefit rules for maxPayable, built once per check.
type payLimits map[*plans.Terms]*plans.Rules

// maxPayable is the most the terms could pay on one claim, whatever else the
// member claimed in the year: plans.Rules.MaxPayable, the one definition of
// what an event pays (the annual cap over a member's year is checked per
// member). ok is false when the terms do not bound it.
func (l payLimits) maxPayable(t *plans.Terms, cl Claim) (float64, bool) {
	r, ok := l[t]
	if !ok {
		r = t.Rules()
		l[t] = r
	}
	return r.MaxPayable(plans.Event{Benefit: cl.Benefit, Cost: cl.Cost, Days: cl.Days, Category: cl.Category}, cl.Shares)
}

func (c *checker) summary() {
	for _, s := range c.b.Summary {
		if s.Plan != "" {
			if _, ok := c.b.Plan(s.Plan); !ok {
				c.unknownPlan(SheetSummary, s.Row, s.Plan, "a plan of the Plans sheet, or empty for all plans")
			}
		}
		if s.Claims > s.Enrolments {
			c.add(Warning, "claims_above_enrolments", SheetSummary, "claims", s.Row, strconv.FormatInt(s.Claims, 10), fmt.Sprintf("usually at most enrolments = %d", s.Enrolments),
				fmt.Sprintf("%d claims, more than the %d enrolments: check both figures", s.Claims, s.Enrolments),
				fmt.Sprintf("救助人次 %d 多于参保人次 %d：请核对两个数字", s.Claims, s.Enrolments))
		}
		if s.Claims == 0 && s.Paid.Valid && s.Paid.Decimal.IsPositive() {
			c.add(Error, "paid_without_claims", SheetSummary, "paid", s.Row, s.Paid.Decimal.String(), "no amount when there are no claims",
				fmt.Sprintf("paid %s with zero claims", s.Paid.Decimal.String()),
				fmt.Sprintf("救助人次为 0，但救助金额为 %s", s.Paid.Decimal.String()))
		}
	}
	if len(c.b.Enrolment) == 0 && len(c.b.Summary) == 0 {
		c.add(Error, "no_experience", SheetEnrolment, "", 0, "", "an Enrolment or Summary sheet with rows",
			"the workbook has no experience: fill the Enrolment sheet (with Claims) or the Summary sheet",
			"工作簿没有经验数据：请填写参保表（和给付明细表）或汇总表")
	}
}

func (c *checker) fund() {
	last := c.b.LastYear()
	fd := &c.b.Fund
	if fd.Given == nil {
		fd.Given = map[string]bool{}
	}
	// add reports a problem with the value of a Fund key, at its cell when
	// the book was read.
	add := func(level Level, code, key, found, exp, msg, msgZh string) {
		cell := c.b.fundCells[key]
		if cell == "" {
			cell = c.sheet(SheetFund)
		}
		*c.probs = append(*c.probs, Problem{Level: level, Code: code, Sheet: c.sheet(SheetFund), Cell: cell,
			Found: found, Expected: exp, Msg: msg, MsgZh: msgZh})
	}
	if !fd.Given["year"] && fd.Year == 0 && last > 0 {
		fd.Year = last + 1
	}
	if fd.Given["year"] && last > 0 && fd.Year <= last {
		add(Warning, "priced_year_in_data", "year", strconv.Itoa(fd.Year), fmt.Sprintf("a year after the data (%d)", last),
			fmt.Sprintf("the priced year %d is not after the last data year %d", fd.Year, last),
			fmt.Sprintf("测算年度 %d 不晚于最后数据年度 %d", fd.Year, last))
	}
	if fd.ReserveFloor.GreaterThan(fd.OpeningReserve) && fd.Given["opening_reserve"] {
		add(Warning, "reserve_below_floor", "opening_reserve", fd.OpeningReserve.String(), "an opening reserve at or above the floor "+fd.ReserveFloor.String(),
			fmt.Sprintf("the opening reserve %s is already below the floor %s", fd.OpeningReserve.String(), fd.ReserveFloor.String()),
			fmt.Sprintf("期初储备金 %s 已低于储备金下限 %s", fd.OpeningReserve.String(), fd.ReserveFloor.String()))
	}
	if fd.Given["target_deficit_probability"] && (fd.TargetDeficitProbability <= 0 || fd.TargetDeficitProbability >= 0.5) {
		add(Error, "bad_target", "target_deficit_probability", fmtNum(fd.TargetDeficitProbability), "a probability above 0 and below 0.5",
			fmt.Sprintf("target deficit probability %s: it must be above 0 and below 0.5 (e.g. 0.05)", fmtNum(fd.TargetDeficitProbability)),
			fmt.Sprintf("目标赤字概率 %s：应大于 0 且小于 0.5（如 0.05）", fmtNum(fd.TargetDeficitProbability)))
	}
}

// fenTolerance is how far a paid amount may exceed what the terms allow before
// it is reported: one fen of rounding (paying 888.83 where the terms give
// 888.825 or a running total is rounded), plus float slack.
const fenTolerance = 0.01 + 1e-6

// zeroMembers reports the plan-years with claims whose enrolment is on
// record but adds up to no member: incidence would be claims ÷ 0.
func (c *checker) zeroMembers(claimsOf map[planYear]int) {
	members := map[planYear]int64{}
	first := map[planYear]int{}
	for _, e := range c.b.Enrolment {
		k := planYear{e.Plan, e.Year}
		members[k] += e.Members
		if _, ok := first[k]; !ok {
			first[k] = e.Row
		}
	}
	summary := map[planYear]int64{}
	for _, s := range c.b.Summary {
		summary[planYear{s.Plan, s.Year}] += s.Enrolments
	}
	keys := make([]planYear, 0, len(claimsOf))
	for k := range claimsOf {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return first[keys[i]] < first[keys[j]] })
	for _, k := range keys {
		row, ok := first[k]
		if !ok || members[k] > 0 || summary[k] > 0 || summary[planYear{"", k.year}] > 0 {
			continue
		}
		c.add(Error, "claims_without_members", SheetEnrolment, "members", row, "0",
			fmt.Sprintf("members of plan %s in %d, who made its %d claims", k.plan, k.year, claimsOf[k]),
			fmt.Sprintf("plan %q has %d claims in %d but 0 members enrolled that year: incidence cannot be computed", k.plan, claimsOf[k], k.year),
			fmt.Sprintf("计划“%s”%d 年度有 %d 笔给付，但参保人数为 0，无法计算发生率", k.plan, k.year, claimsOf[k]))
	}
}
