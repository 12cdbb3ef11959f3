package workbook_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/xuri/excelize/v2"
)

// The mutation suite starts from a generated book, written by the workbook
// writer, and applies the edits people make to such a book in Excel or WPS,
// or that other programs make when they save it. Each has its expected
// outcome: the book reads to the same numbers as the original (possibly with
// a notice or warning), or a problem with a named code at a named cell, or
// the file is refused as a whole. Whatever the outcome, a read without
// errors must give the original numbers unless the mutation says what
// changes: nothing changes silently.

// outcome is what a mutation must lead to.
type outcome struct {
	same  bool           // the same numbers as the original
	level workbook.Level // of the problem (with code)
	code  string         // a problem that must be there ("" = none needed)
	cell  string         // its cell (or its sheet when it has none)
	file  string         // the read fails as a whole, the error containing this
	// check replaces the comparison with the original when the mutation
	// changes the numbers on purpose.
	check func(orig, got *workbook.Book) error
}

func same() outcome { return outcome{same: true} }
func sameWith(code, cell string) outcome {
	return outcome{same: true, level: -1, code: code, cell: cell}
}
func errAt(code, cell string) outcome { return outcome{level: workbook.Error, code: code, cell: cell} }
func warnAt(code, cell string) outcome {
	return outcome{level: workbook.Warning, code: code, cell: cell}
}
func fileErr(s string) outcome { return outcome{file: s} }

// mbook is a book being mutated: its excelize file and, for edits that
// excelize cannot make (empty cached values, namespaces, damaged bytes),
// edits of the saved parts.
type mbook struct {
	t   *testing.T
	f   *excelize.File
	raw []func(name string, b []byte) []byte // applied to every part after saving
	zip func([]byte) []byte                  // applied to the saved file
}

type mutation struct {
	name string
	edit func(m *mbook)
	want outcome
}

// col returns the column letter of key on sheet (headers `中文 (key)`).
func (m *mbook) col(sheet, key string) string {
	rows, err := m.f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		m.t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i, h := range rows[0] {
		if strings.HasSuffix(h, "("+key+")") {
			c, _ := excelize.ColumnNumberToName(i + 1)
			return c
		}
	}
	m.t.Fatalf("sheet %s has no column %s", sheet, key)
	return ""
}

// row returns the first data row (1-based) of sheet whose column key has
// value want ("" = any row).
func (m *mbook) row(sheet, key, want string) int {
	c := m.col(sheet, key)
	rows, _ := m.f.GetRows(sheet)
	for i := 1; i < len(rows); i++ {
		v, _ := m.f.GetCellValue(sheet, c+strconv.Itoa(i+1), excelize.Options{RawCellValue: true})
		if want == "" || v == want {
			return i + 1
		}
	}
	m.t.Fatalf("sheet %s: no row with %s = %q", sheet, key, want)
	return 0
}

func (m *mbook) get(sheet, cell string) string {
	v, err := m.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		m.t.Fatal(err)
	}
	return v
}

func (m *mbook) set(sheet, cell string, v any) {
	if err := m.f.SetCellValue(sheet, cell, v); err != nil {
		m.t.Fatal(err)
	}
}

func (m *mbook) header(sheet, key, to string) { m.set(sheet, m.col(sheet, key)+"1", to) }

func (m *mbook) rename(from, to string) {
	if err := m.f.SetSheetName(from, to); err != nil {
		m.t.Fatal(err)
	}
}

func (m *mbook) titleRows(sheet string, n int) {
	if err := m.f.InsertRows(sheet, 1, n); err != nil {
		m.t.Fatal(err)
	}
	m.set(sheet, "A1", "2025年互助保障"+sheet)
}

// medical is the first medical claim's row.
func (m *mbook) medical() int { return m.row("给付明细", "benefit", "medical") }

