package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/ibnr"
)

// Experience is what FromBook learns of a plan's data besides the fitted
// laws: the completion of late-reported claims at the valuation date, the
// credibility of each benefit's frequency, warnings and outliers.
type Experience struct {
	// AsOf is the valuation date; Later the plan's claims reported after it
	// (left out), NoDates those without an event or report date (taken as
	// complete).
	AsOf           time.Time
	Later, NoDates int
	// Completion is the plan's completion per data year (all benefits
	// together): reported, IBNR, ultimate, completion factor.
	Completion []ibnr.Year
	// Override is true when the Plans sheet's reporting_lag_months replaced
	// the estimated delays.
	Override bool
	// Benefits are the factors applied to each benefit's model.
	Benefits    []BenefitCompletion
	Credibility []Credibility
	Warnings    []Warning
	Outliers    []Outlier
}

// BenefitCompletion is how a benefit's frequency and severity were completed.
type BenefitCompletion struct {
	Benefit plans.Benefit
	// Level is "benefit" when the benefit's own delays were used, "book"
	// when those of the benefit in every plan of the book (too few in the
	// plan), "plan" when the plan's (too few of the benefit's claims in the
	// book too).
	Level string
	// CountFactor = Σ ultimate / Σ reported events over the years the
	// frequency was fitted on (multiplies Mu); SeverityFactor the ratio of
	// ultimate to reported mean paid per event over the severity's years
	// (the severity is rescaled so that its mean payment grows by it; 1 when
	// the plan-level completion is used); RelSE the relative standard error
	// of the completed count, added to the frequency's parameter risk.
	CountFactor, SeverityFactor, RelSE float64
	Years                              []ibnr.Year
}

// Warning is a condition the user should know of, as data: Code names it
// (the messages are written by the caller in either language) and Args are
// its figures, formatted.
type Warning struct {
	Code string
	Args []string
}

// Warning codes.
const (
	// WarnIncomplete: the last year is less than 80% complete at as_of
	// (args: plan, year, completion %).
	WarnIncomplete = "last_year_incomplete"
	// WarnNoReportDate: claims without report_date or event_date were taken
	// as complete (args: plan, count).
	WarnNoReportDate = "no_report_date"
	// WarnNoCompletion: the delays could not be estimated; the claims are
	// taken as complete (args: plan, reason).
	WarnNoCompletion = "no_completion"
	// WarnPriorOnly: a benefit with no claims is priced on a prior, not on
	// data (args: plan, benefit, prior "jeffreys" or "reference", rate).
	WarnPriorOnly = "priced_on_assumption"
	// WarnUnpriced: a benefit with no claims and no Reference row for its
	// amount cannot be priced (args: plan, benefit).
	WarnUnpriced = "benefit_unpriced"
)

// minBenefitClaims is the fewest dated claims of a benefit whose own delays
// are estimated; with fewer the plan's completion factor is used.
const minBenefitClaims = 300

// minPooledClaims is the fewest dated claims of a benefit across the book
// whose delays are used for a plan with too few of its own.
const minPooledClaims = 50

// asOfDate is the valuation date: opts, else the Fund's as_of, else the
// latest report date of the claims.
func asOfDate(b *book.Book, o *FitOptions) time.Time {
	if !o.AsOf.IsZero() {
		return o.AsOf
	}
	if !b.Fund.AsOf.IsZero() {
		return b.Fund.AsOf
	}
	var t time.Time
	for i := range b.Claims {
		if b.Claims[i].ReportDate.After(t) {
			t = b.Claims[i].ReportDate
		}
	}
	return t
}

// cutAt returns the book as known at asOf: the claims reported after it
// removed (a shallow copy; b is not changed), and the count removed per plan.
func cutAt(b *book.Book, asOf time.Time) (*book.Book, map[string]int) {
	later := map[string]int{}
	if asOf.IsZero() {
		return b, later
	}
	c := *b
	c.Claims = make([]book.Claim, 0, len(b.Claims))
	for _, x := range b.Claims {
		if !x.ReportDate.IsZero() && x.ReportDate.After(asOf) {
			later[x.Plan]++
			continue
		}
		c.Claims = append(c.Claims, x)
	}
	return &c, later
}

