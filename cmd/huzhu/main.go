// Command huzhu recalibrates a trade-union mutual-aid health fund: it reads last
// year's enrolment and claims from an Excel workbook, fits claim frequency and
// severity, computes next year's claim-cost distribution per plan and for the
// fund, and recommends contributions, payout caps and reserve draws.
//
// Exit codes: 0 success, 1 internal failure, 2 bad input or usage,
// 3 infeasible calibration target. See README.md.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], SystemStreams()))
}
