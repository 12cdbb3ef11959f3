// Package scenario reads scenario files: YAML documents that name what-if
// runs of calibrate or simulate on one book (docs/scenarios.md).
//
//	base: {}                                    # applied to every scenario
//	scenarios:
//	  - name: 医疗费用上涨10%
//	    fund: {medical_trend: 0.10}            # any Fund key
//	  - name: 住院年度封顶4万
//	    plans: {hospital: {annual_cap: 40000}} # any Plans column, per plan
//	  - name: 参保人数减少15%
//	    shocks: {enrolment: -0.15, incidence: {hospital: 0.3}, severity: {all: 0.1}}
//	  - name: 动用储备金200万
//	    fund: {planned_reserve_draw: 2000000}
//	    lever: contributions                   # or caps (with lever_term), reserve
//
// The reader checks the file's structure and reports every problem with its
// line; whether a Fund key, a Plans column or a plan exists is checked
// against the book by Check, with the checkers the caller gives.
package scenario

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"

	"go.yaml.in/yaml/v3"
)

// ErrFile is wrapped by every error about a scenario file's content.
var ErrFile = errors.New("scenario file")

// Setting is one key set to a value, as written (the value's text), with its
// line for messages.
type Setting struct {
	Key   string
	Value string
	Line  int
}

// PlanSettings are the Plans-column settings of one plan.
type PlanSettings struct {
	Plan     string
	Line     int
	Settings []Setting
}

// Shock is a relative change (−0.15 = 15% less) for one plan, or for all
// plans when Plan is "" (written `all` or `全部`).
type Shock struct {
	Plan   string
	Change float64
	Line   int
}

// Scenario is one what-if: overrides of Fund keys and Plans terms, shocks to
// the fitted experience, and the lever calibrate solves with.
type Scenario struct {
	Name string
	Line int
	Fund []Setting
	// Plans in the order written.
	Plans []PlanSettings
	// Enrolment is the relative change of every plan's members (0 = none).
	Enrolment float64
	// Incidence and Severity are relative changes of event rates and of
	// amounts, per plan or for all.
	Incidence, Severity []Shock
	// Lever is "", "contributions", "caps" or "reserve": what calibrate
	// solves (contributions = the contributions, calibrate's default; caps =
	// a benefit term per plan with contributions kept, LeverTerm or
	// annual_cap, as --fix contributions --lever; reserve = the reserve draw
	// alone, as --fix terms); "" keeps the base's, else contributions.
	Lever, LeverTerm string
}

// File is a scenario file: a base applied to every scenario, then the
// scenarios in order.
type File struct {
	Base      Scenario
	Scenarios []Scenario
}

// Problem is one problem of a scenario file, at a line: a message of the
// catalogue (internal/i18n, scen.*) with its arguments.
type Problem struct {
	Line int
	Text i18n.Note
}

// Problems are all problems found in a file; as an error it wraps ErrFile.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p.Message(i18n.En))
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrFile) hold.
func (ps Problems) Unwrap() error { return ErrFile }

// Message is the problem in l, with its line.
func (p Problem) Message(l i18n.Lang) string { return l.T("scen.at_line", p.Line, p.Text) }

// Levers are the lever names a scenario may give.
var Levers = []string{"contributions", "caps", "reserve"}

type parser struct{ probs Problems }

func (p *parser) add(line int, code string, args ...any) {
	p.probs = append(p.probs, Problem{Line: line, Text: i18n.N(code, args...)})
}

// Parse reads a scenario file. All problems are reported together, each with
// its line; the error is a Problems.
func Parse(data []byte) (*File, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			line = lineOf(te.Errors[0])
		} else {
			line = lineOf(err.Error())
		}
		// The parser's own words are English: told in English output only.
		return nil, Problems{{Line: line, Text: i18n.N("scen.yaml", i18n.Name{En: ": " + err.Error()})}}
	}
	p := &parser{}
	f := &File{}
	if len(doc.Content) == 0 {
		return nil, Problems{{Line: 1, Text: i18n.N("scen.empty_file")}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.add(root.Line, "scen.top_mapping")
		return nil, p.probs
	}
	seen := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "base":
			f.Base = p.scenario(v, true)
		case "scenarios":
			seen = true
			if v.Kind != yaml.SequenceNode {
				p.add(v.Line, "scen.list")
				continue
			}
			names := map[string]int{}
			for _, item := range v.Content {
				s := p.scenario(item, false)
				if s.Name != "" {
					if l, dup := names[s.Name]; dup {
						p.add(item.Line, "scen.duplicate_name", s.Name, l)
					}
					names[s.Name] = item.Line
				}
				f.Scenarios = append(f.Scenarios, s)
			}
		default:
			p.unknown(k, []string{"base", "scenarios"})
		}
	}
	if !seen && len(p.probs) == 0 {
		p.add(root.Line, "scen.missing_list")
	} else if seen && len(f.Scenarios) == 0 && len(p.probs) == 0 {
		p.add(root.Line, "scen.empty_list")
	}
	if len(p.probs) > 0 {
		return nil, p.probs
	}
	return f, nil
}

func (p *parser) unknown(k *yaml.Node, known []string) {
	p.add(k.Line, "scen.unknown_key", k.Value, i18n.Name{Zh: strings.Join(known, "、"), En: strings.Join(known, ", ")})
}

