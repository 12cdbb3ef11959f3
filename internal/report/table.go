// Package report renders results for people and scripts: terminal tables that
// align Chinese text, CSV with English keys, JSON, and the number formats of
// money (to the fen), counts and percentages.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/mattn/go-runewidth"
	"github.com/shopspring/decimal"
)

// Align is a column's alignment in a terminal table.
type Align int

// Alignments.
const (
	Left Align = iota
	Right
)

// Column is a column of a table: Key is the English key (CSV header, JSON),
// Label the message code of its label in a terminal table (the catalogue of
// internal/i18n); Text a heading that is the same in every language ("VaR
// 95%"); a column with neither is headed by its Key.
type Column struct {
	Key   string
	Label string
	Text  string
	Align Align
}

// Col is a left-aligned column; RCol a right-aligned one.
func Col(key, label string) Column  { return Column{Key: key, Label: label} }
func RCol(key, label string) Column { return Column{Key: key, Label: label, Align: Right} }

// Heading returns the column's label in l.
func (c Column) Heading(l i18n.Lang) string {
	if c.Text != "" {
		return c.Text
	}
	if c.Label == "" {
		return c.Key
	}
	return l.T(c.Label)
}

// Table is rows of cells already formatted as text.
type Table struct {
	Title   string // printed above the table in terminal output ("" for none)
	Columns []Column
	Rows    [][]string
	// Whole keeps a row on one table when it is too wide: its widest column
	// is wrapped rather than the columns split into stacked tables (a list
	// whose rows are read across, such as diff's path, old and new).
	Whole bool
}

// Add appends a row.
func (t *Table) Add(cells ...string) { t.Rows = append(t.Rows, cells) }

// Width is the display width of s in a terminal: CJK characters count two columns.
func Width(s string) int { return runewidth.StringWidth(s) }

// Pad pads s with spaces to display width w, on the right (Left) or left (Right).
func Pad(s string, w int, a Align) string {
	n := w - Width(s)
	if n <= 0 {
		return s
	}
	if a == Right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// Render writes the table for a terminal: labels in lang, columns separated by two
// spaces and aligned by display width, so Chinese text lines up. When w is a
// terminal writer with a width (NewTerminal), the table is fitted to it: columns
// empty in every row are dropped, then the columns are split into stacked
// tables that each repeat the first column, and a column still too wide for
// the line is wrapped.
func (t *Table) Render(w io.Writer, lang i18n.Lang) error {
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title)
		b.WriteByte('\n')
	}
	maxW := LineWidth(w)
	cols := make([]int, len(t.Columns))
	for i := range cols {
		cols[i] = i
	}
	if maxW > 0 && t.width(cols, lang) > maxW {
		cols = t.nonEmpty(cols)
	}
	parts := [][]int{cols}
	if maxW > 0 && !t.Whole && len(cols) > 1 && t.width(cols, lang) > maxW {
		parts = t.split(cols, maxW, lang)
	}
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('\n')
		}
		t.renderPart(&b, p, maxW, lang)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell is row r's cell of column c ("" when the row is short).
func (t *Table) cell(r []string, c int) string {
	if c < len(r) {
		return r[c]
	}
	return ""
}

// colWidth is the display width of column c: its heading's or its widest cell's.
func (t *Table) colWidth(c int, lang i18n.Lang) int {
	n := Width(t.Columns[c].Heading(lang))
	for _, r := range t.Rows {
		n = max(n, Width(t.cell(r, c)))
	}
	return n
}

// width is the display width of a table of the columns cols.
func (t *Table) width(cols []int, lang i18n.Lang) int {
	n := 0
	for i, c := range cols {
		if i > 0 {
			n += 2
		}
		n += t.colWidth(c, lang)
	}
	return n
}

// nonEmpty is cols without the columns empty in every row (the first is kept).
func (t *Table) nonEmpty(cols []int) []int {
	var out []int
	for i, c := range cols {
		keep := i == 0
		for _, r := range t.Rows {
			if keep {
				break
			}
			keep = strings.TrimSpace(t.cell(r, c)) != ""
		}
		if keep {
			out = append(out, c)
		}
	}
	return out
}

