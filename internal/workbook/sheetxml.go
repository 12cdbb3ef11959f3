package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// The reader reads the worksheets' XML itself, streaming, rather than through
// excelize's row iterator: a workbook of a million claim rows is read several
// times faster and in a fraction of the memory (encoding/xml allocates per
// token). Only what the format needs is decoded: the sheet list, the 1904
// date system, shared strings, and per cell its reference, type, cached value
// or inline string, and whether it holds a formula without a cached value.
// Cell values are excelize's raw values (RawCellValue): numbers as stored,
// strings resolved.

// xlsxBook is the part of xl/workbook.xml and its relationships the reader uses.
type xlsxBook struct {
	sheets   []string          // sheet names in workbook order
	parts    map[string]string // sheet name → worksheet part in the zip
	date1904 bool
	sst      []string
}

func readXLSXBook(zr *zip.Reader) (*xlsxBook, error) {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	if !decodeZip(zr, "xl/workbook.xml", &wb) {
		return nil, errors.New("xl/workbook.xml cannot be read")
	}
	if !decodeZip(zr, "xl/_rels/workbook.xml.rels", &rels) {
		return nil, errors.New("xl/_rels/workbook.xml.rels cannot be read")
	}
	b := &xlsxBook{parts: map[string]string{}}
	d := strings.ToLower(wb.Pr.Date1904)
	b.date1904 = d == "1" || d == "true"
	target := map[string]string{}
	sstPart := ""
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sstPart = t
		}
	}
	for _, s := range wb.Sheets {
		b.sheets = append(b.sheets, s.Name)
		if t, ok := target[s.RID]; ok {
			b.parts[s.Name] = t
		}
	}
	if sstPart == "" && findZip(zr, "xl/sharedStrings.xml") != nil {
		sstPart = "xl/sharedStrings.xml"
	}
	if sstPart != "" {
		zf := findZip(zr, sstPart)
		if zf != nil {
			rc, err := zf.Open()
			if err != nil {
				return nil, err
			}
			b.sst, err = readSharedStrings(rc)
			rc.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", sstPart, err)
			}
		}
	}
	return b, nil
}

// readSharedStrings reads the shared string table: per <si>, its <t> texts
// concatenated (rich-text runs), phonetic runs (<rPh>) left out.
func readSharedStrings(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	var out []string
	var cur strings.Builder
	inSI, inT, inRPh := false, false, false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = inSI && !inRPh
			case "rPh":
				inRPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, cur.String())
				inSI = false
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

