package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// runIn executes huzhu with stdin.
func runIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func decodeJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
}

func TestValidateExampleBooks(t *testing.T) {
	// The outputs are those of TestGolden.
	out := readGolden(t, "validate-example.json")
	var v struct {
		OK       bool              `json:"ok"`
		Errors   int               `json:"errors"`
		Warnings int               `json:"warnings"`
		Problems []json.RawMessage `json:"problems"`
		Stats    []struct {
			Plan      string   `json:"plan"`
			Year      int      `json:"year"`
			Members   int64    `json:"members"`
			Claims    int64    `json:"claims"`
			Paid      string   `json:"paid"`
			Incidence *float64 `json:"incidence"`
		} `json:"stats"`
	}
	decodeJSON(t, out, &v)
	if !v.OK || v.Errors != 0 || v.Warnings != 0 || len(v.Stats) != 21 {
		t.Fatalf("example book: ok %v, %d errors, %d warnings, %d stats rows (want 7 plans × 3 years)", v.OK, v.Errors, v.Warnings, len(v.Stats))
	}
	for _, s := range v.Stats {
		if s.Members <= 0 || s.Claims <= 0 || s.Incidence == nil || s.Paid == "" {
			t.Errorf("stats row %+v incomplete", s)
		}
	}

	// Zhejiang: the published total does not reconcile: one warning, exit 0.
	out = readGolden(t, "validate-zhejiang.en.txt")
	if !strings.Contains(out, "汇总!F14") || !strings.Contains(out, "101697884") || !strings.Contains(out, "0 error(s), 1 warning(s)") {
		t.Fatalf("zhejiang:\n%s", out)
	}
}

func TestValidateErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.xlsx")
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "计划")
	_ = f.SetSheetRow("计划", "A1", &[]any{"plan", "kind", "contribution", "ratio_1"})
	_ = f.SetSheetRow("计划", "A2", &[]any{"h", "hospital", "fifty", 1.7})
	_, _ = f.NewSheet("基金")
	_ = f.SetSheetRow("基金", "A1", &[]any{"opening_reserve", 1000})
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "validate", path, "--format", "json")
	if code != ExitInput {
		t.Fatalf("exit %d, want 2", code)
	}
	var v struct {
		OK       bool `json:"ok"`
		Errors   int  `json:"errors"`
		Problems []struct {
			Level, Code, Sheet, Cell, Found, Expected, Message string
		} `json:"problems"`
	}
	decodeJSON(t, out, &v)
	cells := map[string]string{}
	for _, p := range v.Problems {
		cells[p.Cell] = p.Level + " " + p.Found
	}
	if v.OK || v.Errors < 2 || cells["计划!C2"] != "error fifty" || cells["计划!D2"] != "error 1.7" {
		t.Fatalf("ok %v, %d errors, cells %v", v.OK, v.Errors, cells)
	}
	// A file that is not a workbook: exit 2 with a message, no stack.
	txt := filepath.Join(dir, "notes.xlsx")
	_ = os.WriteFile(txt, []byte("not a zip"), 0o644)
	code, _, errOut := run(t, "validate", txt)
	if code != ExitInput || strings.Contains(errOut, "goroutine") || errOut == "" {
		t.Fatalf("not a workbook: exit %d, %q", code, errOut)
	}
	code, _, _ = run(t, "validate", filepath.Join(dir, "missing.xlsx"))
	if code != ExitInput {
		t.Fatalf("missing file: exit %d", code)
	}
}

func TestTemplateAndExampleWriteAndRefuse(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "t.xlsx")
	if code, _, errOut := run(t, "template", "-o", tpl); code != ExitOK {
		t.Fatalf("template: exit %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "template", "-o", tpl); code != ExitInput || !strings.Contains(errOut, "--force") {
		t.Fatalf("template over an existing file: exit %d %q", code, errOut)
	}
	if code, _, _ := run(t, "template", "-o", filepath.Join(dir, "t.csv")); code != ExitInput {
		t.Fatalf("template -o t.csv: exit %d", code)
	}
	ex := filepath.Join(dir, "small.xlsx")
	truth := filepath.Join(dir, "truth.json")
	if code, _, errOut := run(t, "example", "-o", ex, "--members", "5000", "--years", "2", "--seed", "3", "--truth", truth); code != ExitOK {
		t.Fatalf("example: exit %d %s", code, errOut)
	}
	if code, out, _ := run(t, "validate", ex); code != ExitOK || !strings.Contains(out, "0 个错误，0 个警告") {
		t.Fatalf("validate small example: exit %d\n%s", code, out)
	}
	var tr map[string]any
	data, err := os.ReadFile(truth)
	if err != nil {
		t.Fatal(err)
	}
	decodeJSON(t, string(data), &tr)
	if tr["seed"] != float64(3) {
		t.Fatalf("truth seed %v", tr["seed"])
	}
	if code, _, _ := run(t, "example", "-o", ex, "--members", "10"); code != ExitInput {
		t.Fatalf("--members 10: exit %d", code)
	}
}

