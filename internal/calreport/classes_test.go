package calreport

import (
	"strconv"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/xuri/excelize/v2"
)

// A calibration with rate classes has the 档次 / Classes sheet: one line per
// class with its members, current and recommended price and expected cost
// per member as calibrate gave them, in Chinese and wholly in English; a
// calibration without classes has no such sheet (TestReport's sheets).
func TestClassesSheet(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 20000, Seed: 3, Classes: example.AgeClasses, ClassPlans: []string{"critical_illness", "hospital"}})
	if err != nil {
		t.Fatal(err)
	}
	ps, _, err := model.FromBook(&b.Book, nil)
	if err != nil {
		t.Fatal(err)
	}
	pol := calibrate.PolicyFromFund(b.Fund)
	pol.MaxChange = 1
	res, err := calibrate.Calibrate(ps, model.ScenarioFromFund(b.Fund, b.LastYear()), pol, calibrate.Options{Paths: 100})
	if err != nil {
		t.Fatal(err)
	}
	var want [][]string
	for _, p := range res.Plans {
		for _, c := range p.Classes {
			want = append(want, []string{p.Plan, c.Class, strconv.Itoa(int(c.Members + 0.5)), c.Recommended.StringFixed(2), c.ExpectedCostPerMember.StringFixed(2)})
		}
	}
	if len(want) != 4 {
		t.Fatalf("%d classes, want 4", len(want))
	}
	for _, l := range []i18n.Lang{i18n.Zh, i18n.En} {
		f, _ := build(t, Input{File: "book.xlsx", Result: res, Plans: ps, Seed: 1, Paths: 100, Lang: l})
		name := l.T("rpt.sheet.classes")
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s: %v (sheets %v)", l, err, f.GetSheetList())
		}
		if len(rows) != 3+len(want) {
			t.Fatalf("%s: %d rows: %v", l, len(rows), rows)
		}
		for i, w := range want {
			r := rows[3+i]
			plan := r[0]
			if l == i18n.Zh {
				plan = w[0] // the Chinese label holds the key: checked below
			}
			rec, _ := strconv.ParseFloat(r[4], 64)
			cost, _ := strconv.ParseFloat(r[7], 64)
			if plan != w[0] || r[1] != w[1] || r[2] != w[2] || strconv.FormatFloat(rec, 'f', 2, 64) != w[3] || strconv.FormatFloat(cost, 'f', 2, 64) != w[4] {
				t.Errorf("%s row %d: %v, want %v", l, i, r, w)
			}
			if l == i18n.Zh && !han.MatchString(r[0]) {
				t.Errorf("zh row %d: plan %q without its Chinese name", i, r[0])
			}
			for _, c := range append(rows[0], r...) {
				if l == i18n.En && han.MatchString(c) {
					t.Errorf("en: Chinese in %q", c)
				}
			}
		}
	}
}
