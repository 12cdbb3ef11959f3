package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
)

// Verification is what `huzhu verify` found: whether every input still
// matches its hash and whether the replayed run equals the record.
type Verification struct {
	Record    string          `json:"record"`
	Action    string          `json:"action"`
	Recorded  record.Build    `json:"recorded_build"`
	Now       record.Build    `json:"build"`
	Inputs    []record.Input  `json:"inputs"`
	Changed   []string        `json:"changed_inputs,omitempty"` // paths of the inputs whose content no longer matches (the run is then not replayed)
	Identical bool            `json:"identical"`
	Changes   []record.Change `json:"changes"` // models.… and result.… paths that differ
}

func (v *Verification) JSON() any { return v }

func (v *Verification) CSV(w io.Writer, l i18n.Lang) error {
	t := &Table{Columns: []Column{{Key: "path"}, {Key: "old"}, {Key: "new"}}}
	for _, c := range v.Changes {
		t.Add(c.Path, c.Old, c.New)
	}
	return t.WriteCSV(w)
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func buildText(b record.Build) string {
	s := b.Version
	if b.Commit != "" {
		s += " " + short(b.Commit)
		if b.Modified {
			s += "+"
		}
	}
	return s
}

func (v *Verification) Table(w io.Writer, l i18n.Lang) error {
	fmt.Fprintln(w, l.T("verify.head", v.Record, v.Action, buildText(v.Recorded), buildText(v.Now)))
	t := &Table{Columns: []Column{Col("role", "col.role"), Col("path", "col.path"), Col("sha256", "col.sha256"), Col("status", "col.status")}}
	for _, in := range v.Inputs {
		st := l.T("verify.input_same")
		if slices.Contains(v.Changed, in.Path) {
			st = l.T("verify.input_changed")
		}
		t.Add(l.T("role."+in.Role), in.Path, short(in.SHA256), st)
	}
	if err := t.Render(w, l); err != nil {
		return err
	}
	switch {
	case len(v.Changed) > 0:
		_, err := fmt.Fprintln(w, l.T("verify.not_replayed"))
		return err
	case v.Identical:
		_, err := fmt.Fprintln(w, l.T("verify.identical"))
		return err
	}
	fmt.Fprintln(w, l.T("verify.different", len(v.Changes)))
	return changesTable(l, v.Changes, nil).Render(w, l)
}

// RecordChange is one difference between two records, in a section:
// build, inputs, assumptions, models or result.
type RecordChange struct {
	Section string `json:"section"`
	record.Change
}

// RecordDiff is what `huzhu diff` found between two records.
type RecordDiff struct {
	Old        string         `json:"old"`
	New        string         `json:"new"`
	OldCommand []string       `json:"old_command,omitempty"` // the command lines, when they differ
	NewCommand []string       `json:"new_command,omitempty"`
	Changes    []RecordChange `json:"changes"`
	// All lists every change in the table (--all); else the table lists the
	// headline changes (Headline) and counts the rest.
	All bool `json:"-"`
}

func (d *RecordDiff) JSON() any { return d }

// recommendation is a result's path that holds a recommendation: a plan's
// recommended contribution or benefit term.
var recommendation = regexp.MustCompile(`^plans\[[^\]]+\]\.(?:recommended_contribution|cap\.recommended)$`)

// Headline says whether diff's table lists a change without --all: every
// change of the build, the inputs and the assumptions, and of the result the
// recommendations (each plan's recommended contribution or benefit term),
// the planned reserve draw and whether the target was met. The rest — the
// models and the figures that follow — is counted.
func (c RecordChange) Headline() bool {
	switch c.Section {
	case "build", "inputs", "assumptions":
		return true
	case "result":
		return recommendation.MatchString(c.Path) || c.Path == "fund.planned_draw" || c.Path == "feasible"
	}
	return false
}

// planOf is the plan key a path starts with (plans[KEY]…), else "".
func planOf(path string) string {
	if rest, ok := strings.CutPrefix(path, "plans["); ok {
		if k, _, ok := strings.Cut(rest, "]"); ok {
			return k
		}
	}
	return ""
}

func (d *RecordDiff) CSV(w io.Writer, l i18n.Lang) error {
	t := &Table{Columns: []Column{{Key: "section"}, {Key: "path"}, {Key: "old"}, {Key: "new"}}}
	for _, c := range d.Changes {
		t.Add(c.Section, c.Path, c.Old, c.New)
	}
	return t.WriteCSV(w)
}

// changeValue is a changed value for the table in l: a source of an
// assumption, a role of an input and true/false in words, other values as
// they are in the record (JSON).
func changeValue(l i18n.Lang, path, v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		for suffix, prefix := range map[string]string{".source": "assumption_source.", ".role": "role."} {
			if strings.HasSuffix(path, suffix) {
				if _, ok := i18n.Lookup(prefix + s); ok {
					return l.T(prefix + s)
				}
			}
		}
	}
	switch v {
	case "":
		return "—" // absent on that side
	case "true":
		return l.T("yes")
	case "false":
		return l.T("no")
	}
	return v
}

