package workbook

import (
	"fmt"
	"sort"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// Level is how serious a problem is.
type Level int

// Levels: an Error makes the workbook unusable (exit code 2), a Warning is shown
// but the data is used, a Notice is information (e.g. an unknown column ignored).
const (
	Error Level = iota
	Warning
	Notice
)

func (l Level) String() string {
	switch l {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "notice"
	}
}

// Label is the level in l (the catalogue's level.*).
func (l Level) Label(lang i18n.Lang) string { return lang.T("level." + l.String()) }

// Problem is one finding about the workbook. Cell is a reference such as
// `给付明细!F17` (sheet as named in the file), or a sheet name alone, or "" for the
// whole file. Found is the value found ("" when not applicable), Expected what was
// expected (in English, for scripts). Text says what is wrong: a message of
// the catalogue (internal/i18n, keys "wb.<code>…") and its arguments,
// rendered in the reader's language.
type Problem struct {
	Level    Level
	Code     string // stable key for scripts, e.g. "bad_value"
	Sheet    string
	Cell     string
	Found    string
	Expected string
	Text     i18n.Note
}

// Message returns the problem in one line in lang, where first:
// `给付明细!F17: 找到 "2.5"，应为整数`.
func (p Problem) Message(lang i18n.Lang) string {
	var b strings.Builder
	if p.Cell != "" {
		b.WriteString(p.Cell)
		b.WriteString(": ")
	} else if p.Sheet != "" {
		b.WriteString(p.Sheet)
		b.WriteString(": ")
	}
	b.WriteString(p.Text.In(lang))
	return b.String()
}

// Problems is a list of findings.
type Problems []Problem

// Count returns the number of problems of a level.
func (ps Problems) Count(l Level) int {
	n := 0
	for _, p := range ps {
		if p.Level == l {
			n++
		}
	}
	return n
}

// HasErrors reports whether any problem is an Error.
func (ps Problems) HasErrors() bool { return ps.Count(Error) > 0 }

// Sort orders problems by level; within a level they keep the order they
// were found in: the cells sheet by sheet and row by row, then the
// cross-sheet checks.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Level != ps[j].Level {
			return ps[i].Level < ps[j].Level
		}
		return false
	})
}

// Error makes Problems usable as an error (the errors only, one per line).
func (ps Problems) Error() string {
	var lines []string
	for _, p := range ps {
		if p.Level == Error {
			lines = append(lines, p.Message(i18n.En))
		}
	}
	return fmt.Sprintf("%d error(s) in the workbook:\n%s", len(lines), strings.Join(lines, "\n"))
}

// Name is the column as messages name it: its key in English, its Chinese
// name in Chinese.
func (c Column) Name() i18n.Name { return i18n.Name{Zh: c.Zh, En: c.Key} }

// Name is the sheet as messages name it.
func (s Sheet) Name() i18n.Name { return i18n.Name{Zh: s.Zh, En: s.Key} }
