package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook/xlsxstream"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// columnsByType lists the schema's columns by type (every range of a type).
var columnsByType = func() map[Type][]Column {
	m := map[Type][]Column{}
	for _, s := range Sheets {
		for _, c := range s.Columns {
			m[c.Type] = append(m[c.Type], c)
		}
	}
	return m
}()

// FuzzParseCell: no raw text of any column type panics, and an accepted value
// is finite, of its type and in the column's range. typ picks the type
// (typ % 8) and a column of that type (typ / 8).
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"", "0", "70%", "0.7", "1,234.50", "¥1,000", "45750", "2025-03-05", "2025年3月5日", "20250305",
		"1e308", "-0", "NaN", "Inf", "hospital", "住院医疗", "医疗费用", " 12 ", "2.5", "1e-400", "0x10", "１２３",
		"1_000", "+5", "5%%", "-100%", "1000%", "2958465", "0.0000001", "99999999999999999", "2025/2/30", "2025-02-29", "2024-02-29"} {
		for t := range int(BenefitEnum) + 1 {
			f.Add(uint8(t), s, false)
		}
	}
	f.Fuzz(func(t *testing.T, typ uint8, raw string, date1904 bool) {
		cols := columnsByType[Type(typ%uint8(BenefitEnum+1))]
		col := cols[int(typ/uint8(BenefitEnum+1))%len(cols)]
		v, ok := parseCell(col, raw, date1904)
		if v.Raw != raw {
			t.Fatalf("%s %q: Raw %q", col.Key, raw, v.Raw)
		}
		if strings.TrimSpace(raw) == "" && (!ok || v.Set) {
			t.Fatalf("%s: empty %q not taken as empty", col.Key, raw)
		}
		if !ok || !v.Set {
			return
		}
		if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
			t.Fatalf("%v %q: accepted non-finite %v", col.Type, raw, v.Num)
		}
		switch col.Type {
		case Int:
			if !inRange(col, v.Num) || v.Num != math.Trunc(v.Num) || !v.Dec.Equal(decimal.NewFromFloat(v.Num)) {
				t.Fatalf("%s %q: accepted %v (%v)", col.Key, raw, v.Num, v.Dec)
			}
		case Money:
			if !inRange(col, v.Num) || v.Dec.Exponent() < -2 || v.Dec.Abs().GreaterThan(decimal.New(1, 15)) {
				t.Fatalf("%s %q: accepted %v (%v)", col.Key, raw, v.Num, v.Dec)
			}
		case Ratio:
			if v.Num < 0 || v.Num > 1 {
				t.Fatalf("ratio %q accepted as %v", raw, v.Num)
			}
		case Rate:
			if v.Num <= -1 || v.Num > 10 || v.Num > 1 && !strings.ContainsAny(raw, "%％") {
				t.Fatalf("rate %q accepted as %v", raw, v.Num)
			}
		case Date:
			if y := v.Date.Year(); y < 1900 || y > 2200 {
				t.Fatalf("date %q accepted as %v", raw, v.Date)
			}
		case KindEnum:
			if _, ok := plans.ParseKind(v.Text); !ok {
				t.Fatalf("kind %q accepted as %q", raw, v.Text)
			}
		case BenefitEnum:
			if _, ok := plans.ParseBenefit(v.Text); !ok {
				t.Fatalf("benefit %q accepted as %q", raw, v.Text)
			}
		case Text:
			if v.Text == "" || v.Text != strings.TrimSpace(v.Text) {
				t.Fatalf("text %q read as %q", raw, v.Text)
			}
		}
	})
}