// formulaNoValue puts a formula whose cached value is empty (<v></v>, as
// openpyxl and pandas write) in cell.
func (m *mbook) formulaNoValue(sheet, cell string) {
	if err := m.f.SetCellFormula(sheet, cell, "1+1"); err != nil {
		m.t.Fatal(err)
	}
	// As openpyxl writes it: no type, an empty value.
	re := regexp.MustCompile(`(<c r="` + cell + `")[^>]*><f>1\+1</f>(<v>[^<]*</v>)?`)
	m.raw = append(m.raw, func(name string, b []byte) []byte {
		if !strings.HasPrefix(name, "xl/worksheets/") {
			return b
		}
		return re.ReplaceAll(b, []byte("${1}><f>1+1</f><v></v>"))
	})
}

// clearRows empties a sheet below its header (from 2) or all of it (from 1).
func (m *mbook) clearRows(sheet string, from int) {
	rows, _ := m.f.GetRows(sheet)
	if err := m.f.DeleteSheet(sheet); err != nil {
		m.t.Fatal(err)
	}
	if _, err := m.f.NewSheet(sheet); err != nil {
		m.t.Fatal(err)
	}
	if from == 2 {
		for i, h := range rows[0] {
			c, _ := excelize.CoordinatesToCellName(i+1, 1)
			m.set(sheet, c, h)
		}
	}
}

// strict rewrites the namespaces as a Strict Open XML workbook has them.
func strict(name string, b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("http://schemas.openxmlformats.org/spreadsheetml/2006/main"), []byte("http://purl.oclc.org/ooxml/spreadsheetml/main"))
	return bytes.ReplaceAll(b, []byte("http://schemas.openxmlformats.org/officeDocument/2006/relationships"), []byte("http://purl.oclc.org/ooxml/officeDocument/relationships"))
}