// split packs the columns after the leading ones into as few stacked tables
// as fit maxW, each led by the leading columns: the left-aligned columns the
// table starts with (what names a row: plan, benefit), as many as take at
// most half the width, at least one. A column too wide alone gets a table of
// its own (and is wrapped).
func (t *Table) split(cols []int, maxW int, lang i18n.Lang) [][]int {
	nLead, leadW := 1, t.colWidth(cols[0], lang)
	for nLead < len(cols)-1 && t.Columns[cols[nLead]].Align == Left {
		w := leadW + 2 + t.colWidth(cols[nLead], lang)
		if w > maxW/2 {
			break
		}
		nLead, leadW = nLead+1, w
	}
	lead := cols[:nLead]
	var parts [][]int
	cur, curW := append([]int{}, lead...), leadW
	for _, c := range cols[nLead:] {
		cw := t.colWidth(c, lang)
		if len(cur) > nLead && curW+2+cw > maxW {
			parts = append(parts, cur)
			cur, curW = append([]int{}, lead...), leadW
		}
		cur = append(cur, c)
		curW += 2 + cw
	}
	return append(parts, cur)
}

// renderPart writes the heading, rule and rows of the columns cols; when they
// are wider than maxW (> 0), the widest column's cells are wrapped.
func (t *Table) renderPart(b *strings.Builder, cols []int, maxW int, lang i18n.Lang) {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = t.colWidth(c, lang)
	}
	wrapAt := -1
	if total := t.width(cols, lang); maxW > 0 && total > maxW {
		for i := range widths {
			if wrapAt < 0 || widths[i] > widths[wrapAt] {
				wrapAt = i
			}
		}
		widths[wrapAt] = max(8, widths[wrapAt]-(total-maxW))
	}
	line := func(cells []string) {
		// A wrapped cell gives the row several lines.
		lines := [][]string{make([]string, len(cols))}
		for i, s := range cells {
			if i == wrapAt && Width(s) > widths[i] {
				for j, piece := range WrapText(s, widths[i]) {
					for len(lines) <= j {
						lines = append(lines, make([]string, len(cols)))
					}
					lines[j][i] = piece
				}
				continue
			}
			lines[0][i] = s
		}
		for _, l := range lines {
			parts := make([]string, len(cols))
			for i, c := range cols {
				parts[i] = Pad(l[i], widths[i], t.Columns[c].Align)
			}
			b.WriteString(strings.TrimRight(strings.Join(parts, "  "), " "))
			b.WriteByte('\n')
		}
	}
	pick := func(r []string) []string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = t.cell(r, c)
		}
		return out
	}
	hdr := make([]string, len(cols))
	rule := make([]string, len(cols))
	for i, c := range cols {
		hdr[i] = t.Columns[c].Heading(lang)
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(hdr)
	line(rule)
	for _, r := range t.Rows {
		line(pick(r))
	}
}

// WriteCSV writes the table as CSV with the English keys as the header.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	hdr := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hdr[i] = c.Key
	}
	if err := cw.Write(hdr); err != nil {
		return err
	}
	for _, r := range t.Rows {
		row := make([]string, len(t.Columns))
		copy(row, r)
		for i := range row {
			row[i] = plainNumber(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// plainNumber makes a formatted number a plain one so that CSV cells parse as
// numbers: thousands separators go ("1,234.50" → "1234.50"), a percentage
// becomes its ratio ("2.5%" → "0.025") and "—" (not available) an empty cell;
// other text is unchanged.
func plainNumber(s string) string {
	if s == "—" {
		return ""
	}
	t := strings.ReplaceAll(s, ",", "")
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	if t == "" || t == "-" {
		return s
	}
	for i, r := range t {
		if !(r >= '0' && r <= '9' || r == '.' || (i == 0 && r == '-')) {
			return s
		}
	}
	if pct {
		d, err := decimal.NewFromString(t)
		if err != nil {
			return s
		}
		return d.Shift(-2).String()
	}
	return t
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}
