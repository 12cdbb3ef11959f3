package report

import (
	"fmt"
	"io"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
)

// CalClass is one rate class's recommendation (calibrate's JSON key
// `classes` of a plan; docs/calibrate.md).
type CalClass struct {
	Class                 string  `json:"class"`
	Members               int64   `json:"members"`
	Shares                int64   `json:"shares"`
	Current               string  `json:"current"`
	Recommended           string  `json:"recommended"`
	Change                float64 `json:"change"`
	Limited               bool    `json:"limited"`
	ExpectedCostPerMember string  `json:"expected_cost_per_member"`
	Relativity            float64 `json:"relativity"`
	Incidence             float64 `json:"incidence_relativity"`
	Severity              float64 `json:"severity_relativity"`
	Credibility           float64 `json:"credibility"`
}

// calClasses are a plan's classes as the outputs give them (nil without).
func calClasses(p calibrate.PlanRec) []CalClass {
	var out []CalClass
	for _, c := range p.Classes {
		out = append(out, CalClass{Class: c.Class, Members: int64(c.Members + 0.5), Shares: int64(c.Shares + 0.5),
			Current: M2(c.Current), Recommended: M2(c.Recommended), Change: c.Change, Limited: c.Limited,
			ExpectedCostPerMember: M2(c.ExpectedCostPerMember), Relativity: c.Relativity,
			Incidence: c.Incidence, Severity: c.Severity, Credibility: c.Credibility})
	}
	return out
}

// classesCSV adds the long-form rows of the plans' classes: section
// "class", key "plan/class".
func (c *Calibration) classesCSV(o *LongCSV) {
	y := c.Year
	for _, p := range c.Plans {
		for _, x := range p.Classes {
			s, k := "class", p.Plan+"/"+x.Class
			o.Int(s, k, y, "members", x.Members)
			o.Int(s, k, y, "shares", x.Shares)
			o.Add(s, k, y, "current_contribution", x.Current)
			o.Add(s, k, y, "recommended_contribution", x.Recommended)
			o.F(s, k, y, "change", x.Change)
			o.Bool(s, k, y, "limited", x.Limited)
			o.Add(s, k, y, "expected_cost_per_member", x.ExpectedCostPerMember)
			o.F(s, k, y, "relativity", x.Relativity)
			o.F(s, k, y, "incidence_relativity", x.Incidence)
			o.F(s, k, y, "severity_relativity", x.Severity)
			o.F(s, k, y, "credibility", x.Credibility)
		}
	}
}

// classesTable is the table of the rate classes' prices (nil when no plan
// is priced by class).
func (c *Calibration) classesTable(l i18n.Lang) *Table {
	t := &Table{Title: l.T("calibrate.classes_title"), Columns: []Column{
		Col("plan", "col.plan"), Col("class", "col.class"), RCol("members", "col.members"), RCol("current", "col.current_contribution"),
		RCol("recommended", "col.recommended_contribution"), RCol("change", "col.change"),
		RCol("expected_cost_per_member", "col.expected_per_member"), RCol("relativity", "col.relativity"), RCol("credibility", "col.credibility_z"),
	}}
	for _, p := range c.Plans {
		for _, x := range p.Classes {
			ch := Percent(x.Change, 1)
			if x.Limited {
				ch += l.T("calibrate.limited")
			}
			t.Add(PlanLabel(l, p.Plan, p.Name), x.Class, Int(x.Members), x.Current, x.Recommended, ch, x.ExpectedCostPerMember,
				fmt.Sprintf("%.3f", x.Relativity), fmt.Sprintf("%.2f", x.Credibility))
		}
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

// renderClasses prints the classes' table after the plans' (nothing
// without classes).
func (c *Calibration) renderClasses(w io.Writer, l i18n.Lang) error {
	t := c.classesTable(l)
	if t == nil {
		return nil
	}
	fmt.Fprintln(w)
	return t.Render(w, l)
}
