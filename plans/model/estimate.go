package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/plans"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// FitOptions control Estimate.
type FitOptions struct {
	// Families are the severity families tried (default fit.Families).
	Families []string
	// MinClaims is the fewest last-year observations a severity is fitted on
	// alone; with fewer, earlier years are pooled after deflating their
	// amounts by Trend a year (default 100).
	MinClaims int
	Trend     float64
	// SummarySdLog is the sdlog of the lognormal that stands in for the
	// amount paid per claim of a summary-only book (default 1).
	SummarySdLog float64
	// FrequencyTrend, when set, is the yearly growth of every benefit's
	// ground-up rate to use instead of the estimated one (which is then used
	// only when significant); 0 turns the frequency trend off.
	FrequencyTrend *float64
	// AsOf is the valuation date (default the Fund's as_of, else the latest
	// report date): claims reported after it are left out (completion.go).
	AsOf time.Time
}

func (o *FitOptions) defaults() FitOptions {
	var r FitOptions
	if o != nil {
		r = *o
	}
	if len(r.Families) == 0 {
		r.Families = fit.Families
	}
	if r.MinClaims <= 0 {
		r.MinClaims = 100
	}
	if r.SummarySdLog <= 0 {
		r.SummarySdLog = 1
	}
	return r
}

// Estimate turns a plan's experience into its model:
//
//   - severity (medical costs, outpatient costs, property losses): every
//     family of opts.Families fitted by maximum likelihood to last year's
//     ground-up amounts, left-truncated at last year's deductible (the
//     association records a cost only above it; a plan paid by cost bands
//     has no per-admission deductible and records every admission, so its
//     costs, and outpatient costs, are fitted untruncated), the lowest AIC
//     chosen; a hospital plan with outpatient bands has an Outpatient
//     benefit with its own frequency and severity;
//   - days of a stay: 1 + nbinom or 1 + Poisson, left-truncated below the
//     first paid day;
//   - events per member-year: Poisson or negative binomial fitted to the
//     recorded events per member (members without claims counted as zeros,
//     exposure net of waiting periods), the lowest AIC chosen, then
//     de-thinned to ground-up with each data year's own share recorded
//     (a medical cost above the fixed deductible at that year's cost level,
//     the last year's deflated by the trend): Mu = Σ events / Σ_y E_y·P_y,
//     which keeps the family (a thinned nbinom(size, mu) is
//     nbinom(size, s·mu)); Thinning is the exposure-weighted P_y;
//   - a frequency trend: the yearly growth of the ground-up rate, estimated
//     with its standard error (Frequency.Trend) and used only when
//     significant or given in opts.FrequencyTrend;
//   - disease-class and disability-grade mixes: their recorded shares.
//
// A summary-only plan gets Poisson events at the summary's rate and, for the
// amount paid per claim, a lognormal with the observed mean and sdlog
// opts.SummarySdLog; Notes says so.
func Estimate(d *Data, opts *FitOptions) (*Plan, error) {
	o := opts.defaults()
	last := d.Last()
	if last == nil {
		return nil, fmt.Errorf("plan %s: no experience (no enrolment or summary rows)", d.Terms.Plan)
	}
	p := &Plan{Terms: d.Terms, Source: d.Source, LastYear: d.LastYear,
		Members: float64(last.Members), Shares: float64(last.Shares), Exposure: last.Exposure, Cohorts: d.Cohorts}
	if last.Members > 0 {
		p.ExposureRatio = last.Exposure / float64(last.Members)
	} else {
		p.ExposureRatio = 1
	}
	p.ShareMix = shareMix(float64(last.Members), float64(last.Shares), max(d.Terms.MaxShares, 1))
	if d.Source == "summary" {
		return estimateSummary(d, p, o)
	}
	rules := d.Terms.Rules()
	for _, b := range d.Terms.Kind.Benefits() {
		if b == plans.Outpatient && len(d.Terms.OutpatientBands) == 0 {
			continue // a hospital plan without outpatient bands pays no outpatient benefit
		}
		recs, lastPaid := benefitRecs(d, b, rules)
		if len(recs) == 0 {
			p.Notes = append(p.Notes, fmt.Sprintf("no %s claims recorded: the benefit is modelled as never claimed", b))
			continue
		}
		bm := &Benefit{Benefit: b, Claims: int64(len(recs)), Paid: lastPaid}
		thin := 1.0
		var thinY func(year int) float64 // P(recorded) in a data year; nil: thin every year
		switch b {
		case plans.Medical, plans.Fire, plans.Outpatient:
			// How the fit knows where the record starts: a medical cost is
			// recorded only above the per-admission deductible. A banded
			// plan (Terms.Bands) has no per-admission deductible (the reader
			// rejects one; the rules ignore it): every admission is
			// recorded, paid or not, because the bands need the year's whole
			// cost (Rules.ClaimThreshold is 0), so its claims are complete
			// above 0 and the severity is fitted untruncated. Outpatient costs likewise (their own
			// bands), and property losses have no deductible.
			trunc := 0.0
			if b == plans.Medical {
				trunc = rules.ClaimThreshold()
			}
			sev, err := fitSeverity(recs, d.LastYear, trunc, o)
			if err != nil {
				return nil, fmt.Errorf("plan %s, %s: %w", d.Terms.Plan, b, err)
			}
			sev.Trended = b == plans.Medical || b == plans.Outpatient
			if sev.Fit != nil {
				sev.ScaleSE = scaleSE(sev, rules, b)
			} else {
				p.Notes = append(p.Notes, fmt.Sprintf("%s: %s", b, sev.Reason))
			}
			bm.Sev = sev
			thin = sev.Dist.Survival(trunc)
			if sev.Trended && o.Trend != 0 && trunc > 0 {
				x, last := sev.Dist, d.LastYear
				thinY = func(y int) float64 {
					xy, err := scaled(x, math.Pow(1+o.Trend, float64(y-last)))
					if err != nil {
						return thin
					}
					return xy.Survival(trunc)
				}
			}
		case plans.Day:
			from := max(rules.FromDay, 1)
			days, err := fitDays(recs, from)
			if err != nil {
				return nil, fmt.Errorf("plan %s, days: %w", d.Terms.Plan, err)
			}
			bm.Days = days
			if days.Reason != "" {
				p.Notes = append(p.Notes, fmt.Sprintf("%s: %s", b, days.Reason))
			}
			if from > 1 {
				thin = 1 - days.Dist().CDF(from-2)
			}
		case plans.Diagnosis, plans.Disability:
			bm.Categories = categoryShares(recs)
		}
		if !(thin > 0) {
			return nil, fmt.Errorf("plan %s, %s: the fitted law records no events (P(recorded) = %v)", d.Terms.Plan, b, thin)
		}
		if thinY == nil {
			thinY = func(int) float64 { return thin }
		}
		fq, err := fitFrequency(d, b, recs, thinY, o.FrequencyTrend)
		if err != nil {
			return nil, fmt.Errorf("plan %s, %s events: %w", d.Terms.Plan, b, err)
		}
		if !(fq.Thinning > 0) {
			return nil, fmt.Errorf("plan %s, %s: the fitted law records no events (P(recorded) = %v)", d.Terms.Plan, b, fq.Thinning)
		}
		bm.Freq = fq
		switch {
		case fq.TrendUsed && o.FrequencyTrend != nil:
			p.Notes = append(p.Notes, fmt.Sprintf("%s events: the given frequency trend %+.2f%% a year is used", b, 100*fq.Trend))
		case fq.TrendUsed:
			p.Notes = append(p.Notes, fmt.Sprintf("%s events: a frequency trend of %+.2f%% ± %.2f%% a year is significant and used", b, 100*fq.Trend, 100*fq.TrendSE))
		}
		p.Benefits = append(p.Benefits, bm)
	}
	return p, nil
}

