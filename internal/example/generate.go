// Package example generates realistic example workbooks: a mid-size city
// association with all seven plans (Generate), deterministic from a seed, and
// the summary-only book of the published 2014 Zhejiang table (Zhejiang2014).
// docs/example.md documents every assumption.
package example

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/plans/book"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// Config sizes the example. Zero values take the defaults.
type Config struct {
	Members  int      // association members in the last year; default 300,000
	Years    int      // years of history; default 3
	LastYear int      // last data year; default 2025 (the Fund sheet prices LastYear+1)
	Seed     uint64   // random seed; default (and 0) 1
	Groups   []string // districts; default the six of a mid-size city
	// MedicalTrend, when set, replaces the example's 6% yearly growth of
	// medical costs (a test draws it from its uncertainty).
	MedicalTrend *float64
	// ReferenceSpread, when > 0, adds a Reference sheet from the truth's
	// neighbourhood with this lognormal error (sdlog; reference.go).
	ReferenceSpread float64
	// Preset names a city's book (preset.go: "weihai"); "" is the default
	// city. It sets the plans and, when not given, Members and Groups.
	Preset string
	// StartMonth and DeadlineMonths, when > 0, set every plan's
	// period_start_month and claim_deadline_months (a test's June–May book).
	StartMonth, DeadlineMonths int
	// Classes, when set, prices the plans of ClassPlans (all plans when
	// empty) by rate class: each member belongs to one class for good, the
	// class's relativities multiply his incidence and costs, and the book
	// gets the class column and a Rates sheet (classes.go; AgeClasses).
	Classes    []ClassSpec
	ClassPlans []string
	// Banded, for the default city, pays its hospital plan by cost bands of
	// the member's cumulative cost in the plan year instead of by
	// admission, and adds an outpatient benefit paid by its own bands
	// (bandedHospital in assumptions.go). A preset's terms are its own.
	Banded bool
}

