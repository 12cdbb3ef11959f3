package workbook

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// sheetData is a sheet to put in a test workbook: rows of cell values (nil = empty).
type sheetData struct {
	name string
	rows [][]any
}

func writeXLSX(t testing.TB, sheets ...sheetData) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch x := v.(type) {
				case formula:
					if err := f.SetCellFormula(s.name, cell, string(x)); err != nil {
						t.Fatal(err)
					}
				case percent:
					style, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
					f.SetCellValue(s.name, cell, float64(x))
					f.SetCellStyle(s.name, cell, cell, style)
				default:
					if err := f.SetCellValue(s.name, cell, v); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

type formula string
type percent float64

var plansHeader = []any{"计划编号", "计划名称", "类型", "互助费", "保障期(年)", "最多份数", "起付线", "第一次给付比例", "第二次给付比例", "第三次及以后给付比例", "单次最高给付", "年度最高给付"}

func goodBook() []sheetData {
	return []sheetData{
		{"计划", [][]any{
			plansHeader,
			{"hospital", "住院医疗", "hospital", 50, 1, 1, 1300, percent(0.7), "60%", 0.5, 20000, 50000},
		}},
		{"参保", [][]any{
			{"年度", "计划编号", "单位/地区", "参保人数", "份数"},
			{2024, "hospital", "东城区", 1000, nil},
			{2025, "hospital", "东城区", 1100, 1100},
			{"合计", nil, nil, 2100, 2100},
		}},
		{"给付明细", [][]any{
			{"claim_id", "year", "plan", "member_id", "benefit", "event_date", "report_date", "days", "cost", "shares", "paid"},
			{"C1", 2025, "hospital", "M1", "medical", "2025-03-05", "2025-03-20", 8, 5300, 1, 2800},
			{"C2", 2025, "hospital", "M1", "医疗费用", 45750, 45760, 3, 3300, nil, 1200},
		}},
		{"Fund", [][]any{
			{"项目 (key)", "数值 (value)"},
			{"期初风险储备金 (opening_reserve)", 100000},
			{"target_deficit_probability", "5%"},
			{"医疗费用增长率", 0.06},
		}},
	}
}

func TestReadGood(t *testing.T) {
	b, probs, err := Read(writeXLSX(t, goodBook()...))
	if err != nil {
		t.Fatal(err)
	}
	if probs.HasErrors() || probs.Count(Warning) > 0 {
		for _, p := range probs {
			t.Log(p.Level, p.Message(i18n.En))
		}
		t.FailNow()
	}
	if len(b.Plans) != 1 || b.Plans[0].Kind != plans.Hospital || !b.Plans[0].Contribution.Equal(dec("50")) {
		t.Fatalf("plans: %+v", b.Plans)
	}
	p := b.Plans[0]
	for i, want := range []string{"0.7", "0.6", "0.5"} {
		if !p.Ratios[i].Valid || !p.Ratios[i].Decimal.Equal(dec(want)) {
			t.Errorf("ratio_%d = %v, want %s", i+1, p.Ratios[i], want)
		}
	}
	if len(b.Enrolment) != 2 || b.Enrolment[0].Shares != 1000 || b.Enrolment[1].Members != 1100 {
		t.Fatalf("enrolment (total row must not count): %+v", b.Enrolment)
	}
	if len(b.Claims) != 2 {
		t.Fatalf("claims: %+v", b.Claims)
	}
	c := b.Claims[1]
	// 45750 is the Excel serial of 2025-04-03.
	if c.Benefit != plans.Medical || c.EventDate.Format("2006-01-02") != "2025-04-03" || c.Shares != 1 || c.Row != 3 {
		t.Errorf("claim 2: %+v", c)
	}
	if b.Claims[0].EventDate.Format("2006-01-02") != "2025-03-05" {
		t.Errorf("ISO date: %v", b.Claims[0].EventDate)
	}
	if !b.Fund.OpeningReserve.Equal(dec("100000")) || b.Fund.TargetDeficitProbability != 0.05 || b.Fund.MedicalTrend != 0.06 || b.Fund.Year != 2026 {
		t.Errorf("fund: %+v", b.Fund)
	}
	if b.Fund.TrendSD != 0.03 {
		t.Errorf("fund default trend_sd: %v", b.Fund.TrendSD)
	}
}

func TestReadAllErrorsAtOnce(t *testing.T) {
	s := goodBook()
	s[0].rows[1][3] = "fifty"      // contribution
	s[0].rows[1][7] = 70           // ratio_1 above 1
	s[1].rows[1][3] = 1000.5       // members
	s[2].rows[1][5] = "2025-13-40" // event date
	s[2].rows[2][4] = "dental"     // benefit
	p := writeXLSX(t, s...)
	_, probs, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"计划!D2":   "fifty",
		"计划!H2":   "70",
		"参保!D2":   "1000.5",
		"给付明细!F2": "2025-13-40",
		"给付明细!E3": "dental",
	}
	got := map[string]string{}
	for _, pr := range probs {
		if pr.Level == Error {
			got[pr.Cell] = pr.Found
		}
	}
	for cell, found := range want {
		if got[cell] != found {
			t.Errorf("%s: found %q, want an error with found %q; all: %v", cell, got[cell], found, probs)
		}
	}
	for _, pr := range probs {
		if pr.Cell == "参保!D2" && (!strings.Contains(pr.Text.In(i18n.Zh), "整数") || pr.Expected == "") {
			t.Errorf("whole-number message: %+v", pr)
		}
	}
}

