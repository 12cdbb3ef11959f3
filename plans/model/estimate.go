package model

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/plans"
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
//   - severity (medical costs, property losses): every family of
//     opts.Families fitted by maximum likelihood to last year's ground-up
//     amounts, left-truncated at last year's deductible (the association
//     records a cost only above it), the lowest AIC chosen;
//   - days of a stay: 1 + nbinom or 1 + Poisson, left-truncated below the
//     first paid day;
//   - events per member-year: Poisson or negative binomial fitted to the
//     recorded events per member (members without claims counted as zeros,
//     exposure net of waiting periods), the lowest AIC chosen, then
//     de-thinned to ground-up: Mu = recorded mu / P(recorded), which keeps
//     the family (a thinned nbinom(size, mu) is nbinom(size, s·mu));
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
		Members: float64(last.Members), Shares: float64(last.Shares), Exposure: last.Exposure}
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
		var recs []ClaimRec
		for _, c := range d.Claims {
			if c.Benefit == b {
				recs = append(recs, c)
			}
		}
		if len(recs) == 0 {
			p.Notes = append(p.Notes, fmt.Sprintf("no %s claims recorded: the benefit is modelled as never claimed", b))
			continue
		}
		bm := &Benefit{Benefit: b, Claims: int64(len(recs))}
		for _, c := range recs {
			if c.Year == d.LastYear {
				bm.Paid += c.Paid
			}
		}
		thin := 1.0
		switch b {
		case plans.Medical, plans.Fire:
			trunc := 0.0
			if b == plans.Medical {
				trunc = rules.Deductible
			}
			sev, err := fitSeverity(recs, d.LastYear, trunc, o)
			if err != nil {
				return nil, fmt.Errorf("plan %s, %s: %w", d.Terms.Plan, b, err)
			}
			sev.Trended = b == plans.Medical
			if sev.Fit != nil {
				sev.ScaleSE = scaleSE(sev, rules, b)
			} else {
				p.Notes = append(p.Notes, fmt.Sprintf("%s: %s", b, sev.Reason))
			}
			bm.Sev = sev
			thin = sev.Dist.Survival(trunc)
		case plans.Day:
			from := max(rules.FromDay, 1)
			days, err := fitDays(recs, from)
			if err != nil {
				return nil, fmt.Errorf("plan %s, days: %w", d.Terms.Plan, err)
			}
			bm.Days = days
			if from > 1 {
				thin = 1 - days.Dist().CDF(from-2)
			}
		case plans.Diagnosis, plans.Disability:
			bm.Categories = categoryShares(recs)
		}
		if !(thin > 0) {
			return nil, fmt.Errorf("plan %s, %s: the fitted law records no events (P(recorded) = %v)", d.Terms.Plan, b, thin)
		}
		fq, err := fitFrequency(d, b, recs)
		if err != nil {
			return nil, fmt.Errorf("plan %s, %s events: %w", d.Terms.Plan, b, err)
		}
		fq.Thinning = thin
		fq.Mu = fq.RecordedMu / thin
		bm.Freq = fq
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

func coverageOf(rules *plans.Rules, b plans.Benefit) (d, r, l float64) {
	switch b {
	case plans.Medical:
		return rules.Deductible, rules.Ratios[0], rules.ClaimCap
	case plans.Fire:
		return 0, rules.FireRatio, rules.FireCap
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
	logEY := func(params []float64) float64 {
		x, err := dist.ParseContinuous(specOf(f.Family, f.ParamNames, params))
		if err != nil {
			return math.NaN()
		}
		return math.Log(meanPayment(x, d, r, l))
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
	el := (math.Log(meanPayment(x1, d, r, l)) - math.Log(meanPayment(x0, d, r, l))) / 2e-4
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
	if n < 10 {
		return nil, fmt.Errorf("%d stays with days recorded: too few to fit (10 at least)", n)
	}
	var vals []int
	var freq []float64
	for v, f := range counts {
		vals = append(vals, v)
		freq = append(freq, f)
	}
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

// fitFrequency fits recorded events per member-year of benefit b, pooled over
// the years: each year's members with claims by their count, the rest of the
// exposure as zeros.
func fitFrequency(d *Data, b plans.Benefit, recs []ClaimRec) (Frequency, error) {
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
	var rates, expos []float64
	for _, y := range d.Years {
		if y.Exposure <= 0 {
			continue
		}
		expo += y.Exposure
		events += nByYear[y.Year]
		rates = append(rates, nByYear[y.Year]/y.Exposure)
		expos = append(expos, y.Exposure)
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
			table[n]++
			claimants[k.y]++
		}
		zeros := 0.0
		for _, y := range d.Years {
			zeros += math.Max(0, y.Exposure-claimants[y.Year])
		}
		table[0] += zeros
		var vals []int
		var freq []float64
		for v, f := range table {
			vals = append(vals, v)
			freq = append(freq, f)
		}
		var fits []*fit.CountResult
		for _, fam := range fit.CountFamilies {
			r, err := fit.Counts(vals, freq, fam)
			if err != nil {
				continue
			}
			fits = append(fits, r)
		}
		best, reason := fit.Choose(fits)
		if best != nil {
			fq.Fit, fq.Alternatives, fq.Reason = best, fit.Rank(fits), reason
			switch best.Family {
			case "pois":
				fq.RecordedMu = best.Params[0]
				fitRel = best.SE[0] / best.Params[0]
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
	return fq, nil
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