func (c Config) withDefaults() (Config, error) {
	if c.Preset != "" {
		p, err := preset(c.Preset)
		if err != nil {
			return c, err
		}
		c.Preset = p.Name
		if c.Members == 0 {
			c.Members = p.Members
		}
		if len(c.Groups) == 0 {
			c.Groups = p.Groups
		}
		if len(c.Classes) == 0 {
			c.Classes = p.Classes
		}
	}
	if c.StartMonth < 0 || c.StartMonth > 12 || c.DeadlineMonths < 0 || c.DeadlineMonths > 60 {
		return c, fmt.Errorf("example: start month %d and deadline %d months, expected 1–12 and 0–60", c.StartMonth, c.DeadlineMonths)
	}
	if c.Members == 0 {
		c.Members = 300000
	}
	if c.Years == 0 {
		c.Years = 3
	}
	if c.LastYear == 0 {
		c.LastYear = 2025
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if err := c.checkClasses(); err != nil { // classes.go
		return c, err
	}
	if len(c.Groups) == 0 {
		c.Groups = defaultGroups
	}
	if c.Members < 1 || c.Members > 100_000_000 {
		return c, fmt.Errorf("example: members %d, expected 1 to 100,000,000", c.Members)
	}
	if c.Years < 1 || c.Years > 50 {
		return c, fmt.Errorf("example: years %d, expected 1 to 50", c.Years)
	}
	if c.LastYear-c.Years+1 < 1990 || c.LastYear > 2099 {
		return c, fmt.Errorf("example: years %d to %d, expected within 1990 to 2099", c.LastYear-c.Years+1, c.LastYear)
	}
	if len(c.Groups) > 10000 {
		return c, fmt.Errorf("example: %d groups, expected at most 10,000", len(c.Groups))
	}
	seen := map[string]bool{}
	groups := make([]string, len(c.Groups))
	for i, g := range c.Groups {
		g = strings.TrimSpace(g)
		switch {
		case g == "":
			return c, fmt.Errorf("example: group %d has an empty name", i+1)
		case workbook.IsTotalLabel(g):
			return c, fmt.Errorf("example: group name %q would be read as a total row", g)
		case seen[g]:
			return c, fmt.Errorf("example: group %q given twice", g)
		}
		seen[g] = true
		groups[i] = g
	}
	c.Groups = groups
	return c, nil
}

// Generate returns the example book of cfg and the truth it was drawn from.
// The same Config always gives the identical book. Only claimants are
// simulated: per year, plan and group the number of claimants is binomial
// among the enrolled members, and only their events are drawn.
func Generate(cfg Config) (*workbook.Book, *Truth, error) {
	b, t, _, err := generate(cfg)
	if err == nil && cfg.ReferenceSpread > 0 {
		b.References, err = References(&b.Book, t, t.Seed, cfg.ReferenceSpread) // reference.go
	}
	return b, t, err
}

// rawEvent is an event before the rules decide whether it is recorded and what it pays.
type rawEvent struct {
	member   int32 // the member's number in the group's pool
	isNew    bool  // new to the plan this year (inside the waiting period)
	day      int   // day of the year, 0-based
	order    int8  // on the same day, death last
	seq      int32
	benefit  plans.Benefit
	cost     float64
	days     int
	category string
	lag      int // report date − event date, days
}

type generator struct {
	cfg         Config
	first, last int
	specs       []planSpec
	rules       []*plans.Rules
	counts      [][]dist.Discrete // per plan, per benefit; nil = exactly one
	daysLaw     [][]dist.Discrete
	truth       *Truth
	lo, hi      [][]int // [group][year index]; year index 0 = first−1
	base        []int64 // first global member number of each group
	book        *workbook.Book
	newFlags    []bool // per claim: the member was new to the plan (inside a waiting period)
	class       string // the rate class of the part being emitted ("" without classes)

	// scratch
	existing []int32 // pool numbers of the cell's members, not new / new
	newer    []int32
	events   []rawEvent
	picked   map[int32]struct{}
	claimant []int32
	pev      []plans.Event
	paid     []float64
}

func generate(cfg Config) (*workbook.Book, *Truth, []bool, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, nil, nil, err
	}
	g := &generator{cfg: cfg, last: cfg.LastYear, first: cfg.LastYear - cfg.Years + 1, specs: specsFor(cfg), picked: map[int32]struct{}{}}
	trend := medicalTrend
	if cfg.MedicalTrend != nil {
		trend = *cfg.MedicalTrend
		for i := range g.specs {
			for j := range g.specs[i].benefits {
				if g.specs[i].benefits[j].trend != 0 {
					g.specs[i].benefits[j].trend = trend
				}
			}
		}
	}
	if err := g.setup(); err != nil {
		return nil, nil, nil, err
	}
	g.population()
	// About 0.046 recorded claims per member-year: reserve room once.
	est := int(0.05 * float64(cfg.Members) * float64(cfg.Years))
	g.book.Claims = make([]workbook.Claim, 0, est)
	g.newFlags = make([]bool, 0, est)
	for y := g.first; y <= g.last; y++ {
		for p := range g.specs {
			for gr := range cfg.Groups {
				if err := g.cell(y, p, gr); err != nil {
					return nil, nil, nil, err
				}
			}
		}
	}
	g.finish()
	g.rates() // classes.go
	return g.book, g.truth, g.newFlags, nil
}

