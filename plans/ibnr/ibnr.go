// Package ibnr completes a plan's claims to ultimate at a valuation date: the
// claims that have happened but are not yet reported (IBNR) are estimated
// from the reporting delays of all years.
//
// # Method
//
// The claims of a plan that were reported on or before the valuation date
// (as_of) form a triangle by event month (origin) and reporting delay in
// months (development 0 = reported in the month of the event). The months
// are periods of 365.25/12 days counted back from as_of, so that the latest
// diagonal is as long as the others. The chain
// ladder (actuarial/reserving, with Mack's standard errors) gives the
// development factors of counts and of paid amounts; their product from a
// development period to the last, times a tail factor, is the factor to
// ultimate. Monthly origins are used (not yearly) because a fund has few
// data years but many months, and a plan's reporting delays are a matter of
// weeks to months: a yearly triangle of three origins would leave the last
// year's factor resting on one pair of years.
//
// The tail beyond the last development period (MaxLag months) follows the
// fitted delay distribution: log(f_j − 1) is fitted linearly in j on the
// factors of the second half of the triangle (an exponential decay of the
// development, i.e. a geometrically tailed delay distribution), and the tail
// is Π_{j≥MaxLag−1}(1 + exp(a + b·j)). When some factor of the second half is
// 1 (nothing more was reported at that delay: the development has ended
// inside the triangle) or the fit shows no decay, the tail is 1.
//
// A year's ultimate is the sum over its event months of the chain-ladder
// ultimate, except that an event month less than half developed (its share
// reported, 1/factor, below ½) is completed by Bornhuetter–Ferguson: reported
// + (1 − share) × the plan's mean monthly ultimate over the mature months
// (share ≥ 0.9) of the last 12 months before it. The chain ladder alone would
// multiply a handful of early reports by a large factor; the mean of mature
// months is the a-priori expectation a reserving actuary would use. A claim
// without an event date or a report date cannot be placed in the triangle:
// it is counted as reported and complete, and counted (NoDates) so that the
// caller can warn.
package ibnr

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/huzhu-fund/huzhu/plans/book"
)

// DefaultMaxLag is the development length of the triangle in months.
const DefaultMaxLag = 24

// ErrNoData is returned (wrapped) when a plan has no dated claim to learn
// its delays from.
var ErrNoData = errors.New("ibnr: no claims with event and report dates")

// Options set the completion.
type Options struct {
	// AsOf is the valuation date: claims reported after it are left out.
	// Zero means the latest report date of the claims given.
	AsOf time.Time
	// MaxLag is the triangle's development length in months (default 24).
	MaxLag int
	// LagMonths, when > 0, replaces the estimated delays: every claim is
	// taken as reported within LagMonths months (uniformly), a user override.
	LagMonths int
	// PeriodStartMonth is the first calendar month of the plan year (1–12;
	// 0 means 1): an event month with no reported claim yet belongs to the
	// plan year that holds it.
	PeriodStartMonth int
	// DeadlineMonths, when > 0, is the claim deadline: claims of plan year
	// y reported on or after the start of plan year y + PeriodYears plus
	// so many months are not payable (deadline.go). PeriodYears is the
	// plan's period (0 means 1).
	DeadlineMonths, PeriodYears int
}

// Year is one data year's completion.
type Year struct {
	Year int
	// Reported counts and paid amounts (by AsOf); Ultimate the completed
	// values; IBNR = Ultimate − Reported.
	ReportedCount, ReportedPaid float64
	UltimateCount, UltimatePaid float64
	IBNRCount, IBNRPaid         float64
	// SECount and SEPaid are standard errors of the year's ultimate: Mack's
	// for the chain ladder (each origin month's share of it), and for counts
	// also the Poisson variance of the IBNR count.
	SECount, SEPaid float64
}

// CompletionCount is ReportedCount/UltimateCount (1 when nothing is expected).
func (y Year) CompletionCount() float64 { return ratio(y.ReportedCount, y.UltimateCount) }

// CompletionPaid is ReportedPaid/UltimatePaid (1 when nothing is expected).
func (y Year) CompletionPaid() float64 { return ratio(y.ReportedPaid, y.UltimatePaid) }

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 1
	}
	return a / b
}

