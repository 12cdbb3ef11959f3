package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/action"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/scenario"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// Exit codes, documented in README.md. They are a stable interface for scripts.
const (
	ExitOK         = 0 // success (warnings may have been printed)
	ExitInternal   = 1 // internal failure: a bug or an environment problem
	ExitInput      = 2 // bad input or usage: the user can fix it
	ExitInfeasible = 3 // the calibration target cannot be met under the policy
	ExitDiffers    = 4 // verify: an input changed, or the replayed run differs from its record
)

// exitCode classifies the error of a command by what it is (errors.Is and
// errors.As look through wrapped and joined errors): the one place where an
// error becomes an exit code.
func exitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, calibrate.ErrInfeasible):
		return ExitInfeasible
	case action.ErrDiffers(err):
		return ExitDiffers
	case errors.Is(err, action.ErrInput),
		errors.Is(err, atomicfile.ErrRefused),    // an output the user must change: it exists (no --force), is an input, a directory, locked by a spreadsheet program …
		errors.Is(err, aggregate.ErrInput),       // a distribution's inputs out of the engine's range
		errors.Is(err, scenario.ErrFile),         // a scenario file's content
		errors.Is(err, model.ErrBandTerms),       // cost-band terms the exact method refuses (a scenario's, a search's)
		errors.As(err, new(*workbook.FileError)), // a workbook that cannot be read: not a workbook, damaged (checksum), too large
		errors.Is(err, fs.ErrNotExist),           // an input file, or an output's directory, does not exist
		errors.Is(err, fs.ErrPermission):
		return ExitInput
	}
	return ExitInternal
}

// errReported marks an error whose message the output has already given
// (validate's report of a workbook with errors): it sets the exit code only.
var errReported = errors.New("reported")

type reportedError struct{ err error }

func (e *reportedError) Error() string   { return e.err.Error() }
func (e *reportedError) Unwrap() []error { return []error{e.err, errReported} }

// reported ends a command with err's exit code without printing it again.
func reported(err error) error { return &reportedError{err} }

// messageError is err with a message for the user in their language.
type messageError struct {
	msg string
	err error
}

func (e *messageError) Error() string { return e.msg }
func (e *messageError) Unwrap() error { return e.err }

// printError writes a command's error to the error stream: a workbook's
// errors first, then the message.
func printError(app *App, err error) {
	if errors.Is(err, errReported) {
		return
	}
	var be *action.BookError
	if errors.As(err, &be) {
		for _, p := range be.Problems {
			if p.Level == workbook.Error {
				fmt.Fprintln(app.IO.ErrOut, report.ProblemLine(p, app.Lang, "  "))
			}
		}
	}
	fmt.Fprintf(app.IO.ErrOut, "huzhu: %s\n", i18n.ErrorIn(err, app.Lang))
}