// changesTable lists changes (their sections when sections is not nil) with
// their values for l.
func changesTable(l i18n.Lang, cs []record.Change, sections []string) *Table {
	t := &Table{Columns: []Column{Col("path", "col.path"), Col("old", "col.old"), Col("new", "col.new")}, Whole: true}
	if sections != nil {
		t.Columns = append([]Column{Col("section", "col.section")}, t.Columns...)
	}
	for i, c := range cs {
		if sections != nil {
			t.Add(sections[i], c.Path, clipText(changeValue(l, c.Path, c.Old)), clipText(changeValue(l, c.Path, c.New)))
		} else {
			t.Add(c.Path, clipText(changeValue(l, c.Path, c.Old)), clipText(changeValue(l, c.Path, c.New)))
		}
	}
	return t
}

// clipText keeps a long JSON value to one readable cell.
func clipText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

func (d *RecordDiff) Table(w io.Writer, l i18n.Lang) error {
	fmt.Fprintln(w, l.T("diff.head", d.Old, d.New))
	if d.OldCommand != nil {
		fmt.Fprintln(w, l.T("diff.commands", strings.Join(d.OldCommand, " "), strings.Join(d.NewCommand, " ")))
	}
	if len(d.Changes) == 0 {
		_, err := fmt.Fprintln(w, l.T("diff.none"))
		return err
	}
	// The fits' messages and reasons (English words of the fitting) follow
	// their numbers: the table counts them, the JSON lists them. Without
	// --all the table lists the headline changes and counts the others.
	var cs []record.Change
	var secs []string
	texts, models, results := 0, 0, 0
	var plans []string
	for _, c := range d.Changes {
		if strings.HasSuffix(c.Path, ".message") || strings.HasSuffix(c.Path, ".reason") {
			texts++
			continue
		}
		if !d.All && !c.Headline() {
			if c.Section == "models" {
				models++
				if p := planOf(c.Path); p != "" && !slices.Contains(plans, p) {
					plans = append(plans, p)
				}
			} else {
				results++
			}
			continue
		}
		cs, secs = append(cs, c.Change), append(secs, l.T("section."+c.Section))
	}
	switch {
	case d.All:
		// Every change, a line each under its section's name: a path and its
		// values read across, whatever their widths.
		for i, c := range cs {
			if i == 0 || secs[i] != secs[i-1] {
				fmt.Fprintln(w, secs[i])
			}
			fmt.Fprintf(w, "  %s: %s → %s\n", c.Path, clipText(changeValue(l, c.Path, c.Old)), clipText(changeValue(l, c.Path, c.New)))
		}
	case len(cs) > 0:
		if err := changesTable(l, cs, secs).Render(w, l); err != nil {
			return err
		}
	}
	var more []string
	if models > 0 {
		more = append(more, l.T("diff.more_models", models, strings.Join(plans, listSep(l))))
	}
	if results > 0 {
		more = append(more, l.T("diff.more_result", results))
	}
	if len(more) > 0 {
		fmt.Fprintln(w, l.T("diff.more", strings.Join(more, listSep(l))))
	}
	if texts > 0 {
		_, err := fmt.Fprintln(w, l.T("diff.texts", texts))
		return err
	}
	return nil
}

func listSep(l i18n.Lang) string {
	if l == i18n.En {
		return ", "
	}
	return "、"
}
