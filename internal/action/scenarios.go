package action

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/scenario"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// ScenariosOptions are the scenario batch's options.
type ScenariosOptions struct {
	File      string // the workbook
	Scenarios string // the scenario file (docs/scenarios.md)
	Terms     string // workbook of proposed terms every scenario starts from ("" for none)
	Simulate  bool   // only simulate (exactly) each scenario's year, do not calibrate
	Paths     int    // paths of the reserve projection
	Seed      uint64 // seed of the reserve projection
	Workers   int    // goroutines (0: all cores)
	// Progress, when not nil, is told after each scenario how many are done
	// of how many.
	Progress func(done, total int) `json:"-"`
}

// FitKeys are the Fund keys the fit reads (plans/model.FromBook): a
// scenario that changes one of them is refitted; every other scenario
// reuses the models fitted once.
var FitKeys = []string{"as_of", "frequency_trend", "max_prior_weight", "medical_trend"}

// Run is one what-if, resolved against the book: its Fund (the book's with
// the base's and the scenario's keys), its proposed terms, its shocks and
// its lever.
type Run struct {
	Name string
	Fund workbook.Fund
	// Set are the Fund keys the scenario (or base) set, with their text.
	Set   map[string]string
	Terms map[string]*plans.Terms
	// Incidence and Severity are factors per plan key; Enrolment a factor
	// (1: none).
	Incidence, Severity map[string]float64
	Enrolment           float64
	Fix, Lever          string // calibrate's --fix and --lever
}

// Batch is a workbook read and fitted once, from which runs are priced.
type Batch struct {
	File   string
	Models *Models
	Terms  map[string]*plans.Terms // --terms (nil for none)
	fits   map[string]*fitted      // refits by the values of FitKeys, guarded by fitsMu
	fitsMu sync.Mutex
	// cache keeps each plan's exact distribution across the runs: a run
	// that leaves a plan's terms, shocks and priced year alone reuses its
	// lattices (a refit's plans are new models, priced anew).
	cache *model.PlanCache
}

// fitted is one fit of the book's plans; once makes concurrent runs with
// the same fit keys share one fit (the same models, so the same cached
// lattices).
type fitted struct {
	once sync.Once
	ps   []*model.Plan
	ds   []*model.Data
	err  error
}

// NewBatch reads and fits the workbook once, with the proposed terms of
// termsFile ("" for none).
func NewBatch(file, termsFile string) (*Batch, error) {
	m, err := LoadModels(file, nil)
	if err != nil {
		return nil, err
	}
	terms, err := ScenarioTerms(termsFile, m.Plans)
	if err != nil {
		return nil, err
	}
	b := &Batch{File: file, Models: m, Terms: terms, fits: map[string]*fitted{}, cache: model.NewPlanCache()}
	f := &fitted{ps: m.Plans, ds: m.Data}
	f.once.Do(func() {})
	b.fits[fitKey(m.Book.Fund)] = f
	return b, nil
}

func fitKey(f workbook.Fund) string {
	ft := "nil"
	if f.FrequencyTrend != nil {
		ft = strconv.FormatFloat(*f.FrequencyTrend, 'g', -1, 64)
	}
	return fmt.Sprint(f.AsOf.Format("2006-01-02"), "|", ft, "|", strconv.FormatFloat(f.MaxPriorWeight, 'g', -1, 64), "|",
		strconv.FormatFloat(f.MedicalTrend, 'g', -1, 64))
}

// Refits reports whether run r changes a Fund key the fit reads (FitKeys),
// so that its models are fitted again.
func (b *Batch) Refits(r *Run) bool { return fitKey(r.Fund) != fitKey(b.Models.Book.Fund) }

// NewRun is the run of the book as it is (no key, term or shock changed).
func (b *Batch) NewRun(name string) *Run {
	f := b.Models.Book.Fund
	f.Given = maps.Clone(f.Given)
	return &Run{Name: name, Fund: f, Set: map[string]string{}, Terms: maps.Clone(b.Terms),
		Incidence: map[string]float64{}, Severity: map[string]float64{}, Enrolment: 1}
}

// SetFund sets a Fund key, parsed as the Fund sheet's cell.
func (r *Run) SetFund(key, value string) error {
	if err := workbook.SetFund(&r.Fund, key, value); err != nil {
		return err
	}
	r.Set[key] = value
	return nil
}

// SetTerm sets a Plans column of plan p (a copy of its terms: the book's or
// the proposed ones).
func (r *Run) SetTerm(p *model.Plan, key, value string) error {
	cur := p.Terms
	if t, ok := r.Terms[p.Terms.Plan]; ok {
		cur = t
	}
	t := *cur
	if err := workbook.SetTerm(&t, key, value); err != nil {
		return err
	}
	if r.Terms == nil {
		r.Terms = map[string]*plans.Terms{}
	}
	r.Terms[p.Terms.Plan] = &t
	return nil
}

