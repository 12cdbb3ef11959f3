package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/huzhu-fund/huzhu/internal/calreport"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// CalCap is a benefit term solved for a plan (--fix contributions).
type CalCap struct {
	Lever       string `json:"lever"`
	Current     string `json:"current"`
	Recommended string `json:"recommended"`
	Limited     bool   `json:"limited"` // max_term_change bound it
}

// CalPlan is the recommendation for one plan.
type CalPlan struct {
	Plan                    string   `json:"plan"`
	Name                    string   `json:"name,omitempty"`
	PeriodYears             int      `json:"period_years"`
	Members                 int64    `json:"members"`
	Shares                  int64    `json:"shares"`
	CurrentContribution     string   `json:"current_contribution"`
	RecommendedContribution string   `json:"recommended_contribution"`
	RequiredContribution    string   `json:"required_contribution"`
	StandaloneContribution  string   `json:"standalone_contribution"`
	AtFloor                 bool     `json:"at_floor"`
	Draw                    string   `json:"draw"`
	Change                  float64  `json:"change"`
	Limited                 bool     `json:"limited"`
	ExpectedBenefits        string   `json:"expected_benefits"`
	ExpectedPerShare        string   `json:"expected_per_share"`
	Margin                  string   `json:"margin"`
	MarginShare             float64  `json:"margin_share"`
	Income                  string   `json:"income"`
	LossRatio               *float64 `json:"loss_ratio"`
	PDeficit                *float64 `json:"p_deficit"`
	Cap                     *CalCap  `json:"cap,omitempty"`
	// Classes are the plan's rate classes (classes.go); absent when the
	// plan has one price.
	Classes []CalClass `json:"classes,omitempty"`
}

// CalYear is a year of the reserve projection.
type CalYear struct {
	Year             int     `json:"year"`
	PBelowFloor      float64 `json:"p_below_floor"`
	PDeficit         float64 `json:"p_deficit"`
	P5               string  `json:"p5"`
	P50              string  `json:"p50"`
	P95              string  `json:"p95"`
	ExpectedBenefits string  `json:"expected_benefits"`
	Income           string  `json:"income"`
}

// CalReserve is the reserve at the start and, by quantiles, at the end of the year.
type CalReserve struct {
	Opening string `json:"opening"`
	Floor   string `json:"floor"`
	P5      string `json:"p5"`
	P50     string `json:"p50"`
	P95     string `json:"p95"`
}

// CalFund is the fund's figures.
type CalFund struct {
	CurrentIncome    string     `json:"current_income"`
	Income           string     `json:"income"`
	Expenses         string     `json:"expenses"`
	NetIncome        string     `json:"net_income"`
	ExpectedBenefits string     `json:"expected_benefits"`
	Margin           string     `json:"margin"`
	VaR              string     `json:"var"`
	PDeficitBefore   *float64   `json:"p_deficit_before"`
	PDeficitAfter    *float64   `json:"p_deficit_after"`
	RequiredNet      string     `json:"required_net_income"`
	PlannedDraw      string     `json:"planned_draw"`
	PSolvency        *float64   `json:"p_below_floor"`
	Solvent          bool       `json:"solvent"`
	Backstop95       string     `json:"backstop_p95"`
	Backstop99       string     `json:"backstop_p99"`
	MaxDraw          string     `json:"max_draw"`
	Draw             string     `json:"draw"`
	SetAside         string     `json:"set_aside"`
	Unearned         string     `json:"unearned"`
	Reserve          CalReserve `json:"reserve"`
}

// CalNeeded is what an infeasible target would need.
type CalNeeded struct {
	MaxChange *float64 `json:"max_change,omitempty"`
	Draw      string   `json:"draw,omitempty"`
	Reserve   string   `json:"reserve,omitempty"`
}

// Calibration is the result of calibrate (docs/calibrate.md).
type Calibration struct {
	File     string            `json:"file"`
	Year     int               `json:"year"`
	Lever    string            `json:"lever"`
	Seed     uint64            `json:"seed"`
	Paths    int               `json:"paths"`
	Policy   map[string]string `json:"policy"`
	Plans    []CalPlan         `json:"plans"`
	Fund     CalFund           `json:"fund"`
	Project  []CalYear         `json:"projection"`
	Reprice  bool              `json:"reprice"`
	Feasible bool              `json:"feasible"`
	Needed   *CalNeeded        `json:"needed,omitempty"`
	Notes    []string          `json:"notes"`
	Backtest *Backtest         `json:"backtest,omitempty"` // with the Excel report (backtest.go)

	Result *calibrate.Result `json:"-"`
	Models []*model.Plan     `json:"-"` // the plans' models, for the Excel report
	AE     []model.AE        `json:"-"` // last year's actual against expected, for the Excel report
	// Assumptions are the Fund keys with their sources, for the audit record.
	Assumptions []record.Assumption `json:"-"`
	// Problems are the workbook's warnings and notices and Stats what was
	// read per plan and year (validate's), for the report's 数据质量 and 假设
	// sheets; Record is the run's audit record, embedded in the report (its
	// hash on every page) when set before Excel.
	Problems workbook.Problems    `json:"-"`
	Stats    []workbook.YearStats `json:"-"`
	Record   *record.Record       `json:"-"`
}

