package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/scenario"
	"github.com/xuri/excelize/v2"
)

const exampleBook = "../../examples/example.xlsx"

// termsBook writes a copy of the example book whose Plans sheet gives
// hospital an annual cap of 40,000: calibrate's --terms with the same term
// a scenario sets.
func termsBook(t *testing.T) string {
	t.Helper()
	f, err := excelize.OpenFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("计划")
	if err != nil {
		t.Fatal(err)
	}
	col, row := -1, -1
	for j, h := range rows[0] {
		if strings.Contains(h, "(annual_cap)") {
			col = j
		}
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == "hospital" {
			row = i
		}
	}
	if col < 0 || row < 0 {
		t.Fatalf("no annual_cap column or hospital row in %v", rows[0])
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
	if err := f.SetCellValue("计划", cell, 40000); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "terms.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func calJSON(t *testing.T, c *report.Calibration) string {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Each scenario's numbers equal a single calibrate run with the same
// overrides, to the byte of calibrate's JSON: a Fund key (one the fit reads,
// so refitted), a Plans term (against --terms with the term changed), a
// lever (against --fix contributions --lever annual_cap) and a shock
// (against calibrate's core on the book's models with the same factors —
// calibrate has no flag for a shock).
func TestScenariosEqualCalibrate(t *testing.T) {
	if testing.Short() {
		t.Skip("eight calibrations of the example book")
	}
	file := filepath.Join(t.TempDir(), "s.yaml")
	yaml := `scenarios:
  - name: trend
    fund: {medical_trend: 10%, max_change: 0.3}
  - name: cap
    plans: {hospital: {annual_cap: 40000}}
  - name: lever
    lever: caps
    lever_term: annual_cap
  - name: shock
    shocks: {incidence: {hospital: 0.3}, severity: 0.05, enrolment: -15%}
`
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	const paths = 500
	// Three workers: the four scenarios run concurrently, sharing the
	// batch's fit and plan cache.
	s, err := Scenarios(ScenariosOptions{File: exampleBook, Scenarios: file, Paths: paths, Seed: DefaultSeed, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]report.ScenarioResult{}
	for _, x := range s.Scenarios {
		got[x.Name] = x
	}
	base := CalibrateOptions{File: exampleBook, Paths: paths, Seed: DefaultSeed}
	single := func(f func(o *CalibrateOptions)) string {
		o := base
		o.Override = map[string]string{}
		f(&o)
		c, err := Calibrate(o)
		if c == nil {
			t.Fatal(err)
		}
		return calJSON(t, c)
	}
	want := map[string]string{
		"trend": single(func(o *CalibrateOptions) { o.Override["medical_trend"], o.Override["max_change"] = "10%", "0.3" }),
		"cap":   single(func(o *CalibrateOptions) { o.Terms = termsBook(t) }),
		"lever": single(func(o *CalibrateOptions) { o.Fix, o.Lever = "contributions", "annual_cap" }),
	}
	m, err := LoadModels(exampleBook, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Scenario.Incidence = map[string]float64{"hospital": 1.3}
	m.Scenario.Severity = map[string]float64{}
	for _, p := range m.Plans {
		m.Scenario.Severity[p.Terms.Plan] = 1.05
	}
	m.Scenario.Enrolment = 0.85
	c, err := calibrateModels(m, base)
	if c == nil {
		t.Fatal(err)
	}
	want["shock"] = calJSON(t, c)
	for name, w := range want {
		g := calJSON(t, got[name].Calibration)
		if g != w {
			t.Errorf("scenario %s differs from the single calibrate run:\nscenario %.400s\nsingle   %.400s", name, g, w)
		}
	}
	if !got["trend"].Refit || got["cap"].Refit || got["shock"].Refit {
		t.Errorf("refit: trend %v cap %v shock %v; want only trend", got["trend"].Refit, got["cap"].Refit, got["shock"].Refit)
	}
	// The shock changes the numbers: the comparison is not between two base runs.
	if want["shock"] == want["lever"] || strings.Contains(want["shock"], `"expected_benefits":"18930582.17"`) {
		t.Error("the shocked calibration equals the base one")
	}
	// Byte-identical output run after run, and for any number of workers
	// (this run one scenario at a time).
	s2, err := Scenarios(ScenariosOptions{File: exampleBook, Scenarios: file, Paths: paths, Seed: DefaultSeed, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := report.WriteJSON(&a, s); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteJSON(&b, s2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs differ (three workers and one)")
	}
}

// A scenario file naming what the book has not (a plan, a Fund key, a
// Plans column) is a scenario-file error (exit 2) listing every line.
func TestScenarioFileChecked(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	yaml := `scenarios:
  - name: a
    fund: {no_such_key: 1}
  - name: b
    plans: {dental: {annual_cap: 1}, hospital: {annual_cap: -5}}
  - name: c
    shocks: {incidence: {dental: 0.1}}
`
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Scenarios(ScenariosOptions{File: exampleBook, Scenarios: file, Paths: 500})
	var fe *ScenarioFileError
	if !errors.As(err, &fe) || !errors.Is(err, scenario.ErrFile) {
		t.Fatalf("got %v, want a scenario file error", err)
	}
	var lines []int
	for _, p := range fe.Problems {
		lines = append(lines, p.Line)
	}
	if len(lines) != 4 || lines[0] != 3 || lines[1] != 5 || lines[2] != 5 || lines[3] != 7 {
		t.Errorf("problems at lines %v, want [3 5 5 7]: %v", lines, fe)
	}
}

// benchScenarioFile writes n scenarios of every kind for the example book:
// policy keys (no refit), Plans terms, shocks, levers, and every tenth a
// medical trend (a refit).
func benchScenarioFile(b *testing.B, n int) string {
	var y strings.Builder
	y.WriteString("scenarios:\n")
	for i := range n {
		fmt.Fprintf(&y, "  - name: s%02d\n", i)
		switch i % 10 {
		case 0:
			fmt.Fprintf(&y, "    fund: {medical_trend: %g}\n", 0.04+0.002*float64(i))
		case 1, 2:
			fmt.Fprintf(&y, "    fund: {max_change: %g}\n", 0.1+0.01*float64(i))
		case 3, 4:
			fmt.Fprintf(&y, "    plans: {hospital: {annual_cap: %d}}\n", 30000+1000*i)
		case 5, 6:
			fmt.Fprintf(&y, "    shocks: {incidence: {hospital: %g}}\n", 0.01*float64(i))
		case 7:
			fmt.Fprintf(&y, "    shocks: {enrolment: %g}\n", -0.005*float64(i))
		case 8:
			y.WriteString("    lever: caps\n")
		case 9:
			fmt.Fprintf(&y, "    fund: {target_deficit_probability: %g}\n", 0.01+0.001*float64(i))
		}
	}
	p := filepath.Join(b.TempDir(), "bench.yaml")
	if err := os.WriteFile(p, []byte(y.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// benchN is the number of scenarios of BenchmarkScenarios40 (fewer when profiling).
var benchN = 40

// BenchmarkScenarios40: the 40 scenarios of examples/scenarios-40.yaml on
// the example book, calibrated, with the default 20,000-path projection
// (docs/benchmarks.md); benchN other than 40 generates scenarios of the
// same kinds.
func BenchmarkScenarios40(b *testing.B) {
	file := "../../examples/scenarios-40.yaml"
	if benchN != 40 {
		file = benchScenarioFile(b, benchN)
	}
	for b.Loop() {
		if _, err := Scenarios(ScenariosOptions{File: exampleBook, Scenarios: file, Paths: 20000, Seed: DefaultSeed}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSensitivityDefault: the tornado's default set on the example
// book (18 assumptions, 37 calibrations).
func BenchmarkSensitivityDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Sensitivity(SensitivityOptions{File: exampleBook, Paths: 1000, Seed: DefaultSeed}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalibrateOne: one calibrate of the example book (read, fit,
// calibrate), the unit the batch's cost is counted in.
func BenchmarkCalibrateOne(b *testing.B) {
	for b.Loop() {
		if _, err := Calibrate(CalibrateOptions{File: exampleBook, Paths: 20000, Seed: DefaultSeed}); err != nil {
			b.Fatal(err)
		}
	}
}
