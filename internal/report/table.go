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

	"github.com/mattn/go-runewidth"
)

// Align is a column's alignment in a terminal table.
type Align int

// Alignments.
const (
	Left Align = iota
	Right
)

// Column is a column of a table: Key is the English key (CSV header, JSON), Zh and
// En the labels of a terminal table.
type Column struct {
	Key   string
	Zh    string
	En    string
	Align Align
}

// Label returns the column's label in the language ("zh" or "en").
func (c Column) Label(lang string) string {
	if lang == "zh" && c.Zh != "" {
		return c.Zh
	}
	if c.En != "" {
		return c.En
	}
	return c.Key
}

// Table is rows of cells already formatted as text.
type Table struct {
	Title   string // printed above the table in terminal output ("" for none)
	Columns []Column
	Rows    [][]string
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
// spaces and aligned by display width, so Chinese text lines up.
func (t *Table) Render(w io.Writer, lang string) error {
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = Width(c.Label(lang))
	}
	for _, r := range t.Rows {
		for i := range t.Columns {
			if i < len(r) {
				widths[i] = max(widths[i], Width(r[i]))
			}
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title)
		b.WriteByte('\n')
	}
	line := func(cells []string, header bool) {
		var parts []string
		for i, c := range t.Columns {
			s := ""
			if i < len(cells) {
				s = cells[i]
			}
			a := c.Align
			if header && a == Right {
				a = Right
			}
			parts = append(parts, Pad(s, widths[i], a))
		}
		b.WriteString(strings.TrimRight(strings.Join(parts, "  "), " "))
		b.WriteByte('\n')
	}
	hdr := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hdr[i] = c.Label(lang)
	}
	line(hdr, true)
	rule := make([]string, len(t.Columns))
	for i := range t.Columns {
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(rule, true)
	for _, r := range t.Rows {
		line(r, false)
	}
	_, err := io.WriteString(w, b.String())
	return err
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

// plainNumber strips the thousands separators of a formatted number so that CSV
// cells parse as numbers ("1,234.50" → "1234.50"); other text is unchanged.
func plainNumber(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	t := strings.ReplaceAll(s, ",", "")
	t = strings.TrimSuffix(t, "%")
	for i, r := range t {
		if !(r >= '0' && r <= '9' || r == '.' || (i == 0 && r == '-')) {
			return s
		}
	}
	return strings.ReplaceAll(s, ",", "")
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
