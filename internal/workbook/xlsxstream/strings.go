package xlsxstream

import (
	"fmt"
	"io"
	"strings"
	"unsafe"
)

// Strings is the shared string table, its texts in one arena: a string costs
// its bytes and four more, not a string header and an allocation each.
type Strings struct {
	arena []byte
	end   []uint32 // end[i] is where string i ends in arena
}

// Len is the number of strings.
func (t *Strings) Len() int {
	if t == nil {
		return 0
	}
	return len(t.end)
}

// Get returns string i; ok is false when i is out of range. The string
// shares the table's memory, which is never modified.
func (t *Strings) Get(i int) (string, bool) {
	if t == nil || i < 0 || i >= len(t.end) {
		return "", false
	}
	a := uint32(0)
	if i > 0 {
		a = t.end[i-1]
	}
	b := t.end[i]
	if a == b {
		return "", true
	}
	return unsafe.String(&t.arena[a], int(b-a)), true
}

// ReadStrings reads a shared string table: per <si>, its <t> texts
// concatenated (rich-text runs), phonetic runs (<rPh>) left out. Each string
// is at most MaxText bytes, and all of them at most maxBytes; there are at
// most maxBytes/32 strings (16 million for 512 MB: two distinct texts on each
// row of eight full Excel sheets), and at most 4 × maxBytes of XML.
func ReadStrings(r io.Reader, maxBytes int64) (*Strings, error) {
	s := newScanner(r)
	t := &Strings{}
	var cur strings.Builder
	inSI, inRPh := false, false
	for {
		name, _, self, err := s.tag()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		switch name {
		case "si":
			if self {
				t.end = append(t.end, uint32(len(t.arena)))
				continue
			}
			inSI = true
			cur.Reset()
		case "t":
			if !inSI || inRPh || self {
				continue
			}
			x, err := s.textTo()
			if err != nil {
				return nil, err
			}
			if cur.Len()+len(x) > MaxText {
				return nil, fmt.Errorf("shared string %d has more than %d MB of text: %w", len(t.end)+1, MaxText>>20, ErrTooLarge)
			}
			cur.WriteString(x)
			if _, err := s.readTo('>'); err != nil { // /t>
				return nil, err
			}
		case "rPh":
			inRPh = !self
		case "/rPh":
			inRPh = false
		case "/si":
			// The text, the count (4 bytes each) and the XML read are all
			// bounded: a table of a billion one-letter strings is refused
			// as soon as one of them passes the limit.
			if int64(len(t.arena))+int64(cur.Len()) > maxBytes || int64(len(t.end)) >= maxBytes/32 || s.in.n > 4*maxBytes {
				return nil, fmt.Errorf("the shared strings hold more than %d strings or %d MB of text: %w", maxBytes/32, maxBytes>>20, ErrTooLarge)
			}
			t.arena = append(t.arena, cur.String()...)
			t.end = append(t.end, uint32(len(t.arena)))
			inSI = false
		}
	}
}