// Result is a plan's completion.
type Result struct {
	AsOf  time.Time
	Years []Year // ascending
	// FactorsCount and FactorsPaid are the monthly development factors;
	// TailCount and TailPaid the tail factors.
	FactorsCount, FactorsPaid []float64
	TailCount, TailPaid       float64
	// Later is the number of claims reported after AsOf (left out), NoDates
	// those without an event or report date (taken as complete).
	Later, NoDates int
	// Override is true when LagMonths replaced the estimated delays.
	Override bool
}

// Complete completes the claims of one plan (the caller filters them) at the
// valuation date. years lists the data years to report (those with
// enrolment), so that a year with no reported claim yet is completed too.
func Complete(claims []book.Claim, years []int, o Options) (*Result, error) {
	if o.MaxLag == 0 {
		o.MaxLag = DefaultMaxLag
	}
	if o.MaxLag < 2 {
		return nil, fmt.Errorf("ibnr: max lag %d months, expected at least 2", o.MaxLag)
	}
	asOf := o.AsOf
	if asOf.IsZero() {
		for _, c := range claims {
			if c.ReportDate.After(asOf) {
				asOf = c.ReportDate
			}
		}
	}
	r := &Result{AsOf: asOf}
	ys := slices.Clone(years)
	for _, c := range claims {
		if !slices.Contains(ys, c.Year) {
			ys = append(ys, c.Year)
		}
	}
	slices.Sort(ys)
	idx := map[int]int{}
	for i, y := range ys {
		idx[y] = i
		r.Years = append(r.Years, Year{Year: y})
	}
	// Origins: event months from the first dated claim's month to AsOf.
	type rec struct {
		origin, lag, year int
		paid              float64
	}
	var recs []rec
	first, any := 0, false
	// Periods of an average month counted back from AsOf, so that the
	// latest diagonal is whole: period −k is (AsOf − (k+1)·m, AsOf − k·m].
	mon := func(t time.Time) int {
		d := asOf.Sub(t).Hours() / 24
		return -int(math.Floor(math.Max(d, 0) / monthDays))
	}
	last := 0
	for _, c := range claims {
		if !c.ReportDate.IsZero() && c.ReportDate.After(asOf) {
			r.Later++
			continue
		}
		y := &r.Years[idx[c.Year]]
		y.ReportedCount++
		y.ReportedPaid += c.Paid
		if c.EventDate.IsZero() || c.ReportDate.IsZero() {
			r.NoDates++
			continue
		}
		o, rp := mon(c.EventDate), mon(c.ReportDate)
		lag := max(rp-o, 0)
		recs = append(recs, rec{origin: o, lag: lag, year: c.Year, paid: c.Paid})
		if !any || o < first {
			first, any = o, true
		}
	}
	for i := range r.Years {
		y := &r.Years[i]
		y.UltimateCount, y.UltimatePaid = y.ReportedCount, y.ReportedPaid
	}
	if len(recs) == 0 {
		if len(claims)-r.Later > 0 && o.LagMonths == 0 {
			return r, fmt.Errorf("%w (%d claims without dates)", ErrNoData, r.NoDates)
		}
		r.TailCount, r.TailPaid = 1, 1
		return r, nil
	}
	n := last - first + 1
	J := o.MaxLag
	// Cumulative triangles by origin month: counts and amounts.
	cnt := make([][]float64, n)
	amt := make([][]float64, n)
	dl := r.deadlineLags(o, asOf, first, n) // deadline.go; nil without a deadline
	for i := range n {
		l := min(J, last-(first+i)+1)
		if dl != nil {
			l = min(l, dl[i]+1) // the development ends at the deadline
		}
		cnt[i] = make([]float64, l)
		amt[i] = make([]float64, l)
	}
	for _, x := range recs {
		i := x.origin - first
		for j := min(x.lag, J-1); j < len(cnt[i]); j++ {
			cnt[i][j]++
			amt[i][j] += x.paid
		}
	}
	// Per origin month and year: the reported part (an origin month can hold
	// claims of two plan years only for non-calendar plan years).
	byYear := make([]map[int]part, n)
	for _, x := range recs {
		i := x.origin - first
		if byYear[i] == nil {
			byYear[i] = map[int]part{}
		}
		p := byYear[i][x.year]
		p.count++
		p.paid += x.paid
		byYear[i][x.year] = p
	}
	var share func(i int, counts bool) float64
	if o.LagMonths > 0 {
		r.Override = true
		r.TailCount, r.TailPaid = 1, 1
		share = func(i int, _ bool) float64 {
			age := last - (first + i) + 1 // months observed, the event month included
			lag := o.LagMonths
			if dl != nil {
				lag = min(lag, dl[i])
			}
			return math.Min(1, float64(age)/float64(lag+1))
		}
	} else {
		if len(cnt) < 2 || len(cnt[longest(cnt)]) < 2 {
			return nil, fmt.Errorf("%w: the dated claims span %d month(s)", ErrNoData, n)
		}
		cl, err := mack(cnt)
		if err != nil {
			return nil, err
		}
		ca, err := mack(amt)
		if err != nil {
			return nil, err
		}
		r.FactorsCount, r.FactorsPaid = cl.Factors, ca.Factors
		r.TailCount, r.TailPaid = tail(cl.Factors), tail(ca.Factors)
		cdf := func(f []float64, t float64) []float64 { // share reported after j+1 months
			s := make([]float64, J)
			s[J-1] = 1 / t
			for j := J - 2; j >= 0; j-- {
				s[j] = s[j+1]
				if j < len(f) { // a triangle shorter than MaxLag: no development beyond it
					s[j] /= f[j]
				}
			}
			return s
		}
		sc, sa := cdf(cl.Factors, r.TailCount), cdf(ca.Factors, r.TailPaid)
		share = func(i int, counts bool) float64 {
			j := len(cnt[i]) - 1
			s := sc
			if !counts {
				s = sa
			}
			return s[j] / payable(s, dl, i)
		}
		// Mack's variance of each origin's ultimate, added per year below.
		for i := range n {
			if dl != nil && len(cnt[i]) > dl[i] {
				continue // closed at its deadline: nothing left to estimate
			}
			for y, p := range byYear[i] {
				k := idx[y]
				if cnt[i][len(cnt[i])-1] > 0 {
					f := p.count / cnt[i][len(cnt[i])-1]
					r.Years[k].SECount += sq(f * cl.SE[i] * r.TailCount)
				}
				if amt[i][len(amt[i])-1] > 0 {
					f := p.paid / amt[i][len(amt[i])-1]
					r.Years[k].SEPaid += sq(f * ca.SE[i] * r.TailPaid)
				}
			}
		}
	}
	// IBNR per origin month: the chain ladder for developed months, split
	// among the years by their reported shares; Bornhuetter–Ferguson with the
	// mean of mature months for the young ones, split by the days of the
	// month that fall in each data year (a month straddling the valuation
	// year's end holds events of a year that is not priced from).
	ultC := make([]float64, n)
	ultA := make([]float64, n)
	for i := range n {
		latC, latA := cnt[i][len(cnt[i])-1], amt[i][len(amt[i])-1]
		sC, sA := share(i, true), share(i, false)
		ultC[i], ultA[i] = latC/sC, latA/sA
		pC, okC := prior(ultC, i, func(k int) bool { return share(k, true) >= 0.9 })
		pA, okA := prior(ultA, i, func(k int) bool { return share(k, false) >= 0.9 })
		bfC, bfA := sC < 0.5 && okC, sA < 0.5 && okA
		var days map[int]float64
		if bfC || bfA {
			days = r.daysIn(asOf, last-first-i, o.PeriodStartMonth)
		}
		if bfC {
			ultC[i] = latC + (1-sC)*pC
		}
		if bfA {
			ultA[i] = latA + (1-sA)*pA
		}
		r.spread(byYear[i], idx, days, bfC, (1-sC)*pC, ultC[i]-latC, true)
		r.spread(byYear[i], idx, days, bfA, (1-sA)*pA, ultA[i]-latA, false)
	}
	for i := range r.Years {
		y := &r.Years[i]
		y.IBNRCount, y.IBNRPaid = y.UltimateCount-y.ReportedCount, y.UltimatePaid-y.ReportedPaid
		y.SECount, y.SEPaid = math.Sqrt(y.SECount+math.Max(y.IBNRCount, 0)), math.Sqrt(y.SEPaid)
	}
	return r, nil
}

