package model

import (
	"fmt"
	"math"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/plans"
)

// Frequency is the law of one benefit's ground-up events per member-year:
// N ~ nbinom(size, mu), or Poisson(mu) when Size is +Inf, or the hurdle
// ("zmod-nbinom": a member claims with probability π, and a claimant's
// events are zero-truncated nbinom(Size, BaseMu), mean k̄ = BaseMu/(1 −
// q_0); Mu = π·k̄; "zmod-pois" the same with a Poisson(BaseMu) base, Size
// +Inf). Ground-up means before the deductible or the first paid
// day hides events from the record: with a share s of events recorded, the
// recorded count is nbinom(size, s·mu) (thinning keeps the family), so Mu =
// RecordedMu / Thinning. The hurdle is fitted only to a benefit that
// records every event (Thinning 1: lump sums, fire, banded medical costs,
// outpatient): a thinned hurdle is a hurdle too (DistThinned), but carrying
// a fit on recorded events back to the ground-up law at each year's share
// recorded is not done.
type Frequency struct {
	Family     string  // "pois", "nbinom", "zmod-nbinom" or "zmod-pois"
	Mu         float64 // ground-up events per member-year of cover
	Size       float64 // nbinom size (the claimants' base law's for the hurdle); +Inf for Poisson
	BaseMu     float64 // the hurdle's base mu (0 otherwise)
	RecordedMu float64 // recorded events per member-year
	Thinning   float64 // share of ground-up events that are recorded (1 for lump sums)
	// RelSE is the relative standard error of Mu as an estimate of next
	// year's incidence: the larger of the fit's and the one the spread of
	// the yearly rates shows (year-to-year variation beyond chance).
	RelSE float64
	// Fit is the chosen count fit on recorded events per member (nil when
	// the book has no member ids or is summary-only); Alternatives are all
	// fits tried, ranked.
	Fit          *fit.CountResult
	Alternatives []*fit.CountResult
	Reason       string
	// Trend is the estimated yearly growth of the ground-up rate (a Poisson
	// log-linear regression of the yearly recorded events on the year, with
	// each year's exposure and share recorded as offset) and TrendSE its
	// standard error (over-dispersion included); NaN when it cannot be
	// estimated (a single year, no events, a count falling to zero).
	// TrendUsed: Mu is the last data year's rate on the trend line and the
	// priced year's rate is Mu·(1 + Trend)^years — when the trend is
	// significant (three years or more, at least 100 events, |Trend| >
	// 2.576·TrendSE: 1%, two-sided) or given (FitOptions.FrequencyTrend,
	// TrendSE 0 then); otherwise Mu is the rate of all years pooled. An
	// estimated trend in use adds TrendSE/(1 + Trend) to RelSE (one year
	// ahead).
	Trend, TrendSE float64
	TrendUsed      bool
}

// Growth is the frequency trend's factor from the last data year to the
// given number of years after it: (1 + Trend)^years when the trend is used,
// else 1.
func (q Frequency) Growth(years int) float64 {
	if !q.TrendUsed || years == 0 {
		return 1
	}
	return math.Pow(1+q.Trend, float64(years))
}

// Dist returns the ground-up count distribution with its mean scaled by f.
// The hurdle's mean is scaled through the share of members who claim, π·f,
// each claimant's events keeping their law: more claimants, not more events
// each — how incidence relativities, shocks and the incidence nodes act on
// it. Past π·f = 1 every member claims and each claimant's base mean is
// raised until the mean is Mu·f (hurdleBase).
func (q Frequency) Dist(f float64) dist.Discrete {
	return q.DistThinned(f, 1)
}

// DistThinned is the law of the events among Dist(f)'s that are recorded,
// each independently with probability pc (a medical event above the
// deductible): nbinom(size, pc·f·mu) or Poisson; for the hurdle, thinning
// keeps a hurdle — each claimant's events are thinned one by one, so with q0
// and q0′ the base's P(0) before and after, the base becomes nbinom(size,
// pc·μ) and the share with any recorded event π·(1 − q0′)/(1 − q0).
func (q Frequency) DistThinned(f, pc float64) dist.Discrete {
	if !q.Hurdle() {
		if math.IsInf(q.Size, 1) || q.Size <= 0 {
			return dist.Poisson{Lambda: q.Mu * (f * pc)}
		}
		return dist.NegBinomialMu(q.Size, q.Mu*(f*pc))
	}
	pi, mu := q.hurdleBase(f)
	base := q.base(mu)
	if pc < 1 {
		thin := q.base(pc * mu)
		pi *= -math.Expm1(thin.LogProb(0)) / -math.Expm1(base.LogProb(0))
		base = thin
	}
	return dist.ZeroModified{Base: base, P0: 1 - pi}
}

