package workbook

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// The defects fixture: a workbook with one of every kind of mistake users
// make, each at a known cell. It is built by buildDefects and committed as
// testdata/defects.xlsx (rebuilt with -update); its problems are compared with
// testdata/defects.golden.

type defect struct {
	what string // the mistake, for the failure message
	code string
	cell string // sheet!cell, or the sheet name for sheet-wide problems
}

var defects = []defect{
	// 计划 / Plans
	{"unknown column 备注 in the Plans header", "unknown_column", "计划!N1"},
	{"duplicate plan id hospital", "duplicate_plan", "计划!A4"},
	{"unknown plan kind flying", "bad_value", "计划!C5"},
	{"text in a money column", "bad_value", "计划!D6"},
	{"2.5 in a whole-number column", "bad_value", "计划!E7"},
	{"ratio 1.3", "bad_value", "计划!I8"},
	{"ratio 170% typed as text", "bad_value", "计划!J9"},
	{"negative contribution", "bad_value", "计划!D10"},
	{"ratio_2 without ratio_1", "ratio_gap", "计划!I11"},
	{"a hospital plan without ratio_1 (paid in full)", "default_ratio", "计划!I11"},
	{"a percentage cell showing 150%", "bad_value", "计划!K12"},
	// 给付标准 / Schedules
	{"Schedules without its percent column", "missing_column", "给付标准!1:1"},
	{"Schedules with the benefit column twice", "duplicate_column", "给付标准!D1"},
	// 参保 / Enrolment
	{"duplicate enrolment row", "duplicate_enrolment", "参保!D4"},
	{"enrolment of an unknown plan", "unknown_plan", "参保!B5"},
	{"more new members than members", "new_above_members", "参保!F6"},
	{"year 1880", "bad_value", "参保!A7"},
	{"fewer shares than members", "shares_below_members", "参保!E8"},
	{"more shares than members × max_shares", "shares_above_max", "参保!E9"},
	{"enrolment of a plan whose Plans row has errors, still checked: shares above max_shares", "shares_above_max", "参保!E10"},
	{"a total row that does not add up", "total_mismatch", "参保!D11"},
	// 给付明细 / Claims
	{"duplicate claim id", "duplicate_claim_id", "给付明细!A3"},
	{"a benefit the plan's kind does not pay", "benefit_not_allowed", "给付明细!E4"},
	{"date 2025-13-45", "bad_value", "给付明细!F5"},
	{"report before the event", "report_before_event", "给付明细!G6"},
	{"paid above what the terms allow", "paid_above_terms", "给付明细!L7"},
	{"shares above max_shares", "shares_above_max", "给付明细!K8"},
	{"claims of a year without enrolment", "claims_without_enrolment", "给付明细!C9"},
	{"disability grade 11", "bad_grade", "给付明细!J10"},
	{"event outside the claim's year", "event_outside_year", "给付明细!F11"},
	{"a formula without a cached value", "formula_without_value", "给付明细!L12"},
	{"2.5 hospital days", "bad_value", "给付明细!H13"},
	{"no benefit type", "required", "给付明细!E14"},
	{"claim of an unknown plan", "unknown_plan", "给付明细!C15"},
	{"a member's claims above the annual cap", "paid_above_annual_cap", "给付明细!L17"},
	{"unknown benefit type 手术", "bad_value", "给付明细!E18"},
	{"claim of a plan whose Plans row has errors, still checked: reported before the event", "report_before_event", "给付明细!G20"},
	// 汇总 / Summary
	{"more claims than enrolments", "claims_above_enrolments", "汇总!E2"},
	{"summary of an unknown plan", "unknown_plan", "汇总!B3"},
	{"an amount paid with no claims", "paid_without_claims", "汇总!F4"},
	{"a total row with text in a number column", "bad_total", "汇总!D5"},
	// 基金 / Fund
	{"a priced year inside the data", "priced_year_in_data", "基金!B2"},
	{"target deficit probability 0.6", "bad_target", "基金!B3"},
	{"medical_trend given twice", "duplicate_fund_key", "基金!A5"},
	{"an unknown Fund key", "unknown_fund_key", "基金!A6"},
	{"rounding in words", "bad_value", "基金!B7"},
	{"no opening_reserve", "required", "基金"},
	// the file
	{"a second Fund sheet", "duplicate_sheet", "Fund"},
	{"a sheet that is not part of the format", "unknown_sheet", "备注"},
}

