package workbook_test

import (
	"path/filepath"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// The Fund sheet is the table of Fund keys: every key is a row; a flag value
// parsed as a cell (workbook.SetFund) and as text (book.SetFundText) gives
// the same Fund; and a book with every key given reads back equal.
func TestFundKeysTable(t *testing.T) {
	s := workbook.SheetByKey(workbook.SheetFund)
	if len(s.Columns) != len(book.FundKeys) {
		t.Fatalf("%d Fund rows for %d keys", len(s.Columns), len(book.FundKeys))
	}
	vals := map[string]string{"year": "2026", "opening_reserve": "1,250,000", "reserve_floor": "200000", "target_deficit_probability": "2%",
		"plan_deficit_probability": "0.1", "planned_reserve_draw": "300000.5", "solvency_probability": "0.5%", "expense_ratio": "0.08",
		"medical_trend": "6%", "trend_sd": "0.04", "enrolment_growth": "-0.01", "set_aside_ratio": "0.25", "max_change": "0.3",
		"max_term_change": "0.15", "rounding": "0.5", "horizon_years": "7", "frequency_trend": "1.5%", "as_of": "2026-01-20", "max_prior_weight": "0.8"}
	g, _, err := example.Generate(example.Config{Members: 3000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	cell, text := g.Fund, g.Fund
	cell.Given, text.Given = map[string]bool{}, map[string]bool{}
	for i, k := range book.FundKeys {
		if s.Columns[i].Key != k.Key || s.Columns[i].Zh != k.Zh {
			t.Errorf("Fund row %d is %s, the table's %s", i, s.Columns[i].Key, k.Key)
		}
		raw, ok := vals[k.Key]
		if !ok {
			t.Fatalf("no test value for %s", k.Key)
		}
		if err := workbook.SetFund(&cell, k.Key, raw); err != nil {
			t.Errorf("SetFund %s %q: %v", k.Key, raw, err)
		}
		if err := book.SetFundText(&text, k.Key, raw); err != nil {
			t.Errorf("SetFundText %s %q: %v", k.Key, raw, err)
		}
	}
	same := func(a, b book.Fund) bool {
		for _, k := range book.FundKeys {
			x, y := k.Get(&a), k.Get(&b)
			if dx, ok := x.(interface{ String() string }); ok {
				if dy, ok := y.(interface{ String() string }); !ok || dx.String() != dy.String() {
					t.Errorf("%s: %v ≠ %v", k.Key, x, y)
					return false
				}
			} else if x != y {
				t.Errorf("%s: %v ≠ %v", k.Key, x, y)
				return false
			}
		}
		return true
	}
	if !same(cell, text) {
		t.Fatal("cell and flag parsing disagree")
	}
	g.Fund = cell
	path := filepath.Join(t.TempDir(), "fund.xlsx")
	if err := workbook.Save(path, g, false); err != nil {
		t.Fatal(err)
	}
	b, _, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	same(b.Fund, cell)
	for _, k := range book.FundKeys {
		if !b.Fund.Given[k.Key] {
			t.Errorf("%s not read as given", k.Key)
		}
	}
}
