package plans

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"
)

// Event is one claim event of a member, as the benefit rules see it.
type Event struct {
	Benefit  Benefit
	Cost     float64 // ground-up yuan: the self-paid medical cost (medical) or the property loss (fire); ignored otherwise
	Days     int     // hospital days (day; medical events of plans with a daily amount); negative = not given
	Category string  // disability grade "1"–"10" or disease class
}

// Rules are a plan's terms as float64, precomputed from the decimal Terms so
// that claims can be paid fast (PayYear allocates nothing).
//
// Unset terms follow one convention: an unset amount (deductible, daily amount,
// lump sum, disability sum) is 0, an unset ratio is 1 (the ratio of admission
// n falls back as Terms.Ratio does; an unset fire ratio is 100%), an unset cap
// or limit (claim cap, annual cap, fire cap, max days) is none (+Inf or
// math.MaxInt), and an unset from_day is day 1.
type Rules struct {
	Kind          Kind
	PeriodYears   int        // 1, 2 or 3 (unset = 1)
	Deductible    float64    // yuan per claim, medical
	Ratios        [3]float64 // first, second, third-and-later medical event of the year
	ClaimCap      float64    // yuan per share per claim (medical)
	AnnualCap     float64    // yuan per share per member per year, all benefits
	DailyAmount   float64    // yuan per share per paid day
	FromDay       int        // first paid day, ≥ 1
	MaxDays       int        // paid days per member per period
	LumpSum       float64    // yuan per share: diagnosis (illness plans) or death (accident plans)
	DisabilitySum float64    // yuan per share, × the grade's percentage
	FireRatio     float64    // share of a property loss paid
	FireCap       float64    // yuan per event (not per share)
	// Disability maps a grade to its percentage (the plan's schedule or the
	// default 1 = 100% … 10 = 10%); Diagnosis maps a disease class to its
	// percentage, nil when the plan has no diagnosis schedule (every class 100%).
	Disability map[string]float64
	Diagnosis  map[string]float64
	// Bands, when not empty, pay the medical benefit by bands of the
	// member's cumulative medical cost in the year instead of by admission
	// (Deductible and Ratios are then not used: the reader and the exact
	// method refuse a deductible beside bands); OutpatientBands pay the
	// outpatient benefit the same way on the cumulative outpatient cost.
	// Both sorted ascending.
	Bands, OutpatientBands Bands

	allowed uint8 // bit i set: benefits[i] allowed by Kind
}

// State is what one member has used of the limits that run over a whole
// period rather than a year: the paid allowance days (max_days is per period).
// The zero value is a member with nothing used; for a 2- or 3-year plan the
// caller carries it from one year of the period to the next.
type State struct {
	DaysUsed int
}

func nullOr(d decimal.NullDecimal, def float64) float64 {
	if !d.Valid {
		return def
	}
	return d.Decimal.InexactFloat64()
}

func benefitBit(b Benefit) uint8 {
	if i := benefitIndex(b); i >= 0 {
		return 1 << i
	}
	return 0
}

// Rules precomputes the float64 form of the terms (see Rules for the meaning
// of unset terms). The Terms are not checked here: validation is the reader's.
func (t *Terms) Rules() *Rules {
	r := &Rules{
		Kind:          t.Kind,
		PeriodYears:   max(t.PeriodYears, 1),
		Deductible:    nullOr(t.Deductible, 0),
		ClaimCap:      nullOr(t.ClaimCap, math.Inf(1)),
		AnnualCap:     nullOr(t.AnnualCap, math.Inf(1)),
		DailyAmount:   nullOr(t.DailyAmount, 0),
		FromDay:       max(t.FromDay, 1),
		MaxDays:       t.MaxDays,
		LumpSum:       nullOr(t.LumpSum, 0),
		DisabilitySum: nullOr(t.DisabilitySum, 0),
		FireRatio:     nullOr(t.FireRatio, 1),
		FireCap:       nullOr(t.FireCap, math.Inf(1)),
	}
	if r.MaxDays <= 0 {
		r.MaxDays = math.MaxInt
	}
	for n := 1; n <= 3; n++ {
		r.Ratios[n-1] = t.Ratio(n).InexactFloat64()
	}
	r.Disability = scheduleFloat(t.Schedule(Disability))
	if s := t.Schedule(Diagnosis); s != nil {
		r.Diagnosis = scheduleFloat(s)
	}
	if len(t.Bands) > 0 {
		r.Bands = t.Bands.Sorted()
	}
	if len(t.OutpatientBands) > 0 {
		r.OutpatientBands = t.OutpatientBands.Sorted()
	}
	for _, b := range t.Kind.Benefits() {
		r.allowed |= benefitBit(b)
	}
	return r
}

