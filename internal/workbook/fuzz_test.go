package workbook

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseCell: no raw text of any column type panics, and an accepted value
// is finite and in the column's range.
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"", "0", "70%", "0.7", "1,234.50", "¥1,000", "45750", "2025-03-05", "2025年3月5日", "20250305",
		"1e308", "-0", "NaN", "Inf", "hospital", "住院医疗", "医疗费用", " 12 ", "2.5", "1e-400", "0x10", "１２３"} {
		for t := range int(BenefitEnum) + 1 {
			f.Add(uint8(t), s, false)
		}
	}
	f.Fuzz(func(t *testing.T, typ uint8, raw string, date1904 bool) {
		var col Column
		found := false
		for _, s := range Sheets {
			for _, c := range s.Columns {
				if uint8(c.Type) == typ%uint8(BenefitEnum+1) {
					col, found = c, true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			col = Column{Key: "x", Type: Type(typ % uint8(BenefitEnum+1))}
		}
		v, ok := parseCell(col, raw, date1904)
		if !ok || !v.Set {
			return
		}
		if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
			t.Fatalf("%v %q: accepted non-finite %v", col.Type, raw, v.Num)
		}
		switch col.Type {
		case Int, Money:
			if !inRange(col, v.Num) {
				t.Fatalf("%s %q: accepted %v out of range", col.Key, raw, v.Num)
			}
		case Ratio:
			if v.Num < 0 || v.Num > 1 {
				t.Fatalf("ratio %q accepted as %v", raw, v.Num)
			}
		case Date:
			if y := v.Date.Year(); y < 1900 || y > 2200 {
				t.Fatalf("date %q accepted as %v", raw, v.Date)
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
	})
}
