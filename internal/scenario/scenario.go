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
	"fmt"
	"math"
	"strconv"
	"strings"

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

// Problem is one problem of a scenario file, at a line.
type Problem struct {
	Line   int
	Zh, En string
}

// Problems are all problems found in a file; as an error it wraps ErrFile.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "line %d: %s", p.Line, p.En)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrFile) hold.
func (ps Problems) Unwrap() error { return ErrFile }

// Message is the problem in the language lang ("en" or Chinese otherwise).
func (p Problem) Message(lang string) string {
	if lang == "en" {
		return fmt.Sprintf("line %d: %s", p.Line, p.En)
	}
	return fmt.Sprintf("第 %d 行：%s", p.Line, p.Zh)
}

// Levers are the lever names a scenario may give.
var Levers = []string{"contributions", "caps", "reserve"}

type parser struct{ probs Problems }

func (p *parser) add(line int, zh, en string) {
	p.probs = append(p.probs, Problem{Line: line, Zh: zh, En: en})
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
		return nil, Problems{{Line: line, Zh: "不是有效的 YAML：" + err.Error(), En: "not valid YAML: " + err.Error()}}
	}
	p := &parser{}
	f := &File{}
	if len(doc.Content) == 0 {
		return nil, Problems{{Line: 1, Zh: "文件为空，应有 scenarios 列表", En: "the file is empty; expected a scenarios list"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.add(root.Line, "文件顶层应为映射（base、scenarios）", "the top level must be a mapping (base, scenarios)")
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
				p.add(v.Line, "scenarios 应为列表（每项以 - 开头）", "scenarios must be a list (items start with -)")
				continue
			}
			names := map[string]int{}
			for _, item := range v.Content {
				s := p.scenario(item, false)
				if s.Name != "" {
					if l, dup := names[s.Name]; dup {
						p.add(item.Line, fmt.Sprintf("情景名称 %q 与第 %d 行重复", s.Name, l), fmt.Sprintf("scenario name %q repeats line %d", s.Name, l))
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
		p.add(root.Line, "缺少 scenarios 列表", "the scenarios list is missing")
	} else if seen && len(f.Scenarios) == 0 && len(p.probs) == 0 {
		p.add(root.Line, "scenarios 列表为空", "the scenarios list is empty")
	}
	if len(p.probs) > 0 {
		return nil, p.probs
	}
	return f, nil
}

func (p *parser) unknown(k *yaml.Node, known []string) {
	p.add(k.Line, fmt.Sprintf("未知的键 %q，可用：%s", k.Value, strings.Join(known, "、")),
		fmt.Sprintf("unknown key %q; expected one of: %s", k.Value, strings.Join(known, ", ")))
}

func (p *parser) scenario(n *yaml.Node, base bool) Scenario {
	s := Scenario{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "情景应为映射（name、fund、plans、shocks、lever）", "a scenario must be a mapping (name, fund, plans, shocks, lever)")
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
				p.add(v.Line, fmt.Sprintf("lever 为 %q，应为 %s 之一", s.Lever, strings.Join(Levers, "、")),
					fmt.Sprintf("lever is %q; expected one of %s", s.Lever, strings.Join(Levers, ", ")))
			}
		case k.Value == "lever_term":
			s.LeverTerm = p.scalar(v, "lever_term")
		default:
			p.unknown(k, known)
		}
	}
	if !base && strings.TrimSpace(s.Name) == "" {
		p.add(n.Line, "情景缺少 name", "the scenario has no name")
	}
	if s.LeverTerm != "" && s.Lever != "caps" {
		p.add(n.Line, "lever_term 只与 lever: caps 一起使用", "lever_term is used only with lever: caps")
	}
	return s
}

func (p *parser) scalar(v *yaml.Node, what string) string {
	if v.Kind != yaml.ScalarNode {
		p.add(v.Line, fmt.Sprintf("%s 应为单个值", what), fmt.Sprintf("%s must be a single value", what))
		return ""
	}
	return v.Value
}

func (p *parser) settings(v *yaml.Node, what string) []Setting {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, fmt.Sprintf("%s 应为映射（键: 值）", what), fmt.Sprintf("%s must be a mapping (key: value)", what))
		return nil
	}
	var out []Setting
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, x := v.Content[i], v.Content[i+1]
		if l, dup := seen[k.Value]; dup {
			p.add(k.Line, fmt.Sprintf("键 %q 与第 %d 行重复", k.Value, l), fmt.Sprintf("key %q repeats line %d", k.Value, l))
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, Setting{Key: k.Value, Value: p.scalar(x, k.Value), Line: k.Line})
	}
	return out
}

func (p *parser) plans(v *yaml.Node) []PlanSettings {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "plans 应为映射（计划: {条款: 值}）", "plans must be a mapping (plan: {term: value})")
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
		p.add(v.Line, "shocks 应为映射（enrolment、incidence、severity）", "shocks must be a mapping (enrolment, incidence, severity)")
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
		p.add(v.Line, fmt.Sprintf("%s 为 %q，应为大于 -1 的相对变化（如 -0.15 或 -15%%）", what, raw),
			fmt.Sprintf("%s is %q; expected a relative change above -1 (e.g. -0.15 or -15%%)", what, raw))
		return 0
	}
	return x
}

func (p *parser) perPlan(v *yaml.Node, what string) []Shock {
	if v.Kind == yaml.ScalarNode {
		return []Shock{{Change: p.change(v, what), Line: v.Line}}
	}
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, fmt.Sprintf("%s 应为一个相对变化，或按计划的映射（计划: 变化；all 表示全部计划）", what),
			fmt.Sprintf("%s must be a relative change, or a mapping plan: change (all = every plan)", what))
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
// its value, or a plan's term and value; nil when valid, else an error whose
// text (English and Chinese) says what is expected.
type Checker interface {
	Fund(key, value string) (zh, en string, ok bool)
	Plan(plan string) bool
	PlanTerm(plan, key, value string) (zh, en string, ok bool)
}

// Check checks every scenario of f (with the base) against the book through
// c, reporting all problems with their lines.
func (f *File) Check(c Checker) error {
	p := &parser{}
	for _, s := range append([]Scenario{f.Base}, f.Scenarios...) {
		for _, st := range s.Fund {
			if zh, en, ok := c.Fund(st.Key, st.Value); !ok {
				p.add(st.Line, fmt.Sprintf("fund.%s：%s", st.Key, zh), fmt.Sprintf("fund.%s: %s", st.Key, en))
			}
		}
		for _, ps := range s.Plans {
			if !c.Plan(ps.Plan) {
				p.add(ps.Line, fmt.Sprintf("工作簿中没有计划 %q", ps.Plan), fmt.Sprintf("the book has no plan %q", ps.Plan))
				continue
			}
			for _, st := range ps.Settings {
				if zh, en, ok := c.PlanTerm(ps.Plan, st.Key, st.Value); !ok {
					p.add(st.Line, fmt.Sprintf("%s.%s：%s", ps.Plan, st.Key, zh), fmt.Sprintf("%s.%s: %s", ps.Plan, st.Key, en))
				}
			}
		}
		for _, sh := range append(append([]Shock{}, s.Incidence...), s.Severity...) {
			if sh.Plan != "" && !c.Plan(sh.Plan) {
				p.add(sh.Line, fmt.Sprintf("工作簿中没有计划 %q", sh.Plan), fmt.Sprintf("the book has no plan %q", sh.Plan))
			}
		}
	}
	if len(p.probs) > 0 {
		return p.probs
	}
	return nil
}
