package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/spf13/cobra"
)

// sensitivityOptions are the action's options and the output workbook.
type sensitivityOptions struct {
	action.SensitivityOptions
	Output string
	Force  bool
}

func newSensitivityCmd(app *App, runF func(*sensitivityOptions) error) *cobra.Command {
	opts := &sensitivityOptions{}
	cmd := &cobra.Command{
		Use:   "sensitivity FILE",
		Short: "敏感性分析（龙卷风图）/ Sensitivity of the recommendation (tornado)",
		Long: `逐项把一个假设调到低值和高值（其余不变），各自测算建议方案，给出各计划建议互助费和基金所需互助费净收入的
变化，按幅度排序。默认：medical_trend ±2 个百分点，trend_sd ×0.5 和 ×1.5，expense_ratio ±2 个百分点，
target_deficit_probability ×0.5 和 ×2，参保人数 ±10%，各计划发生率和费用水平 ±10%。--vary KEY=LOW:HIGH（可重复）
自选：KEY 为基金参数（值同基金表），或 incidence[.计划]、severity[.计划]、enrolment（值为相对变化，如 -10%:10%）。

A tornado: each assumption moved to its low and its high value (one at a time, the rest as in the book),
each calibrated; the change in every plan's recommended contribution and in the fund's required net income,
sorted by width. Default set: medical_trend ±2 points, trend_sd ×0.5 and ×1.5, expense_ratio ±2 points,
target_deficit_probability ×0.5 and ×2, enrolment ±10%, each plan's incidence and severity ±10%.
--vary KEY=LOW:HIGH (repeatable) chooses: KEY a Fund key (values as the Fund sheet's), or incidence[.PLAN],
severity[.PLAN], enrolment (relative changes, -10%:10%). JSON: {"file","seed","base":{…},"items":[{"key",
"low","high","low_change","high_change","width","feasible","at_low":{…},"at_high":{…}}]} (docs/scenarios.md).`,
		Example: `  huzhu sensitivity examples/example.xlsx
  huzhu sensitivity examples/example.xlsx --vary medical_trend=0.02:0.10 --vary incidence.hospital=-20%:20%
  huzhu sensitivity examples/example.xlsx -o 敏感性.xlsx --format csv`,
		GroupID: groupRecommend,
		Args:    exactArgs(1, "args.scen_workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runSensitivity(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Vary, "vary", nil, "KEY=LOW:HIGH, repeatable: a Fund key, incidence[.PLAN], severity[.PLAN] or enrolment (default: the documented set)")
	f.StringVarP(&opts.Output, "output", "o", "", "also write the tornado (table and bar chart) to this .xlsx file")
	f.BoolVar(&opts.Force, "force", false, "replace the output file if it exists")
	app.addBatchFlags(cmd, &opts.Terms, &opts.Paths, &opts.Seed, &opts.Workers, 1000, batchUsage{
		terms: "workbook with proposed terms to start from (a Plans sheet)",
		sims:  "paths of each run's reserve projection (the recommendation does not depend on it)",
		seed:  "seed of the reserve projections"})
	return cmd
}

func runSensitivity(app *App, o *sensitivityOptions) error {
	return runWithExcel(app, o.Output, o.Force, "sens.progress", "sens.wrote", &o.Progress,
		func() (*report.Sensitivity, error) { return action.Sensitivity(o.SensitivityOptions) })
}
