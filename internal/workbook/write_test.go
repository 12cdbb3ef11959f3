package workbook_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/xuri/excelize/v2"
)

// comparable strips what a read adds (rows, path, sheet names, column
// positions, which Fund keys were given) and NaN (not JSON), and renders the
// book as JSON: decimals marshal canonically (40 and 40.00 alike).
func comparable(t *testing.T, b *workbook.Book) string {
	t.Helper()
	c := *b
	c.Path, c.SheetNames, c.Columns, c.SummaryTotals = "", nil, nil, nil
	c.Fund.Given = nil
	c.Plans = append([]workbook.PlanRow(nil), b.Plans...)
	for i := range c.Plans {
		c.Plans[i].Row = 0
	}
	c.Schedules = append([]workbook.ScheduleRow(nil), b.Schedules...)
	for i := range c.Schedules {
		c.Schedules[i].Row = 0
	}
	c.Enrolment = append([]workbook.EnrolmentRow(nil), b.Enrolment...)
	for i := range c.Enrolment {
		c.Enrolment[i].Row = 0
	}
	c.Claims = append([]workbook.Claim(nil), b.Claims...)
	for i := range c.Claims {
		c.Claims[i].Row = 0
		if math.IsNaN(c.Claims[i].Cost) {
			c.Claims[i].Cost = -1
		}
	}
	c.Summary = append([]workbook.SummaryRow(nil), b.Summary...)
	for i := range c.Summary {
		c.Summary[i].Row = 0
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func roundTrip(t *testing.T, b *workbook.Book) (*workbook.Book, workbook.Problems) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := workbook.Save(path, b, false); err != nil {
		t.Fatal(err)
	}
	got, probs, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return got, probs
}

// A generated book written and read back is the same book, and validates clean.
func TestWriteReadRoundTrip(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 20000, Years: 2, LastYear: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	got, probs := roundTrip(t, b)
	for _, p := range probs {
		t.Errorf("problem on a generated book: %s", p.Message(i18n.En))
	}
	if want, have := comparable(t, b), comparable(t, got); want != have {
		for i := 0; i < len(want) && i < len(have); i++ {
			if want[i] != have[i] {
				lo := max(0, i-200)
				t.Fatalf("round trip differs at byte %d:\nwrote …%s\nread  …%s", i, want[lo:min(len(want), i+200)], have[lo:min(len(have), i+200)])
			}
		}
		t.Fatalf("round trip differs in length: %d vs %d", len(want), len(have))
	}
}

// The Zhejiang book keeps its published total row, and the reader reports
// that it does not reconcile (101,697,884 published, 103,311,287 in the rows).
func TestWriteZhejiangTotal(t *testing.T) {
	b := example.Zhejiang2014()
	got, probs := roundTrip(t, b)
	if len(got.Summary) != len(b.Summary) {
		t.Fatalf("%d summary rows read, wrote %d", len(got.Summary), len(b.Summary))
	}
	var warns []workbook.Problem
	for _, p := range probs {
		if p.Level != workbook.Notice {
			warns = append(warns, p)
		}
	}
	if len(warns) != 1 || warns[0].Code != "total_mismatch" || warns[0].Level != workbook.Warning || warns[0].Cell != "汇总!F14" ||
		!strings.Contains(warns[0].Message(i18n.En), "101697884") || !strings.Contains(warns[0].Message(i18n.En), "103311287") {
		t.Fatalf("want one total_mismatch warning at 汇总!F14 with both figures, got %+v", warns)
	}
}

// The template has the instructions sheet, every sheet with `中文 (key)`
// headers and data validation; filled with one valid row per sheet it
// validates clean.
func TestTemplateFilledValidatesClean(t *testing.T) {
	var buf bytes.Buffer
	if err := workbook.Template(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := []string{workbook.InstructionsSheet}
	for _, s := range workbook.Sheets {
		wantSheets = append(wantSheets, s.Zh)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(wantSheets, ",") {
		t.Fatalf("sheets %v, want %v", got, wantSheets)
	}
	// Every column is explained on 说明.
	rows, err := f.GetRows(workbook.InstructionsSheet)
	if err != nil {
		t.Fatal(err)
	}
	explained := map[string]bool{}
	for _, r := range rows {
		if len(r) > 1 {
			explained[r[1]] = true
		}
	}
	for _, s := range workbook.Sheets {
		for _, c := range s.Columns {
			if !explained[c.Header()] {
				t.Errorf("说明 does not explain %s!%s", s.Zh, c.Header())
			}
		}
	}
	// Headers and drop-downs.
	plansSheet := workbook.SheetByKey(workbook.SheetPlans)
	for i, c := range plansSheet.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if v, _ := f.GetCellValue(plansSheet.Zh, cell); v != c.Header() {
			t.Errorf("%s!%s = %q, want %q", plansSheet.Zh, cell, v, c.Header())
		}
	}
	dvs, err := f.GetDataValidations(plansSheet.Zh)
	if err != nil {
		t.Fatal(err)
	}
	var kindList, ratio bool
	for _, dv := range dvs {
		if dv.Sqref == "C2:C1048576" && dv.Type == "list" && strings.Contains(dv.Formula1, "住院津贴") { // the Chinese names (hospital_cash)
			kindList = true
		}
		if dv.Sqref == "I2:I1048576" && dv.Type == "decimal" && dv.Formula1 == "0" && dv.Formula2 == "1" {
			ratio = true
		}
	}
	if !kindList || !ratio {
		t.Fatalf("Plans validation: kind drop-down %v, ratio 0–1 %v; got %+v", kindList, ratio, dvs)
	}
	claimsDV, _ := f.GetDataValidations("给付明细")
	benefitList := false
	for _, dv := range claimsDV {
		if dv.Type == "list" && strings.Contains(dv.Formula1, "伤残") { // disability
			benefitList = true
		}
	}
	if !benefitList {
		t.Fatalf("Claims has no benefit drop-down: %+v", claimsDV)
	}

	// Fill one valid row per sheet by header key.
	fill := func(sheet string, vals map[string]any) {
		s := workbook.SheetByKey(sheet)
		for i, c := range s.Columns {
			v, ok := vals[c.Key]
			if !ok {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, 2)
			if err := f.SetCellValue(s.Zh, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	fill(workbook.SheetPlans, map[string]any{"plan": "acc", "name": "意外伤害", "kind": "accident", "contribution": 20,
		"period_years": 1, "max_shares": 2, "waiting_days": 0, "deductible": 100, "ratio_1": 0.9, "claim_cap": 5000,
		"daily_amount": 20, "from_day": 1, "max_days": 90, "lump_sum": 20000, "disability_sum": 20000})
	fill(workbook.SheetSchedules, map[string]any{"plan": "acc", "benefit": "disability", "category": "1", "percent": 1})
	fill(workbook.SheetEnrolment, map[string]any{"year": 2025, "plan": "acc", "group": "东城区", "members": 1000, "shares": 1200, "new_members": 100, "contributions": 24000})
	fill(workbook.SheetClaims, map[string]any{"claim_id": "C1", "year": 2025, "plan": "acc", "member_id": "M1", "benefit": "medical",
		"event_date": "2025-03-05", "report_date": "2025-03-09", "days": 3, "cost": 1100, "shares": 2, "paid": 900})
	fill(workbook.SheetSummary, map[string]any{"year": 2025, "plan": "acc", "enrolments": 1000, "claims": 1, "paid": 900})
	if err := f.SetCellValue("基金", "B3", 500000); err != nil { // opening_reserve is the second key
		t.Fatal(err)
	}
	if k, _ := f.GetCellValue("基金", "A3"); !strings.Contains(k, "opening_reserve") {
		t.Fatalf("基金!A3 = %q, want the opening_reserve key", k)
	}
	path := filepath.Join(t.TempDir(), "filled.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, probs, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("filled template: %s %s %s", p.Level, p.Cell, p.Message(i18n.En))
	}
	if len(b.Plans) != 1 || len(b.Schedules) != 1 || len(b.Enrolment) != 1 || len(b.Claims) != 1 || len(b.Summary) != 1 ||
		b.Fund.OpeningReserve.IntPart() != 500000 || b.Fund.Year != 2026 {
		t.Fatalf("read back %d plans, %d schedules, %d enrolment, %d claims, %d summary, reserve %s, year %d",
			len(b.Plans), len(b.Schedules), len(b.Enrolment), len(b.Claims), len(b.Summary), b.Fund.OpeningReserve, b.Fund.Year)
	}
}

func TestSaveRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := os.WriteFile(path, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := workbook.Save(path, &workbook.Book{}, false)
	if !errors.Is(err, atomicfile.ErrExists) {
		t.Fatalf("Save over an existing file: %v, want ErrExists", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "keep" {
		t.Fatal("the existing file was modified")
	}
	if err := workbook.Save(path, &workbook.Book{}, true); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkWriteClaims writes the example book's size (300,000 members,
// three years: about 41,600 claims).
func BenchmarkWriteClaims(b *testing.B) {
	book, _, err := example.Generate(example.Config{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(book.Claims)), "claims")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := workbook.Write(&buf, book); err != nil {
			b.Fatal(err)
		}
	}
}

// The committed example books are what `huzhu example` makes today
// (regenerate: go run ./cmd/huzhu example -o examples/example.xlsx --truth
// examples/example-truth.json --force; … --zhejiang -o examples/zhejiang-2014.xlsx).
func TestCommittedExamplesAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the 2 MB example book")
	}
	gen, _, err := example.Generate(example.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want *workbook.Book
	}{{"../../examples/example.xlsx", gen}, {"../../examples/zhejiang-2014.xlsx", example.Zhejiang2014()}} {
		got, _, err := workbook.Read(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if comparable(t, got) != comparable(t, c.want) {
			t.Errorf("%s is stale: regenerate it with huzhu example", c.path)
		}
	}
}
