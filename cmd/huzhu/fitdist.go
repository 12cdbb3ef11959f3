package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/internal/datafile"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/spf13/cobra"
)

type fitdistOptions struct {
	Data          string
	Column        string
	Sheet         string
	Dists         []string
	TruncateBelow float64
	CensorAbove   float64
	Counts        bool
}

// Families fitdist accepts, by R's name, with the friendly aliases of the spec parser.
var (
	severityFamilies = []string{"exp", "gamma", "lnorm", "weibull", "pareto", "llogis", "burr"}
	countFamilies    = []string{"pois", "nbinom"}
	familyAliases    = map[string]string{
		"exponential": "exp", "lognormal": "lnorm", "lomax": "pareto", "loglogistic": "llogis",
		"poisson": "pois", "negbin": "nbinom", "negative_binomial": "nbinom",
	}
)

func newFitdistCmd(app *App, runF func(*fitdistOptions) error) *cobra.Command {
	opts := &fitdistOptions{}
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
		Args:    exactArgs(0, "none; the data is given with --data"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(cmd); err != nil {
				return inputError(err)
			}
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
	f.StringSliceVar(&opts.Dists, "dist", nil, "distributions to fit, comma-separated (default exp,gamma,lnorm,weibull,pareto,llogis,burr; with --counts pois,nbinom)")
	f.Float64Var(&opts.TruncateBelow, "truncate-below", 0, "left-truncation point: only values above it were observed (last year's deductible)")
	f.Float64Var(&opts.CensorAbove, "censor-above", math.Inf(1), "right-censoring point: values at or above it are known only to be at least it (last year's cap)")
	f.BoolVar(&opts.Counts, "counts", false, "count data (claims per member): one count a line or a value,frequency table")
	_ = cmd.MarkFlagRequired("data")
	_ = cmd.RegisterFlagCompletionFunc("dist", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return append(append([]string{}, severityFamilies...), countFamilies...), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// check validates the options and normalises the distribution names to R's.
func (o *fitdistOptions) check(cmd *cobra.Command) error {
	allowed := severityFamilies
	if o.Counts {
		allowed = countFamilies
	}
	if len(o.Dists) == 0 {
		o.Dists = append([]string(nil), allowed...)
	}
	var bad []string
	for i, d := range o.Dists {
		d = strings.ToLower(strings.TrimSpace(d))
		if a, ok := familyAliases[d]; ok {
			d = a
		}
		o.Dists[i] = d
		if !contains(allowed, d) {
			bad = append(bad, strconv.Quote(d))
		}
	}
	if len(bad) > 0 {
		kind := "severity"
		if o.Counts {
			kind = "count (--counts)"
		}
		return fmt.Errorf("--dist %s: not a %s distribution; expected some of %s", strings.Join(bad, ", "), kind, strings.Join(allowed, ", "))
	}
	if o.Counts && (cmd.Flags().Changed("truncate-below") || cmd.Flags().Changed("censor-above")) {
		return fmt.Errorf("--truncate-below and --censor-above apply to severity data, not to --counts")
	}
	if math.IsNaN(o.TruncateBelow) || o.TruncateBelow < 0 || math.IsInf(o.TruncateBelow, 0) {
		return fmt.Errorf("--truncate-below %v: expected a finite amount ≥ 0", o.TruncateBelow)
	}
	if math.IsNaN(o.CensorAbove) || o.CensorAbove <= o.TruncateBelow {
		return fmt.Errorf("--censor-above %v: expected an amount above --truncate-below (%v)", o.CensorAbove, o.TruncateBelow)
	}
	return nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// openData opens the --data source: a file, or standard input for "-".
func openData(app *App, path string) (io.Reader, func(), error) {
	if path == "-" {
		return app.IO.In, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, inputError(err)
	}
	return f, func() { f.Close() }, nil
}

func readFitdistData(app *App, o *fitdistOptions) (*datafile.Table, error) {
	r, done, err := openData(app, o.Data)
	if err != nil {
		return nil, err
	}
	defer done()
	t, err := datafile.Read(r, o.Data, datafile.Options{Column: o.Column, Sheet: o.Sheet}, o.Counts)
	if err != nil {
		return nil, inputError(err)
	}
	return t, nil
}

// fitJSON is one fitted distribution as scripts see it; parameter names are R's.
type fitJSON struct {
	Distribution string              `json:"distribution"`
	Params       map[string]*float64 `json:"params"`
	SE           map[string]*float64 `json:"se"`
	LogLik       *float64            `json:"loglik"`
	AIC          *float64            `json:"aic"`
	BIC          *float64            `json:"bic"`
	KS           *float64            `json:"ks,omitempty"`
	CvM          *float64            `json:"cvm,omitempty"`
	AD           *float64            `json:"ad,omitempty"`
	ChiSq        *float64            `json:"chisq,omitempty"`
	DF           *int                `json:"df,omitempty"`
	PValue       *float64            `json:"p_value,omitempty"`
	Converged    bool                `json:"converged"`
	Chosen       bool                `json:"chosen"`
	Rank         int                 `json:"rank,omitempty"` // 1 = lowest AIC; absent for a failed fit
	Message      string              `json:"message,omitempty"`
	N            float64             `json:"n"`
}

func paramMap(names []string, vals []float64) map[string]*float64 {
	m := make(map[string]*float64, len(names))
	for i, n := range names {
		if i < len(vals) {
			m[n] = num(vals[i])
		} else {
			m[n] = nil
		}
	}
	return m
}

func runFitdist(app *App, o *fitdistOptions) error {
	data, err := readFitdistData(app, o)
	if err != nil {
		return err
	}
	var rows []fitJSON
	var reason string
	if o.Counts {
		vals := make([]int, len(data.Values))
		for i, v := range data.Values {
			vals[i] = int(v)
		}
		var fits []*fit.CountResult
		for _, d := range o.Dists {
			r, err := fit.Counts(vals, data.Freq, d)
			if err != nil {
				return inputErrorf("fitting %s: %v", d, err)
			}
			fits = append(fits, r)
		}
		chosen, why := fit.Choose(fits)
		reason = why
		rank := rankOf(fit.Rank(fits))
		for _, r := range fits {
			j := fitJSON{Distribution: r.Family, Params: paramMap(r.ParamNames, r.Params), SE: paramMap(r.ParamNames, r.SE),
				LogLik: num(r.LogLik), AIC: num(r.AIC), BIC: num(r.BIC), ChiSq: num(r.ChiSq), PValue: num(r.PValue),
				Converged: r.Converged, Chosen: r == chosen, Rank: rank[any(r)], Message: r.Message, N: r.N}
			df := r.DF
			j.DF = &df
			rows = append(rows, j)
		}
	} else {
		for i, v := range data.Values {
			if !(v > o.TruncateBelow) {
				w := 1.0
				if data.Freq != nil {
					w = data.Freq[i]
				}
				if w == 0 {
					continue
				}
				if o.TruncateBelow > 0 {
					return inputErrorf("%s: value %v is not above --truncate-below %v: data truncated there cannot hold it", o.Data, v, o.TruncateBelow)
				}
				return inputErrorf("%s: value %v: severity data must be positive amounts", o.Data, v)
			}
		}
		s := fit.Limits(data.Values, data.Freq, o.TruncateBelow, o.CensorAbove)
		var fits []*fit.Result
		for _, d := range o.Dists {
			r, err := fit.Continuous(s, d, nil)
			if err != nil {
				return inputErrorf("fitting %s: %v", d, err)
			}
			fits = append(fits, r)
		}
		chosen, why := fit.Choose(fits)
		reason = why
		rank := rankOf(fit.Rank(fits))
		for _, r := range fits {
			rows = append(rows, fitJSON{Distribution: r.Family, Params: paramMap(r.ParamNames, r.Params), SE: paramMap(r.ParamNames, r.SE),
				LogLik: num(r.LogLik), AIC: num(r.AIC), BIC: num(r.BIC), KS: num(r.KS), CvM: num(r.CvM), AD: num(r.AD),
				Converged: r.Converged, Chosen: r == chosen, Rank: rank[any(r)], Message: r.Message, N: r.N})
		}
	}
	switch app.Format {
	case FormatJSON:
		return report.WriteJSON(app.IO.Out, rows)
	case FormatCSV:
		return fitdistTable(app, rows, o.Counts).WriteCSV(app.IO.Out)
	}
	if err := fitdistTable(app, rows, o.Counts).Render(app.IO.Out, app.Lang); err != nil {
		return err
	}
	fmt.Fprintln(app.IO.Out)
	if reason != "" {
		for _, r := range rows {
			if r.Chosen {
				fmt.Fprintf(app.IO.Out, "%s %s — %s\n", app.T("选择：", "chosen:"), r.Distribution, reason)
			}
		}
	} else {
		fmt.Fprintln(app.IO.Out, app.T("没有成功的拟合。", "no fit converged."))
	}
	for _, r := range rows {
		if r.Message != "" {
			fmt.Fprintf(app.IO.Out, "%s: %s\n", r.Distribution, r.Message)
		}
	}
	return nil
}

func rankOf[T comparable](ranked []T) map[any]int {
	m := map[any]int{}
	for i, r := range ranked {
		m[r] = i + 1
	}
	return m
}

func fmtParams(m map[string]*float64, order []string) string {
	var parts []string
	for _, n := range order {
		v := m[n]
		s := "—"
		if v != nil {
			s = strconv.FormatFloat(*v, 'g', 7, 64)
		}
		parts = append(parts, n+"="+s)
	}
	return strings.Join(parts, " ")
}

func sortedKeys(m map[string]*float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fv(p *float64, decimals int) string {
	if p == nil {
		return "—"
	}
	return report.Float(*p, decimals)
}

func fitdistTable(app *App, rows []fitJSON, counts bool) *report.Table {
	cols := []report.Column{
		{Key: "rank", Zh: "排名", En: "rank", Align: report.Right},
		{Key: "distribution", Zh: "分布", En: "distribution"},
		{Key: "params", Zh: "参数", En: "parameters"},
		{Key: "se", Zh: "标准误", En: "standard errors"},
		{Key: "loglik", Zh: "对数似然", En: "loglik", Align: report.Right},
		{Key: "aic", Zh: "AIC", En: "AIC", Align: report.Right},
		{Key: "bic", Zh: "BIC", En: "BIC", Align: report.Right},
	}
	if counts {
		cols = append(cols, report.Column{Key: "chisq", Zh: "卡方", En: "chi-square", Align: report.Right},
			report.Column{Key: "df", Zh: "自由度", En: "df", Align: report.Right},
			report.Column{Key: "p_value", Zh: "p 值", En: "p-value", Align: report.Right})
	} else {
		cols = append(cols, report.Column{Key: "ks", Zh: "KS", En: "KS", Align: report.Right},
			report.Column{Key: "cvm", Zh: "CvM", En: "CvM", Align: report.Right},
			report.Column{Key: "ad", Zh: "AD", En: "AD", Align: report.Right})
	}
	cols = append(cols, report.Column{Key: "converged", Zh: "收敛", En: "converged"})
	t := &report.Table{Title: app.T("分布拟合（最大似然）", "Distribution fits (maximum likelihood)"), Columns: cols}
	sorted := append([]fitJSON(nil), rows...)
	sort.SliceStable(sorted, func(i, j int) bool {
		ri, rj := sorted[i].Rank, sorted[j].Rank
		if ri == 0 {
			ri = 1 << 30
		}
		if rj == 0 {
			rj = 1 << 30
		}
		return ri < rj
	})
	for _, r := range sorted {
		order := sortedKeys(r.Params)
		if names, ok := rNames[r.Distribution]; ok {
			order = names
		}
		rank := "—"
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		conv := app.T("是", "yes")
		if !r.Converged {
			conv = app.T("否", "no")
		}
		cells := []string{rank, r.Distribution, fmtParams(r.Params, order), fmtParams(r.SE, order), fv(r.LogLik, 4), fv(r.AIC, 4), fv(r.BIC, 4)}
		if counts {
			df := "—"
			if r.DF != nil {
				df = strconv.Itoa(*r.DF)
			}
			cells = append(cells, fv(r.ChiSq, 4), df, fv(r.PValue, 4))
		} else {
			cells = append(cells, fv(r.KS, 4), fv(r.CvM, 4), fv(r.AD, 4))
		}
		t.Add(append(cells, conv)...)
	}
	return t
}

// rNames orders parameters as R does.
var rNames = map[string][]string{
	"exp": {"rate"}, "gamma": {"shape", "rate"}, "lnorm": {"meanlog", "sdlog"}, "weibull": {"shape", "scale"},
	"pareto": {"shape", "scale"}, "llogis": {"shape", "scale"}, "burr": {"shape1", "shape2", "scale"},
	"pois": {"lambda"}, "nbinom": {"size", "mu"},
}
