package workbook_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// saveSheetRows writes b with worksheets of at most rows rows and reads it
// back.
func saveSheetRows(t *testing.T, b *workbook.Book, rows int) (string, *workbook.Book, workbook.Problems) {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.WriteSheetRows(&buf, b, rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, probs, err := workbook.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, got, probs
}

// A book whose tables are longer than a worksheet continues them on
// numbered sheets, each after its first, and reads back to the same book,
// with a notice per continued table naming its sheets and their rows.
func TestContinuationRoundTrip(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, LastYear: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	// 7 rows a sheet: 6 data rows. 7 plans, 18 schedule rows, the
	// enrolment rows (one per plan, group, year and, for the 3-year plan,
	// start year), 375 claims.
	path, got, probs := saveSheetRows(t, b, 7)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	list := f.GetSheetList()
	f.Close()
	want := []string{"说明", "计划", "计划2", "给付标准", "给付标准2", "给付标准3"}
	for k := 1; k <= (len(b.Enrolment)+5)/6; k++ {
		want = append(want, workbook.ContinuationName("参保", k))
	}
	want[6] = "参保"
	if !slices.Equal(list[:len(want)], want) || list[len(want)] != "给付明细" || list[len(want)+62] != "给付明细63" || list[len(list)-1] != "基金" {
		t.Fatalf("sheets %v", list)
	}
	if ws := got.TableSheets(workbook.SheetClaims); len(ws) != 63 || ws[1] != "给付明细2" {
		t.Fatalf("claims read from %v", ws)
	}
	notices := map[string]string{}
	for _, p := range probs {
		if p.Level != workbook.Notice || p.Code != "continued_sheet" {
			t.Errorf("problem: %s %s", p.Level, p.Message("en"))
		}
		notices[p.Sheet] = p.Message("en")
	}
	if len(notices) != 4 || !strings.Contains(notices["计划"], "the Plans table is read from 2 sheets, in this order: 计划 (7 rows), 计划2 (2 rows)") {
		t.Fatalf("notices %v", notices)
	}
	if comparable(t, b) != comparable(t, got) {
		t.Fatal("the book read back differs from the book written")
	}
	// Row numbers run on across the sheets (the book's order of rows).
	for i := 1; i < len(got.Claims); i++ {
		if got.Claims[i].Row <= got.Claims[i-1].Row {
			t.Fatalf("claim rows %d then %d", got.Claims[i-1].Row, got.Claims[i].Row)
		}
	}
	// A table that fits stays on one sheet: the usual book is unchanged.
	_, _, probs = saveSheetRows(t, b, 1000)
	if len(probs) != 0 {
		t.Fatalf("problems %v", probs)
	}
}

// The mutations of a book whose claims are on four sheets (给付明细 and
// 给付明细2 to 给付明细4, 100 rows each but the last): numbered in the other
// usual ways, out of order, with their headers changed, a sheet missing, a
// copy, and problems in continuation rows, which name their own sheet.
func TestContinuationMutations(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, LastYear: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	base, orig, probs := saveSheetRows(t, b, 101)
	for _, p := range probs {
		if p.Code != "continued_sheet" {
			t.Fatalf("problem: %s", p.Message("en"))
		}
	}
	if ws := orig.TableSheets(workbook.SheetClaims); len(ws) != 4 {
		t.Fatalf("claims on %v", ws)
	}
	want := comparable(t, orig)
	var paid decimal.Decimal
	for _, c := range orig.Claims {
		paid = paid.Add(decimal.NewFromFloat(c.Paid))
	}
	renameAll := func(names ...string) func(m *mbook) {
		return func(m *mbook) {
			for k, n := range names {
				from := "给付明细"
				if k > 0 {
					from += fmt.Sprint(k + 1)
				}
				m.rename(from, n)
			}
		}
	}
	order := func(orig, got *workbook.Book) error {
		// Read in the order of the sheets' numbers: parts 1, 3 (named
		// 2), 2 (named 3), 4.
		ids := func(b *workbook.Book, from, to int) []string {
			var out []string
			for _, c := range b.Claims[from:to] {
				out = append(out, c.ClaimID)
			}
			return out
		}
		w := slices.Concat(ids(orig, 0, 100), ids(orig, 200, 300), ids(orig, 100, 200), ids(orig, 300, len(orig.Claims)))
		if g := ids(got, 0, len(got.Claims)); !slices.Equal(g, w) {
			return fmt.Errorf("claims read in another order: %v…", g[95:105])
		}
		return nil
	}
	ms := []mutation{
		{"as written", func(m *mbook) {}, sameWith("continued_sheet", "给付明细")},
		{"numbered as Excel copies and with separators", renameAll("给付明细", "给付明细 (2)", "给付明细（3）", "给付明细-4"), same()},
		{"numbered from 1", renameAll("给付明细1", "给付明细2", "给付明细 3", "给付明细_4"), same()},
		{"English names", renameAll("Claims", "Claims 2", "Claims3", "claims (4)"), same()},
		{"sheets in another tab order", func(m *mbook) {
			if err := m.f.MoveSheet("给付明细4", "给付明细"); err != nil {
				m.t.Fatal(err)
			}
			if err := m.f.MoveSheet("给付明细3", "给付明细2"); err != nil {
				m.t.Fatal(err)
			}
		}, same()},
		{"numbers swapped", func(m *mbook) {
			m.rename("给付明细2", "x")
			m.rename("给付明细3", "给付明细2")
			m.rename("x", "给付明细3")
		}, outcome{check: order}},
		{"an unknown column added at the end of a continuation", func(m *mbook) { m.set("给付明细3", "Z1", "备注") }, same()},
		{"a continuation's header with two columns swapped", func(m *mbook) {
			c, p := m.col("给付明细3", "cost"), m.col("给付明细3", "paid")
			m.set("给付明细3", c+"1", "已给付金额 (paid)")
			m.set("给付明细3", p+"1", "费用 (cost)")
		}, errAt("continuation_header", "给付明细3!J1")},
		{"a continuation's header in other words for the same columns", func(m *mbook) {
			m.header("给付明细2", "paid", "给付金额")
			m.header("给付明细2", "event_date", "event_date")
		}, same()},
		{"a continuation without its header row", func(m *mbook) {
			if err := m.f.RemoveRow("给付明细2", 1); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("continuation_header", "给付明细2!A1")},
		{"a continuation with a column inserted", func(m *mbook) {
			if err := m.f.InsertCols("给付明细4", "B", 1); err != nil {
				m.t.Fatal(err)
			}
			m.set("给付明细4", "B1", "备注")
		}, errAt("continuation_header", "给付明细4!B1")},
		{"a continuation with a title row", func(m *mbook) { m.titleRows("给付明细3", 1) }, sameWith("header_row", "给付明细3!2:2")},
		{"a continuation missing", func(m *mbook) {
			if err := m.f.DeleteSheet("给付明细3"); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("continuation_gap", "给付明细4")},
		{"the first sheet missing", func(m *mbook) {
			if err := m.f.DeleteSheet("给付明细"); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("continuation_without_first", "给付明细2")},
		{"a part twice", func(m *mbook) {
			i, err := m.f.NewSheet("给付明细 (2)")
			if err != nil {
				m.t.Fatal(err)
			}
			j, _ := m.f.GetSheetIndex("给付明细2")
			if err := m.f.CopySheet(j, i); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("duplicate_sheet", "给付明细 (2)")},
		{"a copy of the first sheet as a part", func(m *mbook) {
			i, err := m.f.NewSheet("给付明细5")
			if err != nil {
				m.t.Fatal(err)
			}
			j, _ := m.f.GetSheetIndex("给付明细")
			if err := m.f.CopySheet(j, i); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("continuation_copy", "给付明细5!2:2")},
		{"a continuation under another name of the sheet", func(m *mbook) { m.rename("给付明细3", "给付记录3") }, errAt("continuation_name", "给付记录3")},
		{"a bad cell in a continuation", func(m *mbook) {
			m.set("给付明细3", m.col("给付明细3", "shares")+"5", "abc")
		}, errAt("bad_value", "给付明细3!L5")},
		{"an unknown plan in a continuation", func(m *mbook) {
			m.set("给付明细2", m.col("给付明细2", "plan")+"7", "nosuch")
		}, errAt("unknown_plan", "给付明细2!C7")},
		{"a claim id of the first sheet repeated in the last", func(m *mbook) {
			m.set("给付明细4", "A3", m.get("给付明细", "A2"))
		}, errAt("duplicate_claim_id", "给付明细4!A3")},
		{"a total row at the end of the last sheet", func(m *mbook) {
			m.set("给付明细4", "A77", "合计")
			m.set("给付明细4", m.col("给付明细4", "paid")+"77", paid.InexactFloat64())
		}, same()},
		{"a wrong total row at the end of the last sheet", func(m *mbook) {
			m.set("给付明细4", "A77", "合计")
			m.set("给付明细4", m.col("给付明细4", "paid")+"77", paid.InexactFloat64()+100)
		}, warnAt("total_mismatch", "给付明细4!M77")},
	}
	for _, mu := range ms {
		t.Run(mu.name, func(t *testing.T) {
			t.Parallel()
			runMutation(t, base, orig, want, mu)
		})
	}
}

// A problem in a continuation row is reported, in JSON too, at its own
// sheet and cell; the limit on rows holds for the table as a whole.
func TestContinuationProblems(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, LastYear: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b.Claims[150].Plan = "nosuch" // row 51 of 给付明细2
	b.Claims[250].ReportDate = b.Claims[250].EventDate.AddDate(0, 0, -3)
	b.Claims[320].ClaimID = b.Claims[5].ClaimID // row 22 of 给付明细4, row 7 of 给付明细
	path, _, probs := saveSheetRows(t, b, 101)
	var cells []string
	for _, p := range probs {
		if p.Level == workbook.Error {
			cells = append(cells, p.Cell)
		}
		if p.Code == "duplicate_claim_id" && !strings.Contains(p.Message("en"), "(also 给付明细!A7)") {
			t.Errorf("message %s", p.Message("en"))
		}
		if p.Code == "unknown_plan" {
			if p.Sheet != "给付明细2" || p.Cell != "给付明细2!C52" {
				t.Errorf("unknown plan at sheet %q, cell %q", p.Sheet, p.Cell)
			}
		}
	}
	if !slices.Equal(cells, []string{"给付明细2!C52", "给付明细3!H52", "给付明细4!A22"}) {
		t.Fatalf("errors at %v:\n%s", cells, list(probs))
	}
	_, probs, err = workbook.ReadWithLimits(path, workbook.Limits{MaxFileBytes: 1 << 30, MaxUnzipBytes: 1 << 30, MaxRatio: 1000, MaxRows: 250})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range probs {
		if p.Code == "too_many_rows" {
			found++
			if p.Sheet != "给付明细3" {
				found = -100
			}
		}
	}
	if found != 1 {
		t.Fatalf("no too_many_rows on 给付明细3:\n%s", list(probs))
	}
}
