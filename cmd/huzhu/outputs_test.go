package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
)

// TestTablesFit120Columns: every command's terminal output in both
// languages (the golden outputs, which TestGolden keeps equal to the
// commands' output) is at most 120 columns wide, CJK counted as two.
func TestTablesFit120Columns(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt.golden"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d terminal outputs: %v", len(files), err)
	}
	commands := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		commands[strings.SplitN(filepath.Base(f), "-", 2)[0]] = true
		for i, line := range strings.Split(string(b), "\n") {
			if w := report.Width(line); w > report.TerminalWidth {
				t.Errorf("%s:%d is %d columns wide: %s", filepath.Base(f), i+1, w, line)
			}
		}
	}
	for _, c := range []string{"validate", "fit", "fitdist", "simulate", "calibrate", "scenarios", "sensitivity", "stress", "aggregate"} {
		if !commands[c] {
			t.Errorf("no terminal output of %s checked", c)
		}
	}
}

// TestWideKeepsFullTables: --wide prints the table as one (wider than 120),
// without it the same table is split.
func TestWideKeepsFullTables(t *testing.T) {
	widest := func(s string) int {
		n := 0
		for _, l := range strings.Split(s, "\n") {
			n = max(n, report.Width(l))
		}
		return n
	}
	code, narrow, errOut := run(t, "simulate", zhejiangBook, "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, wide, errOut := run(t, "simulate", zhejiangBook, "--lang", "en", "--wide")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if w := widest(narrow); w > report.TerminalWidth {
		t.Errorf("without --wide: %d columns", w)
	}
	if w := widest(wide); w <= report.TerminalWidth {
		t.Errorf("--wide: %d columns, want the whole table on one line (> %d)", w, report.TerminalWidth)
	}
	if strings.Count(wide, "----") >= strings.Count(narrow, "----") {
		t.Errorf("--wide did not print fewer tables:\n%s", wide)
	}
}

// TestCSVIsTheSameInEveryLanguage: CSV is a machine format, byte for byte the
// same with --lang zh and --lang en, for every command.
func TestCSVIsTheSameInEveryLanguage(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.zh.csv.golden"))
	if len(files) < 10 {
		t.Fatalf("only %d CSV outputs", len(files))
	}
	for _, zh := range files {
		en := strings.Replace(zh, ".zh.csv", ".en.csv", 1)
		a, err1 := os.ReadFile(zh)
		b, err2 := os.ReadFile(en)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if string(a) != string(b) {
			t.Errorf("%s and %s differ:\n%s", filepath.Base(zh), filepath.Base(en), firstDiff(string(a), string(b)))
		}
	}
}

// TestCalibrateCSVLongForm: calibrate's CSV has a row per figure with plain
// numbers, and holds the plans, the fund and the projection.
func TestCalibrateCSVLongForm(t *testing.T) {
	csv := readGolden(t, "calibrate-example.zh.csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if lines[0] != "section,plan,year,field,value" {
		t.Fatalf("header %q", lines[0])
	}
	has := func(prefix string) bool {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return true
			}
		}
		return false
	}
	for _, want := range []string{"plan,hospital,2026,change,", "plan,nonwork_accident_fire,2026,limited,true", "plan,hospital,2026,limited,false",
		"fund,,2026,p_deficit_after,0.", "fund,,2026,income,22092960.01", "projection,,2030,p_below_floor,0.126", "projection,,2027,p50,"} {
		if !has(want) {
			t.Errorf("no row %q in calibrate's CSV", want)
		}
	}
	for i, l := range lines {
		if strings.ContainsAny(l, "%（）") || strings.Contains(l, "limited)") {
			t.Errorf("line %d is not machine-clean: %s", i+1, l)
		}
	}
}

