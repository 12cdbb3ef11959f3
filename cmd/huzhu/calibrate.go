package main

import (
	"io"
	"time"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/spf13/cobra"
)

// calibrateOptions are the action's options and the Excel report's file.
type calibrateOptions struct {
	action.CalibrateOptions
	Output string // also write the Excel report here
	Record string // write the audit record here ("" with Output: beside it, NAME.record.json)
	Force  bool   // replace them if they exist
}

func newCalibrateCmd(app *App, runF func(*calibrateOptions) error) *cobra.Command {
	opts := &calibrateOptions{CalibrateOptions: action.CalibrateOptions{Override: map[string]string{}}}
	vals := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "calibrate FILE",
		Short: "建议互助费、给付封顶和储备金提取 / Recommend contributions, caps and reserve draws",
		Long: `年度测算：按工作簿的经验和基金表的政策，在精确的给付分布上求出使“入不敷出”（当年给付超过互助费净收入
加计划动用储备金）的概率不超过 target_deficit_probability 的方案。储备金不替代风险附加：另行测试年末储备金低于
下限的概率（solvency_probability），并给出工会兜底金额（95%/99%）。默认调整互助费：各计划每份互助费 = 期望给付
+ 费用 + 风险附加（按各计划对基金尾部的贡献 TVaR/Euler 分摊，max_change 限制某些计划时在其余计划间重新求解），
向上取整到 rounding 元。plan_deficit_probability 限制每个计划自身的入不敷出概率。--fix contributions 保持互助费
不变，求各计划的给付项（默认年度封顶；按累计费用分段给付的计划可求 band_start 起付额或 band_ratio 分段比例；
受 max_term_change 限制，不足部分由计划动用储备金补足）；--fix terms 保持
所有条款，只求计划动用储备金。同时给出年末储备金分布和 horizon_years 年的预测（--reprice 每年重新定价）。
目标无法达到时退出码为 3，并给出所需条件。每个基金参数都可用同名参数覆盖（--max-change 0.3）。

The annual recalibration: on the exact distributions of next year's benefits, find the terms that keep
the chance of a shortfall — the year's benefits above its net contributions plus the planned reserve draw — at
or under target_deficit_probability. The reserve does not replace the risk margin: it is tested on its own
(the chance it ends the year below its floor, solvency_probability), with what the union backstop would
pay at 95/99%. By default it prices contributions: per plan expected benefits, expenses and a risk margin
shared among plans by their contribution to the fund's tail (TVaR/Euler allocation, re-solved among the
plans max_change leaves free), rounded up to 'rounding' yuan; plan_deficit_probability bounds each plan's
own chance. --fix contributions keeps contributions and solves per plan a benefit term (--lever:
annual_cap by default, claim_cap, daily_amount, ratio, lump_sum, and for plans paying by cost bands band_start
(the annual deductible) or band_ratio (the band ratios scaled); within max_term_change, the rest falls to
a planned draw); --fix terms keeps every term and solves the planned draw alone. It reports the reserve's
distribution at year end and a projection over horizon_years (--reprice: re-priced each year). An
infeasible target exits with code 3 and what would be needed. Every Fund key can be overridden by a flag
named after it (--max-change 0.3). JSON: docs/calibrate.md.`,
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
	f.StringVar(&opts.Record, "record", "", "write the run's audit record (JSON) to this file (with -o: NAME.record.json beside the report unless given)")
	f.BoolVar(&opts.Force, "force", false, "replace the report and record files if they exist")
	f.StringVar(&opts.Fix, "fix", "", "'contributions': keep contributions and solve a benefit term per plan; 'terms': keep all terms, solve the reserve draw only")
	f.StringVar(&opts.Lever, "lever", "", "with --fix contributions: annual_cap (default), claim_cap, daily_amount, ratio, lump_sum, band_start or band_ratio (plans paying by cost bands)")
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
	app.addWide(cmd)
	return cmd
}

func runCalibrate(app *App, o *calibrateOptions) error {
	if o.Output != "" {
		if err := action.CheckXLSXPath(o.Output); err != nil {
			return err
		}
	}
	rec, rerr := recordPath(o.Output, o.Record, o.Force)
	if rerr != nil {
		return rerr
	}
	o.Report = o.Output != ""
	bar := app.busy(app.Lang.T("calibrate.progress"))
	c, err := action.Calibrate(o.CalibrateOptions)
	bar.done()
	if c == nil {
		return err
	}
	if rec != "" {
		// The record first: the report embeds it and its hash.
		r, rerr := action.CalibrateRecord(o.CalibrateOptions, c, app.Args, time.Now())
		if rerr != nil {
			return rerr
		}
		c.Record = r
	}
	if o.Output != "" {
		if werr := atomicfile.Write(o.Output, o.Force, func(w io.Writer) error { return c.Excel(w, app.Lang) }); werr != nil {
			return action.OutputError(werr)
		}
	}
	if rec != "" {
		if rerr := writeRecord(app, rec, o.Force, c.Record); rerr != nil {
			return rerr
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
