package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newExampleCmd(app *App, runF func(*action.ExampleOptions) error) *cobra.Command {
	opts := &action.ExampleOptions{}
	cmd := &cobra.Command{
		Use:   "example",
		Short: "生成示例工作簿 / Generate a realistic example workbook",
		Long: `按文档化的假设（见 docs/example.md）生成一个中等城市互助会的示例工作簿：七个计划、数年历史、
参保、给付明细和基金参数。同一参数和种子总是生成同样的数据；--truth 另存生成时使用的真实参数（JSON），
便于检验拟合和测算。--zhejiang 生成根据 2014 年浙江省公开数据制作的汇总工作簿。--preset weihai 生成
按威海市公开条款和价格（6 月起保的保障年度）制作的住院医疗计划工作簿。

Generate the example workbook of a mid-size city association from documented assumptions
(docs/example.md): all seven plans, several years of enrolment and claims, and a Fund sheet.
The same options and seed always give the same book; --truth writes the true parameters used (JSON)
so that fits and calibrations can be checked against them. --zhejiang writes the summary-only book
built from the real 2014 Zhejiang table instead. --preset weihai writes the hospital plan of Weihai's published
terms and prices, with a June–May plan year.`,
		Example: `  huzhu example -o examples/example.xlsx
  huzhu example -o big.xlsx --members 1000000 --years 3 --seed 7 --truth big-truth.json
  huzhu example --zhejiang -o examples/zhejiang-2014.xlsx
  huzhu example --preset weihai -o examples/weihai.xlsx --truth examples/weihai-truth.json`,
		GroupID: groupData,
		Args:    exactArgs(0, "args.output"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Preset != "" && !cmd.Flags().Changed("members") {
				opts.Members = 0 // the preset's size
			}
			if runF != nil {
				return runF(opts)
			}
			return runExample(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "example.xlsx", "workbook to write (.xlsx)")
	f.BoolVar(&opts.Force, "force", false, "replace the output files if they exist")
	f.IntVar(&opts.Members, "members", 300000, "members of the association")
	f.IntVar(&opts.Years, "years", 3, "years of history")
	f.IntVar(&opts.LastYear, "last-year", 2025, "last data year (the book prices the year after)")
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	f.BoolVar(&opts.Zhejiang, "zhejiang", false, "write the summary-only book of the real 2014 Zhejiang table")
	f.StringVar(&opts.Truth, "truth", "", "also write the true parameters used, as JSON, to this file")
	f.StringVar(&opts.Preset, "preset", "", "write a city's book instead of the default city's: weihai (members default to the preset's)")
	return cmd
}

func runExample(app *App, o *action.ExampleOptions) error {
	r, err := action.Example(*o)
	if err != nil {
		return err
	}
	src := app.Lang.T("example.seed", r.Seed)
	if r.Zhejiang {
		src = app.Lang.T("example.zhejiang")
	}
	if r.Preset != "" {
		src = app.Lang.T("example.preset", r.Preset, r.Seed)
	}
	app.note("example.wrote", r.Output, r.Plans, r.Enrolment, r.Claims, r.SummaryRows, src)
	return nil
}
