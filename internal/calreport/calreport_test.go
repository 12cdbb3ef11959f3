package calreport

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/record"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/xuri/excelize/v2"
)

var (
	fixtureOnce sync.Once
	fixture     *Input
	fixtureErr  error
)

// testInput is a calibration of a generated book of 20,000 members with an
// audit record whose texts hold Chinese (a plan's name, the Fund sheet's
// cell), as a real run's do.
func testInput(t *testing.T) Input {
	t.Helper()
	fixtureOnce.Do(func() {
		b, _, err := example.Generate(example.Config{Members: 20000, Seed: 3})
		if err != nil {
			fixtureErr = err
			return
		}
		ps, ds, err := model.FromBook(&b.Book, nil)
		if err != nil {
			fixtureErr = err
			return
		}
		// A book this small needs more than ±20% on some plans (parameter
		// risk): a wide max_change keeps the run feasible.
		pol := calibrate.PolicyFromFund(b.Fund)
		pol.MaxChange = 1
		res, err := calibrate.Calibrate(ps, model.ScenarioFromFund(b.Fund, b.LastYear()), pol, calibrate.Options{Paths: 200})
		if err != nil {
			fixtureErr = err
			return
		}
		ae, err := model.ActualExpected(ps, ds, nil)
		if err != nil {
			fixtureErr = err
			return
		}
		bt, err := calibrate.RunBacktest(&b.Book, ps, ds, calibrate.BacktestOptions{})
		if err != nil {
			fixtureErr = err
			return
		}
		as := []record.Assumption{{Key: "medical_trend", Value: "0.06", Source: "sheet", Cell: "基金!B7"}, {Key: "max_change", Value: "1", Source: "flag"},
			{Key: "target_deficit_probability", Value: "0.05", Source: "default"}}
		rec := &record.Record{Schema: record.Schema, Build: record.Build{Version: "dev", Go: "go"}, Command: []string{"calibrate", "book.xlsx"},
			RunAt: time.Date(2026, 11, 29, 6, 30, 0, 0, time.UTC), Assumptions: as, Seed: 1, Action: "calibrate",
			Replay: json.RawMessage(`{"File":"book.xlsx"}`), Result: json.RawMessage(`{"plans":[{"plan":"hospital","name":"住院医疗"}]}`)}
		fixture = &Input{File: "book.xlsx", Result: res, Plans: ps, AE: ae, Seed: 1, Paths: 200, Assumptions: as, Record: rec, Backtest: bt,
			Stats:    []workbook.YearStats{{Plan: "hospital", Name: "住院医疗", Year: 2025, Source: "claims", Members: 1000, Shares: 1000, Claims: 10}},
			Problems: workbook.Problems{{Level: workbook.Warning, Code: "test", Sheet: "给付明细", Cell: "给付明细!F17", Found: "2.5", Text: i18n.N("yes")}}}
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return *fixture
}

func build(t *testing.T, in Input) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, &in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// The report opens, has its sheets with the 摘要 first, one line per plan
// on 建议, whose 合计 row adds the plans' incomes up to the fund's income;
// 数据完整性 has a line per plan and data year whose reported and IBNR
// figures add up to the ultimate; the models' texts are Chinese.
func TestReport(t *testing.T) {
	in := testInput(t)
	res := in.Result
	f, _ := build(t, in)
	want := []string{"摘要", "建议", "基金", "预测", "图表", "分位数", "模型", "实际与期望", "假设", "数据质量", "回溯检验", "数据完整性", "记录"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows, _ := f.GetRows("建议", excelize.Options{RawCellValue: true})
	// Title, blank, header, the plans, 合计.
	if len(rows) != 3+len(res.Plans)+1 || rows[len(rows)-1][0] != "合计" {
		t.Fatalf("%d rows, last %v", len(rows), rows[len(rows)-1])
	}
	total, _ := strconv.ParseFloat(rows[len(rows)-1][13], 64)
	if math.Abs(total-res.Income.InexactFloat64()) > 0.005 {
		t.Errorf("合计 income %.2f, fund %s", total, res.Income)
	}
	if v, _ := f.GetCellValue("基金", "B5"); v == "" {
		t.Error("基金 has no income line")
	}
	mrows, _ := f.GetRows("模型")
	reasons := 0
	for _, r := range mrows[3:] {
		if len(r) > 12 && r[12] != "" {
			reasons++
		}
	}
	if reasons == 0 {
		t.Error("模型 has no reasons")
	}
	crows, _ := f.GetRows("数据完整性", excelize.Options{RawCellValue: true})
	n := 0
	for _, p := range in.Plans {
		n += len(p.Experience.Completion)
	}
	if n == 0 || len(crows) < 3+n {
		t.Fatalf("数据完整性: %d rows, want %d plan-years", len(crows)-3, n)
	}
	for _, r := range crows[3 : 3+n] {
		var v [9]float64
		for j := 2; j <= 8 && j < len(r); j++ {
			v[j], _ = strconv.ParseFloat(r[j], 64)
		}
		if math.Abs(v[2]+v[3]-v[4]) > 0.011 || math.Abs(v[6]+v[7]-v[8]) > 0.011 || !(v[4] > 0) {
			t.Errorf("数据完整性 row %v: reported + IBNR ≠ ultimate", r)
		}
	}
	// 摘要: a sentence per plan naming its contributions, the fund's
	// chance of a shortfall before and after.
	srows, _ := f.GetRows("摘要")
	text := ""
	for _, r := range srows {
		if len(r) > 0 {
			text += r[0] + "\n"
		}
	}
	for _, p := range res.Plans {
		if !strings.Contains(text, "（"+p.Plan+"）：") && !strings.Contains(text, p.Plan+"：") {
			t.Errorf("摘要 has no sentence for %s", p.Plan)
		}
	}
	if !strings.Contains(text, pctText(res.PDeficitBefore)) || !strings.Contains(text, pctText(res.PDeficitAfter)) {
		t.Errorf("摘要 lacks P(shortfall) %s → %s:\n%s", pctText(res.PDeficitBefore), pctText(res.PDeficitAfter), text)
	}
	// 记录: the record's lines, joined, are the record's JSON.
	rec, _ := f.GetRows("记录")
	var lines []string
	for _, r := range rec[3:] {
		lines = append(lines, r[0])
	}
	b, _ := in.Record.Marshal()
	if strings.Join(lines, "\n")+"\n" != string(b) {
		t.Errorf("记录 is not the record:\n%s", strings.Join(lines, "\n"))
	}
	// The record's assumptions with their sources on 假设.
	arows, _ := f.GetRows("假设")
	if len(arows) < 5 || arows[3][0] != "medical_trend" || arows[3][3] != "基金表" || arows[3][4] != "基金!B7" || arows[4][3] != "命令行参数" {
		t.Errorf("假设 %v", arows[:min(len(arows), 6)])
	}
	// 数据质量: the warning with its cell.
	qrows, _ := f.GetRows("数据质量")
	if len(qrows) < 4 || qrows[3][3] != "给付明细!F17" {
		t.Errorf("数据质量 %v", qrows)
	}
}

var (
	englishSentence = regexp.MustCompile(`\b[A-Za-z]{2,}(?:,? [A-Za-z]{2,}){2,}\b`)
	han             = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}]`)
	// missingCode is what the catalogue gives for a code it lacks: [code].
	missingCode = regexp.MustCompile(`\[[a-z_]+(?:\.[a-z_]+)+\]`)
	// benefitKey is a benefit's key as a word: the Chinese report names a
	// benefit by its Chinese name.
	benefitKey = regexp.MustCompile(`\b(?:medical|day|diagnosis|death|disability|fire|outpatient)\b`)
)

// The English report has no Chinese in any cell, sheet name or chart title
// (its record's non-ASCII characters are escapes, and parse back to the
// record); the Chinese report no English sentence outside the record.
func TestLanguage(t *testing.T) {
	in := testInput(t)
	in.Lang = i18n.En
	f, raw := build(t, in)
	if got := f.GetSheetList(); got[0] != "Summary" {
		t.Fatalf("sheets %v", got)
	}
	for _, s := range f.GetSheetList() {
		if han.MatchString(s) {
			t.Errorf("sheet name %q", s)
		}
		rows, _ := f.GetRows(s)
		for i, r := range rows {
			for j, c := range r {
				if m := han.FindString(c); m != "" {
					t.Errorf("%s!%s: Chinese %q in %q", s, cellName(j, i), m, c)
				}
				if m := missingCode.FindString(c); m != "" {
					t.Errorf("%s!%s: no message %s", s, cellName(j, i), m)
				}
			}
		}
	}
	for name, data := range parts(t, raw) {
		if strings.HasPrefix(name, "xl/charts/") || name == "docProps/core.xml" || strings.HasPrefix(name, "xl/worksheets/") || name == "xl/sharedStrings.xml" {
			if m := han.Find(data); m != nil {
				t.Errorf("%s: Chinese %q", name, m)
			}
		}
	}
	rec, _ := f.GetRows("Record")
	var lines []string
	for _, r := range rec[3:] {
		lines = append(lines, r[0])
	}
	var got, want any
	if err := json.Unmarshal([]byte(strings.Join(lines, "\n")), &got); err != nil {
		t.Fatal(err)
	}
	b, _ := in.Record.Marshal()
	_ = json.Unmarshal(b, &want)
	if gb, _ := json.Marshal(got); !bytes.Equal(gb, func() []byte { w, _ := json.Marshal(want); return w }()) {
		t.Error("the English Record sheet does not parse to the record")
	}

	in.Lang = i18n.Zh
	fz, _ := build(t, in)
	named := 0 // cells naming a benefit by its Chinese name
	for _, s := range fz.GetSheetList() {
		if s == "记录" {
			continue
		}
		rows, _ := fz.GetRows(s)
		for i, r := range rows {
			for j, c := range r {
				if m := englishSentence.FindString(c); m != "" {
					t.Errorf("%s!%s: English %q in %q", s, cellName(j, i), m, c)
				}
				if m := benefitKey.FindString(c); m != "" {
					t.Errorf("%s!%s: the benefit key %q in %q", s, cellName(j, i), m, c)
				}
				if strings.Contains(c, plans.Medical.Label("zh")) || strings.Contains(c, plans.Day.Label("zh")) {
					named++
				}
				if m := missingCode.FindString(c); m != "" {
					t.Errorf("%s!%s: no message %s", s, cellName(j, i), m)
				}
			}
		}
	}
	if named < 2 {
		t.Errorf("only %d cells name 医疗费用 or 住院津贴", named)
	}
}

func cellName(col, row int) string { c, _ := excelize.CoordinatesToCellName(col+1, row+1); return c }

// parts are the files of an xlsx package.
func parts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

var (
	formulaRE = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	rangeRE   = regexp.MustCompile(`^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$`)
)

// The package holds the five charts, and every series' name, categories and
// values refer to filled cells of an existing sheet.
func TestCharts(t *testing.T) {
	in := testInput(t)
	f, raw := build(t, in)
	ps := parts(t, raw)
	charts, refs := 0, 0
	for name, data := range ps {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		charts++
		fs := formulaRE.FindAllSubmatch(data, -1)
		if len(fs) == 0 {
			t.Errorf("%s: no series refers to a range", name)
		}
		for _, m := range fs {
			refs++
			ref := html.UnescapeString(string(m[1]))
			r := rangeRE.FindStringSubmatch(ref)
			if r == nil {
				t.Errorf("%s: %q is not a sheet's range", name, ref)
				continue
			}
			sheet := strings.ReplaceAll(r[1], "''", "'")
			c1, _ := excelize.ColumnNameToNumber(r[2])
			r1, _ := strconv.Atoi(r[3])
			c2, r2 := c1, r1
			if r[4] != "" {
				c2, _ = excelize.ColumnNameToNumber(r[4])
				r2, _ = strconv.Atoi(r[5])
			}
			for c := c1; c <= c2; c++ {
				for row := r1; row <= r2; row++ {
					cn, _ := excelize.CoordinatesToCellName(c, row)
					v, err := f.GetCellValue(sheet, cn)
					if err != nil || v == "" {
						t.Errorf("%s: %s: %s!%s is empty (%v)", name, ref, sheet, cn, err)
					}
				}
			}
		}
	}
	if charts != 5 {
		t.Errorf("%d charts, want 5", charts)
	}
	if refs < 5*3 {
		t.Errorf("%d series references", refs)
	}
}

var (
	pageSetupRE   = regexp.MustCompile(`<pageSetup [^>]*>`)
	footerRE      = regexp.MustCompile(`<oddFooter>([^<]*)</oddFooter>`)
	pageMarginsRE = regexp.MustCompile(`<pageMargins [^>]*>`)
)

// Every sheet prints on A4 landscape one page wide (the 摘要 on one page),
// with the page numbers, the run and the record's hash in its footer; the
// tables repeat their header rows; the document's time is the record's.
func TestPrintSetup(t *testing.T) {
	in := testInput(t)
	_, raw := build(t, in)
	ps := parts(t, raw)
	hash, _ := in.Record.Hash()
	sheets := 0
	for name, data := range ps {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		sheets++
		s := string(pageSetupRE.Find(data))
		for _, want := range []string{`orientation="landscape"`, `paperSize="9"`, `fitToWidth="1"`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: %s lacks %s", name, s, want)
			}
		}
		if name == "xl/worksheets/sheet1.xml" && !strings.Contains(s, `fitToHeight="1"`) {
			t.Errorf("摘要 does not fit one page: %s", s)
		}
		if !bytes.Contains(data, []byte(`footer="0.3"`)) || !bytes.Contains(data, []byte(`bottom="0.7"`)) {
			t.Errorf("%s: the footer is not inside the bottom margin: %s", name, pageMarginsRE.Find(data))
		}
		if !bytes.Contains(data, []byte(`fitToPage="true"`)) {
			t.Errorf("%s: no fitToPage", name)
		}
		m := footerRE.FindSubmatch(data)
		if m == nil || !bytes.Contains(m[1], []byte("&amp;P")) || !bytes.Contains(m[1], []byte("&amp;N")) || !bytes.Contains(m[1], []byte(hash)) ||
			!bytes.Contains(m[1], []byte(in.RunID())) {
			t.Errorf("%s: footer %q", name, m)
		}
	}
	if sheets != 13 {
		t.Errorf("%d sheets", sheets)
	}
	// Every sheet but the 摘要 and the charts repeats its title and header
	// rows, the backtest's too.
	wb := string(ps["xl/workbook.xml"])
	titles := regexp.MustCompile(`<definedName[^>]*name="_xlnm.Print_Titles"[^>]*>'([^']+)'!\$1:\$(\d+)</definedName>`)
	repeated := map[string]bool{}
	for _, m := range titles.FindAllStringSubmatch(html.UnescapeString(wb), -1) {
		repeated[m[1]] = m[2] != "0"
	}
	for _, s := range []string{"建议", "基金", "预测", "分位数", "模型", "实际与期望", "假设", "数据质量", "回溯检验", "数据完整性", "记录"} {
		if !repeated[s] {
			t.Errorf("%s does not repeat its header rows:\n%s", s, wb)
		}
	}
	if core := string(ps["docProps/core.xml"]); !strings.Contains(core, "2026-11-29T06:30:00Z") {
		t.Errorf("creation time: %s", core)
	}
}