// FuzzRead: any bytes, and mutations of real workbooks, are read without a
// panic, as an error or a book with problems.
func FuzzRead(f *testing.F) {
	for _, p := range []string{"testdata/defects.xlsx", "../../examples/zhejiang-2014.xlsx"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	// A small good book, and one with every kind of cell: text, numbers,
	// dates, percentages, formulas with and without a cached value.
	for _, sheets := range [][]sheetData{goodBook(), allCells()} {
		b, err := os.ReadFile(writeXLSX(f, sheets...))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// The small good book again, its tables continued on numbered sheets
	// of 3 rows.
	good, _, err := Read(writeXLSX(f, goodBook()...))
	if err != nil {
		f.Fatal(err)
	}
	var cont bytes.Buffer
	if err := write(&cont, good, 3); err != nil {
		f.Fatal(err)
	}
	f.Add(cont.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("plan,kind\nh,hospital\n"))
	lim := Limits{MaxFileBytes: 4 << 20, MaxUnzipBytes: 32 << 20, MaxRatio: 200, MaxRows: 10000}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, probs, err := ReadWithLimits(path, lim)
		if err != nil {
			if !IsFileError(err) {
				t.Fatalf("not a FileError: %v", err)
			}
			return
		}
		if b == nil {
			t.Fatalf("no book and no error (%d problems)", len(probs))
		}
		for _, p := range probs {
			if f := textFault(p); f != "" {
				t.Fatalf("%s: %+v", f, p)
			}
		}
	})
}

// allCells is a small book with a cell of every kind the reader meets.
func allCells() []sheetData {
	s := goodBook()
	s[1].rows = append(s[1].rows, []any{2023, "hospital", "西城区", formula("1+1"), nil})
	s[2].rows = append(s[2].rows, []any{"C3", 2025, "hospital", "M2", "day", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), nil, 4, nil, 1, formula("I3*0.1")})
	s[0].rows = append(s[0].rows, []any{"acc", "意外", "accident", 100, 1, 2, nil, nil, nil, nil, nil, 60000, true})
	return s
}

// FuzzReadParts: the parts the reader parses itself (the workbook, its
// relationships, the shared strings and the worksheets) replaced by mutated
// XML inside an otherwise valid workbook, which the zip layer of FuzzRead
// rarely lets through (a mutated deflate stream fails its checksum). part
// picks the part (modulo their number).
func FuzzReadParts(f *testing.F) {
	base, err := os.ReadFile("testdata/defects.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		f.Fatal(err)
	}
	var names []string
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, ".xml") || strings.HasSuffix(zf.Name, ".rels") {
			if zf.Name == "xl/workbook.xml" || zf.Name == "xl/_rels/workbook.xml.rels" || zf.Name == "xl/sharedStrings.xml" ||
				strings.HasPrefix(zf.Name, "xl/worksheets/") {
				names = append(names, zf.Name)
			}
		}
	}
	for i, n := range names {
		rc, err := findZip(zr, n).Open()
		if err != nil {
			f.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), b)
	}
	lim := Limits{MaxFileBytes: 4 << 20, MaxUnzipBytes: 32 << 20, MaxRatio: 200, MaxRows: 10000}
	f.Fuzz(func(t *testing.T, part uint8, data []byte) {
		target := names[int(part)%len(names)]
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, zf := range zr.File {
			w, err := zw.Create(zf.Name)
			if err != nil {
				t.Fatal(err)
			}
			if zf.Name == target {
				w.Write(data)
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(w, rc)
			rc.Close()
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		b, probs, err := ReadWithLimits(path, lim)
		if err != nil {
			if !IsFileError(err) {
				t.Fatalf("not a FileError: %v", err)
			}
			return
		}
		if b == nil {
			t.Fatalf("no book and no error (%d problems)", len(probs))
		}
		for _, p := range probs {
			if f := textFault(p); f != "" {
				t.Fatalf("%s: %+v", f, p)
			}
		}
	})
}

// FuzzHeader: any header text, put in place of one column of a sheet's
// template header (or in a title row above it), is recognised without a
// panic; every column is mapped at most once, a header that names a column
// exactly maps it, and every problem has a code, both messages and a
// bounded length. sheet picks the sheet, col the column replaced, title
// whether the text is a title row above the header instead.
func FuzzHeader(f *testing.F) {
	for _, h := range []string{"免赔额", "年度封顶", "参保份数", "给付金额", "金额", "费用金额", "编号", "起付线(元)", "住院天数（天）",
		"2025年互助保障给付明细", "合计", " PAID ", "计划编号 (plan)", "(plan)", "()", "（", "计划 (", strings.Repeat("长", 300), "\x00", "年度年度"} {
		f.Add(uint8(3), uint8(5), h, false)
		f.Add(uint8(0), uint8(7), h, true)
	}
	f.Fuzz(func(t *testing.T, sheet, col uint8, h string, title bool) {
		var tables []Sheet
		for _, s := range Sheets {
			if !s.KeyValue {
				tables = append(tables, s)
			}
		}
		s := tables[int(sheet)%len(tables)]
		cells := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			cells[i] = c.Header()
		}
		var top []topRow
		if title {
			top = append(top, topRow{n: 1, cells: []string{h}})
		} else {
			cells[int(col)%len(cells)] = h
		}
		top = append(top, topRow{n: len(top) + 1, cells: cells})
		r := &reader{book: &Book{}}
		tb := newTable(r, s, s.Zh)
		tb.findHeader(top)
		seen := map[int]bool{}
		for i, j := range tb.colOf {
			if j < 0 {
				continue
			}
			if seen[j] {
				t.Fatalf("Excel column %d mapped twice", j)
			}
			seen[j] = true
			if j >= len(top[len(top)-1].cells) && tb.header == top[len(top)-1].n {
				t.Fatalf("column %s mapped beyond the row", s.Columns[i].Key)
			}
		}
		if !title {
			for i, c := range s.Columns {
				if normHeader(h) == normHeader(c.Header()) && tb.colOf[i] < 0 {
					t.Fatalf("%q names %s but is not mapped", h, c.Key)
				}
			}
			if tb.header != 1 {
				t.Fatalf("header at row %d", tb.header)
			}
		}
		for _, p := range r.probs {
			if textFault(p) != "" || len(p.Text.In(i18n.En)) > 1200 || len(p.Found) > 400 {
				t.Fatalf("problem %+v", p)
			}
		}
		sheetCore(h)
		suggestSheets(h)
	})
}

