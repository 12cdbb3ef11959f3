package xlsxstream

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Rows iterates over a worksheet's rows in order, gaps included (an absent
// row is returned empty), as excelize's Rows does.
type Rows struct {
	*scanner
	rc    io.ReadCloser
	sst   *Strings
	row   int // the row last returned (1-based)
	next  int // the row number of the buffered row (0: none)
	buf   []string
	bufNV []int
	cur   []string
	curNV []int
	done  bool
	err   error

	size, csize int64 // the part's size, unzipped and zipped
}

// OpenRows opens the worksheet part of a, whose shared strings are sst.
func OpenRows(a *Archive, part string, sst *Strings) (*Rows, error) {
	zf := a.Find(part)
	if zf == nil {
		return nil, fmt.Errorf("worksheet part %q is missing", part)
	}
	rc, err := a.open(zf)
	if err != nil {
		return nil, err
	}
	s := &Rows{scanner: newScanner(rc), rc: rc, sst: sst,
		size: int64(min(zf.UncompressedSize64, 1<<62)), csize: int64(min(zf.CompressedSize64, 1<<62))}
	// Skip to <sheetData>.
	for {
		name, _, self, err := s.tag()
		if err != nil {
			if err == io.EOF {
				s.done = true
				return s, nil
			}
			Abort(rc)
			return nil, err
		}
		if name == "sheetData" {
			if self {
				s.done = true
			}
			return s, nil
		}
	}
}

// RowsHint estimates how many rows the sheet has, from the bytes its rows so
// far took and the part's size (the rows of a sheet are alike), to size the
// slices that receive them at once; 0 when there is nothing to go on. The
// estimate is at most one row per 8 zipped bytes, so that a part that lies
// about its size costs no more memory than its zipped bytes justify.
func (s *Rows) RowsHint() int {
	read := s.in.n - int64(s.br.Buffered())
	if s.row < 100 || read <= 0 || s.size <= read {
		return 0
	}
	est := float64(s.size) / float64(read) * float64(s.row) * 1.02
	return int(min(est, float64(s.csize/8), MaxRows))
}

// Close reads the rest of the part, to check its checksum, and releases it:
// a damaged part is a *CorruptError, and what was read from it must not be
// used.
func (s *Rows) Close() error { return s.rc.Close() }

// Abort releases the part without reading the rest of it (after an error:
// the file is refused anyway).
func (s *Rows) Abort() { Abort(s.rc) }

// Error is the error that ended the iteration, if any.
func (s *Rows) Error() error { return s.err }

// Next advances to the next row.
func (s *Rows) Next() bool {
	if s.err != nil {
		return false
	}
	if s.next == 0 && !s.done {
		if err := s.readRow(); err != nil {
			s.err = err
			return false
		}
	}
	if s.next == 0 {
		return false
	}
	s.row++
	if s.row < s.next {
		s.cur, s.curNV = s.cur[:0], s.curNV[:0]
		return true
	}
	s.cur, s.buf = s.buf, s.cur[:0]
	s.curNV, s.bufNV = s.bufNV, s.curNV[:0]
	s.next = 0
	return true
}

// Row is the 1-based number of the current row.
func (s *Rows) Row() int { return s.row }

// Columns returns the current row's raw cell values, by column (0-based),
// up to its last cell. The slice is reused by Next.
func (s *Rows) Columns() []string { return s.cur }

// NoValue returns the 0-based columns of the current row whose cell holds a
// formula without a cached value (no <v>, or an empty one as openpyxl and
// pandas write).
func (s *Rows) NoValue() []int { return s.curNV }

// readRow reads the next <row> into s.buf and sets s.next to its number.
func (s *Rows) readRow() error {
	for {
		name, attrs, self, err := s.tag()
		if err == io.EOF {
			s.done = true
			return nil
		}
		if err != nil {
			return err
		}
		switch name {
		case "/sheetData":
			s.done = true
			return nil
		case "row":
			n := s.row + 1
			if r := attr(attrs, "r"); r != nil {
				if v, err := strconv.Atoi(string(r)); err == nil && v > s.row {
					n = v
				}
			}
			if n > MaxRows {
				return fmt.Errorf("row %d is beyond Excel's %d rows", n, MaxRows)
			}
			s.buf, s.bufNV = s.buf[:0], s.bufNV[:0]
			if !self {
				if err := s.readCells(); err != nil {
					return err
				}
			}
			s.next = n
			return nil
		}
	}
}