// setup builds the rules, the laws and the truth's fixed parts.
func (g *generator) setup() error {
	t := &Truth{Seed: g.cfg.Seed, FirstYear: g.first, LastYear: g.last, MemberGrowth: memberGrowth,
		LeaveRate: leaveRate, FemaleShare: femaleShare, MedicalTrend: medicalTrend}
	if g.cfg.MedicalTrend != nil {
		t.MedicalTrend = *g.cfg.MedicalTrend
	}
	g.presetTruth(t) // preset.go
	g.book = &workbook.Book{
		Book: book.Book{Fund: workbook.DefaultFund()},
		SheetNames: map[string]string{
			workbook.SheetPlans: "计划", workbook.SheetSchedules: "给付标准", workbook.SheetEnrolment: "参保",
			workbook.SheetClaims: "给付明细", workbook.SheetSummary: "", workbook.SheetFund: "基金",
		},
	}
	for _, s := range g.specs {
		terms := s.terms
		g.book.Plans = append(g.book.Plans, workbook.PlanRow{Terms: terms})
		g.book.Schedules = append(g.book.Schedules, scheduleRows(&terms)...)
		g.rules = append(g.rules, terms.Rules())
		pt := PlanTruth{Plan: terms.Plan, Kind: terms.Kind, Participation: s.participation, Drift: s.drift,
			FemaleOnly: s.femaleOnly, Children: s.child, TwoShares: s.twoShares,
			PeriodStartMonth: terms.PeriodStartMonth, ClaimDeadlineMonths: terms.ClaimDeadlineMonths}
		var counts, days []dist.Discrete
		for _, b := range s.benefits {
			bt := BenefitTruth{Benefit: b.benefit, Incidence: b.per10k / 1e4, ClaimsPerClaimant: b.count,
				Days: b.days, Categories: b.categories, Recorded: recordedText(&terms, b.benefit)}
			var c, dl dist.Discrete
			var err error
			if b.count != "" {
				if c, err = dist.ParseDiscrete(b.count); err != nil {
					return fmt.Errorf("example: %s %s: %v", terms.Plan, b.benefit, err)
				}
			}
			if b.days != "" {
				if dl, err = dist.ParseDiscrete(b.days); err != nil {
					return fmt.Errorf("example: %s %s: %v", terms.Plan, b.benefit, err)
				}
				bt.DaysShift = b.daysShift
			}
			counts, days = append(counts, c), append(days, dl)
			if b.sdlog > 0 {
				bt.Trend = b.trend
				bt.Severity = lnormSpec(b.meanlog, b.sdlog)
				for y := g.first; y <= g.last; y++ {
					bt.SeverityByYear = append(bt.SeverityByYear, YearSpec{y, lnormSpec(g.meanlog(b, y), b.sdlog)})
				}
			}
			from := "event"
			if b.days != "" {
				from = "discharge"
			}
			bt.ReportDelay = fmt.Sprintf("%s + exp(mean %g) days, rounded down", from, b.lagMean)
			if b.lagBase > 0 {
				bt.ReportDelay = fmt.Sprintf("%s + %d + exp(mean %g) days, rounded down", from, b.lagBase, b.lagMean)
			}
			pt.Benefits = append(pt.Benefits, bt)
		}
		g.counts, g.daysLaw = append(g.counts, counts), append(g.daysLaw, days)
		t.Plans = append(t.Plans, pt)
	}
	// Group sizes and relativities, from their own stream.
	r := rand.New(rand.NewPCG(g.cfg.Seed, 0xfeed))
	sum := 0.0
	for _, name := range g.cfg.Groups {
		w := math.Exp(groupSizeSD * r.NormFloat64())
		rel := math.Exp(groupRelSD*r.NormFloat64() - groupRelSD*groupRelSD/2)
		t.Groups = append(t.Groups, GroupTruth{Name: name, Weight: w, Relativity: rel})
		sum += w
	}
	for i := range t.Groups {
		t.Groups[i].Weight /= sum
	}
	g.truth = t
	return nil
}

// meanlog is the lognormal meanlog of a benefit's cost in a year: the last
// year's, less the trend for every year before.
func (g *generator) meanlog(b benefitSpec, y int) float64 {
	return b.meanlog - float64(g.last-y)*math.Log1p(b.trend)
}

func recordedText(t *plans.Terms, b plans.Benefit) string {
	switch {
	case b == plans.Medical && len(t.Bands) > 0:
		return "every admission (the plan pays by cost bands: no per-admission deductible)"
	case b == plans.Medical && t.Deductible.Valid:
		return "cost above the deductible of " + t.Deductible.Decimal.String() + " yuan"
	case b == plans.Day && t.FromDay > 1:
		return "stays of at least " + strconv.Itoa(t.FromDay) + " days"
	default:
		return "all"
	}
}