// Excel writes the calibration's Excel report for the board
// (docs/report.md), wholly in l; the same calibration and record give the
// same bytes.
func (c *Calibration) Excel(w io.Writer, l i18n.Lang) error {
	f, err := calreport.Build(c.ReportInput(l))
	if err != nil {
		return err
	}
	defer f.Close()
	return writeCanonical(w, f)
}

// ReportInput is what the Excel report shows of the calibration, in l.
func (c *Calibration) ReportInput(l i18n.Lang) *calreport.Input {
	return &calreport.Input{File: c.File, Result: c.Result, Plans: c.Models, AE: c.AE, Seed: c.Seed, Paths: c.Paths, Lang: l,
		Assumptions: c.Assumptions, Problems: c.Problems, Stats: c.Stats, Record: c.Record, Backtest: c.backtestResult()}
}

func (c *Calibration) backtestResult() *calibrate.Backtest {
	if c.Backtest == nil {
		return nil
	}
	return c.Backtest.Result
}

// NewCalibration describes a calibration of file under the Fund fund (as
// resolved: the sheet's keys, the flags', and the estimated enrolment growth
// when growth is not nil).
func NewCalibration(file string, seed uint64, paths int, r *calibrate.Result, fund book.Fund, growth *model.Growth) *Calibration {
	pol := r.Policy
	out := &Calibration{File: file, Year: r.Year, Lever: string(r.Lever), Seed: seed, Paths: paths, Feasible: r.Feasible, Result: r,
		Policy: PolicyMap(fund, growth)}
	for _, p := range r.Plans {
		j := CalPlan{Plan: p.Plan, Name: p.Name, PeriodYears: p.PeriodYears, Members: int64(p.Members + 0.5), Shares: int64(p.Shares + 0.5),
			CurrentContribution: M2(p.Current), RecommendedContribution: M2(p.Recommended), RequiredContribution: M2(p.Required),
			StandaloneContribution: M2(p.Standalone), AtFloor: p.AtFloor, Draw: M2(p.Draw),
			Change: p.Change, Limited: p.Limited, ExpectedBenefits: M2(p.Expected), ExpectedPerShare: M2(p.ExpectedPerShare),
			Margin: M2(p.Margin), MarginShare: p.AllocShare, Income: M2(p.Income), LossRatio: Num(p.LossRatio), PDeficit: Num(p.PDeficit)}
		if p.CapLever != "" {
			j.Cap = &CalCap{p.CapLever, p.CapCurrent.String(), p.CapRecommended.String(), p.CapLimited}
		}
		j.Classes = calClasses(p) // classes.go
		out.Plans = append(out.Plans, j)
	}
	f := &out.Fund
	f.CurrentIncome, f.Income, f.Expenses, f.NetIncome = M2(r.CurrentIncome), M2(r.Income), M2(r.Expenses), M2(r.NetIncome)
	f.ExpectedBenefits, f.Margin, f.VaR = M2(r.Expected), M2(r.Margin), M2(r.VaR)
	f.PDeficitBefore, f.PDeficitAfter = Num(r.PDeficitBefore), Num(r.PDeficitAfter)
	f.RequiredNet, f.PlannedDraw, f.PSolvency, f.Solvent = M2(r.RequiredNet), M2(r.PlannedDraw), Num(r.PSolvency), r.Solvent
	f.Backstop95, f.Backstop99 = M2(r.Backstop95), M2(r.Backstop99)
	f.MaxDraw, f.Draw, f.SetAside = M2(r.MaxDraw), M2(r.Draw), M2(r.SetAside)
	f.Unearned = M2(r.Unearned)
	f.Reserve.Opening, f.Reserve.Floor = M2(pol.OpeningReserve), M2(pol.ReserveFloor)
	f.Reserve.P5, f.Reserve.P50, f.Reserve.P95 = M2(r.Reserve5), M2(r.Reserve50), M2(r.Reserve95)
	for _, y := range r.Projection {
		out.Project = append(out.Project, CalYear{Year: y.Year, PBelowFloor: y.PBelowFloor, PDeficit: y.PDeficit, P5: M2(y.P5), P50: M2(y.P50), P95: M2(y.P95),
			ExpectedBenefits: M2(y.ExpectedBenefit), Income: M2(y.Income)})
	}
	out.Notes = out.NoteLines(i18n.En)
	if !r.Feasible {
		out.Needed = &CalNeeded{MaxChange: Num(r.NeededMaxChange), Reserve: M2(r.NeededReserve)}
		if r.NeededDraw.IsPositive() {
			out.Needed.Draw = M2(r.NeededDraw)
		}
		if r.Lever != calibrate.Contributions {
			out.Needed.MaxChange = nil
		}
	}
	return out
}

