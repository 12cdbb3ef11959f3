package calreport

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/xuri/excelize/v2"
)

// The report opens, has its seven sheets, one line per plan, and the 合计 row
// of 建议 adds the plans' incomes up to the fund's income; 数据完整性 has a
// line per plan and data year whose reported and IBNR figures add up to the
// ultimate, and is wholly English with Lang en.
func TestReport(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 20000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ps, ds, err := model.FromBook(&b.Book, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A book this small needs more than ±20% on some plans (parameter
	// risk): a wide max_change keeps the run feasible.
	pol := calibrate.PolicyFromFund(b.Fund)
	pol.MaxChange = 1
	res, err := calibrate.Calibrate(ps, model.ScenarioFromFund(b.Fund, b.LastYear()), pol, calibrate.Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	ae, err := model.ActualExpected(ps, ds, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, &Input{File: "book.xlsx", Result: res, Plans: ps, AE: ae, Seed: 1, Paths: 200}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 7 || got[0] != "建议" || got[5] != "实际与期望" || got[6] != "数据完整性" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("建议", excelize.Options{RawCellValue: true})
	// Title, blank, header, 7 plans, 合计.
	if len(rows) != 3+len(res.Plans)+1 || rows[len(rows)-1][0] != "合计" {
		t.Fatalf("%d rows, last %v", len(rows), rows[len(rows)-1])
	}
	total, _ := strconv.ParseFloat(rows[len(rows)-1][13], 64)
	if math.Abs(total-res.Income.InexactFloat64()) > 0.005 {
		t.Errorf("合计 income %.2f, fund %s", total, res.Income)
	}
	if v, _ := f.GetCellValue("基金", "C4"); v == "" {
		t.Error("基金 has no income line")
	}
	// The models' reasons and notes are in Chinese (the headings keep their keys).
	english := regexp.MustCompile(`\b[A-Za-z]{2,}(?:,? [A-Za-z]{2,}){2,}\b`)
	mrows, _ := f.GetRows("模型")
	reasons := 0
	for i, r := range mrows[3:] {
		for _, c := range r {
			if m := english.FindString(c); m != "" {
				t.Errorf("模型 row %d: English %q in %q", i+4, m, c)
			}
		}
		if len(r) > 12 && r[12] != "" {
			reasons++
		}
	}
	if reasons == 0 {
		t.Error("模型 has no reasons")
	}
	crows, _ := f.GetRows("数据完整性", excelize.Options{RawCellValue: true})
	want := 0
	for _, p := range ps {
		want += len(p.Experience.Completion)
	}
	if want == 0 || len(crows) < 3+want {
		t.Fatalf("数据完整性: %d rows, want %d plan-years", len(crows)-3, want)
	}
	for _, r := range crows[3 : 3+want] {
		var v [9]float64
		for j := 2; j <= 8 && j < len(r); j++ {
			v[j], _ = strconv.ParseFloat(r[j], 64)
		}
		if math.Abs(v[2]+v[3]-v[4]) > 0.011 || math.Abs(v[6]+v[7]-v[8]) > 0.011 || !(v[4] > 0) {
			t.Errorf("数据完整性 row %v: reported + IBNR ≠ ultimate", r)
		}
	}
	buf.Reset()
	if err := Write(&buf, &Input{File: "book.xlsx", Result: res, Plans: ps, AE: ae, Seed: 1, Paths: 200, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	fe, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer fe.Close()
	erows, err := fe.GetRows("Completion")
	if err != nil || len(erows) != len(crows) {
		t.Fatalf("Completion sheet: %d rows (%v), 数据完整性 %d", len(erows), err, len(crows))
	}
	han := regexp.MustCompile(`\p{Han}`)
	for i, r := range erows {
		for _, c := range r {
			if han.MatchString(c) {
				t.Errorf("Completion row %d: Chinese in %q", i+1, c)
			}
		}
	}
}
