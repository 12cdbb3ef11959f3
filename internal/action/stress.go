package action

import (
	"fmt"
	"math"

	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/internal/scenario"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// StressOptions are the stress tests' options.
type StressOptions struct {
	File      string
	Terms     string // proposed terms the calibration starts from ("" for none)
	Scenarios string // a scenario file of stresses instead of the built-in set ("" for the built-in)
	Paths     int
	Seed      uint64
	Workers   int
	Progress  func(done, total int)
}

// stress is a built-in stress: its name (a message code) and how it moves
// a run.
type stress struct {
	code  string
	apply func(b *Batch, r *Run)
}

// kindShock shocks the plans of the given kinds.
func kindShock(b *Batch, r *Run, what string, change float64, kinds ...plans.Kind) {
	for _, p := range b.Models.Plans {
		for _, k := range kinds {
			if p.Terms.Kind == k {
				r.Shock(b.Models.Plans, what, p.Terms.Plan, change)
			}
		}
	}
}

// medicalShock shocks the severity of the plans that pay medical costs.
func medicalShock(b *Batch, r *Run, change float64) {
	for _, p := range b.Models.Plans {
		if p.Benefit(plans.Medical) != nil {
			r.Shock(b.Models.Plans, "severity", p.Terms.Plan, change)
		}
	}
}

// BuiltinStresses is the documented set (docs/scenarios.md).
var builtinStresses = []stress{
	{"stress.epidemic", func(b *Batch, r *Run) { kindShock(b, r, "incidence", 0.3, plans.Hospital, plans.HospitalCash) }},
	{"stress.fire", func(b *Batch, r *Run) {
		kindShock(b, r, "incidence", 1, plans.NonworkAccidentFire)
		kindShock(b, r, "severity", 0.2, plans.NonworkAccidentFire)
	}},
	{"stress.reform_up", func(b *Batch, r *Run) { medicalShock(b, r, 0.15) }},
	{"stress.reform_down", func(b *Batch, r *Run) { medicalShock(b, r, -0.15) }},
	{"stress.enrolment", func(b *Batch, r *Run) {
		r.Enrolment *= 0.8
		r.Shock(b.Models.Plans, "incidence", "", 0.1)
	}},
}

// Stress calibrates the book once, then prices each stress on the
// recommended terms: the year's distribution under the stress (exact),
// against the income the recommended contributions bring from the stressed
// membership.
func Stress(o StressOptions) (*report.Stress, error) {
	if err := checkSims("--sims", o.Paths, 10_000_000); err != nil {
		return nil, err
	}
	b, err := NewBatch(o.File, o.Terms)
	if err != nil {
		return nil, err
	}
	var f *scenario.File
	if o.Scenarios != "" {
		// Read and checked before the calibration: a bad file fails at once.
		if f, err = b.ReadScenarioFile(o.Scenarios); err != nil {
			return nil, err
		}
	}
	base, err := b.Calibrate(b.NewRun("base"), CalibrateOptions{File: o.File, Paths: o.Paths, Seed: o.Seed, Workers: o.Workers})
	if base == nil {
		return nil, err
	}
	// The runs start from the recommended terms, known only now.
	return b.stressOn(base, func() ([]*Run, []report.StressName, error) {
		var runs []*Run
		var names []report.StressName
		if f != nil {
			for i := range f.Scenarios {
				r, err := b.RunOf(&f.Base, &f.Scenarios[i])
				if err != nil {
					return nil, nil, err
				}
				runs = append(runs, r)
				names = append(names, report.StressName{Name: f.Scenarios[i].Name})
			}
			return runs, names, nil
		}
		for _, s := range builtinStresses {
			r := b.NewRun(s.code)
			s.apply(b, r)
			runs = append(runs, r)
			names = append(names, report.StressName{Code: s.code})
		}
		return runs, names, nil
	}, o)
}

func (b *Batch) stressOn(base *report.Calibration, mk func() ([]*Run, []report.StressName, error), o StressOptions) (*report.Stress, error) {
	res := base.Result
	// Every run starts from the recommended terms.
	rec := map[string]*plans.Terms{}
	for _, p := range res.Plans {
		if p.Terms != nil {
			rec[p.Plan] = p.Terms
		}
	}
	b.Terms = rec
	runs, names, err := mk()
	if err != nil {
		return nil, err
	}
	out := &report.Stress{File: o.File, Scenarios: o.Scenarios, Year: res.Year, Feasible: res.Feasible, Recommended: map[string]string{}}
	for _, p := range res.Plans {
		out.Recommended[p.Plan] = report.M2(p.Recommended)
		out.Plans, out.Names = append(out.Plans, p.Plan), append(out.Names, p.Name)
	}
	all := append([]*Run{b.NewRun("stress.none")}, runs...)
	names = append([]report.StressName{{Code: "stress.none"}}, names...)
	// The stresses run concurrently (o.Workers at a time), each into its
	// own slot: the same for any number of workers.
	out.Stresses = make([]report.StressLine, len(all))
	err = parallel(len(all), o.Workers, func(i int) error {
		r := all[i]
		m, err := b.ModelsOf(r)
		if err != nil {
			return err
		}
		pol := calibrate.PolicyFromFund(m.Book.Fund)
		if err := pol.Validate(); err != nil {
			return Input(err)
		}
		fd, err := model.Exact(m.Plans, m.Scenario, &model.ExactOptions{Workers: o.Workers, Cache: b.cache})
		if err != nil {
			return fmt.Errorf("%s: %w", r.Name, err)
		}
		out.Stresses[i] = stressLine(names[i], fd, pol)
		return nil
	}, o.Progress)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// stressLine is one stress's year on the recommended terms: income from the
// stressed shares at the recommended contributions (a multi-year plan's
// running cohorts at their own price, as calibrate counts it), the exact benefits, the
// shortfall against net income plus the planned draw, the reserve at year
// end and the backstop — as calibrate computes them for its own year.
func stressLine(name report.StressName, fd *model.FundDist, pol calibrate.Policy) report.StressLine {
	gross := calibrate.Income(fd)
	keep := 1 - pol.ExpenseRatio
	netD := gross.Mul(decimal.NewFromFloat(keep)).Round(2)
	net := netD.InexactFloat64()
	draw := pol.PlannedReserveDraw.InexactFloat64()
	headroom := pol.OpeningReserve.Sub(pol.ReserveFloor).InexactFloat64()
	r0 := pol.OpeningReserve.InexactFloat64()
	S := fd.Total
	end := func(s float64) string {
		x := net - s
		if x > 0 {
			x *= pol.SetAsideRatio
		}
		return report.M2(report.Fen(r0 + x))
	}
	l := report.StressLine{StressName: name, Income: report.M2(gross), NetIncome: report.M2(netD),
		Expected: report.M2(calibrate.Expected(fd)), ExpectedDeficit: report.M2(report.Fen(S.StopLoss(net + draw))),
		PDeficit: S.ExceedProb(net + draw), PBelowFloor: S.ExceedProb(net + headroom),
		Reserve5: end(S.VaR(0.95)), Reserve50: end(S.VaR(0.5)), Reserve95: end(S.VaR(0.05)),
		Backstop95: report.M2(report.Fen(math.Max(0, S.VaR(0.95)-net-headroom))),
		Backstop99: report.M2(report.Fen(math.Max(0, S.VaR(0.99)-net-headroom)))}
	return l
}
