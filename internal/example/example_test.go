package example

import (
	"encoding/json"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// The default book is generated once and shared by the statistical tests.
var (
	defOnce  sync.Once
	defBook  *workbook.Book
	defTruth *Truth
	defNew   []bool
	defErr   error
)

func defaultBook(t *testing.T) (*workbook.Book, *Truth, []bool) {
	t.Helper()
	defOnce.Do(func() { defBook, defTruth, defNew, defErr = generate(Config{}) })
	if defErr != nil {
		t.Fatal(defErr)
	}
	return defBook, defTruth, defNew
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Members: 20000, Years: 2, Seed: 7}
	a, ta, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, tb, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// %v prints NaN costs as "NaN" and decimals by value, so equal books print equal.
	if fmt.Sprintf("%v", *a) != fmt.Sprintf("%v", *b) || fmt.Sprintf("%v", *ta) != fmt.Sprintf("%v", *tb) {
		t.Fatal("the same Config gave different books")
	}
	if len(a.Claims) == 0 {
		t.Fatal("no claims")
	}
	c, _, err := Generate(Config{Members: 20000, Years: 2, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%v", c.Claims) == fmt.Sprintf("%v", a.Claims) {
		t.Error("seeds 7 and 8 gave the same claims")
	}
}

func TestSmallBook(t *testing.T) {
	b, tr, err := Generate(Config{Members: 2000, Years: 2, LastYear: 2020, Groups: []string{"甲区", "乙区"}})
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{} // year, plan and group (a 3-year plan has a row per start year)
	for _, e := range b.Enrolment {
		cells[fmt.Sprint(e.Year, e.Plan, e.Group)] = true
	}
	if len(b.Plans) != 7 || len(cells) != 2*7*2 {
		t.Fatalf("%d plans, %d enrolment cells; want 7 and 28", len(b.Plans), len(cells))
	}
	if b.Fund.Year != 2021 || b.LastYear() != 2020 || tr.FirstYear != 2019 {
		t.Errorf("fund year %d, last year %d, first year %d", b.Fund.Year, b.LastYear(), tr.FirstYear)
	}
	var last int64
	for _, e := range b.Enrolment {
		if e.Plan == "nonwork_accident_fire" && e.Year == 2020 {
			last += e.Members
		}
	}
	if last != 2000 {
		t.Errorf("the free plan covers every member: %d in 2020, want 2000", last)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []Config{
		{Members: -1},
		{Years: 51},
		{LastYear: 1991, Years: 3},
		{LastYear: 2100},
		{Groups: []string{"东区", "东区"}},
		{Groups: []string{"东区", " "}},
		{Groups: []string{"合计"}},
	} {
		if _, _, err := Generate(c); err == nil {
			t.Errorf("Generate(%+v): want an error", c)
		}
	}
}

func TestBookInvariants(t *testing.T) {
	b, _, isNew := defaultBook(t)
	ids := map[string]bool{}
	type mkey struct {
		plan, member string
		year         int
	}
	yearPaid := map[mkey]float64{}
	newSeen := map[string]int{}
	for i, c := range b.Claims {
		terms, ok := b.Plan(c.Plan)
		if !ok {
			t.Fatalf("claim %s: unknown plan %q", c.ClaimID, c.Plan)
		}
		if ids[c.ClaimID] {
			t.Fatalf("claim id %s twice", c.ClaimID)
		}
		ids[c.ClaimID] = true
		if !terms.Kind.Allows(c.Benefit) {
			t.Errorf("claim %s: a %s plan does not pay %s", c.ClaimID, terms.Kind, c.Benefit)
		}
		if c.EventDate.Year() != c.Year || c.ReportDate.Before(c.EventDate) {
			t.Errorf("claim %s: year %d, event %v, report %v", c.ClaimID, c.Year, c.EventDate, c.ReportDate)
		}
		if isNew[i] {
			newSeen[c.Plan]++
			if day := c.EventDate.YearDay() - 1; day < terms.WaitingDays {
				t.Errorf("claim %s: new member's event on day %d of a %d-day waiting period", c.ClaimID, day, terms.WaitingDays)
			}
		}
		if !(c.Paid >= 0) || c.Shares < 1 || c.Shares > terms.MaxShares {
			t.Errorf("claim %s: paid %v, shares %d", c.ClaimID, c.Paid, c.Shares)
		}
		s := float64(c.Shares)
		limit := math.Inf(1)
		switch c.Benefit {
		case plans.Medical:
			limit = terms.ClaimCap.Decimal.InexactFloat64() * s
			if !(c.Cost > terms.Deductible.Decimal.InexactFloat64()) {
				t.Errorf("claim %s: cost %v at or below the deductible is recorded", c.ClaimID, c.Cost)
			}
		case plans.Day:
			limit = terms.DailyAmount.Decimal.InexactFloat64() * float64(terms.MaxDays) * s
			if c.Days < terms.FromDay {
				t.Errorf("claim %s: a %d-day stay is recorded", c.ClaimID, c.Days)
			}
		case plans.Diagnosis, plans.Death:
			limit = terms.LumpSum.Decimal.InexactFloat64() * s
		case plans.Disability:
			limit = terms.DisabilitySum.Decimal.InexactFloat64() * s
		case plans.Fire:
			limit = terms.FireCap.Decimal.InexactFloat64()
		}
		if c.Paid > limit+0.01 {
			t.Errorf("claim %s: paid %v above the cap %v", c.ClaimID, c.Paid, limit)
		}
		if terms.AnnualCap.Valid {
			k := mkey{c.Plan, c.MemberID, c.Year}
			yearPaid[k] += c.Paid
			if cap := terms.AnnualCap.Decimal.InexactFloat64() * s; yearPaid[k] > cap+1e-6 {
				t.Errorf("member %s %d: paid %v above the annual cap %v", c.MemberID, c.Year, yearPaid[k], cap)
			}
		}
	}
	for _, p := range []string{"hospital", "hospital_cash", "female_disease", "critical_illness"} {
		if newSeen[p] == 0 {
			t.Errorf("plan %s: no claims of new members, the waiting-period check tested nothing", p)
		}
	}
}

// Paying the book's claims again with the plans' rules, member by member in
// date order, reproduces the paid column (to the fen of the running rounding).
func TestPaidFollowsTheRules(t *testing.T) {
	b, _, _ := defaultBook(t)
	rules := map[string]*plans.Rules{}
	for _, p := range b.Plans {
		rules[p.Plan] = p.Terms.Rules()
	}
	var capped, multi int
	terms := map[string]*plans.Terms{}
	for i := range b.Plans {
		terms[b.Plans[i].Plan] = &b.Plans[i].Terms
	}
	for i := 0; i < len(b.Claims); {
		j := i
		for j < len(b.Claims) && b.Claims[j].Plan == b.Claims[i].Plan && b.Claims[j].MemberID == b.Claims[i].MemberID && b.Claims[j].Year == b.Claims[i].Year {
			j++
		}
		run := b.Claims[i:j]
		events := make([]plans.Event, len(run))
		for k, c := range run {
			events[k] = plans.Event{Benefit: c.Benefit, Cost: c.Cost, Days: c.Days, Category: c.Category}
			if k > 0 && c.EventDate.Before(run[k-1].EventDate) {
				t.Fatalf("claims of member %s not in date order", c.MemberID)
			}
		}
		paid := make([]float64, len(run))
		if err := rules[run[0].Plan].PayYear(events, run[0].Shares, paid); err != nil {
			t.Fatal(err)
		}
		for k, c := range run {
			if math.Abs(paid[k]-c.Paid) > 0.0101 {
				t.Fatalf("claim %s: paid %v, the rules give %v", c.ClaimID, c.Paid, paid[k])
			}
			// Paid below the lowest ratio of the excess: a cap cut it.
			if tm := terms[c.Plan]; c.Benefit == plans.Medical && c.Paid < tm.Ratio(3).InexactFloat64()*(c.Cost-tm.Deductible.Decimal.InexactFloat64())-0.01 {
				capped++
			}
		}
		if len(run) > 1 {
			multi++
		}
		i = j
	}
	if capped == 0 || multi == 0 {
		t.Errorf("%d capped medical claims, %d members with several claims: the rules were not exercised", capped, multi)
	}
}

// expected returns the expected number of recorded claims of a benefit and its
// standard deviation, from the book's enrolment and the truth: per group and
// year, claimants m = rel · q · (old + new · (1 − w/365)), each with R
// recorded events, R a thinning of N by the chance p that an event is
// recorded; Var ≈ Σ m · E[R²], E[R²] = E[N] p(1−p) + E[N²] p².
func expected(t *testing.T, b *workbook.Book, tr *Truth, plan string, ben plans.Benefit, year int) (mean, sd float64) {
	t.Helper()
	terms, _ := b.Plan(plan)
	pt, _ := tr.Plan(plan)
	bt, ok := pt.Benefit(ben)
	if !ok {
		t.Fatalf("%s has no %s", plan, ben)
	}
	count, err := bt.Count()
	if err != nil {
		t.Fatal(err)
	}
	en, en2 := 1.0, 1.0
	if count != nil {
		en, en2 = count.Mean(), count.Variance()+count.Mean()*count.Mean()
	}
	for _, e := range b.Enrolment {
		if e.Plan != plan || (year != 0 && e.Year != year) {
			continue
		}
		p := 1.0
		switch {
		case ben == plans.Medical:
			sev, err := bt.SeverityIn(e.Year)
			if err != nil {
				t.Fatal(err)
			}
			p = sev.Survival(terms.Deductible.Decimal.InexactFloat64())
		case ben == plans.Day:
			dl, err := bt.DaysLaw()
			if err != nil {
				t.Fatal(err)
			}
			if k := terms.FromDay - bt.DaysShift - 1; k >= 0 {
				p = 1 - dl.CDF(k)
			}
		}
		g, _ := tr.Group(e.Group)
		m := g.Relativity * bt.Incidence * plans.Exposure(e.Members, e.NewMembers, terms.WaitingDays)
		mean += m * en * p
		sd += m * (en*p*(1-p) + en2*p*p)
	}
	return mean, math.Sqrt(sd)
}

func TestIncidenceMatchesTruth(t *testing.T) {
	b, tr, _ := defaultBook(t)
	type key struct {
		plan    string
		benefit plans.Benefit
		year    int
	}
	got := map[key]int{}
	for _, c := range b.Claims {
		got[key{c.Plan, c.Benefit, c.Year}]++
		got[key{c.Plan, c.Benefit, 0}]++
	}
	for _, pt := range tr.Plans {
		for _, bt := range pt.Benefits {
			years := []int{0}
			if bt.Incidence >= 0.005 { // enough claims to test every year
				for y := tr.FirstYear; y <= tr.LastYear; y++ {
					years = append(years, y)
				}
			}
			for _, y := range years {
				mean, sd := expected(t, b, tr, pt.Plan, bt.Benefit, y)
				n := float64(got[key{pt.Plan, bt.Benefit, y}])
				if math.Abs(n-mean) > 4*sd {
					t.Errorf("%s %s year %d: %v recorded claims, expected %.1f ± %.1f (4 sd)", pt.Plan, bt.Benefit, y, n, mean, 4*sd)
				}
			}
		}
	}
}

// meanSE returns the sample mean and its standard error.
func meanSE(x []float64) (float64, float64) {
	var s, s2 float64
	for _, v := range x {
		s += v
	}
	m := s / float64(len(x))
	for _, v := range x {
		s2 += (v - m) * (v - m)
	}
	return m, math.Sqrt(s2 / float64(len(x)-1) / float64(len(x)))
}

func TestSeverityMatchesTruth(t *testing.T) {
	b, tr, _ := defaultBook(t)
	costs := func(plan string, ben plans.Benefit, year int) []float64 {
		var x []float64
		for _, c := range b.Claims {
			if c.Plan == plan && c.Benefit == ben && (year == 0 || c.Year == year) {
				x = append(x, c.Cost)
			}
		}
		return x
	}
	// Recorded medical costs are the ground-up law left-truncated at the
	// deductible: E[X | X > d] = (E[X] − E[X ∧ d]) / S(d) + d.
	for _, plan := range []string{"hospital", "child_accident"} {
		terms, _ := b.Plan(plan)
		pt, _ := tr.Plan(plan)
		bt, _ := pt.Benefit(plans.Medical)
		dd := terms.Deductible.Decimal.InexactFloat64()
		for y := tr.FirstYear; y <= tr.LastYear; y++ {
			sev, err := bt.SeverityIn(y)
			if err != nil {
				t.Fatal(err)
			}
			want := (sev.Mean()-sev.LEV(dd))/sev.Survival(dd) + dd
			m, se := meanSE(costs(plan, plans.Medical, y))
			if math.Abs(m-want) > 4*se {
				t.Errorf("%s %d: mean recorded cost %.1f, truth %.1f (4 SE = %.1f)", plan, y, m, want, 4*se)
			}
		}
	}
	// Fire losses are recorded whatever their size and have no trend.
	pt, _ := tr.Plan("nonwork_accident_fire")
	bt, _ := pt.Benefit(plans.Fire)
	sev, err := dist.ParseContinuous(bt.Severity)
	if err != nil {
		t.Fatal(err)
	}
	if m, se := meanSE(costs("nonwork_accident_fire", plans.Fire, 0)); math.Abs(m-sev.Mean()) > 4*se {
		t.Errorf("fire: mean loss %.0f, truth %.0f (4 SE = %.0f)", m, sev.Mean(), 4*se)
	}
	// Days: 1 + K; hospital cash records stays of 4 days or more.
	for _, c := range []struct {
		plan    string
		benefit plans.Benefit
		from    int
	}{{"hospital_cash", plans.Day, 4}, {"accident", plans.Day, 1}, {"hospital", plans.Medical, 1}} {
		pt, _ := tr.Plan(c.plan)
		bt, _ := pt.Benefit(c.benefit)
		law, err := bt.DaysLaw()
		if err != nil {
			t.Fatal(err)
		}
		var num, den float64
		for k := 0; k < 5000; k++ {
			if d := bt.DaysShift + k; d >= c.from {
				num += float64(d) * law.Prob(k)
				den += law.Prob(k)
			}
		}
		var x []float64
		for _, cl := range b.Claims {
			if cl.Plan == c.plan && cl.Benefit == c.benefit {
				x = append(x, float64(cl.Days))
			}
		}
		if m, se := meanSE(x); math.Abs(m-num/den) > 4*se {
			t.Errorf("%s: mean recorded days %.3f, truth %.3f (4 SE = %.3f)", c.plan, m, num/den, 4*se)
		}
	}
}

func TestCategoryMix(t *testing.T) {
	b, tr, _ := defaultBook(t)
	for _, c := range []struct {
		plan     string
		benefit  plans.Benefit
		category string
	}{{"female_disease", plans.Diagnosis, "乳腺癌"}, {"critical_illness", plans.Diagnosis, "恶性肿瘤"}, {"accident", plans.Disability, "10"}} {
		pt, _ := tr.Plan(c.plan)
		bt, _ := pt.Benefit(c.benefit)
		want := -1.0
		for _, s := range bt.Categories {
			if s.Category == c.category {
				want = s.Share
			}
		}
		var n, k float64
		for _, cl := range b.Claims {
			if cl.Plan == c.plan && cl.Benefit == c.benefit {
				n++
				if cl.Category == c.category {
					k++
				}
			}
		}
		if se := math.Sqrt(want * (1 - want) / n); math.Abs(k/n-want) > 4*se {
			t.Errorf("%s: share of %s %.3f, truth %.3f (4 SE = %.3f, n = %v)", c.plan, c.category, k/n, want, 4*se, n)
		}
	}
}

func TestEnrolmentMatchesTruth(t *testing.T) {
	b, tr, _ := defaultBook(t)
	if tr.Members[len(tr.Members)-1].Count != 300000 {
		t.Errorf("members in the last year %d, want 300000", tr.Members[len(tr.Members)-1].Count)
	}
	twoShares := map[string]bool{}
	for _, pt := range tr.Plans {
		terms, _ := b.Plan(pt.Plan)
		for _, et := range pt.Enrolment {
			var m, s, n, rows int64
			contrib := decimal.Zero
			for _, e := range b.Enrolment {
				if e.Plan == pt.Plan && e.Year == et.Year {
					m, s, n, rows = m+e.Members, s+e.Shares, n+e.NewMembers, rows+1
					contrib = contrib.Add(e.Contributions.Decimal)
					if e.Shares > e.Members {
						twoShares[pt.Plan] = true
					}
				}
			}
			if m != et.Members || s != et.Shares || n != et.NewMembers {
				t.Errorf("%s %d: book %d/%d/%d, truth %d/%d/%d", pt.Plan, et.Year, m, s, n, et.Members, et.Shares, et.NewMembers)
			}
			// Each row to the fen: a 3-year plan's rows (one per start year) round.
			if contrib.Sub(terms.YearlyContribution().Mul(decimal.NewFromInt(s))).Abs().GreaterThan(decimal.New(5*rows, -3)) {
				t.Errorf("%s %d: contributions %s for %d shares", pt.Plan, et.Year, contrib, s)
			}
			// Binomial participation: within 4 sd of the eligible members × participation.
			var eligible int64
			for _, yc := range tr.Members {
				if yc.Year == et.Year {
					eligible = yc.Count
				}
			}
			p := et.Participation
			if pt.FemaleOnly {
				p *= tr.FemaleShare
			}
			want := float64(eligible) * p
			if sd := math.Sqrt(want * (1 - p)); math.Abs(float64(m)-want) > 4*sd+1 {
				t.Errorf("%s %d: %d members, expected %.0f ± %.0f", pt.Plan, et.Year, m, want, 4*sd)
			}
			if pt.Plan != "nonwork_accident_fire" && (n == 0 || n >= m) {
				t.Errorf("%s %d: %d new of %d members", pt.Plan, et.Year, n, m)
			}
		}
	}
	if !twoShares["female_disease"] || !twoShares["critical_illness"] || twoShares["hospital"] {
		t.Errorf("plans with members holding 2 shares: %v", twoShares)
	}
	f := b.Fund
	if f.Year != 2026 || !f.OpeningReserve.IsPositive() || !f.ReserveFloor.LessThan(f.OpeningReserve) || !f.Given["opening_reserve"] {
		t.Errorf("fund %+v", f)
	}
}

func TestTruthSpecs(t *testing.T) {
	_, tr, _ := defaultBook(t)
	for _, pt := range tr.Plans {
		for _, bt := range pt.Benefits {
			if _, err := bt.Count(); err != nil {
				t.Error(err)
			}
			if _, err := bt.DaysLaw(); err != nil {
				t.Error(err)
			}
			if bt.Severity != "" {
				last, err := bt.SeverityIn(tr.LastYear)
				if err != nil {
					t.Fatal(err)
				}
				first, err := bt.SeverityIn(tr.FirstYear)
				if err != nil {
					t.Fatal(err)
				}
				// The scale grows by the trend: mean ratio (1 + trend)^(years − 1).
				want := math.Pow(1+bt.Trend, float64(tr.LastYear-tr.FirstYear))
				if r := last.Mean() / first.Mean(); math.Abs(r-want) > 1e-12*want {
					t.Errorf("%s %s: mean grows by %v, want %v", pt.Plan, bt.Benefit, r, want)
				}
			}
			sum := 0.0
			for _, c := range bt.Categories {
				sum += c.Share
			}
			if len(bt.Categories) > 0 && math.Abs(sum-1) > 1e-12 {
				t.Errorf("%s %s: category shares add up to %v", pt.Plan, bt.Benefit, sum)
			}
		}
	}
	if _, err := json.Marshal(tr); err != nil {
		t.Errorf("truth does not encode: %v", err)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, _, err := Generate(Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A 3-year plan's Enrolment rows: one per start year within the period, the
// new members in this year's cohort only; a cohort keeps its members from
// year to year but for those who leave the association (never grows), and
// the cohorts are of comparable size (members join in every year).
func TestCohortRows(t *testing.T) {
	b, _, _ := defaultBook(t)
	type key struct {
		group       string
		year, start int
	}
	shares := map[key]int64{}
	for _, e := range b.Enrolment {
		terms, _ := b.Plan(e.Plan)
		if terms.Period() == 1 {
			if e.StartYear != 0 {
				t.Errorf("%s %d: start year %d on a 1-year plan", e.Plan, e.Year, e.StartYear)
			}
			continue
		}
		if e.StartYear > e.Year || e.Year-e.StartYear >= terms.Period() {
			t.Errorf("%s %d %s: start year %d", e.Plan, e.Year, e.Group, e.StartYear)
		}
		if e.NewMembers > 0 && e.StartYear != e.Year {
			t.Errorf("%s %d %s: %d new members in the cohort of %d", e.Plan, e.Year, e.Group, e.NewMembers, e.StartYear)
		}
		shares[key{e.Group, e.Year, e.StartYear}] += e.Shares
	}
	if len(shares) == 0 {
		t.Fatal("no multi-year plan rows")
	}
	for k, s := range shares {
		if prev, ok := shares[key{k.group, k.year - 1, k.start}]; ok && s > prev {
			t.Errorf("%s: cohort of %d grows from %d to %d shares in %d", k.group, k.start, prev, s, k.year)
		}
		if k.year == b.LastYear() {
			if y := shares[key{k.group, k.year, k.year}]; !(float64(s) > 0.3*float64(y)) {
				t.Errorf("%s %d: cohort of %d has %d shares, this year's %d", k.group, k.year, k.start, s, y)
			}
		}
	}
}