// shareMix spreads members over 1..maxShares so that the mean is
// shares/members: on the two whole numbers around the mean.
func shareMix(members, shares float64, maxShares int) map[int]float64 {
	if members <= 0 || maxShares <= 1 || shares <= members {
		return map[int]float64{1: 1}
	}
	m := math.Min(shares/members, float64(maxShares))
	lo := math.Floor(m)
	if lo == m {
		return map[int]float64{int(lo): 1}
	}
	w := m - lo
	return map[int]float64{int(lo): 1 - w, int(lo) + 1: w}
}

func fitSeverity(recs []ClaimRec, lastYear int, trunc float64, o FitOptions) (*Severity, error) {
	var x []float64
	years := map[int]bool{}
	take := func(pool bool) {
		x, years = x[:0], map[int]bool{}
		for _, c := range recs {
			if math.IsNaN(c.Cost) || c.Cost <= trunc {
				continue
			}
			if c.Year != lastYear && !pool {
				continue
			}
			v := c.Cost
			if c.Year != lastYear {
				v *= math.Pow(1+o.Trend, float64(lastYear-c.Year))
			}
			x = append(x, v)
			years[c.Year] = true
		}
	}
	take(false)
	if len(x) < o.MinClaims {
		take(true)
	}
	if len(x) < 10 {
		return fewAmounts(x, trunc, years)
	}
	trunc2 := trunc
	// Pooled years deflated by the trend keep the last year's truncation
	// point only approximately; fitting above the highest deflated point
	// keeps the likelihood right.
	if len(years) > 1 && o.Trend > 0 {
		lo := math.Inf(1)
		for y := range years {
			lo = math.Min(lo, trunc*math.Pow(1+o.Trend, float64(lastYear-y)))
		}
		trunc2 = math.Max(trunc, lo)
		k := 0
		for _, v := range x {
			if v > trunc2 {
				x[k] = v
				k++
			}
		}
		x = x[:k]
	}
	s := fit.Limits(x, nil, trunc2, math.Inf(1))
	var fits []*fit.Result
	for _, fam := range o.Families {
		r, err := fit.Continuous(s, fam, nil)
		if err != nil {
			continue
		}
		fits = append(fits, r)
	}
	best, reason := fit.Choose(fits)
	if best == nil {
		return nil, errors.New("no severity family could be fitted")
	}
	sev := &Severity{Dist: best.Dist, Truncation: trunc2, Fit: best, Alternatives: fit.Rank(fits), Reason: reason, N: len(x)}
	for y := range years {
		sev.Years = append(sev.Years, y)
	}
	sort.Ints(sev.Years)
	return sev, nil
}

