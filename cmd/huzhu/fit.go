package main

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/spf13/cobra"
)

type fitOptions struct {
	File string
}

func newFitCmd(app *App, runF func(*fitOptions) error) *cobra.Command {
	opts := &fitOptions{}
	cmd := &cobra.Command{
		Use:   "fit FILE",
		Short: "拟合各计划的经验模型 / Fit every plan's claim models to the workbook's experience",
		Long: `按计划和给付类型拟合经验模型：每人每年发生次数（泊松或负二项，按会员的给付次数选择，去除起付线和起付天数
造成的未记录部分后还原为“未截断”的发生率）、费用或损失金额（以上年起付线为左截断点，对多种分布做最大似然拟合，
按 AIC 选择）、住院天数（从起付天数起左截断）、病种和伤残等级构成；给出参数、标准误、拟合优度和备选模型；
再用拟合的模型按上年条款和上年参保人数重算上年给付，与实际给付比较（实际/期望及 90% 区间）。
只有汇总数据的工作簿说明替代缺失严重程度形状的假设。

Fit every plan's models to the workbook's experience, per benefit type: events per member-year (Poisson or
negative binomial, chosen from claims per member, de-thinned to ground-up for what the deductible or the
first paid day keeps out of the record), the cost or loss per event (every severity family by maximum
likelihood, left-truncated at last year's deductible, chosen by AIC), hospital days (left-truncated below
the first paid day), disease-class and disability-grade mixes: parameters, standard errors, goodness of
fit and the alternatives. Then actual against expected: last year's paid benefits against what the
fitted models expect under last year's terms and membership, with the 90% interval. A summary-only book
says which assumptions stand in for the missing severity shape.

JSON: {"file","plans":[{"plan","name","kind","source","last_year","members","exposure","share_mix",
"benefits":[{"benefit","claims","frequency":{…},"severity":{…},"days":{…},"categories":{…}}],"notes",
"actual_expected":{"year","actual","expected","sd","lo90","hi90","ratio","within"}}]}.`,
		Example: `  huzhu fit examples/example.xlsx
  huzhu fit examples/zhejiang-2014.xlsx --lang en
  huzhu fit examples/example.xlsx --format json | jq '.plans[] | {plan, ae: .actual_expected.ratio}'`,
		GroupID: groupAnalyse,
		Args:    exactArgs(1, "the workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runFit(app, opts)
		},
	}
	return cmd
}

type altJSON struct {
	Distribution string   `json:"distribution"`
	AIC          *float64 `json:"aic"`
	DeltaAIC     *float64 `json:"delta_aic"`
	Converged    bool     `json:"converged"`
}

type freqJSON struct {
	Family       string    `json:"family"`
	RecordedMu   float64   `json:"recorded_mu"`
	Thinning     float64   `json:"thinning"`
	Mu           float64   `json:"mu"`
	Size         *float64  `json:"size"`
	RelSE        float64   `json:"rel_se"`
	Reason       string    `json:"reason,omitempty"`
	Alternatives []altJSON `json:"alternatives,omitempty"`
}

type sevJSON struct {
	fitJSON
	Truncation   float64   `json:"truncation"`
	Years        []int     `json:"years"`
	ScaleSE      float64   `json:"scale_se"`
	Trended      bool      `json:"trended"`
	Reason       string    `json:"reason"`
	Alternatives []altJSON `json:"alternatives"`
}

type daysJSON struct {
	Family     string             `json:"family"`
	Params     map[string]float64 `json:"params"`
	SE         map[string]float64 `json:"se"`
	Truncation int                `json:"truncation"`
	N          int                `json:"n"`
}

type benefitJSON struct {
	Benefit    string             `json:"benefit"`
	Claims     int64              `json:"claims"`
	Frequency  freqJSON           `json:"frequency"`
	Severity   *sevJSON           `json:"severity,omitempty"`
	Payment    map[string]float64 `json:"payment,omitempty"`
	Days       *daysJSON          `json:"days,omitempty"`
	Categories map[string]float64 `json:"categories,omitempty"`
}

type aeJSON struct {
	Year     int      `json:"year"`
	Actual   string   `json:"actual"`
	Expected string   `json:"expected"`
	SD       string   `json:"sd"`
	Lo90     string   `json:"lo90"`
	Hi90     string   `json:"hi90"`
	Ratio    *float64 `json:"ratio"`
	Within   bool     `json:"within"`
}