// TestCalibrateJSONNotesArePrintedNotes: the notes of calibrate's JSON are
// the lines printed under its tables (in English), one source for both.
func TestCalibrateJSONNotesArePrintedNotes(t *testing.T) {
	var j struct{ Notes []string }
	if err := json.Unmarshal([]byte(readGolden(t, "calibrate-example.json")), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Notes) == 0 {
		t.Fatal("no notes in JSON: the example's calibration holds a plan by max_change")
	}
	table := strings.Split(strings.TrimRight(readGolden(t, "calibrate-example.en.txt"), "\n"), "\n")
	printed := table[len(table)-len(j.Notes):]
	for i, n := range j.Notes {
		if printed[i] != n {
			t.Errorf("note %d: JSON %q, printed %q", i, n, printed[i])
		}
	}
}

// TestUselessFlagsAreErrors: a flag that would do nothing stops the command
// with exit 2 and a message naming it, in both languages.
func TestUselessFlagsAreErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		flag string
		args []string
	}{
		{"--seed", []string{"simulate", exampleBook, "--seed", "3"}},
		{"--sims", []string{"simulate", exampleBook, "--sims", "500"}},
		{"--force", []string{"simulate", exampleBook, "--force"}},
		{"--wide", []string{"simulate", exampleBook, "--wide", "--format", "json"}},
		{"--wide", []string{"calibrate", exampleBook, "--wide", "--format", "csv"}},
		{"--force", []string{"calibrate", exampleBook, "--force"}},
		{"--lever", []string{"calibrate", exampleBook, "--lever", "claim_cap"}},
		{"--seed", []string{"scenarios", exampleBook, "--file", "x.yaml", "--simulate", "--seed", "4"}},
		{"--force", []string{"scenarios", exampleBook, "--file", "x.yaml", "--force"}},
		{"--force", []string{"sensitivity", exampleBook, "--force"}},
		{"--sheet", []string{"fitdist", "--data", "testdata/costs.txt", "--sheet", "X"}},
		{"--format", []string{"template", "-o", filepath.Join(dir, "t.xlsx"), "--format", "json"}},
		{"--format", []string{"example", "-o", filepath.Join(dir, "e.xlsx"), "--format", "csv"}},
	}
	for _, c := range cases {
		for _, lang := range []string{"zh", "en"} {
			code, _, errOut := run(t, append(append([]string{}, c.args...), "--lang", lang)...)
			if code != ExitInput || !strings.Contains(errOut, c.flag) {
				t.Errorf("%v --lang %s: exit %d, want %d naming %s: %s", c.args, lang, code, ExitInput, c.flag, errOut)
			}
		}
	}
}

// TestShellCompletion: cobra's __complete offers --fix's and --lever's
// values, the example book's plans for --vary and .xlsx files for workbooks.
func TestShellCompletion(t *testing.T) {
	complete := func(args ...string) (string, string) {
		t.Helper()
		code, out, errOut := run(t, append([]string{"__complete"}, args...)...)
		if code != ExitOK {
			t.Fatalf("__complete %v: exit %d: %s", args, code, errOut)
		}
		return out, errOut
	}
	out, _ := complete("calibrate", exampleBook, "--fix", "")
	for _, v := range []string{"contributions", "terms"} {
		if !strings.Contains(out, v+"\t") {
			t.Errorf("--fix: no %s in\n%s", v, out)
		}
	}
	out, _ = complete("calibrate", exampleBook, "--lever", "")
	for _, v := range calibrate.CapLevers {
		if !strings.Contains(out, v+"\n") {
			t.Errorf("--lever: no %s in\n%s", v, out)
		}
	}
	out, _ = complete("sensitivity", exampleBook, "--vary", "")
	for _, v := range []string{"medical_trend=", "incidence.hospital=\t在职职工住院医疗互助保障计划", "severity.hospital_cash="} {
		if !strings.Contains(out, v) {
			t.Errorf("--vary: no %q in\n%s", v, out)
		}
	}
	for _, args := range [][]string{{"calibrate", ""}, {"simulate", ""}, {"calibrate", exampleBook, "--terms", ""}, {"template", "-o", ""}} {
		out, _ = complete(args...)
		if !strings.HasPrefix(out, "xlsx\n:8") { // 8: ShellCompDirectiveFilterFileExt
			t.Errorf("%v: %q, want .xlsx files", args, out)
		}
	}
}
