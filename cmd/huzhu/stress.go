package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newStressCmd(app *App, runF func(*action.StressOptions) error) *cobra.Command {
	opts := &action.StressOptions{}
	cmd := &cobra.Command{
		Use:   "stress FILE",
		Short: "压力测试：建议方案下的极端年份 / Stress tests on the recommended terms",
		Long: `先测算一次建议方案，再在建议条款下逐个计算压力情景的当年结果（精确分布）：互助费收入（按压力下的份数）、
期望给付、期望缺口、入不敷出概率、储备金低于下限的概率、年末储备金（5%、50%）和工会兜底金额（95%、99%）。
内置压力：疫情年（住院和住院津贴发生率 +30%）；火灾集中（家财火灾计划事件 ×2、损失 +20%）；医保改革（有医疗费用的
计划自付费用 +15% 和 −15%）；参保人数 −20% 且逆选择使各计划发生率 +10%。--file 改用情景文件中的情景（见 docs/scenarios.md）。

Calibrates once, then prices each stress on the recommended terms (exact distributions): income from the
stressed shares at the recommended contributions, expected benefits, the expected deficit, P(shortfall),
P(reserve below its floor), the reserve at year end (5%, 50%) and the union backstop at 95/99%. Built-in set:
epidemic year (hospital and hospital-cash incidence +30%); fire cluster (the fire plan's events ×2, losses
+20%); medical-insurance reform (self-paid costs of plans with medical costs +15% and −15%); enrolment −20% with
adverse selection (every plan's incidence +10%). --file takes the stresses from a scenario file instead.
JSON: {"file","scenario_file","year","feasible","recommended_contributions":{plan: yuan},"stresses":[{"code"|"name",
"income","net_income","expected_benefits","expected_deficit","p_deficit","p_below_floor","reserve_p5",
"reserve_p50","reserve_p95","backstop_p95","backstop_p99"}]}.`,
		Example: `  huzhu stress examples/example.xlsx
  huzhu stress examples/example.xlsx --file examples/scenarios.yaml --format json`,
		GroupID: groupRecommend,
		Args:    exactArgs(1, "args.scen_workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			bar := app.progress(app.Lang.T("stress.progress"))
			opts.Progress = bar.step
			s, err := action.Stress(*opts)
			bar.done()
			if err != nil {
				return err
			}
			return app.write(s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Scenarios, "file", "", "a scenario file of stresses instead of the built-in set (docs/scenarios.md)")
	app.addBatchFlags(cmd, &opts.Terms, &opts.Paths, &opts.Seed, &opts.Workers, 1000, batchUsage{
		terms: "workbook with proposed terms the calibration starts from (a Plans sheet)",
		sims:  "paths of the calibration's reserve projection (the stresses are exact)",
		seed:  "seed of the reserve projection"})
	return cmd
}