// rezip applies raw edits to the parts of a saved workbook.
func rezip(t *testing.T, data []byte, edits []func(string, []byte) []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range edits {
			b = e(zf.Name, b)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// flipBit flips one bit in the middle of part's compressed data.
func flipBit(part string) func([]byte) []byte {
	return func(data []byte) []byte {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			panic(err)
		}
		for _, zf := range zr.File {
			if zf.Name == part {
				off, err := zf.DataOffset()
				if err != nil {
					panic(err)
				}
				out := append([]byte(nil), data...)
				out[off+int64(zf.CompressedSize64)/2] ^= 0x04
				return out
			}
		}
		panic("no part " + part)
	}
}

// sheetPart is the zip part of a sheet in a saved book.
func sheetPart(t *testing.T, f *excelize.File, sheet string) string {
	for i, s := range f.GetSheetList() {
		if s == sheet {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		}
	}
	t.Fatalf("no sheet %s", sheet)
	return ""
}

func mutations() []mutation {
	const (
		P = "计划"
		S = "给付标准"
		E = "参保"
		C = "给付明细"
		F = "基金"
	)
	costAs := func(format func(x float64) string) func(m *mbook) {
		return func(m *mbook) {
			r := m.medical()
			cell := m.col(C, "cost") + strconv.Itoa(r)
			x, _ := strconv.ParseFloat(m.get(C, cell), 64)
			m.set(C, cell, format(x))
		}
	}
	dateAs := func(format string) func(m *mbook) {
		return func(m *mbook) {
			cell := m.col(C, "event_date") + "2"
			serial, _ := strconv.ParseFloat(m.get(C, cell), 64)
			d, _ := excelize.ExcelDateToTime(serial, false)
			m.set(C, cell, d.Format(format))
		}
	}
	grouped := func(x float64) string {
		s := strconv.FormatFloat(x, 'f', 2, 64)
		i := strings.IndexByte(s, '.')
		for j := i - 3; j > 0; j -= 3 {
			s = s[:j] + "," + s[j:]
		}
		return s
	}
	return []mutation{
		// Sheet names.
		{"claims sheet 给付明细表", func(m *mbook) { m.rename(C, "给付明细表") }, sameWith("sheet_read_as", "给付明细表")},
		{"claims sheet 2025年给付明细", func(m *mbook) { m.rename(C, "2025年给付明细") }, sameWith("sheet_read_as", "2025年给付明细")},
		{"claims sheet English", func(m *mbook) { m.rename(C, "claims") }, same()},
		{"claims sheet 给付记录", func(m *mbook) { m.rename(C, "给付记录") }, same()},
		{"claims sheet 理赔明细", func(m *mbook) { m.rename(C, "理赔明细") }, same()},
		{"claims sheet 给付明细 (备份)", func(m *mbook) { m.rename(C, "给付明细 (备份)") }, errAt("unrecognised_sheet", "给付明细 (备份)")},
		{"claims sheet 给付明细2", func(m *mbook) { m.rename(C, "给付明细2") }, errAt("continuation_without_first", "给付明细2")},
		{"enrolment sheet 参保情况", func(m *mbook) { m.rename(E, "参保情况") }, same()},
		{"enrolment sheet 2025年度参保", func(m *mbook) { m.rename(E, "2025年度参保") }, sameWith("sheet_read_as", "2025年度参保")},
		{"plans sheet 保障计划", func(m *mbook) { m.rename(P, "保障计划") }, same()},
		{"plans sheet Plans", func(m *mbook) { m.rename(P, "PLANS") }, same()},
		{"fund sheet 基金参数表", func(m *mbook) { m.rename(F, "基金参数表") }, sameWith("sheet_read_as", "基金参数表")},
		{"schedules sheet 给付标准表", func(m *mbook) { m.rename(S, "给付标准表") }, sameWith("sheet_read_as", "给付标准表")},
		{"claims sheet deleted", func(m *mbook) { m.f.DeleteSheet(C) }, warnAt("no_claims", "")},
		{"claims sheet emptied", func(m *mbook) { m.clearRows(C, 1) }, warnAt("no_claims", C)},
		{"claims sheet header only", func(m *mbook) { m.clearRows(C, 2) }, warnAt("no_claims", C)},
		{"two claims sheets", func(m *mbook) {
			to, _ := m.f.NewSheet("2024年给付明细")
			from, _ := m.f.GetSheetIndex(C)
			if err := m.f.CopySheet(from, to); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("duplicate_sheet", "2024年给付明细")},
		{"a copy of the claims sheet as Excel names it", func(m *mbook) {
			to, _ := m.f.NewSheet("给付明细 (2)")
			from, _ := m.f.GetSheetIndex(C)
			if err := m.f.CopySheet(from, to); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("continuation_copy", "给付明细 (2)!2:2")},
		{"two claims sheets under two names", func(m *mbook) {
			to, _ := m.f.NewSheet("给付记录")
			from, _ := m.f.GetSheetIndex(C)
			if err := m.f.CopySheet(from, to); err != nil {
				m.t.Fatal(err)
			}
		}, errAt("duplicate_sheet", "给付记录")},
		{"plans sheet emptied", func(m *mbook) { m.clearRows(P, 1) }, errAt("empty_sheet", P)},
		{"enrolment sheet emptied", func(m *mbook) { m.clearRows(E, 1) }, errAt("no_experience", E)},

		// Headers.
		{"claims paid as 给付金额", func(m *mbook) { m.header(C, "paid", "给付金额") }, same()},
		{"claims paid as 实付金额", func(m *mbook) { m.header(C, "paid", "实付金额") }, same()},
		{"claims paid as PAID", func(m *mbook) { m.header(C, "paid", "PAID") }, same()},
		{"claims paid as 金额 (ambiguous)", func(m *mbook) { m.header(C, "paid", "金额") }, errAt("unrecognised_column", "给付明细!M1")},
		{"claims cost as 费用金额", func(m *mbook) { m.header(C, "cost", "费用金额") }, errAt("unrecognised_column", "给付明细!J1")},
		{"claims days as 住院天数（天）", func(m *mbook) { m.header(C, "days", "住院天数（天）") }, same()},
		{"claims cost as 已给付金额 (twice)", func(m *mbook) { m.header(C, "cost", "已给付金额") }, errAt("duplicate_column", "给付明细!M1")},
		{"claims claim_id as 编号", func(m *mbook) { m.header(C, "claim_id", "编号") }, errAt("unrecognised_column", "给付明细!A1")},
		{"claims extra column 备注", func(m *mbook) { m.set(C, "N1", "备注"); m.set(C, "N2", "复核") }, sameWith("unknown_column", "给付明细!N1")},
		{"plans deductible as 免赔额", func(m *mbook) { m.header(P, "deductible", "免赔额") }, same()},
		{"plans deductible as 起付线(元)", func(m *mbook) { m.header(P, "deductible", "起付线(元)") }, same()},
		{"plans annual_cap as 年度封顶", func(m *mbook) { m.header(P, "annual_cap", "年度封顶") }, same()},
		{"plans annual_cap as 最高给付 (ambiguous)", func(m *mbook) { m.header(P, "annual_cap", "最高给付") }, errAt("unrecognised_column", "计划!M1")},
		{"plans deductible as 起付线额 (look-alike)", func(m *mbook) { m.header(P, "deductible", "起付线额") }, errAt("unrecognised_column", "计划!H1")},
		{"enrolment shares as 参保份数", func(m *mbook) { m.header(E, "shares", "参保份数") }, same()},
		{"enrolment members with spaces", func(m *mbook) { m.header(E, "members", " 参保人数  ") }, same()},
		{"enrolment members as English key", func(m *mbook) { m.header(E, "members", "Members") }, same()},

		// Title rows above the header.
		{"title row above claims", func(m *mbook) { m.titleRows(C, 1) }, sameWith("header_row", "给付明细!2:2")},
		{"two title rows above enrolment", func(m *mbook) { m.titleRows(E, 2) }, sameWith("header_row", "参保!3:3")},
		{"title row above plans", func(m *mbook) { m.titleRows(P, 1) }, sameWith("header_row", "计划!2:2")},
		{"title row above fund", func(m *mbook) { m.titleRows(F, 1) }, sameWith("header_row", "基金!2:2")},
		{"six title rows above claims", func(m *mbook) { m.titleRows(C, 6) }, errAt("missing_column", "给付明细!1:1")},

		// Number spellings.
		{"contribution 50,5", func(m *mbook) { m.set(P, m.col(P, "contribution")+"2", "50,5") }, errAt("bad_value", "计划!D2")},
		{"contribution 1.234,56", func(m *mbook) { m.set(P, m.col(P, "contribution")+"2", "1.234,56") }, errAt("bad_value", "计划!D2")},
		{"cost 1631,94", func(m *mbook) { m.set(C, m.col(C, "cost")+strconv.Itoa(m.medical()), "1631,94") }, errAt("bad_value", "")},
		{"cost with thousands", costAs(grouped), same()},
		{"cost with ¥ and thousands", costAs(func(x float64) string { return "¥" + grouped(x) }), same()},
		{"cost with 元", costAs(func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) + "元" }), same()},
		{"cost with full-width comma", costAs(func(x float64) string { return strings.ReplaceAll(grouped(x), ",", "，") }), same()},
		{"members as text", func(m *mbook) {
			c := m.col(E, "members") + "2"
			m.set(E, c, " "+m.get(E, c)+" ")
		}, same()},
		{"cost 1e15", func(m *mbook) { m.set(C, m.col(C, "cost")+strconv.Itoa(m.medical()), 1e15) }, errAt("bad_value", "")},
		{"days 1e9", func(m *mbook) { m.set(C, m.col(C, "days")+"2", 1e9) }, errAt("bad_value", "给付明细!I2")},
		{"members 1e12", func(m *mbook) { m.set(E, m.col(E, "members")+"2", 1e12) }, errAt("bad_value", "参保!D2")},
		{"paid negative", func(m *mbook) { m.set(C, m.col(C, "paid")+"2", -350) }, errAt("bad_value", "给付明细!M2")},
		{"days 2.5", func(m *mbook) { m.set(C, m.col(C, "days")+"2", 2.5) }, errAt("bad_value", "给付明细!I2")},
		{"ratio_1 as 70", func(m *mbook) { m.set(P, m.col(P, "ratio_1")+strconv.Itoa(m.row(P, "kind", "hospital")), 70) }, errAt("bad_value", "")},
		{"ratio_1 as text percent", func(m *mbook) {
			c := m.col(P, "ratio_1") + strconv.Itoa(m.row(P, "kind", "hospital"))
			x, _ := strconv.ParseFloat(m.get(P, c), 64)
			m.set(P, c, strconv.FormatFloat(x*100, 'f', -1, 64)+"%")
		}, same()},
		{"medical_trend 5", func(m *mbook) {
			m.set(F, "B"+strconv.Itoa(m.row(F, "key", "医疗费用增长率 (medical_trend)")), 5)
		}, errAt("bad_value", "")},
		{"rounding 0", func(m *mbook) {
			m.set(F, "B"+strconv.Itoa(m.row(F, "key", "取整单位 (rounding)")), 0)
		}, errAt("bad_value", "")},
		{"a 3 MB header", func(m *mbook) { m.set(C, "N1", strings.Repeat("长", 1<<20)) }, sameWith("unknown_column", "给付明细!N1")},
		{"medical_trend as text percent", func(m *mbook) {
			c := "B" + strconv.Itoa(m.row(F, "key", "医疗费用增长率 (medical_trend)"))
			x, _ := strconv.ParseFloat(m.get(F, c), 64)
			m.set(F, c, strconv.FormatFloat(x*100, 'f', -1, 64)+"%")
		}, same()},

		// Date spellings.
		{"date as ISO text", dateAs("2006-01-02"), same()},
		{"date as 2006/1/2", dateAs("2006/1/2"), same()},
		{"date as 年月日", dateAs("2006年1月2日"), same()},
		{"date as 20060102", dateAs("20060102"), same()},
		{"date serial with a time of day", func(m *mbook) {
			c := m.col(C, "event_date") + "2"
			m.set(C, c, m.get(C, c)+".25")
		}, same()},
		{"date 2024-13-45", func(m *mbook) { m.set(C, m.col(C, "event_date")+"2", "2024-13-45") }, errAt("bad_value", "给付明细!G2")},
		{"date 16/09/2024", func(m *mbook) { m.set(C, m.col(C, "event_date")+"2", "16/09/2024") }, errAt("bad_value", "给付明细!G2")},

		// Total rows.
		{"claims total row that does not add up", func(m *mbook) {
			rows, _ := m.f.GetRows(C)
			n := strconv.Itoa(len(rows) + 1)
			m.set(C, "A"+n, "合计")
			m.set(C, m.col(C, "paid")+n, 1)
		}, outcome{same: true, level: workbook.Warning, code: "total_mismatch"}},
		{"enrolment total 合  计", func(m *mbook) {
			rows, _ := m.f.GetRows(E)
			n := strconv.Itoa(len(rows) + 1)
			m.set(E, "A"+n, "合  计")
			m.set(E, m.col(E, "members")+n, 7)
		}, outcome{same: true, level: workbook.Warning, code: "total_mismatch"}},
		{"enrolment total 总计 in the plan column", func(m *mbook) {
			rows, _ := m.f.GetRows(E)
			n := strconv.Itoa(len(rows) + 1)
			m.set(E, "B"+n, "总计")
		}, same()},
		{"a claim of the group 合计", func(m *mbook) { m.set(C, m.col(C, "group")+"2", "合计") }, outcome{check: func(orig, got *workbook.Book) error {
			if len(got.Claims) != len(orig.Claims) || got.Claims[0].Group != "合计" {
				return fmt.Errorf("%d claims (want %d), first group %q", len(got.Claims), len(orig.Claims), got.Claims[0].Group)
			}
			return nil
		}}},

		// Formulas.
		{"paid formula with an empty cached value", func(m *mbook) { m.formulaNoValue(C, m.col(C, "paid")+"2") }, errAt("formula_without_value", "给付明细!M2")},
		{"members formula with an empty cached value", func(m *mbook) { m.formulaNoValue(E, m.col(E, "members")+"3") }, errAt("formula_without_value", "参保!D3")},
		{"opening reserve formula with an empty cached value", func(m *mbook) {
			m.formulaNoValue(F, "B"+strconv.Itoa(m.row(F, "key", "期初风险储备金 (opening_reserve)")))
		}, errAt("formula_without_value", "")},
		{"formula in a total row without value", func(m *mbook) {
			rows, _ := m.f.GetRows(E)
			n := strconv.Itoa(len(rows) + 1)
			m.set(E, "A"+n, "合计")
			m.formulaNoValue(E, m.col(E, "members")+n)
		}, outcome{same: true, level: workbook.Warning, code: "total_without_value"}},

		// Cross-sheet.
		{"zero enrolment for a plan-year with claims", func(m *mbook) {
			rows, _ := m.f.GetRows(E)
			mc, sc, cc, nc := m.col(E, "members"), m.col(E, "shares"), m.col(E, "contributions"), m.col(E, "new_members")
			for i := 2; i <= len(rows); i++ {
				n := strconv.Itoa(i)
				if m.get(E, "A"+n) == "2025" && m.get(E, "B"+n) == "accident" {
					m.set(E, mc+n, 0)
					m.set(E, sc+n, 0)
					m.set(E, cc+n, 0)
					m.set(E, nc+n, 0)
				}
			}
		}, errAt("claims_without_members", "")},
		{"claim of an unknown plan", func(m *mbook) { m.set(C, m.col(C, "plan")+"2", "nosuch") }, errAt("unknown_plan", "给付明细!C2")},
		{"report before event", func(m *mbook) { m.set(C, m.col(C, "report_date")+"2", "2000-01-01") }, errAt("report_before_event", "给付明细!H2")},
		{"plan kind blanked", func(m *mbook) { m.set(P, m.col(P, "kind")+"3", "") }, errAt("required", "计划!C3")},

		// The file as other programs save it, or damaged.
		{"Strict Open XML", func(m *mbook) { m.raw = append(m.raw, strict) }, same()},
		{"a bit flipped in the enrolment sheet", func(m *mbook) { m.zip = flipBit(sheetPart(m.t, m.f, E)) }, fileErr("damaged")},
		{"a bit flipped in the claims sheet", func(m *mbook) { m.zip = flipBit(sheetPart(m.t, m.f, C)) }, fileErr("damaged")},
		{"a 5 MB shared string", func(m *mbook) {
			m.set(C, "N2", "MARKER")
			big := strings.Repeat("x", 5<<20)
			m.raw = append(m.raw, func(name string, b []byte) []byte {
				if name != "xl/sharedStrings.xml" {
					return b
				}
				if !bytes.Contains(b, []byte("MARKER")) {
					panic("no shared string to grow")
				}
				return bytes.Replace(b, []byte("MARKER"), []byte(big), 1)
			})
		}, fileErr("4 MB")},
		{"a 3000-character claim id", func(m *mbook) { m.set(C, "A2", strings.Repeat("长", 3000)) }, errAt("bad_value", "给付明细!A2")},
	}
}

func TestMutations(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 3000, Years: 2, LastYear: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "base.xlsx")
	if err := workbook.Save(base, b, false); err != nil {
		t.Fatal(err)
	}
	orig, probs, err := workbook.Read(base)
	if err != nil || len(probs) > 0 {
		t.Fatalf("the generated book: %v %v", err, probs)
	}
	want := comparable(t, orig)
	ms := mutations()
	if len(ms) < 60 {
		t.Fatalf("%d mutations, want at least 60", len(ms))
	}
	for _, mu := range ms {
		t.Run(mu.name, func(t *testing.T) {
			t.Parallel()
			runMutation(t, base, orig, want, mu)
		})
	}
}