// Shock multiplies plan's (every plan's when plan is "") incidence or
// severity factor by 1 + change.
func (r *Run) Shock(ps []*model.Plan, what, plan string, change float64) {
	m := r.Incidence
	if what == "severity" {
		m = r.Severity
	}
	for _, p := range ps {
		if plan == "" || plan == p.Terms.Plan {
			f, ok := m[p.Terms.Plan]
			if !ok {
				f = 1
			}
			m[p.Terms.Plan] = f * (1 + change)
		}
	}
}

// Models are the run's models: the batch's, refitted when the run changes a
// key the fit reads, with the run's priced year (its Fund, terms and
// shocks). Safe for concurrent use.
func (b *Batch) ModelsOf(r *Run) (*Models, error) {
	bk := *b.Models.Book
	bk.Fund = r.Fund
	k := fitKey(r.Fund)
	b.fitsMu.Lock()
	f, ok := b.fits[k]
	if !ok {
		f = &fitted{}
		b.fits[k] = f
	}
	b.fitsMu.Unlock()
	f.once.Do(func() {
		f.ps, f.ds, f.err = model.FromBook(&bk.Book, nil)
	})
	if f.err != nil {
		return nil, Inputf("%s: %v", b.File, f.err)
	}
	sc, growth := model.ScenarioFromBook(&bk.Book)
	if sc.Years < 0 {
		return nil, Invalid("err.year_before", r.Fund.Year, bk.LastYear())
	}
	sc.Terms = r.Terms
	for _, p := range f.ps {
		if err := checkBandTerms(sc.TermsOf(p)); err != nil { // bands.go
			return nil, err
		}
	}
	sc.Incidence, sc.Severity, sc.Enrolment = r.Incidence, r.Severity, r.Enrolment
	return &Models{Book: &bk, Plans: f.ps, Data: f.ds, Scenario: sc, Growth: growth}, nil
}

// Calibrate calibrates run r as calibrate would with the same overrides.
func (b *Batch) Calibrate(r *Run, o CalibrateOptions) (*report.Calibration, error) {
	m, err := b.ModelsOf(r)
	if err != nil {
		return nil, err
	}
	o.Fix, o.Lever, o.Override, o.cache = r.Fix, r.Lever, r.Set, b.cache
	return calibrateModels(m, o)
}

// Simulate computes run r's exact distributions as simulate would.
func (b *Batch) Simulate(r *Run, o SimulateOptions) (*report.Simulation, error) {
	m, err := b.ModelsOf(r)
	if err != nil {
		return nil, err
	}
	m.Scenario.Parameter, m.Scenario.Trend = !o.NoParameter, !o.NoTrend
	o.cache = b.cache
	return simulateModels(m, o)
}

// ScenarioFileError is a scenario file with problems, each at its line.
type ScenarioFileError struct {
	File     string
	Problems scenario.Problems
}

func (e *ScenarioFileError) Error() string { return e.In(i18n.En) }

// Unwrap makes errors.Is(err, scenario.ErrFile) hold: a bad file exits 2.
func (e *ScenarioFileError) Unwrap() error { return e.Problems }

// In tells the problems in l, one a line.
func (e *ScenarioFileError) In(l i18n.Lang) string {
	var b strings.Builder
	b.WriteString(l.T("scen.file_problems", e.File, len(e.Problems)))
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.Message(l))
	}
	return b.String()
}

// ReadScenarioFile reads and checks a scenario file against the batch's book.
func (b *Batch) ReadScenarioFile(path string) (*scenario.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Input(err)
	}
	f, err := scenario.Parse(data)
	var probs scenario.Problems
	if errors.As(err, &probs) {
		return nil, &ScenarioFileError{File: path, Problems: probs}
	}
	if err != nil {
		return nil, err
	}
	if err := f.Check(checker{b}); err != nil {
		if errors.As(err, &probs) {
			return nil, &ScenarioFileError{File: path, Problems: probs}
		}
		return nil, err
	}
	for _, s := range append([]scenario.Scenario{f.Base}, f.Scenarios...) {
		if s.LeverTerm != "" && !slices.Contains(calibrate.CapLevers, s.LeverTerm) {
			return nil, &ScenarioFileError{File: path, Problems: scenario.Problems{{Line: s.Line,
				Text: i18n.N("scen.bad_lever_term", s.LeverTerm, i18n.Name{Zh: strings.Join(calibrate.CapLevers, "、"), En: strings.Join(calibrate.CapLevers, ", ")})}}}
		}
	}
	return f, nil
}

// checker checks a scenario file's keys against the batch's book.
type checker struct{ b *Batch }

