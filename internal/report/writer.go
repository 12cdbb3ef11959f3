package report

import (
	"io"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// Format is an output format.
type Format string

// Output formats.
const (
	FormatTable Format = "table"
	FormatJSON  Format = "json"
	FormatCSV   Format = "csv"
)

// Formats are the output formats, the default first.
var Formats = []Format{FormatTable, FormatJSON, FormatCSV}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return FormatTable, i18n.Errorf("err.format", s)
}

// Output is a result that can be written in every format: JSON (keys in
// English, the same in every language), CSV (English keys, plain numbers) and
// a terminal table in the reader's language.
type Output interface {
	JSON() any
	CSV(w io.Writer, l i18n.Lang) error
	Table(w io.Writer, l i18n.Lang) error
}

// Diagnoser is an Output with messages that CSV output sends to the error
// stream (the CSV itself holds only its table).
type Diagnoser interface {
	Diagnostics(errOut io.Writer, l i18n.Lang) error
}

// Write writes a result in a format: the one place where --format is obeyed.
// Tables are fitted to TerminalWidth columns (WriteWide for all of them).
func Write(w, errOut io.Writer, f Format, l i18n.Lang, o Output) error {
	return WriteWidth(w, errOut, f, l, o, TerminalWidth)
}

// WriteWidth is Write with terminal tables and text fitted to width columns
// (0: as wide as they come, --wide).
func WriteWidth(w, errOut io.Writer, f Format, l i18n.Lang, o Output, width int) error {
	switch f {
	case FormatJSON:
		return WriteJSON(w, o.JSON())
	case FormatCSV:
		if d, ok := o.(Diagnoser); ok {
			if err := d.Diagnostics(errOut, l); err != nil {
				return err
			}
		}
		return o.CSV(w, l)
	}
	t := NewTerminal(w, width)
	if err := o.Table(t, l); err != nil {
		_ = t.Close()
		return err
	}
	return t.Close()
}
