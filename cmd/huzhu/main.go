// Command huzhu recalibrates a trade-union mutual-aid health fund: it reads last
// year's enrolment and claims from an Excel workbook, fits claim frequency and
// severity, computes next year's claim-cost distribution per plan and for the
// fund, and recommends contributions, payout caps and reserve draws.
//
// Exit codes: 0 success, 1 internal failure, 2 bad input or usage,
// 3 infeasible calibration target, 4 verify: a run differs from its record.
// See README.md.
package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT sets another: the collector then works harder as the heap
// nears it, instead of letting it grow to twice what is live. A
// 10,000,000-member book peaks at 1.8 GB under it against 2.5 GB without,
// at no measurable cost in CPU (docs/benchmarks.md). It is soft: a book
// that needs more still runs, with more collection.
const defaultMemoryLimit = 1800 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	os.Exit(Main(os.Args[1:], SystemStreams()))
}
