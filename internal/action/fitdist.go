package action

import (
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/actuarial/fit"
	"github.com/huzhu-fund/huzhu/internal/atomicfile"
	"github.com/huzhu-fund/huzhu/internal/datafile"
	"github.com/huzhu-fund/huzhu/internal/report"
)

// FitdistOptions are fitdist's options.
type FitdistOptions struct {
	Data          string    // a file, or "-" for In
	In            io.Reader // standard input
	Column        string
	Sheet         string
	Dists         []string // by R's name or an alias; default every family of fit.Families (fit.CountFamilies with Counts)
	TruncateBelow float64
	CensorAbove   float64 // +Inf for none
	Counts        bool
	// LimitsGiven says --truncate-below or --censor-above was given (refused with Counts).
	LimitsGiven bool
}

// Families are the distributions fitdist fits: fit.Families for amounts,
// fit.CountFamilies for counts.
func Families(counts bool) []string {
	if counts {
		return fit.CountFamilies
	}
	return fit.Families
}

// check validates the options and turns the distribution names into fit's.
func (o *FitdistOptions) check() error {
	allowed := Families(o.Counts)
	canonical := fit.FamilyName
	if o.Counts {
		canonical = fit.CountFamilyName
	}
	if len(o.Dists) == 0 {
		o.Dists = append([]string(nil), allowed...)
	}
	var bad []string
	for i, d := range o.Dists {
		d = strings.ToLower(strings.TrimSpace(d))
		if c, ok := canonical(d); ok && slices.Contains(allowed, c) {
			o.Dists[i] = c
			continue
		}
		o.Dists[i] = d
		bad = append(bad, strconv.Quote(d))
	}
	if len(bad) > 0 {
		code := "err.dist"
		if o.Counts {
			code = "err.dist_counts"
		}
		return Invalid(code, strings.Join(bad, ", "), strings.Join(allowed, ", "))
	}
	if o.Counts && o.LimitsGiven {
		return Invalid("err.count_limits")
	}
	if math.IsNaN(o.TruncateBelow) || o.TruncateBelow < 0 || math.IsInf(o.TruncateBelow, 0) {
		return Invalid("err.truncate", o.TruncateBelow)
	}
	if math.IsNaN(o.CensorAbove) || o.CensorAbove <= o.TruncateBelow {
		return Invalid("err.censor", o.CensorAbove, o.TruncateBelow)
	}
	return nil
}

func (o *FitdistOptions) read() (*datafile.Table, error) {
	r := o.In
	if o.Data != "-" {
		f, err := os.Open(o.Data)
		if err != nil {
			return nil, Input(err)
		}
		defer f.Close()
		r = f
		atomicfile.ProtectInput(o.Data) // an -o naming the data file is refused
	}
	t, err := datafile.Read(r, o.Data, datafile.Options{Column: o.Column, Sheet: o.Sheet}, o.Counts)
	if err != nil {
		return nil, Input(err)
	}
	return t, nil
}

// Fitdist fits distributions to data by maximum likelihood and ranks them by AIC.
func Fitdist(o FitdistOptions) (*report.Fitdist, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	data, err := o.read()
	if err != nil {
		return nil, err
	}
	out := &report.Fitdist{Counts: o.Counts}
	if o.Counts {
		vals := make([]int, len(data.Values))
		for i, v := range data.Values {
			vals[i] = int(v)
		}
		var fits []*fit.CountResult
		for _, d := range o.Dists {
			r, err := fit.Counts(vals, data.Freq, d)
			if err != nil {
				return nil, Inputf("fitting %s: %v", d, err)
			}
			fits = append(fits, r)
		}
		chosen, why := fit.Choose(fits)
		out.Reason = why
		rank := rankOf(fit.Rank(fits))
		for _, r := range fits {
			j := report.FitJSON{Distribution: r.Family, Params: report.ParamMap(r.ParamNames, r.Params), SE: report.ParamMap(r.ParamNames, r.SE),
				LogLik: report.Num(r.LogLik), AIC: report.Num(r.AIC), BIC: report.Num(r.BIC), ChiSq: report.Num(r.ChiSq), PValue: report.Num(r.PValue),
				Converged: r.Converged, Chosen: r == chosen, Rank: rank[r], Message: r.Message, N: r.N, ParamNames: r.ParamNames}
			df := r.DF
			j.DF = &df
			out.Fits = append(out.Fits, j)
		}
		return out, nil
	}
	for i, v := range data.Values {
		if !(v > o.TruncateBelow) {
			if data.Freq != nil && data.Freq[i] == 0 {
				continue
			}
			if o.TruncateBelow > 0 {
				return nil, Invalid("err.not_above_truncation", o.Data, v, o.TruncateBelow)
			}
			return nil, Invalid("err.not_positive", o.Data, v)
		}
	}
	s := fit.Limits(data.Values, data.Freq, o.TruncateBelow, o.CensorAbove)
	var fits []*fit.Result
	for _, d := range o.Dists {
		r, err := fit.Continuous(s, d, nil)
		if err != nil {
			return nil, Inputf("fitting %s: %v", d, err)
		}
		fits = append(fits, r)
	}
	chosen, why := fit.Choose(fits)
	out.Reason = why
	rank := rankOf(fit.Rank(fits))
	for _, r := range fits {
		out.Fits = append(out.Fits, report.FitJSON{Distribution: r.Family, Params: report.ParamMap(r.ParamNames, r.Params), SE: report.ParamMap(r.ParamNames, r.SE),
			LogLik: report.Num(r.LogLik), AIC: report.Num(r.AIC), BIC: report.Num(r.BIC), KS: report.Num(r.KS), CvM: report.Num(r.CvM), AD: report.Num(r.AD),
			Converged: r.Converged, Chosen: r == chosen, Rank: rank[r], Message: r.Message, N: r.N, ParamNames: r.ParamNames})
	}
	return out, nil
}

// rankOf maps each fit to its rank (1 = lowest AIC).
func rankOf[T comparable](ranked []T) map[T]int {
	m := map[T]int{}
	for i, r := range ranked {
		m[r] = i + 1
	}
	return m
}
