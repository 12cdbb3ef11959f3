package calreport

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
)

// summaryWidth is the 摘要's one column, in characters: with its margins it
// fills an A4 landscape page.
const summaryWidth = 105

// tol is the slack of a probability comparison (the solver's results meet
// their targets up to floating point).
const tol = 1e-9

// summary is the 摘要 / Summary: the decision in sentences — per plan the
// contribution current → recommended and why, the fund's chance of a
// shortfall before and after, the reserve at the year's end, the union
// backstop and the projection — then the warnings in words.
func summary(f *excelize.File, sheet string, in *Input, st styles) (int, error) {
	l := in.lang()
	r := in.Result
	type line struct {
		text  string
		style int
	}
	var lines []line
	add := func(style int, s string) { lines = append(lines, line{s, style}) }
	title := "rpt.sum.title"
	switch r.Lever {
	case calibrate.Caps:
		title = "rpt.sum.title_caps"
	case calibrate.Reserve:
		title = "rpt.sum.title_draw"
	}
	add(st.title, l.T(title, r.Year))
	run := ""
	if in.Record != nil {
		run = in.Record.RunAt.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	add(st.text, l.T("rpt.sum.source", in.File, in.Paths, in.Seed, run))
	add(0, "")

	add(st.sub, l.T("rpt.sum.plans"))
	for _, p := range r.Plans {
		add(st.text, planSentence(in, p))
	}
	add(0, "")
	add(st.sub, l.T("rpt.sum.fund"))
	add(st.text, l.T("rpt.sum.income", money(r.Income), money(r.CurrentIncome), money(r.Expenses), money(r.Expected), money(r.Margin)))
	add(st.text, l.T("rpt.sum.pdeficit", pctText(r.PDeficitBefore), pctText(r.PDeficitAfter), pctText(r.Policy.TargetDeficitProbability)))
	if r.PlannedDraw.IsPositive() || r.Lever == calibrate.Reserve {
		add(st.text, l.T("rpt.sum.draw", money(r.PlannedDraw), money(r.MaxDraw)))
	}
	add(st.text, l.T("rpt.sum.reserve", money(r.Reserve50), money(r.Reserve5), money(r.Reserve95), money(r.Policy.OpeningReserve),
		money(r.Policy.ReserveFloor), pctText(r.PSolvency)))
	if r.Backstop99.IsPositive() {
		add(st.text, l.T("rpt.sum.backstop", money(r.Backstop95), money(r.Backstop99)))
	} else {
		add(st.text, l.T("rpt.sum.backstop_none"))
	}
	if n := len(r.Projection); n > 0 {
		y := r.Projection[n-1]
		add(st.text, l.T("rpt.sum.projection", n, y.Year, money(y.P50), pctText(y.PBelowFloor)))
	}
	add(0, "")
	add(st.sub, l.T("rpt.sum.warnings"))
	warns := Warnings(in)
	if len(warns) == 0 {
		add(st.text, l.T("rpt.sum.no_warnings"))
	}
	for _, w := range warns {
		add(st.warn, "• "+w)
	}
	add(0, "")
	add(st.text, l.T("rpt.sum.see"))

	if err := f.SetColWidth(sheet, "A", "A", summaryWidth); err != nil {
		return 0, err
	}
	_ = f.SetColStyle(sheet, "A", st.text)
	for i, ln := range lines {
		c, _ := excelize.CoordinatesToCellName(1, i+1)
		if ln.text == "" {
			_ = f.SetRowHeight(sheet, i+1, 6)
			continue
		}
		if err := f.SetCellValue(sheet, c, ln.text); err != nil {
			return 0, err
		}
		if ln.style != 0 {
			_ = f.SetCellStyle(sheet, c, c, ln.style)
		}
		// Wrapped text: a row high enough for its lines (Excel does not
		// grow a row on opening a file).
		h := 15.0
		if ln.style == st.title {
			h = 20
		}
		_ = f.SetRowHeight(sheet, i+1, h*textLines(ln.text, summaryWidth))
	}
	return 0, f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$A$%d", sheet, len(lines)), Scope: sheet})
}

// planSentence is a plan's decision and why.
func planSentence(in *Input, p calibrate.PlanRec) string {
	l := in.lang()
	name := in.planLabel(p.Plan, p.Name)
	if p.CapLever != "" {
		return l.T("rpt.sum.plan_cap", name, money(p.Current), p.CapLever, p.CapCurrent.String(), p.CapRecommended.String())
	}
	var s string
	switch c := p.Recommended.Cmp(p.Current); {
	case c > 0:
		s = l.T("rpt.sum.plan_up", name, money(p.Current), money(p.Recommended), signedPct(p.Change), money(p.ExpectedPerShare), pctText(p.AllocShare))
	case c < 0:
		s = l.T("rpt.sum.plan_down", name, money(p.Current), money(p.Recommended), signedPct(p.Change), money(p.ExpectedPerShare), pctText(p.AllocShare))
	default:
		s = l.T("rpt.sum.plan_same", name, money(p.Current), money(p.ExpectedPerShare), pctText(p.AllocShare))
	}
	if p.PeriodYears > 1 {
		s += sep(l) + l.T("rpt.sum.plan_period", p.PeriodYears)
	}
	if p.Limited {
		s += sep(l) + l.T("rpt.sum.plan_limited", "±"+pctText(in.Result.Policy.MaxChange), money(p.Required))
	}
	return s
}

func sep(l i18n.Lang) string {
	if l == i18n.En {
		return " "
	}
	return ""
}

// Warnings are the report's warnings in words, in its language: a target
// the recommendation or its projection breaches, a plan held by
// max_change, a plan resting on thin data, a prior or an assumption, last
// year's incomplete data, and the workbook's validation warnings.
func Warnings(in *Input) []string {
	l := in.lang()
	r := in.Result
	pol := r.Policy
	var out []string
	add := func(code string, args ...any) { out = append(out, l.T(code, args...)) }
	if !r.Feasible {
		add("rpt.warn.infeasible")
	}
	if r.PDeficitAfter > pol.TargetDeficitProbability+tol {
		add("rpt.warn.above_target", pctText(r.PDeficitAfter), pctText(pol.TargetDeficitProbability))
	}
	if r.PDeficitAfter > r.PDeficitBefore+tol {
		add("rpt.warn.worse", pctText(r.PDeficitAfter), pctText(r.PDeficitBefore))
	}
	if r.PSolvency > pol.SolvencyProbability+tol {
		add("rpt.warn.insolvent", pctText(r.PSolvency), pctText(pol.SolvencyProbability))
	}
	// The projection is material when its last year's chance of being
	// below the floor passes the reserve test's own bound.
	if n := len(r.Projection); n > 1 {
		y := r.Projection[n-1]
		if y.PBelowFloor > pol.SolvencyProbability+tol {
			add("rpt.warn.projection", y.Year, pctText(y.PBelowFloor), pctText(pol.SolvencyProbability))
		}
	}
	for _, p := range r.Plans {
		name := in.planLabel(p.Plan, p.Name)
		if p.Limited {
			add("rpt.warn.limited", name, "±"+pctText(pol.MaxChange), money(p.Recommended), money(p.Required))
		}
		if p.CapLimited {
			add("rpt.warn.cap_limited", name, p.CapLever)
		}
		if pol.PlanDeficitProbability > 0 && p.PDeficit > pol.PlanDeficitProbability+tol {
			add("rpt.warn.plan_deficit", name, pctText(p.PDeficit), pctText(pol.PlanDeficitProbability))
		}
	}
	for _, p := range in.Plans {
		name := p.Terms.Plan
		if e := p.Experience; e != nil {
			for _, w := range e.Warnings {
				out = append(out, WarningText(l, w.Code, w.Args))
			}
			for _, c := range e.Credibility {
				switch {
				case c.Prior != "" && c.Z < 0.5 && c.Events > 0:
					add("rpt.warn.prior", name, string(c.Benefit), fmt.Sprintf("%.2f", c.Z))
				case c.Prior == "" && c.RelSE > 0.3:
					add("rpt.warn.thin", name, string(c.Benefit), pctText(c.RelSE))
				}
			}
		}
		for _, n := range p.Notes {
			add("rpt.warn.note", name, i18n.Translate(l, n))
		}
	}
	for _, a := range in.AE {
		if !a.Within {
			add("rpt.warn.ae", a.Plan, fmt.Sprintf("%.2f", a.Ratio))
		}
	}
	if w, n := in.Problems.Count(workbook.Warning), in.Problems.Count(workbook.Notice); w > 0 {
		add("rpt.warn.quality", w, n)
	}
	return out
}

// textLines is how many lines s wraps to in a column width wide (in the
// width of a digit): a Chinese character takes about 1.45 digits, a Latin
// letter or digit about 0.87 (measured on LibreOffice's rendering).
func textLines(s string, width float64) float64 {
	w := 0.0
	for _, r := range s {
		if runewidth.RuneWidth(r) == 2 {
			w += 1.45
		} else {
			w += 0.87
		}
	}
	return math.Max(1, math.Ceil(w/width))
}