// fewAmounts stands in for a severity fit when fewer than 10 amounts were
// recorded in all years: a lognormal with the mean and sd of the amounts'
// logs (sdlog 1 with fewer than 3 amounts), the truncation ignored, and a
// scale uncertainty of sdlog/√n; the plan's notes say so.
func fewAmounts(x []float64, trunc float64, years map[int]bool) (*Severity, error) {
	if len(x) == 0 {
		return nil, fmt.Errorf("no amounts above %g recorded: no severity can be estimated", trunc)
	}
	var m, v float64
	for _, a := range x {
		m += math.Log(a)
	}
	m /= float64(len(x))
	for _, a := range x {
		d := math.Log(a) - m
		v += d * d
	}
	sd := 1.0
	if len(x) >= 3 {
		sd = math.Max(math.Sqrt(v/float64(len(x)-1)), 0.1)
	}
	sev := &Severity{Dist: dist.LogNormal{MeanLog: m, SdLog: sd}, Truncation: 0, N: len(x), ScaleSE: sd / math.Sqrt(float64(len(x))),
		Reason: fmt.Sprintf("only %d amounts: lognormal by the moments of their logs (sdlog %s), not a fitted model", len(x), map[bool]string{true: "assumed 1", false: "estimated"}[len(x) < 3])}
	for y := range years {
		sev.Years = append(sev.Years, y)
	}
	sort.Ints(sev.Years)
	return sev, nil
}

