package ibnr

import (
	"math"
	"slices"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/reserving"
)

// The claim deadline (Options.DeadlineMonths): claims reported after it are
// not payable, so a month's development ends there. Each origin month gets
// the development period of its deadline (deadlineLags); its triangle row
// ends at that period, so that a closed month adds no zero development to
// the factors of later periods (the chain ladder uses a row only where its
// next period is observed), and its ultimate is what is reported by the
// deadline: the share reported after j periods over the share reported by
// the deadline (payable), 1 once the deadline has passed. The tail applies
// only to a month whose deadline lies beyond the triangle.

// deadlineLags is, per origin month i (period first+i), the development
// period in which its claims' deadline falls: the deadline of the plan year
// holding the month's midpoint. Nil without a deadline.
func (r *Result) deadlineLags(o Options, asOf time.Time, first, n int) []int {
	if o.DeadlineMonths <= 0 {
		return nil
	}
	period := max(o.PeriodYears, 1)
	start := o.PeriodStartMonth
	if start < 1 || start > 12 {
		start = 1
	}
	at := func(k int) time.Time { // the end of period k (≤ 0): AsOf + k·m
		return asOf.Add(time.Duration(float64(k) * monthDays * 24 * float64(time.Hour)))
	}
	out := make([]int, n)
	for i := range n {
		k := first + i
		mid := at(k).Add(-time.Duration(monthDays / 2 * 24 * float64(time.Hour)))
		y := planYear(mid, start)
		dl := time.Date(y, time.Month(start), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 12*period+o.DeadlineMonths, 0)
		// The period holding the deadline's last day (its lag from k).
		d := int(math.Ceil(dl.AddDate(0, 0, -1).Sub(asOf).Hours() / 24 / monthDays))
		out[i] = max(d-k, 0)
	}
	return out
}

// payable is the share of origin i's ultimate reported by its deadline: the
// cumulative share s at the deadline's period, 1 without a deadline or when
// the deadline lies beyond the triangle (the tail is then counted whole).
func payable(s []float64, dl []int, i int) float64 {
	if dl == nil || dl[i] >= len(s)-1 {
		return 1
	}
	return s[dl[i]]
}

// longest is the index of the longest row (the first of them).
func longest(tri [][]float64) int {
	m := 0
	for i, r := range tri {
		if len(r) > len(tri[m]) {
			m = i
		}
	}
	return m
}

// mack is reserving.Mack without a tail on a triangle whose first row may
// be shorter than a later one (the oldest month closed at its deadline):
// the longest row is given first, as Mack requires, and the per-origin
// results are put back in the triangle's order. Without a deadline the
// first row is the longest and the triangle is passed as it is.
func mack(tri [][]float64) (*reserving.ChainLadder, error) {
	m := longest(tri)
	if m == 0 {
		return reserving.Mack(tri, 1)
	}
	p := slices.Clone(tri)
	p[0], p[m] = p[m], p[0]
	c, err := reserving.Mack(p, 1)
	if err != nil {
		return nil, err
	}
	for _, s := range [][]float64{c.Latest, c.Ultimate, c.IBNR, c.SE} {
		s[0], s[m] = s[m], s[0]
	}
	return c, nil
}
