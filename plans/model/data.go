// Package model turns a workbook's experience into per-plan claim models
// (incidence, claims per claimant, severity, category mixes) and computes the
// distribution of next year's benefits of every plan and of the fund. The math
// is in actuarial/; the benefit rules in plans.
package model

import (
	"math"
	"sort"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
)

// YearData is one plan's exposure and claims in one year.
type YearData struct {
	Year          int
	Members       int64
	Shares        int64
	NewMembers    int64
	Exposure      float64 // member-years of cover (new members lose their waiting period)
	Contributions decimal.Decimal
	Claims        map[plans.Benefit]int64
	Paid          map[plans.Benefit]float64
	PaidTotal     float64
}

// ClaimRec is one claim of the plan, as recorded.
type ClaimRec struct {
	Year     int
	Member   string
	Benefit  plans.Benefit
	Cost     float64 // NaN when not given
	Days     int     // −1 when not given
	Category string
	Shares   int
	Paid     float64
	Order    int    // chronological order within the member's year (1 = first)
	Class    string // the rate class of the row ("" without)
}

// Data is a plan's experience.
type Data struct {
	Terms    *plans.Terms
	LastYear int
	Years    []YearData // ascending
	Claims   []ClaimRec // claims source only
	// Source is "claims" (Enrolment and Claims sheets) or "summary" (Summary
	// sheet only: incidence and mean paid per claim, no severity shape).
	Source string
	// Cohorts are the last data year's cohorts of the plan by start year
	// (ascending), when its Enrolment rows give start years (start_year; an
	// empty cell is the row's year); nil when none does.
	Cohorts []Cohort
}

// Cohort is the members of a plan whose cover period began in Start, in the
// last data year: their shares and the contributions earned that year (the
// Enrolment rows' contributions, by default shares × contribution ÷
// period_years).
type Cohort struct {
	Start  int
	Shares int64
	Earned decimal.Decimal
}

// Extract collects the experience of every plan of the book, in the order of
// the Plans sheet. Summary rows without a plan (a table of all plans together)
// are attributed to the plan when the book has a single plan.
func Extract(b *book.Book) []*Data {
	var out []*Data
	for i := range b.Plans {
		t := &b.Plans[i].Terms
		d := &Data{Terms: t, Source: "claims"}
		years := map[int]*YearData{}
		get := func(y int) *YearData {
			yd, ok := years[y]
			if !ok {
				yd = &YearData{Year: y, Claims: map[plans.Benefit]int64{}, Paid: map[plans.Benefit]float64{}, Contributions: decimal.Zero}
				years[y] = yd
			}
			return yd
		}
		type cohortKey struct{ year, start int }
		cohorts := map[cohortKey]*Cohort{}
		started := false
		rates := b.ClassRates(t.Plan) // a class's own price (the Rates sheet)
		for _, e := range b.Enrolment {
			if e.Plan != t.Plan {
				continue
			}
			yd := get(e.Year)
			yd.Members += e.Members
			yd.Shares += e.Shares
			yd.NewMembers += e.NewMembers
			yd.Exposure += plans.Exposure(e.Members, e.NewMembers, t.WaitingDays)
			earned := e.Contributions.Decimal
			if !e.Contributions.Valid {
				price := t.Contribution
				if r, ok := rates[e.Class]; ok && e.Class != "" {
					price = r
				}
				earned = price.Mul(decimal.NewFromInt(e.Shares)).Div(decimal.NewFromInt(int64(t.Period())))
			}
			yd.Contributions = yd.Contributions.Add(earned)
			start := e.Year
			if e.StartYear != 0 {
				start, started = e.StartYear, true
			}
			k := cohortKey{e.Year, start}
			if cohorts[k] == nil {
				cohorts[k] = &Cohort{Start: start, Earned: decimal.Zero}
			}
			cohorts[k].Shares += e.Shares
			cohorts[k].Earned = cohorts[k].Earned.Add(earned)
		}
		if len(years) == 0 {
			d.Source = "summary"
			for _, s := range b.Summary {
				if s.Plan != t.Plan && !(s.Plan == "" && len(b.Plans) == 1) {
					continue
				}
				yd := get(s.Year)
				// Every enrolment is priced next year; only groups with claim
				// figures tell the incidence (Exposure).
				yd.Members += s.Enrolments
				yd.Shares += s.Enrolments
				if s.Claims < 0 {
					continue
				}
				yd.Exposure += float64(s.Enrolments)
				b0 := t.Kind.Benefits()[0]
				yd.Claims[b0] += s.Claims
				if s.Paid.Valid {
					p := s.Paid.Decimal.InexactFloat64()
					yd.Paid[b0] += p
					yd.PaidTotal += p
				}
			}
		}
		type my struct {
			m string
			y int
		}
		order := map[my]int{}
		idx := make([]int, 0)
		for j := range b.Claims {
			if b.Claims[j].Plan == t.Plan {
				idx = append(idx, j)
			}
		}
		// Chronological order within a member's year decides the admission number.
		sort.SliceStable(idx, func(a, c int) bool {
			x, y := &b.Claims[idx[a]], &b.Claims[idx[c]]
			if !x.EventDate.Equal(y.EventDate) {
				return x.EventDate.Before(y.EventDate)
			}
			return x.Row < y.Row
		})
		for _, j := range idx {
			c := &b.Claims[j]
			rec := ClaimRec{Year: c.Year, Member: c.MemberID, Benefit: c.Benefit, Cost: c.Cost, Days: c.Days, Category: c.Category, Shares: max(c.Shares, 1), Paid: c.Paid, Class: c.Class}
			if c.MemberID != "" && c.Benefit == plans.Medical {
				k := my{c.MemberID, c.Year}
				order[k]++
				rec.Order = order[k]
			} else {
				rec.Order = 1
			}
			d.Claims = append(d.Claims, rec)
			if d.Source == "claims" {
				yd := get(c.Year)
				yd.Claims[c.Benefit]++
				yd.Paid[c.Benefit] += c.Paid
				yd.PaidTotal += c.Paid
			}
		}
		for _, yd := range years {
			d.Years = append(d.Years, *yd)
		}
		sort.Slice(d.Years, func(a, c int) bool { return d.Years[a].Year < d.Years[c].Year })
		if n := len(d.Years); n > 0 {
			d.LastYear = d.Years[n-1].Year
		}
		if started {
			for k, c := range cohorts {
				if k.year == d.LastYear {
					d.Cohorts = append(d.Cohorts, *c)
				}
			}
			sort.Slice(d.Cohorts, func(a, c int) bool { return d.Cohorts[a].Start < d.Cohorts[c].Start })
		}
		out = append(out, d)
	}
	return out
}

