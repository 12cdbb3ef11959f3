package action

import (
	"math"

	"github.com/huzhu-fund/huzhu/actuarial/aggregate"
	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/internal/report"
)

// AggregateOptions are aggregate's options: a compound model and the method.
type AggregateOptions struct {
	Freq, Sev      string // specs in R's names: poisson(lambda=10), gamma(shape=2, rate=1), …
	Deductible     float64
	Ratio          float64
	Limit          float64
	Retention      float64
	AggLimit       float64
	Method         string
	Step           float64
	Discretization string
	Tol            float64
	Sims           int
	Seed           uint64
	Workers        int
	P              []float64
	CDFAt          []float64
	StopLoss       []float64
	Bracket        bool
}

// aggregateSetup is a checked model and its options.
type aggregateSetup struct {
	model aggregate.Model
	opt   aggregate.Options
}

func (o *AggregateOptions) setup() (*aggregateSetup, error) {
	freq, err := dist.ParseDiscrete(o.Freq)
	if err != nil {
		return nil, Inputf("--freq: %v", err)
	}
	sev, err := dist.ParseContinuous(o.Sev)
	if err != nil {
		return nil, Inputf("--sev: %v", err)
	}
	method, err := aggregate.ParseMethod(o.Method)
	if err != nil {
		return nil, Inputf("--method: %v", err)
	}
	disc, err := aggregate.ParseDiscretization(o.Discretization)
	if err != nil {
		return nil, Inputf("--discretization: %v", err)
	}
	if err := checkProbabilities(o.P); err != nil {
		return nil, err
	}
	if err := checkSims("--sims", o.Sims, 100_000_000); err != nil {
		return nil, err
	}
	if !(o.Tol > 0 && o.Tol < 0.01) {
		return nil, Invalid("err.tol", o.Tol)
	}
	if o.Step < 0 || math.IsNaN(o.Step) || math.IsInf(o.Step, 0) {
		return nil, Invalid("err.step", o.Step)
	}
	m := aggregate.Model{
		Frequency: freq, Severity: sev,
		Coverage: aggregate.Coverage{Deductible: o.Deductible, Ratio: o.Ratio, Limit: o.Limit},
		Layer:    aggregate.Layer{Retention: o.Retention, Limit: o.AggLimit},
	}
	if err := m.Validate(); err != nil {
		return nil, Input(err)
	}
	return &aggregateSetup{m, aggregate.Options{Method: method, Step: o.Step, Discretization: disc, Tol: o.Tol, Paths: o.Sims, Seed: o.Seed, Workers: o.Workers}}, nil
}

// MethodName is a method as --method names it.
func MethodName(m aggregate.Method) string {
	switch m {
	case aggregate.MonteCarlo:
		return "mc"
	case aggregate.NormalPower:
		return "np"
	}
	return m.String()
}

// Aggregate computes the distribution of a total claim cost S = Y1 + … + YN.
func Aggregate(o AggregateOptions) (*report.Aggregate, error) {
	s, err := o.setup()
	if err != nil {
		return nil, err
	}
	res, err := aggregate.Compute(s.model, s.opt)
	if err != nil {
		// The engine refuses (it never returns a distribution missing mass):
		// the user can change the step, tolerance or method.
		return nil, Input(err)
	}
	var br *aggregate.Bracket
	if o.Bracket && (s.opt.Method == aggregate.FFT || s.opt.Method == aggregate.Panjer) {
		s.opt.Step = res.Step
		if br, err = aggregate.ComputeBracket(s.model, s.opt); err != nil {
			return nil, Input(err)
		}
	}
	return describeAggregate(res, br, &o), nil
}

// describeAggregate is the result's measures at the levels and points asked for.
func describeAggregate(res *aggregate.Result, br *aggregate.Bracket, o *AggregateOptions) *report.Aggregate {
	num := report.Num
	out := &report.Aggregate{Method: MethodName(res.Method), Approximate: res.Approximate, Mean: num(res.Mean), SD: num(res.SD), Skewness: num(res.Skewness),
		ExactMean: num(res.ExactMean), ExactSD: num(res.ExactSD), MissingMass: res.MissingMass,
		Quantiles: []report.AggQuantile{}, CDF: []report.AggCDF{}, StopLoss: []report.AggStopLoss{}, Bracket: br != nil}
	if res.Step > 0 {
		out.Step = num(res.Step)
	}
	mc := res.Method == aggregate.MonteCarlo
	if mc {
		seed := o.Seed
		out.Seed, out.Paths = &seed, res.Paths
		out.StdError = &report.AggStdError{Mean: res.StdErrMean}
	}
	for _, p := range o.P {
		q := report.AggQuantile{P: p, VaR: num(res.VaR(p)), TVaR: num(res.TVaR(p))}
		if mc {
			q.VaRSE, q.TVaRSE = num(res.StdErrVaR(p)), num(res.StdErrTVaR(p))
		}
		if br != nil {
			lo, hi := br.VaR(p)
			q.VaRBracket = []*float64{num(lo), num(hi)}
		}
		out.Quantiles = append(out.Quantiles, q)
	}
	for _, x := range o.CDFAt {
		out.CDF = append(out.CDF, report.AggCDF{X: x, P: num(res.CDF(x))})
	}
	for _, d := range o.StopLoss {
		out.StopLoss = append(out.StopLoss, report.AggStopLoss{D: d, Value: num(res.StopLoss(d))})
	}
	return out
}
