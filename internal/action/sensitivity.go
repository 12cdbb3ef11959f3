package action

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/shopspring/decimal"
)

// SensitivityOptions are the tornado's options.
type SensitivityOptions struct {
	File  string
	Terms string // workbook of proposed terms ("" for none)
	// Vary are KEY=LOW:HIGH: a Fund key with two values (as the Fund
	// sheet's cells), or incidence[.PLAN], severity[.PLAN], enrolment with
	// two relative changes (-0.1:0.1 or -10%:10%). Empty: the default set.
	Vary     []string
	Paths    int
	Seed     uint64
	Workers  int
	Progress func(done, total int)
}

// variation is one assumption moved down and up.
type variation struct {
	key, low, high string
	apply          func(r *Run, v string) error
}

// DefaultVariations documents the default tornado (docs/scenarios.md):
// medical_trend ±2 points, trend_sd ×0.5 and ×1.5, expense_ratio ±2 points
// (not below 0), target_deficit_probability ×0.5 and ×2 (at most 0.5),
// enrolment ±10%, and each plan's incidence and severity ±10%.
func (b *Batch) defaultVariations() []string {
	f := b.Models.Book.Fund
	g := func(x float64) string { return strconv.FormatFloat(math.Round(x*1e9)/1e9, 'g', -1, 64) }
	out := []string{
		"medical_trend=" + g(f.MedicalTrend-0.02) + ":" + g(f.MedicalTrend+0.02),
		"trend_sd=" + g(f.TrendSD*0.5) + ":" + g(f.TrendSD*1.5),
		"expense_ratio=" + g(math.Max(0, f.ExpenseRatio-0.02)) + ":" + g(f.ExpenseRatio+0.02),
		"target_deficit_probability=" + g(f.TargetDeficitProbability/2) + ":" + g(math.Min(0.5, 2*f.TargetDeficitProbability)),
		"enrolment=-0.1:0.1",
	}
	for _, p := range b.Models.Plans {
		out = append(out, "incidence."+p.Terms.Plan+"=-0.1:0.1", "severity."+p.Terms.Plan+"=-0.1:0.1")
	}
	return out
}

// relChange reads a relative change: -0.1 or -10%, above −1.
func relChange(s string) (float64, error) {
	t, scale := strings.TrimSpace(s), 1.0
	if strings.HasSuffix(t, "%") {
		t, scale = strings.TrimSuffix(t, "%"), 0.01
	}
	x, err := strconv.ParseFloat(t, 64)
	x *= scale
	if err != nil || !(x > -1) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q: expected a relative change above -1 (-0.1 or -10%%)", s)
	}
	return x, nil
}

// parseVariation reads KEY=LOW:HIGH against the batch's book.
func (b *Batch) parseVariation(s string) (variation, error) {
	bad := func(why string) (variation, error) { return variation{}, Invalid("err.vary", s, why) }
	k, vals, ok := strings.Cut(s, "=")
	lo, hi, ok2 := strings.Cut(vals, ":")
	if !ok || !ok2 || strings.TrimSpace(lo) == "" || strings.TrimSpace(hi) == "" {
		return bad("KEY=LOW:HIGH")
	}
	k = strings.ReplaceAll(strings.TrimSpace(strings.TrimPrefix(k, "--")), "-", "_")
	v := variation{key: k, low: strings.TrimSpace(lo), high: strings.TrimSpace(hi)}
	what, plan, _ := strings.Cut(k, ".")
	switch what {
	case "incidence", "severity", "enrolment":
		if plan != "" && (what == "enrolment" || checker{b}.plan(plan) == nil) {
			return bad("plan " + plan)
		}
		for _, x := range []string{v.low, v.high} {
			if _, err := relChange(x); err != nil {
				return bad(err.Error())
			}
		}
		v.apply = func(r *Run, x string) error {
			c, _ := relChange(x)
			if what == "enrolment" {
				r.Enrolment *= 1 + c
				return nil
			}
			r.Shock(b.Models.Plans, what, plan, c)
			return nil
		}
		return v, nil
	}
	if _, ok := workbook.SheetByKey(workbook.SheetFund).Column(k); !ok {
		return bad("not a Fund key, incidence[.PLAN], severity[.PLAN] or enrolment")
	}
	for _, x := range []string{v.low, v.high} {
		if err := b.NewRun("").SetFund(k, x); err != nil {
			return bad(fmt.Sprintf("%s %q: %v", k, x, err))
		}
	}
	v.apply = func(r *Run, x string) error { return r.SetFund(k, x) }
	return v, nil
}