func TestReadEnglishNamesAndFreeOrder(t *testing.T) {
	b, probs, err := Read(writeXLSX(t,
		sheetData{" plans ", [][]any{
			{"Kind", "plan", "contribution (互助费)", "extra"},
			{"hospital_cash", "cash", 60, "x"},
		}},
		sheetData{"Summary", [][]any{
			{"year", "enrolments", "claims", "paid"},
			{2025, 1000, 10, 5000.123},
		}},
		sheetData{"基金", [][]any{
			{"opening_reserve", 5},
		}},
	))
	if err != nil {
		t.Fatal(err)
	}
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	if b.Plans[0].Kind != plans.HospitalCash || b.Plans[0].Plan != "cash" {
		t.Errorf("plans: %+v", b.Plans)
	}
	if !b.Summary[0].Paid.Decimal.Equal(dec("5000.12")) {
		t.Errorf("money rounds to the fen: %v", b.Summary[0].Paid)
	}
	if probs.Count(Notice) != 1 || probs[len(probs)-1].Code != "unknown_column" {
		t.Errorf("unknown column notice: %v", probs)
	}
}

// TestReadZhejiangTotal: the real 2014 table's city rows add up to 103,311,287
// yuan while the published total is 101,697,884 (DOMAIN.md): a warning with
// both figures; enrolments and claims add up.
func TestReadZhejiangTotal(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/reference/zhejiang-2014.csv")
	if err != nil {
		t.Skip("reference data not available:", err)
	}
	rows := [][]any{{"年度", "单位/地区", "参保人次", "救助人次", "救助金额"}}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n")[1:] {
		f := strings.Split(line, ",")
		row := []any{2014, f[0], f[2], nil, nil}
		if f[3] != "" {
			row[3] = f[3]
		}
		if f[4] != "" {
			row[4] = f[4]
		}
		rows = append(rows, row)
	}
	rows = append(rows, []any{2014, "合计", 3374730, 103299, 101697884})
	_, probs, err := Read(writeXLSX(t,
		sheetData{"计划", [][]any{{"plan", "kind", "contribution"}, {"hospital", "hospital", 50}}},
		sheetData{"汇总", rows},
		sheetData{"基金", [][]any{{"opening_reserve", 0}}},
	))
	if err != nil {
		t.Fatal(err)
	}
	var mism []Problem
	for _, p := range probs {
		if p.Code == "total_mismatch" {
			mism = append(mism, p)
		}
	}
	if len(mism) != 1 || mism[0].Level != Warning || mism[0].Found != "101697884" || mism[0].Expected != "103311287" || mism[0].Cell != "汇总!E14" {
		t.Fatalf("want one warning on 汇总!E14 with 101697884 vs 103311287, got %+v (all %v)", mism, probs)
	}
	if probs.HasErrors() {
		t.Fatal(probs)
	}
}

