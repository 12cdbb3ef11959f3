package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// ScenarioResult is one scenario's run: its calibration (or, with
// --simulate, its simulation).
type ScenarioResult struct {
	Name string `json:"name"`
	// Refit: the scenario changed a Fund key the fit reads, and its models
	// were fitted again.
	Refit       bool         `json:"refit"`
	Calibration *Calibration `json:"calibration,omitempty"`
	Simulation  *Simulation  `json:"simulation,omitempty"`
}

// Scenarios is the result of huzhu scenarios (docs/scenarios.md).
type Scenarios struct {
	File         string           `json:"file"`
	ScenarioFile string           `json:"scenario_file"`
	Seed         uint64           `json:"seed"`
	Simulate     bool             `json:"simulate"`
	Scenarios    []ScenarioResult `json:"scenarios"`
	// Models are the book's models as fitted once and Assumptions its Fund
	// keys as the scenarios start from them: the audit record's.
	Models      []*model.Plan       `json:"-"`
	Assumptions []record.Assumption `json:"-"`
}

func (s *Scenarios) JSON() any { return s }

// cell is one figure of the comparison: its key (CSV), label code and
// argument (table), and text per scenario (formatted for the table; the
// CSV strips the grouping).
type scenRow struct {
	plan, field string
	label       string
	values      []string
}

// rows are the comparison's figures, scenario by scenario.
func (s *Scenarios) rows(l i18n.Lang) []scenRow {
	var out []scenRow
	if len(s.Scenarios) == 0 {
		return nil
	}
	row := func(plan, field, label string, f func(ScenarioResult) string) {
		r := scenRow{plan: plan, field: field, label: label}
		for _, x := range s.Scenarios {
			r.values = append(r.values, f(x))
		}
		out = append(out, r)
	}
	if s.Simulate {
		for i, p := range s.Scenarios[0].Simulation.Plans {
			row(p.Plan, "expected", l.T("scen.row.expected_plan", PlanLabel(l, p.Plan, p.Name)), func(x ScenarioResult) string { return MoneyText(x.Simulation.Plans[i].Expected) })
			row(p.Plan, "p_deficit", l.T("scen.row.p_deficit_plan", PlanLabel(l, p.Plan, p.Name)), func(x ScenarioResult) string { return Pct(x.Simulation.Plans[i].PDeficit, 2) })
		}
		row("fund", "contributions", l.T("scen.row.contributions"), func(x ScenarioResult) string { return MoneyText(x.Simulation.Fund.Contributions) })
		row("fund", "expected", l.T("scen.row.expected"), func(x ScenarioResult) string { return MoneyText(x.Simulation.Fund.Expected) })
		row("fund", "p_deficit", l.T("scen.row.p_deficit"), func(x ScenarioResult) string { return Pct(x.Simulation.Fund.PDeficit, 2) })
		for j, q := range s.Scenarios[0].Simulation.Fund.Quantiles {
			row("fund", "var_"+G(100*q.P), l.T("scen.row.var", G(100*q.P)), func(x ScenarioResult) string { return MoneyText(x.Simulation.Fund.Quantiles[j].VaR) })
		}
	} else {
		for i, p := range s.Scenarios[0].Calibration.Plans {
			row(p.Plan, "recommended_contribution", l.T("scen.row.recommended", PlanLabel(l, p.Plan, p.Name)), func(x ScenarioResult) string { return x.Calibration.Plans[i].RecommendedContribution })
			row(p.Plan, "change", l.T("scen.row.change", PlanLabel(l, p.Plan, p.Name)), func(x ScenarioResult) string {
				c := x.Calibration.Plans[i]
				t := Percent(c.Change, 1)
				if c.Limited {
					t += l.T("calibrate.limited")
				}
				return t
			})
			row(p.Plan, "cap", l.T("scen.row.cap", PlanLabel(l, p.Plan, p.Name)), func(x ScenarioResult) string {
				if c := x.Calibration.Plans[i].Cap; c != nil {
					return c.Lever + " " + c.Current + " → " + c.Recommended
				}
				return ""
			})
		}
		fund := func(f func(CalFund) string) func(ScenarioResult) string {
			return func(x ScenarioResult) string { return f(x.Calibration.Fund) }
		}
		row("fund", "income", l.T("scen.row.income"), fund(func(f CalFund) string { return MoneyText(f.Income) }))
		row("fund", "expected_benefits", l.T("scen.row.expected"), fund(func(f CalFund) string { return MoneyText(f.ExpectedBenefits) }))
		row("fund", "margin", l.T("scen.row.margin"), fund(func(f CalFund) string { return MoneyText(f.Margin) }))
		row("fund", "planned_draw", l.T("scen.row.planned_draw"), fund(func(f CalFund) string { return MoneyText(f.PlannedDraw) }))
		row("fund", "p_deficit", l.T("scen.row.p_deficit"), fund(func(f CalFund) string { return Pct(f.PDeficitAfter, 2) }))
		row("fund", "reserve_p50", l.T("scen.row.reserve"), fund(func(f CalFund) string { return MoneyText(f.Reserve.P50) }))
		row("fund", "backstop_p99", l.T("scen.row.backstop"), fund(func(f CalFund) string { return MoneyText(f.Backstop99) }))
		row("fund", "feasible", l.T("scen.row.feasible"), func(x ScenarioResult) string {
			if x.Calibration.Feasible {
				return l.T("yes")
			}
			return l.T("scen.infeasible")
		})
	}
	row("", "refit", l.T("scen.row.refit"), func(x ScenarioResult) string {
		if x.Refit {
			return l.T("yes")
		}
		return l.T("no")
	})
	return out
}