func TestFitdistJSON(t *testing.T) {
	// 0.5, 1, …, 10: a small positive sample.
	var sb strings.Builder
	for i := 1; i <= 40; i++ {
		sb.WriteString(strings.TrimRight(strings.TrimRight(jsonNum(float64(i)*0.25+float64(i%7)), "0"), ".") + "\n")
	}
	code, out, errOut := runIn(t, sb.String(), "fitdist", "--data", "-", "--dist", "lnorm,gamma,exp", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d %s", code, errOut)
	}
	var fits []struct {
		Distribution string              `json:"distribution"`
		Params       map[string]*float64 `json:"params"`
		SE           map[string]*float64 `json:"se"`
		LogLik       *float64            `json:"loglik"`
		AIC, BIC     *float64
		KS, CvM, AD  *float64
		Converged    bool `json:"converged"`
		Chosen       bool `json:"chosen"`
	}
	decodeJSON(t, out, &fits)
	if len(fits) != 3 {
		t.Fatalf("%d fits", len(fits))
	}
	chosen := 0
	for _, f := range fits {
		if !f.Converged || f.LogLik == nil || f.AIC == nil || f.BIC == nil || f.KS == nil || f.CvM == nil || f.AD == nil {
			t.Errorf("%s: incomplete %+v", f.Distribution, f)
		}
		if f.Chosen {
			chosen++
		}
	}
	if chosen != 1 {
		t.Errorf("%d chosen", chosen)
	}
	if fits[0].Distribution != "lnorm" || fits[0].Params["meanlog"] == nil || fits[0].SE["sdlog"] == nil {
		t.Errorf("lnorm params not named as in R: %+v", fits[0].Params)
	}
	// Counts: Poisson of 0,1,2 table, lambda = mean.
	code, out, _ = runIn(t, "0,60\n1,30\n2,10\n", "fitdist", "--counts", "--data", "-", "--dist", "poisson", "--format", "json")
	var counts []struct {
		Params map[string]float64 `json:"params"`
	}
	decodeJSON(t, out, &counts)
	if code != ExitOK || math.Abs(counts[0].Params["lambda"]-0.5) > 1e-12 {
		t.Fatalf("counts: exit %d, %+v", code, counts)
	}
	// Bad input: exit 2 with the value.
	code, _, errOut = runIn(t, "1\n2\nabc\n", "fitdist", "--data", "-", "--dist", "lnorm")
	if code != ExitInput || !strings.Contains(errOut, "abc") {
		t.Fatalf("bad value: exit %d %q", code, errOut)
	}
	code, _, errOut = runIn(t, "1\n2\n3\n", "fitdist", "--data", "-", "--dist", "lognormalish")
	if code != ExitInput || !strings.Contains(errOut, "lognormalish") {
		t.Fatalf("bad family: exit %d %q", code, errOut)
	}
}

func jsonNum(x float64) string {
	b, _ := json.Marshal(x)
	return string(b) + ".0"
}

type aggJSON struct {
	Method      string  `json:"method"`
	Step        float64 `json:"step"`
	Seed        uint64  `json:"seed"`
	Mean        float64 `json:"mean"`
	SD          float64 `json:"sd"`
	MissingMass float64 `json:"missing_mass"`
	Quantiles   []struct {
		P    float64  `json:"p"`
		VaR  float64  `json:"var"`
		TVaR float64  `json:"tvar"`
		SE   *float64 `json:"var_se"`
	} `json:"quantiles"`
	CDF      []struct{ X, P float64 } `json:"cdf"`
	StopLoss []struct {
		D     float64 `json:"d"`
		Value float64 `json:"value"`
	} `json:"stop_loss"`
	StdError *struct {
		Mean float64 `json:"mean"`
	} `json:"std_error"`
}

