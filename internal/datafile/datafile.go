// Package datafile reads a column of numbers for analysts' commands (fitdist):
// CSV, TSV, plain text with one value a line, an .xlsx sheet, or standard input.
// Problems are reported with file, line (or cell) and the value found, all at once.
package datafile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Options say where the values are.
type Options struct {
	Column string // header name or 1-based column number; "" = the only (or first numeric) column
	Sheet  string // xlsx sheet; "" = the first sheet
}

// Table is a column of values with optional frequencies (weights).
type Table struct {
	Values []float64
	Freq   []float64 // nil when every value counts once
}

// maxShown is how many bad lines an error lists before summarising the rest.
const maxShown = 20

// Read reads numbers from r. name is the file name (for its extension and for
// messages; "-" or "" for standard input, whose format is sniffed). With counts,
// values must be whole numbers ≥ 0, and a second column, if any, is taken as the
// frequency of each value (a `value,frequency` table).
func Read(r io.Reader, name string, opts Options, counts bool) (*Table, error) {
	if name == "" {
		name = "-"
	}
	data, err := io.ReadAll(io.LimitReader(r, 1<<31))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var rows [][]string
	var rowName func(i int) string
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".xlsx" || ext == ".xlsm" || (name == "-" && bytes.HasPrefix(data, []byte("PK\x03\x04"))):
		rows, rowName, err = readXLSX(data, name, opts.Sheet)
	case ext == ".csv":
		rows, err = readDelimited(data, ',')
	case ext == ".tsv" || ext == ".tab":
		rows, err = readDelimited(data, '\t')
	default:
		switch {
		case bytes.IndexByte(data, '\t') >= 0:
			rows, err = readDelimited(data, '\t')
		case bytes.IndexByte(data, ',') >= 0:
			rows, err = readDelimited(data, ',')
		default:
			rows = readLines(data)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if rowName == nil {
		rowName = func(i int) string { return fmt.Sprintf("%s:%d", name, i+1) }
	}
	return parse(rows, rowName, name, opts.Column, counts)
}

func readDelimited(data []byte, sep rune) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 BOM
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("not a valid %s file: %w", map[rune]string{',': "CSV", '\t': "TSV"}[sep], err)
	}
	return rows, nil
}

func readLines(data []byte) [][]string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		rows = append(rows, strings.Fields(sc.Text()))
	}
	return rows
}

func readXLSX(data []byte, name, sheet string) ([][]string, func(int) string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 256 << 20})
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	} else {
		found := ""
		for _, s := range f.GetSheetList() {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(sheet)) {
				found = s
			}
		}
		if found == "" {
			return nil, nil, fmt.Errorf("no sheet %q; the sheets are %s", sheet, strings.Join(f.GetSheetList(), ", "))
		}
		sheet = found
	}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, err
	}
	var rows [][]string
	for it.Next() {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, cols)
	}
	if err := it.Close(); err != nil {
		return nil, nil, err
	}
	return rows, func(i int) string { return fmt.Sprintf("%s!row %d", sheet, i+1) }, nil
}

