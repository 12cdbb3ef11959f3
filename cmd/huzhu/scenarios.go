package main

import (
	"time"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/spf13/cobra"
)

// scenariosOptions are the action's options and the comparison workbook.
type scenariosOptions struct {
	action.ScenariosOptions
	Output string // also write the comparison to this .xlsx file
	Record string // write the audit record here ("" with Output: beside it, NAME.record.json)
	Force  bool
}

func newScenariosCmd(app *App, runF func(*scenariosOptions) error) *cobra.Command {
	opts := &scenariosOptions{}
	cmd := &cobra.Command{
		Use:   "scenarios FILE --file SCENARIOS.yaml",
		Short: "情景对比：一次读取和拟合，逐个情景测算 / Side-by-side scenarios: fit once, calibrate each",
		Long: `按情景文件（YAML，见 docs/scenarios.md）对同一工作簿做多个“如果……会怎样”测算：工作簿只读取和拟合一次，
每个情景在基金参数、计划条款、冲击（参保人数、发生率、费用水平）和求解对象上与单独运行 calibrate 的结果完全一致；
改变拟合所用参数（as_of、frequency_trend、max_prior_weight、medical_trend）的情景重新拟合。--simulate 只计算给付分布。
结果按情景并列；目标无法达到的情景标为“不可行”（退出码仍为 0）；情景文件有误时退出码为 2。--record（或 -o 文件旁的
NAME.record.json）写下审计记录，可用 huzhu verify 重新运行核对。

What-if runs on one workbook from a scenario file (YAML, docs/scenarios.md): the workbook is read and
fitted once, and each scenario — Fund keys, Plans terms, shocks (enrolment, incidence, severity) and the
lever — gives the numbers a single calibrate run with the same overrides gives; a scenario that changes
a key the fit reads (as_of, frequency_trend, max_prior_weight, medical_trend) is refitted. --simulate
only computes the distribution of benefits. Scenarios are shown side by side; an infeasible one is
marked (the batch still exits 0); a bad scenario file exits 2. --record (or NAME.record.json beside -o)
writes the audit record, which huzhu verify replays. JSON: {"file","scenario_file","seed",
"simulate","scenarios":[{"name","refit","calibration":{…calibrate's JSON…}}]}; CSV: the long form
scenario, plan, field, value.`,
		Example: `  huzhu scenarios examples/example.xlsx --file examples/scenarios.yaml
  huzhu scenarios examples/example.xlsx --file examples/scenarios.yaml -o 情景对比.xlsx
  huzhu scenarios examples/example.xlsx --file examples/scenarios.yaml --format csv --lang en`,
		GroupID: groupRecommend,
		Args:    exactArgs(1, "args.scen_workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runScenarios(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Scenarios, "file", "", "the scenario file (YAML; docs/scenarios.md)")
	_ = cmd.MarkFlagRequired("file")
	f.StringVarP(&opts.Output, "output", "o", "", "also write the comparison (a sheet per scenario and a chart) to this .xlsx file")
	f.StringVar(&opts.Record, "record", "", "write the run's audit record (JSON) to this file (with -o: NAME.record.json beside the workbook unless given)")
	f.BoolVar(&opts.Force, "force", false, "replace the output and record files if they exist")
	f.BoolVar(&opts.Simulate, "simulate", false, "only simulate (exactly) each scenario's year under its terms; do not calibrate")
	app.addBatchFlags(cmd, &opts.Terms, &opts.Paths, &opts.Seed, &opts.Workers, 20000, batchUsage{
		terms: "workbook with proposed terms every scenario starts from (a Plans sheet)",
		sims:  "paths of each scenario's reserve projection",
		seed:  "seed of the reserve projections"})
	return cmd
}

func runScenarios(app *App, o *scenariosOptions) error {
	rec, err := recordPath(o.Output, o.Record, o.Force)
	if err != nil {
		return err
	}
	return runWithExcel(app, o.Output, o.Force, "scen.progress", "scen.wrote", &o.Progress, func() (*report.Scenarios, error) {
		s, err := action.Scenarios(o.ScenariosOptions)
		if err != nil || rec == "" {
			return s, err
		}
		r, err := action.ScenariosRecord(o.ScenariosOptions, s, app.Args, time.Now())
		if err != nil {
			return nil, err
		}
		return s, writeRecord(app, rec, o.Force, r)
	})
}