func scheduleFloat(s map[string]decimal.Decimal) map[string]float64 {
	m := make(map[string]float64, len(s))
	for k, v := range s {
		m[strings.TrimSpace(k)] = v.InexactFloat64()
	}
	return m
}

// Allows reports whether the plan pays benefit b (its kind allows it).
func (r *Rules) Allows(b Benefit) bool { return r.allowed&benefitBit(b) != 0 }

// PayYear pays one member's events of one cover year, in chronological order,
// writing the payment of events[i] to paid[i], for a member with nothing used
// of the period's limits (a one-year plan, or the first year of a longer
// period). It is PayPeriodYear with a fresh State.
func (r *Rules) PayYear(events []Event, shares int, paid []float64) error {
	var st State
	return r.PayPeriodYear(events, shares, &st, paid)
}

// PayPeriodYear pays one member's events of one cover year, in chronological
// order, applying the terms literally, with s = shares:
//
//   - medical, banded plan (Bands set): an admission of cost x pays
//     min(Bands.PayClaim(C, x), claim_cap · s), C the member's medical
//     cost of the year before it (every admission counts, none is
//     numbered); C += x. Without a claim cap the year's admissions pay
//     Bands.Pay of the year's total cost, in any order.
//   - outpatient (hospital plans with OutpatientBands): the same on the
//     cumulative outpatient cost, with its own bands; a plan without
//     outpatient bands does not pay it (an error).
//   - medical, otherwise: the n-th claimed admission of the year pays
//     min(ratio_n · (cost − deductible), claim_cap · s), ratio_n = ratio_1,
//     ratio_2, ratio_3 for n ≥ 3 (MedicalCoverage). Admissions are numbered
//     among claimed ones only (Claimed): a stay whose cost is at or below the
//     deductible is never claimed, pays 0 and takes no number, as the
//     association's records number admissions. When the plan has a daily amount (accident
//     plans) and the event carries days, the event also pays the daily
//     allowance for its days, as a day event would: one hospital stay is one row.
//   - day: paid days k = min(max(0, days − from_day + 1), max_days − used),
//     used += k; pays k · daily_amount · s. st carries used across the years
//     of a period; max_days is per period.
//   - diagnosis: lump_sum · s · pct(category), pct from the diagnosis schedule
//     when the plan has one (an unlisted class is an error), else 100%.
//   - disability: min(disability_sum · s · pct(grade), disability_sum · s − D),
//     D the disability already paid to the member this year (disability
//     payments of a year together never exceed the sum).
//   - death: max(0, lump_sum · s − D): a death after a disability paid in the
//     same year receives the lump sum less what disability already paid.
//   - fire: min(fire_ratio · loss, fire_cap); fire_cap is per event, not per share.
//
// Then all benefits together are bounded by annual_cap · s per member per
// year: the event that crosses the cap is paid the remainder, later ones 0.
// An event whose benefit the plan's kind does not allow, a negative or
// non-finite cost, a day event without days, a disability grade or diagnosis
// class not in the schedule, or shares < 1 is an error; paid is then only
// partly written. paid must be at least as long as events.
func (r *Rules) PayPeriodYear(events []Event, shares int, st *State, paid []float64) error {
	if len(paid) < len(events) {
		return fmt.Errorf("plans: %d events but room for %d payments", len(events), len(paid))
	}
	if shares < 1 {
		return fmt.Errorf("plans: shares %d, expected at least 1", shares)
	}
	if st == nil {
		return fmt.Errorf("plans: nil State")
	}
	s := float64(shares)
	capLeft := r.AnnualCap * s
	disPaid := 0.0
	admissions := 0
	var cumMed, cumOut float64 // banded plans: the year's costs so far
	for i := range events {
		e := &events[i]
		if !r.Allows(e.Benefit) {
			return fmt.Errorf("plans: event %d: a %s plan does not pay benefit %q", i+1, r.Kind, e.Benefit)
		}
		var p float64
		switch e.Benefit {
		case Medical:
			if !(e.Cost >= 0) || math.IsInf(e.Cost, 1) {
				return fmt.Errorf("plans: event %d: medical cost %v, expected a finite amount ≥ 0", i+1, e.Cost)
			}
			switch {
			case len(r.Bands) > 0:
				p = min(r.Bands.PayClaim(cumMed, e.Cost), r.ClaimCap*s)
				cumMed += e.Cost
			case r.Claimed(e.Cost):
				admissions++
				p = r.medical(e.Cost, admissions, s)
			}
			if r.DailyAmount > 0 && e.Days > 0 {
				p += r.allowance(e.Days, s, st)
			}
		case Day:
			if e.Days < 0 {
				return fmt.Errorf("plans: event %d: day allowance without hospital days", i+1)
			}
			p = r.allowance(e.Days, s, st)
		case Diagnosis, Disability:
			a, err := r.LumpAmount(e.Benefit, e.Category, shares)
			if err != nil {
				return fmt.Errorf("plans: event %d: %w", i+1, err)
			}
			p = a
			if e.Benefit == Disability {
				p = max(0, min(a, r.DisabilitySum*s-disPaid))
				disPaid += p
			}
		case Death:
			p = max(0, r.LumpSum*s-disPaid)
		case Fire:
			if !(e.Cost >= 0) || math.IsInf(e.Cost, 1) {
				return fmt.Errorf("plans: event %d: property loss %v, expected a finite amount ≥ 0", i+1, e.Cost)
			}
			p = r.fire(e.Cost)
		case Outpatient:
			if len(r.OutpatientBands) == 0 {
				return fmt.Errorf("plans: event %d: an outpatient claim, but the plan has no outpatient bands", i+1)
			}
			if !(e.Cost >= 0) || math.IsInf(e.Cost, 1) {
				return fmt.Errorf("plans: event %d: outpatient cost %v, expected a finite amount ≥ 0", i+1, e.Cost)
			}
			p = min(r.OutpatientBands.PayClaim(cumOut, e.Cost), r.ClaimCap*s)
			cumOut += e.Cost
		}
		if p > capLeft {
			p = capLeft
		}
		capLeft -= p
		paid[i] = p
	}
	return nil
}

