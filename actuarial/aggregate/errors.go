package aggregate

import (
	"errors"
	"fmt"
)

// ErrInput marks an error whose cause is the model's inputs, not the
// engine: a parameter out of its range (a distribution's, a coverage's, a
// layer's, an option's), a method that does not apply to the frequency, or
// a model that no lattice within the limits can hold (ErrTooLarge). Callers
// classify with errors.Is(err, aggregate.ErrInput): huzhu reports such an
// error as bad input (exit 2). Errors that do not match it are the engine's
// own failures (or a caller's bug, such as a hand-built grid whose masses
// sum to more than 1).
var ErrInput = errors.New("aggregate: input out of range")

// ErrTooLarge marks an input whose lattice would need more points than
// allowed (a payment without a limit at too fine a step, an FFT window, a
// convolution), or more claims than float64 arithmetic compounds
// accurately. errors.Is(err, ErrTooLarge) implies errors.Is(err, ErrInput).
var ErrTooLarge = fmt.Errorf("%w: the lattice it needs is too large", ErrInput)

// inputError is an error with its own message that matches a sentinel
// (ErrInput or ErrTooLarge) and, when there is one, the error it wraps.
type inputError struct {
	err  error // the message (and any wrapped cause)
	kind error // ErrInput or ErrTooLarge
}

func (e *inputError) Error() string   { return e.err.Error() }
func (e *inputError) Unwrap() []error { return []error{e.err, e.kind} }

// inputErrorf returns fmt.Errorf(format, args...) marked as ErrInput.
func inputErrorf(format string, args ...any) error {
	return &inputError{err: fmt.Errorf(format, args...), kind: ErrInput}
}

// tooLargef returns fmt.Errorf(format, args...) marked as ErrTooLarge.
func tooLargef(format string, args ...any) error {
	return &inputError{err: fmt.Errorf(format, args...), kind: ErrTooLarge}
}
