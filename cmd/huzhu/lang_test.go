package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// englishSentence is three or more English words in a row (words of two or
// more letters, apart by one space or a comma and a space): prose, not a key
// such as female_disease, a distribution such as lnorm(meanlog=…), columns
// such as "VaR  TVaR" or a CSV header (English keys in every language).
var englishSentence = regexp.MustCompile(`\b[A-Za-z]{2,}(?:,? [A-Za-z]{2,}){2,}\b`)

// han is a Chinese character or full-width punctuation.
var han = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)

// cellRef is a reference to a cell of the user's workbook, whose sheet names
// are Chinese in every language ("汇总!F14").
var cellRef = regexp.MustCompile(`\p{Han}+!([A-Z]+[0-9]+)?`)

// groupName is a group (单位) of the example book, as its Claims and
// Enrolment name it: the user's data, the same in every language.
var groupName = regexp.MustCompile(`(市直|吴兴区|南浔区|德清县|长兴县|安吉县)`)

// benefitKey is a benefit's key (plans.Benefits) as a word: Chinese text
// names a benefit by its Chinese name (医疗费用), CSV and JSON by its key.
var benefitKey = regexp.MustCompile(`\b(?:medical|day|diagnosis|death|disability|fire|outpatient)\b`)

// TestGoldenLanguages: Chinese output holds no English sentence, and English
// output no Chinese, in every golden output; Chinese text names no benefit
// by its key.
func TestGoldenLanguages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.golden"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden outputs: %v", err)
	}
	checked := 0
	for _, f := range files {
		name := filepath.Base(f)
		zh, en := strings.Contains(name, ".zh."), strings.Contains(name, ".en.")
		if !zh && !en {
			continue // JSON: the same in every language
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if i == 0 && strings.Contains(name, ".csv") {
				continue // the header: keys
			}
			if zh {
				if m := englishSentence.FindString(line); m != "" {
					t.Errorf("%s:%d: English %q in Chinese output: %s", name, i+1, m, line)
				}
				if m := benefitKey.FindString(line); m != "" && !strings.Contains(name, ".csv") {
					t.Errorf("%s:%d: the benefit key %q in Chinese output: %s", name, i+1, m, line)
				}
			}
			if en {
				if m := han.FindString(groupName.ReplaceAllString(cellRef.ReplaceAllString(line, ""), "")); m != "" {
					t.Errorf("%s:%d: Chinese %q in English output: %s", name, i+1, m, line)
				}
			}
		}
	}
	if checked < 40 {
		t.Errorf("only %d outputs checked", checked)
	}
}

// TestErrorLanguages: an error of any layer — a flag's value, a Fund key's
// value, the calibration policy (plans/calibrate), a distribution spec
// (actuarial/dist), the aggregate engine's limits (actuarial/aggregate), the
// workbook file, the command line — is told in Chinese by default and in
// English with --lang en: no English sentence in the one, no Chinese in the
// other.
func TestErrorLanguages(t *testing.T) {
	const book = "../../examples/example.xlsx"
	dir := t.TempDir()
	sev := []string{"--sev", "gamma(shape=1,rate=1)"}
	// An output that exists (without --force) and one that is a directory.
	if err := os.WriteFile(filepath.Join(dir, "exists.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := [][]string{
		{"calibrate", book, "--medical-trend", "abc"},
		{"calibrate", book, "--target-deficit-probability", "2", "--rounding", "x"},
		{"calibrate", book, "--rounding", "0", "--max-change", "0", "--expense-ratio", "1"},
		{"calibrate", book, "--fix", "nosuch"},
		{"calibrate", book, "--fix", "contributions", "--lever", "nosuch"},
		{"calibrate", book, "--terms", dir + "/none.xlsx"},
		append([]string{"aggregate", "--freq", "poisson(lambda=-1)"}, sev...),
		append([]string{"aggregate", "--freq", "foo(1)"}, sev...),
		append([]string{"aggregate", "--freq", "poisson(lambda=1e9)"}, sev...),
		append([]string{"aggregate", "--freq", "pois(lambda=1)", "--method", "magic"}, sev...),
		{"aggregate", "--freq", "pois(lambda=1)", "--sev", "gamma(shape=1)"},
		{"aggregate", "--freq", "pois(lambda=1)", "--sev", "gamma(shape=x,rate=1)"},
		{"aggregate", "--freq", "pois(lambda=1)", "--sev", "discrete(1:0.5)"},
		{"aggregate", "--freq", "pois(lambda=1)", "--sev", "pois(lambda=1)"},
		{"aggregate", "--freq", "pois(lambda=1)", "--sev", "pareto(shape=0.5,scale=1000)", "--step", "0.001"},
		{"example", "--members", "-5", "-o", dir + "/x.xlsx"},
		{"template", "-o", dir + "/exists.xlsx"},
		{"template", "-o", dir + "/dir.xlsx", "--force"},
		{"template", "-o", dir + "/none/x.xlsx"},
		{"simulate", book, "--sims", "abc"},
		{"simulate", book, "--nosuchflag"},
		{"validate", dir + "/none.xlsx"},
		{"validate", dir},
		{"fitdist", "--data", dir + "/none.csv"},
		{"nosuchcommand"},
	}
	for _, args := range cases {
		for _, lang := range []string{"zh", "en"} {
			code, _, errOut := run(t, append(append([]string(nil), args...), "--lang", lang)...)
			if code == ExitOK || errOut == "" {
				t.Errorf("%v --lang %s: exit %d, stderr %q", args, lang, code, errOut)
				continue
			}
			msg := strings.ReplaceAll(errOut, dir, "DIR")
			if lang == "zh" {
				if m := englishSentence.FindString(msg); m != "" {
					t.Errorf("%v: English %q in Chinese output: %s", args, m, msg)
				}
				if !han.MatchString(msg) {
					t.Errorf("%v: no Chinese in %s", args, msg)
				}
			} else if m := han.FindString(msg); m != "" {
				t.Errorf("%v: Chinese %q in English output: %s", args, m, msg)
			}
		}
	}
}

// TestFlagUsageEnglish: the flags' help texts are English (the commands'
// descriptions carry both languages); a Chinese word in one — such as a Fund
// key's English doc quoting 入不敷出 — fails here.
func TestFlagUsageEnglish(t *testing.T) {
	root := newRootCmd(&App{IO: &IOStreams{}})
	n := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(c.LocalFlags().FlagUsages(), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			n++
			if m := han.FindString(line); m != "" {
				t.Errorf("%s: Chinese %q in %q", c.CommandPath(), m, line)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	if n < 100 {
		t.Errorf("only %d flags checked", n)
	}
}

// checkLanguage fails when out, an output in lang, holds an English sentence
// (zh) or a Chinese character (en) other than a workbook's cell reference or
// a group's name (the user's data).
func checkLanguage(t *testing.T, what, lang, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if lang == "zh" {
			if m := englishSentence.FindString(line); m != "" {
				t.Errorf("%s:%d: English %q in Chinese output: %s", what, i+1, m, line)
			}
		} else if m := han.FindString(groupName.ReplaceAllString(cellRef.ReplaceAllString(line, ""), "")); m != "" {
			t.Errorf("%s:%d: Chinese %q in English output: %s", what, i+1, m, line)
		}
	}
}
