package calibrate

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// thinWays are the three ways a thin book is priced: as before completion
// and credibility (Extract and Estimate on every claim of the history),
// with completion at as_of and Jeffreys' prior (FromBook, no Reference
// sheet), and with a Reference sheet from the truth's neighbourhood
// (example.References, sdlog 0.2).
var thinWays = [3]string{"today", "jeffreys", "reference"}

// thinOptions coarsen the lattices (the 95% point moves by far less than
// the sampling error of a 5% frequency over a few hundred books).
var thinOptions = Options{Paths: 10, Exact: &model.ExactOptions{MemberPoints: 500, PointsPerSD: 100}}

// thinResult is what thinSweep measured for each way.
type thinResult struct {
	books     int
	deficits  [3]int     // books whose priced year overran the fund's contributions
	priced    [3]int     // books priced (Calibrate succeeded)
	unpriced  [3]int     // plans of the truth not priced, or priced at zero
	spread    [3]float64 // rms of log(recommended / truth) over plans and books
	spreadN   [3]int
	meanRatio [3]float64 // mean of recommended / truth
	meanLog   [3]float64 // mean of log(recommended / truth): the bias of the margin
	sdLog     [3]float64 // sd of log(recommended / truth): the spread about it
}

// thinSweep generates books of members members over four years (seeds
// seed0…), keeps the first three as the history known at as_of (15
// February of the fourth year: claims reported later do not exist yet),
// calibrates the fund at target_deficit_probability alpha three ways, and
// draws the fourth year from the truth: the fund overran (入不敷出) when the
// year's paid benefits exceed its contributions at the recommended prices
// less expenses. The medical trend of each book is drawn from N(6%, 3%),
// the uncertainty the Fund sheet states, as in TestOutOfSampleCoverage.
//
// The truth's contribution per share of each plan is thinTruth's: what the
// same fund would be recommended if it knew the true laws; spread is the
// root mean square of log(recommended/truth) over plans and books, with its
// mean (the bias) and sd (truthMembers 0: not measured).
func thinSweep(tb testing.TB, books, members, truthMembers int, seed0 uint64, alpha float64) thinResult {
	tb.Helper()
	var r thinResult
	rng := rand.New(rand.NewPCG(seed0, 7))
	for k := range books {
		seed := seed0 + uint64(k)
		trend := 0.06 + 0.03*rng.NormFloat64()
		hist, full, tr := thinBook(tb, members, seed, trend)
		last := full.LastYear()
		sc := model.ScenarioFromFund(hist.Fund, last-1)
		pol := PolicyFromFund(hist.Fund)
		pol.OpeningReserve, pol.ReserveFloor = decimal.Zero, decimal.Zero
		pol.TargetDeficitProbability, pol.SolvencyProbability, pol.MaxChange, pol.Rounding = alpha, alpha, 10, decimal.RequireFromString("0.01")
		var ways [3][]*model.Plan
		o := model.FitOptions{Trend: hist.Fund.MedicalTrend}
		for _, d := range model.Extract(thinAll(hist, full)) {
			if p, err := model.Estimate(d, &o); err == nil {
				ways[0] = append(ways[0], p)
			}
		}
		ways[1], _, _ = model.FromBook(hist, nil)
		withRef := *hist
		var err error
		withRef.References, err = example.References(hist, tr, seed, 0.2)
		if err != nil {
			tb.Fatal(err)
		}
		ways[2], _, _ = model.FromBook(&withRef, nil)
		var truth map[string]float64
		if truthMembers > 0 {
			truth = thinTruth(tb, truthMembers, seed, trend, ways[1], sc, pol)
		}
		paid := map[string]float64{}
		for _, c := range full.Claims {
			if c.Year == last {
				paid[c.Plan] += c.Paid
			}
		}
		shares := map[string]float64{}
		for _, e := range full.Enrolment {
			if e.Year == last {
				shares[e.Plan] += float64(e.Shares)
			}
		}
		r.books++
		for w, ps := range ways {
			res, err := Calibrate(ps, sc, pol, thinOptions)
			if err != nil {
				tb.Logf("seed %d, %s: %v", seed, thinWays[w], err)
				r.unpriced[w] += len(tr.Plans)
				continue
			}
			r.priced[w]++
			var inc, out float64
			rec := map[string]float64{}
			for _, p := range res.Plans {
				price := p.Recommended.InexactFloat64()
				rec[p.Plan] = price
				inc += shares[p.Plan] * price / float64(p.PeriodYears)
			}
			// Every plan's claims count, priced or not: a plan left out is
			// paid from the contributions of the others.
			for _, v := range paid {
				out += v
			}
			if out > inc*(1-pol.ExpenseRatio) {
				r.deficits[w]++
			}
			for _, pt := range tr.Plans {
				v := rec[pt.Plan]
				if !(v > 0) {
					r.unpriced[w]++
					continue
				}
				if want := truth[pt.Plan]; want > 0 {
					d := math.Log(v / want)
					r.spread[w] += d * d
					r.meanLog[w] += d
					r.meanRatio[w] += v / want
					r.spreadN[w]++
				}
			}
		}
	}
	for w := range r.spread {
		if r.spreadN[w] > 0 {
			n := float64(r.spreadN[w])
			r.meanLog[w] /= n
			r.sdLog[w] = math.Sqrt(math.Max(0, r.spread[w]/n-r.meanLog[w]*r.meanLog[w]))
			r.spread[w] = math.Sqrt(r.spread[w] / n)
			r.meanRatio[w] /= n
		}
	}
	return r
}