// meanPayment is E[Y] for Y = min(r·(X − d)+, L), the payment of one event.
func meanPayment(x dist.Continuous, d, r, l float64) float64 {
	if r <= 0 {
		return 0
	}
	u := d + l/r
	if math.IsInf(l, 1) {
		return r * (x.Mean() - x.LEV(d))
	}
	return r * (x.LEV(u) - x.LEV(d))
}

// bandsOf is the band schedule that pays benefit b (nil when b is not paid by
// bands): the medical bands of a banded plan, the outpatient bands.
func bandsOf(rules *plans.Rules, b plans.Benefit) plans.Bands {
	switch b {
	case plans.Medical:
		return rules.Bands
	case plans.Outpatient:
		return rules.OutpatientBands
	}
	return nil
}

// meanBandPayment is E[Bands.Pay(X)], the bands' payment on one event of
// cost X alone in the year: Σ_k ratio_k · (LEV(From_{k+1}) − LEV(From_k)),
// LEV(∞) = E[X]. Caps left out: it weighs the parameter risk of the scale.
func meanBandPayment(x dist.Continuous, bands plans.Bands) float64 {
	s := 0.0
	for k, bd := range bands {
		hi := x.Mean()
		if k+1 < len(bands) {
			hi = x.LEV(bands[k+1].From)
		}
		s += bd.Ratio * (hi - x.LEV(bd.From))
	}
	return s
}

// coverageOf is the layer one event of benefit b pays under the rules (a
// first claimed admission, one share).
func coverageOf(rules *plans.Rules, b plans.Benefit) (d, r, l float64) {
	switch b {
	case plans.Medical:
		return rules.MedicalCoverage(1, 1)
	case plans.Fire:
		r, l := rules.FireCoverage()
		return 0, r, l
	}
	return 0, 1, math.Inf(1)
}

// scaleSE is the sd of the log scale factor on X that gives E[payment] the
// variance the fit's covariance gives it (delta method, numerical gradient).
func scaleSE(sev *Severity, rules *plans.Rules, b plans.Benefit) float64 {
	f := sev.Fit
	if f == nil || f.Cov == nil {
		return 0
	}
	d, r, l := coverageOf(rules, b)
	pay := func(x dist.Continuous) float64 { return meanPayment(x, d, r, l) }
	if bands := bandsOf(rules, b); len(bands) > 0 {
		pay = func(x dist.Continuous) float64 { return meanBandPayment(x, bands) }
	}
	logEY := func(params []float64) float64 {
		x, err := dist.ParseContinuous(specOf(f.Family, f.ParamNames, params))
		if err != nil {
			return math.NaN()
		}
		return math.Log(pay(x))
	}
	k := len(f.Params)
	g := make([]float64, k)
	for i := range k {
		h := 1e-5 * math.Max(math.Abs(f.Params[i]), 1e-8)
		up := append([]float64(nil), f.Params...)
		dn := append([]float64(nil), f.Params...)
		up[i] += h
		dn[i] -= h
		g[i] = (logEY(up) - logEY(dn)) / (2 * h)
	}
	v := 0.0
	for i := range k {
		for j := range k {
			v += g[i] * g[j] * f.Cov.At(i, j)
		}
	}
	// Elasticity of E[Y] to the scale of X.
	x1, err1 := scaled(sev.Dist, math.Exp(1e-4))
	x0, err0 := scaled(sev.Dist, math.Exp(-1e-4))
	if err1 != nil || err0 != nil || !(v >= 0) {
		return 0
	}
	el := (math.Log(pay(x1)) - math.Log(pay(x0))) / 2e-4
	if !(el > 1e-6) || math.IsNaN(v) {
		return 0
	}
	return math.Sqrt(v) / el
}