// Hurdle reports whether q is a hurdle law (zmod-nbinom or zmod-pois).
func (q Frequency) Hurdle() bool { return q.Family == HurdleFamily || q.Family == HurdlePoisFamily }

// base is the hurdle's base law with mean mu: nbinom(Size, mu), or Poisson
// when Size is +Inf (zmod-pois).
func (q Frequency) base(mu float64) dist.Discrete {
	if math.IsInf(q.Size, 1) || q.Size <= 0 {
		return dist.Poisson{Lambda: mu}
	}
	return dist.NegBinomialMu(q.Size, mu)
}

// hurdleBase is the share who claim π and the base's mean μ of the hurdle
// scaled by f: π = Mu·f/k̄ with k̄ = BaseMu/(1 − q0) the claimants' mean,
// μ = BaseMu; when π would pass 1, π = 1 and μ solves μ/(1 − q0(μ)) = Mu·f
// (bisection on [BaseMu, Mu·f]; the zero-truncated mean increases with μ
// and is at least μ), so that the mean stays Mu·f.
func (q Frequency) hurdleBase(f float64) (pi, mu float64) {
	kbar := func(m float64) float64 { return m / -math.Expm1(q.base(m).LogProb(0)) }
	target := q.Mu * f
	if pi = target / kbar(q.BaseMu); pi <= 1 {
		return pi, q.BaseMu
	}
	lo, hi := q.BaseMu, target
	for range 200 {
		mid := (lo + hi) / 2
		if kbar(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo <= 1e-15*hi {
			break
		}
	}
	return 1, (lo + hi) / 2
}

// HurdleFamily and HurdlePoisFamily are the hurdle count families' names
// (Frequency): claimants' events zero-truncated nbinom, or Poisson.
const (
	HurdleFamily     = "zmod-nbinom"
	HurdlePoisFamily = "zmod-pois"
)

// DistSize is DistThinned with the negative binomial size given instead of
// Size (a rate class's, RateClass.Counts); Poisson when size is +Inf.
func (q Frequency) DistSize(f, pc, size float64) dist.Discrete {
	q.Size = size
	return q.DistThinned(f, pc)
}

// Severity is the ground-up law of an amount per event (a self-paid medical
// cost, a property loss), at the cost level of the last data year.
type Severity struct {
	Dist dist.Continuous
	// ScaleSE is the standard deviation of the log of the mean payment per
	// event due to the estimated parameters (delta method on the fit's
	// covariance, under last year's terms): parameter risk, applied as a
	// lognormal factor on the scale of X.
	ScaleSE      float64
	Trended      bool // medical costs: medical_trend applies
	Truncation   float64
	Fit          *fit.Result
	Alternatives []*fit.Result
	Reason       string
	N            int // observations fitted
	Years        []int
}

// Days is the law of the days of one hospital stay: D = 1 + nbinom(size, mu).
type Days struct {
	Size, Mu     float64
	Truncation   int // recorded stays have D ≥ Truncation+1 (the first paid day)
	Fit          *fit.CountResult
	Alternatives []*fit.CountResult
	N            int
	// Reason says why there is no fit (fewer than 10 stays), "" otherwise.
	Reason string
}

// Dist is the law of D − 1.
func (d *Days) Dist() dist.Discrete {
	if math.IsInf(d.Size, 1) {
		return dist.Poisson{Lambda: d.Mu}
	}
	return dist.NegBinomialMu(d.Size, d.Mu)
}

// Benefit is the model of one benefit type of a plan.
type Benefit struct {
	Benefit plans.Benefit
	Freq    Frequency
	Sev     *Severity // medical, fire, and the stand-in of a summary-only book
	Days    *Days     // day
	// Categories are the shares of disease classes (diagnosis) or
	// disability grades (disability) among recorded events.
	Categories map[string]float64
	Claims     int64 // recorded events used
	// Paid is what the benefit paid in the last data year (the weight of its
	// incidence uncertainty in the plan's).
	Paid float64
	// Payment, for a summary-only book, is the law of the amount paid per
	// claim (Sev is then nil): no ground-up shape is known. PaymentTrended:
	// the medical trend applies to it (a medical plan's reimbursements).
	Payment        dist.Continuous
	PaymentTrended bool
}

// Plan is the experience model of one plan.
type Plan struct {
	Terms    *plans.Terms // the terms the experience was paid under (the Plans sheet)
	Source   string       // "claims" or "summary"
	LastYear int
	Benefits []*Benefit
	// Members, Shares and Exposure are last year's; ExposureRatio =
	// Exposure/Members (the waiting period of new members).
	Members       float64
	Shares        float64
	Exposure      float64
	ExposureRatio float64
	// ShareMix maps a number of shares to the share of members holding it.
	ShareMix map[int]float64
	// Cohorts are the last data year's cohorts of a multi-year plan (Data.Cohorts).
	Cohorts []Cohort
	// Classes are the plan's rate classes with their relativities (nil
	// without a class column; classes.go).
	Classes []RateClass
	// Notes state the assumptions that stand in for missing data.
	Notes []string
	// Experience is the completion of late-reported claims, the credibility
	// of the frequencies, the warnings and the outliers (FromBook;
	// completion.go, credibility.go).
	Experience *Experience
}

// Benefit returns the model of benefit b (nil when the plan has none).
func (p *Plan) Benefit(b plans.Benefit) *Benefit {
	for _, x := range p.Benefits {
		if x.Benefit == b {
			return x
		}
	}
	return nil
}

// ParameterSD returns the log-sds of the plan's two parameter factors: the
// incidence factor on every benefit's Mu, σ_I = √(Σ (w_b·RelSE_b)²) with w_b
// the benefits' shares of last year's paid (so the factor gives the plan's
// expected cost the variance the estimates give it), and the severity-scale
// factor on every severity, the largest ScaleSE of the plan's severities.
func (p *Plan) ParameterSD() (incidence, severity float64) {
	tot := 0.0
	for _, b := range p.Benefits {
		tot += b.Paid
	}
	v := 0.0
	for _, b := range p.Benefits {
		w := 1 / float64(len(p.Benefits))
		if tot > 0 {
			w = b.Paid / tot
		}
		v += (w * b.Freq.RelSE) * (w * b.Freq.RelSE)
		if b.Sev != nil {
			severity = math.Max(severity, b.Sev.ScaleSE)
		}
	}
	return math.Sqrt(v), severity
}

// costLaw is benefit b's cost law (its severity) scaled by the severity
// factor fS and, for a trended severity, by the trend factor fT; f is the
// factor applied.
func costLaw(b *Benefit, fS, fT float64) (x dist.Continuous, f float64, err error) {
	f = fS
	if b.Sev.Trended {
		f *= fT
	}
	x, err = scaled(b.Sev.Dist, f)
	return x, f, err
}

// scaled returns X·f in the same family (every severity family of dist has a
// scale parameter).
func scaled(x dist.Continuous, f float64) (dist.Continuous, error) {
	if f == 1 {
		return x, nil
	}
	if !(f > 0) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("model: scale factor %v", f)
	}
	switch d := x.(type) {
	case dist.LogNormal:
		d.MeanLog += math.Log(f)
		return d, nil
	case dist.Gamma:
		d.Rate /= f
		return d, nil
	case dist.Exponential:
		d.Rate /= f
		return d, nil
	case dist.Weibull:
		d.Scale *= f
		return d, nil
	case dist.Lomax:
		d.Scale *= f
		return d, nil
	case dist.LogLogistic:
		d.Scale *= f
		return d, nil
	case dist.Burr:
		d.Scale *= f
		return d, nil
	}
	return nil, fmt.Errorf("model: cannot scale a %s severity", x.Name())
}

// specOf writes a distribution as a spec dist.ParseContinuous reads.
func specOf(family string, names []string, params []float64) string {
	var b strings.Builder
	b.WriteString(family + "(")
	for i, n := range names {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%s=%.17g", n, params[i])
	}
	b.WriteString(")")
	return b.String()
}