func TestAggregateJSON(t *testing.T) {
	// Compound Poisson(10)–Exp(1) with per-claim payment min(X, 2): E[S] =
	// 10 · (1 − e^−2) (LEV of the exponential), exact.
	args := []string{"aggregate", "--freq", "poisson(lambda=10)", "--sev", "exp(rate=1)", "--limit", "2", "--step", "0.001",
		"--p", "0.5,0.99", "--cdf-at", "100", "--stop-loss", "0", "--format", "json"}
	code, out, errOut := run(t, args...)
	if code != ExitOK {
		t.Fatalf("exit %d %s", code, errOut)
	}
	var v aggJSON
	decodeJSON(t, out, &v)
	want := 10 * (1 - math.Exp(-2))
	if v.Method != "fft" || v.Step != 0.001 || math.Abs(v.Mean-want) > 1e-6*want || len(v.Quantiles) != 2 ||
		math.Abs(v.CDF[0].P-1) > 1e-9 || math.Abs(v.StopLoss[0].Value-v.Mean) > 1e-9 || v.StdError != nil {
		t.Fatalf("fft: %+v (want mean %v, P(S ≤ 100) = 1)", v, want)
	}
	// Monte Carlo: same numbers for any number of workers; seed printed.
	mc := []string{"aggregate", "--freq", "poisson(lambda=10)", "--sev", "exp(rate=1)", "--method", "mc", "--sims", "20000", "--format", "json"}
	_, out1, _ := run(t, append(mc, "--workers", "1")...)
	_, out3, _ := run(t, append(mc, "--workers", "3")...)
	if out1 != out3 {
		t.Fatalf("workers 1 and 3 differ:\n%s\n%s", out1, out3)
	}
	var m aggJSON
	decodeJSON(t, out1, &m)
	if m.Seed != action.DefaultSeed || m.StdError == nil || m.Quantiles[0].SE == nil || math.Abs(m.Mean-10) > 4*m.StdError.Mean {
		t.Fatalf("mc: %+v", m)
	}
	// Bad specs: exit 2, message names the flag.
	for _, bad := range [][]string{
		{"aggregate", "--freq", "poisson(lambda=-1)", "--sev", "exp(rate=1)"},
		{"aggregate", "--freq", "poisson(lambda=1)", "--sev", "gama(shape=1)"},
		{"aggregate", "--freq", "poisson(lambda=1)", "--sev", "exp(rate=1)", "--method", "magic"},
		{"aggregate", "--freq", "poisson(lambda=1)", "--sev", "exp(rate=1)", "--p", "1.5"},
		{"aggregate", "--sev", "exp(rate=1)"},
	} {
		code, _, errOut := run(t, bad...)
		if code != ExitInput || errOut == "" || strings.Contains(errOut, "goroutine") {
			t.Errorf("%v: exit %d %q", bad, code, errOut)
		}
	}
}