// PolicyMap is every Fund key the run used, by the Fund-key table, as text
// (money to the fen); enrolment_growth is the estimate when growth is not
// nil, and enrolment_growth_source then says "estimated".
func PolicyMap(fund book.Fund, growth *model.Growth) map[string]string {
	m := map[string]string{}
	for _, k := range book.FundKeys {
		switch v := k.Get(&fund).(type) {
		case nil:
		case decimal.Decimal:
			m[k.Key] = M2(v)
		case time.Time:
			m[k.Key] = v.Format("2006-01-02")
		default:
			m[k.Key] = fmt.Sprint(v)
		}
	}
	if growth != nil {
		m["enrolment_growth"] = strconv.FormatFloat(growth.Rate, 'g', 6, 64)
		m["enrolment_growth_source"] = "estimated"
	}
	return m
}

func (c *Calibration) JSON() any { return c }

// CSV is the long form (LongCSV): every plan's figures, the fund's, the
// reserve projection's years and, when the target is infeasible, what it
// would need; the same in every language.
func (c *Calibration) CSV(w io.Writer, l i18n.Lang) error {
	var o LongCSV
	y := c.Year
	o.Add("run", "", y, "lever", c.Lever)
	o.Bool("run", "", y, "feasible", c.Feasible)
	o.Bool("run", "", y, "reprice", c.Reprice)
	o.Add("run", "", y, "seed", strconv.FormatUint(c.Seed, 10))
	o.Int("run", "", y, "paths", int64(c.Paths))
	for _, p := range c.Plans {
		s, k := "plan", p.Plan
		o.Int(s, k, y, "period_years", int64(p.PeriodYears))
		o.Int(s, k, y, "members", p.Members)
		o.Int(s, k, y, "shares", p.Shares)
		o.Add(s, k, y, "current_contribution", p.CurrentContribution)
		o.Add(s, k, y, "recommended_contribution", p.RecommendedContribution)
		o.Add(s, k, y, "required_contribution", p.RequiredContribution)
		o.Add(s, k, y, "standalone_contribution", p.StandaloneContribution)
		o.Bool(s, k, y, "at_floor", p.AtFloor)
		o.Add(s, k, y, "draw", p.Draw)
		o.F(s, k, y, "change", p.Change)
		o.Bool(s, k, y, "limited", p.Limited)
		o.Add(s, k, y, "expected_benefits", p.ExpectedBenefits)
		o.Add(s, k, y, "expected_per_share", p.ExpectedPerShare)
		o.Add(s, k, y, "margin", p.Margin)
		o.F(s, k, y, "margin_share", p.MarginShare)
		o.Add(s, k, y, "income", p.Income)
		o.Num(s, k, y, "loss_ratio", p.LossRatio)
		o.Num(s, k, y, "p_deficit", p.PDeficit)
		if p.Cap != nil {
			o.Add(s, k, y, "cap_lever", p.Cap.Lever)
			o.Add(s, k, y, "cap_current", p.Cap.Current)
			o.Add(s, k, y, "cap_recommended", p.Cap.Recommended)
			o.Bool(s, k, y, "cap_limited", p.Cap.Limited)
		}
	}
	c.classesCSV(&o) // classes.go
	f := c.Fund
	for _, kv := range [][2]string{
		{"current_income", f.CurrentIncome}, {"income", f.Income}, {"expenses", f.Expenses}, {"net_income", f.NetIncome},
		{"expected_benefits", f.ExpectedBenefits}, {"margin", f.Margin}, {"var", f.VaR},
	} {
		o.Add("fund", "", y, kv[0], kv[1])
	}
	o.Num("fund", "", y, "p_deficit_before", f.PDeficitBefore)
	o.Num("fund", "", y, "p_deficit_after", f.PDeficitAfter)
	o.Add("fund", "", y, "required_net_income", f.RequiredNet)
	o.Add("fund", "", y, "planned_draw", f.PlannedDraw)
	o.Num("fund", "", y, "p_below_floor", f.PSolvency)
	o.Bool("fund", "", y, "solvent", f.Solvent)
	for _, kv := range [][2]string{
		{"backstop_p95", f.Backstop95}, {"backstop_p99", f.Backstop99}, {"max_draw", f.MaxDraw}, {"draw", f.Draw},
		{"set_aside", f.SetAside}, {"unearned", f.Unearned}, {"reserve_opening", f.Reserve.Opening}, {"reserve_floor", f.Reserve.Floor},
		{"reserve_p5", f.Reserve.P5}, {"reserve_p50", f.Reserve.P50}, {"reserve_p95", f.Reserve.P95},
	} {
		o.Add("fund", "", y, kv[0], kv[1])
	}
	for _, p := range c.Project {
		o.Add("projection", "", p.Year, "income", p.Income)
		o.Add("projection", "", p.Year, "expected_benefits", p.ExpectedBenefits)
		o.F("projection", "", p.Year, "p_below_floor", p.PBelowFloor)
		o.F("projection", "", p.Year, "p_deficit", p.PDeficit)
		o.Add("projection", "", p.Year, "p5", p.P5)
		o.Add("projection", "", p.Year, "p50", p.P50)
		o.Add("projection", "", p.Year, "p95", p.P95)
	}
	if n := c.Needed; n != nil {
		o.Num("needed", "", y, "max_change", n.MaxChange)
		o.Add("needed", "", y, "draw", n.Draw)
		o.Add("needed", "", y, "reserve", n.Reserve)
	}
	return o.Write(w)
}

