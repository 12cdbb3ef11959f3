package model

import (
	"time"

	"github.com/huzhu-fund/huzhu/plans/book"
)

// WithEnrolment returns a copy of plan p, its fitted model unchanged, that
// prices the membership of year y as recorded: y's members, shares and
// exposure, the share mix of its shares per member and (for a claims book)
// its exposure ratio; no cohorts (nothing of the copy's contributions is
// carried). A backtest prices a data year with the models fitted on the
// years before it and the enrolment that year had (plans/calibrate).
func (p *Plan) WithEnrolment(y YearData) *Plan {
	c := *p
	c.Members, c.Shares, c.Exposure = float64(y.Members), float64(y.Shares), y.Exposure
	c.ShareMix = shareMix(c.Members, c.Shares, max(p.Terms.MaxShares, 1))
	c.Cohorts = nil
	if p.Source != "summary" { // summary rows carry no waiting periods (estimateSummary)
		c.ExposureRatio = 1
		if y.Members > 0 {
			c.ExposureRatio = y.Exposure / float64(y.Members)
		}
	}
	return &c
}

// ValuationDate is the valuation date FromBook uses for book b with
// options opts: opts.AsOf, else the Fund's as_of, else the latest report
// date of the claims (zero when none).
func ValuationDate(b *book.Book, opts *FitOptions) time.Time {
	o := opts.defaults()
	return asOfDate(b, &o)
}