// The warnings speak when the recommendation weakens the fund, misses its
// target, a plan is held by max_change or the projection falls below the
// floor; none of them for a result that keeps every target.
func TestWarnings(t *testing.T) {
	in := testInput(t)
	r := *in.Result
	r.Projection = append([]calibrate.YearBand{}, r.Projection...)
	r.Plans = append([]calibrate.PlanRec{}, r.Plans...)
	r.PDeficitBefore, r.PDeficitAfter = 0.858, 0.90
	r.Plans[0].Limited = true
	r.Projection[len(r.Projection)-1].PBelowFloor = 0.37
	in.Result = &r
	in.Lang = i18n.En
	got := strings.Join(Warnings(&in), "\n")
	for _, want := range []string{
		"the chance of a shortfall is 90.0%, above the target",
		"on the recommended terms the chance of a shortfall (90.0%) is higher than on the current terms (85.8%)",
		"Plan " + r.Plans[0].Plan + " is held by the limit on a change",
		"a 37.0% chance of the reserve being below its floor",
	} {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
			t.Errorf("no warning %q in:\n%s", want, got)
		}
	}
	r.PDeficitBefore, r.PDeficitAfter = 0.2, 0.01
	r.Plans[0].Limited = false
	r.Projection[len(r.Projection)-1].PBelowFloor = 0
	for _, w := range Warnings(&in) {
		if strings.Contains(w, "shortfall") || strings.Contains(w, "held by") || strings.Contains(w, "projection") {
			t.Errorf("warning %q for a result within its targets", w)
		}
	}
}