// complete completes the plan's claims at asOf and applies the factors to
// the plan's frequencies (and the severities of benefits completed on their
// own delays). A failure of the completion is a warning, not an error.
func complete(bk *book.Book, d *Data, p *Plan, asOf time.Time, later int) {
	ex := p.Experience
	ex.AsOf, ex.Later = asOf, later
	if d.Source != "claims" {
		return
	}
	plan := d.Terms.Plan
	n := 0 // counted first: the claims are copied once, not regrown
	for i := range bk.Claims {
		if bk.Claims[i].Plan == plan {
			n++
		}
	}
	var all []book.Claim
	if n > 0 {
		all = make([]book.Claim, 0, n)
	}
	for i := range bk.Claims {
		if bk.Claims[i].Plan == plan {
			all = append(all, bk.Claims[i])
		}
	}
	var years []int
	for _, y := range d.Years {
		years = append(years, y.Year)
	}
	if len(all) == 0 {
		return
	}
	o := ibnr.Options{AsOf: asOf, LagMonths: d.Terms.ReportingLagMonths,
		PeriodStartMonth: d.Terms.PeriodStartMonth, DeadlineMonths: d.Terms.ClaimDeadlineMonths, PeriodYears: d.Terms.PeriodYears}
	r, err := ibnr.Complete(all, years, o)
	if err != nil {
		ex.Warnings = append(ex.Warnings, Warning{WarnNoCompletion, []string{plan, err.Error()}})
		return
	}
	ex.Completion, ex.NoDates, ex.Override = r.Years, r.NoDates, r.Override
	if r.NoDates > 0 {
		ex.Warnings = append(ex.Warnings, Warning{WarnNoReportDate, []string{plan, strconv.Itoa(r.NoDates)}})
	}
	if n := len(r.Years); n > 0 && r.Years[n-1].CompletionCount() < 0.8 {
		y := r.Years[n-1]
		ex.Warnings = append(ex.Warnings, Warning{WarnIncomplete, []string{plan, strconv.Itoa(y.Year), fmt.Sprintf("%.1f", 100*y.CompletionCount())}})
	}
	for _, bm := range p.Benefits {
		bc := BenefitCompletion{Benefit: bm.Benefit, Level: "plan", Years: r.Years, SeverityFactor: 1}
		var own []book.Claim
		dated := 0
		for _, c := range all {
			if c.Benefit == bm.Benefit {
				own = append(own, c)
				if !c.EventDate.IsZero() && !c.ReportDate.IsZero() {
					dated++
				}
			}
		}
		if dated >= minBenefitClaims || o.LagMonths > 0 {
			if rb, err := ibnr.Complete(own, years, o); err == nil {
				bc.Level, bc.Years = "benefit", rb.Years
			}
		} else if pooled := benefitAcrossPlans(bk, bm.Benefit); len(pooled) >= minPooledClaims {
			// The benefit's delays from every plan of the book: its
			// completion factor per year is applied to this plan's counts.
			if rb, err := ibnr.Complete(pooled, years, o); err == nil {
				bc.Level, bc.Years = "book", scaleYears(rb.Years, own, years)
			}
		}
		var rep, ult, v float64
		for _, y := range bc.Years {
			if yd := d.year(y.Year); yd == nil || yd.Exposure <= 0 {
				continue
			}
			rep += y.ReportedCount
			ult += y.UltimateCount
			v += y.SECount * y.SECount
		}
		bc.CountFactor = 1
		if rep > 0 && ult > rep {
			bc.CountFactor = ult / rep
			bc.RelSE = math.Sqrt(v) / ult
		}
		if bc.Level == "plan" {
			// The plan's counts mix benefits: the share of this benefit's
			// claims carries its part of the variance.
			bc.RelSE = math.Sqrt(v) / math.Max(ult, 1)
		}
		bm.Freq.RecordedMu *= bc.CountFactor
		bm.Freq.Mu *= bc.CountFactor
		bm.Freq.RelSE = math.Hypot(bm.Freq.RelSE, bc.RelSE)
		if bc.Level == "benefit" && bm.Sev != nil {
			var rc, rp, uc, up float64
			for _, y := range bc.Years {
				if slices.Contains(bm.Sev.Years, y.Year) {
					rc += y.ReportedCount
					rp += y.ReportedPaid
					uc += y.UltimateCount
					up += y.UltimatePaid
				}
			}
			if rc > 0 && rp > 0 && uc > 0 {
				k := (up / uc) / (rp / rc)
				if k > 1.001 && k < 2 {
					if err := rescaleSeverity(bm, d.Terms, k); err == nil {
						bc.SeverityFactor = k
					}
				}
			}
		}
		ex.Benefits = append(ex.Benefits, bc)
	}
}