func (c *Calibration) plansTable(l i18n.Lang) *Table {
	t := &Table{Columns: []Column{
		Col("plan", "col.plan"), RCol("shares", "col.shares"), RCol("current", "col.current_contribution"),
		RCol("recommended", "col.recommended_contribution"), RCol("change", "col.change"), RCol("expected_per_share", "col.expected_per_share"),
		RCol("margin", "col.margin"), RCol("income", "col.income"), RCol("loss_ratio", "col.loss_ratio"),
		RCol("p_deficit", "col.p_plan_deficit"), Col("cap", "col.cap"),
	}}
	for _, p := range c.Plans {
		ch := Percent(p.Change, 1)
		if p.Limited {
			ch += l.T("calibrate.limited")
		}
		capS := ""
		if p.Cap != nil {
			capS = i18n.LeverName(l, p.Cap.Lever) + " " + p.Cap.Current + " → " + p.Cap.Recommended
		}
		t.Add(PlanLabel(l, p.Plan, p.Name), Int(p.Shares), p.CurrentContribution, p.RecommendedContribution, ch, p.ExpectedPerShare, MoneyText(p.Margin), MoneyText(p.Income),
			Pct(p.LossRatio, 1), Pct(p.PDeficit, 2), capS)
	}
	return t
}

func (c *Calibration) Table(w io.Writer, l i18n.Lang) error {
	r := c.Result
	f := c.Fund
	lever := l.T("calibrate.lever.contributions")
	if r.Lever == calibrate.Caps {
		lever = l.T("calibrate.lever.caps")
	}
	if r.Lever == calibrate.Reserve {
		lever = l.T("calibrate.lever.reserve")
	}
	fmt.Fprintln(w, l.T("calibrate.heading", c.Year, lever, Percent(r.Policy.TargetDeficitProbability, 1)))
	fmt.Fprintln(w)
	if err := c.plansTable(l).Render(w, l); err != nil {
		return err
	}
	if err := c.renderClasses(w, l); err != nil { // classes.go
		return err
	}
	fmt.Fprintln(w)
	ft := &Table{Title: l.T("calibrate.fund_title"), Columns: []Column{Col("item", "col.item"), RCol("value", "col.value")}}
	add := func(code string, v string, args ...any) { ft.Add(l.T(code, args...), v) }
	add("calibrate.income_current", MoneyText(f.CurrentIncome))
	add("calibrate.income_recommended", MoneyText(f.Income))
	add("calibrate.expenses", MoneyText(f.Expenses))
	add("calibrate.expected", MoneyText(f.ExpectedBenefits))
	add("calibrate.margin", MoneyText(f.Margin))
	add("calibrate.var", MoneyText(f.VaR), 100*(1-r.Policy.TargetDeficitProbability))
	add("calibrate.p_before", Pct(f.PDeficitBefore, 2))
	add("calibrate.p_after", Pct(f.PDeficitAfter, 2))
	add("calibrate.planned_draw", MoneyText(f.PlannedDraw))
	add("calibrate.p_solvency", Pct(f.PSolvency, 2), 100*r.Policy.SolvencyProbability)
	add("calibrate.backstop", MoneyText(f.Backstop95)+" / "+MoneyText(f.Backstop99))
	add("calibrate.opening", MoneyText(f.Reserve.Opening))
	add("calibrate.floor", MoneyText(f.Reserve.Floor))
	add("calibrate.max_draw", MoneyText(f.MaxDraw))
	add("calibrate.draw", MoneyText(f.Draw))
	add("calibrate.set_aside", MoneyText(f.SetAside))
	add("calibrate.unearned", MoneyText(f.Unearned))
	add("calibrate.reserve_end", MoneyText(f.Reserve.P5)+" / "+MoneyText(f.Reserve.P50)+" / "+MoneyText(f.Reserve.P95))
	if err := ft.Render(w, l); err != nil {
		return err
	}
	fmt.Fprintln(w)
	title := "calibrate.projection_title"
	if c.Reprice {
		title = "calibrate.projection_title_reprice"
	}
	pt := &Table{Title: l.T(title, c.Paths, c.Seed),
		Columns: []Column{
			Col("year", "col.year"), RCol("income", "col.income"), RCol("expected", "col.expected_benefits"),
			RCol("below", "col.p_below_floor"), RCol("p_deficit", "col.p_year_deficit"), {Key: "p5", Text: "5%", Align: Right}, {Key: "p50", Text: "50%", Align: Right}, {Key: "p95", Text: "95%", Align: Right},
		}}
	for _, y := range c.Project {
		pt.Add(fmt.Sprint(y.Year), MoneyText(y.Income), MoneyText(y.ExpectedBenefits), Percent(y.PBelowFloor, 2), Percent(y.PDeficit, 2), MoneyText(y.P5), MoneyText(y.P50), MoneyText(y.P95))
	}
	if err := pt.Render(w, l); err != nil {
		return err
	}
	for _, n := range c.NoteLines(l) {
		fmt.Fprintln(w, n)
	}
	return nil
}

