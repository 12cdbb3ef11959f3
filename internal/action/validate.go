package action

import (
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
)

// ValidateOptions are validate's options.
type ValidateOptions struct {
	File    string
	Notices bool // list notices too
}

// Validate checks a workbook: every problem, and what was read per plan and
// year. A workbook with errors is a result (OK false), not an error.
func Validate(o ValidateOptions) (*report.Validation, error) {
	book, probs, err := workbook.Read(o.File)
	if err != nil {
		return nil, Input(err)
	}
	return report.NewValidation(o.File, probs, workbook.Stats(book), o.Notices), nil
}
