package action

import (
	"errors"
	"slices"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// CalibrateOptions are calibrate's options.
type CalibrateOptions struct {
	File     string
	Fix      string            // "" (price contributions), "contributions" (solve a benefit term) or "terms" (the reserve alone)
	Lever    string            // with Fix "contributions": one of calibrate.CapLevers ("" = annual_cap); refused with any other Fix
	Terms    string            // workbook of proposed terms to start from
	Paths    int               // paths of the reserve projection
	Seed     uint64            // seed of the reserve projection
	Reprice  bool              // re-price each year of the projection
	Workers  int               // goroutines (0: all cores)
	Override map[string]string // Fund key → value, parsed as the Fund sheet's cells
	Report   bool              // also compute what the Excel report needs (last year's actual against expected)

	cache *model.PlanCache // the plans' distributions kept across a batch's runs (nil: none)
}

// Calibrate recommends contributions (or benefit terms, or the reserve draw)
// that keep the chance of a deficit at or under the Fund's target: where a
// recommendation is solved (plans/calibrate) on the exact distributions. An
// unreachable target returns the result with an error that satisfies
// errors.Is(err, calibrate.ErrInfeasible).
func Calibrate(o CalibrateOptions) (*report.Calibration, error) {
	if _, err := calibrateLever(&CalibrateOptions{Fix: o.Fix, Lever: o.Lever}); err != nil {
		return nil, err
	}
	if err := checkSims("--sims", o.Paths, 10_000_000); err != nil {
		return nil, err
	}
	m, err := LoadModels(o.File, o.Override)
	if err != nil {
		return nil, err
	}
	if m.Scenario.Years < 0 {
		return nil, Invalid("err.year_before", m.Book.Fund.Year, m.Book.LastYear())
	}
	if m.Scenario.Terms, err = ScenarioTerms(o.Terms, m.Plans); err != nil {
		return nil, err
	}
	return calibrateModels(m, o)
}

// calibrateLever checks o's Fix and Lever and returns the lever to solve
// with; an empty Lever becomes annual_cap.
func calibrateLever(o *CalibrateOptions) (calibrate.Lever, error) {
	lever := calibrate.Contributions
	switch o.Fix {
	case "":
	case "contributions":
		lever = calibrate.Caps
	case "terms":
		lever = calibrate.Reserve
	default:
		return "", Invalid("err.fix", o.Fix)
	}
	if o.Lever != "" && o.Fix != "contributions" {
		return "", Invalid("err.lever_without_fix", o.Lever)
	}
	if o.Lever == "" {
		o.Lever = "annual_cap"
	}
	if !slices.Contains(calibrate.CapLevers, o.Lever) {
		return "", Invalid("err.lever", o.Lever, strings.Join(calibrate.CapLevers, ", "))
	}
	return lever, nil
}

// calibrateModels is calibrate's core on loaded models: m.Book.Fund is the
// policy, m.Scenario the priced year (with its terms and shocks), o the
// lever and the projection's options (o.File, o.Terms and o.Override are
// only reported). Calibrate and the scenario batch (scenarios.go) share it.
func calibrateModels(m *Models, o CalibrateOptions) (*report.Calibration, error) {
	lever, err := calibrateLever(&o)
	if err != nil {
		return nil, err
	}
	if err := checkBandLever(m, o.Lever); err != nil { // bands.go
		return nil, err
	}
	fund := m.Book.Fund
	pol := calibrate.PolicyFromFund(fund)
	if err := pol.Validate(); err != nil {
		return nil, Input(err)
	}
	res, err := calibrate.Calibrate(m.Plans, m.Scenario, pol, calibrate.Options{Lever: lever, CapLever: o.Lever,
		Exact: &model.ExactOptions{Workers: o.Workers, Cache: o.cache}, Paths: o.Paths, Seed: o.Seed, Reprice: o.Reprice})
	if err != nil && !errors.Is(err, calibrate.ErrInfeasible) {
		return nil, err
	}
	out := report.NewCalibration(o.File, o.Seed, o.Paths, res, fund, m.Growth)
	out.Models = m.Plans
	out.Assumptions = Assumptions(m, o.Override)
	out.Reprice = o.Reprice
	if o.Report {
		ae, aeErr := model.ActualExpected(m.Plans, m.Data, &model.ExactOptions{Workers: o.Workers})
		if aeErr != nil {
			return nil, aeErr
		}
		out.AE = ae
		out.Problems, out.Stats = m.Problems, workbook.Stats(m.Book)
		bt, btErr := backtest(m, o.Workers)
		if btErr != nil {
			return nil, btErr
		}
		out.Backtest = bt
	}
	return out, err
}

// ApplyOverrides sets Fund keys from flags, parsed as the Fund sheet's cells
// are; every bad value is reported, in key order.
func ApplyOverrides(f *workbook.Fund, over map[string]string) error {
	var errs i18n.Clauses
	keys := make([]string, 0, len(over))
	for k := range over {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := over[k]
		if err := workbook.SetFund(f, k, v); err != nil {
			errs = append(errs, i18n.N("err.fund_flag", strings.ReplaceAll(k, "_", "-"), v, i18n.Cause{Err: err}))
		}
	}
	if len(errs) > 0 {
		return Invalid("err.fund_flags", errs)
	}
	return nil
}
