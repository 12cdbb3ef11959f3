package i18n

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	englishSentence = regexp.MustCompile(`\b[A-Za-z]{2,}(?:,? [A-Za-z]{2,}){2,}\b`)
	han             = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Lang
		ok   bool
	}{{"", Zh, true}, {"zh", Zh, true}, {"en", En, true}, {" EN ", En, true}, {"fr", Zh, false}} {
		got, err := Parse(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("Parse(%q) = %q, %v", c.in, got, err)
		}
	}
	if Default != Zh {
		t.Errorf("default %q", Default)
	}
}

// Every message has both languages; the Chinese holds no English sentence and
// the English no Chinese.
func TestCatalogue(t *testing.T) {
	codes := Codes()
	if len(codes) < 150 {
		t.Fatalf("%d messages", len(codes))
	}
	for _, c := range codes {
		m, _ := Lookup(c)
		if c == "text" {
			continue
		}
		if m.Zh == "" || m.En == "" {
			t.Errorf("%s: a language is missing: %+v", c, m)
		}
		if s := englishSentence.FindString(m.Zh); s != "" {
			t.Errorf("%s: English %q in the Chinese %q", c, s, m.Zh)
		}
		if s := han.FindString(m.En); s != "" {
			t.Errorf("%s: Chinese %q in the English %q", c, s, m.En)
		}
		if argCount(m.Zh) != argCount(m.En) {
			t.Errorf("%s: the languages take different arguments: %q, %q", c, m.Zh, m.En)
		}
	}
	if got := Lang("en").T("no.such.code"); got != "[no.such.code]" {
		t.Errorf("unknown code: %q", got)
	}
}

// argCount is the number of arguments a format takes: its verbs in turn,
// or the highest explicit index ("%[2]d").
func argCount(f string) int {
	n, most := 0, 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for ; i < len(f) && strings.IndexByte("+-# 0123456789.*[]", f[i]) >= 0; i++ {
			switch f[i] {
			case '[':
				j := strings.IndexByte(f[i:], ']')
				k, _ := strconv.Atoi(f[i+1 : i+j])
				n = k - 1
				i += j
			case '*':
				n++
			}
		}
		if i < len(f) && f[i] != '%' {
			n++
		}
		most = max(most, n)
	}
	return most
}

func TestArgCount(t *testing.T) {
	for f, want := range map[string]int{"": 0, "100%%": 0, "%s and %d": 2, "%[2]d of %[1]s": 2, "%.2[3]f": 3, "%5.1f%%": 1, "%*d": 2} {
		if got := argCount(f); got != want {
			t.Errorf("argCount(%q) = %d, want %d", f, got, want)
		}
	}
}

// The workbook's messages are keyed "wb.*", and every key its code names
// (a problem's message, a part of one, a file error) is in the catalogue.
func TestWorkbookKeys(t *testing.T) {
	key := regexp.MustCompile(`"(wb\.[a-z_.0-9]+)"`)
	files, _ := filepath.Glob("../workbook/*.go")
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
			if _, ok := Lookup(m[1]); !ok {
				t.Errorf("%s: message %q is not in the catalogue", f, m[1])
			}
		}
	}
	if len(used) < 80 {
		t.Errorf("only %d workbook messages used", len(used))
	}
	for _, c := range Codes() {
		if strings.HasPrefix(c, "wb.") && !used[c] {
			t.Errorf("message %q is not used by internal/workbook", c)
		}
	}
}

// The codes the commands and writers use exist in the catalogue.
func TestCodesUsedExist(t *testing.T) {
	use := regexp.MustCompile(`(?:\.T\(|\bCol\("[a-z_0-9]+", |\bnote\(|\badd\(|\bInvalid\(|\bErrorf\()"([a-z][a-z_.0-9]*)"`)
	n := 0
	for _, dir := range []string{"../report", "../../cmd/huzhu", "../action", "../calreport"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range use.FindAllStringSubmatch(string(b), -1) {
				n++
				if _, ok := Lookup(m[1]); !ok && !strings.HasSuffix(m[1], ".") {
					t.Errorf("%s: message %q is not in the catalogue", f, m[1])
				}
			}
		}
	}
	if n < 90 {
		t.Errorf("only %d uses found", n)
	}
}

