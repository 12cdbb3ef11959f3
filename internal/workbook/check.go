package workbook

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
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
	c.bandTerms()
	c.enrolment()
	c.claims()
	c.rates() // rates.go
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
	c.add(Error, "unknown_plan", sheetKey, "plan", row, clip(plan), exp, "wb.unknown_plan", clip(plan))
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
			"wb.plan_with_errors", plan, bp.row, cols)
	}
	return false
}

func (c *checker) sheet(key string) string {
	if n := c.b.SheetNames[key]; n != "" {
		return n
	}
	return SheetByKey(key).Zh
}

// at is the reference of a row's cell in column key of sheet: on a
// continuation sheet when the row is one of its (continue.go).
func (c *checker) at(sheetKey, key string, row int) string {
	name := c.sheet(sheetKey)
	if n, r := c.b.locate(sheetKey, row); n != "" {
		name, row = n, r
	}
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

// add reports a problem at the row's cell in column key: what was found,
// what was expected (in English, for scripts) and the catalogue's message
// msg with its args. A row of a continuation sheet is named by its own sheet.
func (c *checker) add(level Level, code, sheetKey, key string, row int, found, exp, msg string, args ...any) {
	sheet := c.sheet(sheetKey)
	if n, _ := c.b.locate(sheetKey, row); n != "" {
		sheet = n
	}
	*c.probs = append(*c.probs, Problem{Level: level, Code: code, Sheet: sheet, Cell: c.at(sheetKey, key, row),
		Found: found, Expected: exp, Text: i18n.N(msg, args...)})
}

func (c *checker) plans() {
	if len(c.b.Plans) == 0 && c.b.SheetNames[SheetPlans] != "" {
		c.add(Error, "no_plans", SheetPlans, "", 0, "", "one row per plan", "wb.no_plans")
	}
	seen := map[string]int{}
	for _, p := range c.b.Plans {
		if prev, ok := seen[p.Plan]; ok {
			c.add(Error, "duplicate_plan", SheetPlans, "plan", p.Row, p.Plan, "a unique plan key", "wb.duplicate_plan", p.Plan, c.at(SheetPlans, "plan", prev))
			continue
		}
		seen[p.Plan] = p.Row
		if _, broken := c.b.brokenPlans[p.Plan]; broken {
			continue
		}
		if p.Kind == plans.Hospital && !p.Ratios[0].Valid && !c.hasBands(p.Plan) {
			c.add(Notice, "default_ratio", SheetPlans, "ratio_1", p.Row, "", "", "wb.default_ratio", p.Plan)
		}
		if !p.Ratios[0].Valid && (p.Ratios[1].Valid || p.Ratios[2].Valid) {
			c.add(Warning, "ratio_gap", SheetPlans, "ratio_1", p.Row, "", "ratio_1 when ratio_2 or ratio_3 is given", "wb.ratio_gap")
		}
	}
}

// scheduleKey is a Schedules row's plan, benefit and category.
type scheduleKey struct {
	plan     string
	benefit  plans.Benefit
	category string
}

func (c *checker) schedules() {
	type key = scheduleKey
	seen := map[key]int{}
	bands := map[key]plans.Bands{} // per plan and band key; category unused
	var bandOrder []key
	for _, s := range c.b.Schedules {
		t, ok := c.b.Plan(s.Plan)
		if !ok {
			c.unknownPlan(SheetSchedules, s.Row, s.Plan, "a plan of the Plans sheet")
			continue
		}
		if s.Benefit == plans.BandSchedule || s.Benefit == plans.OutpatientBandSchedule {
			from, ok := c.band(t, s, seen)
			if ok {
				k := key{plan: s.Plan, benefit: s.Benefit}
				if _, had := bands[k]; !had {
					bandOrder = append(bandOrder, k)
				}
				bands[k] = append(bands[k], plans.Band{From: from, Ratio: s.Percent.InexactFloat64()})
			}
			continue
		}
		if s.Benefit != plans.Disability && s.Benefit != plans.Diagnosis {
			c.add(Error, "bad_schedule_benefit", SheetSchedules, "benefit", s.Row, string(s.Benefit), "disability, diagnosis, band or outpatient_band", "wb.bad_schedule_benefit", string(s.Benefit))
			continue
		}
		if c.usable(SheetSchedules, s.Row, s.Plan, "kind") && !t.Kind.Allows(s.Benefit) {
			c.add(Error, "benefit_not_allowed", SheetSchedules, "benefit", s.Row, string(s.Benefit), fmt.Sprintf("a benefit of kind %s", t.Kind),
				"wb.benefit_not_allowed", s.Plan, kindName(t.Kind), benefitName(s.Benefit))
			continue
		}
		if s.Benefit == plans.Disability {
			g, err := strconv.Atoi(s.Category)
			if err != nil || g < 1 || g > 10 {
				c.add(Error, "bad_grade", SheetSchedules, "category", s.Row, s.Category, "a disability grade 1 to 10", "wb.bad_grade.range", s.Category)
				continue
			}
		}
		k := key{s.Plan, s.Benefit, s.Category}
		if prev, ok := seen[k]; ok {
			c.add(Error, "duplicate_schedule", SheetSchedules, "category", s.Row, s.Category, "one row per plan, benefit and category",
				"wb.duplicate_schedule", s.Plan, benefitName(s.Benefit), s.Category, c.at(SheetSchedules, "category", prev))
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
	// The band rows make the plans' schedules, sorted by edge (set afresh,
	// so that checking a book twice gives the same terms).
	for _, k := range bandOrder {
		t, _ := c.b.Plan(k.plan)
		if k.benefit == plans.BandSchedule {
			t.Bands = bands[k].Sorted()
		} else {
			t.OutpatientBands = bands[k].Sorted()
		}
	}
}

// hasBands reports whether the Schedules sheet has band rows for the plan.
func (c *checker) hasBands(plan string) bool {
	for _, s := range c.b.Schedules {
		if s.Plan == plan && s.Benefit == plans.BandSchedule {
			return true
		}
	}
	return false
}

// band checks one band row of plan t: a plan kind that pays the benefit
// the bands are for, an edge that is a number of yuan ≥ 0 and not repeated,
// a ratio from 0 to 1. It returns the edge and whether the row is usable.
func (c *checker) band(t *plans.Terms, s ScheduleRow, seen map[scheduleKey]int) (float64, bool) {
	paid := plans.Medical
	if s.Benefit == plans.OutpatientBandSchedule {
		paid = plans.Outpatient
	}
	if c.usable(SheetSchedules, s.Row, s.Plan, "kind") && !t.Kind.Allows(paid) {
		c.add(Error, "band_not_allowed", SheetSchedules, "benefit", s.Row, string(s.Benefit), fmt.Sprintf("a plan of a kind that pays %s", paid),
			"wb.band_not_allowed", s.Plan, kindName(t.Kind), benefitName(s.Benefit), benefitName(paid))
		return 0, false
	}
	from, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s.Category), ",", ""), 64)
	if err != nil || !(from >= 0) || math.IsInf(from, 0) || from > 1e8 {
		c.add(Error, "bad_band_edge", SheetSchedules, "category", s.Row, clip(s.Category), "the band's lower edge: yuan from 0 to 100000000",
			"wb.bad_band_edge", clip(s.Category))
		return 0, false
	}
	ok := true
	if r := s.Percent.InexactFloat64(); !(r >= 0 && r <= 1) {
		c.add(Error, "bad_band_ratio", SheetSchedules, "percent", s.Row, s.Percent.String(), "a ratio from 0 to 1",
			"wb.bad_band_ratio", s.Percent.String())
		ok = false
	}
	k := scheduleKey{s.Plan, s.Benefit, strconv.FormatFloat(from, 'f', -1, 64)}
	if prev, dup := seen[k]; dup {
		c.add(Error, "duplicate_band", SheetSchedules, "category", s.Row, s.Category, "one row per band edge",
			"wb.duplicate_band", s.Plan, benefitName(s.Benefit), k.category, c.at(SheetSchedules, "category", prev))
		return 0, false
	}
	seen[k] = s.Row
	return from, ok
}

