package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/shopspring/decimal"
)

func widest(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, Width(l))
	}
	return n
}

// A table wider than the terminal drops its empty columns, then splits into
// stacked tables that repeat the leading (left-aligned) columns; --wide
// (width 0) keeps it whole.
func TestTableFitsWidth(t *testing.T) {
	tb := &Table{Title: "T", Columns: []Column{Col("plan", "col.plan"), Col("benefit", "col.benefit"), Col("empty", "col.cap")}}
	for i := 0; i < 8; i++ {
		tb.Columns = append(tb.Columns, Column{Key: "v" + string(rune('a'+i)), Text: "值" + string(rune('a'+i)), Align: Right})
	}
	for _, plan := range []string{"住院医疗", "意外伤害"} {
		cells := []string{plan, "medical", ""}
		for i := 0; i < 8; i++ {
			cells = append(cells, "123,456,789.00")
		}
		tb.Add(cells...)
	}
	render := func(width int) string {
		var b bytes.Buffer
		term := NewTerminal(&b, width)
		if err := tb.Render(term, i18n.Zh); err != nil {
			t.Fatal(err)
		}
		if err := term.Close(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	full, out := render(0), render(80)
	// 计划 8 + 给付类型 8 + 给付项（现行→建议） 19 + 8 columns of 14, two spaces apart.
	if w := widest(full); w != 8+8+19+8*14+10*2 {
		t.Errorf("full width %d:\n%s", w, full)
	}
	if !strings.Contains(full, "给付项") {
		t.Errorf("--wide left out the empty column:\n%s", full)
	}
	if w := widest(out); w > 80 {
		t.Errorf("fitted table %d columns wide:\n%s", w, out)
	}
	parts := strings.Count(out, "计划")
	if parts < 2 || strings.Count(out, "住院医疗") != parts || strings.Count(out, "medical") != 2*parts || strings.Count(out, "给付类型") != parts {
		t.Errorf("the leading columns are not repeated in each of %d parts:\n%s", parts, out)
	}
	if strings.Contains(out, "给付项") {
		t.Errorf("the empty column was kept:\n%s", out)
	}
	for i := 0; i < 8; i++ {
		if strings.Count(out, "值"+string(rune('a'+i))) != 1 {
			t.Errorf("column %d not printed once:\n%s", i, out)
		}
	}
	if strings.Count(out, "T\n") != 1 {
		t.Errorf("the title is not printed once:\n%s", out)
	}
}

// A column too wide for the line is wrapped within its cell.
func TestTableWrapsAWideColumn(t *testing.T) {
	tb := &Table{Columns: []Column{Col("k", ""), Col("text", "")}}
	tb.Add("a", strings.Repeat("word ", 40))
	var b bytes.Buffer
	term := NewTerminal(&b, 60)
	if err := tb.Render(term, i18n.En); err != nil {
		t.Fatal(err)
	}
	if err := term.Close(); err != nil {
		t.Fatal(err)
	}
	if w := widest(b.String()); w > 60 {
		t.Errorf("%d columns:\n%s", w, b.String())
	}
	if strings.Count(b.String(), "word") != 40 {
		t.Errorf("words lost:\n%s", b.String())
	}
}

// Lines of text are wrapped at a space or beside a Chinese character, never
// before closing punctuation, and lose no character.
func TestTerminalWrapsText(t *testing.T) {
	zh := strings.Repeat("基金入不敷出的概率，", 20)
	en := strings.Repeat("the chance of a shortfall ", 10)
	var b bytes.Buffer
	term := NewTerminal(&b, 40)
	_, _ = term.Write([]byte(zh + "\n" + en + "\nshort\n"))
	if err := term.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for _, l := range lines {
		if Width(l) > 40 {
			t.Errorf("line %d wide: %q", Width(l), l)
		}
		if strings.HasPrefix(strings.TrimSpace(l), "，") {
			t.Errorf("line begins with a comma: %q", l)
		}
	}
	joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
	if !strings.Contains(joined, strings.ReplaceAll(zh, " ", "")) || !strings.Contains(joined, strings.ReplaceAll(en, " ", "")) || lines[len(lines)-1] != "short" {
		t.Errorf("text changed by wrapping:\n%s", b.String())
	}
}

func TestPlainNumber(t *testing.T) {
	for in, want := range map[string]string{"1,234.50": "1234.50", "2.0%": "0.02", "-12.5%": "-0.125", "0.075%": "0.00075", "—": "", "8 classes": "8 classes", "2023": "2023", "-": "-"} {
		if got := plainNumber(in); got != want {
			t.Errorf("plainNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlanLabel(t *testing.T) {
	cases := []struct {
		l               i18n.Lang
		key, name, want string
	}{
		{i18n.Zh, "hospital", "住院医疗", "住院医疗"},
		{i18n.En, "hospital", "住院医疗", "hospital"},
		{i18n.En, "hospital", "Hospital plan", "Hospital plan"},
		{i18n.Zh, "hospital", "", "hospital"},
	}
	for _, c := range cases {
		if got := PlanLabel(c.l, c.key, c.name); got != c.want {
			t.Errorf("PlanLabel(%s, %s, %s) = %s, want %s", c.l, c.key, c.name, got, c.want)
		}
	}
}

// diff's table says an assumption's source, an input's role and true/false
// in the reader's language, not as the record's code words.
func TestChangeValueInWords(t *testing.T) {
	cases := []struct {
		l             i18n.Lang
		path, v, want string
	}{
		{i18n.Zh, "medical_trend.source", `"sheet"`, "工作表"},
		{i18n.Zh, "medical_trend.source", `"flag"`, "命令行参数"},
		{i18n.En, "medical_trend.source", `"flag"`, "flag"},
		{i18n.Zh, "trend_sd.source", `"estimated"`, "估计值"},
		{i18n.Zh, "feasible", "true", "是"},
		{i18n.Zh, "medical_trend.value", `"0.05"`, `"0.05"`},
		{i18n.Zh, "plan.source", `"nosuch"`, `"nosuch"`},
	}
	for _, c := range cases {
		if got := changeValue(c.l, c.path, c.v); got != c.want {
			t.Errorf("changeValue(%s, %s, %s) = %q, want %q", c.l, c.path, c.v, got, c.want)
		}
	}
}

// The infeasibility message says the same in both languages: the reserve
// figure is how much larger than today the reserve above the floor must be
// (plans/calibrate: needed), not a draw from it.
func TestInfeasibleSaysTheSameInBothLanguages(t *testing.T) {
	r := &calibrate.Result{Lever: calibrate.Reserve, Policy: calibrate.Policy{TargetDeficitProbability: 0.05}, PDeficitAfter: 0.2,
		NeededReserve: decimal.RequireFromString("412928")}
	c := &Calibration{Result: r}
	zh, en := c.Infeasible(i18n.Zh), c.Infeasible(i18n.En)
	for _, s := range []string{zh, en} {
		if !strings.Contains(s, "412,928.00") {
			t.Errorf("no figure in %q", s)
		}
	}
	if strings.Contains(zh, "动用 412") || !strings.Contains(zh, "储备金高于下限的部分比现有再增加 412,928.00 元") {
		t.Errorf("zh: %s", zh)
	}
	if !strings.Contains(en, "reserve above the floor larger than today's by 412,928.00 yuan") {
		t.Errorf("en: %s", en)
	}
	r.NeededDraw = decimal.RequireFromString("100000")
	zh, en = c.Infeasible(i18n.Zh), c.Infeasible(i18n.En)
	if !strings.Contains(zh, "计划动用储备金 100,000.00 元") || !strings.Contains(en, "a planned reserve draw of 100,000.00 yuan") ||
		!strings.Contains(zh, "比现有再增加 412,928.00") || !strings.Contains(en, "larger than today's by 412,928.00") {
		t.Errorf("draw and reserve:\n%s\n%s", zh, en)
	}
}
