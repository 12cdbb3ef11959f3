// Package action is huzhu's use cases as library calls: Validate, Fit,
// Fitdist, Simulate, Calibrate, Aggregate, Example, Template and Version each
// take an options struct and return a result (a report.Output, written by
// internal/report in any format and language) or an error. The command line
// (cmd/huzhu) only parses flags into the options, calls one action and hands
// the result to report.Write; other front ends (a scenario batch, a service)
// call the same functions.
//
// Errors the user can fix (bad input or usage) satisfy errors.Is(err,
// ErrInput); an unreachable calibration target satisfies errors.Is(err,
// calibrate.ErrInfeasible); anything else is a failure of huzhu itself.
package action

import (
	"errors"
	"fmt"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// DefaultSeed is the seed of every random run unless another is given; it is
// printed with the results so that a run can be reproduced.
const DefaultSeed = 20260101

// ErrInput marks an error the user can fix: bad input or usage.
var ErrInput = errors.New("bad input or usage")

type inputError struct{ err error }

func (e *inputError) Error() string        { return e.err.Error() }
func (e *inputError) Unwrap() error        { return e.err }
func (e *inputError) Is(target error) bool { return target == ErrInput }

// Input marks err as the user's to fix (errors.Is(err, ErrInput)); its message
// is unchanged.
func Input(err error) error {
	if err == nil {
		return nil
	}
	return &inputError{err}
}

// Inputf is Input(fmt.Errorf(format, args...)).
func Inputf(format string, args ...any) error { return Input(fmt.Errorf(format, args...)) }

// Invalid is an input error told by the message code of the catalogue
// (internal/i18n), in the user's language.
func Invalid(code string, args ...any) error { return Input(i18n.Errorf(code, args...)) }

// BookError is a workbook (or a --terms workbook) that has errors: the
// problems are shown before the message. It is the user's to fix.
type BookError struct {
	File     string
	Terms    bool // the --terms workbook
	Problems workbook.Problems
}

func (e *BookError) Error() string {
	n := e.Problems.Count(workbook.Error)
	if e.Terms {
		return fmt.Sprintf("--terms %s has %d error(s)", e.File, n)
	}
	return fmt.Sprintf("%s has %d error(s); run 'huzhu validate %s' for the whole report", e.File, n, e.File)
}

func (e *BookError) Is(target error) bool { return target == ErrInput }

// In tells the error in l.
func (e *BookError) In(l i18n.Lang) string {
	n := e.Problems.Count(workbook.Error)
	if e.Terms {
		return l.T("err.terms_book", e.File, n)
	}
	return l.T("err.book", e.File, n, e.File)
}
