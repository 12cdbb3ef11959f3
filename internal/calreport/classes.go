package calreport

import (
	"math"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// hasClasses reports whether some plan is priced by rate class.
func hasClasses(in *Input) bool {
	for _, p := range in.Result.Plans {
		if len(p.Classes) > 0 {
			return true
		}
	}
	return false
}

// classes is the 档次 / Classes sheet: each rate class's current and
// recommended contribution, its members, its expected cost per member, its
// cost relativity and the credibility of its incidence relativity.
func classes(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	r := in.Result
	l := in.lang()
	head := heads(l, []string{"plan", "class", "members", "current", "recommended", "change", "limited", "cost_per_member", "relativity",
		"incidence_rel", "severity_rel", "credibility"})
	var rows [][]cell
	for _, p := range r.Plans {
		for _, c := range p.Classes {
			limited := l.T("no")
			if c.Limited {
				limited = l.T("yes")
			}
			plan := p.Plan
			if l != i18n.En {
				plan = in.planLabel(p.Plan, p.Name)
			}
			rows = append(rows, []cell{txt(plan), txt(c.Class), {math.Round(c.Members), st.int}, dec(c.Current, st), dec(c.Recommended, st),
				pctc(c.Change, st), txt(limited), dec(c.ExpectedCostPerMember, st), {round3(c.Relativity), 0},
				{round3(c.Incidence), 0}, {round3(c.Severity), 0}, {round3(c.Credibility), 0}})
		}
	}
	return table(f, sheet, l.T("rpt.title.classes", r.Year), head, rows, st)
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
