package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/xuri/excelize/v2"
)

// copyFile copies the example book into dir.
func copyBook(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/example.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "book.xlsx")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A run's audit record: beside -o, confirmed by verify (exit 0); a book
// changed in one cell is named and exits 4; a record that does not replay
// (its result edited) exits 4 and lists the value.
func TestRecordVerify(t *testing.T) {
	dir := t.TempDir()
	book := copyBook(t, dir)
	rep := filepath.Join(dir, "report.xlsx")
	code, _, errOut := run(t, "calibrate", book, "-o", rep, "--sims", "2000")
	if code != ExitOK {
		t.Fatalf("calibrate exit %d: %s", code, errOut)
	}
	rec := filepath.Join(dir, "report.record.json")
	if !strings.Contains(errOut, rec) {
		t.Errorf("calibrate does not say it wrote %s: %s", rec, errOut)
	}
	// The report embeds the record (its 记录 sheet, line by line) and its
	// hash, and was created at the record's run time.
	recBytes, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := excelize.OpenFile(rep)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := fr.GetRows("记录")
	var lines []string
	for _, r := range rows[3:] {
		lines = append(lines, r[0])
	}
	sum := sha256.Sum256(recBytes)
	if strings.Join(lines, "\n")+"\n" != string(recBytes) || !strings.Contains(rows[1][0], hex.EncodeToString(sum[:])) {
		t.Errorf("the report's 记录 sheet is not the record %s (%s)", rec, rows[1][0])
	}
	props, _ := fr.GetDocProps()
	fr.Close()
	if r, err := record.Read(rec); err != nil || props.Created != r.RunAt.UTC().Format(time.RFC3339) {
		t.Errorf("report created %q, record run at %v (%v)", props.Created, r, err)
	}
	code, out, errOut := run(t, "verify", rec, "--format", "json")
	if code != ExitOK {
		t.Fatalf("verify of a fresh record: exit %d\n%s%s", code, out, errOut)
	}
	var v report.Verification
	decodeJSON(t, out, &v)
	if !v.Identical || v.Action != "calibrate" || len(v.Inputs) != 1 || len(v.Inputs[0].SHA256) != 64 {
		t.Errorf("verify: %+v", v)
	}
	for _, lang := range []string{"zh", "en"} {
		code, out, errOut := run(t, "verify", rec, "--lang", lang)
		if code != ExitOK {
			t.Errorf("verify --lang %s: exit %d %s", lang, code, errOut)
		}
		checkLanguage(t, "verify", lang, out+errOut)
	}
	// Writing the record again needs --force.
	if code, _, _ := run(t, "calibrate", book, "--record", rec, "--sims", "2000"); code != ExitInput {
		t.Errorf("an existing record replaced without --force: exit %d", code)
	}

	// A result that does not replay.
	b, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "edited.json")
	s := strings.Replace(string(b), `"feasible": true`, `"feasible": false`, 1)
	if s == string(b) {
		t.Fatal("the record has no feasible field to edit")
	}
	if err := os.WriteFile(edited, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "verify", edited, "--lang", "en")
	if code != ExitDiffers || !strings.Contains(out, "result.feasible") || !strings.Contains(out, "differs") {
		t.Errorf("an edited record: exit %d\n%s", code, out)
	}

	// One cell of the book changed.
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if err := f.SetCellValue(sheet, "A1", "x"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, _ = run(t, "verify", rec)
	if code != ExitDiffers || !strings.Contains(out, "book.xlsx") || !strings.Contains(out, "内容已改变") {
		t.Errorf("a changed input: exit %d\n%s", code, out)
	}
	for _, lang := range []string{"zh", "en"} {
		_, out, errOut := run(t, "verify", rec, "--lang", lang)
		checkLanguage(t, "verify of a changed input", lang, out+errOut)
	}
	code, out, _ = run(t, "verify", rec, "--format", "json")
	decodeJSON(t, out, &v)
	if code != ExitDiffers || v.Identical || len(v.Changed) != 1 || !strings.Contains(v.Changed[0], "book.xlsx") {
		t.Errorf("a changed input, JSON: exit %d %+v", code, v)
	}
	if code, _, _ := run(t, "verify", filepath.Join(dir, "none.json")); code != ExitInput {
		t.Errorf("a missing record: exit %d", code)
	}
	if code, _, _ := run(t, "calibrate", book, "--record", filepath.Join(dir, "r.txt")); code != ExitInput {
		t.Errorf("--record without .json: exit %d", code)
	}
}

