package workbook

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// Cases of the reader that the mutation suite does not reach through a
// generated book: each is one of the ways real office files differ.

// A book saved by openpyxl with formulas and no calculated values
// (testdata/openpyxl-formulas.xlsx, made by scripts/openpyxl-formulas.py):
// every such cell is an error at its cell, a total row's formula a warning.
func TestOpenpyxlFormulas(t *testing.T) {
	_, probs, err := Read("testdata/openpyxl-formulas.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := "formula_without_value 参保!E3\nformula_without_value 给付明细!F3\nformula_without_value 基金!B2\n" +
		"total_without_value 参保!D4\ntotal_without_value 参保!E4"
	if got := problemsAt(probs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A number with a comma is read only when the comma separates thousands.
func TestCommaDecimal(t *testing.T) {
	money, _ := SheetByKey(SheetClaims).Column("cost")
	for raw, want := range map[string]string{"1,631.94": "1631.94", "1,234": "1234", "¥12,345,678.5": "12345678.5", "1，234.50": "1234.5",
		"50,5": "", "1631,94": "", "1.234,56": "", "1,23,456": "", ",123": "", "12,34": ""} {
		v, ok := parseCell(money, raw, false)
		if want == "" {
			if ok {
				t.Errorf("%q read as %v, want refused", raw, v.Dec)
			}
			if n := commaNote(raw); n == nil || n.In(i18n.En) == "" || n.In(i18n.Zh) == "" {
				t.Errorf("%q: no note about the comma", raw)
			}
			continue
		}
		if !ok || v.Dec.String() != want {
			t.Errorf("%q read as %v %v, want %s", raw, v.Dec, ok, want)
		}
	}
}

// A rate above 100% needs its percent sign; a plain 5 is refused and shown
// as 500%.
func TestRatePercentNumber(t *testing.T) {
	trend, _ := SheetByKey(SheetFund).Column("medical_trend")
	for raw, ok := range map[string]bool{"0.05": true, "5%": true, "150%": true, "-0.02": true, "5": false, "1.5": false, "2000%": false} {
		if _, got := parseCell(trend, raw, false); got != ok {
			t.Errorf("%q: accepted %v, want %v", raw, got, ok)
		}
	}
	p := badValue("基金", "基金!B4", trend, "5")
	if !strings.Contains(p.Text.In(i18n.En), "= 500%") || !strings.Contains(p.Text.In(i18n.Zh), "即 500%") {
		t.Errorf("message: %s / %s", p.Text.In(i18n.En), p.Text.In(i18n.Zh))
	}
}

// Date serials with a time of day, of any length, are dates; eight digits
// alone are yyyymmdd.
func TestDateSerialWithTime(t *testing.T) {
	d, _ := SheetByKey(SheetClaims).Column("event_date")
	// 45991 is 2025-11-30 (Excel, 1900 system).
	for raw, want := range map[string]string{"45991.25": "2025-11-30", "45991.5": "2025-11-30", "45991.999988426": "2025-11-30",
		"45991": "2025-11-30", "20251130": "2025-11-30", "2025.11.30": "2025-11-30"} {
		v, ok := parseCell(d, raw, false)
		if !ok || v.Date.Format(time.DateOnly) != want {
			t.Errorf("%q read as %v %v, want %s", raw, v.Date, ok, want)
		}
	}
}

// Absurd amounts are refused with the plausible bound in the message.
func TestPlausibleBounds(t *testing.T) {
	for _, tc := range []struct{ sheet, col, raw, bound string }{
		{SheetClaims, "cost", "1e15", "100000000"}, {SheetClaims, "days", "1000000000", "1100"},
		{SheetEnrolment, "members", "1e12", "100000000"}, {SheetPlans, "contribution", "5e6", "1000000"},
	} {
		c, _ := SheetByKey(tc.sheet).Column(tc.col)
		if _, ok := parseCell(c, tc.raw, false); ok {
			t.Errorf("%s %s: %s accepted", tc.sheet, tc.col, tc.raw)
		}
		p := badValue("s", "s!A1", c, tc.raw)
		if !strings.Contains(p.Text.In(i18n.En), "above "+tc.bound) || !strings.Contains(p.Text.In(i18n.Zh), "超过 "+tc.bound) {
			t.Errorf("%s: %s / %s", tc.col, p.Text.In(i18n.En), p.Text.In(i18n.Zh))
		}
	}
}

// Total labels, spaces inside included; a claim whose group is 合计 is a claim.
func TestTotalRows(t *testing.T) {
	for s, want := range map[string]bool{"合计": true, "合  计": true, "合　计": true, "总 计:": true, "Total": true, "小计": true, "合计金额": false, "hospital": false} {
		if IsTotalLabel(s) != want {
			t.Errorf("IsTotalLabel(%q) = %v", s, !want)
		}
	}
	s := goodBook()
	s[2].rows = append(s[2].rows, []any{"C3", 2025, "hospital", "M3", "medical", "2025-05-05", nil, 2, 3000, nil, 100},
		[]any{"合  计", nil, nil, nil, nil, nil, nil, nil, 11600, nil, 4100})
	s[2].rows[0] = append(s[2].rows[0], "group")
	s[2].rows[3] = append(s[2].rows[3], "合计")
	b, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	if probs.HasErrors() || len(b.Claims) != 3 || b.Claims[2].Group != "合计" {
		t.Fatalf("claims %+v\n%s", b.Claims, problemsAt(probs))
	}
	if got := problemsAt(probs); got != "" {
		t.Errorf("problems: %s", got)
	}
}

// Long texts are cut in messages: the first 80 characters and the length.
func TestClip(t *testing.T) {
	long := strings.Repeat("长", 3_000_000)
	c := clip(long)
	if want := strings.Repeat("长", 80) + "…(3000000 chars)"; c != want {
		t.Errorf("clip: %.60q…", c)
	}
	if clip("short") != "short" {
		t.Error("clip changed a short text")
	}
	col, _ := SheetByKey(SheetClaims).Column("claim_id")
	p := badValue("给付明细", "给付明细!A2", col, long)
	if len(p.Text.In(i18n.En)) > 600 || len(p.Text.In(i18n.Zh)) > 600 || len(p.Found) > 300 {
		t.Errorf("message of %d bytes", len(p.Text.In(i18n.En)))
	}
}

// Sheets are found by name, alias, and a name with a year or 表 around it;
// a look-alike of an absent sheet is an error with the name to use.
func TestSheetNames(t *testing.T) {
	for name, want := range map[string]string{"给付明细表": SheetClaims, "2025年给付明细": SheetClaims, "2025年度参保": SheetEnrolment,
		"给付明细 2025": SheetClaims, "计划表": SheetPlans, "基金参数表": SheetFund} {
		got := ""
		for _, s := range Sheets {
			if s.Matches(name) || s.MatchesLoosely(name) {
				got = s.Key
			}
		}
		if got != want {
			t.Errorf("%s read as %q, want %s", name, got, want)
		}
	}
	s := goodBook()
	s[2].name = "给付明细备份"
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	if got := problemsAt(probs); got != "unrecognised_sheet " {
		t.Errorf("got %q", got)
	}
	if !strings.Contains(probs[0].Text.In(i18n.En), "给付明细 (Claims)") {
		t.Errorf("no did-you-mean: %s", probs[0].Text.In(i18n.En))
	}
}

// A header whose look-alike column is already there is a warning; one that
// names nothing is a notice.
func TestUnknownColumns(t *testing.T) {
	s := goodBook()
	s[1].rows[0] = append(s[1].rows[0], "参保人数合计", "备注")
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	want := "unknown_column 参保!F1\nunknown_column 参保!G1"
	if got := problemsAt(probs); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if probs[0].Level != Warning || probs[1].Level != Notice {
		t.Errorf("levels %v %v", probs[0].Level, probs[1].Level)
	}
}

// A plan whose Plans row has an error in a field the other checks do not use
// (its contribution) is checked on every other sheet in the same run: a
// benefit its kind does not pay, shares above max_shares, a report before
// the event, a formula without a value.
func TestPlanRowErrorHidesNothing(t *testing.T) {
	s := goodBook()
	s[0].rows[1][3] = "fifty"
	s[1].rows[1][4] = 3000               // shares above members × max_shares
	s[1].rows[3][4] = 4100               // the total of shares
	s[2].rows[1][4] = "death"            // hospital pays no death benefit
	s[2].rows[1][6] = "2025-03-01"       // reported before the event
	s[2].rows[2][10] = formula("I3*0.1") // paid: a formula without value
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	want := "bad_value 计划!D2\nformula_without_value 给付明细!K3\nshares_above_max 参保!E2\n" +
		"benefit_not_allowed 给付明细!E2\nreport_before_event 给付明细!G2"
	if got := problemsAt(probs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A file error has a message in each language.
func TestFileErrorBilingual(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("\xD0\xCF\x11\xE0 old xls"), []byte("plan,kind\n")} {
		p := t.TempDir() + "/f.xlsx"
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := Read(p)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Text.In(i18n.Zh) == "" || !strings.Contains(fe.In(i18n.Zh), fe.Text.In(i18n.Zh)) || !strings.Contains(fe.In(i18n.En), fe.Text.In(i18n.En)) || han.MatchString(fe.In(i18n.En)) {
			t.Errorf("%q: %v", data, err)
		}
	}
}

// han finds a Chinese character.
var han = regexp.MustCompile(`\p{Han}`)

// noteIn is an optional note in l ("" for none).
func noteIn(n *i18n.Note, l i18n.Lang) string {
	if n == nil {
		return ""
	}
	return n.In(l)
}
