package example

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// ReferenceExposure is the member-years every generated Reference row
// claims to rest on.
const ReferenceExposure = 200000

// References writes a Reference (参考) table from the neighbourhood of the
// truth: for each plan's kind and benefit, the true ground-up events per
// member-year (claimants × claims per claimant × the groups' mean
// relativity) times a lognormal error of sdlog spread (a benchmark from
// another fund is never exactly this one's), and the mean paid per event
// under the plan's terms (medical and fire: r·(E[X∧(d+L/r)] − E[X∧d]) of the
// true cost law; lump sums by the true category mix; days: 0, not given),
// each resting on ReferenceExposure member-years but no more than
// 1/(spread²·incidence), what a rate known only within a lognormal error of
// sdlog spread is worth (as many events as a gamma prior of that coefficient
// of variation) (incidence to six
// significant digits, amounts to the fen). The same seed gives the
// same rows.
func References(b *book.Book, t *Truth, seed uint64, spread float64) ([]book.ReferenceRow, error) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rel := 0.0
	for _, g := range t.Groups {
		rel += g.Weight * g.Relativity
	}
	var out []book.ReferenceRow
	seen := map[string]bool{}
	for _, pt := range t.Plans {
		terms, ok := b.Plan(pt.Plan)
		if !ok {
			return nil, fmt.Errorf("example: plan %s of the truth is not in the book", pt.Plan)
		}
		r := terms.Rules()
		for _, bt := range pt.Benefits {
			key := string(pt.Kind) + "/" + string(bt.Benefit)
			if seen[key] {
				continue
			}
			seen[key] = true
			per := 1.0
			if bt.ClaimsPerClaimant != "" {
				n, err := bt.Count()
				if err != nil {
					return nil, err
				}
				per = n.Mean()
			}
			row := book.ReferenceRow{Kind: pt.Kind, Benefit: bt.Benefit, Exposure: ReferenceExposure,
				Incidence: bt.Incidence * per * rel * math.Exp(spread*rng.NormFloat64()),
				Source:    fmt.Sprintf("example: truth of seed %d, lognormal error sdlog %g", t.Seed, spread)}
			switch bt.Benefit {
			case plans.Medical, plans.Fire:
				x, err := dist.ParseContinuous(bt.Severity)
				if err != nil {
					return nil, err
				}
				d, ratio, l := r.Deductible, r.Ratios[0], r.ClaimCap
				if bt.Benefit == plans.Fire {
					d, ratio, l = 0, r.FireRatio, r.FireCap
				}
				if math.IsInf(l, 1) {
					row.MeanPaid = ratio * (x.Mean() - x.LEV(d))
				} else {
					row.MeanPaid = ratio * (x.LEV(d+l/ratio) - x.LEV(d))
				}
			case plans.Death:
				row.MeanPaid = r.LumpSum
			case plans.Diagnosis, plans.Disability:
				sum, sched := r.LumpSum, r.Diagnosis
				if bt.Benefit == plans.Disability {
					sum, sched = r.DisabilitySum, r.Disability
				}
				for _, c := range bt.Categories {
					pct := 1.0
					if sched != nil {
						pct = sched[c.Category]
					}
					row.MeanPaid += c.Share * pct * sum
				}
			}
			// A benchmark whose rate is off by a lognormal error of sdlog
			// spread is worth about 1/spread² events of this fund's own.
			if spread > 0 {
				row.Exposure = math.Round(math.Min(ReferenceExposure, 1/(spread*spread*row.Incidence)))
			}
			// As a workbook holds them: six significant digits, money to the fen.
			row.Incidence, _ = strconv.ParseFloat(strconv.FormatFloat(row.Incidence, 'g', 6, 64), 64)
			row.MeanPaid = roundFen(row.MeanPaid)
			out = append(out, row)
		}
	}
	return out, nil
}