// scheduleRows lists a plan's schedules as Schedules-sheet rows: grades in
// order, disease classes in the order of femaleClasses.
func scheduleRows(t *plans.Terms) []workbook.ScheduleRow {
	var rows []workbook.ScheduleRow
	for _, b := range []plans.Benefit{plans.Disability, plans.Diagnosis} {
		s, ok := t.Schedules[b]
		if !ok {
			continue
		}
		var keys []string
		if b == plans.Disability {
			for g := 1; g <= 10; g++ {
				if _, ok := s[strconv.Itoa(g)]; ok {
					keys = append(keys, strconv.Itoa(g))
				}
			}
		} else {
			for _, c := range femaleClasses {
				if _, ok := s[c.class]; ok {
					keys = append(keys, c.class)
				}
			}
		}
		for _, k := range keys {
			rows = append(rows, workbook.ScheduleRow{Plan: t.Plan, Benefit: b, Category: k, Percent: s[k]})
		}
	}
	for _, sb := range []struct {
		key   plans.Benefit
		bands plans.Bands
	}{{plans.BandSchedule, t.Bands}, {plans.OutpatientBandSchedule, t.OutpatientBands}} {
		for _, x := range sb.bands.Sorted() {
			rows = append(rows, workbook.ScheduleRow{Plan: t.Plan, Benefit: sb.key,
				Category: strconv.FormatFloat(x.From, 'f', -1, 64), Percent: decimal.NewFromFloat(x.Ratio)})
		}
	}
	return rows
}

// population lays out every group's members by year: members are numbered in
// the order they joined; each year the oldest leaveRate of last year's
// members leave and new members take the next numbers.
func (g *generator) population() {
	ny := g.last - g.first + 2 // year index 0 is first−1
	ng := len(g.cfg.Groups)
	weights := make([]float64, ng)
	for i, gt := range g.truth.Groups {
		weights[i] = gt.Weight
	}
	sizes := make([][]int, ny)
	for yi := range ny {
		y := g.first - 1 + yi
		m := int(math.Round(float64(g.cfg.Members) / math.Pow(1+memberGrowth, float64(g.last-y))))
		sizes[yi] = apportion(m, weights)
		if y >= g.first {
			g.truth.Members = append(g.truth.Members, YearCount{y, int64(m)})
		}
	}
	g.lo, g.hi, g.base = make([][]int, ng), make([][]int, ng), make([]int64, ng)
	var next int64
	for gr := range ng {
		lo, hi := make([]int, ny), make([]int, ny)
		hi[0] = sizes[0][gr]
		for yi := 1; yi < ny; yi++ {
			lo[yi] = lo[yi-1] + int(math.Round(leaveRate*float64(sizes[yi-1][gr])))
			hi[yi] = lo[yi] + sizes[yi][gr]
			if hi[yi] < hi[yi-1] {
				hi[yi] = hi[yi-1]
				lo[yi] = hi[yi] - sizes[yi][gr]
			}
		}
		g.lo[gr], g.hi[gr], g.base[gr] = lo, hi, next
		next += int64(hi[ny-1])
	}
}

// apportion splits n among the weights (largest remainders), deterministically.
func apportion(n int, w []float64) []int {
	out := make([]int, len(w))
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(w))
	left := n
	for i, x := range w {
		q := float64(n) * x
		out[i] = int(math.Floor(q))
		left -= out[i]
		rems[i] = rem{i, q - math.Floor(q)}
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.r > b.r:
			return -1
		case a.r < b.r:
			return 1
		}
		return a.i - b.i
	})
	for k := 0; k < left && k < len(rems); k++ {
		out[rems[k].i]++
	}
	return out
}

// participation is the share of eligible members in plan p in year y.
func (g *generator) participation(s *planSpec, y int) float64 {
	x := min(max(s.participation-s.drift*float64(g.last-y), 0.02), 1)
	return math.Round(x*1e6) / 1e6
}

// splitmix64 finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// unit returns a uniform number in [0, 1) fixed by (seed, member, salt): a
// member's lasting traits (sex, which plans, shares) do not change by year.
func (g *generator) unit(gid int64, salt uint64) float64 {
	h := mix64(g.cfg.Seed*0x9e3779b97f4a7c15 ^ mix64(uint64(gid)*0xd1b54a32d192ed03+salt))
	return float64(h>>11) * 0x1p-53
}

const (
	saltFemale = 1
	saltPlan   = 100
	saltShares = 200
	saltCohort = 300
)

// shares is a member's shares in plan p: 2 for a fixed share of the plan's members.
func (g *generator) shares(p int, gid int64) int {
	if s := g.specs[p].twoShares; s > 0 && g.unit(gid, saltShares+uint64(p)) < s {
		return 2
	}
	return 1
}

func memberID(gid int64) string { return "M" + fmt.Sprintf("%07d", gid+1) }

