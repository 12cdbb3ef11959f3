package action

import (
	"math"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/internal/report"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// SimulateOptions are simulate's options.
type SimulateOptions struct {
	File        string
	Terms       string    // workbook of proposed terms ("" for none)
	Method      string    // exact or mc
	Sims        int       // Monte Carlo paths
	Seed        uint64    // Monte Carlo seed
	Workers     int       // goroutines (0: all cores)
	P           []float64 // VaR and TVaR levels
	NoParameter bool      // leave out parameter risk
	NoTrend     bool      // leave out trend risk

	cache *model.PlanCache // the plans' distributions kept across a batch's runs (nil: none)
}

// riskMeasures is what simulate reports of one distribution.
type riskMeasures interface {
	Mean() float64
	SD() float64
	VaR(p float64) float64
	TVaR(p float64) float64
	ExceedProb(x float64) float64
}

// sampleMeasures adapts a Monte Carlo Result (whose Mean and SD are fields).
type sampleMeasures struct{ r *aggregate.Result }

func (m sampleMeasures) Mean() float64                { return m.r.Mean }
func (m sampleMeasures) SD() float64                  { return m.r.SD }
func (m sampleMeasures) VaR(p float64) float64        { return m.r.VaR(p) }
func (m sampleMeasures) TVaR(p float64) float64       { return m.r.TVaR(p) }
func (m sampleMeasures) ExceedProb(x float64) float64 { return m.r.ExceedProb(x) }

// line describes a distribution of benefits against contributions.
func line(d riskMeasures, contrib decimal.Decimal, ps []float64) report.SimLine {
	l := report.SimLine{Contributions: report.M2(contrib), Expected: report.M2(report.Fen(d.Mean())), SD: report.M2(report.Fen(d.SD())), Quantiles: []report.QuantileOut{}}
	c := contrib.InexactFloat64()
	if c > 0 {
		l.LossRatio = report.Num(d.Mean() / c)
	}
	l.PDeficit = report.Num(d.ExceedProb(c))
	for _, p := range ps {
		l.Quantiles = append(l.Quantiles, report.QuantileOut{P: p, VaR: report.M2(report.Fen(d.VaR(p))), TVaR: report.M2(report.Fen(d.TVaR(p)))})
	}
	return l
}

// withSE adds a Monte Carlo sample's standard errors to a line.
func withSE(l *report.SimLine, r *aggregate.Result, ps []float64) {
	l.ExpectedSE = report.Num(r.StdErrMean)
	for j := range l.Quantiles {
		l.Quantiles[j].VaRSE, l.Quantiles[j].TVaRSE = report.Num(r.StdErrVaR(ps[j])), report.Num(r.StdErrTVaR(ps[j]))
	}
}

// Simulate computes the distribution of next year's benefits of every plan
// and of the fund, exactly or by member-level Monte Carlo.
func Simulate(o SimulateOptions) (*report.Simulation, error) {
	if o.Method != "exact" && o.Method != "mc" {
		return nil, Invalid("err.method", o.Method)
	}
	if err := checkProbabilities(o.P); err != nil {
		return nil, err
	}
	if err := checkSims("--sims", o.Sims, 10_000_000); err != nil {
		return nil, err
	}
	m, err := LoadModels(o.File, nil)
	if err != nil {
		return nil, err
	}
	ps := m.Plans
	sc := m.Scenario
	sc.Parameter, sc.Trend = !o.NoParameter, !o.NoTrend
	if sc.Terms, err = ScenarioTerms(o.Terms, ps); err != nil {
		return nil, err
	}
	return simulateModels(m, o)
}

// simulateModels is simulate's core on loaded models, m.Scenario the priced
// year (with its terms, shocks and which risks are in): Simulate and the
// scenario batch (scenarios.go) share it.
func simulateModels(m *Models, o SimulateOptions) (*report.Simulation, error) {
	ps, sc := m.Plans, m.Scenario
	out := &report.Simulation{File: o.File, Year: m.Book.LastYear() + sc.Years, Method: o.Method, ParameterRisk: sc.Parameter, TrendRisk: sc.Trend,
		Models: m.Plans, Assumptions: Assumptions(m, nil)}
	var fundContrib, fundExpected decimal.Decimal
	// addPlan adds a plan's line; the fund's contributions and expected
	// benefits are the sums of the plans', to the fen.
	addPlan := func(l report.SimLine, plan, name string, members, shares float64, contrib decimal.Decimal, mean float64) {
		l.Plan, l.Name = plan, name
		l.Members, l.Shares = int64(math.Round(members)), int64(math.Round(shares))
		exp := report.Fen(mean)
		if shares > 0 {
			l.ExpectedPerShare = report.M2(exp.Div(decimal.NewFromFloat(shares)).Round(2))
		}
		out.Plans = append(out.Plans, l)
		fundContrib = fundContrib.Add(contrib)
		fundExpected = fundExpected.Add(exp)
	}
	switch o.Method {
	case "exact":
		fd, err := model.Exact(ps, sc, &model.ExactOptions{Workers: o.Workers, Cache: o.cache})
		if err != nil {
			return nil, err
		}
		for i, pd := range fd.Plans {
			contrib := report.Fen(pd.Contributions)
			l := line(pd.Total, contrib, o.P)
			l.VarianceShares = report.NewVarianceShares(pd.VarProcess, pd.VarParameter, pd.VarTrend)
			addPlan(l, pd.Plan, ps[i].Terms.Name, pd.Members, pd.Shares, contrib, pd.Total.Mean())
		}
		out.Fund = line(fd.Total, fundContrib, o.P)
		out.Fund.VarianceShares = report.NewVarianceShares(fd.VarProcess, fd.VarParameter, fd.VarTrend)
	case "mc":
		res, err := model.Simulate(ps, sc, model.MCOptions{Paths: o.Sims, Seed: o.Seed, Workers: o.Workers})
		if err != nil {
			return nil, err
		}
		seed := o.Seed
		out.Seed, out.Paths = &seed, res.Paths
		for i, p := range ps {
			r := aggregate.FromSample(res.PlanTotals[i])
			members, shares, contributions := model.Enrolled(p, sc)
			contrib := report.Fen(contributions)
			l := line(sampleMeasures{r}, contrib, o.P)
			withSE(&l, r, o.P)
			addPlan(l, p.Terms.Plan, p.Terms.Name, members, shares, contrib, r.Mean)
		}
		r := aggregate.FromSample(res.FundTotal)
		out.Fund = line(sampleMeasures{r}, fundContrib, o.P)
		withSE(&out.Fund, r, o.P)
	}
	out.Fund.Expected = report.M2(fundExpected)
	for _, l := range out.Plans {
		out.Fund.Members += l.Members
		out.Fund.Shares += l.Shares
	}
	return out, nil
}
