package main

import (
	"errors"
	"fmt"
)

// Exit codes, documented in README.md. They are a stable interface for scripts.
const (
	ExitOK         = 0 // success (warnings may have been printed)
	ExitInternal   = 1 // internal failure: a bug or an environment problem
	ExitInput      = 2 // bad input or usage: the user can fix it
	ExitInfeasible = 3 // the calibration target cannot be met under the policy
)

// exitError carries an exit code with an error. Message-only errors (the message
// already printed, e.g. a validation report) have silent set.
type exitError struct {
	code   int
	err    error
	silent bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// inputError marks err as the user's mistake: bad input or usage (exit 2).
func inputError(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitInput, err: err}
}

// inputErrorf is inputError(fmt.Errorf(format, args...)).
func inputErrorf(format string, args ...any) error {
	return inputError(fmt.Errorf(format, args...))
}

// silentExit ends the command with code, without printing err again.
func silentExit(code int, err error) error {
	return &exitError{code: code, err: err, silent: true}
}

// exitCode returns the exit code of an error returned by a command: its own code
// when it carries one, otherwise ExitInternal.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return ExitInternal
}