// sheetRows iterates over a worksheet's rows in order, gaps included (an
// absent row is returned empty), as excelize's Rows does.
type sheetRows struct {
	br    *bufio.Reader
	rc    io.Closer
	sst   []string
	row   int // the row last returned (1-based)
	next  int // the row number of the buffered row (0: none)
	buf   []string
	bufNV []int
	cur   []string
	curNV []int
	done  bool
	err   error
	text  []byte // scratch

	in          *countingReader // the part's bytes read so far
	size, csize int64           // the part's size, unzipped and zipped
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// RowsHint estimates how many rows the sheet has, from the bytes its rows so
// far took and the part's size (the rows of a sheet are alike), to size the
// slices that receive them at once; 0 when there is nothing to go on. The
// estimate is at most one row per 8 zipped bytes, so that a part that lies
// about its size costs no more memory than its zipped bytes justify.
func (s *sheetRows) RowsHint() int {
	read := s.in.n - int64(s.br.Buffered())
	if s.row < 100 || read <= 0 || s.size <= read {
		return 0
	}
	est := float64(s.size) / float64(read) * float64(s.row) * 1.02
	return int(min(est, float64(s.csize/8), maxRows))
}

func openSheetRows(zr *zip.Reader, part string, sst []string) (*sheetRows, error) {
	zf := findZip(zr, part)
	if zf == nil {
		return nil, fmt.Errorf("worksheet part %s is missing", part)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	cr := &countingReader{r: rc}
	s := &sheetRows{br: bufio.NewReaderSize(cr, 1<<16), rc: rc, sst: sst, in: cr,
		size: int64(min(zf.UncompressedSize64, 1<<62)), csize: int64(min(zf.CompressedSize64, 1<<62))}
	// Skip to <sheetData>.
	for {
		name, _, self, err := s.tag()
		if err != nil {
			rc.Close()
			if err == io.EOF {
				s.done = true
				return s, nil
			}
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

// Close releases the part.
func (s *sheetRows) Close() error { return s.rc.Close() }

// Error is the error that ended the iteration, if any.
func (s *sheetRows) Error() error { return s.err }

// Next advances to the next row.
func (s *sheetRows) Next() bool {
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
func (s *sheetRows) Row() int { return s.row }

// Columns returns the current row's raw cell values, by column (0-based),
// up to its last cell. The slice is reused by Next.
func (s *sheetRows) Columns() []string { return s.cur }

// NoValue returns the 0-based columns of the current row whose cell holds a
// formula without a cached value.
func (s *sheetRows) NoValue() []int { return s.curNV }

// tag reads up to and including the next tag and returns its name (with a
// leading "/" for an end tag; without a namespace prefix), its attribute
// bytes (valid until the next read) and whether it closes itself. The text
// before the tag is discarded.
func (s *sheetRows) tag() (name string, attrs []byte, self bool, err error) {
	if _, err = s.skipTo('<'); err != nil {
		return
	}
	b, err := s.readTo('>')
	if err != nil {
		return
	}
	b = b[:len(b)-1]
	if len(b) > 0 && b[len(b)-1] == '/' {
		self = true
		b = b[:len(b)-1]
	}
	i := bytes.IndexAny(b, " \t\r\n")
	nb := b
	if i >= 0 {
		nb, attrs = b[:i], b[i:]
	}
	end := len(nb) > 0 && nb[0] == '/'
	if end {
		nb = nb[1:]
	}
	if j := bytes.IndexByte(nb, ':'); j >= 0 {
		nb = nb[j+1:]
	}
	name = string(nb)
	if end {
		name = "/" + name
	}
	return
}

// skipTo discards input up to and including delim.
func (s *sheetRows) skipTo(delim byte) (int, error) {
	n := 0
	for {
		b, err := s.br.ReadSlice(delim)
		n += len(b)
		if err == bufio.ErrBufferFull {
			continue
		}
		return n, err
	}
}

// readTo returns the input up to and including delim (in s.text when it
// does not fit the buffer). For '>' it does not stop inside a quoted
// attribute value.
func (s *sheetRows) readTo(delim byte) ([]byte, error) {
	s.text = s.text[:0]
	odd := false // an unclosed quote so far (for '>')
	for {
		b, err := s.br.ReadSlice(delim)
		if delim == '>' && bytes.Count(b, []byte{'"'})%2 == 1 {
			odd = !odd
		}
		if err == bufio.ErrBufferFull {
			s.text = append(s.text, b...)
			if len(s.text) > maxTag {
				return nil, fmt.Errorf("an XML tag or text of more than %d MB", maxTag>>20)
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if delim == '>' && odd {
			s.text = append(s.text, b...)
			if len(s.text) > maxTag {
				return nil, fmt.Errorf("an XML tag of more than %d MB (an unclosed quote?)", maxTag>>20)
			}
			continue
		}
		if len(s.text) > 0 {
			s.text = append(s.text, b...)
			b = s.text
		}
		return b, nil
	}
}

// maxTag bounds one tag or text run (Excel's cell text is at most 32,767
// characters).
const maxTag = 4 << 20

// textTo reads character data up to the next '<' (consumed) and returns it
// unescaped.
func (s *sheetRows) textTo() (string, error) {
	b, err := s.readTo('<')
	if err != nil {
		return "", err
	}
	b = b[:len(b)-1]
	if bytes.IndexByte(b, '&') >= 0 {
		return unescapeXML(b), nil
	}
	return string(b), nil
}

// attr returns the value of attribute key in attrs (nil if absent).
func attr(attrs []byte, key string) []byte {
	// Fast path: ` key="value"`, as every writer of xlsx writes attributes.
	var pat [16]byte
	if len(key)+3 <= len(pat) {
		p := append(append(append(pat[:0], ' '), key...), '=', '"')
		if i := bytes.Index(attrs, p); i >= 0 {
			v := attrs[i+len(p):]
			if j := bytes.IndexByte(v, '"'); j >= 0 {
				return v[:j]
			}
		}
	}
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil
		}
		k := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 {
			return nil
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return nil
		}
		v := rest[1 : 1+end]
		if string(k) == key {
			return v
		}
		attrs = rest[2+end:]
	}
	return nil
}

// Excel's sheet size.
const (
	maxCols = 16384
	maxRows = 1048576
)

// colIndex returns the 0-based column of a cell reference such as "AB12"
// (−1 if it has no letters).
func colIndex(ref []byte) int {
	c := 0
	i := 0
	for ; i < len(ref); i++ {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			break
		}
		c = c*26 + int(ch-'a'+1)
		if c > maxCols {
			return maxCols // out of Excel's range: reported by the caller
		}
	}
	if i == 0 {
		return -1
	}
	return c - 1
}

// readRow reads the next <row> into s.buf and sets s.next to its number.
func (s *sheetRows) readRow() error {
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
			if n > maxRows {
				return fmt.Errorf("row %d is beyond Excel's %d rows", n, maxRows)
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
func (s *sheetRows) readCells() error {
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
			if c >= maxCols {
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
func (s *sheetRows) readCell(typ string) (val string, hasF, hasV bool, err error) {
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
				i, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || i < 0 || i >= len(s.sst) {
					return "", hasF, hasV, fmt.Errorf("shared string index %q out of range", v)
				}
				return s.sst[i], hasF, hasV, nil
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
				if _, err := s.skipTo('<'); err != nil { // the formula text
					return "", false, false, err
				}
				if _, err := s.readTo('>'); err != nil { // </f>
					return "", false, false, err
				}
			}
		case "v":
			hasV = true
			if !self {
				if v, err = s.textTo(); err != nil {
					return "", false, false, err
				}
				if _, err := s.readTo('>'); err != nil { // /v>
					return "", false, false, err
				}
			}
		case "is":
			inIS, hasV = true, true
		case "t":
			if inIS && !self {
				t, err := s.textTo()
				if err != nil {
					return "", false, false, err
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

// unescapeXML resolves the five entities and numeric character references.
func unescapeXML(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			sb.Write(b)
			break
		}
		sb.Write(b[:i])
		b = b[i:]
		j := bytes.IndexByte(b, ';')
		if j < 0 {
			sb.Write(b)
			break
		}
		ent := string(b[1:j])
		switch {
		case ent == "amp":
			sb.WriteByte('&')
		case ent == "lt":
			sb.WriteByte('<')
		case ent == "gt":
			sb.WriteByte('>')
		case ent == "quot":
			sb.WriteByte('"')
		case ent == "apos":
			sb.WriteByte('\'')
		case strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X"):
			if r, err := strconv.ParseUint(ent[2:], 16, 32); err == nil {
				sb.WriteRune(rune(r))
			}
		case strings.HasPrefix(ent, "#"):
			if r, err := strconv.ParseUint(ent[1:], 10, 32); err == nil {
				sb.WriteRune(rune(r))
			}
		default:
			sb.Write(b[:j+1])
		}
		b = b[j+1:]
	}
	return sb.String()
}
