package workbook_test

import (
	"cmp"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/xuri/excelize/v2"
)

func bandedBook(t *testing.T) *workbook.Book {
	t.Helper()
	b, _, err := example.Generate(example.Config{Members: 20000, Years: 2, Seed: 5, Banded: true})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A banded book (band and outpatient_band rows, outpatient claims) written
// and read back is the same book, validates clean, and its hospital plan
// has the bands, sorted, and no admission ratios.
func TestBandsRoundTrip(t *testing.T) {
	b := bandedBook(t)
	got, probs := roundTrip(t, b)
	for _, p := range probs {
		t.Errorf("problem on a banded book: %s", p.Message(i18n.En))
	}
	if want, have := comparable(t, b), comparable(t, got); want != have {
		t.Fatal("the banded book reads back to other numbers")
	}
	h, _ := got.Plan("hospital")
	want := plans.Bands{{From: 0, Ratio: 0}, {From: 1000, Ratio: 0.6}, {From: 8000, Ratio: 0.75}}
	if fmt.Sprint(h.Bands) != fmt.Sprint(want) || len(h.OutpatientBands) != 2 || h.Ratios[0].Valid {
		t.Errorf("hospital bands %v, outpatient %v, ratio_1 %v", h.Bands, h.OutpatientBands, h.Ratios[0])
	}
	out := 0
	for _, c := range got.Claims {
		if c.Benefit == plans.Outpatient {
			out++
		}
	}
	if out == 0 {
		t.Error("no outpatient claims read")
	}
}

// edit saves b, applies f to the file and reads it back.
func edit(t *testing.T, b *workbook.Book, f func(x *excelize.File, col func(sheet, key string) string, row func(sheet string, match func([]string) bool) int)) workbook.Problems {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := workbook.Save(path, b, false); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	col := func(sheet, key string) string {
		rows, _ := x.GetRows(sheet)
		for i, h := range rows[0] {
			if strings.HasSuffix(h, "("+key+")") {
				c, _ := excelize.ColumnNumberToName(i + 1)
				return c
			}
		}
		t.Fatalf("sheet %s has no column %s", sheet, key)
		return ""
	}
	row := func(sheet string, match func([]string) bool) int {
		rows, _ := x.GetRows(sheet)
		for i, r := range rows {
			if i > 0 && match(r) {
				return i + 1
			}
		}
		t.Fatalf("sheet %s: no such row", sheet)
		return 0
	}
	f(x, col, row)
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	_, probs, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return probs
}

func has(r []string, s ...string) bool {
	for _, x := range s {
		found := false
		for _, c := range r {
			if c == x {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Each bad band edit is an error at its cell: admission ratios or a
// deductible on a banded plan, a repeated edge, a ratio above 100%, an edge
// that is not a number, band rows on a plan kind without the benefit, and
// outpatient claims on a plan without outpatient bands.
func TestBandErrors(t *testing.T) {
	for _, tc := range []struct {
		name, code, cell string
		ckey             string // the cell's column key (ratio_1 when empty)
		f                func(x *excelize.File, col func(sheet, key string) string, row func(sheet string, match func([]string) bool) int)
	}{
		{"ratios with bands", "bands_with_ratios", "计划!%s%d", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("计划", func(c []string) bool { return has(c, "hospital") })
			x.SetCellValue("计划", fmt.Sprintf("%s%d", col("计划", "ratio_1"), r), 0.7)
		}},
		{"claim cap below the annual cap", "bands_claim_cap", "计划!%s%d", "claim_cap", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("计划", func(c []string) bool { return has(c, "hospital") })
			x.SetCellValue("计划", fmt.Sprintf("%s%d", col("计划", "claim_cap"), r), 1000)
		}},
		{"claim cap without an annual cap", "bands_claim_cap", "计划!%s%d", "claim_cap", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("计划", func(c []string) bool { return has(c, "hospital") })
			x.SetCellValue("计划", fmt.Sprintf("%s%d", col("计划", "claim_cap"), r), 1000000)
			x.SetCellValue("计划", fmt.Sprintf("%s%d", col("计划", "annual_cap"), r), "")
		}},
		{"deductible with bands", "bands_with_deductible", "", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("计划", func(c []string) bool { return has(c, "hospital") })
			x.SetCellValue("计划", fmt.Sprintf("%s%d", col("计划", "deductible"), r), 800)
		}},
		{"repeated edge", "duplicate_band", "", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("给付标准", func(c []string) bool { return has(c, "hospital", "8000") })
			x.SetCellValue("给付标准", fmt.Sprintf("%s%d", col("给付标准", "category"), r), "1000")
		}},
		{"ratio above 100%", "bad_value", "", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("给付标准", func(c []string) bool { return has(c, "hospital", "8000") })
			x.SetCellValue("给付标准", fmt.Sprintf("%s%d", col("给付标准", "percent"), r), 1.2)
		}},
		{"edge not a number", "bad_band_edge", "", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("给付标准", func(c []string) bool { return has(c, "hospital", "8000") })
			x.SetCellValue("给付标准", fmt.Sprintf("%s%d", col("给付标准", "category"), r), "八千")
		}},
		{"bands on a plan without medical", "band_not_allowed", "", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			r := row("给付标准", func(c []string) bool { return has(c, "hospital", "8000") })
			x.SetCellValue("给付标准", fmt.Sprintf("%s%d", col("给付标准", "plan"), r), "critical_illness")
		}},
		{"outpatient without bands", "outpatient_without_bands", "", "", func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
			for _, edge := range []string{"0", "1500"} {
				r := row("给付标准", func(c []string) bool {
					return has(c, "hospital", edge) && (has(c, "门诊分段") || has(c, "outpatient_band"))
				})
				x.RemoveRow("给付标准", r)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var at string
			probs := edit(t, bandedBook(t), func(x *excelize.File, col func(string, string) string, row func(string, func([]string) bool) int) {
				tc.f(x, col, row)
				if tc.cell != "" {
					at = fmt.Sprintf(tc.cell, col("计划", cmp.Or(tc.ckey, "ratio_1")), row("计划", func(c []string) bool { return has(c, "hospital") }))
				}
			})
			found := false
			for _, p := range probs {
				if p.Code == tc.code && p.Level == workbook.Error && p.Cell != "" && (at == "" || p.Cell == at) {
					found = true
					if en, zh := p.Message(i18n.En), p.Message(i18n.Zh); en == zh || en == "" {
						t.Errorf("messages %q / %q", en, zh)
					}
				}
			}
			if !found {
				var got []string
				for _, p := range probs {
					got = append(got, p.Level.String()+" "+p.Code+" "+p.Cell)
				}
				t.Errorf("want error %s %s, got %v", tc.code, at, got)
			}
		})
	}
}
