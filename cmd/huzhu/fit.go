package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newFitCmd(app *App, runF func(*action.FitOptions) error) *cobra.Command {
	opts := &action.FitOptions{}
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
		Args:    exactArgs(1, "args.workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runFit(app, opts)
		},
	}
	app.addWide(cmd)
	return cmd
}

func runFit(app *App, o *action.FitOptions) error {
	f, err := action.Fit(*o)
	if err != nil {
		return err
	}
	return app.write(f)
}