// readCells reads the cells of a row up to </row>.
func (s *Rows) readCells() error {
	col := -1
	for {
		name, attrs, self, err := s.tag()
		if err != nil {
			if err == io.EOF {
				return errors.New("the worksheet ends inside a row")
			}
			return err
		}
		switch name {
		case "/row":
			return nil
		case "c":
			c := col + 1
			if r := attr(attrs, "r"); r != nil {
				if k := colIndex(r); k >= 0 {
					c = k
				}
			}
			if c >= MaxCols {
				return fmt.Errorf("cell %s is beyond Excel's last column XFD", attr(attrs, "r"))
			}
			col = c
			typ := string(attr(attrs, "t"))
			var val string
			hasF, hasV := false, false
			if !self {
				if val, hasF, hasV, err = s.readCell(typ); err != nil {
					return err
				}
			}
			for len(s.buf) <= c {
				s.buf = append(s.buf, "")
			}
			s.buf[c] = val
			if hasF && !hasV {
				s.bufNV = append(s.bufNV, c)
			}
		}
	}
}

// readCell reads a cell's content up to </c> and returns its raw value.
// hasV is false for a missing or empty cached value, except for a formula
// whose result is text (t="str"), which may be the empty string.
func (s *Rows) readCell(typ string) (val string, hasF, hasV bool, err error) {
	var v string
	var inline strings.Builder
	inIS := false
	for {
		name, _, self, err := s.tag()
		if err != nil {
			if err == io.EOF {
				err = errors.New("the worksheet ends inside a cell")
			}
			return "", false, false, err
		}
		switch name {
		case "/c":
			switch {
			case inIS || typ == "inlineStr":
				return inline.String(), hasF, hasV, nil
			case typ == "s":
				if !hasV && hasF {
					return "", hasF, false, nil
				}
				i, err := strconv.Atoi(strings.TrimSpace(v))
				str, ok := s.sst.Get(i)
				if err != nil || !ok {
					return "", hasF, hasV, fmt.Errorf("shared string index %q out of range", shorten(v))
				}
				return str, hasF, hasV, nil
			case typ == "b":
				if strings.TrimSpace(v) == "1" {
					return "TRUE", hasF, hasV, nil
				}
				if hasV {
					return "FALSE", hasF, hasV, nil
				}
			}
			return v, hasF, hasV, nil
		case "f":
			hasF = true
			if !self {
				if err := s.skipTo('<'); err != nil { // the formula text
					return "", false, false, err
				}
				if _, err := s.readTo('>'); err != nil { // </f>
					return "", false, false, err
				}
			}
		case "v":
			if !self {
				if v, err = s.textTo(); err != nil {
					return "", false, false, err
				}
				if _, err := s.readTo('>'); err != nil { // /v>
					return "", false, false, err
				}
			}
			hasV = v != "" || typ == "str"
		case "is":
			inIS, hasV = true, true
		case "t":
			if inIS && !self {
				t, err := s.textTo()
				if err != nil {
					return "", false, false, err
				}
				if inline.Len()+len(t) > MaxText {
					return "", false, false, fmt.Errorf("an inline string of more than %d MB: %w", MaxText>>20, ErrTooLarge)
				}
				inline.WriteString(t)
				if _, err := s.readTo('>'); err != nil { // /t>
					return "", false, false, err
				}
			}
		case "rPh":
			// Phonetic runs of an inline string: skip to </rPh>.
			if !self {
				for {
					n, _, _, err := s.tag()
					if err != nil {
						return "", false, false, err
					}
					if n == "/rPh" {
						break
					}
				}
			}
		}
	}
}

// shorten cuts a text for a message.
func shorten(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:40] + "…"
}
