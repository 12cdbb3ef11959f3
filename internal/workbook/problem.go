package workbook

import (
	"fmt"
	"sort"
	"strings"
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

// Label is the level in Chinese or English.
func (l Level) Label(lang string) string {
	if lang == "zh" {
		return [...]string{"错误", "警告", "提示"}[l]
	}
	return l.String()
}

// Problem is one finding about the workbook. Cell is a reference such as
// `给付明细!F17` (sheet as named in the file), or a sheet name alone, or "" for the
// whole file. Found is the value found ("" when not applicable), Expected what was
// expected. Msg and MsgZh say it in English and in Chinese.
type Problem struct {
	Level    Level  `json:"-"`
	Code     string `json:"code"` // stable key for scripts, e.g. "not_whole_number"
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Found    string `json:"found,omitempty"`
	Expected string `json:"expected,omitempty"`
	Msg      string `json:"message"`
	MsgZh    string `json:"message_zh"`
}

// Message returns the problem in one line, in Chinese ("zh") or English:
// `给付明细!F17: 找到 "2.5"，应为整数`.
func (p Problem) Message(lang string) string {
	var b strings.Builder
	if p.Cell != "" {
		b.WriteString(p.Cell)
		b.WriteString(": ")
	} else if p.Sheet != "" {
		b.WriteString(p.Sheet)
		b.WriteString(": ")
	}
	if lang == "zh" {
		b.WriteString(p.MsgZh)
	} else {
		b.WriteString(p.Msg)
	}
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
			lines = append(lines, p.Message("en"))
		}
	}
	return fmt.Sprintf("%d error(s) in the workbook:\n%s", len(lines), strings.Join(lines, "\n"))
}