// sheetLevel are the codes of problems about a sheet as a whole (no cell).
var sheetLevel = map[string]bool{"unknown_sheet": true, "duplicate_sheet": true, "missing_sheet": true, "empty_sheet": true, "too_many_rows": true, "no_plans": true, "no_experience": true}

// buildDefects writes the fixture.
func buildDefects(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	rows := func(sheet string, rs ...[]any) {
		for i, r := range rs {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			_ = f.SetSheetRow(sheet, cell, &r)
		}
	}
	day := func(s string) time.Time {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	_ = f.SetSheetName("Sheet1", "计划")
	rows("计划",
		[]any{"plan", "name", "kind", "contribution", "period_years", "max_shares", "waiting_days", "deductible", "ratio_1", "ratio_2", "ratio_3", "claim_cap", "annual_cap", "备注", "lump_sum", "disability_sum"},
		[]any{"hospital", "住院医疗", "hospital", 50, 1, 1, 30, 800, "70%", 0.6, 0.5, 10000, 15000},
		[]any{"acc", "意外伤害", "accident", 100, 1, 1, 0, nil, nil, nil, nil, nil, nil, nil, 60000, 60000},
		[]any{"hospital", "住院医疗（重复）", "hospital", 50, 1, 1, 30, 800, 0.7, 0.6, 0.5, 10000, 15000},
		[]any{"bad", "飞行", "flying", 10},
		[]any{"crit", "重大疾病", "critical_illness", "fifty", 3, 2, 90, nil, nil, nil, nil, nil, nil, nil, 5000},
		[]any{"fem", "女职工", "female_disease", 25, 2.5, 1, 90, nil, nil, nil, nil, nil, nil, nil, 15000},
		[]any{"h2", "住院二", "hospital", 40, 1, 1, 30, 800, 1.3},
		[]any{"h3", "住院三", "hospital", 40, 1, 1, 30, 800, 0.7, "170%"},
		[]any{"h4", "住院四", "hospital", -5, 1, 1, 30, 800, 0.7},
		[]any{"h5", "住院五", "hospital", 40, 1, 1, 30, 800, nil, 0.6},
		[]any{"h6", "住院六", "hospital", 40, 1, 1, 30, 800, 0.7, 0.6, 1.5},
	)
	// K12 is a percentage cell: Excel shows 150%, the file holds 1.5.
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle("计划", "K12", "K12", pct); err != nil {
		return err
	}
	_, _ = f.NewSheet("给付标准")
	rows("给付标准",
		[]any{"plan", "benefit", "category", "给付类型"},
		[]any{"acc", "disability", "1", "disability"},
	)
	_, _ = f.NewSheet("参保")
	rows("参保",
		[]any{"year", "plan", "group", "members", "shares", "new_members"},
		[]any{2025, "hospital", "东城区", 1000, 1000},
		[]any{2025, "acc", "东城区", 500, 500},
		[]any{2025, "hospital", "东城区", 1000, 1000},
		[]any{2025, "nosuch", "东城区", 10, 10},
		[]any{2025, "acc", "西城区", 100, 100, 200},
		[]any{1880, "hospital", "北城区", 10, 10},
		[]any{2025, "hospital", "西城区", 300, 250},
		[]any{2025, "acc", "北城区", 100, 300},
		[]any{2025, "crit", "东城区", 100, 300},
		[]any{"合计", nil, nil, 9999},
	)
	_, _ = f.NewSheet("给付明细")
	rows("给付明细",
		[]any{"claim_id", "year", "plan", "member_id", "benefit", "event_date", "report_date", "days", "cost", "category", "shares", "paid"},
		// Date cells (Excel serial numbers) and dates typed as text are both read.
		[]any{"C1", 2025, "hospital", "M1", "medical", day("2025-03-05"), day("2025-03-09"), 5, 3000, nil, 1, 1540},
		[]any{"C1", 2025, "hospital", "M1b", "medical", "2025-03-06", "2025-03-09", 5, 3000, nil, 1, 1540},
		[]any{"C3", 2025, "hospital", "M2", "death", "2025-04-01", "2025-04-03", nil, nil, nil, 1, 0},
		[]any{"C4", 2025, "hospital", "M3", "medical", "2025-13-45", nil, 3, 1000, nil, 1, 140},
		[]any{"C5", 2025, "hospital", "M4", "medical", day("2025-05-01"), day("2025-04-01"), 3, 1000, nil, 1, 140},
		[]any{"C6", 2025, "hospital", "M5", "medical", "2025-05-02", "2025-05-09", 3, 2000, nil, 1, 5000},
		[]any{"C7", 2025, "hospital", "M6", "medical", "2025-05-03", "2025-05-09", 3, 1800, nil, 3, 700},
		[]any{"C8", 2024, "hospital", "M7", "medical", "2024-05-03", "2024-05-09", 3, 1800, nil, 1, 700},
		[]any{"C9", 2025, "acc", "M8", "disability", "2025-06-01", "2025-09-01", nil, nil, "11", 1, 6000},
		[]any{"C10", 2025, "hospital", "M9", "medical", day("2023-06-01"), "2025-06-09", 3, 1800, nil, 1, 700},
		[]any{"C11", 2025, "hospital", "M10", "medical", "2025-06-02", "2025-06-09", 3, 1800, nil, 1, nil},
		[]any{"C12", 2025, "hospital", "M11", "medical", "2025-06-03", "2025-06-09", 2.5, 1800, nil, 1, 700},
		[]any{"C13", 2025, "hospital", "M12", nil, "2025-06-04", "2025-06-09", 3, 1800, nil, 1, 700},
		[]any{"C14", 2025, "ghost", "M13", "medical", "2025-06-05", "2025-06-09", 3, 1800, nil, 1, 700},
		[]any{"C15", 2025, "hospital", "M14", "medical", "2025-07-01", "2025-07-20", 9, 15000, nil, 1, 9940},
		[]any{"C16", 2025, "hospital", "M14", "medical", "2025-08-01", "2025-08-20", 9, 15000, nil, 1, 9940},
		[]any{"C17", 2025, "hospital", "M15", "手术", "2025-08-02", "2025-08-20", 4, 3000, nil, 1, 1540},
		[]any{"C18", 2025, "crit", "M16", "diagnosis", "2025-08-03", "2025-08-20", nil, nil, nil, 1, 5000},
		[]any{"C19", 2025, "crit", "M17", "diagnosis", "2025-08-04", "2025-08-01", nil, nil, nil, 1, 5000},
	)
	// A formula written by a script and never calculated: no cached value.
	if err := f.SetCellFormula("给付明细", "L12", "I12*0.7-560"); err != nil {
		return err
	}
	_, _ = f.NewSheet("汇总")
	rows("汇总",
		[]any{"year", "plan", "group", "enrolments", "claims", "paid"},
		[]any{2025, "hospital", "东城区", 1000, 1200, 50000},
		[]any{2025, "nowhere", "东城区", 100, 1, 100},
		[]any{2025, "acc", "东城区", 500, 0, 3000},
		[]any{nil, nil, "合计", "约1600", 1201, 53100},
	)
	_, _ = f.NewSheet("基金")
	rows("基金",
		[]any{"项目 (key)", "数值 (value)"},
		[]any{"year", 2025},
		[]any{"target_deficit_probability", 0.6},
		[]any{"medical_trend", 0.05},
		[]any{"医疗费用增长率", 0.06},
		[]any{"magic_number", 42},
		[]any{"取整单位", "ten"},
	)
	_, _ = f.NewSheet("Fund")
	rows("Fund", []any{"key", "value"}, []any{"opening_reserve", 1000000})
	_, _ = f.NewSheet("备注")
	rows("备注", []any{"这是一张备注表"})
	return f.SaveAs(path)
}

// textFault says what is wrong with a problem's text, "" when nothing: its
// message key must be in the catalogue (internal/i18n), in both languages,
// and its arguments must fit both formats.
func textFault(p Problem) string {
	if p.Code == "" {
		return "no code"
	}
	var notes []i18n.Note
	var walk func(n i18n.Note)
	walk = func(n i18n.Note) {
		notes = append(notes, n)
		for _, a := range n.Args {
			switch a := a.(type) {
			case i18n.Note:
				walk(a)
			case i18n.Seq:
				for _, n := range a {
					walk(n)
				}
			}
		}
	}
	walk(p.Text)
	for _, n := range notes {
		if !strings.HasPrefix(n.Code, "wb.") {
			return fmt.Sprintf("message %q is not a workbook message (wb.*)", n.Code)
		}
		if _, ok := i18n.Lookup(n.Code); !ok {
			return fmt.Sprintf("message %q is not in the catalogue", n.Code)
		}
	}
	for _, l := range i18n.Langs {
		if s := p.Text.In(l); s == "" || strings.Contains(s, "%!") {
			return fmt.Sprintf("message %q in %s: %q", p.Text.Code, l, s)
		}
	}
	return ""
}

// A problem built with a message the catalogue does not hold, or with
// arguments its formats do not take, is refused by textFault.
func TestTextFault(t *testing.T) {
	for _, p := range []Problem{
		{Code: "x", Text: i18n.N("wb.no_such_message")},
		{Code: "x", Text: i18n.N("wb.bad_value", "a")},
		{Code: "x", Text: i18n.N("wb.required", "a", i18n.N("wb.expect.nothing"))},
		{Code: "x", Text: i18n.N("err.lang", "fr")},
	} {
		if textFault(p) == "" {
			t.Errorf("%+v passes", p)
		}
	}
	if f := textFault(Problem{Code: "x", Text: i18n.N("wb.required", "a", i18n.N("wb.expect.int"))}); f != "" {
		t.Error(f)
	}
}

// render is the golden form of the problems: one a line.
func render(ps Problems) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s\t%s\t%s\tfound=%q\texpected=%q\n\t%s\n\t%s\n", p.Level, p.Code, p.Cell, p.Found, p.Expected, p.Message(i18n.En), p.Message(i18n.Zh))
	}
	return b.String()
}