// Each English explanation of the pricing packages is recognised, and its
// English rendering gives it back as it was.
func TestFromEnglish(t *testing.T) {
	cases := []string{
		"lowest AIC (102603.53); next burr at +1.87; left out (not converged): gamma",
		"only converged fit (AIC 12.50)",
		"no fit converged: exp, gamma",
		"converged: Newton step 1.1e-10 after 4 iterations; KS, CvM and AD not computed: the data are censored",
		"not converged after 200 iterations: last Newton step 3.0e-02 exceeds the tolerance 1e-08 (the likelihood is flat towards shape → ∞: probably no interior maximum)",
		"not converged: no interior maximum, shape → 0 (the fit runs to the boundary of the parameter space; a limiting family may fit better)",
		"closed form: λ = mean",
		"converged: mu = mean, size by Newton in log size (step 0.0e+00, 5 iterations); chi-square has 2 cell(s), too few for a p-value with 2 parameter(s)",
		"not fitted: the variance (0.5) does not exceed the mean (0.6), so the likelihood increases with size without bound; the MLE is the Poisson limit (size → ∞, log-likelihood -12.5): fit pois instead",
		"converged: left-truncated at 1 (P(X ≥ 1) = 0.25), Newton step 1.0e-12, mean score 1.0e-14 after 6 iterations",
		"standard errors unavailable: the observed information is not positive definite",
		"no medical claims recorded: the benefit is modelled as never claimed",
		"medical: only 2 amounts: lognormal by the moments of their logs (sdlog assumed 1), not a fitted model",
		"no member ids: Poisson events at the observed rate",
		"summary data: Poisson events at the summary's rate (claims / enrolments)",
		"summary-only data: events are taken as Poisson at 3.1767% per enrolment (one claim per claimant)",
		"summary-only data: the amount paid per claim is taken as lognormal with mean 1000.12 yuan (the summary's paid / claims) and sdlog 1, an assumption: the data give no severity shape",
		"summary-only data: the amount paid per claim is used as it is (times the member's shares, and for medical plans grown by the medical trend), capped by the annual cap; changes of deductible, ratio or claim cap cannot be priced from these data",
		"plan hospital: annual_cap stops at 20 times its current value; the plan's income still exceeds its expected benefits and margin",
		"plan hospital: the first ratio reaches 100%; the plan's income still exceeds its expected benefits and margin",
		"plan hospital: even a lever of 0 does not bring expected benefits and margin within its income",
	}
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			ns := FromEnglish(c)
			for _, n := range ns {
				if n.Code == "text" {
					t.Errorf("clause %q not recognised", n.Args[0])
				}
			}
			if got := strings.Join(ns.In(En), "; "); got != c {
				t.Errorf("English rendering:\n got %q\nwant %q", got, c)
			}
			zh := Translate(Zh, c)
			if s := englishSentence.FindString(zh); s != "" {
				t.Errorf("English %q left in %q", s, zh)
			}
		})
	}
	if got := Translate(Zh, "something new happened here"); got != "something new happened here" {
		t.Errorf("an unknown clause is shown as it is: %q", got)
	}
}

// A note among the arguments is rendered in the same language, and the
// arguments are left as they were (an error is told in English first, then in
// the user's language).
func TestNoteArgument(t *testing.T) {
	e := Errorf("err.args", "huzhu fit", 1, N("args.workbook"), 0)
	if got, want := e.Error(), "huzhu fit expects 1 argument(s) (the workbook), got 0"; got != want {
		t.Errorf("English %q, want %q", got, want)
	}
	if got, want := e.In(Zh), "huzhu fit 需要 1 个参数（工作簿），实际为 0 个"; got != want {
		t.Errorf("Chinese %q, want %q", got, want)
	}
}