type planFitJSON struct {
	Plan     string             `json:"plan"`
	Name     string             `json:"name,omitempty"`
	Kind     string             `json:"kind"`
	Source   string             `json:"source"`
	LastYear int                `json:"last_year"`
	Members  float64            `json:"members"`
	Exposure float64            `json:"exposure"`
	ShareMix map[string]float64 `json:"share_mix"`
	Benefits []benefitJSON      `json:"benefits"`
	Notes    []string           `json:"notes"`
	AE       *aeJSON            `json:"actual_expected"`
}

func alternatives[T fit.Fitted](ranked []T) []altJSON {
	var out []altJSON
	best := math.NaN()
	for _, r := range ranked {
		in := r.Info()
		a := altJSON{Distribution: in.Family, Converged: in.Converged, AIC: num(in.AIC)}
		if in.Converged {
			if math.IsNaN(best) {
				best = in.AIC
			}
			a.DeltaAIC = num(in.AIC - best)
		}
		out = append(out, a)
	}
	return out
}

func runFit(app *App, o *fitOptions) error {
	_, ps, ds, err := loadModels(app, o.File)
	if err != nil {
		return err
	}
	ae, err := model.ActualExpected(ps, ds, nil)
	if err != nil {
		return err
	}
	var out []planFitJSON
	for i, p := range ps {
		pj := planFitJSON{Plan: p.Terms.Plan, Name: p.Terms.Name, Kind: string(p.Terms.Kind), Source: p.Source, LastYear: p.LastYear,
			Members: p.Members, Exposure: p.Exposure, ShareMix: map[string]float64{}, Notes: append([]string{}, p.Notes...)}
		for k, w := range p.ShareMix {
			pj.ShareMix[fmt.Sprint(k)] = w
		}
		for _, b := range p.Benefits {
			bj := benefitJSON{Benefit: string(b.Benefit), Claims: b.Claims, Categories: b.Categories,
				Frequency: freqJSON{Family: b.Freq.Family, RecordedMu: b.Freq.RecordedMu, Thinning: b.Freq.Thinning, Mu: b.Freq.Mu,
					Size: num(b.Freq.Size), RelSE: b.Freq.RelSE, Reason: b.Freq.Reason}}
			if b.Freq.Alternatives != nil {
				bj.Frequency.Alternatives = alternatives(b.Freq.Alternatives)
			}
			if s := b.Sev; s != nil && s.Fit != nil {
				r := s.Fit
				bj.Severity = &sevJSON{fitJSON: fitJSON{Distribution: r.Family, Params: paramMap(r.ParamNames, r.Params), SE: paramMap(r.ParamNames, r.SE),
					LogLik: num(r.LogLik), AIC: num(r.AIC), BIC: num(r.BIC), KS: num(r.KS), CvM: num(r.CvM), AD: num(r.AD),
					Converged: r.Converged, Chosen: true, Rank: 1, Message: r.Message, N: r.N},
					Truncation: s.Truncation, Years: s.Years, ScaleSE: s.ScaleSE, Trended: s.Trended, Reason: s.Reason, Alternatives: alternatives(s.Alternatives)}
			}
			if b.Payment != nil {
				bj.Payment = b.Payment.Params()
			}
			if d := b.Days; d != nil && d.Fit != nil {
				dj := &daysJSON{Family: d.Fit.Family, Params: map[string]float64{}, SE: map[string]float64{}, Truncation: d.Truncation, N: d.N}
				for k, n := range d.Fit.ParamNames {
					dj.Params[n] = d.Fit.Params[k]
					if k < len(d.Fit.SE) {
						dj.SE[n] = d.Fit.SE[k]
					}
				}
				bj.Days = dj
			}
			pj.Benefits = append(pj.Benefits, bj)
		}
		a := ae[i]
		pj.AE = &aeJSON{Year: a.Year, Actual: fen(a.Actual).StringFixed(2), Expected: fen(a.Expected).StringFixed(2), SD: fen(a.SD).StringFixed(2),
			Lo90: fen(a.Lo).StringFixed(2), Hi90: fen(a.Hi).StringFixed(2), Ratio: num(a.Ratio), Within: a.Within}
		out = append(out, pj)
	}
	if app.Format == FormatJSON {
		return report.WriteJSON(app.IO.Out, struct {
			File  string        `json:"file"`
			Plans []planFitJSON `json:"plans"`
		}{o.File, out})
	}
	models := &report.Table{Title: app.T("经验模型（每人每年）", "Experience models (per member-year)"), Columns: []report.Column{
		{Key: "plan", Zh: "计划", En: "plan"},
		{Key: "benefit", Zh: "给付类型", En: "benefit"},
		{Key: "claims", Zh: "给付笔数", En: "claims", Align: report.Right},
		{Key: "recorded", Zh: "记录发生率", En: "recorded rate", Align: report.Right},
		{Key: "thinning", Zh: "记录比例", En: "P(recorded)", Align: report.Right},
		{Key: "mu", Zh: "发生率", En: "ground-up rate", Align: report.Right},
		{Key: "rel_se", Zh: "相对标准误", En: "rel. se", Align: report.Right},
		{Key: "count_model", Zh: "次数模型", En: "count model"},
		{Key: "amount_model", Zh: "金额/天数模型", En: "amount model"},
	}}
	for _, pj := range out {
		for _, b := range pj.Benefits {
			count := b.Frequency.Family
			if b.Frequency.Size != nil && !math.IsInf(*b.Frequency.Size, 1) {
				count += fmt.Sprintf("(size=%.3g)", *b.Frequency.Size)
			}
			amount := ""
			switch {
			case b.Severity != nil:
				amount = b.Severity.Distribution + "(" + fmtParams(b.Severity.Params, sortedKeys(b.Severity.Params)) + ")"
				if b.Severity.Truncation > 0 {
					amount += fmt.Sprintf(app.T(" 截断于 %g", " truncated at %g"), b.Severity.Truncation)
				}
			case b.Days != nil:
				amount = app.T("天数 1+", "days 1+") + b.Days.Family + "(" + fmtFloatMap(b.Days.Params) + ")"
			case b.Payment != nil:
				amount = app.T("给付 lnorm(", "paid lnorm(") + fmtFloatMap(b.Payment) + app.T(")（假设）", ") (assumed)")
			case len(b.Categories) > 0:
				amount = fmt.Sprintf(app.T("%d 类", "%d classes"), len(b.Categories))
			}
			models.Add(pj.Plan, b.Benefit, report.Int(b.Claims), report.Percent(b.Frequency.RecordedMu, 3), report.Percent(b.Frequency.Thinning, 1),
				report.Percent(b.Frequency.Mu, 3), report.Percent(b.Frequency.RelSE, 1), count, amount)
		}
	}
	w := app.IO.Out
	if app.Format == FormatCSV {
		return models.WriteCSV(w)
	}
	if err := models.Render(w, app.Lang); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, pj := range out {
		for _, b := range pj.Benefits {
			if b.Severity != nil && len(b.Severity.Alternatives) > 1 {
				var alts []string
				for _, a := range b.Severity.Alternatives[1:] {
					if a.DeltaAIC != nil {
						alts = append(alts, fmt.Sprintf("%s +%.1f", a.Distribution, *a.DeltaAIC))
					}
				}
				fmt.Fprintf(w, "%s %s: %s — %s; %s %s\n", pj.Plan, b.Benefit, b.Severity.Distribution, b.Severity.Reason, app.T("备选 ΔAIC：", "alternatives ΔAIC:"), strings.Join(alts, ", "))
			}
		}
		for _, n := range pj.Notes {
			fmt.Fprintf(w, "%s: %s\n", pj.Plan, n)
		}
	}
	fmt.Fprintln(w)
	aet := &report.Table{Title: app.T("实际与期望（上年条款、上年参保人数）", "Actual against expected (last year's terms and members)"), Columns: []report.Column{
		{Key: "plan", Zh: "计划", En: "plan"},
		{Key: "year", Zh: "年度", En: "year"},
		{Key: "actual", Zh: "实际给付", En: "actual", Align: report.Right},
		{Key: "expected", Zh: "期望给付", En: "expected", Align: report.Right},
		{Key: "interval", Zh: "90% 区间", En: "90% interval", Align: report.Right},
		{Key: "ratio", Zh: "实际/期望", En: "A/E", Align: report.Right},
		{Key: "within", Zh: "区间内", En: "within"},
	}}
	for _, pj := range out {
		a := pj.AE
		in := app.T("是", "yes")
		if !a.Within {
			in = app.T("否", "NO")
		}
		aet.Add(pj.Plan, fmt.Sprint(a.Year), money(a.Actual), money(a.Expected), money(a.Lo90)+" – "+money(a.Hi90), fv(a.Ratio, 3), in)
	}
	return aet.Render(w, app.Lang)
}

func fmtFloatMap(m map[string]float64) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var parts []string
	for _, k := range ks {
		parts = append(parts, fmt.Sprintf("%s=%.4g", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
