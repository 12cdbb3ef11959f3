package calreport

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/xuri/excelize/v2"
)

// backtestFixture is a backtest of two years: 2024 with one plan inside its
// interval, 2025 with that plan outside it (A/E 1.5), a second plan left out
// as new, and the fund's rows.
func backtestFixture() *calibrate.Backtest {
	r24 := calibrate.BacktestRow{Plan: "ci", Name: "重大疾病", Members: 10000, Shares: 10000, Expected: 200000, P5: 120000, P95: 300000,
		Reported: 190000, IBNR: 10000, Actual: 200000, Ratio: 1, Percentile: 0.56, Inside: true}
	r25 := calibrate.BacktestRow{Plan: "ci", Name: "重大疾病", Members: 12000, Shares: 12000, Expected: 240000, P5: 150000, P95: 350000,
		Reported: 360000, Actual: 360000, Ratio: 1.5, Percentile: 0.99, Inside: false}
	f24, f25 := r24, r25
	f24.Plan, f24.Name, f25.Plan, f25.Name = "", "", "", ""
	return &calibrate.Backtest{
		Years: []calibrate.BacktestYear{
			{Year: 2024, From: 2023, To: 2023, AsOf: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), Plans: []calibrate.BacktestRow{r24}, Fund: &f24},
			{Year: 2025, From: 2023, To: 2024, Plans: []calibrate.BacktestRow{r25}, Fund: &f25},
		},
		PlanYears: 2, Outside: 1, FundYears: 2, FundOutside: 1,
		Notes: []calibrate.BacktestNote{{Code: calibrate.BacktestNewPlan, Year: 2025, Plan: "cash", Name: "住院津贴"}},
	}
}

// The backtest sheet: title, a header, per year the plan's row and the
// fund's (money to the fen as numbers, A/E, the percentile, 是/否, a 否 in
// the warnings' red), then the summary and the notes, each merged across
// the table; plans named as the report names them (name and key in
// Chinese, the key in English); in Chinese with no English sentence, with
// Lang en with no Chinese character; a sheet of that name is created, an
// existing one written into; a book with one data year gets its note.
func TestWriteBacktest(t *testing.T) {
	english := regexp.MustCompile(`\b[A-Za-z]{2,}(?:,? [A-Za-z]{2,}){2,}\b`)
	han := regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)
	for _, l := range []i18n.Lang{i18n.Zh, i18n.En} {
		f := excelize.NewFile()
		sheet := l.T("backtest.sheet")
		if err := WriteBacktest(f, sheet, backtestFixture(), l); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		g, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.GetSheetList(); len(got) != 2 || got[1] != sheet {
			t.Fatalf("%s: sheets %v", l, got)
		}
		rows, _ := g.GetRows(sheet, excelize.Options{RawCellValue: true})
		// Title, blank, header, 2 × (plan, fund), blank, summary, notes head, explanation, one note.
		if len(rows) != 3+4+1+4 {
			t.Fatalf("%s: %d rows: %q", l, len(rows), rows)
		}
		if want := l.T("backtest.summary", 2, 1, "50.0%", 0, 1, 2, 1); rows[8][0] != want {
			t.Errorf("%s: summary %q, want %q", l, rows[8][0], want)
		}
		for j, c := range backtestCols {
			if rows[2][j] != l.T("backtest.col."+c) {
				t.Errorf("%s: heading %d %q", l, j, rows[2][j])
			}
		}
		ci := "重大疾病（ci）"
		if l == i18n.En {
			ci = "ci"
		}
		plan25, fund25 := rows[5], rows[6]
		if plan25[0] != "2025" || plan25[1] != "2023–2024" || plan25[2] != ci || plan25[3] != "12000" || plan25[4] != "240000" ||
			plan25[9] != "360000" || plan25[10] != "1.5" || plan25[12] != l.T("backtest.no") {
			t.Errorf("%s: 2025 row %q", l, plan25)
		}
		if fund25[2] != l.T("backtest.fund") || fund25[12] != l.T("backtest.no") {
			t.Errorf("%s: 2025 fund row %q", l, fund25)
		}
		if r := rows[3]; r[1] != "2023" || r[7] != "190000" || r[8] != "10000" || r[9] != "200000" || r[12] != l.T("backtest.yes") {
			t.Errorf("%s: 2024 row %q", l, r)
		}
		if p, _ := strconv.ParseFloat(rows[3][11], 64); math.Abs(p-0.56) > 1e-12 {
			t.Errorf("%s: percentile %q", l, rows[3][11])
		}
		name := "住院津贴（cash）"
		if l == i18n.En {
			name = "cash"
		}
		if last := rows[len(rows)-1][0]; last != l.T("backtest.note.new_plan", 2025, name) {
			t.Errorf("%s: note %q", l, last)
		}
		for i, r := range rows {
			for _, c := range r {
				if l == i18n.Zh {
					if m := english.FindString(c); m != "" {
						t.Errorf("zh row %d: English %q in %q", i+1, m, c)
					}
				} else if han.MatchString(c) {
					t.Errorf("en row %d: Chinese in %q", i+1, c)
				}
			}
		}
		// A "no" is in the warnings' red, as the 摘要's warnings.
		if s, _ := g.GetCellStyle(sheet, "M6"); s == 0 {
			t.Errorf("%s: M6 not styled", l)
		} else if st, _ := g.GetStyle(s); st.Font == nil || st.Font.Color != "C00000" {
			t.Errorf("%s: M6 not red: %+v", l, st.Font)
		}
		// The notes span the table's thirteen columns.
		merged, _ := g.GetMergeCells(sheet)
		if len(merged) != 4 || merged[0].GetStartAxis() != "A9" || merged[0].GetEndAxis() != "M9" {
			t.Errorf("%s: merged %d cells, first %v", l, len(merged), merged)
		}
	}
	// One data year: the title and the note; into the existing first sheet.
	f := excelize.NewFile()
	bt := &calibrate.Backtest{Notes: []calibrate.BacktestNote{{Code: calibrate.BacktestOneYear}}}
	if err := WriteBacktest(f, "Sheet1", bt, i18n.Zh); err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	if got := f.GetSheetList(); len(got) != 1 || len(rows) < 2 || rows[len(rows)-1][0] != i18n.Zh.T("backtest.note.one_year") {
		t.Errorf("one year: sheets %v, rows %q", got, rows)
	}
}