// thinTruth is each plan's contribution per share that the fund of the thin
// book would need if it knew the truth: the laws fitted on a book of
// truthMembers members with the same seed (the same truth; their parameter
// risk is small), with the thin book's members and share mix (small, members
// as the plans of thin), priced without parameter risk.
func thinTruth(tb testing.TB, truthMembers int, seed uint64, trend float64, small []*model.Plan, sc *model.Scenario, pol Policy) map[string]float64 {
	big, _, _ := thinBook(tb, truthMembers, seed, trend)
	ps, _, err := model.FromBook(big, nil)
	if err != nil {
		tb.Fatal(err)
	}
	var tps []*model.Plan
	for _, bp := range ps {
		for _, p := range small {
			if p.Terms.Plan == bp.Terms.Plan {
				tp := *bp
				tp.Members, tp.Shares, tp.Exposure, tp.ExposureRatio, tp.ShareMix = p.Members, p.Shares, p.Exposure, p.ExposureRatio, p.ShareMix
				tps = append(tps, &tp)
			}
		}
	}
	known := *sc
	known.Parameter = false
	res, err := Calibrate(tps, &known, pol, thinOptions)
	if err != nil {
		tb.Fatal(err)
	}
	truth := map[string]float64{}
	for _, p := range res.Plans {
		truth[p.Plan] = p.Recommended.InexactFloat64()
	}
	return truth
}

// thinBook is a four-year example book (full) and the history known on 15
// February of its fourth year (its first three years, the Fund sheet
// pricing the fourth with the stated trend 6% ± 3% and enrolment growth 5%),
// with the truth.
func thinBook(tb testing.TB, members int, seed uint64, trend float64) (hist *book.Book, full *book.Book, tr *example.Truth) {
	wb, tr, err := example.Generate(example.Config{Members: members, Years: 4, Seed: seed, MedicalTrend: &trend})
	if err != nil {
		tb.Fatal(err)
	}
	full = &wb.Book
	last := full.LastYear()
	h := history(full)
	h.Fund.AsOf = time.Date(last, 2, 15, 0, 0, 0, 0, time.UTC)
	return &h, full, tr
}

// thinAll is the history as the fit saw it before as_of: every claim of the
// first three years known at as_of, none completed (the claims reported
// later are simply missing).
func thinAll(hist, full *book.Book) *book.Book {
	h := *hist
	h.Claims = nil
	for _, c := range hist.Claims {
		if c.ReportDate.IsZero() || !c.ReportDate.After(hist.Fund.AsOf) {
			h.Claims = append(h.Claims, c)
		}
	}
	return &h
}

func (r thinResult) log(tb testing.TB, members int, alpha float64) {
	for w, name := range thinWays {
		f := float64(r.deficits[w]) / float64(max(r.priced[w], 1))
		tb.Logf("%d members, %-9s: 入不敷出 in %3d of %3d books priced (%.3f; target %.2f ± %.3f); plans unpriced %d; log(recommended/truth) rms %.1f%%, mean %+.1f%%, sd %.1f%% (mean ratio %.3f, %d plans)",
			members, name, r.deficits[w], r.priced[w], f, alpha, math.Sqrt(alpha*(1-alpha)/float64(max(r.priced[w], 1))),
			r.unpriced[w], 100*r.spread[w], 100*r.meanLog[w], 100*r.sdLog[w], r.meanRatio[w], r.spreadN[w])
	}
}

// Thin books out of sample: books of 3,000 and 5,000 members priced at
// target_deficit_probability 5% on three years known at as_of, the fourth
// drawn from the truth. With completion and credibility no plan is priced at
// zero and the fund overruns no more than twice the target. The sample is
// small (16 books, about 30 s: the standard error of a 5% frequency is
// 5.4%), so the bound is twice the target plus two standard errors, 20.9%;
// BenchmarkThinBooks measures 200 books (docs/model.md §6).
func TestThinBooksOutOfSample(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates 16 books three ways")
	}
	const alpha = 0.05
	r := thinSweep(t, 8, 3000, 0, 7000, alpha)
	r5 := thinSweep(t, 8, 5000, 0, 8000, alpha)
	for w := range r.deficits {
		r.deficits[w] += r5.deficits[w]
		r.priced[w] += r5.priced[w]
		r.unpriced[w] += r5.unpriced[w]
	}
	r.log(t, 4000, alpha)
	for _, w := range []int{1, 2} {
		n := float64(r.priced[w])
		f := float64(r.deficits[w]) / n
		if bound := 2*alpha + 2*math.Sqrt(alpha*(1-alpha)/n); f > bound || r.priced[w] < 16 {
			t.Errorf("%s: 入不敷出 in %d of %d books (%.3f), bound %.3f", thinWays[w], r.deficits[w], r.priced[w], f, bound)
		}
		if r.unpriced[w] > 0 {
			t.Errorf("%s: %d plans unpriced or priced at zero", thinWays[w], r.unpriced[w])
		}
	}
}

// BenchmarkThinBooks: 100 books each of 3,000 and 5,000 members, with the
// truth's contributions from books of 300,000 members of the same seeds.
func BenchmarkThinBooks(b *testing.B) {
	for i, m := range []int{3000, 5000} {
		b.Run(strconv.Itoa(m), func(b *testing.B) {
			for b.Loop() {
				r := thinSweep(b, 100, m, 300000, uint64(20000+1000*i), 0.05)
				r.log(b, m, 0.05)
			}
		})
	}
}