// cell simulates plan p in group gr in year y: its enrolment row and claims
// (one part per rate class of a plan priced by class; classes.go).
func (g *generator) cell(y, p, gr int) error {
	if !g.classed(p) {
		return g.cellPart(y, p, gr, -1)
	}
	for c := range g.cfg.Classes {
		if err := g.cellPart(y, p, gr, c); err != nil {
			return err
		}
	}
	return nil
}

// cellPart simulates the members of rate class cls (−1: all members) of
// plan p in group gr in year y.
func (g *generator) cellPart(y, p, gr, cls int) error {
	s := &g.specs[p]
	yi := y - g.first + 1
	fy, fprev := g.participation(s, y), g.participation(s, y-1)
	g.existing, g.newer = g.existing[:0], g.newer[:0]
	terms := &s.terms
	period := terms.Period()
	// A multi-year plan's members by the start year of their current period
	// (index y − start): members, shares.
	cohort := make([][2]int64, period)
	var shares int64
	for i := g.lo[gr][yi]; i < g.hi[gr][yi]; i++ {
		gid := g.base[gr] + int64(i)
		if s.femaleOnly && g.unit(gid, saltFemale) >= femaleShare {
			continue
		}
		if cls >= 0 && g.classOf(gid) != cls {
			continue
		}
		u := g.unit(gid, saltPlan+uint64(p))
		if u >= fy {
			continue
		}
		sh := int64(g.shares(p, gid))
		shares += sh
		isNew := i >= g.hi[gr][yi-1] || u >= fprev
		if isNew {
			g.newer = append(g.newer, int32(i))
		} else {
			g.existing = append(g.existing, int32(i))
		}
		if period > 1 {
			k := 0
			if !isNew {
				k = (y - g.joined(s, p, gr, i, gid, u, y)) % period
			}
			cohort[k][0]++
			cohort[k][1] += sh
		}
	}
	group := g.cfg.Groups[gr]
	nNew := int64(len(g.newer))
	members := int64(len(g.existing)) + nNew
	if period == 1 {
		g.book.Enrolment = append(g.book.Enrolment, workbook.EnrolmentRow{
			Year: y, Plan: terms.Plan, Group: group, Members: members, Shares: shares, NewMembers: nNew,
			Contributions: decimal.NewNullDecimal(g.classPrice(s, cls).Mul(decimal.NewFromInt(shares))), Class: g.className(cls),
		})
	} else {
		// One row per start year, earliest first; the new members are in
		// this year's cohort; contributions earned: a period's contribution
		// ÷ period_years a share-year.
		for k := period - 1; k >= 0; k-- {
			if cohort[k][0] == 0 {
				continue
			}
			row := workbook.EnrolmentRow{Year: y, Plan: terms.Plan, Group: group, Members: cohort[k][0], Shares: cohort[k][1], StartYear: y - k,
				Contributions: decimal.NewNullDecimal(g.classPrice(s, cls).Mul(decimal.NewFromInt(cohort[k][1])).Round(2)), Class: g.className(cls)}
			if k == 0 {
				row.NewMembers = nNew
			}
			g.book.Enrolment = append(g.book.Enrolment, row)
		}
	}
	pt := &g.truth.Plans[p]
	if len(pt.Enrolment) == 0 || pt.Enrolment[len(pt.Enrolment)-1].Year != y {
		pt.Enrolment = append(pt.Enrolment, EnrolmentTruth{Year: y, Participation: fy})
	}
	et := &pt.Enrolment[len(pt.Enrolment)-1]
	et.Members += members
	et.Shares += shares
	et.NewMembers += nNew
	et.Exposure += plans.Exposure(members, nNew, terms.WaitingDays)

	// Claims: one random stream per cell, so a cell's draws do not depend on
	// the size of any other.
	src := rand.NewPCG(g.cfg.Seed, uint64(cls+1)<<56|uint64(y)<<32|uint64(p)<<16|uint64(gr))
	r := rand.New(src)
	rel := g.truth.Groups[gr].Relativity
	incRel, sevRel := g.classRel(cls)
	rel *= incRel
	yearDays := int(terms.YearStart(y+1).Sub(terms.YearStart(y)).Hours()/24 + 0.5) // days of the plan year
	wait := min(terms.WaitingDays, plans.DaysPerYear)
	newFrac := 1 - float64(wait)/plans.DaysPerYear
	g.events = g.events[:0]
	for bi, b := range s.benefits {
		q := min(b.per10k/1e4*rel, 1)
		var count, days dist.Discrete
		if c := g.counts[p][bi]; c != nil {
			count, _ = dist.DiscreteWithSource(c, src)
		}
		if dl := g.daysLaw[p][bi]; dl != nil {
			days, _ = dist.DiscreteWithSource(dl, src)
		}
		var sev dist.LogNormal
		if b.sdlog > 0 {
			sev = dist.LogNormal{MeanLog: g.meanlog(b, y), SdLog: b.sdlog, Src: src}
		}
		for _, part := range []struct {
			list  []int32
			p     float64
			start int
			isNew bool
		}{{g.existing, q, 0, false}, {g.newer, q * newFrac, wait, true}} {
			if len(part.list) == 0 || part.p <= 0 || part.start >= yearDays {
				continue
			}
			k := dist.Binomial{Size: len(part.list), P: part.p, Src: src}.Rand()
			for _, j := range g.sample(r, len(part.list), k) {
				m := part.list[j]
				n := 1
				if count != nil {
					n = count.Rand()
				}
				for range n {
					e := rawEvent{member: m, isNew: part.isNew, day: part.start + r.IntN(yearDays-part.start), seq: int32(len(g.events)),
						benefit: b.benefit, cost: math.NaN(), days: -1}
					if b.benefit == plans.Death {
						e.order = 1
					}
					if b.sdlog > 0 {
						e.cost = sev.Rand() * sevRel
					}
					if days != nil {
						e.days = b.daysShift + days.Rand()
					}
					if len(b.categories) > 0 {
						e.category = pick(r, b.categories)
					}
					e.lag = b.lagBase + int(r.ExpFloat64()*b.lagMean)
					if e.days > 0 {
						e.lag += e.days
					}
					g.events = append(g.events, e)
				}
			}
		}
	}
	g.class = g.className(cls)
	return g.emit(y, p, gr)
}