// diff of the example's run against one with --medical-trend 0.1: that
// assumption, and results and models that follow from it; no input, no
// other assumption, no build.
func TestRecordDiff(t *testing.T) {
	dir := t.TempDir()
	book := copyBook(t, dir)
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if code, _, e := run(t, "simulate", book, "--record", a); code != ExitOK {
		t.Fatalf("simulate: exit %d %s", code, e)
	}
	if code, _, e := run(t, "calibrate", book, "--record", a, "--force", "--sims", "2000"); code != ExitOK {
		t.Fatalf("calibrate: exit %d %s", code, e)
	}
	if code, _, e := run(t, "calibrate", book, "--record", b, "--medical-trend", "0.1", "--sims", "2000"); code != ExitOK {
		t.Fatalf("calibrate: exit %d %s", code, e)
	}
	code, out, _ := run(t, "diff", a, b, "--format", "json")
	if code != ExitOK {
		t.Fatalf("diff: exit %d", code)
	}
	var d report.RecordDiff
	decodeJSON(t, out, &d)
	moved := map[string]bool{}
	for _, c := range d.Changes {
		switch c.Section {
		case "assumptions":
			if !strings.HasPrefix(c.Path, "medical_trend.") {
				t.Errorf("assumption changed: %+v", c)
			}
			moved["assumption"] = true
		case "result":
			if strings.HasPrefix(c.Path, "plans[") && strings.HasSuffix(c.Path, "].recommended_contribution") {
				moved["recommendation"] = true
			}
		case "models":
		default:
			t.Errorf("%s changed: %+v", c.Section, c)
		}
	}
	if !moved["assumption"] || !moved["recommendation"] {
		t.Errorf("diff shows %v:\n%s", moved, out)
	}
	if code, out, _ := run(t, "diff", a, a); code != ExitOK || !strings.Contains(out, "均相同") {
		t.Errorf("a record against itself: exit %d\n%s", code, out)
	}
	// The table: that assumption and the moved recommendations, a row each,
	// and nothing else listed; the models' values and the result's other
	// figures counted. --all lists them, a line each.
	code, out, _ = run(t, "diff", a, b, "--lang", "en")
	if code != ExitOK {
		t.Fatalf("diff table: exit %d\n%s", code, out)
	}
	rows := 0
	recs := 0
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || (f[0] != "assumptions" && f[0] != "result" && f[0] != "models" && f[0] != "inputs" && f[0] != "build") {
			continue
		}
		rows++
		switch {
		case f[0] == "assumptions" && strings.HasPrefix(f[1], "medical_trend."):
		case f[0] == "result" && strings.HasSuffix(f[1], "].recommended_contribution"):
			recs++
		default:
			t.Errorf("diff table lists %q", line)
		}
	}
	if rows < 4 || recs == 0 || !strings.Contains(out, "values of the models (") || !strings.Contains(out, "figures of the") {
		t.Errorf("diff table:\n%s", out)
	}
	if code, all, _ := run(t, "diff", a, b, "--all", "--lang", "en"); code != ExitOK || !strings.Contains(all, "\nmodels\n  plans[") ||
		!strings.Contains(all, "  medical_trend.value: \"0.06\" → \"0.1\"") || strings.Count(all, "\n") < 100 {
		t.Errorf("diff --all: exit %d\n%s", code, all)
	}
	for _, lang := range []string{"zh", "en"} {
		for _, all := range []string{"--all=false", "--all"} {
			_, out, errOut := run(t, "diff", a, b, all, "--lang", lang)
			checkLanguage(t, "diff "+all, lang, out+errOut)
		}
	}
	if code, _, _ := run(t, "diff", a, b, "--all", "--format", "json"); code != ExitInput {
		t.Errorf("diff --all --format json: exit %d, want a usage error", code)
	}
}

// A scenarios run writes its audit record (beside -o, or --record): the
// book and the scenario file hashed; verify replays the batch (exit 0) and
// names the scenario file once it changes (exit 4).
func TestScenariosRecord(t *testing.T) {
	dir := t.TempDir()
	book := copyBook(t, dir)
	sc := filepath.Join(dir, "s.yaml")
	yaml := "scenarios:\n  - name: trend\n    fund: {medical_trend: 0.10}\n  - name: cap\n    plans: {hospital: {annual_cap: 40000}}\n"
	if err := os.WriteFile(sc, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "cmp.xlsx")
	if code, _, e := run(t, "scenarios", book, "--file", sc, "--sims", "200", "-o", out); code != ExitOK {
		t.Fatalf("scenarios: exit %d %s", code, e)
	}
	rec := filepath.Join(dir, "cmp.record.json")
	r, err := record.Read(rec)
	if err != nil {
		t.Fatal(err)
	}
	if r.Action != "scenarios" || len(r.Inputs) != 2 || r.Inputs[1].Role != "scenarios" || len(r.Assumptions) == 0 || len(r.Models) == 0 {
		t.Errorf("record: action %s, inputs %+v, %d assumptions", r.Action, r.Inputs, len(r.Assumptions))
	}
	if code, out, e := run(t, "verify", rec); code != ExitOK {
		t.Errorf("verify of a fresh scenarios record: exit %d\n%s%s", code, out, e)
	}
	if err := os.WriteFile(sc, []byte(yaml+"# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, o, _ := run(t, "verify", rec, "--format", "json")
	var v report.Verification
	decodeJSON(t, o, &v)
	if code != ExitDiffers || len(v.Changed) != 1 || v.Changed[0] != sc {
		t.Errorf("a changed scenario file: exit %d, changed %v", code, v.Changed)
	}
}