// bandTerms checks the terms of banded plans: the inpatient bands replace
// the per-admission deductible and ratios, which must then be empty; and
// the claim cap of a plan with bands (inpatient or outpatient: the rules
// cut each band claim by it) is at least the annual cap, where it never
// binds, as the exact method needs (model.CheckBandTerms).
func (c *checker) bandTerms() {
	for _, p := range c.b.Plans {
		if len(p.Bands)+len(p.OutpatientBands) > 0 && p.ClaimCap.Valid {
			switch {
			case !p.AnnualCap.Valid:
				c.add(Error, "bands_claim_cap", SheetPlans, "claim_cap", p.Row, p.ClaimCap.Decimal.String(),
					"empty, or an annual_cap at most the claim cap: the plan pays by cost bands",
					"wb.bands_claim_cap_no_annual", p.Plan)
			case p.ClaimCap.Decimal.LessThan(p.AnnualCap.Decimal):
				c.add(Error, "bands_claim_cap", SheetPlans, "claim_cap", p.Row, p.ClaimCap.Decimal.String(),
					fmt.Sprintf("empty, or at least annual_cap %s: the plan pays by cost bands", p.AnnualCap.Decimal),
					"wb.bands_claim_cap", p.Plan, p.AnnualCap.Decimal.String())
			}
		}
		if len(p.Bands) == 0 {
			continue
		}
		if p.Deductible.Valid {
			c.add(Error, "bands_with_deductible", SheetPlans, "deductible", p.Row, p.Deductible.Decimal.String(), "empty: the plan pays by cost bands",
				"wb.bands_with_deductible", p.Plan)
		}
		for i, r := range p.Ratios {
			if r.Valid {
				key := fmt.Sprintf("ratio_%d", i+1)
				c.add(Error, "bands_with_ratios", SheetPlans, key, p.Row, r.Decimal.String(), "empty: the plan pays by cost bands",
					"wb.bands_with_ratios", p.Plan, key)
			}
		}
	}
}

