package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
)

// diff's table lists the build, inputs, assumptions and recommendations and
// counts the rest (the plans of the models named); --all lists every change
// a line each under its section.
func TestRecordDiffHeadlines(t *testing.T) {
	ch := func(sec, path, old, new string) RecordChange {
		return RecordChange{Section: sec, Change: record.Change{Path: path, Old: old, New: new}}
	}
	d := &RecordDiff{Old: "a.json", New: "b.json", Changes: []RecordChange{
		ch("inputs", "book.xlsx.sha256", `"aa"`, `"bb"`),
		ch("assumptions", "medical_trend.value", `"0.06"`, `"0.1"`),
		ch("models", "plans[hospital].benefits[0].frequency.mu", "0.05", "0.06"),
		ch("models", "plans[fire].benefits[0].severity.aic", "10", "11"),
		ch("models", "plans[fire].benefits[0].severity.message", `"a"`, `"b"`),
		ch("result", "plans[hospital].recommended_contribution", `"49.00"`, `"52.00"`),
		ch("result", "plans[fire].cap.recommended", `"100"`, `"90"`),
		ch("result", "plans[hospital].expected_benefits", `"1.00"`, `"2.00"`),
		ch("result", "fund.planned_draw", `"0.00"`, `"5.00"`),
		ch("result", "feasible", "true", "false"),
	}}
	want := map[string]bool{"book.xlsx.sha256": true, "medical_trend.value": true, "plans[hospital].recommended_contribution": true,
		"plans[fire].cap.recommended": true, "fund.planned_draw": true, "feasible": true}
	for _, c := range d.Changes {
		if c.Headline() != want[c.Path] {
			t.Errorf("%s: headline %v", c.Path, c.Headline())
		}
	}
	var b bytes.Buffer
	if err := d.Table(&b, i18n.En); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"medical_trend.value", "plans[fire].cap.recommended", "2 values of the models (hospital, fire)", "1 figures of the result",
		"and 1 fitting messages", "no"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "frequency.mu") || strings.Contains(out, "expected_benefits") {
		t.Errorf("table lists a change that follows:\n%s", out)
	}
	d.All = true
	b.Reset()
	if err := d.Table(&b, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "模型\n  plans[hospital].benefits[0].frequency.mu: 0.05 → 0.06\n") || !strings.Contains(out, "  feasible: 是 → 否\n") {
		t.Errorf("--all:\n%s", out)
	}
}
