package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/calreport"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

type calibrateOptions struct {
	File     string
	Output   string
	Force    bool
	Fix      string
	Lever    string
	Terms    string
	Paths    int
	Seed     uint64
	Workers  int
	Override map[string]string // Fund key → flag value, for the flags given
}

// policyFlags are the Fund keys calibrate takes as flags (--max-change 0.3).
var policyFlags = []struct{ key, usage string }{
	{"target_deficit_probability", "allowed chance of ending the year with the reserve below its floor (0.05 = 5%)"},
	{"opening_reserve", "risk reserve at the start of the priced year, yuan"},
	{"reserve_floor", "the reserve must stay above it, yuan"},
	{"expense_ratio", "share of contributions spent on administration"},
	{"set_aside_ratio", "share of an expected surplus moved into the reserve"},
	{"max_change", "largest change of a contribution in one year (0.2 = 20%)"},
	{"rounding", "contributions are rounded up to this many yuan"},
	{"horizon_years", "years of the reserve projection"},
	{"medical_trend", "expected yearly growth of medical costs"},
	{"trend_sd", "uncertainty (sd) of that growth"},
	{"enrolment_growth", "yearly growth of members"},
	{"year", "the year being priced"},
}

func newCalibrateCmd(app *App, runF func(*calibrateOptions) error) *cobra.Command {
	opts := &calibrateOptions{Override: map[string]string{}}
	vals := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "calibrate FILE",
		Short: "建议互助费、给付封顶和储备金提取 / Recommend contributions, caps and reserve draws",
		Long: `年度测算：按工作簿的经验和基金表的政策，在精确的给付分布上求出使“年末储备金低于下限”的概率不超过目标的方案。
默认调整互助费：各计划每份互助费 = 期望给付 + 费用 + 风险附加（基金层面目标所需、超出可动用储备金部分的附加，
按各计划对基金尾部的贡献 TVaR/Euler 分摊），向上取整到 rounding 元，受 max_change 限制（受限时说明并给出相应的
赤字概率和储备金动用）。--fix contributions 保持互助费不变，求各计划的给付项（默认年度封顶）。同时给出储备金的最大
可动用额或结余提取额、年末储备金分布和 horizon_years 年的预测。目标无法达到时退出码为 3，并给出所需条件。

The annual recalibration: on the exact distributions of next year's benefits, find the terms that keep
the chance that the year ends with the reserve below its floor at or under the target. By default it
prices contributions: per plan the contribution per share that covers expected benefits, expenses and a
risk margin — the margin the fund's target needs beyond the reserve above the floor, shared among plans
by their contribution to the fund's tail (TVaR/Euler allocation) — rounded up to 'rounding' yuan and
limited by max_change (when the limit binds it says so, with the resulting deficit probability and the
draw it implies). --fix contributions keeps contributions and solves per plan a benefit term (--lever:
annual_cap by default, claim_cap, daily_amount, ratio, lump_sum); --fix terms keeps every term and
solves the reserve alone. It reports the largest reserve draw
that keeps the target or the set-aside of an expected surplus, the reserve's distribution at year end,
and a projection over horizon_years. An infeasible target exits with code 3 and what would be needed.
Every Fund key can be overridden by a flag named after it (--max-change 0.3). JSON: docs/calibrate.md.`,
		Example: `  huzhu calibrate examples/example.xlsx
  huzhu calibrate examples/example.xlsx -o 测算报告2026.xlsx
  huzhu calibrate examples/example.xlsx --target-deficit-probability 0.01 --max-change 0.3
  huzhu calibrate examples/example.xlsx --fix contributions --lever annual_cap --format json`,
		GroupID: groupRecommend,
		Args:    exactArgs(1, "the workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			for _, pf := range policyFlags {
				flag := strings.ReplaceAll(pf.key, "_", "-")
				if cmd.Flags().Changed(flag) {
					opts.Override[pf.key] = *vals[pf.key]
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runCalibrate(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "also write the Excel report to this .xlsx file")
	f.BoolVar(&opts.Force, "force", false, "replace the report file if it exists")
	f.StringVar(&opts.Fix, "fix", "", "'contributions': keep contributions and solve a benefit term per plan; 'terms': keep all terms, solve the reserve draw only")
	f.StringVar(&opts.Lever, "lever", "annual_cap", "with --fix contributions: annual_cap, claim_cap, daily_amount, ratio or lump_sum")
	f.StringVar(&opts.Terms, "terms", "", "workbook with proposed terms to start from (a Plans sheet)")
	f.IntVar(&opts.Paths, "sims", 20000, "paths of the reserve projection")
	f.Uint64Var(&opts.Seed, "seed", DefaultSeed, "seed of the reserve projection")
	f.IntVar(&opts.Workers, "workers", 0, "goroutines (0: all cores); results do not depend on it")
	for _, pf := range policyFlags {
		v := new(string)
		vals[pf.key] = v
		f.StringVar(v, strings.ReplaceAll(pf.key, "_", "-"), "", pf.usage+" (default: the Fund sheet's)")
	}
	return cmd
}

func runCalibrate(app *App, o *calibrateOptions) error {
	lever := calibrate.Contributions
	switch o.Fix {
	case "":
	case "contributions":
		lever = calibrate.Caps
	case "terms":
		lever = calibrate.Reserve
	default:
		return inputErrorf("--fix %q: expected contributions or terms", o.Fix)
	}
	if !contains(calibrate.CapLevers, o.Lever) {
		return inputErrorf("--lever %q: expected one of %s", o.Lever, strings.Join(calibrate.CapLevers, ", "))
	}
	if o.Output != "" {
		if err := checkXLSXPath(o.Output); err != nil {
			return err
		}
	}
	if o.Paths < 100 || o.Paths > 10_000_000 {
		return inputErrorf("--sims %d: expected 100 to 10,000,000", o.Paths)
	}
	book, ps, ds, err := loadModels(app, o.File)
	if err != nil {
		return err
	}
	fund := book.Fund
	if err := applyOverrides(&fund, o.Override); err != nil {
		return err
	}
	sc := model.ScenarioFromFund(fund, book.LastYear())
	if sc.Years < 0 {
		return inputErrorf("--year %d is before the last data year %d", fund.Year, book.LastYear())
	}
	if sc.Terms, err = scenarioTerms(app, o.Terms, ps); err != nil {
		return err
	}
	pol := calibrate.PolicyFromFund(fund)
	if err := pol.Validate(); err != nil {
		return inputError(err)
	}
	res, err := calibrate.Calibrate(ps, sc, pol, calibrate.Options{Lever: lever, CapLever: o.Lever,
		Exact: &model.ExactOptions{Workers: o.Workers}, Paths: o.Paths, Seed: o.Seed})
	infeasible := errors.Is(err, calibrate.ErrInfeasible)
	if err != nil && !infeasible {
		return err
	}
	out := calibrationJSON(o, res)
	if o.Output != "" {
		ae, aeErr := model.ActualExpected(ps, ds, &model.ExactOptions{Workers: o.Workers})
		if aeErr != nil {
			return aeErr
		}
		err := atomicfile.Write(o.Output, o.Force, func(w io.Writer) error {
			return calreport.Write(w, &calreport.Input{File: o.File, Result: res, Plans: ps, AE: ae, Seed: o.Seed, Paths: o.Paths})
		})
		if err != nil {
			return outputError(err)
		}
	}
	if err := printCalibration(app, out, res); err != nil {
		return err
	}
	if o.Output != "" {
		fmt.Fprintln(app.IO.ErrOut, app.T("已写入报告："+o.Output, "wrote the report: "+o.Output))
	}
	if infeasible {
		return &exitError{code: ExitInfeasible, err: errors.New(infeasibleMessage(app, res))}
	}
	return nil
}

// applyOverrides sets the Fund keys given as flags, parsed as the Fund sheet's cells are.
func applyOverrides(f *workbook.Fund, over map[string]string) error {
	var errs []string
	for k, v := range over {
		if err := workbook.SetFund(f, k, v); err != nil {
			errs = append(errs, fmt.Sprintf("--%s %q: %v", strings.ReplaceAll(k, "_", "-"), v, err))
		}
	}
	if len(errs) > 0 {
		return inputErrorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

func infeasibleMessage(app *App, r *calibrate.Result) string {
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
	target := pct(r.Policy.TargetDeficitProbability)
	var ways []string
	if r.Lever == calibrate.Contributions && r.NeededMaxChange == r.NeededMaxChange && r.NeededMaxChange > 0 {
		ways = append(ways, app.T(fmt.Sprintf("互助费最大调整幅度 %s", pct(r.NeededMaxChange)), fmt.Sprintf("a max_change of %s", pct(r.NeededMaxChange))))
	}
	if r.NeededReserve.IsPositive() {
		ways = append(ways, app.T(fmt.Sprintf("再动用 %s 元储备金（或降低下限）", report.Money(r.NeededReserve)),
			fmt.Sprintf("%s yuan more reserve above the floor", report.Money(r.NeededReserve))))
	}
	lead := app.T(fmt.Sprintf("目标无法达到：在 max_change %s 下赤字概率为 %s", pct(r.Policy.MaxChange), pct(r.PDeficitAfter)),
		fmt.Sprintf("infeasible: max_change %s leaves P(deficit) = %s", pct(r.Policy.MaxChange), pct(r.PDeficitAfter)))
	if r.Lever == calibrate.Caps {
		lead = app.T(fmt.Sprintf("目标无法达到：互助费不变时赤字概率为 %s", pct(r.PDeficitAfter)), fmt.Sprintf("infeasible: with contributions fixed P(deficit) = %s", pct(r.PDeficitAfter)))
	}
	if r.Lever == calibrate.Reserve {
		lead = app.T(fmt.Sprintf("目标无法达到：条款不变时赤字概率为 %s", pct(r.PDeficitAfter)), fmt.Sprintf("infeasible: with the terms kept P(deficit) = %s", pct(r.PDeficitAfter)))
	}
	if len(ways) == 0 {
		return lead
	}
	return lead + app.T("；"+strings.Join(ways, "或")+"可使其达到 "+target, "; "+strings.Join(ways, " or ")+" would reach "+target)
}

type calPlanJSON struct {
	Plan                    string   `json:"plan"`
	Name                    string   `json:"name,omitempty"`
	PeriodYears             int      `json:"period_years"`
	Members                 int64    `json:"members"`
	Shares                  int64    `json:"shares"`
	CurrentContribution     string   `json:"current_contribution"`
	RecommendedContribution string   `json:"recommended_contribution"`
	RequiredContribution    string   `json:"required_contribution"`
	Change                  float64  `json:"change"`
	Limited                 bool     `json:"limited"`
	ExpectedBenefits        string   `json:"expected_benefits"`
	ExpectedPerShare        string   `json:"expected_per_share"`
	Margin                  string   `json:"margin"`
	MarginShare             float64  `json:"margin_share"`
	Income                  string   `json:"income"`
	LossRatio               *float64 `json:"loss_ratio"`
	PDeficit                *float64 `json:"p_deficit"`
	Cap                     *struct {
		Lever       string `json:"lever"`
		Current     string `json:"current"`
		Recommended string `json:"recommended"`
	} `json:"cap,omitempty"`
}

type calYearJSON struct {
	Year             int     `json:"year"`
	PBelowFloor      float64 `json:"p_below_floor"`
	P5               string  `json:"p5"`
	P50              string  `json:"p50"`
	P95              string  `json:"p95"`
	ExpectedBenefits string  `json:"expected_benefits"`
	Income           string  `json:"income"`
}

type calJSON struct {
	File     string            `json:"file"`
	Year     int               `json:"year"`
	Lever    string            `json:"lever"`
	Seed     uint64            `json:"seed"`
	Paths    int               `json:"paths"`
	Policy   map[string]string `json:"policy"`
	Plans    []calPlanJSON     `json:"plans"`
	Fund     calFundJSON       `json:"fund"`
	Project  []calYearJSON     `json:"projection"`
	Feasible bool              `json:"feasible"`
	Needed   *struct {
		MaxChange *float64 `json:"max_change,omitempty"`
		Reserve   string   `json:"reserve,omitempty"`
	} `json:"needed,omitempty"`
	Notes []string `json:"notes"`
}

type calFundJSON struct {
	CurrentIncome    string   `json:"current_income"`
	Income           string   `json:"income"`
	Expenses         string   `json:"expenses"`
	NetIncome        string   `json:"net_income"`
	ExpectedBenefits string   `json:"expected_benefits"`
	Margin           string   `json:"margin"`
	VaR              string   `json:"var"`
	PDeficitBefore   *float64 `json:"p_deficit_before"`
	PDeficitAfter    *float64 `json:"p_deficit_after"`
	MaxDraw          string   `json:"max_draw"`
	Draw             string   `json:"draw"`
	SetAside         string   `json:"set_aside"`
	Reserve          struct {
		Opening string `json:"opening"`
		Floor   string `json:"floor"`
		P5      string `json:"p5"`
		P50     string `json:"p50"`
		P95     string `json:"p95"`
	} `json:"reserve"`
}

func m2(d decimal.Decimal) string { return d.StringFixed(2) }

func calibrationJSON(o *calibrateOptions, r *calibrate.Result) *calJSON {
	pol := r.Policy
	out := &calJSON{File: o.File, Year: r.Year, Lever: string(r.Lever), Seed: o.Seed, Paths: o.Paths, Feasible: r.Feasible, Notes: append([]string{}, r.Notes...),
		Policy: map[string]string{
			"target_deficit_probability": fmt.Sprint(pol.TargetDeficitProbability), "opening_reserve": m2(pol.OpeningReserve),
			"reserve_floor": m2(pol.ReserveFloor), "expense_ratio": fmt.Sprint(pol.ExpenseRatio), "set_aside_ratio": fmt.Sprint(pol.SetAsideRatio),
			"max_change": fmt.Sprint(pol.MaxChange), "rounding": pol.Rounding.String(), "horizon_years": fmt.Sprint(pol.HorizonYears)}}
	for _, p := range r.Plans {
		j := calPlanJSON{Plan: p.Plan, Name: p.Name, PeriodYears: p.PeriodYears, Members: int64(p.Members + 0.5), Shares: int64(p.Shares + 0.5),
			CurrentContribution: m2(p.Current), RecommendedContribution: m2(p.Recommended), RequiredContribution: m2(p.Required),
			Change: p.Change, Limited: p.Limited, ExpectedBenefits: m2(p.Expected), ExpectedPerShare: m2(p.ExpectedPerShare),
			Margin: m2(p.Margin), MarginShare: p.AllocShare, Income: m2(p.Income), LossRatio: num(p.LossRatio), PDeficit: num(p.PDeficit)}
		if p.CapLever != "" {
			j.Cap = &struct {
				Lever       string `json:"lever"`
				Current     string `json:"current"`
				Recommended string `json:"recommended"`
			}{p.CapLever, p.CapCurrent.String(), p.CapRecommended.String()}
		}
		out.Plans = append(out.Plans, j)
	}
	f := &out.Fund
	f.CurrentIncome, f.Income, f.Expenses, f.NetIncome = m2(r.CurrentIncome), m2(r.Income), m2(r.Expenses), m2(r.NetIncome)
	f.ExpectedBenefits, f.Margin, f.VaR = m2(r.Expected), m2(r.Margin), m2(r.VaR)
	f.PDeficitBefore, f.PDeficitAfter = num(r.PDeficitBefore), num(r.PDeficitAfter)
	f.MaxDraw, f.Draw, f.SetAside = m2(r.MaxDraw), m2(r.Draw), m2(r.SetAside)
	f.Reserve.Opening, f.Reserve.Floor = m2(pol.OpeningReserve), m2(pol.ReserveFloor)
	f.Reserve.P5, f.Reserve.P50, f.Reserve.P95 = m2(r.Reserve5), m2(r.Reserve50), m2(r.Reserve95)
	for _, y := range r.Projection {
		out.Project = append(out.Project, calYearJSON{Year: y.Year, PBelowFloor: y.PBelowFloor, P5: m2(y.P5), P50: m2(y.P50), P95: m2(y.P95),
			ExpectedBenefits: m2(y.ExpectedBenefit), Income: m2(y.Income)})
	}
	if !r.Feasible {
		out.Needed = &struct {
			MaxChange *float64 `json:"max_change,omitempty"`
			Reserve   string   `json:"reserve,omitempty"`
		}{MaxChange: num(r.NeededMaxChange), Reserve: m2(r.NeededReserve)}
		if r.Lever != calibrate.Contributions {
			out.Needed.MaxChange = nil
		}
	}
	return out
}

func printCalibration(app *App, out *calJSON, r *calibrate.Result) error {
	w := app.IO.Out
	if app.Format == FormatJSON {
		return report.WriteJSON(w, out)
	}
	t := &report.Table{Columns: []report.Column{
		{Key: "plan", Zh: "计划", En: "plan"},
		{Key: "shares", Zh: "份数", En: "shares", Align: report.Right},
		{Key: "current", Zh: "现行互助费", En: "current", Align: report.Right},
		{Key: "recommended", Zh: "建议互助费", En: "recommended", Align: report.Right},
		{Key: "change", Zh: "调整", En: "change", Align: report.Right},
		{Key: "expected_per_share", Zh: "每份期望给付", En: "expected/share", Align: report.Right},
		{Key: "margin", Zh: "风险附加", En: "margin", Align: report.Right},
		{Key: "income", Zh: "互助费收入", En: "income", Align: report.Right},
		{Key: "loss_ratio", Zh: "赔付率", En: "loss ratio", Align: report.Right},
		{Key: "p_deficit", Zh: "计划赤字概率", En: "P(plan deficit)", Align: report.Right},
		{Key: "cap", Zh: "给付项（现行→建议）", En: "benefit term (now → rec.)"},
	}}
	for _, p := range out.Plans {
		ch := report.Percent(p.Change, 1)
		if p.Limited {
			ch += app.T("（受限）", " (limited)")
		}
		capS := ""
		if p.Cap != nil {
			capS = p.Cap.Lever + " " + p.Cap.Current + " → " + p.Cap.Recommended
		}
		t.Add(p.Plan, report.Int(p.Shares), p.CurrentContribution, p.RecommendedContribution, ch, p.ExpectedPerShare, money(p.Margin), money(p.Income),
			pct(p.LossRatio, 1), pct(p.PDeficit, 2), capS)
	}
	if app.Format == FormatCSV {
		return t.WriteCSV(w)
	}
	f := out.Fund
	lever := app.T("调整互助费", "contributions")
	if r.Lever == calibrate.Caps {
		lever = app.T("互助费不变，调整给付项", "contributions fixed, benefit terms solved")
	}
	if r.Lever == calibrate.Reserve {
		lever = app.T("条款不变，只测算储备金", "terms kept, the reserve solved")
	}
	fmt.Fprintf(w, "%s %d — %s — %s %s\n\n", app.T("测算年度", "priced year"), out.Year, lever, app.T("目标赤字概率", "target P(deficit)"), report.Percent(r.Policy.TargetDeficitProbability, 1))
	if err := t.Render(w, app.Lang); err != nil {
		return err
	}
	fmt.Fprintln(w)
	ft := &report.Table{Title: app.T("基金", "Fund"), Columns: []report.Column{{Key: "item", Zh: "项目", En: "item"}, {Key: "value", Zh: "金额/概率", En: "value", Align: report.Right}}}
	add := func(zh, en, v string) { ft.Add(app.T(zh, en), v) }
	add("现行条款互助费收入", "income at current terms", money(f.CurrentIncome))
	add("建议互助费收入", "income at recommended terms", money(f.Income))
	add("管理费用", "expenses", money(f.Expenses))
	add("期望给付", "expected benefits", money(f.ExpectedBenefits))
	add("风险附加（基金）", "risk margin (fund)", money(f.Margin))
	add(fmt.Sprintf("给付 VaR %.1f%%", 100*(1-r.Policy.TargetDeficitProbability)), fmt.Sprintf("benefits VaR %.1f%%", 100*(1-r.Policy.TargetDeficitProbability)), money(f.VaR))
	add("赤字概率（现行条款）", "P(deficit) at current terms", pct(f.PDeficitBefore, 2))
	add("赤字概率（建议条款）", "P(deficit) at recommended terms", pct(f.PDeficitAfter, 2))
	add("期初储备金", "opening reserve", money(f.Reserve.Opening))
	add("储备金下限", "reserve floor", money(f.Reserve.Floor))
	add("最大可动用储备金（保持目标）", "largest reserve draw keeping the target", money(f.MaxDraw))
	add("预计动用储备金", "expected draw on the reserve", money(f.Draw))
	add("建议结余提取", "recommended set-aside", money(f.SetAside))
	add("年末储备金 5% / 50% / 95%", "reserve at year end 5% / 50% / 95%", money(f.Reserve.P5)+" / "+money(f.Reserve.P50)+" / "+money(f.Reserve.P95))
	if err := ft.Render(w, app.Lang); err != nil {
		return err
	}
	fmt.Fprintln(w)
	pt := &report.Table{Title: app.T(fmt.Sprintf("储备金预测（建议条款不变，%d 次模拟，种子 %d）", out.Paths, out.Seed), fmt.Sprintf("Reserve projection (recommended terms held; %d paths, seed %d)", out.Paths, out.Seed)),
		Columns: []report.Column{
			{Key: "year", Zh: "年度", En: "year"},
			{Key: "income", Zh: "互助费收入", En: "income", Align: report.Right},
			{Key: "expected", Zh: "期望给付", En: "expected benefits", Align: report.Right},
			{Key: "below", Zh: "低于下限概率", En: "P(below floor)", Align: report.Right},
			{Key: "p5", Zh: "5%", En: "5%", Align: report.Right},
			{Key: "p50", Zh: "50%", En: "50%", Align: report.Right},
			{Key: "p95", Zh: "95%", En: "95%", Align: report.Right},
		}}
	for _, y := range out.Project {
		pt.Add(fmt.Sprint(y.Year), money(y.Income), money(y.ExpectedBenefits), report.Percent(y.PBelowFloor, 2), money(y.P5), money(y.P50), money(y.P95))
	}
	if err := pt.Render(w, app.Lang); err != nil {
		return err
	}
	for _, n := range out.Notes {
		fmt.Fprintln(w, n)
	}
	for _, p := range r.Plans {
		if p.Limited {
			fmt.Fprintf(w, app.T("%s：按 max_change 限制，建议 %s 元（所需 %s 元）\n", "%s: limited by max_change to %s yuan (%s needed)\n"), p.Plan, p.Recommended.StringFixed(2), p.Required.StringFixed(2))
		}
	}
	return nil
}