func fitDays(recs []ClaimRec, from int) (*Days, error) {
	counts := map[int]float64{}
	n := 0
	for _, c := range recs {
		if c.Days < from || c.Days < 1 {
			continue
		}
		counts[c.Days-1]++
		n++
	}
	if n == 0 {
		return nil, errors.New("no stays with days recorded: the days of a stay cannot be estimated")
	}
	if n < 10 {
		return fewDays(counts, n, from), nil
	}
	vals, freq := sortedTable(counts)
	var fits []*fit.CountResult
	for _, fam := range fit.CountFamilies {
		r, err := fit.CountsTruncated(vals, freq, fam, from-1)
		if err != nil {
			continue
		}
		fits = append(fits, r)
	}
	best, _ := fit.Choose(fits)
	if best == nil {
		return nil, errors.New("no days law could be fitted")
	}
	dm := &Days{Truncation: from - 1, Fit: best, Alternatives: fit.Rank(fits), N: n, Size: math.Inf(1)}
	switch best.Family {
	case "pois":
		dm.Mu = best.Params[0]
	default:
		dm.Size, dm.Mu = best.Params[0], best.Params[1]
	}
	return dm, nil
}

// fewDays stands in for a days fit when fewer than 10 stays were recorded:
// D − 1 Poisson with the recorded stays' mean of D − 1 (the truncation at
// the first paid day ignored, which overstates the days a little); Reason
// says so and the plan's notes repeat it.
func fewDays(counts map[int]float64, n, from int) *Days {
	vals, freq := sortedTable(counts)
	m := 0.0
	for i, v := range vals {
		m += float64(v) * freq[i]
	}
	m /= float64(n)
	return &Days{Truncation: from - 1, N: n, Size: math.Inf(1), Mu: math.Max(m, 1e-9),
		Reason: fmt.Sprintf("only %d stays with days: days − 1 taken as Poisson with their mean %.3g, not a fitted law", n, m)}
}