// TestDefectsFixture reads the committed fixture: every defect is reported at
// its cell, in one run, and the whole report equals the golden file.
func TestDefectsFixture(t *testing.T) {
	const xlsx, golden = "testdata/defects.xlsx", "testdata/defects.golden"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := buildDefects(xlsx); err != nil {
			t.Fatal(err)
		}
	}
	_, probs, err := Read(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	got := render(probs)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the problems differ from %s (rebuild with -update after checking):\n%s", golden, got)
	}
	found := map[string]bool{}
	codes := map[string]bool{}
	for _, p := range probs {
		if f := textFault(p); f != "" {
			t.Errorf("%s: %s", p.Code, f)
		}
		cell := p.Cell
		if cell == "" {
			cell = p.Sheet
		}
		found[p.Code+" "+cell] = true
		codes[p.Code] = true
		if p.Cell == "" && !sheetLevel[p.Code] {
			t.Errorf("%s (%s) names no cell", p.Code, p.Message(i18n.En))
		}
		if p.Sheet == "" {
			t.Errorf("%s (%s) names no sheet", p.Code, p.Message(i18n.En))
		}
	}
	intended := map[string]bool{}
	for _, d := range defects {
		intended[d.code+" "+d.cell] = true
		if !found[d.code+" "+d.cell] {
			t.Errorf("defect no longer found: %s: no %s at %s", d.what, d.code, d.cell)
		}
	}
	for _, p := range probs {
		cell := p.Cell
		if cell == "" {
			cell = p.Sheet
		}
		if !intended[p.Code+" "+cell] {
			t.Errorf("a problem no defect of the table explains: %s %s %s", p.Code, cell, p.Message(i18n.En))
		}
	}
	if len(defects) < 20 || len(codes) < 20 {
		t.Errorf("%d defects, %d distinct codes reported; the fixture must hold at least 20 of each", len(defects), len(codes))
	}
	if probs.Count(Error) == 0 {
		t.Error("no errors: validate would exit 0")
	}
}
