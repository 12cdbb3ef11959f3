package report

import (
	"bytes"
	"io"
	"strings"
	"unicode"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/mattn/go-runewidth"
)

// TerminalWidth is the widest line of terminal output without --wide: every
// table is fitted to it and longer lines of text are wrapped.
const TerminalWidth = 120

// Terminal is a writer for terminal output that fits lines to a width:
// tables rendered to it fit themselves (Table.Render), and on Close every
// other line wider than the width is wrapped at a space or beside a Chinese
// character. Width 0 passes everything through as it is.
type Terminal struct {
	w     io.Writer
	width int
	buf   bytes.Buffer
}

// NewTerminal writes to w with lines at most width columns wide (0: no limit).
func NewTerminal(w io.Writer, width int) *Terminal { return &Terminal{w: w, width: width} }

func (t *Terminal) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Close writes the buffered output, wrapped, to the underlying writer.
func (t *Terminal) Close() error {
	s := t.buf.String()
	t.buf.Reset()
	if t.width <= 0 {
		_, err := io.WriteString(t.w, s)
		return err
	}
	lines := strings.Split(s, "\n")
	var out []string
	for _, l := range lines {
		if Width(l) <= t.width {
			out = append(out, l)
			continue
		}
		indent := leadingSpace(l)
		for i, piece := range WrapText(l[len(indent):], t.width-len(indent)) {
			if i > 0 {
				piece = "  " + piece
			}
			out = append(out, indent+piece)
		}
	}
	_, err := io.WriteString(t.w, strings.Join(out, "\n"))
	return err
}

func leadingSpace(s string) string { return s[:len(s)-len(strings.TrimLeft(s, " "))] }

// LineWidth is the widest line w takes: its width when w is a Terminal, else 0
// (no limit).
func LineWidth(w io.Writer) int {
	if t, ok := w.(*Terminal); ok {
		return t.width
	}
	return 0
}

// WrapText breaks s into lines of at most width display columns: at a space
// (which is dropped), or before or after a wide (Chinese) character; a run
// with no such place is cut where it must be. Continuation lines of text wrapped
// by Terminal are indented by two more spaces, so width leaves room for them.
func WrapText(s string, width int) []string {
	if width < 4 {
		width = 4
	}
	var out []string
	limit := width
	for Width(s) > limit {
		rs := []rune(s)
		w, cut, skip := 0, -1, 0
		i := 0
		for ; i < len(rs); i++ {
			rw := runewidth.RuneWidth(rs[i])
			if w+rw > limit {
				break
			}
			w += rw
			switch {
			case unicode.IsSpace(rs[i]):
				cut, skip = i, 1
			case rw == 2 && i+1 < len(rs) && !isClosing(rs[i+1]):
				cut, skip = i+1, 0
			case i+1 < len(rs) && runewidth.RuneWidth(rs[i+1]) == 2 && !isClosing(rs[i+1]):
				cut, skip = i+1, 0
			}
		}
		if cut <= 0 {
			cut, skip = i, 0
		}
		out = append(out, strings.TrimRight(string(rs[:cut]), " "))
		s = strings.TrimLeft(string(rs[cut+skip:]), " ")
		limit = width - 2 // room for the continuation's indent
	}
	return append(out, s)
}

// isClosing reports a punctuation mark that must not begin a line.
func isClosing(r rune) bool { return strings.ContainsRune("，。、；：）！？%,.;:)", r) }

// PlanLabel is how a terminal table names a plan: its name from the Plans
// sheet, else its key. In English output a name with Chinese characters gives
// way to the key, so that --lang en stays wholly English.
func PlanLabel(l i18n.Lang, key, name string) string {
	if name == "" || (l == i18n.En && hasHan(name)) {
		return key
	}
	return name
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