func (c checker) Fund(key, value string) (why any, ok bool) {
	f := c.b.Models.Book.Fund
	f.Given = maps.Clone(f.Given)
	if _, known := workbook.SheetByKey(workbook.SheetFund).Column(key); !known {
		return i18n.N("scen.not_fund_key"), false
	}
	if err := workbook.SetFund(&f, key, value); err != nil {
		return i18n.N("scen.bad_fund_value", value, i18n.Cause{Err: err}), false
	}
	return nil, true
}

func (c checker) plan(key string) *model.Plan {
	for _, p := range c.b.Models.Plans {
		if p.Terms.Plan == key {
			return p
		}
	}
	return nil
}

func (c checker) Plan(key string) bool { return c.plan(key) != nil }

func (c checker) PlanTerm(plan, key, value string) (why any, ok bool) {
	t := *c.plan(plan).Terms
	if err := workbook.SetTerm(&t, key, value); err != nil {
		return i18n.N("scen.bad_term", value, i18n.Name{Zh: strings.Join(workbook.TermColumns, "、"), En: strings.Join(workbook.TermColumns, ", ")}, i18n.Cause{Err: err}), false
	}
	return nil, true
}

// RunOf resolves scenario s (after the file's base) against the batch.
func (b *Batch) RunOf(base, s *scenario.Scenario) (*Run, error) {
	r := b.NewRun(s.Name)
	r.Fix, r.Lever = "", ""
	for _, x := range []*scenario.Scenario{base, s} {
		for _, st := range x.Fund {
			if err := r.SetFund(st.Key, st.Value); err != nil {
				return nil, Invalid("scen.at_line", st.Line, i18n.N("scen.setting", "fund."+st.Key, i18n.Cause{Err: err}))
			}
		}
		for _, ps := range x.Plans {
			p := checker{b}.plan(ps.Plan)
			for _, st := range ps.Settings {
				if err := r.SetTerm(p, st.Key, st.Value); err != nil {
					return nil, Invalid("scen.at_line", st.Line, i18n.N("scen.setting", ps.Plan+"."+st.Key, i18n.Cause{Err: err}))
				}
			}
		}
		for _, sh := range x.Incidence {
			r.Shock(b.Models.Plans, "incidence", sh.Plan, sh.Change)
		}
		for _, sh := range x.Severity {
			r.Shock(b.Models.Plans, "severity", sh.Plan, sh.Change)
		}
		r.Enrolment *= 1 + x.Enrolment
		switch x.Lever {
		case "contributions":
			r.Fix, r.Lever = "", ""
		case "caps":
			r.Fix, r.Lever = "contributions", x.LeverTerm
		case "reserve":
			r.Fix, r.Lever = "terms", ""
		}
	}
	return r, nil
}

// Scenarios runs every scenario of a scenario file on a workbook read and
// fitted once: each is calibrated (or, with Simulate, simulated) as a
// single calibrate run with the same overrides would be. Scenarios run in
// the file's order; an infeasible one is reported as such, not an error.
func Scenarios(o ScenariosOptions) (*report.Scenarios, error) {
	if err := checkSims("--sims", o.Paths, 10_000_000); err != nil {
		return nil, err
	}
	b, err := NewBatch(o.File, o.Terms)
	if err != nil {
		return nil, err
	}
	f, err := b.ReadScenarioFile(o.Scenarios)
	if err != nil {
		return nil, err
	}
	runs := make([]*Run, len(f.Scenarios))
	for i := range f.Scenarios {
		if runs[i], err = b.RunOf(&f.Base, &f.Scenarios[i]); err != nil {
			return nil, err
		}
	}
	out := &report.Scenarios{File: o.File, ScenarioFile: o.Scenarios, Seed: o.Seed, Simulate: o.Simulate, Models: b.Models.Plans,
		Assumptions: Assumptions(b.Models, nil)}
	// The scenarios run concurrently (o.Workers at a time), each into its
	// own slot: the batch is the same for any number of workers.
	out.Scenarios = make([]report.ScenarioResult, len(runs))
	err = parallel(len(runs), o.Workers, func(i int) error {
		r := runs[i]
		res := report.ScenarioResult{Name: r.Name, Refit: b.Refits(r)}
		var err error
		if o.Simulate {
			res.Simulation, err = b.Simulate(r, SimulateOptions{File: o.File, Method: "exact", Workers: o.Workers, P: []float64{0.95, 0.99}})
			if err != nil {
				return fmt.Errorf("%s: %w", r.Name, err)
			}
		} else {
			res.Calibration, err = b.Calibrate(r, CalibrateOptions{File: o.File, Paths: o.Paths, Seed: o.Seed, Workers: o.Workers})
			if err != nil && !errors.Is(err, calibrate.ErrInfeasible) {
				return fmt.Errorf("%s: %w", r.Name, err)
			}
		}
		out.Scenarios[i] = res
		return nil
	}, o.Progress)
	if err != nil {
		return nil, err
	}
	return out, nil
}
