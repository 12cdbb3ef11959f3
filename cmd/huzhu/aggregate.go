package main

import (
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/spf13/cobra"
)

func newAggregateCmd(app *App, runF func(*action.AggregateOptions) error) *cobra.Command {
	opts := &action.AggregateOptions{}
	cmd := &cobra.Command{
		Use:   "aggregate --freq SPEC --sev SPEC",
		Short: "计算复合分布（总给付成本）/ Distribution of a total claim cost",
		Long: `计算总给付 S = Y1 + … + YN 的分布：N 为给付次数分布，Yi 为每次给付（起付线、给付比例、单次封顶按
损失分布精确计算），可选总额自留和总额封顶。方法：fft（默认，精确，窗口和指数倾斜使百万会员的组合与小
组合同样快）、panjer（递推，交叉检验）、mc（蒙特卡罗，多核并行，给定种子结果与线程数无关，给出标准误）、
normal 和 np（正态和正态幂近似，标明为近似）。

Distribution of the total S = Y1 + … + YN, N a claim count and Yi the payment of a claim: the
deductible, ratio and limit are applied exactly through the severity's CDF and limited expected value.
--retention and --aggregate-limit put a layer on the total. Methods: fft (default: exact on a lattice,
with a window around the mean and exponential tilting, so λ = 10^7 costs the same as λ = 10), panjer
(recursion, a cross-check), mc (Monte Carlo on all cores, the same numbers for any --workers at a given
--seed, with standard errors), normal and np (approximations, labelled as such).

Specs use R's names: poisson(lambda=…), nbinom(size=…, mu=…|prob=…), binom(size=…, prob=…),
ztrunc-…/zmod-…(…, p0=…); exp(rate), gamma(shape, rate), lnorm(meanlog, sdlog), weibull(shape, scale),
pareto(shape, scale), llogis(shape, scale), burr(shape1, shape2, scale), discrete(1:0.5, 2:0.3, 3:0.2).

JSON: {"method","approximate","step","seed","paths","mean","sd","skewness","exact_mean","exact_sd",
"missing_mass","quantiles":[{"p","var","tvar","var_se","tvar_se","var_bracket"}],"cdf":[{"x","p"}],
"stop_loss":[{"d","value"}],"std_error":{"mean"}} (the _se fields and std_error for mc only,
var_bracket with --bracket).`,
		Example: `  huzhu aggregate --freq 'poisson(lambda=10)' --sev 'gamma(shape=2,rate=1)' --step 0.01
  huzhu aggregate --freq 'poisson(lambda=50000)' --sev 'lnorm(meanlog=8,sdlog=1)' --deductible 800 --ratio 0.7 --limit 20000
  huzhu aggregate --freq 'nbinom(size=2,prob=0.5)' --sev 'discrete(1:0.5,2:0.3,3:0.2)' --method panjer --step 1
  huzhu aggregate --freq 'poisson(lambda=5000)' --sev 'lnorm(meanlog=8,sdlog=1)' --method mc --sims 10000 --format json`,
		GroupID: groupAnalyse,
		Args:    exactArgs(0, "args.freq_sev"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runAggregate(app, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Freq, "freq", "", "claim-count distribution, e.g. 'poisson(lambda=10)' (required)")
	f.StringVar(&opts.Sev, "sev", "", "ground-up severity, e.g. 'gamma(shape=2,rate=1)' (required)")
	f.Float64Var(&opts.Deductible, "deductible", 0, "per-claim deductible d")
	f.Float64Var(&opts.Ratio, "ratio", 1, "share r of the loss above the deductible that is paid")
	f.Float64Var(&opts.Limit, "limit", 0, "per-claim limit L on the payment (0: none)")
	f.Float64Var(&opts.Retention, "retention", 0, "aggregate retention R: the layer min((S−R)+, M)")
	f.Float64Var(&opts.AggLimit, "aggregate-limit", 0, "aggregate limit M of the layer (0: none)")
	f.StringVar(&opts.Method, "method", "fft", "fft, panjer, mc, normal or np")
	f.Float64Var(&opts.Step, "step", 0, "lattice step h for fft and panjer (0: chosen automatically)")
	f.StringVar(&opts.Discretization, "discretization", "rounding", "rounding, lower, upper or unbiased")
	f.Float64Var(&opts.Tol, "tol", 1e-9, "largest probability mass an exact method may leave off its grid")
	f.IntVar(&opts.Sims, "sims", 100000, "Monte Carlo paths")
	f.Uint64Var(&opts.Seed, "seed", action.DefaultSeed, "Monte Carlo seed")
	f.IntVar(&opts.Workers, "workers", 0, "Monte Carlo goroutines (0: all cores); results do not depend on it")
	f.Float64SliceVar(&opts.P, "p", []float64{0.5, 0.9, 0.95, 0.99, 0.995}, "probabilities of VaR and TVaR")
	f.Float64SliceVar(&opts.CDFAt, "cdf-at", nil, "amounts x at which to report P(S ≤ x)")
	f.Float64SliceVar(&opts.StopLoss, "stop-loss", nil, "retentions d at which to report E[(S − d)+]")
	f.BoolVar(&opts.Bracket, "bracket", false, "also compute the lower and upper discretisations and report the VaR bracket (fft, panjer)")
	_ = cmd.MarkFlagRequired("freq")
	_ = cmd.MarkFlagRequired("sev")
	_ = cmd.RegisterFlagCompletionFunc("method", cobra.FixedCompletions([]string{"fft", "panjer", "mc", "normal", "np"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runAggregate(app *App, o *action.AggregateOptions) error {
	a, err := action.Aggregate(*o)
	if err != nil {
		return err
	}
	return app.write(a)
}
