package scenario

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

const example = `# 示例
base:
  fund: {expense_ratio: 0.05}
scenarios:
  - name: 医疗费用上涨10%
    fund: {medical_trend: 0.10}
  - name: 住院年度封顶4万
    plans:
      hospital: {annual_cap: 40000}
  - name: 参保人数减少15%
    shocks: {enrolment: -15%, incidence: {hospital: 0.3, all: 0.1}, severity: 0.05}
  - name: 动用储备金200万
    fund: {planned_reserve_draw: 2000000}
    lever: reserve
  - name: caps
    lever: caps
    lever_term: annual_cap
`

func TestParseExample(t *testing.T) {
	f, err := Parse([]byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Base.Fund) != 1 || f.Base.Fund[0] != (Setting{Key: "expense_ratio", Value: "0.05", Line: 3}) {
		t.Errorf("base %+v", f.Base)
	}
	if len(f.Scenarios) != 5 {
		t.Fatalf("%d scenarios", len(f.Scenarios))
	}
	s := f.Scenarios
	if s[0].Name != "医疗费用上涨10%" || s[0].Fund[0].Key != "medical_trend" || s[0].Fund[0].Value != "0.10" || s[0].Line != 5 {
		t.Errorf("scenario 1 %+v", s[0])
	}
	if p := s[1].Plans; len(p) != 1 || p[0].Plan != "hospital" || p[0].Settings[0] != (Setting{Key: "annual_cap", Value: "40000", Line: 9}) {
		t.Errorf("scenario 2 %+v", s[1].Plans)
	}
	if s[2].Enrolment != -0.15 || len(s[2].Incidence) != 2 || s[2].Incidence[0] != (Shock{Plan: "hospital", Change: 0.3, Line: 11}) ||
		s[2].Incidence[1].Plan != "" || s[2].Severity[0].Change != 0.05 || s[2].Severity[0].Plan != "" {
		t.Errorf("scenario 3 %+v", s[2])
	}
	if s[3].Lever != "reserve" || s[4].Lever != "caps" || s[4].LeverTerm != "annual_cap" {
		t.Errorf("levers %q %q %q", s[3].Lever, s[4].Lever, s[4].LeverTerm)
	}
}

// Every problem is reported at once, with its line, in both languages.
func TestParseProblems(t *testing.T) {
	src := `scenarios:
  - name: a
    fundd: {medical_trend: 0.1}
  - name: a
    lever: everything
  - fund: {x: [1, 2]}
  - name: c
    shocks: {enrolment: -1.5, incidence: {hospital: abc}, weather: 1}
  - name: d
    lever_term: annual_cap
`
	_, err := Parse([]byte(src))
	var ps Problems
	if !errors.As(err, &ps) || !errors.Is(err, ErrFile) {
		t.Fatalf("err %v", err)
	}
	want := []struct {
		line int
		en   string
	}{
		{3, `unknown key "fundd"`},
		{5, `lever is "everything"`},
		{4, `scenario name "a" repeats line 2`},
		{6, "x must be a single value"},
		{6, "the scenario has no name"},
		{8, `enrolment is "-1.5"`},
		{8, `incidence.hospital is "abc"`},
		{8, `unknown key "weather"`},
		{9, "lever_term is used only with lever: caps"},
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(ps), len(want), err)
	}
	for _, w := range want {
		found := false
		for _, p := range ps {
			en, zh := p.Message(i18n.En), p.Message(i18n.Zh)
			if p.Line == w.line && strings.Contains(en, w.en) {
				found = true
				if !hasHan(zh) || hasHan(en) || strings.Contains(zh, "[scen.") || strings.Contains(en, "[scen.") {
					t.Errorf("line %d: messages %q, %q", p.Line, zh, en)
				}
			}
		}
		if !found {
			t.Errorf("no problem at line %d with %q in:\n%v", w.line, w.en, err)
		}
	}
}

func TestParseNotYAML(t *testing.T) {
	for _, src := range []string{"", "scenarios: [", "- a\n- b\n", "scenarios: {}\n", "scenarios: []\n", "base: {}\n"} {
		if _, err := Parse([]byte(src)); !errors.Is(err, ErrFile) {
			t.Errorf("%q: err %v, want a scenario-file problem", src, err)
		}
	}
}

type fakeBook struct{}

func (fakeBook) Fund(k, v string) (any, bool) {
	if k == "medical_trend" {
		return nil, true
	}
	return i18n.N("scen.not_fund_key"), false
}
func (fakeBook) Plan(p string) bool { return p == "hospital" }
func (fakeBook) PlanTerm(p, k, v string) (any, bool) {
	return i18n.Name{Zh: "应为正数", En: "expected a positive amount"}, v != "-1"
}

func TestCheck(t *testing.T) {
	src := `base:
  fund: {medical_trend: 0.1, trend: 0.2}
scenarios:
  - name: a
    plans: {hospital: {annual_cap: -1}, dental: {annual_cap: 1}}
    shocks: {incidence: {dental: 0.1}}
`
	f, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	err = f.Check(fakeBook{})
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 4 {
		t.Fatalf("err %v", err)
	}
	lines := []int{ps[0].Line, ps[1].Line, ps[2].Line, ps[3].Line}
	if lines[0] != 2 || lines[1] != 5 || lines[2] != 5 || lines[3] != 6 {
		t.Errorf("lines %v:\n%v", lines, err)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// The example file in examples/ and the docs' examples parse.
func TestExampleFiles(t *testing.T) {
	b, err := os.ReadFile("../../examples/scenarios.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Scenarios) != 5 {
		t.Errorf("%d scenarios", len(f.Scenarios))
	}
	doc, err := os.ReadFile("../../docs/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(doc), "```yaml\n")[1:]
	if len(blocks) != 2 {
		t.Fatalf("%d YAML examples in docs/scenarios.md", len(blocks))
	}
	for _, blk := range blocks {
		if _, err := Parse([]byte(strings.SplitN(blk, "```", 2)[0])); err != nil {
			t.Errorf("docs example: %v", err)
		}
	}
}