// NoteLines are the notes under the tables in l: the calibration's notes and
// a line for each plan max_change held. JSON's notes are these lines in
// English: one source for both.
func (c *Calibration) NoteLines(l i18n.Lang) []string {
	r := c.Result
	out := []string{}
	for _, n := range r.Notes {
		out = append(out, i18n.Translate(l, n))
	}
	for _, p := range r.Plans {
		if p.Limited {
			out = append(out, l.T("calibrate.limited_note", PlanLabel(l, p.Plan, p.Name), p.Recommended.StringFixed(2), p.Required.StringFixed(2)))
		}
	}
	return out
}

// Infeasible says, in l, that the target cannot be met and what would meet it.
func (c *Calibration) Infeasible(l i18n.Lang) string {
	r := c.Result
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
	var ways []string
	if r.Lever == calibrate.Contributions && r.NeededMaxChange == r.NeededMaxChange && r.NeededMaxChange > 0 {
		ways = append(ways, l.T("infeasible.max_change", pct(r.NeededMaxChange)))
	}
	switch {
	case r.NeededDraw.IsPositive() && r.NeededReserve.IsPositive():
		ways = append(ways, l.T("infeasible.draw_reserve", Money(r.NeededDraw), Money(r.NeededReserve)))
	case r.NeededDraw.IsPositive():
		ways = append(ways, l.T("infeasible.draw", Money(r.NeededDraw)))
	case r.NeededReserve.IsPositive():
		ways = append(ways, l.T("infeasible.reserve", Money(r.NeededReserve)))
	}
	lead := l.T("infeasible.contributions", pct(r.Policy.MaxChange), pct(r.PDeficitAfter))
	if r.Lever == calibrate.Caps {
		lead = l.T("infeasible.caps", pct(r.PDeficitAfter))
	}
	if r.Lever == calibrate.Reserve {
		lead = l.T("infeasible.reserve_lever", pct(r.PDeficitAfter))
	}
	if len(ways) == 0 {
		return lead
	}
	return lead + l.T("infeasible.ways", strings.Join(ways, l.T("infeasible.or")), pct(r.Policy.TargetDeficitProbability))
}
