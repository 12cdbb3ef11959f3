package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/spf13/cobra"
)

// calibrateOptions are the action's options and the Excel report's file.
type calibrateOptions struct {
	action.CalibrateOptions
	Output string // also write the Excel report here
	Force  bool   // replace it if it exists
}

func newCalibrateCmd(app *App, runF func(*calibrateOptions) error) *cobra.Command {
	opts := &calibrateOptions{CalibrateOptions: action.CalibrateOptions{Override: map[string]string{}}}
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
		Args:    exactArgs(1, "args.workbook"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			for _, k := range book.FundKeys {
				if cmd.Flags().Changed(k.FlagName()) {
					opts.Override[k.Key] = *vals[k.Key]
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
	f.Uint64Var(&opts.Seed, "seed", action.DefaultSeed, "seed of the reserve projection")
	f.BoolVar(&opts.Reprice, "reprice", false, "re-price each year of the projection (contributions follow the cost level seen a year late)")
	f.IntVar(&opts.Workers, "workers", 0, "goroutines (0: all cores); results do not depend on it")
	// Every Fund key is a flag, from the one Fund-key table (plans/book).
	for _, k := range book.FundKeys {
		v := new(string)
		vals[k.Key] = v
		f.StringVar(v, k.FlagName(), "", k.DocEn+" (default: the Fund sheet's)")
	}
	return cmd
}

func runCalibrate(app *App, o *calibrateOptions) error {
	if o.Output != "" {
		if err := action.CheckXLSXPath(o.Output); err != nil {
			return err
		}
	}
	o.Report = o.Output != ""
	c, err := action.Calibrate(o.CalibrateOptions)
	if c == nil {
		return err
	}
	if o.Output != "" {
		if werr := atomicfile.Write(o.Output, o.Force, c.Excel); werr != nil {
			return action.OutputError(werr)
		}
	}
	if werr := app.write(c); werr != nil {
		return werr
	}
	if o.Output != "" {
		app.note("calibrate.wrote_report", o.Output)
	}
	if err != nil {
		return &messageError{msg: c.Infeasible(app.Lang), err: err}
	}
	return nil
}