// Sensitivity is the tornado: for each assumption moved to its low and its
// high value (one at a time, the rest as in the book), the change in each
// plan's recommended (and required) contribution and in the fund's
// required net income, sorted by the width of the latter.
func Sensitivity(o SensitivityOptions) (*report.Sensitivity, error) {
	if err := checkSims("--sims", o.Paths, 10_000_000); err != nil {
		return nil, err
	}
	b, err := NewBatch(o.File, o.Terms)
	if err != nil {
		return nil, err
	}
	specs := o.Vary
	if len(specs) == 0 {
		specs = b.defaultVariations()
	}
	var vs []variation
	for _, s := range specs {
		v, err := b.parseVariation(s)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	co := CalibrateOptions{File: o.File, Paths: o.Paths, Seed: o.Seed, Workers: o.Workers}
	// The runs: the base, then each assumption's low and high; calibrated
	// concurrently (o.Workers at a time), each into its own slot.
	runs := []*Run{b.NewRun("base")}
	for _, v := range vs {
		for _, x := range []string{v.low, v.high} {
			r := b.NewRun(v.key)
			if err := v.apply(r, x); err != nil {
				return nil, Invalid("err.vary", v.key+"="+v.low+":"+v.high, err.Error())
			}
			runs = append(runs, r)
		}
	}
	res := make([]*calibrate.Result, len(runs))
	err = parallel(len(runs), o.Workers, func(i int) error {
		c, err := b.Calibrate(runs[i], co)
		if c == nil || err != nil && !errors.Is(err, calibrate.ErrInfeasible) {
			if i > 0 {
				v := vs[(i-1)/2]
				err = fmt.Errorf("%s=%s: %w", v.key, []string{v.low, v.high}[(i-1)%2], err)
			}
			return err
		}
		res[i] = c.Result
		return nil
	}, o.Progress)
	if err != nil {
		return nil, err
	}
	base := res[0]
	out := &report.Sensitivity{File: o.File, Seed: o.Seed, Base: sensLine(base)}
	for j, v := range vs {
		item := report.SensItem{Key: v.key, Low: v.low, High: v.high}
		low, high := res[1+2*j], res[2+2*j]
		item.LowLine, item.HighLine = sensLine(low), sensLine(high)
		lo := low.RequiredNet.Sub(base.RequiredNet)
		hi := high.RequiredNet.Sub(base.RequiredNet)
		item.Width = report.M2(hi.Sub(lo).Abs())
		item.LowChange, item.HighChange = report.M2(lo), report.M2(hi)
		item.Feasible = low.Feasible && high.Feasible
		out.Items = append(out.Items, item)
	}
	sort.SliceStable(out.Items, func(i, j int) bool {
		a, _ := decimal.NewFromString(out.Items[i].Width)
		c, _ := decimal.NewFromString(out.Items[j].Width)
		return a.GreaterThan(c)
	})
	return out, nil
}

func sensLine(r *calibrate.Result) report.SensLine {
	l := report.SensLine{RequiredNet: report.M2(r.RequiredNet), Income: report.M2(r.Income)}
	for _, p := range r.Plans {
		l.Plans = append(l.Plans, report.SensPlan{Plan: p.Plan, Name: p.Name, Recommended: report.M2(p.Recommended), Required: report.M2(p.Required)})
	}
	return l
}
