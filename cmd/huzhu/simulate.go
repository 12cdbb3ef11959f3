package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

type simulateOptions struct {
	File        string
	Terms       string
	Method      string
	Sims        int
	Seed        uint64
	Workers     int
	P           []float64
	NoParameter bool
	NoTrend     bool
}

func newSimulateCmd(app *App, runF func(*simulateOptions) error) *cobra.Command {
	opts := &simulateOptions{}
	cmd := &cobra.Command{
		Use:   "simulate FILE",
		Short: "计算下一年给付的分布 / Next year's benefits: distribution per plan and for the fund",
		Long: `按工作簿的经验拟合各计划的模型，计算测算年度各计划和整个基金给付总额的分布：期望给付、标准差、
VaR 和 TVaR（95%、99%、99.5%）、每份期望给付、赔付率（对互助费收入）以及给付超过互助费收入的概率；
包含过程风险、参数估计风险和医疗费用增长率的不确定性（各医疗类计划共同承受），并给出三者在方差中的占比。
--terms 给出拟议条款（与“计划”表同格式的工作簿），未列出的计划沿用现行条款。

The distribution of next year's benefits of every plan and of the fund, from the models fitted to the
workbook's experience: expected benefits, sd, VaR and TVaR at 95/99/99.5%, expected benefit per share,
loss ratio against contributions and the probability that benefits exceed contributions. It includes
process risk, the uncertainty of the estimates and of the medical trend (a factor common to every
plan with medical costs), and shows each one's share of the variance. --method exact (default)
applies the benefit rules exactly on lattices and adds members up by FFT; --method mc simulates every
member's claims and pays them by the rules literally (a cross-check; --sims paths, --seed, --workers:
the numbers do not depend on the workers). --terms FILE.xlsx prices proposed terms: a workbook with a
Plans sheet laid out as the input's (plans not in it keep their terms).

JSON: {"file","year","method","parameter_risk","trend_risk","seed","paths","plans":[{"plan","name",
"members","shares","contributions","expected","sd","expected_per_share","loss_ratio","p_deficit",
"quantiles":[{"p","var","tvar","var_se","tvar_se"}],"variance_shares":{"process","parameter","trend"}}],
"fund":{…the same without the per-plan fields…}}; money as strings to the fen.`,
		Example: `  huzhu simulate examples/example.xlsx
  huzhu simulate examples/example.xlsx --terms proposal.xlsx --format json
  huzhu simulate examples/example.xlsx --method mc --sims 5000 --seed 7
  huzhu simulate examples/example.xlsx --no-parameter-risk --no-trend-risk   # process risk only`,
		GroupID: groupAnalyse,
		Args:    exactArgs(1, "the workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runSimulate(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Terms, "terms", "", "workbook with proposed terms (a Plans sheet); plans not in it keep their terms")
	f.StringVar(&opts.Method, "method", "exact", "exact (lattices and FFT) or mc (member-level Monte Carlo)")
	f.IntVar(&opts.Sims, "sims", 10000, "Monte Carlo paths (--method mc)")
	f.Uint64Var(&opts.Seed, "seed", DefaultSeed, "Monte Carlo seed (--method mc)")
	f.IntVar(&opts.Workers, "workers", 0, "goroutines (0: all cores); results do not depend on it")
	f.Float64SliceVar(&opts.P, "p", []float64{0.95, 0.99, 0.995}, "probabilities of VaR and TVaR")
	f.BoolVar(&opts.NoParameter, "no-parameter-risk", false, "leave out the uncertainty of the estimates")
	f.BoolVar(&opts.NoTrend, "no-trend-risk", false, "leave out the uncertainty of the medical trend")
	_ = cmd.RegisterFlagCompletionFunc("method", cobra.FixedCompletions([]string{"exact", "mc"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// loadModels reads a workbook, refuses one with errors (printing them), and
// estimates the plans' models.
func loadModels(app *App, file string) (*workbook.Book, []*model.Plan, []*model.Data, error) {
	book, probs, err := workbook.Read(file)
	if err != nil {
		return nil, nil, nil, inputError(err)
	}
	if probs.Count(workbook.Error) > 0 {
		for _, p := range probs {
			if p.Level == workbook.Error {
				fmt.Fprintf(app.IO.ErrOut, "%s  %s\n", p.Level.Label(app.Lang), p.Message(app.Lang))
			}
		}
		return nil, nil, nil, inputErrorf("%s has %d error(s); run 'huzhu validate %s' for the whole report", file, probs.Count(workbook.Error), file)
	}
	ps, ds, err := model.FromBook(&book.Book, nil)
	if err != nil {
		return nil, nil, nil, inputErrorf("%s: %v", file, err)
	}
	return book, ps, ds, nil
}

// scenarioTerms reads --terms.
func scenarioTerms(app *App, path string, ps []*model.Plan) (map[string]*plans.Terms, error) {
	if path == "" {
		return nil, nil
	}
	rows, probs, err := workbook.ReadTerms(path)
	if err != nil {
		return nil, inputError(err)
	}
	if probs.Count(workbook.Error) > 0 {
		for _, p := range probs {
			if p.Level == workbook.Error {
				fmt.Fprintf(app.IO.ErrOut, "%s  %s\n", p.Level.Label(app.Lang), p.Message(app.Lang))
			}
		}
		return nil, inputErrorf("--terms %s has %d error(s)", path, probs.Count(workbook.Error))
	}
	known := map[string]*model.Plan{}
	for _, p := range ps {
		known[p.Terms.Plan] = p
	}
	out := map[string]*plans.Terms{}
	var bad []string
	for i := range rows {
		t := rows[i].Terms
		p, ok := known[t.Plan]
		if !ok {
			bad = append(bad, fmt.Sprintf("%s (not a plan of the workbook)", t.Plan))
			continue
		}
		if t.Kind != p.Terms.Kind {
			bad = append(bad, fmt.Sprintf("%s: kind %s, the workbook's plan is %s", t.Plan, t.Kind, p.Terms.Kind))
			continue
		}
		out[t.Plan] = &t
	}
	if len(bad) > 0 {
		return nil, inputErrorf("--terms %s: %s", path, strings.Join(bad, "; "))
	}
	return out, nil
}

type quantileOut struct {
	P      float64  `json:"p"`
	VaR    string   `json:"var"`
	TVaR   string   `json:"tvar"`
	VaRSE  *float64 `json:"var_se,omitempty"`
	TVaRSE *float64 `json:"tvar_se,omitempty"`
}

type varianceShares struct {
	Process   float64 `json:"process"`
	Parameter float64 `json:"parameter"`
	Trend     float64 `json:"trend"`
}

type simLine struct {
	Plan             string          `json:"plan,omitempty"`
	Name             string          `json:"name,omitempty"`
	Members          int64           `json:"members"`
	Shares           int64           `json:"shares"`
	Contributions    string          `json:"contributions"`
	Expected         string          `json:"expected"`
	SD               string          `json:"sd"`
	ExpectedPerShare string          `json:"expected_per_share,omitempty"`
	LossRatio        *float64        `json:"loss_ratio"`
	PDeficit         *float64        `json:"p_deficit"`
	PDeficitSE       *float64        `json:"p_deficit_se,omitempty"`
	ExpectedSE       *float64        `json:"expected_se,omitempty"`
	Quantiles        []quantileOut   `json:"quantiles"`
	VarianceShares   *varianceShares `json:"variance_shares,omitempty"`
}

type simOut struct {
	File          string    `json:"file"`
	Year          int       `json:"year"`
	Method        string    `json:"method"`
	ParameterRisk bool      `json:"parameter_risk"`
	TrendRisk     bool      `json:"trend_risk"`
	Seed          *uint64   `json:"seed,omitempty"`
	Paths         int       `json:"paths,omitempty"`
	Plans         []simLine `json:"plans"`
	Fund          simLine   `json:"fund"`
}

// fen rounds a float amount to the fen as a decimal (NaN and ±Inf are
// refused by the callers: they never reach a report).
func fen(x float64) decimal.Decimal {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return decimal.Zero
	}
	return decimal.NewFromFloat(x).Round(2)
}

// riskMeasures is what simulate reports of one distribution.
type riskMeasures interface {
	Mean() float64
	SD() float64
	VaR(p float64) float64
	TVaR(p float64) float64
	ExceedProb(x float64) float64
}

// sampleMeasures adapts a Monte Carlo Result (whose Mean and SD are fields).
type sampleMeasures struct{ r *aggregate.Result }

func (m sampleMeasures) Mean() float64                { return m.r.Mean }
func (m sampleMeasures) SD() float64                  { return m.r.SD }
func (m sampleMeasures) VaR(p float64) float64        { return m.r.VaR(p) }
func (m sampleMeasures) TVaR(p float64) float64       { return m.r.TVaR(p) }
func (m sampleMeasures) ExceedProb(x float64) float64 { return m.r.ExceedProb(x) }

func runSimulate(app *App, o *simulateOptions) error {
	if o.Method != "exact" && o.Method != "mc" {
		return inputErrorf("--method %q: expected exact or mc", o.Method)
	}
	for _, p := range o.P {
		if !(p > 0 && p < 1) {
			return inputErrorf("--p %v: probabilities must be between 0 and 1", p)
		}
	}
	if o.Sims < 100 || o.Sims > 10_000_000 {
		return inputErrorf("--sims %d: expected 100 to 10,000,000", o.Sims)
	}
	book, ps, _, err := loadModels(app, o.File)
	if err != nil {
		return err
	}
	sc := model.ScenarioFromFund(book.Fund, book.LastYear())
	sc.Parameter, sc.Trend = !o.NoParameter, !o.NoTrend
	if sc.Terms, err = scenarioTerms(app, o.Terms, ps); err != nil {
		return err
	}
	out := simOut{File: o.File, Year: book.LastYear() + sc.Years, Method: o.Method, ParameterRisk: sc.Parameter, TrendRisk: sc.Trend}
	var fundContrib decimal.Decimal
	var fundExpected decimal.Decimal
	line := func(d riskMeasures, contrib decimal.Decimal) simLine {
		l := simLine{Contributions: contrib.StringFixed(2), Expected: fen(d.Mean()).StringFixed(2), SD: fen(d.SD()).StringFixed(2), Quantiles: []quantileOut{}}
		c := contrib.InexactFloat64()
		if c > 0 {
			l.LossRatio = num(d.Mean() / c)
		}
		l.PDeficit = num(d.ExceedProb(c))
		for _, p := range o.P {
			l.Quantiles = append(l.Quantiles, quantileOut{P: p, VaR: fen(d.VaR(p)).StringFixed(2), TVaR: fen(d.TVaR(p)).StringFixed(2)})
		}
		return l
	}
	switch o.Method {
	case "exact":
		fd, err := model.Exact(ps, sc, &model.ExactOptions{Workers: o.Workers})
		if err != nil {
			return err
		}
		for i, pd := range fd.Plans {
			contrib := fen(pd.Contributions)
			l := line(pd.Total, contrib)
			l.Plan, l.Name = pd.Plan, ps[i].Terms.Name
			l.Members, l.Shares = int64(math.Round(pd.Members)), int64(math.Round(pd.Shares))
			exp := fen(pd.Total.Mean())
			if pd.Shares > 0 {
				l.ExpectedPerShare = exp.Div(decimal.NewFromFloat(pd.Shares)).Round(2).StringFixed(2)
			}
			l.VarianceShares = shares(pd.VarProcess, pd.VarParameter, pd.VarTrend)
			out.Plans = append(out.Plans, l)
			fundContrib = fundContrib.Add(contrib)
			fundExpected = fundExpected.Add(exp)
		}
		out.Fund = line(fd.Total, fundContrib)
		out.Fund.VarianceShares = shares(fd.VarProcess, fd.VarParameter, fd.VarTrend)
	case "mc":
		res, err := model.Simulate(ps, sc, model.MCOptions{Paths: o.Sims, Seed: o.Seed, Workers: o.Workers})
		if err != nil {
			return err
		}
		seed := o.Seed
		out.Seed, out.Paths = &seed, res.Paths
		for i, p := range ps {
			r := aggregate.FromSample(res.PlanTotals[i])
			M := sc.MembersNext(p)
			sh := 0.0
			for k, w := range p.ShareMix {
				sh += math.Round(M*w) * float64(k)
			}
			contrib := fen(sh * sc.TermsOf(p).YearlyContribution().InexactFloat64())
			l := line(sampleMeasures{r}, contrib)
			l.Plan, l.Name = p.Terms.Plan, p.Terms.Name
			l.Members, l.Shares = int64(math.Round(M)), int64(math.Round(sh))
			exp := fen(r.Mean)
			if sh > 0 {
				l.ExpectedPerShare = exp.Div(decimal.NewFromFloat(sh)).Round(2).StringFixed(2)
			}
			l.ExpectedSE = num(r.StdErrMean)
			for j := range l.Quantiles {
				l.Quantiles[j].VaRSE, l.Quantiles[j].TVaRSE = num(r.StdErrVaR(o.P[j])), num(r.StdErrTVaR(o.P[j]))
			}
			out.Plans = append(out.Plans, l)
			fundContrib = fundContrib.Add(contrib)
			fundExpected = fundExpected.Add(exp)
		}
		r := aggregate.FromSample(res.FundTotal)
		out.Fund = line(sampleMeasures{r}, fundContrib)
		out.Fund.ExpectedSE = num(r.StdErrMean)
		for j := range out.Fund.Quantiles {
			out.Fund.Quantiles[j].VaRSE, out.Fund.Quantiles[j].TVaRSE = num(r.StdErrVaR(o.P[j])), num(r.StdErrTVaR(o.P[j]))
		}
	}
	// The fund's expected benefits are the sum of the plans' lines, to the fen.
	out.Fund.Expected = fundExpected.StringFixed(2)
	var m, s int64
	for _, l := range out.Plans {
		m += l.Members
		s += l.Shares
	}
	out.Fund.Members, out.Fund.Shares = m, s
	return printSimulate(app, &out)
}

func shares(proc, param, trend float64) *varianceShares {
	t := proc + param + trend
	if !(t > 0) {
		return nil
	}
	return &varianceShares{Process: proc / t, Parameter: param / t, Trend: trend / t}
}

func printSimulate(app *App, out *simOut) error {
	if app.Format == FormatJSON {
		return report.WriteJSON(app.IO.Out, out)
	}
	cols := []report.Column{
		{Key: "plan", Zh: "计划", En: "plan"},
		{Key: "members", Zh: "人数", En: "members", Align: report.Right},
		{Key: "shares", Zh: "份数", En: "shares", Align: report.Right},
		{Key: "contributions", Zh: "互助费收入", En: "contributions", Align: report.Right},
		{Key: "expected", Zh: "期望给付", En: "expected", Align: report.Right},
		{Key: "sd", Zh: "标准差", En: "sd", Align: report.Right},
		{Key: "per_share", Zh: "每份期望给付", En: "per share", Align: report.Right},
		{Key: "loss_ratio", Zh: "赔付率", En: "loss ratio", Align: report.Right},
		{Key: "p_deficit", Zh: "入不敷出概率", En: "P(deficit)", Align: report.Right},
	}
	for _, q := range out.Fund.Quantiles {
		p := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", 100*q.P), "0"), ".")
		cols = append(cols, report.Column{Key: "var_" + p, Zh: "VaR " + p + "%", En: "VaR " + p + "%", Align: report.Right},
			report.Column{Key: "tvar_" + p, Zh: "TVaR " + p + "%", En: "TVaR " + p + "%", Align: report.Right})
	}
	t := &report.Table{Columns: cols}
	add := func(name string, l simLine) {
		cells := []string{name, report.Int(l.Members), report.Int(l.Shares), money(l.Contributions), money(l.Expected), money(l.SD), l.ExpectedPerShare,
			pct(l.LossRatio, 1), pct(l.PDeficit, 2)}
		for _, q := range l.Quantiles {
			cells = append(cells, money(q.VaR), money(q.TVaR))
		}
		t.Add(cells...)
	}
	for _, l := range out.Plans {
		add(l.Plan, l)
	}
	add(app.T("基金合计", "fund"), out.Fund)
	if app.Format == FormatCSV {
		return t.WriteCSV(app.IO.Out)
	}
	w := app.IO.Out
	how := app.T("精确（格点与 FFT）", "exact (lattices and FFT)")
	if out.Method == "mc" {
		how = app.T(fmt.Sprintf("会员级蒙特卡罗，%d 次，种子 %d", out.Paths, *out.Seed), fmt.Sprintf("member-level Monte Carlo, %d paths, seed %d", out.Paths, *out.Seed))
	}
	risk := app.T("过程风险", "process risk")
	if out.ParameterRisk {
		risk += app.T(" + 参数风险", " + parameter risk")
	}
	if out.TrendRisk {
		risk += app.T(" + 趋势风险", " + trend risk")
	}
	fmt.Fprintf(w, "%s %d %s — %s — %s\n\n", app.T("测算年度", "priced year"), out.Year, app.T("给付分布", "benefits"), how, risk)
	if err := t.Render(w, app.Lang); err != nil {
		return err
	}
	if vs := out.Fund.VarianceShares; vs != nil {
		fmt.Fprintf(w, "\n%s %.1f%%, %s %.1f%%, %s %.1f%%\n", app.T("基金方差构成：过程", "fund variance: process"), 100*vs.Process,
			app.T("参数", "parameter"), 100*vs.Parameter, app.T("趋势", "trend"), 100*vs.Trend)
	}
	return nil
}

func money(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	return report.Money(d)
}

func pct(x *float64, decimals int) string {
	if x == nil {
		return "—"
	}
	return report.Percent(*x, decimals)
}