func categoryShares(recs []ClaimRec) map[string]float64 {
	m := map[string]float64{}
	n := 0.0
	for _, c := range recs {
		if c.Category == "" {
			continue
		}
		m[c.Category]++
		n++
	}
	for k := range m {
		m[k] /= n
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// benefitRecs are the recorded events of benefit b and what they paid in
// the last data year.
func benefitRecs(d *Data, b plans.Benefit, rules *plans.Rules) (recs []ClaimRec, lastPaid float64) {
	for _, c := range d.Claims {
		switch {
		case c.Benefit == b:
			recs = append(recs, c)
			if c.Year == d.LastYear {
				lastPaid += c.Paid
			}
		case b == plans.Day && c.Benefit == plans.Medical && c.Days > 0 && rules.DailyAmount > 0:
			// A medical stay with days also pays the daily allowance
			// (plans.Rules.PayYear): its days are day events too, and
			// its allowance part counts as paid by the day benefit.
			c.Benefit = plans.Day
			recs = append(recs, c)
			if c.Year == d.LastYear {
				lastPaid += float64(min(rules.PaidDays(c.Days), rules.MaxDays)) * rules.DailyAmount * float64(c.Shares)
			}
		}
	}
	return recs, lastPaid
}

// fitFrequency fits recorded events per member-year of benefit b, pooled over
// the years: each year's members with claims by their count, the rest of the
// exposure as zeros; then de-thins it to ground-up with each year's share
// recorded thinY(year) and estimates the frequency trend (frequencyTrend).
func fitFrequency(d *Data, b plans.Benefit, recs []ClaimRec, thinY func(int) float64, given *float64) (Frequency, error) {
	type my struct {
		m string
		y int
	}
	perMember := map[my]int{}
	ids := true
	nByYear := map[int]float64{}
	for _, c := range recs {
		nByYear[c.Year]++
		if c.Member == "" {
			ids = false
			continue
		}
		perMember[my{c.Member, c.Year}]++
	}
	expo, events := 0.0, 0.0
	var rates, expos, ns, offs []float64
	var yrs []int
	for _, y := range d.Years {
		if y.Exposure <= 0 {
			continue
		}
		expo += y.Exposure
		events += nByYear[y.Year]
		rates = append(rates, nByYear[y.Year]/y.Exposure)
		expos = append(expos, y.Exposure)
		ns = append(ns, nByYear[y.Year])
		offs = append(offs, y.Exposure*thinY(y.Year))
		yrs = append(yrs, y.Year-d.LastYear)
	}
	if expo <= 0 {
		return Frequency{}, errors.New("no exposure (members) in the years with claims")
	}
	fq := Frequency{Family: "pois", Size: math.Inf(1), RecordedMu: events / expo}
	fitRel := 1 / math.Sqrt(math.Max(events, 1))
	if ids {
		table := map[int]float64{}
		claimants := map[int]float64{}
		for k, n := range perMember {
			table[n]++ // counts: exact whatever the order
			claimants[k.y]++
		}
		zeros := 0.0
		for _, y := range d.Years {
			zeros += math.Max(0, y.Exposure-claimants[y.Year])
		}
		table[0] += zeros
		vals, freq := sortedTable(table)
		var fits []*fit.CountResult
		for _, fam := range fit.CountFamilies {
			r, err := fit.Counts(vals, freq, fam)
			if err != nil {
				continue
			}
			fits = append(fits, r)
		}
		recordsAll := true
		for i := range offs {
			recordsAll = recordsAll && offs[i] == expos[i]
		}
		if recordsAll {
			// Every event recorded: the hurdle (whether a member claims,
			// then how often) is a candidate too (Frequency).
			for _, base := range []string{"nbinom", "pois"} {
				if r, err := fit.CountsHurdle(vals, freq, base); err == nil {
					fits = append(fits, r)
				}
			}
		}
		best, reason := fit.Choose(fits)
		if best != nil {
			fq.Fit, fq.Alternatives, fq.Reason = best, fit.Rank(fits), reason
			switch best.Family {
			case "pois":
				fq.RecordedMu = best.Params[0]
				fitRel = best.SE[0] / best.Params[0]
			case HurdleFamily:
				fq.Family = HurdleFamily
				fq.Size, fq.BaseMu, fq.RecordedMu = best.Params[1], best.Params[2], best.Dist.Mean()
				fitRel = hurdleMeanRelSE(best)
			case HurdlePoisFamily:
				fq.Family = HurdlePoisFamily
				fq.Size, fq.BaseMu, fq.RecordedMu = math.Inf(1), best.Params[1], best.Dist.Mean()
				fitRel = hurdleMeanRelSE(best)
			default:
				fq.Family = "nbinom"
				fq.Size, fq.RecordedMu = best.Params[0], best.Params[1]
				fitRel = best.SE[1] / best.Params[1]
			}
		}
	} else {
		fq.Reason = "no member ids: Poisson events at the observed rate"
	}
	fq.RelSE = math.Sqrt(fitRel*fitRel + yearToYear(rates, expos, fq.RecordedMu))
	// De-thinning year by year: Σ_y E_y·P_y over Σ_y E_y.
	off := 0.0
	for _, o := range offs {
		off += o
	}
	fq.Thinning = off / expo
	fq.Mu = fq.RecordedMu / fq.Thinning
	disp := 1.0
	switch {
	case fq.Hurdle():
		disp = fq.Fit.Dist.Variance() / fq.Fit.Dist.Mean() // recorded = ground-up
	case !math.IsInf(fq.Size, 1) && fq.Size > 0:
		disp = 1 + fq.RecordedMu/fq.Size
	}
	fq.Trend, fq.TrendSE = frequencyTrend(yrs, ns, offs, disp)
	g := fq.Trend
	switch {
	case given != nil:
		g, fq.Trend, fq.TrendSE, fq.TrendUsed = *given, *given, 0, *given != 0
	case len(yrs) >= 3 && events >= 100 && math.Abs(fq.Trend) > 2.576*fq.TrendSE:
		fq.TrendUsed = true // significant at 1%, two-sided
	}
	if fq.TrendUsed {
		// The last year's rate on the trend line: Σ n_y / Σ o_y·(1+g)^(y−last),
		// the pooled fit's mean carried to it.
		tr := 0.0
		for i, o := range offs {
			tr += o * math.Pow(1+g, float64(yrs[i]))
		}
		fq.Mu = fq.RecordedMu * expo / tr
		if given == nil {
			// An estimated trend carried one year ahead adds its own
			// uncertainty to next year's rate.
			r := fq.TrendSE / (1 + fq.Trend)
			fq.RelSE = math.Sqrt(fq.RelSE*fq.RelSE + r*r)
		}
	}
	return fq, nil
}

// hurdleMeanRelSE is the relative standard error of a hurdle fit's mean
// (1 − p0)·k̄(θ), k̄ = E[base]/(1 − q_0) the claimants' mean, θ the base's
// parameters ({size, mu} or {lambda}): p0's and the truncated fit's parts
// are independent (fit.CountsHurdle), so
//
//	(se/mean)² = p0/((1 − p0)·N) + ∇log k̄ᵀ·Cov(θ)·∇log k̄,
//
// the gradient by central differences (relative step 1e-5); the first part
// alone when the covariance is not available.
func hurdleMeanRelSE(r *fit.CountResult) float64 {
	p0 := r.Params[0]
	v := p0 / ((1 - p0) * r.N)
	if r.Cov == nil {
		return math.Sqrt(v)
	}
	th := r.Params[1:]
	logK := func(th []float64) float64 {
		if len(th) == 1 { // Poisson: λ/(1 − e^−λ)
			return math.Log(th[0]) - math.Log(-math.Expm1(-th[0]))
		}
		size, mu := th[0], th[1]
		return math.Log(mu) - math.Log(-math.Expm1(size*math.Log(size/(size+mu))))
	}
	g := make([]float64, len(th))
	for i, x := range th {
		h := 1e-5 * x
		up, dn := slices.Clone(th), slices.Clone(th)
		up[i] += h
		dn[i] -= h
		g[i] = (logK(up) - logK(dn)) / (2 * h)
	}
	for i := range g {
		for j := range g {
			v += g[i] * g[j] * r.Cov.At(i+1, j+1)
		}
	}
	return math.Sqrt(v)
}

// sortedTable lists a table of counts in ascending order of the value, so
// that the fits sum in the same order every run.
func sortedTable(table map[int]float64) ([]int, []float64) {
	vals := make([]int, 0, len(table))
	for v := range table {
		vals = append(vals, v)
	}
	sort.Ints(vals)
	freq := make([]float64, len(vals))
	for i, v := range vals {
		freq[i] = table[v]
	}
	return vals, freq
}

// frequencyTrend is the yearly growth g of a rate from yearly counts n_y
// with offsets o_y (ground-up exposure): the Poisson log-linear model
// n_y ~ Poisson(o_y·e^(a + β·t_y)), t_y the year less the last, fitted by
// maximum likelihood (gonum's Newton), g = e^β − 1. Its standard error is
// e^β·SE(β), SE(β) from the information scaled by the over-dispersion: at
// least disp (the member-level count's variance over its mean), and the
// Pearson χ² per degree of freedom when there are three years or more.
// With fewer than two years g is 0 and the SE NaN.
func frequencyTrend(t []int, n, o []float64, disp float64) (g, se float64) {
	k := len(t)
	if k < 2 {
		return 0, math.NaN()
	}
	var sn, so float64
	for i := range n {
		sn += n[i]
		so += o[i]
	}
	if !(sn > 0) || !(so > 0) {
		return 0, math.NaN()
	}
	mu := func(x []float64, i int) float64 { return o[i] * math.Exp(x[0]+x[1]*float64(t[i])) }
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			f := 0.0
			for i := range n {
				f += mu(x, i) - n[i]*(math.Log(o[i])+x[0]+x[1]*float64(t[i]))
			}
			return f / sn
		},
		Grad: func(grad, x []float64) {
			grad[0], grad[1] = 0, 0
			for i := range n {
				r := (mu(x, i) - n[i]) / sn
				grad[0] += r
				grad[1] += r * float64(t[i])
			}
		},
		Hess: func(h *mat.SymDense, x []float64) {
			var a, b, c float64
			for i := range n {
				m, ti := mu(x, i)/sn, float64(t[i])
				a += m
				b += m * ti
				c += m * ti * ti
			}
			h.SetSym(0, 0, a)
			h.SetSym(0, 1, b)
			h.SetSym(1, 1, c)
		},
	}
	res, err := optimize.Minimize(prob, []float64{math.Log(sn / so), 0}, &optimize.Settings{
		Converger: &optimize.FunctionConverge{Absolute: 1e-14, Iterations: 50}}, &optimize.Newton{})
	if err != nil && res == nil {
		return 0, math.NaN()
	}
	x := res.X
	if math.Abs(x[1]) > 1 { // a count falling to zero: no trend to speak of
		return 0, math.NaN()
	}
	var a, b, c, chi float64
	for i := range n {
		m, ti := mu(x, i), float64(t[i])
		a += m
		b += m * ti
		c += m * ti * ti
		chi += (n[i] - m) * (n[i] - m) / m
	}
	det := a*c - b*b
	if !(det > 0) {
		return 0, math.NaN()
	}
	phi := math.Max(disp, 1)
	if k > 2 {
		phi = math.Max(phi, chi/float64(k-2))
	}
	beta := x[1]
	return math.Expm1(beta), math.Exp(beta) * math.Sqrt(phi*a/det)
}