func sq(x float64) float64 { return x * x }

// part is what an origin month holds of one year's reported claims.
type part struct{ count, paid float64 }

// prior is the mean of ult over the mature origins among the 12 before i
// (false when none is mature).
func prior(ult []float64, i int, mature func(int) bool) (float64, bool) {
	var s float64
	m := 0
	for k := max(0, i-12); k < i; k++ {
		if mature(k) {
			s += ult[k]
			m++
		}
	}
	if m == 0 {
		return 0, false
	}
	return s / float64(m), true
}

// daysIn is the share of the days of period −k (AsOf − (k+1)·m, AsOf − k·m]
// that fall in each data year, keyed by the year's index.
func (r *Result) daysIn(asOf time.Time, k, start int) map[int]float64 {
	out := map[int]float64{}
	end := asOf.Add(-time.Duration(float64(k) * monthDays * 24 * float64(time.Hour)))
	const steps = 61 // half-day steps across the period
	for s := range steps {
		t := end.Add(-time.Duration((float64(s) + 0.5) / steps * monthDays * 24 * float64(time.Hour)))
		y := planYear(t, start)
		for i := range r.Years {
			if r.Years[i].Year == y {
				out[i] += 1.0 / steps
			}
		}
	}
	return out
}

// spread adds an origin month's IBNR to its years' ultimates: a
// Bornhuetter–Ferguson amount bf by the month's days in each data year,
// otherwise the chain ladder's cl by the years' reported shares (counts, or
// paid amounts when counts is false and something was paid).
func (r *Result) spread(reported map[int]part, idx map[int]int, days map[int]float64, useBF bool, bf, cl float64, counts bool) {
	add := func(k int, v float64) {
		if counts {
			r.Years[k].UltimateCount += v
		} else {
			r.Years[k].UltimatePaid += v
		}
	}
	if useBF {
		for _, k := range sortedKeys(days) {
			add(k, bf*days[k])
		}
		return
	}
	if cl == 0 {
		return
	}
	var tc, tp float64
	ys := sortedKeys(reported)
	for _, y := range ys {
		tc += reported[y].count
		tp += reported[y].paid
	}
	for _, y := range ys {
		w := reported[y].count / tc
		if !counts && tp > 0 {
			w = reported[y].paid / tp
		}
		add(idx[y], cl*w)
	}
}