// year is the data of year y (nil when none).
func (d *Data) year(y int) *YearData {
	for i := range d.Years {
		if d.Years[i].Year == y {
			return &d.Years[i]
		}
	}
	return nil
}

// rescaleSeverity scales the ground-up severity so that the mean payment per
// recorded event grows by k (bisection on the scale; the recorded share is
// updated and Mu with it, so that recorded events stay as completed).
func rescaleSeverity(bm *Benefit, t *plans.Terms, k float64) error {
	rules := t.Rules()
	d, r, l := coverageOf(rules, bm.Benefit)
	x := bm.Sev.Dist
	perRecorded := func(f float64) float64 {
		y, err := scaled(x, f)
		if err != nil {
			return math.NaN()
		}
		if bands := bandsOf(rules, bm.Benefit); len(bands) > 0 {
			return meanBandPayment(y, bands) // every event recorded (d = 0)
		}
		return meanPayment(y, d, r, l) / y.Survival(d)
	}
	base := perRecorded(1)
	if !(base > 0) {
		return errors.New("no mean payment")
	}
	lo, hi := 1.0, k*2
	if !(perRecorded(hi) > k*base) {
		return errors.New("the payment does not grow enough with the scale")
	}
	for range 60 {
		m := (lo + hi) / 2
		if perRecorded(m) < k*base {
			lo = m
		} else {
			hi = m
		}
	}
	y, err := scaled(x, (lo+hi)/2)
	if err != nil {
		return err
	}
	bm.Sev.Dist = y
	thin := y.Survival(d)
	if thin > 0 {
		bm.Freq.Thinning = thin
		bm.Freq.Mu = bm.Freq.RecordedMu / thin
	}
	return nil
}

// benefitAcrossPlans is every dated claim of benefit b in the book.
func benefitAcrossPlans(bk *book.Book, b plans.Benefit) []book.Claim {
	var out []book.Claim
	for _, c := range bk.Claims {
		if c.Benefit == b && !c.EventDate.IsZero() && !c.ReportDate.IsZero() {
			out = append(out, c)
		}
	}
	return out
}

// scaleYears applies the completion factors of ys (per year: ultimate /
// reported) to the plan's own claims of the benefit; the standard errors
// are scaled with the counts.
func scaleYears(ys []ibnr.Year, own []book.Claim, years []int) []ibnr.Year {
	var out []ibnr.Year
	for _, y := range years {
		var src ibnr.Year
		for _, x := range ys {
			if x.Year == y {
				src = x
			}
		}
		o := ibnr.Year{Year: y}
		for _, c := range own {
			if c.Year == y {
				o.ReportedCount++
				o.ReportedPaid += c.Paid
			}
		}
		fc, fp := 1/src.CompletionCount(), 1/src.CompletionPaid()
		o.UltimateCount, o.UltimatePaid = o.ReportedCount*fc, o.ReportedPaid*fp
		o.IBNRCount, o.IBNRPaid = o.UltimateCount-o.ReportedCount, o.UltimatePaid-o.ReportedPaid
		if src.UltimateCount > 0 {
			o.SECount = src.SECount * o.UltimateCount / src.UltimateCount
		}
		if src.UltimatePaid > 0 {
			o.SEPaid = src.SEPaid * o.UltimatePaid / src.UltimatePaid
		}
		out = append(out, o)
	}
	return out
}
