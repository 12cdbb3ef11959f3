package action

import (
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// FitOptions are fit's options.
type FitOptions struct {
	File string
}

// Fit estimates every plan's models from a workbook and compares last year's
// benefits with what they expect.
func Fit(o FitOptions) (*report.Fits, error) {
	m, err := LoadModels(o.File, nil)
	if err != nil {
		return nil, err
	}
	ae, err := model.ActualExpected(m.Plans, m.Data, nil)
	if err != nil {
		return nil, err
	}
	return report.NewFits(o.File, m.Plans, ae), nil
}
