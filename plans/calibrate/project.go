package calibrate

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// project simulates the reserve over the horizon. N_t are the net
// contributions (the recommended income grown with enrolment; with
// Options.Reprice re-priced each year, below), D the planned draw, S_t the
// year's benefits. The reserve pays the planned draw and any shortfall, and
// receives set_aside_ratio of a surplus: R_t = R_{t−1} + c(N_t − S_t), c(y) =
// set_aside_ratio·y for y > 0 and y otherwise (the rule the result reports).
// A year is 入不敷出 when S_t > N_t + D.
//
// S_t is built from the first year's exact decomposition: its level grown by
// enrolment and, for the trended share of costs, by the expected medical
// trend; a parameter error drawn once (a bad estimate stays bad) with the
// first year's parameter variance; trend shocks that accumulate year on year
// (a random walk in the cost level) with the first year's trend variance
// each; and process noise drawn afresh each year from the first year's
// process-only distribution (the exact Central lattice), its deviation scaled
// with the square root of the level.
//
// Re-pricing: each later year's contributions follow the expected cost
// level, and the board learns the realised cost level with a year's lag:
// N_t + D = (N_1 + D)·(level_t / level_1)·f_{t−1}, f_{t−1} the parameter and
// accumulated trend factor of the year before (1 in the first year). The
// board is assumed to read the level without estimation noise and
// max_change is not applied: a simplification that shows the effect of
// following costs rather than of a particular re-pricing rule.
//
// Paths come in blocks of 1,024 with one random source each, so the result
// does not depend on scheduling.
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
	draw := res.PlannedDraw.InexactFloat64()
	r0 := pol.OpeningReserve.InexactFloat64()
	floor := pol.ReserveFloor.InexactFloat64()
	levelAt := func(t int) float64 {
		return mu * math.Pow(g, float64(t)) * (1 - wMed + wMed*math.Pow(1+sc.MedicalTrend, float64(t)))
	}
	reserve := make([][]float64, years)
	for t := range reserve {
		reserve[t] = make([]float64, paths)
	}
	deficits := make([]int, years)
	incomeSum := make([]float64, years)
	const block = 1024
	for b := 0; b*block < paths; b++ {
		rng := rand.New(rand.NewPCG(seed, uint64(b)))
		for i := b * block; i < min((b+1)*block, paths); i++ {
			zPar := rng.NormFloat64()
			fPar := math.Exp(sdPar*zPar - sdPar*sdPar/2)
			cum := 0.0
			r := r0
			known := 1.0 // the cost factor the board has seen
			for t := 0; t < years; t++ {
				cum += rng.NormFloat64()
				level := levelAt(t)
				fTr := math.Exp(sdTr*cum - float64(t+1)*sdTr*sdTr/2)
				sT := level*fPar*fTr + drawProcess(rng.Float64())*math.Sqrt(level/mu)
				nT := net * math.Pow(g, float64(t))
				if o.Reprice && t > 0 {
					nT = (net+draw)*level/mu*known - draw
				}
				if sT > nT+draw {
					deficits[t]++
				}
				incomeSum[t] += nT
				r += reserveChange(nT-sT, pol.SetAsideRatio)
				reserve[t][i] = r
				known = fPar * fTr
			}
		}
	}
	keep := 1 - pol.ExpenseRatio
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
		// The three order statistics, selected (the values a full sort puts
		// there, without the sort).
		rank := func(p float64) int { return min(len(x)-1, int(math.Ceil(p*float64(len(x))))-1) }
		orderStats(x, rank(0.05), rank(0.5), rank(0.95))
		q := func(p float64) decimal.Decimal { return fen(x[rank(p)]) }
		inc := res.Income.InexactFloat64() * math.Pow(g, float64(t))
		if o.Reprice && t > 0 {
			inc = incomeSum[t] / float64(paths) / keep
		}
		eb := fen(levelAt(t))
		if t == 0 && !res.Expected.IsZero() {
			eb = res.Expected // the priced year as the fund line states it (the plans' figures added up)
		}
		out[t] = YearBand{Year: first + t, PBelowFloor: float64(below) / float64(len(x)), PDeficit: float64(deficits[t]) / float64(len(x)),
			P5: q(0.05), P50: q(0.5), P95: q(0.95), ExpectedBenefit: eb, Income: fen(inc)}
	}
	return out, nil
}

// orderStats reorders x so that x[k] is, for each k of ks (in increasing
// order), the value sort.Float64s would put there (x without NaNs): a
// quickselect for each, on what lies above the previous one.
func orderStats(x []float64, ks ...int) {
	lo := 0
	for _, k := range ks {
		if k < lo || k >= len(x) {
			continue
		}
		selectNth(x[lo:], k-lo)
		lo = k
	}
}

// selectNth reorders x so that x[k] is its k-th smallest value, with none
// greater before it and none smaller after it (Hoare's partition, the
// median of three as pivot).
func selectNth(x []float64, k int) {
	lo, hi := 0, len(x)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if x[mid] < x[lo] {
			x[mid], x[lo] = x[lo], x[mid]
		}
		if x[hi] < x[lo] {
			x[hi], x[lo] = x[lo], x[hi]
		}
		if x[hi] < x[mid] {
			x[hi], x[mid] = x[mid], x[hi]
		}
		p := x[mid]
		i, j := lo, hi
		for i <= j {
			for x[i] < p {
				i++
			}
			for x[j] > p {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // j < k < i: x[k] equals the pivot
		}
	}
}