// Claimed reports whether a medical event of this cost is claimed: its cost
// is above the deductible. Only claimed admissions are numbered for the
// ratio of the n-th admission; the exact method and the estimator thin the
// events to claimed ones with this same test, P(X > deductible).
//
// A banded plan's admissions are all claimed (cost > 0): the bands need the
// year's whole cost.
func (r *Rules) Claimed(cost float64) bool { return cost > r.ClaimThreshold() }

// ClaimThreshold is the cost at or below which a medical event is not
// claimed nor recorded: the deductible, or 0 for a banded plan.
func (r *Rules) ClaimThreshold() float64 {
	if len(r.Bands) > 0 {
		return 0
	}
	return r.Deductible
}

// MedicalCoverage is the payment of the n-th claimed admission of the year
// (n ≥ 1) of a member with the given shares, as a layer of the cost X:
// min(ratio · (X − deductible)+, limit), limit = claim_cap · shares (+Inf
// without a claim cap). The daily allowance of an accident plan's medical
// event with days comes on top (Allowance).
func (r *Rules) MedicalCoverage(n, shares int) (deductible, ratio, limit float64) {
	return r.Deductible, r.Ratios[min(max(n, 1), 3)-1], r.ClaimCap * float64(max(shares, 1))
}

func (r *Rules) medical(cost float64, n int, s float64) float64 {
	base := cost - r.Deductible
	if !(base > 0) {
		return 0
	}
	return min(r.Ratios[min(n, 3)-1]*base, r.ClaimCap*s)
}

// FireCoverage is the payment of a property loss X as a layer:
// min(ratio · X, cap), cap per event (not per share; +Inf without fire_cap).
func (r *Rules) FireCoverage() (ratio, limit float64) { return r.FireRatio, r.FireCap }

func (r *Rules) fire(loss float64) float64 { return min(r.FireRatio*loss, r.FireCap) }