// The English errors of the lower layers are recognised: their English
// rendering gives them back, and in Chinese no English sentence is left.
func TestErrorPatterns(t *testing.T) {
	for _, c := range []string{
		"rounding 0: expected a positive amount of yuan",
		"plan_deficit_probability 0.7: expected between 0 and 0.5, or empty",
		"opening_reserve and reserve_floor must not be negative",
		"--freq: pois: lambda must be non-negative and finite, got -1",
		`--sev: gamma: missing rate or scale; expected shape and rate or scale`,
		`--sev: burr: unknown parameter "x"; expected shape1, shape2 and scale or rate`,
		`--sev: discrete: mass 1.5 at 3 is not in [0, 1]`,
		`--freq: nbinom: prob must be in (0, 1], got 2`,
		`--method: aggregate: unknown method "x"; expected fft, panjer, montecarlo, normal or normal-power`,
		"aggregate: FFT window [0, 1e+09] needs more than 4194304 points at step 1 to hold all but 1e-09 of the mass; use a larger step or raise MaxPoints",
		"aggregate: Monte Carlo produced a non-finite total (mean +Inf); the severity may be too heavy-tailed",
		`invalid argument "abc" for "--sims" flag: strconv.ParseInt: parsing "abc": invalid syntax`,
		"if any flags in the group [fix terms] are set none of the others can be; [fix terms] were all set",
		"open /tmp/none.csv: no such file or directory",
		"/tmp/out.xlsx: file exists (use --force to replace it)",
		"model: plan hospital: medical cost: the payment distribution needs 5000000 grid points at step 1 (largest payment 5e+06), more than MaxPoints 4194304; use a larger step or a per-claim limit",
		"model: plan hospital: outpatient cost: the payment distribution needs 5000000 grid points at step 1 (largest payment 5e+06), more than MaxPoints 4194304",
		"model: plan hospital: fire payment: the payment distribution needs 5000000 grid points at step 1 (largest payment 5e+06), more than MaxPoints 4194304",
		"model: plan hospital: payment: the payment distribution needs 5000000 grid points at step 1 (largest payment 5e+06), more than MaxPoints 4194304",
		"model: plan hospital: day events: count distribution nbinom (mean 3) has more than 1e-12 of its mass beyond 100000 events",
		"writing the output: out.xlsx: the output is a directory; give a file name",
		"writing the output: out.xlsx: the output is an input of this run (/tmp/out.xlsx); write the output to another file",
		"/tmp/x/out.xlsx: the output's directory does not exist: /tmp/x (file does not exist)",
		"/tmp/x/out.xlsx: the output's directory does not exist: /tmp/x is not a directory (file does not exist)",
		"writing the output: out.xlsx: the output is open in another program (its lock file ~$out.xlsx is there); close it in Excel, WPS or LibreOffice first, or delete the lock file if no program has it open",
		"writing the output: aaaa…: the output's file name is too long (300 bytes; at most 255)",
		"plan hospital, medical: no amounts above 0 recorded: no severity can be estimated",
		"plan hospital, days: no days law could be fitted",
		"plan hospital, medical events: not a number",
		"plan hospital: no members in the priced year (0 members)",
		"model: fund total: aggregate: Monte Carlo produced a non-finite total (mean NaN); the severity may be too heavy-tailed",
		"model: 1 year(s) of enrolment: at least two are needed to estimate its growth",
		"the targets cannot be met under the policy: the reserve test (solvency_probability) fails",
		"expected a whole number ≥ 1 and ≤ 30",
		"expected an amount in yuan ≥ 0",
		"expected a ratio between 0 and 1, such as 0.05 or 5%",
		`"magic" is not a Fund parameter`,
	} {
		ns := FromEnglish(c)
		if got := strings.Join(ns.In(En), "; "); got != c {
			t.Errorf("English rendering:\n got %q\nwant %q", got, c)
		}
		zh := ErrorIn(errors.New(c), Zh)
		if s := englishSentence.FindString(zh); s != "" || !han.MatchString(zh) {
			t.Errorf("%q in Chinese: %q", c, zh)
		}
		if ErrorIn(errors.New(c), En) != c {
			t.Errorf("%q in English: %q", c, ErrorIn(errors.New(c), En))
		}
	}
}
