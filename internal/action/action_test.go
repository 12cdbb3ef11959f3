package action

import (
	"errors"
	"math"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/workbook"
)

func TestVersionFromBuildInfo(t *testing.T) {
	cases := []struct {
		name string
		bi   *debug.BuildInfo
		want string // Version, Commit, Time, Modified
	}{
		{"no build info", nil, "dev|||false"},
		{"source tree", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-11-28T15:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"dev|0123456789abcdef|2026-11-28T15:00:00Z|true"},
		{"go install @v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3|||false"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := versionOf(c.bi)
			got := strings.Join([]string{v.Version, v.Commit, v.Time, map[bool]string{true: "true", false: "false"}[v.Modified]}, "|")
			if got != c.want || v.Go == "" || v.WorkbookVersion < 1 {
				t.Errorf("got %s (go %q, workbook %d), want %s", got, v.Go, v.WorkbookVersion, c.want)
			}
		})
	}
}

// Bad options are the user's to fix (ErrInput) and say which flag; they are
// refused before any file is read.
func TestBadOptions(t *testing.T) {
	agg := func(f func(*AggregateOptions)) error {
		o := AggregateOptions{Freq: "poisson(lambda=10)", Sev: "exp(rate=1)", Ratio: 1, Method: "fft", Discretization: "rounding", Tol: 1e-9, Sims: 1000, P: []float64{0.5}}
		f(&o)
		_, err := Aggregate(o)
		return err
	}
	cases := []struct {
		name, want string
		err        error
	}{
		{"simulate method", `--method "magic"`, func() error {
			_, err := Simulate(SimulateOptions{File: "none.xlsx", Method: "magic", Sims: 1000})
			return err
		}()},
		{"simulate p", "--p 1.5", func() error {
			_, err := Simulate(SimulateOptions{File: "none.xlsx", Method: "exact", Sims: 1000, P: []float64{1.5}})
			return err
		}()},
		{"simulate sims", "--sims 5: expected 100 to 10,000,000", func() error {
			_, err := Simulate(SimulateOptions{File: "none.xlsx", Method: "mc", Sims: 5})
			return err
		}()},
		{"calibrate fix", `--fix "caps"`, func() error {
			_, err := Calibrate(CalibrateOptions{File: "none.xlsx", Fix: "caps", Lever: "annual_cap", Paths: 1000})
			return err
		}()},
		{"calibrate lever", `--lever "everything"`, func() error {
			_, err := Calibrate(CalibrateOptions{File: "none.xlsx", Fix: "contributions", Lever: "everything", Paths: 1000})
			return err
		}()},
		{"calibrate lever without fix", `--lever "ratio" applies only with --fix contributions`, func() error {
			_, err := Calibrate(CalibrateOptions{File: "none.xlsx", Lever: "ratio", Paths: 1000})
			return err
		}()},
		{"aggregate freq", "--freq", agg(func(o *AggregateOptions) { o.Freq = "poisson(lambda=-1)" })},
		{"aggregate sev", "--sev", agg(func(o *AggregateOptions) { o.Sev = "gama(shape=1)" })},
		{"aggregate tol", "--tol", agg(func(o *AggregateOptions) { o.Tol = 0.5 })},
		{"aggregate step", "--step", agg(func(o *AggregateOptions) { o.Step = math.Inf(1) })},
		{"aggregate sims", "--sims 10: expected 100 to 100,000,000", agg(func(o *AggregateOptions) { o.Sims = 10 })},
		{"fitdist family", `--dist "lognormalish"`, func() error {
			_, err := Fitdist(FitdistOptions{Data: "-", Dists: []string{"lognormalish"}, CensorAbove: math.Inf(1)})
			return err
		}()},
		{"fitdist count limits", "apply to severity data", func() error {
			_, err := Fitdist(FitdistOptions{Data: "-", Counts: true, LimitsGiven: true, CensorAbove: math.Inf(1)})
			return err
		}()},
		{"example members", "--members 10", func() error {
			_, err := Example(ExampleOptions{Output: "x.xlsx", Members: 10, Years: 1, LastYear: 2025})
			return err
		}()},
		{"example last year", "--last-year 2100: expected 2000 to 2099", func() error {
			_, err := Example(ExampleOptions{Output: "x.xlsx", Members: 1000, Years: 1, LastYear: 2100})
			return err
		}()},
		{"example first year", "the first data year would be 1981", func() error {
			_, err := Example(ExampleOptions{Output: "x.xlsx", Members: 1000, Years: 20, LastYear: 2000})
			return err
		}()},
		{"template name", "must be an .xlsx file", Template(TemplateOptions{Output: "x.csv"})},
		{"override", `--max-change "lots"`, ApplyOverrides(&workbook.Fund{}, map[string]string{"max_change": "lots"})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !errors.Is(c.err, ErrInput) || !strings.Contains(c.err.Error(), c.want) {
				t.Errorf("err %v, want an input error with %q", c.err, c.want)
			}
		})
	}
}

// fitdist takes the families of actuarial/fit by their names and aliases.
func TestFitdistFamilies(t *testing.T) {
	o := FitdistOptions{Dists: []string{"Lognormal", "exponential", "lomax", "burr"}, CensorAbove: math.Inf(1)}
	if err := o.check(); err != nil || strings.Join(o.Dists, ",") != "lnorm,exp,pareto,burr" {
		t.Fatalf("%v %v", o.Dists, err)
	}
	o = FitdistOptions{Counts: true, Dists: []string{"poisson", "negative_binomial"}, CensorAbove: math.Inf(1)}
	if err := o.check(); err != nil || strings.Join(o.Dists, ",") != "pois,nbinom" {
		t.Fatalf("%v %v", o.Dists, err)
	}
	o = FitdistOptions{CensorAbove: math.Inf(1)}
	if err := o.check(); err != nil || len(o.Dists) != 7 {
		t.Fatalf("default %v %v", o.Dists, err)
	}
}