func (p *parser) scenario(n *yaml.Node, base bool) Scenario {
	s := Scenario{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "scen.scenario_mapping")
		return s
	}
	known := []string{"name", "fund", "plans", "shocks", "lever", "lever_term"}
	if base {
		known = known[1:]
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Value == "name" && !base:
			s.Name = p.scalar(v, "name")
		case k.Value == "fund":
			s.Fund = p.settings(v, "fund")
		case k.Value == "plans":
			s.Plans = p.plans(v)
		case k.Value == "shocks":
			p.shocks(v, &s)
		case k.Value == "lever":
			s.Lever = p.scalar(v, "lever")
			ok := false
			for _, l := range Levers {
				ok = ok || s.Lever == l
			}
			if !ok && s.Lever != "" {
				p.add(v.Line, "scen.lever", s.Lever, i18n.Name{Zh: strings.Join(Levers, "、"), En: strings.Join(Levers, ", ")})
			}
		case k.Value == "lever_term":
			s.LeverTerm = p.scalar(v, "lever_term")
		default:
			p.unknown(k, known)
		}
	}
	if !base && strings.TrimSpace(s.Name) == "" {
		p.add(n.Line, "scen.no_name")
	}
	if s.LeverTerm != "" && s.Lever != "caps" {
		p.add(n.Line, "scen.lever_term")
	}
	return s
}

func (p *parser) scalar(v *yaml.Node, what string) string {
	if v.Kind != yaml.ScalarNode {
		p.add(v.Line, "scen.scalar", what)
		return ""
	}
	return v.Value
}

func (p *parser) settings(v *yaml.Node, what string) []Setting {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "scen.mapping", what)
		return nil
	}
	var out []Setting
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, x := v.Content[i], v.Content[i+1]
		if l, dup := seen[k.Value]; dup {
			p.add(k.Line, "scen.duplicate_key", k.Value, l)
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, Setting{Key: k.Value, Value: p.scalar(x, k.Value), Line: k.Line})
	}
	return out
}

func (p *parser) plans(v *yaml.Node) []PlanSettings {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "scen.plans_mapping")
		return nil
	}
	var out []PlanSettings
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, x := v.Content[i], v.Content[i+1]
		out = append(out, PlanSettings{Plan: k.Value, Line: k.Line, Settings: p.settings(x, k.Value)})
	}
	return out
}

func (p *parser) shocks(v *yaml.Node, s *Scenario) {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "scen.shocks_mapping")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, x := v.Content[i], v.Content[i+1]
		switch k.Value {
		case "enrolment":
			s.Enrolment = p.change(x, "enrolment")
		case "incidence":
			s.Incidence = p.perPlan(x, "incidence")
		case "severity":
			s.Severity = p.perPlan(x, "severity")
		default:
			p.unknown(k, []string{"enrolment", "incidence", "severity"})
		}
	}
}

// change reads a relative change: a number above −1 (−0.15 = 15% less), or a
// percentage written with % (−15%).
func (p *parser) change(v *yaml.Node, what string) float64 {
	raw := strings.TrimSpace(p.scalar(v, what))
	if raw == "" {
		return 0
	}
	txt, scale := raw, 1.0
	if strings.HasSuffix(txt, "%") {
		txt, scale = strings.TrimSpace(strings.TrimSuffix(txt, "%")), 0.01
	}
	x, err := strconv.ParseFloat(txt, 64)
	x *= scale
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x <= -1 || x > 10 {
		p.add(v.Line, "scen.change", what, raw)
		return 0
	}
	return x
}

func (p *parser) perPlan(v *yaml.Node, what string) []Shock {
	if v.Kind == yaml.ScalarNode {
		return []Shock{{Change: p.change(v, what), Line: v.Line}}
	}
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "scen.shock_form", what)
		return nil
	}
	var out []Shock
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, x := v.Content[i], v.Content[i+1]
		plan := k.Value
		if plan == "all" || plan == "全部" {
			plan = ""
		}
		out = append(out, Shock{Plan: plan, Change: p.change(x, what+"."+k.Value), Line: k.Line})
	}
	return out
}

// lineOf finds "line N" in a YAML library message (0 when absent).
func lineOf(msg string) int {
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	n := 0
	for _, r := range msg[i+5:] {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// Checker says whether a setting is valid against the book: a Fund key and
// its value, or a plan's term and value; when not, why (a message rendered
// in the reader's language: an i18n.Note, Cause, …).
type Checker interface {
	Fund(key, value string) (why any, ok bool)
	Plan(plan string) bool
	PlanTerm(plan, key, value string) (why any, ok bool)
}

// Check checks every scenario of f (with the base) against the book through
// c, reporting all problems with their lines.
func (f *File) Check(c Checker) error {
	p := &parser{}
	for _, s := range append([]Scenario{f.Base}, f.Scenarios...) {
		for _, st := range s.Fund {
			if why, ok := c.Fund(st.Key, st.Value); !ok {
				p.add(st.Line, "scen.setting", "fund."+st.Key, why)
			}
		}
		for _, ps := range s.Plans {
			if !c.Plan(ps.Plan) {
				p.add(ps.Line, "scen.no_plan", ps.Plan)
				continue
			}
			for _, st := range ps.Settings {
				if why, ok := c.PlanTerm(ps.Plan, st.Key, st.Value); !ok {
					p.add(st.Line, "scen.setting", ps.Plan+"."+st.Key, why)
				}
			}
		}
		for _, sh := range append(append([]Shock{}, s.Incidence...), s.Severity...) {
			if sh.Plan != "" && !c.Plan(sh.Plan) {
				p.add(sh.Line, "scen.no_plan", sh.Plan)
			}
		}
	}
	if len(p.probs) > 0 {
		return p.probs
	}
	return nil
}