func TestReadCrossSheet(t *testing.T) {
	s := goodBook()
	s[2].rows = append(s[2].rows,
		[]any{"C1", 2025, "hospital", "M2", "medical", "2025-05-01", "2025-04-01", 2, 2000, 2, 100}, // dup id, report before event, shares > max
		[]any{"C4", 2023, "hospital", "M3", "medical", "2023-05-01", nil, 2, 2000, 1, 100},          // no enrolment in 2023
		[]any{"C5", 2025, "hospital", "M4", "day", "2025-05-01", nil, 2, nil, 1, 100},               // benefit not allowed
		[]any{"C6", 2025, "hospital", "M5", "medical", "2025-05-01", nil, 2, 100000, 1, 30000},      // above claim cap 20000
		[]any{"C7", 2024, "hospital", "M6", "medical", "2024-05-01", nil, 2, 100000, 1, 30000},      // above, earlier year: warning
		[]any{"C8", 2025, "nosuch", "M7", "medical", "2025-05-01", nil, 2, 100, 1, 0},               // unknown plan
	)
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Level{"duplicate_claim_id": Error, "report_before_event": Error, "shares_above_max": Error,
		"claims_without_enrolment": Error, "benefit_not_allowed": Error, "unknown_plan": Error}
	got := map[string]Level{}
	paidLevels := map[Level]int{}
	for _, p := range probs {
		got[p.Code] = p.Level
		if p.Code == "paid_above_terms" {
			paidLevels[p.Level]++
			if p.Level == Error && p.Cell != "给付明细!K7" {
				t.Errorf("paid cell: %s", p.Cell)
			}
		}
	}
	for code, l := range want {
		if lv, ok := got[code]; !ok || lv != l {
			t.Errorf("%s: got %v %v, want %v; all %v", code, lv, ok, l, probs)
		}
	}
	if paidLevels[Error] != 1 || paidLevels[Warning] != 1 {
		t.Errorf("paid above terms: error for the last year, warning earlier: %v", paidLevels)
	}
}

func TestReadFormulas(t *testing.T) {
	s := goodBook()
	s[1].rows[1][4] = formula("D2*1") // no cached value: excelize does not calculate
	_, probs, err := Read(writeXLSX(t, s...))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range probs {
		if p.Code == "formula_without_value" && p.Cell == "参保!E2" && p.Level == Error {
			found = true
		}
	}
	if !found {
		t.Fatalf("no formula error on 参保!E2: %v", probs)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "a.xlsx")
	os.WriteFile(csv, []byte("a,b\n1,2\n"), 0o644)
	xls := filepath.Join(dir, "b.xlsx")
	os.WriteFile(xls, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0o644)
	// A zip bomb: one part of 200 MB of zeros compresses to about 200 KB.
	bomb := filepath.Join(dir, "bomb.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zero := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		w.Write(zero)
	}
	zw.Create("xl/workbook.xml")
	zw.Close()
	os.WriteFile(bomb, buf.Bytes(), 0o644)
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "none.xlsx"), "cannot open"},
		{csv, "not an .xlsx"},
		{xls, "old .xls"},
		{bomb, "zip bomb"},
		{dir, "directory"},
	} {
		_, _, err := Read(tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !IsFileError(err) {
			t.Errorf("%s: err %v, want it to mention %q", tc.path, err, tc.want)
		}
	}
	lim := DefaultLimits
	lim.MaxUnzipBytes = 1 << 10
	if _, _, err := ReadWithLimits(writeXLSX(t, goodBook()...), lim); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("unzip limit: %v", err)
	}
}

func TestReadMissingColumnAndSheet(t *testing.T) {
	_, probs, err := Read(writeXLSX(t,
		sheetData{"计划", [][]any{{"plan", "contribution"}, {"x", 1}}},
	))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, p := range probs {
		codes[p.Code] = true
	}
	for _, c := range []string{"missing_column", "missing_sheet", "no_experience"} {
		if !codes[c] {
			t.Errorf("no %s in %v", c, probs)
		}
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
