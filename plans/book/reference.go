package book

import "github.com/huzhu-fund/huzhu/plans"

// ReferenceRow is a row of the optional Reference (参考) sheet: a benchmark
// for a plan kind and benefit type, used as the prior of the credibility
// blend.
type ReferenceRow struct {
	Row     int
	Kind    plans.Kind
	Benefit plans.Benefit
	// Incidence is events per member-year; MeanPaid the mean benefit paid
	// per event (yuan per share, 0 when not given); Exposure the
	// member-years the benchmark rests on.
	Incidence float64
	MeanPaid  float64
	Exposure  float64
	Source    string
}
