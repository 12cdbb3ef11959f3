package xlsxstream

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// scanner reads XML as tags and text runs, with no allocation per token.
type scanner struct {
	br   *bufio.Reader
	text []byte // scratch
	in   *countingReader
}

func newScanner(r io.Reader) *scanner {
	cr := &countingReader{r: r}
	return &scanner{br: bufio.NewReaderSize(cr, 1<<16), in: cr}
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

// tag reads up to and including the next tag and returns its name (with a
// leading "/" for an end tag; without a namespace prefix), its attribute
// bytes (valid until the next read) and whether it closes itself. The text
// before the tag is discarded.
func (s *scanner) tag() (name string, attrs []byte, self bool, err error) {
	if err = s.skipTo('<'); err != nil {
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
	i := -1 // the end of the name: the first white space
	for k, c := range b {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i = k
			break
		}
	}
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
	name = tagName(nb, end)
	return
}

// tagName is the name of a tag, without an allocation for the tags of cells,
// rows and strings (several for every cell of a million rows).
func tagName(nb []byte, end bool) string {
	var n [2]string
	switch string(nb) {
	case "c":
		n = [2]string{"c", "/c"}
	case "v":
		n = [2]string{"v", "/v"}
	case "f":
		n = [2]string{"f", "/f"}
	case "t":
		n = [2]string{"t", "/t"}
	case "is":
		n = [2]string{"is", "/is"}
	case "r":
		n = [2]string{"r", "/r"}
	case "rPr":
		n = [2]string{"rPr", "/rPr"}
	case "rPh":
		n = [2]string{"rPh", "/rPh"}
	case "row":
		n = [2]string{"row", "/row"}
	case "si":
		n = [2]string{"si", "/si"}
	case "sheetData":
		n = [2]string{"sheetData", "/sheetData"}
	default:
		if end {
			return "/" + string(nb)
		}
		return string(nb)
	}
	if end {
		return n[1]
	}
	return n[0]
}

// skipTo discards input up to and including delim.
func (s *scanner) skipTo(delim byte) error {
	for {
		_, err := s.br.ReadSlice(delim)
		if err == bufio.ErrBufferFull {
			continue
		}
		return err
	}
}

// readTo returns the input up to and including delim (in s.text when it
// does not fit the buffer), at most MaxText bytes. For '>' it does not stop
// inside a quoted attribute value.
func (s *scanner) readTo(delim byte) ([]byte, error) {
	s.text = s.text[:0]
	odd := false // an unclosed quote so far (for '>')
	for {
		b, err := s.br.ReadSlice(delim)
		if delim == '>' && bytes.Count(b, []byte{'"'})%2 == 1 {
			odd = !odd
		}
		if err == bufio.ErrBufferFull {
			s.text = append(s.text, b...)
			if len(s.text) > MaxText {
				return nil, fmt.Errorf("an XML tag or text of more than %d MB: %w", MaxText>>20, ErrTooLarge)
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if delim == '>' && odd {
			s.text = append(s.text, b...)
			if len(s.text) > MaxText {
				return nil, fmt.Errorf("an XML tag of more than %d MB (an unclosed quote?): %w", MaxText>>20, ErrTooLarge)
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

// textTo reads character data up to the next '<' (consumed) and returns it
// unescaped.
func (s *scanner) textTo() (string, error) {
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
	if bytes.Index(attrs, []byte(key)) < 0 {
		return nil // absent, as t on a number cell: no need to parse the others
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
		if c > MaxCols {
			return MaxCols // out of Excel's range: reported by the caller
		}
	}
	if i == 0 {
		return -1
	}
	return c - 1
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