// Exposure is the plan's member-years of cover over all years.
func (d *Data) Exposure() float64 {
	s := 0.0
	for _, y := range d.Years {
		s += y.Exposure
	}
	return s
}

// Last is the data of the last year (nil when there is none).
func (d *Data) Last() *YearData {
	if len(d.Years) == 0 {
		return nil
	}
	return &d.Years[len(d.Years)-1]
}

// SharesPerMember is the mean number of shares per member in the last year (1 when unknown).
func (d *Data) SharesPerMember() float64 {
	l := d.Last()
	if l == nil || l.Members == 0 {
		return 1
	}
	return math.Max(1, float64(l.Shares)/float64(l.Members))
}

// Carried is what the cohorts of a multi-year plan whose period still runs
// bring into a later year Y.
type Carried struct {
	Shares float64 // their shares (no lapses within a paid period)
	// Earned is their contributions earned in Y at their own price: a
	// cohort's yearly earned contributions of the last data year.
	Earned decimal.Decimal
	// Unearned is what they paid for the years after Y: at the end of Y a
	// liability, not income.
	Unearned decimal.Decimal
}

// Carry returns the carry of the last data year's cohorts into year y (after
// it) for a plan of period years: a cohort that began in s is covered
// through s + period − 1 and earns the same each year of its period.
// Cohorts ending before y carry nothing; the zero Carried when there are no
// cohorts (every share pays the priced year's contribution).
func Carry(cohorts []Cohort, period, y int) Carried {
	c := Carried{Earned: decimal.Zero, Unearned: decimal.Zero}
	for _, k := range cohorts {
		end := k.Start + max(period, 1) - 1
		if end < y || k.Start >= y {
			continue
		}
		c.Shares += float64(k.Shares)
		c.Earned = c.Earned.Add(k.Earned)
		c.Unearned = c.Unearned.Add(k.Earned.Mul(decimal.NewFromInt(int64(end - y))))
	}
	return c
}
