package workbook

import (
	"math"
	"sort"

	"github.com/shopspring/decimal"
)

// YearStats is what was read for one plan and year: exposure, claims and
// amounts, from the Enrolment and Claims sheets, or from the Summary sheet when
// a plan and year have no enrolment rows (Source says which).
type YearStats struct {
	Plan       string          `json:"plan"` // "" = all plans together (Summary)
	Name       string          `json:"name,omitempty"`
	Year       int             `json:"year"`
	Source     string          `json:"source"` // "claims" or "summary"
	Members    int64           `json:"members"`
	Shares     int64           `json:"shares"`
	Claims     int64           `json:"claims"`    // claim rows (events), or Summary claims
	Claimants  int64           `json:"claimants"` // distinct member ids with a claim (claims source only; 0 if no ids)
	Paid       decimal.Decimal `json:"paid"`
	Incidence  float64         `json:"incidence"` // claims per member; NaN when no members
	MeanCost   float64         `json:"mean_cost"` // mean ground-up cost of the claims that have one; NaN if none
	MeanPaid   float64         `json:"mean_paid"` // paid per claim; NaN if no claims
	CostClaims int64           `json:"cost_claims"`
}

// Stats summarises a book per plan and year, in plan order then year order.
func Stats(b *Book) []YearStats {
	type key struct {
		plan string
		year int
	}
	m := map[key]*YearStats{}
	get := func(plan string, year int, src string) *YearStats {
		k := key{plan, year}
		s, ok := m[k]
		if !ok {
			s = &YearStats{Plan: plan, Year: year, Source: src, Paid: decimal.Zero}
			if t, ok := b.Plan(plan); ok {
				s.Name = t.Name
			}
			m[k] = s
		}
		return s
	}
	for _, e := range b.Enrolment {
		s := get(e.Plan, e.Year, "claims")
		s.Members += e.Members
		s.Shares += e.Shares
	}
	costSum := map[key]float64{}
	members := map[key]map[string]bool{}
	for _, c := range b.Claims {
		k := key{c.Plan, c.Year}
		s := get(c.Plan, c.Year, "claims")
		s.Claims++
		s.Paid = s.Paid.Add(decimal.NewFromFloat(c.Paid).Round(2))
		if !math.IsNaN(c.Cost) {
			costSum[k] += c.Cost
			s.CostClaims++
		}
		if c.MemberID != "" {
			if members[k] == nil {
				members[k] = map[string]bool{}
			}
			members[k][c.MemberID] = true
		}
	}
	for k, ids := range members {
		m[k].Claimants = int64(len(ids))
	}
	// Summary rows without a claims count (e.g. a group not reported) are left
	// out of the incidence's denominator.
	exposed := map[key]int64{}
	for _, r := range b.Summary {
		k := key{r.Plan, r.Year}
		if s, ok := m[k]; ok && s.Source == "claims" {
			continue // enrolment and claims rows take precedence
		}
		s := get(r.Plan, r.Year, "summary")
		s.Members += r.Enrolments
		s.Shares += r.Enrolments
		if r.Claims >= 0 {
			s.Claims += r.Claims
			exposed[k] += r.Enrolments
		}
		if r.Paid.Valid {
			s.Paid = s.Paid.Add(r.Paid.Decimal)
		}
	}
	out := make([]YearStats, 0, len(m))
	for k, s := range m {
		s.Incidence, s.MeanCost, s.MeanPaid = math.NaN(), math.NaN(), math.NaN()
		den := s.Members
		if s.Source == "summary" {
			den = exposed[k]
		}
		if den > 0 {
			s.Incidence = float64(s.Claims) / float64(den)
		}
		if s.CostClaims > 0 {
			s.MeanCost = costSum[k] / float64(s.CostClaims)
		}
		if s.Claims > 0 {
			s.MeanPaid = s.Paid.InexactFloat64() / float64(s.Claims)
		}
		out = append(out, *s)
	}
	order := map[string]int{}
	for i, p := range b.Plans {
		order[p.Plan] = i + 1
	}
	sort.Slice(out, func(i, j int) bool {
		oi, oj := order[out[i].Plan], order[out[j].Plan]
		if oi != oj {
			return oi < oj
		}
		if out[i].Plan != out[j].Plan {
			return out[i].Plan < out[j].Plan
		}
		return out[i].Year < out[j].Year
	})
	return out
}
