package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// The tornado's plan columns (terminal and Excel) and the stress test's
// recommended contributions name the plans: their names from the Plans
// sheet in Chinese; in English a Chinese name gives way to the key and an
// English one is kept. The CSV keeps the keys in every language.
func TestSensitivityAndStressNamePlans(t *testing.T) {
	line := func(a, b string) SensLine {
		return SensLine{RequiredNet: "100.00", Income: "120.00", Plans: []SensPlan{{Plan: "hospital", Name: "住院医疗", Recommended: a, Required: a},
			{Plan: "fire", Name: "Home fire", Recommended: b, Required: b}}}
	}
	s := &Sensitivity{File: "book.xlsx", Base: line("35.00", "10.00"),
		Items: []SensItem{{Key: "medical_trend", Low: "0.04", High: "0.08", LowChange: "-2.00", HighChange: "2.00", Width: "4.00", Feasible: true,
			LowLine: line("34.00", "10.00"), HighLine: line("36.00", "11.00")}}}
	st := &Stress{File: "book.xlsx", Year: 2026, Feasible: true, Plans: []string{"hospital", "fire"}, Names: []string{"住院医疗", "Home fire"},
		Recommended: map[string]string{"hospital": "35.00", "fire": "10.00"}}
	for _, c := range []struct {
		l          i18n.Lang
		want, not  []string
		stressLine string
	}{
		{i18n.Zh, []string{"住院医疗", "Home fire"}, []string{"hospital"}, "住院医疗 35.00，Home fire 10.00"},
		{i18n.En, []string{"hospital", "Home fire"}, []string{"住院医疗"}, "hospital 35.00, Home fire 10.00"},
	} {
		var b bytes.Buffer
		if err := s.Table(&b, c.l); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: tornado table lacks %q:\n%s", c.l, w, out)
			}
		}
		for _, w := range c.not {
			if strings.Contains(out, w) {
				t.Errorf("%s: tornado table shows %q:\n%s", c.l, w, out)
			}
		}
		b.Reset()
		if err := s.Excel(&b, c.l); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetName(0))
		f.Close()
		if h := rows[0]; len(h) != 8 || h[6] != c.want[0] || h[7] != "Home fire" {
			t.Errorf("%s: tornado workbook headings %q", c.l, h)
		}
		b.Reset()
		if err := st.Table(&b, c.l); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), c.stressLine) {
			t.Errorf("%s: stress table lacks %q:\n%s", c.l, c.stressLine, b.String())
		}
	}
	var b bytes.Buffer
	if err := s.CSV(&b, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ",hospital,recommended_contribution,") || strings.Contains(b.String(), "住院医疗") {
		t.Errorf("tornado CSV does not keep the keys:\n%s", b.String())
	}
}
