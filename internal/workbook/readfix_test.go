package workbook

import (
	"fmt"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// problemsAt lists the problems as "code cell" lines, for comparison.
func problemsAt(ps Problems) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.Code+" "+p.Cell)
	}
	return strings.Join(lines, "\n")
}

// The opening reserve is reported once: a wrong value as a bad value at its
// cell (not also as missing), an empty value as required at its cell, an
// absent key as required on the sheet.
func TestReadOpeningReserveOnce(t *testing.T) {
	for _, tc := range []struct {
		name string
		row  []any
		want string
	}{
		{"in words", []any{"opening_reserve", "lots"}, "bad_value Fund!B2"},
		{"empty", []any{"opening_reserve", nil}, "required Fund!B2"},
		{"absent", []any{"reserve_floor", 0}, "required Fund"},
	} {
		s := goodBook()
		s[3].rows[1] = tc.row
		_, probs, err := Read(writeXLSX(t, s...))
		if err != nil {
			t.Fatal(err)
		}
		if got := problemsAt(probs); got != tc.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

// Problems with a Fund value found by the cross-sheet checks name its cell.
func TestFundChecksNameTheCell(t *testing.T) {
	s := goodBook()
	s[3].rows = append(s[3].rows, []any{"year", 2025}, []any{"reserve_floor", 200000})
	s[3].rows[2] = []any{"target_deficit_probability", 0.6}
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	want := "bad_target Fund!B3\npriced_year_in_data Fund!B5\nreserve_below_floor Fund!B2"
	if got := problemsAt(probs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A plan whose row on the Plans sheet has an error is not an unknown plan on
// the other sheets: its rows there are noted once per sheet, not as an error
// on every row. Its rows elsewhere are checked on everything that does not
// depend on the broken fields (case 8 of issue 15): here max_shares is
// broken, so the claims' shares are not checked, and the report date
// before the event date is still found.
func TestReadPlanRowWithErrors(t *testing.T) {
	s := goodBook()
	s[0].rows[1][5] = "one"
	s[2].rows[1][6] = "2025-03-01" // reported before the event on 2025-03-05
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	want := "bad_value 计划!F2\nreport_before_event 给付明细!G2\nplan_with_errors 给付明细!C2"
	if got := problemsAt(probs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, p := range probs {
		if p.Code == "plan_with_errors" && (p.Level != Notice || !strings.Contains(p.Text.In(i18n.En), "row 2")) {
			t.Errorf("%v: want a notice naming the Plans row", p)
		}
	}
}

// A plain number rejected in a ratio column is also shown as the percentage
// Excel displays for it.
func TestPercentNote(t *testing.T) {
	c := Column{Key: "ratio_1", Type: Ratio}
	for raw, want := range map[string]string{"1.5": " (= 150%)", "1.3": " (= 130%)", "-0.07": " (= -7%)", "170%": "", "abc": ""} {
		if got := noteIn(percentNote(c, raw), i18n.En); got != want {
			t.Errorf("%q: %q, want %q", raw, got, want)
		}
	}
	if got := noteIn(percentNote(Column{Type: Money}, "1.5"), i18n.En); got != "" {
		t.Errorf("money: %q", got)
	}
}

// Members above the annual cap are reported in the order of their last
// claim's row, the same on every read.
func TestAnnualCapOrder(t *testing.T) {
	s := goodBook()
	var want []string
	for k := range 3 { // each of 12 members has three claims of 20,000: 60,000 a year, above the cap of 50,000
		for m := range 12 {
			s[2].rows = append(s[2].rows, []any{fmt.Sprintf("D%d-%d", m, k), 2025, "hospital", fmt.Sprintf("N%02d", 11-m), "medical", "2025-05-01", "2025-05-09", 8, 40000, 1, 20000})
			if k == 2 {
				want = append(want, fmt.Sprintf("给付明细!K%d", len(s[2].rows)))
			}
		}
	}
	path := writeXLSX(t, s...)
	for range 5 {
		_, probs, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range probs {
			if p.Code == "paid_above_annual_cap" {
				got = append(got, p.Cell)
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}
