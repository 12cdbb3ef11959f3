package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/shopspring/decimal"
)

func TestRenderAlignsChinese(t *testing.T) {
	tb := Table{Columns: []Column{Col("plan", "col.plan"), RCol("members", "col.members_enrolled")}}
	tb.Add("住院医疗", "1,234")
	tb.Add("hospital_cash", "56")
	var b bytes.Buffer
	if err := tb.Render(&b, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 lines, got %q", lines)
	}
	// Every line's display width is the same: the right column ends at one place.
	w := Width(lines[0])
	for _, l := range lines[1:] {
		if Width(l) != w {
			t.Errorf("line %q has width %d, want %d\n%s", l, Width(l), w, b.String())
		}
	}
	// "住院医疗" is 8 columns wide, "hospital_cash" 13: the first is padded by 5.
	if !strings.HasPrefix(lines[2], "住院医疗"+strings.Repeat(" ", 5)+"  ") {
		t.Errorf("Chinese cell not padded by display width: %q", lines[2])
	}
}

func TestCSVUsesKeysAndPlainNumbers(t *testing.T) {
	tb := Table{Columns: []Column{Col("plan", "col.plan"), Col("paid", "col.paid")}}
	tb.Add("住院医疗", "1,234,567.80")
	tb.Add("a,b", "12")
	var b bytes.Buffer
	if err := tb.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "plan,paid\n住院医疗,1234567.80\n\"a,b\",12\n"
	if b.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{Money(decimal.RequireFromString("1234567.805")), "1,234,567.81"},
		{Money(decimal.RequireFromString("-1000")), "-1,000.00"},
		{Money(decimal.RequireFromString("999.999")), "1,000.00"},
		{Yuan(decimal.RequireFromString("101697884")), "101,697,884"},
		{Int(3374730), "3,374,730"},
		{Int(-12), "-12"},
		{Float(math.NaN(), 2), "—"},
		{Float(1234.5678, 2), "1,234.57"},
		{Percent(0.0523, 2), "5.23%"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}