func (s *Scenarios) table(l i18n.Lang) *Table {
	t := &Table{Columns: []Column{Col("item", "col.item")}}
	for _, x := range s.Scenarios {
		t.Columns = append(t.Columns, Column{Key: x.Name, Text: x.Name, Align: Right})
	}
	for _, r := range s.rows(l) {
		if r.field == "cap" && allEmpty(r.values) {
			continue
		}
		t.Add(append([]string{r.label}, r.values...)...)
	}
	return t
}

func allEmpty(v []string) bool {
	for _, x := range v {
		if x != "" {
			return false
		}
	}
	return true
}

func (s *Scenarios) Table(w io.Writer, l i18n.Lang) error {
	head := "scen.heading"
	if s.Simulate {
		head = "scen.heading_simulate"
	}
	fmt.Fprintln(w, l.T(head, s.File, s.ScenarioFile, len(s.Scenarios)))
	fmt.Fprintln(w)
	if err := s.table(l).Render(w, l); err != nil {
		return err
	}
	for _, x := range s.Scenarios {
		if x.Calibration != nil && !x.Calibration.Feasible {
			fmt.Fprintln(w, l.T("scen.infeasible_note", x.Name, x.Calibration.Infeasible(l)))
		}
	}
	return nil
}

// CSV is the long form: one row per scenario, plan ("fund" for the fund's
// figures, "" for the scenario's own) and field, with plain numbers.
func (s *Scenarios) CSV(w io.Writer, l i18n.Lang) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"scenario", "plan", "field", "value"}); err != nil {
		return err
	}
	for _, r := range s.rows(i18n.En) {
		for i, x := range s.Scenarios {
			v := r.values[i]
			switch r.field {
			case "feasible":
				v = strconv.FormatBool(x.Calibration.Feasible)
			case "refit":
				v = strconv.FormatBool(x.Refit)
			case "change":
				v = G(math.Round(x.Calibration.Plans[planIndex(x.Calibration, r.plan)].Change*1e9) / 1e9)
			case "cap":
				c := x.Calibration.Plans[planIndex(x.Calibration, r.plan)].Cap
				if c == nil {
					continue
				}
				for _, kv := range [][2]string{{"cap_lever", c.Lever}, {"cap_current", c.Current}, {"cap_recommended", c.Recommended}} {
					if err := cw.Write([]string{x.Name, r.plan, kv[0], kv[1]}); err != nil {
						return err
					}
				}
				continue
			case "p_deficit":
				v = rawP(x, r.plan)
			default:
				v = plainNumber(v)
			}
			if err := cw.Write([]string{x.Name, r.plan, r.field, v}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func planIndex(c *Calibration, plan string) int {
	for i, p := range c.Plans {
		if p.Plan == plan {
			return i
		}
	}
	return 0
}

// rawP is the chance of a shortfall of a plan (or "fund") in full.
func rawP(x ScenarioResult, plan string) string {
	var p *float64
	switch {
	case x.Calibration != nil && plan == "fund":
		p = x.Calibration.Fund.PDeficitAfter
	case x.Calibration != nil:
		p = x.Calibration.Plans[planIndex(x.Calibration, plan)].PDeficit
	case plan == "fund":
		p = x.Simulation.Fund.PDeficit
	default:
		for _, l := range x.Simulation.Plans {
			if l.Plan == plan {
				p = l.PDeficit
			}
		}
	}
	if p == nil {
		return ""
	}
	return G(*p)
}