type planYear struct {
	plan string
	year int
}

func (c *checker) enrolment() {
	type key struct {
		plan, group, class string
		year, start        int // start: the start year of a multi-year plan's cohort (0 = the year)
	}
	seen := map[key]int{}
	for _, e := range c.b.Enrolment {
		t, ok := c.b.Plan(e.Plan)
		if !ok {
			c.unknownPlan(SheetEnrolment, e.Row, e.Plan, "a plan of the Plans sheet")
			continue
		}
		k := key{e.Plan, e.Group, e.Class, e.Year, e.StartYear}
		if k.start == e.Year {
			k.start = 0
		}
		if prev, ok := seen[k]; ok {
			c.add(Error, "duplicate_enrolment", SheetEnrolment, "members", e.Row, "", "one row per year, plan and group",
				"wb.duplicate_enrolment", e.Year, e.Plan, e.Group, c.at(SheetEnrolment, "members", prev))
		}
		seen[k] = e.Row
		if e.Shares > e.Members*int64(max(t.MaxShares, 1)) && c.usable(SheetEnrolment, e.Row, e.Plan, "max_shares") {
			c.add(Error, "shares_above_max", SheetEnrolment, "shares", e.Row, strconv.FormatInt(e.Shares, 10),
				fmt.Sprintf("at most members × max_shares = %d", e.Members*int64(max(t.MaxShares, 1))),
				"wb.shares_above_max", e.Shares, e.Members, t.MaxShares)
		}
		if e.Shares < e.Members {
			c.add(Warning, "shares_below_members", SheetEnrolment, "shares", e.Row, strconv.FormatInt(e.Shares, 10), fmt.Sprintf("at least members = %d", e.Members),
				"wb.shares_below_members", e.Shares, e.Members)
		}
		if e.NewMembers > e.Members {
			c.add(Error, "new_above_members", SheetEnrolment, "new_members", e.Row, strconv.FormatInt(e.NewMembers, 10), fmt.Sprintf("at most members = %d", e.Members),
				"wb.new_above_members", e.NewMembers, e.Members)
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
			c.add(Error, "duplicate_claim_id", SheetClaims, "claim_id", cl.Row, cl.ClaimID, "a unique claim id", "wb.duplicate_claim_id", cl.ClaimID, c.at(SheetClaims, "claim_id", prev))
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
				"wb.benefit_not_allowed", cl.Plan, kindName(t.Kind), benefitName(cl.Benefit))
		} else if cl.Benefit == plans.Outpatient && len(t.OutpatientBands) == 0 {
			c.add(Error, "outpatient_without_bands", SheetClaims, "benefit", cl.Row, string(cl.Benefit), "outpatient_band rows for the plan on the Schedules sheet",
				"wb.outpatient_without_bands", cl.Plan)
		}
		if !cl.EventDate.IsZero() && !cl.ReportDate.IsZero() && cl.ReportDate.Before(cl.EventDate) {
			c.add(Error, "report_before_event", SheetClaims, "report_date", cl.Row, cl.ReportDate.Format("2006-01-02"),
				"a report date on or after the event date "+cl.EventDate.Format("2006-01-02"),
				"wb.report_before_event", cl.ReportDate.Format("2006-01-02"), cl.EventDate.Format("2006-01-02"))
		}
		c.planYearClaim(t, &cl) // planyear.go
		if cl.Shares > max(t.MaxShares, 1) && c.usable(SheetClaims, cl.Row, cl.Plan, "max_shares") {
			c.add(Error, "shares_above_max", SheetClaims, "shares", cl.Row, strconv.Itoa(cl.Shares), fmt.Sprintf("at most max_shares = %d", max(t.MaxShares, 1)),
				"wb.shares_above_max.claim", cl.Shares, max(t.MaxShares, 1))
		}
		if cl.Benefit == plans.Disability && cl.Category != "" {
			if _, ok := t.Schedule(plans.Disability)[cl.Category]; !ok {
				c.add(Error, "bad_grade", SheetClaims, "category", cl.Row, cl.Category, "a grade of the plan's disability schedule", "wb.bad_grade.schedule", cl.Category)
			}
		}
		if !c.usable(SheetClaims, cl.Row, cl.Plan, termKeys...) {
			continue
		}
		if m, ok := limits.maxPayable(t, cl); ok && cl.Paid > m+fenTolerance {
			level := Warning
			when := i18n.N("wb.paid_above_terms.earlier")
			if cl.Year == last {
				level = Error
				when = i18n.N("wb.paid_above_terms.last")
			}
			c.add(level, "paid_above_terms", SheetClaims, "paid", cl.Row, fmt.Sprintf("%.2f", cl.Paid), fmt.Sprintf("at most %.2f", m),
				"wb.paid_above_terms", cl.Paid, m, when)
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
			"wb.claims_without_enrolment", k.plan, k.year)
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
			"wb.paid_above_annual_cap", o.member, o.plan, o.paid, o.year, o.capv)
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
				"wb.claims_above_enrolments", s.Claims, s.Enrolments)
		}
		if s.Claims == 0 && s.Paid.Valid && s.Paid.Decimal.IsPositive() {
			c.add(Error, "paid_without_claims", SheetSummary, "paid", s.Row, s.Paid.Decimal.String(), "no amount when there are no claims",
				"wb.paid_without_claims", s.Paid.Decimal.String())
		}
	}
	if len(c.b.Enrolment) == 0 && len(c.b.Summary) == 0 {
		c.add(Error, "no_experience", SheetEnrolment, "", 0, "", "an Enrolment or Summary sheet with rows",
			"wb.no_experience")
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
	add := func(level Level, code, key, found, exp, msg string, args ...any) {
		cell := c.b.fundCells[key]
		if cell == "" {
			cell = c.sheet(SheetFund)
		}
		*c.probs = append(*c.probs, Problem{Level: level, Code: code, Sheet: c.sheet(SheetFund), Cell: cell,
			Found: found, Expected: exp, Text: i18n.N(msg, args...)})
	}
	if !fd.Given["year"] && fd.Year == 0 && last > 0 {
		fd.Year = last + 1
	}
	if fd.Given["year"] && last > 0 && fd.Year <= last {
		add(Warning, "priced_year_in_data", "year", strconv.Itoa(fd.Year), fmt.Sprintf("a year after the data (%d)", last),
			"wb.priced_year_in_data", fd.Year, last)
	}
	if fd.ReserveFloor.GreaterThan(fd.OpeningReserve) && fd.Given["opening_reserve"] {
		add(Warning, "reserve_below_floor", "opening_reserve", fd.OpeningReserve.String(), "an opening reserve at or above the floor "+fd.ReserveFloor.String(),
			"wb.reserve_below_floor", fd.OpeningReserve.String(), fd.ReserveFloor.String())
	}
	if fd.Given["target_deficit_probability"] && (fd.TargetDeficitProbability <= 0 || fd.TargetDeficitProbability >= 0.5) {
		add(Error, "bad_target", "target_deficit_probability", fmtNum(fd.TargetDeficitProbability), "a probability above 0 and below 0.5",
			"wb.bad_target", fmtNum(fd.TargetDeficitProbability))
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
			"wb.claims_without_members", k.plan, claimsOf[k], k.year)
	}
}

// kindName is a plan kind as messages name it: its key in English, its
// label in Chinese.
func kindName(k plans.Kind) i18n.Name { return i18n.Name{Zh: k.Label("zh"), En: string(k)} }

// benefitName is a benefit as messages name it.
func benefitName(b plans.Benefit) i18n.Name { return i18n.Name{Zh: b.Label("zh"), En: string(b)} }