// runMutation applies mu to the book saved at base, read as orig (want its
// comparable form), and checks the outcome.
func runMutation(t *testing.T, base string, orig *workbook.Book, want string, mu mutation) {
	f, err := excelize.OpenFile(base)
	if err != nil {
		t.Fatal(err)
	}
	m := &mbook{t: t, f: f}
	mu.edit(m)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if len(m.raw) > 0 {
		data = rezip(t, data, m.raw)
	}
	if m.zip != nil {
		data = m.zip(data)
	}
	p := filepath.Join(t.TempDir(), "m.xlsx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, probs, err := workbook.Read(p)
	w := mu.want
	if w.file != "" {
		if err == nil || !workbook.IsFileError(err) || !strings.Contains(err.Error(), w.file) {
			t.Fatalf("want a file error with %q, got %v", w.file, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if w.code != "" {
		found := false
		for _, p := range probs {
			if p.Code == w.code && (w.cell == "" || p.Cell == w.cell || p.Cell == "" && p.Sheet == w.cell) && (w.level < 0 || p.Level == w.level) {
				found = true
			}
		}
		if !found {
			t.Fatalf("want %s at %q, got:\n%s", w.code, w.cell, list(probs))
		}
	}
	switch {
	case w.check != nil:
		if probs.HasErrors() {
			t.Fatalf("errors:\n%s", list(probs))
		}
		if err := w.check(orig, got); err != nil {
			t.Fatal(err)
		}
	case w.same:
		if probs.HasErrors() {
			t.Fatalf("want the same book, got errors:\n%s", list(probs))
		}
		if comparable(t, got) != want {
			t.Fatalf("the numbers changed")
		}
	case w.level == workbook.Error:
		if !probs.HasErrors() {
			t.Fatalf("want an error")
		}
	default:
		// A warning whose numbers may differ: it must be shown.
		if probs.Count(workbook.Warning)+probs.Count(workbook.Error) == 0 {
			t.Fatalf("a change without a visible problem")
		}
	}
	for _, p := range probs {
		if len(p.Text.In(i18n.En)) > 600 || len(p.Found) > 400 {
			t.Errorf("a message too long (%d bytes): %.200s", len(p.Text.In(i18n.En)), p.Text.In(i18n.En))
		}
	}
}

func list(ps workbook.Problems) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s %s %s\n", p.Level, p.Code, p.Message(i18n.En))
	}
	return b.String()
}

// A bit flipped anywhere in the file (180 places, chosen by a fixed seed)
// either makes the file refused as a whole or leaves the numbers as they
// were (a flip in a date stamp of the zip directory): never other figures
// with no error.
func TestBitFlips(t *testing.T) {
	b, _, err := example.Generate(example.Config{Members: 1000, Years: 2, LastYear: 2025, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "base.xlsx")
	if err := workbook.Save(base, b, false); err != nil {
		t.Fatal(err)
	}
	orig, _, err := workbook.Read(base)
	if err != nil {
		t.Fatal(err)
	}
	want := comparable(t, orig)
	data, _ := os.ReadFile(base)
	dir := t.TempDir()
	refused, unchanged := 0, 0
	x := uint64(0x9E3779B97F4A7C15)
	for i := range 180 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		pos := int(x % uint64(len(data)))
		bad := append([]byte(nil), data...)
		bad[pos] ^= 1 << (x >> 61)
		p := filepath.Join(dir, fmt.Sprintf("f%d.xlsx", i))
		os.WriteFile(p, bad, 0o644)
		got, probs, err := workbook.Read(p)
		switch {
		case err != nil:
			if !workbook.IsFileError(err) {
				t.Errorf("flip at byte %d: not a file error: %v", pos, err)
			}
			refused++
		case probs.HasErrors():
			refused++
		case comparable(t, got) != want:
			t.Errorf("flip at byte %d of %d: other numbers and no error", pos, len(data))
		default:
			unchanged++
		}
	}
	t.Logf("%d flips refused, %d with the same numbers", refused, unchanged)
}