func TestAggregateFlagsReachOptions(t *testing.T) {
	var got *action.AggregateOptions
	app := &App{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Format: report.FormatTable, Lang: i18n.Zh}
	cmd := newAggregateCmd(app, func(o *action.AggregateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--freq", "poisson(lambda=3)", "--sev", "exp(rate=2)", "--deductible", "1", "--ratio", "0.7", "--limit", "5",
		"--method", "panjer", "--step", "0.5", "--p", "0.9,0.99", "--seed", "9", "--workers", "2"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Freq != "poisson(lambda=3)" || got.Deductible != 1 || got.Ratio != 0.7 || got.Limit != 5 || got.Method != "panjer" ||
		got.Step != 0.5 || len(got.P) != 2 || got.Seed != 9 || got.Workers != 2 {
		t.Fatalf("options: %+v", got)
	}
}

func TestFitAndSimulateExample(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the example book")
	}
	// The outputs of fit and simulate are those of TestGolden.
	out := readGolden(t, "fit-example.json")
	var f struct {
		Plans []struct {
			Plan     string `json:"plan"`
			Benefits []struct {
				Benefit   string `json:"benefit"`
				Frequency struct {
					Mu float64 `json:"mu"`
				} `json:"frequency"`
				Severity *struct {
					Distribution string              `json:"distribution"`
					Params       map[string]*float64 `json:"params"`
				} `json:"severity"`
			} `json:"benefits"`
			AE struct {
				Ratio  float64 `json:"ratio"`
				Within bool    `json:"within"`
			} `json:"actual_expected"`
		} `json:"plans"`
	}
	decodeJSON(t, out, &f)
	if len(f.Plans) != 7 {
		t.Fatalf("%d plans", len(f.Plans))
	}
	for _, p := range f.Plans {
		if !p.AE.Within || len(p.Benefits) == 0 {
			t.Errorf("%s: %+v", p.Plan, p)
		}
	}
	out = readGolden(t, "simulate-example.json")
	var s report.Simulation
	decodeJSON(t, out, &s)
	if s.Year != 2026 || len(s.Plans) != 7 || !s.ParameterRisk || !s.TrendRisk || s.Fund.VarianceShares == nil {
		t.Fatalf("simulate: %+v", s)
	}
	// Money reconciles to the fen: the fund's expected benefits and
	// contributions are the sums of the plans'.
	var e, c decimal.Decimal
	for _, p := range s.Plans {
		e = e.Add(decimal.RequireFromString(p.Expected))
		c = c.Add(decimal.RequireFromString(p.Contributions))
		if len(p.Quantiles) != 3 || p.LossRatio == nil || p.PDeficit == nil {
			t.Errorf("%s: %+v", p.Plan, p)
		}
	}
	if !e.Equal(decimal.RequireFromString(s.Fund.Expected)) || !c.Equal(decimal.RequireFromString(s.Fund.Contributions)) {
		t.Errorf("fund %s / %s, plans add up to %s / %s", s.Fund.Expected, s.Fund.Contributions, e, c)
	}
	// Process risk only is narrower.
	_, out2, _ := run(t, "simulate", "../../examples/example.xlsx", "--format", "json", "--no-parameter-risk", "--no-trend-risk")
	var s2 report.Simulation
	decodeJSON(t, out2, &s2)
	if !(decimal.RequireFromString(s2.Fund.SD).LessThan(decimal.RequireFromString(s.Fund.SD))) {
		t.Errorf("process-only sd %s not below %s", s2.Fund.SD, s.Fund.SD)
	}
}

func TestSimulateTermsAndErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the example book")
	}
	dir := t.TempDir()
	// Proposed terms: the hospital plan with a lower annual cap pays less.
	terms := filepath.Join(dir, "proposal.xlsx")
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "计划")
	_ = f.SetSheetRow("计划", "A1", &[]any{"plan", "kind", "contribution", "deductible", "ratio_1", "ratio_2", "ratio_3", "claim_cap", "annual_cap"})
	_ = f.SetSheetRow("计划", "A2", &[]any{"hospital", "hospital", 50, 800, 0.7, 0.6, 0.5, 5000, 8000})
	if err := f.SaveAs(terms); err != nil {
		t.Fatal(err)
	}
	get := func(args ...string) report.Simulation {
		code, out, errOut := run(t, append([]string{"simulate", "../../examples/example.xlsx", "--format", "json"}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
		var s report.Simulation
		decodeJSON(t, out, &s)
		return s
	}
	base, prop := get(), get("--terms", terms)
	hb, hp := decimal.RequireFromString(base.Plans[3].Expected), decimal.RequireFromString(prop.Plans[3].Expected)
	if base.Plans[3].Plan != "hospital" || !hp.LessThan(hb) {
		t.Fatalf("hospital expected %s under the proposal, %s now", hp, hb)
	}
	if base.Plans[0].Expected != prop.Plans[0].Expected {
		t.Errorf("a plan not in --terms changed: %s vs %s", base.Plans[0].Expected, prop.Plans[0].Expected)
	}
	// Monte Carlo prints its seed and standard errors.
	mc := get("--method", "mc", "--sims", "500", "--seed", "5")
	if mc.Seed == nil || *mc.Seed != 5 || mc.Paths != 500 || mc.Fund.ExpectedSE == nil {
		t.Errorf("mc: %+v", mc)
	}
	// Bad input: exit 2.
	bad := filepath.Join(dir, "bad.xlsx")
	g := excelize.NewFile()
	_ = g.SetSheetName("Sheet1", "计划")
	_ = g.SetSheetRow("计划", "A1", &[]any{"plan", "kind", "contribution"})
	_ = g.SetSheetRow("计划", "A2", &[]any{"nosuch", "hospital", 50})
	_ = g.SaveAs(bad)
	for _, args := range [][]string{
		{"simulate", "../../examples/example.xlsx", "--terms", bad},
		{"simulate", "../../examples/example.xlsx", "--method", "magic"},
		{"simulate", filepath.Join(dir, "missing.xlsx")},
		{"fit", bad},
	} {
		if code, _, errOut := run(t, args...); code != ExitInput || errOut == "" {
			t.Errorf("%v: exit %d %q", args, code, errOut)
		}
	}
}

// The defects fixture (internal/workbook/testdata/defects.xlsx, golden-tested
// there): validate reports all of them in one run and exits 2.
func TestValidateDefectsFixture(t *testing.T) {
	code, out, _ := run(t, "validate", "../../internal/workbook/testdata/defects.xlsx", "--format", "json", "--notices")
	if code != ExitInput {
		t.Fatalf("exit %d, want 2", code)
	}
	var v struct {
		Errors   int `json:"errors"`
		Problems []struct {
			Code, Cell string
		} `json:"problems"`
	}
	decodeJSON(t, out, &v)
	codes := map[string]bool{}
	for _, p := range v.Problems {
		codes[p.Code] = true
	}
	if v.Errors < 20 || len(codes) < 15 {
		t.Fatalf("%d errors of %d kinds", v.Errors, len(codes))
	}
}

func TestCalibrateExample(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates the example book")
	}
	dir := t.TempDir()
	rep := filepath.Join(dir, "report.xlsx")
	code, out, errOut := run(t, "calibrate", "../../examples/example.xlsx", "--format", "json", "-o", rep,
		"--opening-reserve", "0", "--reserve-floor", "0", "--max-change", "1", "--target-deficit-probability", "0.02")
	if code != ExitOK {
		t.Fatalf("exit %d %s", code, errOut)
	}
	var c report.Calibration
	decodeJSON(t, out, &c)
	if c.Year != 2026 || len(c.Plans) != 7 || !c.Feasible || c.Policy["max_change"] != "1" || c.Policy["opening_reserve"] != "0.00" || len(c.Project) != 5 {
		t.Fatalf("%+v", c)
	}
	if *c.Fund.PDeficitAfter > 0.02 {
		t.Errorf("P(deficit) after %v above the target", *c.Fund.PDeficitAfter)
	}
	var inc decimal.Decimal
	for _, p := range c.Plans {
		inc = inc.Add(decimal.RequireFromString(p.Income))
	}
	if !inc.Equal(decimal.RequireFromString(c.Fund.Income)) {
		t.Errorf("plan incomes add up to %s, fund %s", inc, c.Fund.Income)
	}
	f, err := excelize.OpenFile(rep)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"摘要", "建议", "基金", "预测", "图表", "分位数", "模型", "实际与期望", "假设", "数据质量", "回溯检验", "数据完整性", "记录"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("report sheets %v", got)
	}
	if v, _ := f.GetCellValue("建议", "A4"); v != "female_disease" {
		t.Errorf("建议!A4 = %q", v)
	}
	// The report is not overwritten without --force.
	if code, _, _ := run(t, "calibrate", "../../examples/example.xlsx", "-o", rep); code != ExitInput {
		t.Errorf("overwrite without --force: exit %d", code)
	}
	// Infeasible: exit 3 with what would be needed.
	code, _, errOut = run(t, "calibrate", "../../examples/example.xlsx", "--opening-reserve", "0", "--reserve-floor", "0",
		"--max-change", "0.01", "--medical-trend", "200%", "--lang", "en")
	if code != ExitInfeasible || !strings.Contains(errOut, "max_change 1.0% leaves P(benefits above net contributions)") || !strings.Contains(errOut, "would reach 5.0%") {
		t.Fatalf("infeasible: exit %d %q", code, errOut)
	}
	// Bad overrides and levers: exit 2.
	for _, args := range [][]string{
		{"calibrate", "../../examples/example.xlsx", "--max-change", "lots"},
		{"calibrate", "../../examples/example.xlsx", "--fix", "caps"},
		{"calibrate", "../../examples/example.xlsx", "--fix", "contributions", "--lever", "everything"},
		{"calibrate", "../../examples/example.xlsx", "--target-deficit-probability", "0.9"},
	} {
		if code, _, errOut := run(t, args...); code != ExitInput || errOut == "" {
			t.Errorf("%v: exit %d %q", args, code, errOut)
		}
	}
}

func TestCalibrateFlagsReachOptions(t *testing.T) {
	var got *calibrateOptions
	app := &App{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Format: report.FormatTable, Lang: i18n.Zh}
	cmd := newCalibrateCmd(app, func(o *calibrateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"book.xlsx", "--max-change", "0.3", "--target-deficit-probability", "1%", "--fix", "contributions", "--lever", "claim_cap", "-o", "r.xlsx"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.File != "book.xlsx" || got.Override["max_change"] != "0.3" || got.Override["target_deficit_probability"] != "1%" ||
		len(got.Override) != 2 || got.Fix != "contributions" || got.Lever != "claim_cap" || got.Output != "r.xlsx" {
		t.Fatalf("options: %+v", got)
	}
}