// LumpAmount is what one diagnosis, disability or death event of the given
// category pays a member with the given shares before the year's other
// events are taken into account: lump_sum · s · pct(class) (pct 100% when
// the plan has no diagnosis schedule), disability_sum · s · pct(grade), or
// lump_sum · s. A class or grade not in the schedule is an error.
func (r *Rules) LumpAmount(b Benefit, category string, shares int) (float64, error) {
	s := float64(max(shares, 1))
	switch b {
	case Death:
		return r.LumpSum * s, nil
	case Diagnosis:
		pct := 1.0
		if r.Diagnosis != nil {
			v, ok := r.Diagnosis[strings.TrimSpace(category)]
			if !ok {
				return 0, fmt.Errorf("disease class %q is not in the plan's diagnosis schedule", category)
			}
			pct = v
		}
		return r.LumpSum * s * pct, nil
	case Disability:
		pct, ok := r.Disability[strings.TrimSpace(category)]
		if !ok {
			return 0, fmt.Errorf("disability grade %q is not in the plan's schedule", category)
		}
		return r.DisabilitySum * s * pct, nil
	}
	return 0, fmt.Errorf("benefit %q is not a lump sum", b)
}

// PaidDays is the number of paid days of one stay of the given days, from
// from_day on, before max_days: max(0, days − from_day + 1).
func (r *Rules) PaidDays(days int) int { return max(0, days-r.FromDay+1) }

// MaxPayable is the most the rules can pay on one event of a member with the
// given shares, whatever the member's other events of the year: the event's
// payment with the highest admission ratio (a banded claim of cost x: the
// highest band ratio × x, whatever the member's cost before it), nothing used of max_days, of
// the disability sum or of the annual cap, bounded by annual_cap · shares.
// A cost (medical, fire) or days not given (NaN, negative) bound nothing
// but the caps; a category not in the schedule is bounded by the schedule's
// highest percentage. ok is false when nothing bounds the payment, and for a
// benefit the plan's kind does not pay (an error of its own).
func (r *Rules) MaxPayable(e Event, shares int) (float64, bool) {
	if !r.Allows(e.Benefit) {
		return 0, false
	}
	s := float64(max(shares, 1))
	bound := math.Inf(1)
	switch e.Benefit {
	case Medical:
		bound = r.ClaimCap * s
		if !math.IsNaN(e.Cost) {
			ratio, d := max(r.Ratios[0], r.Ratios[1], r.Ratios[2]), r.Deductible
			if len(r.Bands) > 0 {
				ratio, d = r.Bands.MaxRatio(), 0
			}
			bound = min(bound, max(0, ratio*(e.Cost-d)))
		}
		if r.DailyAmount > 0 && e.Days > 0 {
			bound += float64(min(r.PaidDays(e.Days), r.MaxDays)) * r.DailyAmount * s
		}
	case Day:
		days := r.MaxDays
		if e.Days >= 0 {
			days = min(r.PaidDays(e.Days), r.MaxDays)
		}
		if days != math.MaxInt {
			bound = float64(days) * r.DailyAmount * s
		}
	case Diagnosis, Disability:
		a, err := r.LumpAmount(e.Benefit, e.Category, shares)
		if err != nil {
			sched := r.Diagnosis
			base := r.LumpSum
			if e.Benefit == Disability {
				sched, base = r.Disability, r.DisabilitySum
			}
			pct := 0.0
			for _, v := range sched {
				pct = max(pct, v)
			}
			a = base * s * pct
		}
		bound = a
	case Death:
		bound = r.LumpSum * s
	case Outpatient:
		if len(r.OutpatientBands) == 0 {
			return 0, false
		}
		bound = r.ClaimCap * s
		if !math.IsNaN(e.Cost) {
			bound = min(bound, max(0, r.OutpatientBands.MaxRatio()*e.Cost))
		}
	case Fire:
		bound = r.FireCap
		if !math.IsNaN(e.Cost) {
			bound = min(bound, max(0, r.fire(e.Cost)))
		}
	}
	bound = min(bound, r.AnnualCap*s)
	return bound, !math.IsInf(bound, 1)
}

// allowance pays the days of one stay from from_day on, within what is left of
// max_days in the period, and records them in st.
func (r *Rules) allowance(days int, s float64, st *State) float64 {
	k := r.PaidDays(days)
	if k <= 0 {
		return 0
	}
	if left := r.MaxDays - st.DaysUsed; k > left {
		k = max(left, 0)
	}
	st.DaysUsed += k
	return float64(k) * r.DailyAmount * s
}