// joined is the year member i of group gr (global number gid, plan draw u)
// joined plan p, a member in year y who was already in it the year before:
// the earliest year of an unbroken run back from y in which he was in the
// association and the plan's participation reached u. A run reaching back
// to the year before the first data year began earlier: in one of the
// plan's period years before it, fixed by (seed, member, plan).
func (g *generator) joined(s *planSpec, p, gr, i int, gid int64, u float64, y int) int {
	j := y
	for yy := y - 1; yy >= g.first-1; yy-- {
		yi := yy - g.first + 1
		if i < g.lo[gr][yi] || i >= g.hi[gr][yi] || u >= g.participation(s, yy) {
			return j
		}
		j = yy
	}
	period := s.terms.Period()
	return j - int(g.unit(gid, saltCohort+uint64(p))*float64(period))
}

// sample draws k distinct indices of [0, n) (Floyd's algorithm).
func (g *generator) sample(r *rand.Rand, n, k int) []int32 {
	clear(g.picked)
	g.claimant = g.claimant[:0]
	for j := n - k; j < n; j++ {
		t := int32(r.IntN(j + 1))
		if _, dup := g.picked[t]; dup {
			t = int32(j)
		}
		g.picked[t] = struct{}{}
		g.claimant = append(g.claimant, t)
	}
	return g.claimant
}

func pick(r *rand.Rand, mix []CategoryShare) string {
	u := r.Float64()
	for _, c := range mix {
		if u < c.Share {
			return c.Category
		}
		u -= c.Share
	}
	return mix[len(mix)-1].Category
}

