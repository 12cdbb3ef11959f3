package main

import (
	"time"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

// simulateOptions are the action's options and the audit record's file.
type simulateOptions struct {
	action.SimulateOptions
	Record string // write the audit record here
	Force  bool   // replace it if it exists
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
		Args:    exactArgs(1, "args.workbook"),
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
	f.Uint64Var(&opts.Seed, "seed", action.DefaultSeed, "Monte Carlo seed (--method mc)")
	f.IntVar(&opts.Workers, "workers", 0, "goroutines (0: all cores); results do not depend on it")
	f.Float64SliceVar(&opts.P, "p", []float64{0.95, 0.99, 0.995}, "probabilities of VaR and TVaR")
	f.BoolVar(&opts.NoParameter, "no-parameter-risk", false, "leave out the uncertainty of the estimates")
	f.BoolVar(&opts.NoTrend, "no-trend-risk", false, "leave out the uncertainty of the medical trend")
	f.StringVar(&opts.Record, "record", "", "write the run's audit record (JSON) to this file")
	f.BoolVar(&opts.Force, "force", false, "replace the record file if it exists")
	_ = cmd.RegisterFlagCompletionFunc("method", cobra.FixedCompletions([]string{"exact", "mc"}, cobra.ShellCompDirectiveNoFileComp))
	app.addWide(cmd)
	return cmd
}

func runSimulate(app *App, o *simulateOptions) error {
	rec, err := recordPath("", o.Record, o.Force)
	if err != nil {
		return err
	}
	bar := app.busy(app.Lang.T("simulate.progress"))
	s, err := action.Simulate(o.SimulateOptions)
	bar.done()
	if err != nil {
		return err
	}
	if rec != "" {
		r, err := action.SimulateRecord(o.SimulateOptions, s, app.Args, time.Now())
		if err == nil {
			err = writeRecord(app, rec, o.Force, r)
		}
		if err != nil {
			return err
		}
	}
	return app.write(s)
}