func parse(rows [][]string, rowName func(int) string, name, column string, counts bool) (*Table, error) {
	// Drop blank rows, keeping the original index for messages.
	type row struct {
		i     int
		cells []string
	}
	var rs []row
	for i, r := range rows {
		if strings.TrimSpace(strings.Join(r, "")) != "" {
			rs = append(rs, row{i, r})
		}
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%s: no data", name)
	}
	// A first row that is not all numbers is a header.
	var header []string
	if !allNumeric(rs[0].cells) {
		header = rs[0].cells
		rs = rs[1:]
	}
	ncols := len(header)
	for _, r := range rs {
		ncols = max(ncols, len(r.cells))
	}
	col, freqCol, err := pickColumn(header, ncols, column, counts, name)
	if err != nil {
		return nil, err
	}
	t := &Table{}
	var bad []string
	nbad := 0
	for _, r := range rs {
		if col >= len(r.cells) || strings.TrimSpace(r.cells[col]) == "" {
			continue
		}
		s := strings.TrimSpace(r.cells[col])
		v, ok := number(s)
		what := "a number"
		if ok && counts && (v < 0 || v != math.Trunc(v)) {
			ok, what = false, "a whole number ≥ 0"
		}
		if !ok {
			nbad++
			if len(bad) < maxShown {
				bad = append(bad, fmt.Sprintf("%s: %q is not %s", rowName(r.i), clip(s), what))
			}
			continue
		}
		w := 1.0
		if freqCol >= 0 {
			fs := ""
			if freqCol < len(r.cells) {
				fs = strings.TrimSpace(r.cells[freqCol])
			}
			fv, ok := number(fs)
			if !ok || fv < 0 {
				nbad++
				if len(bad) < maxShown {
					bad = append(bad, fmt.Sprintf("%s: frequency %q is not a number ≥ 0", rowName(r.i), clip(fs)))
				}
				continue
			}
			w = fv
		}
		t.Values = append(t.Values, v)
		if freqCol >= 0 {
			t.Freq = append(t.Freq, w)
		}
	}
	if nbad > 0 {
		if nbad > len(bad) {
			bad = append(bad, fmt.Sprintf("… and %d more", nbad-len(bad)))
		}
		return nil, fmt.Errorf("%d bad value(s):\n  %s", nbad, strings.Join(bad, "\n  "))
	}
	if len(t.Values) == 0 {
		return nil, fmt.Errorf("%s: no values in the chosen column", name)
	}
	return t, nil
}

// pickColumn chooses the value column and, for counts, the frequency column
// (-1 for none): with --column, that column (by header or 1-based number) and, for
// counts, the column after it when there is one; without, the only column, or for
// counts a two-column `value,frequency` table.
func pickColumn(header []string, ncols int, column string, counts bool, name string) (col, freq int, err error) {
	freq = -1
	if column == "" {
		switch {
		case ncols == 1:
			return 0, -1, nil
		case counts && ncols == 2:
			return 0, 1, nil
		}
		cols := strings.Join(header, ", ")
		if header == nil {
			cols = "no header row"
		}
		return 0, 0, fmt.Errorf("%s: %d columns (%s): choose one with --column", name, ncols, cols)
	}
	col = -1
	if n, e := strconv.Atoi(column); e == nil {
		if n < 1 || n > ncols {
			return 0, 0, fmt.Errorf("%s: --column %d: the file has columns 1 to %d", name, n, ncols)
		}
		col = n - 1
	} else {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(column)) {
				col = i
			}
		}
		if col < 0 {
			if header == nil {
				return 0, 0, fmt.Errorf("%s: --column %q: the file has no header row; give a column number (1, 2, …)", name, column)
			}
			return 0, 0, fmt.Errorf("%s: no column %q; the columns are %s", name, column, strings.Join(header, ", "))
		}
	}
	if counts && col+1 < ncols {
		freq = col + 1
	}
	return col, freq, nil
}

func allNumeric(cells []string) bool {
	any := false
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if _, ok := number(c); !ok {
			return false
		}
		any = true
	}
	return any
}

// number parses a decimal number, allowing thousands separators ("1,234.5")
// only between groups of three digits: "1631,94" (a decimal comma) is not a
// number rather than 163194.
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, ",") {
		if !thousands(s) {
			return 0, false
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// thousands reports whether the commas of s separate groups of three digits.
func thousands(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Contains(s[i:], ",") {
			return false
		}
		s = s[:i]
	}
	for i, g := range strings.Split(s, ",") {
		if strings.Trim(g, "0123456789") != "" || i == 0 && (len(g) < 1 || len(g) > 3) || i > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

// clip shortens a value for a message: the first 80 characters and the length.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 90 {
		return s
	}
	return fmt.Sprintf("%s…(%d chars)", string(r[:80]), len(r))
}
