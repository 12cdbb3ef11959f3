package main

import (
	"math"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newFitdistCmd(app *App, runF func(*action.FitdistOptions) error) *cobra.Command {
	opts := &action.FitdistOptions{}
	cmd := &cobra.Command{
		Use:   "fitdist --data PATH",
		Short: "拟合给付金额或频率分布 / Fit severity or count distributions to data",
		Long: `用最大似然法把给付金额（或每人给付次数）拟合到多个分布，给出参数、标准误、对数似然、AIC、BIC
和拟合优度（KS、Cramér–von Mises、Anderson–Darling，定义同 R fitdistrplus 的 gofstat），按 AIC 排序并
给出选择的模型及理由。可处理左截断（上年起付线）和右删失（上年封顶线）。

Fit severity distributions (or, with --counts, claim-count distributions) to data by maximum likelihood:
parameters with standard errors, log-likelihood, AIC, BIC and goodness of fit (KS, Cramér–von Mises,
Anderson–Darling as R fitdistrplus's gofstat defines them), ranked by AIC with the chosen model and the
reason. Claims paid above last year's deductible are left-truncated there (--truncate-below) and costs
cut at last year's cap are right-censored (--censor-above): the likelihood accounts for both.

The data is a CSV or TSV file, plain text with one value a line, an .xlsx sheet (--sheet, --column),
or - for standard input. Parameter names are R's: meanlog, sdlog, shape, rate, scale, lambda, size, mu.`,
		Example: `  huzhu fitdist --data costs.txt --dist lognormal,gamma,weibull
  huzhu fitdist --data book.xlsx --sheet 给付明细 --column cost --truncate-below 1300 --censor-above 30000
  huzhu fitdist --data claims-per-member.csv --counts --dist poisson,negbin --format json
  cut -d, -f3 claims.csv | huzhu fitdist --data - --dist lnorm`,
		GroupID: groupAnalyse,
		Args:    exactArgs(0, "args.data"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.LimitsGiven = cmd.Flags().Changed("truncate-below") || cmd.Flags().Changed("censor-above")
			if runF != nil {
				return runF(opts)
			}
			return runFitdist(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Data, "data", "", "data file: .csv, .tsv, .txt, .xlsx, or - for standard input (required)")
	f.StringVar(&opts.Column, "column", "", "column by header or number (1, 2, …) when the file has several")
	f.StringVar(&opts.Sheet, "sheet", "", "sheet of an .xlsx file (default the first)")
	f.StringSliceVar(&opts.Dists, "dist", nil, "distributions to fit, comma-separated (default "+strings.Join(action.Families(false), ",")+"; with --counts "+strings.Join(action.Families(true), ",")+")")
	f.Float64Var(&opts.TruncateBelow, "truncate-below", 0, "left-truncation point: only values above it were observed (last year's deductible)")
	f.Float64Var(&opts.CensorAbove, "censor-above", math.Inf(1), "right-censoring point: values at or above it are known only to be at least it (last year's cap)")
	f.BoolVar(&opts.Counts, "counts", false, "count data (claims per member): one count a line or a value,frequency table")
	_ = cmd.MarkFlagRequired("data")
	_ = cmd.RegisterFlagCompletionFunc("dist", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return append(append([]string{}, action.Families(false)...), action.Families(true)...), cobra.ShellCompDirectiveNoFileComp
	})
	app.addWide(cmd)
	return cmd
}

func runFitdist(app *App, o *action.FitdistOptions) error {
	o.In = app.IO.In
	f, err := action.Fitdist(*o)
	if err != nil {
		return err
	}
	return app.write(f)
}
