// Package i18n is huzhu's one message catalogue: every text a person reads is
// a message keyed by a code, in Chinese (the default) and English. A note that
// a computation leaves for the reader is a Note — a code and its arguments —
// rendered in the reader's language only when it is printed.
package i18n

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Lang is the language of labels and messages.
type Lang string

// Languages. Chinese is the default: the users are Chinese trade unions.
const (
	Zh      Lang = "zh"
	En      Lang = "en"
	Default      = Zh
)

// Langs are the languages, the default first.
var Langs = []Lang{Zh, En}

// Parse reads a --lang value: "" is the default; anything but zh or en is refused.
func Parse(s string) (Lang, error) {
	switch Lang(strings.ToLower(strings.TrimSpace(s))) {
	case "":
		return Default, nil
	case Zh:
		return Zh, nil
	case En:
		return En, nil
	}
	return Default, Errorf("err.lang", s)
}

// Message is one entry of the catalogue: a fmt format per language.
type Message struct{ Zh, En string }

// In returns the message's format in l.
func (m Message) In(l Lang) string {
	if l == En {
		return m.En
	}
	return m.Zh
}

var (
	mu        sync.RWMutex
	catalogue = map[string]Message{}
)

// Register adds messages to the catalogue (packages with their own codes, such
// as the workbook's problems, register theirs at init). A code registered twice
// is a programming error.
func Register(ms map[string]Message) {
	mu.Lock()
	defer mu.Unlock()
	for code, m := range ms {
		if _, dup := catalogue[code]; dup {
			panic("i18n: message " + code + " registered twice")
		}
		catalogue[code] = m
	}
}

// Lookup returns the message of a code.
func Lookup(code string) (Message, bool) {
	mu.RLock()
	defer mu.RUnlock()
	m, ok := catalogue[code]
	return m, ok
}

// Codes returns every registered code, sorted.
func Codes() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(catalogue))
	for c := range catalogue {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// T renders the message code in l with args; an argument that is a message
// itself (a Note, a Clauses) is rendered in l too, and so is an argument
// declared a key (keys.go). An unknown code renders as
// "[code]" so that the gap is seen (a test checks every code used exists).
func (l Lang) T(code string, args ...any) string {
	m, ok := Lookup(code)
	if !ok {
		return "[" + code + "]"
	}
	f := m.In(l)
	if len(args) == 0 {
		return f
	}
	args = withKeys(l, code, args) // a benefit's or a Fund key by its name (keys.go)
	copied := false
	for i, a := range args {
		if n, ok := a.(interface{ In(Lang) string }); ok { // a message within a message, in the same language
			if !copied { // the caller's arguments stay as they were
				args, copied = append([]any(nil), args...), true
			}
			args[i] = n.In(l)
		}
	}
	return fmt.Sprintf(f, args...)
}

// Note is a message left for the reader: a code and its arguments.
type Note struct {
	Code string `json:"code"`
	Args []any  `json:"args,omitempty"`
}

// N makes a note.
func N(code string, args ...any) Note { return Note{Code: code, Args: args} }

// In renders the note in l.
func (n Note) In(l Lang) string { return l.T(n.Code, n.Args...) }

// Notes are several notes.
type Notes []Note

// In renders every note in l.
func (ns Notes) In(l Lang) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.In(l)
	}
	return out
}

// Error is an error told by a message of the catalogue: Error gives it in
// English (for logs and scripts), In in the user's language.
type Error struct{ Note }

// Errorf makes an Error of the message code with args.
func Errorf(code string, args ...any) *Error { return &Error{Note{Code: code, Args: args}} }

func (e *Error) Error() string { return e.In(En) }

// Localized is an error that can be told in the user's language.
type Localized interface {
	error
	In(l Lang) string
}

// ErrorIn is err told in l: in l when err is (or wraps, adding nothing to the
// message) a Localized error; else err's own message, which in Chinese is
// translated line by line and clause by clause by the patterns of the lower
// layers' English errors (errors.go), as their notes are (english.go).
func ErrorIn(err error, l Lang) string {
	var loc Localized
	if errors.As(err, &loc) && loc.Error() == err.Error() {
		return loc.In(l)
	}
	if l == En {
		return err.Error()
	}
	lines := strings.Split(err.Error(), "\n")
	for i, s := range lines {
		lines[i] = Translate(l, s)
	}
	return strings.Join(lines, "\n")
}

// Seq are notes told one after the other, with nothing between them (the
// optional hints after a value: "(= 150%)", "(a comma separates thousands…)").
type Seq Notes

// In renders the notes in l, joined.
func (s Seq) In(l Lang) string { return strings.Join(Notes(s).In(l), "") }

// Name is a thing's name in each language — a sheet, a column, a plan kind —
// given as an argument of a message: not a sentence, so not in the catalogue
// (the schema and plans.Kinds hold the names).
type Name struct{ Zh, En string }

// In is the name in l.
func (n Name) In(l Lang) string {
	if l == En {
		return n.En
	}
	return n.Zh
}

// Cause is an error given as an argument of a message, told in the
// reader's language (ErrorIn).
type Cause struct{ Err error }

// In is the error in l.
func (c Cause) In(l Lang) string { return ErrorIn(c.Err, l) }

// Clauses are notes told as one sentence, separated by semicolons.
type Clauses Notes

// In renders the clauses in l.
func (c Clauses) In(l Lang) string { return strings.Join(Notes(c).In(l), l.T("sep.clauses")) }
