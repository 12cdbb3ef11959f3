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
func (t *Table) Render(w io.Writer, lang i18n.Lang) error {
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = Width(c.Heading(lang))
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
	line := func(cells []string) {
		var parts []string
		for i, c := range t.Columns {
			s := ""
			if i < len(cells) {
				s = cells[i]
			}
			parts = append(parts, Pad(s, widths[i], c.Align))
		}
		b.WriteString(strings.TrimRight(strings.Join(parts, "  "), " "))
		b.WriteByte('\n')
	}
	hdr := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hdr[i] = c.Heading(lang)
	}
	line(hdr)
	rule := make([]string, len(t.Columns))
	for i := range t.Columns {
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(rule)
	for _, r := range t.Rows {
		line(r)
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