// emit turns the cell's events into claims: per member in date order, events
// after a death are dropped, only recorded events are kept (medical costs
// above the deductible, stays reaching the first paid day), and the rules pay
// them; payments are rounded to the fen on the running total, so that a
// member's year never exceeds a cap by rounding.
func (g *generator) emit(y, p, gr int) error {
	ev := g.events
	slices.SortFunc(ev, func(a, b rawEvent) int {
		if a.member != b.member {
			return int(a.member - b.member)
		}
		if a.day != b.day {
			return a.day - b.day
		}
		if a.order != b.order {
			return int(a.order - b.order)
		}
		return int(a.seq - b.seq)
	})
	terms := &g.specs[p].terms
	rules := g.rules[p]
	jan1 := terms.YearStart(y) // the plan year's first day
	for i := 0; i < len(ev); {
		j := i
		for j < len(ev) && ev[j].member == ev[i].member {
			j++
		}
		run := ev[i:j]
		i = j
		kept := run[:0:0]
		g.pev = g.pev[:0]
		for k := range run {
			e := run[k]
			if !recorded(rules, &e) || terms.Late(y, jan1.AddDate(0, 0, e.day+e.lag)) {
				continue // not claimed, or reported after the claim deadline (not payable)
			}
			kept = append(kept, e)
			g.pev = append(g.pev, plans.Event{Benefit: e.benefit, Cost: roundFen(e.cost), Days: e.days, Category: e.category})
			if e.benefit == plans.Death {
				break
			}
		}
		if len(kept) == 0 {
			continue
		}
		gid := g.base[gr] + int64(kept[0].member)
		shares := g.shares(p, gid)
		g.paid = slices.Grow(g.paid[:0], len(kept))[:len(kept)]
		if err := rules.PayYear(g.pev, shares, g.paid); err != nil {
			return fmt.Errorf("example: %s %d: %v", terms.Plan, y, err)
		}
		id := memberID(gid)
		if g.specs[p].child {
			id += "-C"
		}
		cum, cumRounded := 0.0, 0.0
		for k, e := range kept {
			cum += g.paid[k]
			rounded := math.Round(cum*100) / 100
			paid := math.Round((rounded-cumRounded)*100) / 100
			cumRounded = rounded
			event := jan1.AddDate(0, 0, e.day)
			g.book.Claims = append(g.book.Claims, workbook.Claim{
				ClaimID: "", Year: y, Plan: terms.Plan, MemberID: id, Group: g.cfg.Groups[gr],
				Benefit: e.benefit, EventDate: event, ReportDate: event.AddDate(0, 0, e.lag),
				Days: e.days, Cost: roundFen(e.cost), Category: e.category, Shares: shares, Paid: paid, Class: g.class,
			})
			g.newFlags = append(g.newFlags, e.isNew)
		}
	}
	return nil
}

func roundFen(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return math.Round(x*100) / 100
}

// recorded reports whether an event reaches the association's records, by
// the plan's rules: a medical cost at or below the deductible is never
// claimed (a banded plan has none: every admission is recorded, as its
// bands need the year's whole cost; so is every outpatient cost) (plans.Rules.Claimed; the records are left-truncated at the
// deductible, and such a stay takes no admission number), nor a stay shorter
// than the first paid day (no paid days).
func recorded(r *plans.Rules, e *rawEvent) bool {
	switch e.benefit {
	case plans.Medical:
		return r.Claimed(roundFen(e.cost))
	case plans.Day:
		return r.PaidDays(e.days) > 0
	}
	return true
}

// finish numbers the claims and fills the Fund sheet.
func (g *generator) finish() {
	seq := map[int]int{}
	for i := range g.book.Claims {
		c := &g.book.Claims[i]
		seq[c.Year]++
		c.ClaimID = fmt.Sprintf("%d-%06d", c.Year, seq[c.Year])
	}
	total := decimal.Zero
	for _, e := range g.book.Enrolment {
		if e.Year == g.last {
			total = total.Add(e.Contributions.Decimal)
		}
	}
	roundTo := func(x decimal.Decimal) decimal.Decimal {
		return x.Div(decimal.NewFromInt(10000)).Round(0).Mul(decimal.NewFromInt(10000))
	}
	f := workbook.DefaultFund()
	f.Year = g.last + 1
	f.OpeningReserve = roundTo(total.Mul(decimal.NewFromFloat(reserveRatio)))
	f.ReserveFloor = roundTo(total.Mul(decimal.NewFromFloat(floorRatio)))
	f.MedicalTrend = medicalTrend
	// Every key with a value is written out (the optional keys stay empty).
	for _, k := range book.FundKeys {
		if k.Get(&f) != nil {
			f.Given[k.Key] = true
		}
	}
	g.book.Fund = f
}