// monthDays is the length of a development period: an average month.
const monthDays = 365.25 / 12

// planYear is the plan year holding date t when plan years start in month
// start (1–12, 0 meaning 1).
func planYear(t time.Time, start int) int {
	y := t.Year()
	if start > 1 && int(t.Month()) < start {
		y--
	}
	return y
}

func sortedKeys[P any](m map[int]P) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// tail fits log(f_j − 1) = a + b·j on the factors above 1 in the second half
// of f and returns Π_{j ≥ len(f)} (1 + exp(a + b·j)), or 1 without a decay.
func tail(f []float64) float64 {
	var xs, ys []float64
	for j := len(f) / 2; j < len(f); j++ {
		if !(f[j] > 1) {
			return 1 // the development has ended inside the triangle
		}
		xs = append(xs, float64(j))
		ys = append(ys, math.Log(f[j]-1))
	}
	if len(xs) < 3 {
		return 1
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= float64(len(xs))
	my /= float64(len(xs))
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	b := sxy / sxx
	if !(b < 0) {
		return 1
	}
	a := my - b*mx
	t := 1.0
	for j := len(f); j < len(f)+1000; j++ {
		d := math.Exp(a + b*float64(j))
		t *= 1 + d
		if d < 1e-12 {
			break
		}
	}
	return t
}