// yearToYear is the relative variance of the yearly rates beyond what chance
// explains: max(0, s² − chance)/r̄², s² the exposure-weighted variance of
// the yearly rates and chance = r̄·k/ΣE the Poisson part; 0 with one year.
func yearToYear(rates, expos []float64, mean float64) float64 {
	k := len(rates)
	if k < 2 || mean <= 0 {
		return 0
	}
	var se, s2 float64
	for i := range rates {
		se += expos[i]
	}
	for i, r := range rates {
		s2 += expos[i] * (r - mean) * (r - mean)
	}
	s2 /= se * float64(k-1) / float64(k)
	chance := mean * float64(k) / se
	return math.Max(0, s2-chance) / (mean * mean)
}

func estimateSummary(d *Data, p *Plan, o FitOptions) (*Plan, error) {
	b := d.Terms.Kind.Benefits()[0]
	var claims, expo, paid, paidClaims float64
	var rates, expos []float64
	for _, y := range d.Years {
		n := float64(y.Claims[b])
		if y.Exposure <= 0 {
			continue
		}
		claims += n
		expo += y.Exposure
		rates = append(rates, n/y.Exposure)
		expos = append(expos, y.Exposure)
		if y.PaidTotal > 0 {
			paid += y.PaidTotal
			paidClaims += n
		}
	}
	if claims <= 0 || expo <= 0 || paid <= 0 {
		return nil, fmt.Errorf("plan %s: the summary rows give no claims, enrolments or paid amounts to estimate from", d.Terms.Plan)
	}
	mu := claims / expo
	mean := paid / paidClaims
	sd := o.SummarySdLog
	pay := dist.LogNormal{MeanLog: math.Log(mean) - sd*sd/2, SdLog: sd}
	p.ExposureRatio = 1 // summary rows carry no waiting periods
	bm := &Benefit{Benefit: b, Claims: int64(claims), Payment: pay, Paid: paid, PaymentTrended: b == plans.Medical,
		Freq: Frequency{Family: "pois", Size: math.Inf(1), Mu: mu, RecordedMu: mu, Thinning: 1,
			RelSE:  math.Sqrt(1/claims + yearToYear(rates, expos, mu)),
			Reason: "summary data: Poisson events at the summary's rate (claims / enrolments)"}}
	p.Benefits = []*Benefit{bm}
	p.Notes = append(p.Notes,
		fmt.Sprintf("summary-only data: events are taken as Poisson at %.4f%% per enrolment (one claim per claimant)", 100*mu),
		fmt.Sprintf("summary-only data: the amount paid per claim is taken as lognormal with mean %.2f yuan (the summary's paid / claims) and sdlog %g, an assumption: the data give no severity shape", mean, sd),
		"summary-only data: the amount paid per claim is used as it is (times the member's shares, and for medical plans grown by the medical trend), capped by the annual cap; changes of deductible, ratio or claim cap cannot be priced from these data",
	)
	return p, nil
}