func TestPctText(t *testing.T) {
	for x, want := range map[float64]string{0.0208: "2.08%", 0.05: "5.0%", 0.858: "85.8%", 0.9: "90.0%", 0.1184: "11.84%", 0: "0.0%", 0.722: "72.2%"} {
		if got := pctText(x); got != want {
			t.Errorf("pctText(%g) = %q, want %q", x, got, want)
		}
	}
	if got := groupValue("7850000.00") + " " + groupValue("2026") + " " + groupValue("0.0778916"); got != "7,850,000.00 2026 0.0778916" {
		t.Errorf("groupValue: %q", got)
	}
	if got := group("-1234567.50"); got != "-1,234,567.50" {
		t.Errorf("group: %q", got)
	}
	if got := dropHan("chance of a shortfall (contributions − expenses): 入不敷出"); got != "chance of a shortfall (contributions − expenses)" {
		t.Errorf("dropHan: %q", got)
	}
	if got := ascii(`"住院"😀`); got != `"\u4f4f\u9662"\ud83d\ude00` {
		t.Errorf("ascii: %q", got)
	}
}

// 实际与期望 holds every plan's data years: the backtest's years before the
// last (priced from the years before each, its figures) and the last year
// on all the data; its chart is a line of A/E per plan over those years
// (x the years, y the A/E of the plan's own rows) and the line A/E = 1.
// Without a backtest, the last year only.
func TestActualExpectedYears(t *testing.T) {
	in := testInput(t)
	if in.Backtest == nil || len(in.Backtest.Years) < 2 {
		t.Fatalf("the fixture's book needs three data years: %+v", in.Backtest)
	}
	last := in.AE[0].Year
	want := map[string][]int{}
	bt := map[string]calibrate.BacktestRow{}
	for _, y := range in.Backtest.Years {
		for _, r := range y.Plans {
			if y.Year < last {
				want[r.Plan] = append(want[r.Plan], y.Year)
				bt[fmt.Sprint(r.Plan, y.Year)] = r
			}
		}
	}
	for _, a := range in.AE {
		want[a.Plan] = append(want[a.Plan], a.Year)
	}
	f, raw := build(t, in)
	rows, _ := f.GetRows("实际与期望", excelize.Options{RawCellValue: true})
	got := map[string][]int{}
	blocks := map[string][2]int{}
	for i, r := range rows[3:] {
		y, _ := strconv.Atoi(r[1])
		got[r[0]] = append(got[r[0]], y)
		b, ok := blocks[r[0]]
		if !ok {
			b[0] = i + 4
		}
		b[1] = i + 4
		blocks[r[0]] = b
		actual, _ := strconv.ParseFloat(r[2], 64)
		if x, ok := bt[fmt.Sprint(r[0], y)]; ok {
			if math.Abs(actual-x.Actual) > 0.006 || !strings.Contains(r[8], "回溯检验") {
				t.Errorf("row %v: backtest actual %.2f", r, x.Actual)
			}
		} else if y != last || r[8] != "全部数据（含当年）" {
			t.Errorf("row %v: not the last year on all the data", r)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) < 3 {
		t.Errorf("years by plan %v, want %v", got, want)
	}
	var ae string
	for name, data := range parts(t, raw) {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.Contains(string(data), "各年实际给付") {
			ae = html.UnescapeString(string(data))
		}
	}
	if ae == "" {
		t.Fatal("no A/E chart")
	}
	for p, b := range blocks {
		if !strings.Contains(ae, fmt.Sprintf("'实际与期望'!$B$%d:$B$%d", b[0], b[1])) || !strings.Contains(ae, fmt.Sprintf("'实际与期望'!$G$%d:$G$%d", b[0], b[1])) {
			t.Errorf("the A/E chart has no series of %s's rows %v", p, b)
		}
	}
	if n := strings.Count(ae, "<ser>"); n != len(blocks)+1 {
		t.Errorf("%d series, want %d plans and the line A/E = 1", n, len(blocks))
	}
	in.Backtest = nil
	f, _ = build(t, in)
	rows, _ = f.GetRows("实际与期望")
	if len(rows) != 3+len(in.AE) {
		t.Errorf("without a backtest: %d rows, want %d", len(rows)-3, len(in.AE))
	}
}

// The 摘要 prints on one A4 landscape page: one column, as wide as fits the
// page within its margins at 100%, every sentence wrapped in a row as high
// as its lines, the print area its rows; the page is set to fit one page
// both ways (TestPrintSetup), so only its height can shrink it.
func TestSummaryPage(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.Zh, i18n.En} {
		in := testInput(t)
		in.Lang = l
		f, raw := build(t, in)
		sheet := f.GetSheetName(0)
		rows, _ := f.GetRows(sheet)
		cols, _ := f.GetCols(sheet)
		if len(cols) != 1 {
			t.Errorf("%s: %d columns", l, len(cols))
		}
		// A4 landscape is 11.69 inches wide; less 0.5 inch margins: 770 points.
		// A column of w characters is 7w + 5 pixels (Calibri 11), 0.75 point each.
		w, _ := f.GetColWidth(sheet, "A")
		if pt := (7*w + 5) * 0.75; pt > 770 {
			t.Errorf("%s: column A is %.0f points wide, the page 770", l, pt)
		}
		wb := html.UnescapeString(string(parts(t, raw)["xl/workbook.xml"]))
		if want := fmt.Sprintf(`name="_xlnm.Print_Area">'%s'!$A$1:$A$%d<`, sheet, len(rows)); !strings.Contains(wb, want) {
			t.Errorf("%s: no print area %s", l, want)
		}
		total := 0.0
		for i, r := range rows {
			h, _ := f.GetRowHeight(sheet, i+1)
			total += h
			if len(r) == 0 || r[0] == "" {
				continue
			}
			c := fmt.Sprintf("A%d", i+1)
			s, _ := f.GetCellStyle(sheet, c)
			st, _ := f.GetStyle(s)
			if lines := textLines(r[0], w); lines > 1 && (st.Alignment == nil || !st.Alignment.WrapText || h < 15*lines) {
				t.Errorf("%s: %s (%v lines) not wrapped or %.0f points high: %q", l, c, lines, h, r[0])
			}
		}
		// The page's height within its margins: 8.27 − 0.6 − 0.7 inches.
		if scale := (8.27 - 1.3) * 72 / total; scale < 0.6 {
			t.Errorf("%s: the 摘要 is %.0f points high: printed at %.0f%%", l, total, 100*scale)
		}
	}
}
