package workbook_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func classBook(t *testing.T) *workbook.Book {
	t.Helper()
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, Seed: 5, Classes: example.AgeClasses,
		ClassPlans: []string{"critical_illness", "hospital"}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// colOf is the letter of column key of sheet in the writer's order.
func colOf(t *testing.T, sheet, key string) string {
	t.Helper()
	for i, c := range workbook.SheetByKey(sheet).Columns {
		if c.Key == key {
			n, _ := excelize.ColumnNumberToName(i + 1)
			return n
		}
	}
	t.Fatalf("no column %s in %s", key, sheet)
	return ""
}

// The class column and the Rates sheet are written and read back as they
// were, and a book with classes validates clean.
func TestClassesRoundTrip(t *testing.T) {
	b := classBook(t)
	if len(b.Rates) != 4 {
		t.Fatalf("%d Rates rows, want 2 plans × 2 classes", len(b.Rates))
	}
	got, probs := roundTrip(t, b)
	for _, p := range probs {
		t.Errorf("problem: %s", p.Message(i18n.En))
	}
	if len(got.Rates) != len(b.Rates) {
		t.Fatalf("read %d Rates rows, wrote %d", len(got.Rates), len(b.Rates))
	}
	for i, r := range got.Rates {
		w := b.Rates[i]
		if r.Plan != w.Plan || r.Class != w.Class || !r.Contribution.Equal(w.Contribution) || r.Row != i+2 {
			t.Errorf("Rates row %d: read %+v, wrote %+v", i, r, w)
		}
	}
	// critical_illness: 60 yuan-like pricing, 45 and over at 7/6 of the
	// plan's contribution, to the yuan.
	if cr := got.ClassRates("critical_illness"); len(cr) != 2 || !cr["under45"].Equal(b.Plans[2].Contribution) {
		t.Errorf("critical_illness rates %v, plan contribution %s", cr, b.Plans[2].Contribution)
	}
	classed := 0
	for i, e := range got.Enrolment {
		if e.Class != b.Enrolment[i].Class {
			t.Fatalf("Enrolment row %d: class %q, wrote %q", i, e.Class, b.Enrolment[i].Class)
		}
		if e.Class != "" {
			classed++
			if e.Plan != "critical_illness" && e.Plan != "hospital" {
				t.Fatalf("plan %s has a class", e.Plan)
			}
		}
	}
	cc := 0
	for i, c := range got.Claims {
		if c.Class != b.Claims[i].Class {
			t.Fatalf("Claims row %d: class %q, wrote %q", i, c.Class, b.Claims[i].Class)
		}
		if c.Class != "" {
			cc++
		}
	}
	if classed == 0 || cc == 0 {
		t.Fatalf("%d Enrolment rows and %d claims with a class", classed, cc)
	}
	if cs := got.Classes("hospital"); !slices.Equal(cs, []string{"45plus", "under45"}) {
		t.Errorf("hospital classes %v", cs)
	}
}

// Each mistake of the class column or the Rates sheet is an error at its
// cell, with what was found: a Rates row of an unknown plan, a (plan, class)
// twice, a contribution of 0, an Enrolment class without a Rates row, an
// Enrolment row without a class among rows with one, a claim's class not in
// its plan's Enrolment.
func TestClassesChecks(t *testing.T) {
	b := classBook(t)
	n := len(b.Rates)
	b.Rates = append(b.Rates,
		book.RateRow{Plan: "nosuch", Class: "A", Contribution: decimal.NewFromInt(10)},
		book.RateRow{Plan: "hospital", Class: "under45", Contribution: decimal.NewFromInt(50)},
		book.RateRow{Plan: "critical_illness", Class: "新档", Contribution: decimal.Zero},
	)
	// hospital's second class loses its price.
	b.Rates = slices.DeleteFunc(b.Rates, func(r book.RateRow) bool { return r.Plan == "hospital" && r.Class == "45plus" })
	n-- // the rows before the appended ones
	var enrolRow, missRow, claimRow int
	for i := range b.Enrolment {
		e := &b.Enrolment[i]
		if e.Plan == "hospital" && e.Class == "45plus" && enrolRow == 0 {
			enrolRow = i + 2
		}
		if e.Plan == "critical_illness" && missRow == 0 {
			e.Class = ""
			missRow = i + 2
		}
	}
	for i := range b.Claims {
		if b.Claims[i].Plan == "hospital" {
			b.Claims[i].Class = "65岁以上"
			claimRow = i + 2
			break
		}
	}
	_, probs := roundTrip(t, b)
	rates := "互助费档次!"
	want := map[string]string{
		"unknown_plan":       rates + "A" + itoa(n+2),
		"duplicate_rate":     rates + "B" + itoa(n+3),
		"rate_not_positive":  rates + "C" + itoa(n+4),
		"class_without_rate": "参保!" + colOf(t, workbook.SheetEnrolment, "class") + itoa(enrolRow),
		"class_missing":      "参保!" + colOf(t, workbook.SheetEnrolment, "class") + itoa(missRow),
		"unknown_class":      "给付明细!" + colOf(t, workbook.SheetClaims, "class") + itoa(claimRow),
	}
	found := map[string]bool{}
	for _, p := range probs {
		if w, ok := want[p.Code]; ok && p.Cell == w && p.Level == workbook.Error {
			found[p.Code] = true
			// The English text has no Chinese but the book's own names.
			en := p.Message(i18n.En)
			for _, d := range []string{"互助费档次", "给付明细", "参保", "under45", "45plus", "新档", "65岁以上"} {
				en = strings.ReplaceAll(en, d, "")
			}
			if hasHan(en) || !hasHan(p.Message(i18n.Zh)) {
				t.Errorf("%s: messages %q / %q", p.Code, p.Message(i18n.En), p.Message(i18n.Zh))
			}
		}
	}
	for code, cell := range want {
		if !found[code] {
			t.Errorf("no %s error at %s; problems:", code, cell)
			for _, p := range probs {
				t.Logf("  %s %s %s %s", p.Level, p.Code, p.Cell, p.Message(i18n.En))
			}
		}
	}
}

// A Rates sheet named with a year around it is read as Rates (a notice); a
// misspelt one is an error naming the sheet it looks like.
func TestRatesSheetNames(t *testing.T) {
	b := classBook(t)
	for _, c := range []struct{ name, code string }{{"2025年互助费档次", "sheet_read_as"}, {"互助费挡次", "unrecognised_sheet"}} {
		path := filepath.Join(t.TempDir(), "book.xlsx")
		if err := workbook.Save(path, b, false); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetName("互助费档次", c.name); err != nil {
			t.Fatal(err)
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		got, probs, err := workbook.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, p := range probs {
			if p.Code == c.code && p.Sheet == c.name {
				ok = true
				if c.code == "unrecognised_sheet" && p.Expected != "互助费档次 (Rates)" {
					t.Errorf("%s: expected %q", c.name, p.Expected)
				}
			}
		}
		if !ok {
			t.Errorf("%s: no %s problem: %v", c.name, c.code, probs)
		}
		if c.code == "sheet_read_as" && len(got.Rates) != len(b.Rates) {
			t.Errorf("%s: %d Rates rows read", c.name, len(got.Rates))
		}
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// A Rates row whose class no Enrolment row of its plan has is an error at its
// class cell (the classes come from the Enrolment sheet, so the row would
// price nothing): a class the plan's rows do not use, and a plan whose
// Enrolment rows have no class at all. The book as generated has none.
func TestRateWithoutClass(t *testing.T) {
	b := classBook(t)
	_, probs := roundTrip(t, b)
	for _, p := range probs {
		if p.Code == "rate_without_class" {
			t.Fatalf("the generated book: %s %s", p.Cell, p.Message(i18n.En))
		}
	}
	other := ""
	for _, e := range b.Enrolment {
		if e.Class == "" {
			other = e.Plan
			break
		}
	}
	if other == "" {
		t.Fatal("no plan without classes in the book")
	}
	n := len(b.Rates)
	b.Rates = append(b.Rates,
		book.RateRow{Plan: "hospital", Class: "75岁以上", Contribution: decimal.NewFromInt(90)},
		book.RateRow{Plan: other, Class: "A", Contribution: decimal.NewFromInt(30)},
	)
	_, probs = roundTrip(t, b)
	want := map[string]bool{"互助费档次!B" + itoa(n+2): false, "互助费档次!B" + itoa(n+3): false}
	for _, p := range probs {
		if p.Code != "rate_without_class" {
			continue
		}
		if _, ok := want[p.Cell]; !ok || p.Level != workbook.Error {
			t.Errorf("%s %s at %s: %s", p.Level, p.Code, p.Cell, p.Message(i18n.En))
			continue
		}
		want[p.Cell] = true
		en := p.Message(i18n.En)
		for _, d := range []string{"互助费档次", "参保", "75岁以上"} { // the book's own names
			en = strings.ReplaceAll(en, d, "")
		}
		if hasHan(en) || !hasHan(p.Message(i18n.Zh)) || !strings.Contains(en, "class column") {
			t.Errorf("%s: messages %q / %q", p.Cell, p.Message(i18n.En), p.Message(i18n.Zh))
		}
	}
	for cell, ok := range want {
		if !ok {
			t.Errorf("no rate_without_class error at %s", cell)
		}
	}
}
