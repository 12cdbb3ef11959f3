package example

import (
	"fmt"
	"math"
	"slices"

	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
)

// ClassSpec is one rate class (档次) of the generated book: its share of the
// members, the relativities of its incidence (every benefit's) and costs
// (medical costs and property losses) against the plan's laws, and its price
// as a factor on the plan's contribution (the Rates sheet).
type ClassSpec struct {
	Name                string
	Share               float64
	Incidence, Severity float64
	Price               float64
}

// AgeClasses are the Shanghai critical-illness plan's two age classes (keys
// like the plans': under45 = 45岁以下, 45plus = 45岁及以上): under 45 at the
// plan's price (60 yuan there) and 45 and over at 7/6 of it (70 yuan).
// The relativities are the example's assumption, balanced so that the
// association's average member is as without classes: 0.6 × 0.8 + 0.4 × 1.3
// = 1 for incidence, 0.6 × 0.95 + 0.4 × 1.075 = 1 for costs.
var AgeClasses = []ClassSpec{
	{Name: "under45", Share: 0.6, Incidence: 0.8, Severity: 0.95, Price: 1},
	{Name: "45plus", Share: 0.4, Incidence: 1.3, Severity: 1.075, Price: 7.0 / 6},
}

// ClassTruth is a rate class as drawn: ClassSpec's figures and the Rates
// sheet's contribution.
type ClassTruth struct {
	Class        string  `json:"class"`
	Share        float64 `json:"share"`
	Incidence    float64 `json:"incidence_relativity"`
	Severity     float64 `json:"severity_relativity"`
	Contribution float64 `json:"contribution"`
}

const saltClass = 400

func (c Config) checkClasses() error {
	if len(c.Classes) == 0 {
		if len(c.ClassPlans) > 0 {
			return fmt.Errorf("example: class plans %v without classes", c.ClassPlans)
		}
		return nil
	}
	sum := 0.0
	seen := map[string]bool{}
	for _, s := range c.Classes {
		if s.Name == "" || seen[s.Name] || !(s.Share > 0) || !(s.Incidence > 0) || !(s.Severity > 0) || !(s.Price > 0) {
			return fmt.Errorf("example: class %+v: expected a unique name and positive share, relativities and price", s)
		}
		seen[s.Name] = true
		sum += s.Share
	}
	if math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("example: the classes' shares add up to %v, expected 1", sum)
	}
	return nil
}

// classed reports whether plan p is priced by class.
func (g *generator) classed(p int) bool {
	if len(g.cfg.Classes) == 0 {
		return false
	}
	return len(g.cfg.ClassPlans) == 0 || slices.Contains(g.cfg.ClassPlans, g.specs[p].terms.Plan)
}

// classOf is member gid's rate class, fixed by (seed, member).
func (g *generator) classOf(gid int64) int {
	u := g.unit(gid, saltClass)
	for i, c := range g.cfg.Classes {
		if u < c.Share {
			return i
		}
		u -= c.Share
	}
	return len(g.cfg.Classes) - 1
}

func (g *generator) className(cls int) string {
	if cls < 0 {
		return ""
	}
	return g.cfg.Classes[cls].Name
}

// classRel are class cls's incidence and cost relativities (1, 1 for −1).
func (g *generator) classRel(cls int) (float64, float64) {
	if cls < 0 {
		return 1, 1
	}
	return g.cfg.Classes[cls].Incidence, g.cfg.Classes[cls].Severity
}

// classContribution is class cls's price per share per period: the plan's
// contribution × the class's price factor, to the yuan.
func (g *generator) classContribution(s *planSpec, cls int) decimal.Decimal {
	return s.terms.Contribution.Mul(decimal.NewFromFloat(g.cfg.Classes[cls].Price)).Round(0)
}

// classPrice is what a share of class cls brought a year in the data years.
func (g *generator) classPrice(s *planSpec, cls int) decimal.Decimal {
	if cls < 0 {
		return s.yearlyPrice()
	}
	return s.yearlyPrice().Mul(decimal.NewFromFloat(g.cfg.Classes[cls].Price))
}

// rates writes the Rates rows of the plans priced by class and their truth.
func (g *generator) rates() {
	for p := range g.specs {
		if !g.classed(p) {
			continue
		}
		s := &g.specs[p]
		for c, cs := range g.cfg.Classes {
			price := g.classContribution(s, c)
			g.book.Rates = append(g.book.Rates, book.RateRow{Plan: s.terms.Plan, Class: cs.Name, Contribution: price})
			g.truth.Plans[p].Classes = append(g.truth.Plans[p].Classes, ClassTruth{Class: cs.Name, Share: cs.Share,
				Incidence: cs.Incidence, Severity: cs.Severity, Contribution: price.InexactFloat64()})
		}
	}
	if len(g.book.Rates) > 0 {
		g.book.SheetNames[workbook.SheetRates] = "互助费档次"
	}
}