// FuzzSheetNames: any sheet name, among names of the format's sheets and
// their numbered continuations, is sorted without a panic: a numbered name
// splits into a base and a number of 1 to 999 that give the name back; every
// sheet belongs to at most one table, a table's first sheet is the one
// found for it, and every problem has a code and bounded messages.
func FuzzSheetNames(f *testing.F) {
	for _, n := range []string{"给付明细2", "给付明细 (2)", "给付明细（3）", "Claims 2", "claims-4", "给付明细1", "给付明细2025", "给付记录2",
		"2025年给付明细2", "(2)", "2", "给付明细 ()", "给付明细(0)", "给付明细 (1000)", "参保_2", "基金2", "\x00", strings.Repeat("长", 100) + "2"} {
		f.Add(n, uint8(0))
		f.Add(n, uint8(5))
	}
	f.Fuzz(func(t *testing.T, name string, others uint8) {
		if base, num, ok := splitPart(name); ok {
			if base == "" || num < 1 || num > 999 {
				t.Fatalf("%q: base %q, number %d", name, base, num)
			}
			if last := base[len(base)-1]; last < '0' || last > '9' {
				if b, n, ok := splitPart(ContinuationName(base, num)); !ok || b != base || n != num {
					t.Fatalf("%q: %q %d does not give itself back (%q %d)", name, base, num, b, n)
				}
			}
		}
		all := []string{name, ContinuationName(name, 2), name + " (3)", "给付明细", "给付明细2", "给付明细 (3)", "Claims 4", "计划", "参保2"}
		names := all[:int(others)%len(all)+1]
		r := &reader{x: &xlsxstream.Book{Sheets: names}, book: &Book{}}
		found, parts := r.findSheets()
		seen := map[string]string{}
		for key, ps := range parts {
			if len(ps) == 0 || found[key] != ps[0] {
				t.Fatalf("%s: found %q, sheets %q", key, found[key], ps)
			}
			for _, n := range ps {
				if k, ok := seen[n]; ok {
					t.Fatalf("sheet %q in %s and %s", n, k, key)
				}
				seen[n] = key
			}
		}
		for _, p := range r.probs {
			if p.Code == "" || textFault(p) != "" || len(p.Text.In(i18n.En)) > 1200 || len(p.Text.In(i18n.Zh)) > 1200 {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}
