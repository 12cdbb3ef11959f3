package calibrate

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// project simulates the reserve over the horizon with the recommended
// contributions held and costs moving:
//
//	R_t = R_{t−1} + I_t·(1 − expense_ratio) − S_t,
//
// I_t the recommended income grown with enrolment, S_t the year's benefits
// built from the first year's exact decomposition: its level grown by
// enrolment and, for the trended share of costs, by the expected medical
// trend; a parameter error drawn once (a bad estimate stays bad) with the
// first year's parameter variance; trend shocks that accumulate year on year
// (a random walk in the cost level) with the first year's trend variance
// each; and process noise drawn afresh each year from the first year's
// process-only distribution (the exact Central lattice), its deviation scaled
// with the square root of the level. Paths come in blocks of 1,024 with one
// random source each, so the result does not depend on scheduling.
func project(res *Result, sc *model.Scenario, pol Policy, o Options) ([]YearBand, error) {
	fd := res.Dist
	paths := o.Paths
	if paths <= 0 {
		paths = 20000
	}
	seed := o.Seed
	if seed == 0 {
		seed = 20260101
	}
	mu := fd.Total.Mean()
	if !(mu > 0) {
		return nil, nil
	}
	trendedMean := 0.0
	for _, pd := range fd.Plans {
		if pd.Trended() {
			trendedMean += pd.Total.Mean()
		}
	}
	wMed := trendedMean / mu
	sdPar := math.Sqrt(fd.VarParameter) / mu
	sdTr := 0.0
	if sc.Trend {
		sdTr = math.Sqrt(fd.VarTrend) / mu
	}
	central := fd.Central
	cMean := central.Mean()
	cdf := make([]float64, len(central.PMF))
	s := 0.0
	for k, p := range central.PMF {
		s += p
		cdf[k] = s
	}
	drawProcess := func(u float64) float64 {
		k := sort.SearchFloat64s(cdf, u*s)
		if k >= len(cdf) {
			k = len(cdf) - 1
		}
		return central.Origin + float64(k)*central.Step - cMean
	}
	years := pol.HorizonYears
	g := 1 + sc.EnrolmentGrowth
	net := res.NetIncome.InexactFloat64()
	r0 := pol.OpeningReserve.InexactFloat64()
	floor := pol.ReserveFloor.InexactFloat64()
	reserve := make([][]float64, years)
	for t := range reserve {
		reserve[t] = make([]float64, paths)
	}
	const block = 1024
	for b := 0; b*block < paths; b++ {
		rng := rand.New(rand.NewPCG(seed, uint64(b)))
		for i := b * block; i < min((b+1)*block, paths); i++ {
			zPar := rng.NormFloat64()
			fPar := math.Exp(sdPar*zPar - sdPar*sdPar/2)
			cum := 0.0
			r := r0
			for t := 0; t < years; t++ {
				cum += rng.NormFloat64()
				level := mu * math.Pow(g, float64(t)) * (1 - wMed + wMed*math.Pow(1+sc.MedicalTrend, float64(t)))
				fTr := math.Exp(sdTr*cum - float64(t+1)*sdTr*sdTr/2)
				sT := level*fPar*fTr + drawProcess(rng.Float64())*math.Sqrt(level/mu)
				r += net*math.Pow(g, float64(t)) - sT
				reserve[t][i] = r
			}
		}
	}
	out := make([]YearBand, years)
	first := res.Year
	for t := range out {
		x := reserve[t]
		below := 0
		for _, v := range x {
			if v < floor {
				below++
			}
		}
		sort.Float64s(x)
		q := func(p float64) decimal.Decimal { return fen(x[min(len(x)-1, int(math.Ceil(p*float64(len(x))))-1)]) }
		level := mu * math.Pow(g, float64(t)) * (1 - wMed + wMed*math.Pow(1+sc.MedicalTrend, float64(t)))
		out[t] = YearBand{Year: first + t, PBelowFloor: float64(below) / float64(len(x)), P5: q(0.05), P50: q(0.5), P95: q(0.95),
			ExpectedBenefit: fen(level), Income: fen(res.Income.InexactFloat64() * math.Pow(g, float64(t)))}
	}
	return out, nil
}
