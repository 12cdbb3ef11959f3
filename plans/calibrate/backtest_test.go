package calibrate

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/example"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/floats/scalar"
)

// A critical-illness plan paying 10,000 yuan a diagnosis, without member
// ids (Poisson events at the observed rate): 10,000 members and 20 claims
// in 2023 and in 2024, then 12,000 members and 200 claims in 2025. Priced
// from the years before each: 2024 from 2023 alone at 20/10,000 a
// member-year, expected 20 claims (200,000 yuan) — the actual; 2025 from
// 2023–2024 at 40/20,000 for 2025's 12,000 members, 24 claims (240,000
// yuan), against 2,000,000 paid: outside the interval, A/E 8.33. Had 2025
// leaked into its own fit the rate would be 240/32,000 and the expectation
// 90 claims; had 2024 leaked into 2024's, 20 claims still but the fit would
// span 2023–2024. The lattices hold a lump sum exactly; the parameter
// factor's mean, exp(σz − σ²/2) on three Gauss–Hermite nodes, is short of 1
// by σ⁶/120 (the nodes ±√3, 0 give E[Z⁶] 9 for 15): 1.0e-6 for σ = 1/√20,
// the relative standard error of 20 events, hence the tolerance 1e-5.
func TestBacktestUsesOnlyEarlierYears(t *testing.T) {
	const lump = 10000
	b := &book.Book{
		Plans: []book.PlanRow{{Terms: plans.Terms{Plan: "ci", Name: "重大疾病", Kind: plans.CriticalIllness,
			Contribution: decimal.NewFromInt(30), PeriodYears: 1, MaxShares: 1, LumpSum: decimal.NewNullDecimal(decimal.NewFromInt(lump))}}},
		Fund: book.DefaultFund(),
	}
	for _, y := range []struct {
		year            int
		members, claims int
	}{{2023, 10000, 20}, {2024, 10000, 20}, {2025, 12000, 200}} {
		b.Enrolment = append(b.Enrolment, book.EnrolmentRow{Year: y.year, Plan: "ci", Members: int64(y.members), Shares: int64(y.members)})
		for k := range y.claims {
			b.Claims = append(b.Claims, book.Claim{ClaimID: strconv.Itoa(y.year*1000 + k), Year: y.year, Plan: "ci",
				Benefit: plans.Diagnosis, Days: -1, Cost: math.NaN(), Shares: 1, Paid: lump})
		}
	}
	ps, ds, err := model.FromBook(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	bt, err := RunBacktest(b, ps, ds, BacktestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bt.Years) != 2 || bt.PlanYears != 2 || bt.FundYears != 2 || len(bt.Notes) != 0 {
		t.Fatalf("backtest %+v", bt)
	}
	for i, c := range []struct {
		year, from, to   int
		members          float64
		expected, actual float64
		inside           bool
	}{{2024, 2023, 2023, 10000, 20 * lump, 20 * lump, true}, {2025, 2023, 2024, 12000, 24 * lump, 200 * lump, false}} {
		y := bt.Years[i]
		if y.Year != c.year || y.From != c.from || y.To != c.to || len(y.Plans) != 1 || y.Fund == nil {
			t.Fatalf("year %d: %+v", c.year, y)
		}
		r := y.Plans[0]
		if r.Plan != "ci" || r.Name != "重大疾病" || r.Members != c.members || r.Reported != c.actual || r.IBNR != 0 || r.Actual != c.actual {
			t.Errorf("%d: %+v", c.year, r)
		}
		if !scalar.EqualWithinRel(r.Expected, c.expected, 1e-5) {
			t.Errorf("%d: expected %.2f, want %.2f (fitted on %d–%d only)", c.year, r.Expected, c.expected, c.from, c.to)
		}
		if !scalar.EqualWithinRel(r.Ratio, c.actual/c.expected, 1e-5) || r.Inside != c.inside || !(r.P5 < r.Expected && r.Expected < r.P95) {
			t.Errorf("%d: A/E %.4f, interval [%.0f, %.0f], inside %v; want A/E %.4f, inside %v", c.year, r.Ratio, r.P5, r.P95, r.Inside, c.actual/c.expected, c.inside)
		}
		// The fund of one plan is the plan (its lattice convolved with nothing:
		// the same to rounding).
		if f := *y.Fund; !scalar.EqualWithinRel(f.Expected, r.Expected, 1e-12) || f.Actual != r.Actual || f.P5 != r.P5 || f.P95 != r.P95 || f.Inside != r.Inside {
			t.Errorf("%d: one plan, the fund %+v differs from the plan %+v", c.year, f, r)
		}
	}
	if bt.Outside != 1 || bt.FundOutside != 1 {
		t.Errorf("outside %d plan-years, %d fund years; want 1 and 1", bt.Outside, bt.FundOutside)
	}
	// The fit of 2025 on 2023–2024 is what FromBook gives on those years.
	two := *b
	two.Enrolment, two.Claims = b.Enrolment[:2], b.Claims[:40]
	p2, _, err := model.FromBook(&two, nil)
	if err != nil {
		t.Fatal(err)
	}
	if mu := p2[0].Benefits[0].Freq.Mu; !scalar.EqualWithinRel(mu, 0.002, 1e-12) {
		t.Errorf("the 2023–2024 fit's rate %v, want 0.002", mu)
	}
	// One data year: an empty backtest with a note, not an error.
	one := *b
	one.Enrolment, one.Claims = b.Enrolment[:1], b.Claims[:20]
	ps1, ds1, err := model.FromBook(&one, nil)
	if err != nil {
		t.Fatal(err)
	}
	bt1, err := RunBacktest(&one, ps1, ds1, BacktestOptions{})
	if err != nil || len(bt1.Years) != 0 || bt1.PlanYears != 0 || len(bt1.Notes) != 1 || bt1.Notes[0].Code != BacktestOneYear {
		t.Errorf("one year: %+v, %v", bt1, err)
	}
}

// backtestSweep generates books of members members over years data years
// (seeds seed0…), each with a medical trend drawn from N(6%, 3%) — the
// uncertainty its Fund sheet states, as in TestOutOfSampleCoverage — and
// backtests each, counting the plan-years and fund years whose actual
// benefits fell below the 5% or above the 95% quantile. With asOf the
// books are valued on 15 February after their last year (as thinBook's):
// each fit has the claims reported by 15 February of the year priced, its
// last year completed for the rest, and the last year's actual is the
// reported plus the book's IBNR; without, the valuation date is the latest
// report date (every claim known), moved back year by year.
func backtestSweep(tb testing.TB, books, members, years int, seed0 uint64, asOf bool, o BacktestOptions) (planYears, below, above, fundYears, fundOut int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed0, 13))
	for k := range books {
		trend := 0.06 + 0.03*rng.NormFloat64()
		wb, _, err := example.Generate(example.Config{Members: members, Years: years, Seed: seed0 + uint64(k), MedicalTrend: &trend})
		if err != nil {
			tb.Fatal(err)
		}
		b := &wb.Book
		b.Fund.MedicalTrend, b.Fund.TrendSD = 0.06, 0.03
		if asOf {
			b.Fund.AsOf = time.Date(b.LastYear()+1, 2, 15, 0, 0, 0, 0, time.UTC)
		}
		ps, ds, err := model.FromBook(b, nil)
		if err != nil {
			tb.Fatal(err)
		}
		bt, err := RunBacktest(b, ps, ds, o)
		if err != nil {
			tb.Fatal(err)
		}
		for _, y := range bt.Years {
			for _, r := range y.Plans {
				planYears++
				switch {
				case r.Actual < r.P5:
					below++
				case r.Actual > r.P95:
					above++
				}
			}
			if y.Fund != nil {
				fundYears++
				if !y.Fund.Inside {
					fundOut++
				}
			}
		}
		if len(bt.Notes) > 0 {
			tb.Logf("seed %d: notes %+v", seed0+uint64(k), bt.Notes)
		}
	}
	return
}

// backtestOptions coarsen the lattices, as thinOptions do: the quantiles
// move by far less than the sampling error of a 10% frequency.
var backtestOptions = BacktestOptions{Exact: &model.ExactOptions{MemberPoints: 500, PointsPerSD: 100}}

// Generated books from a known truth, backtested: the share of plan-years
// outside their 90% interval is near 10%. 12 books of 10,000 members and
// four years, valued on 15 February after the last: three backtest years of seven plans, 252 plan-years (about
// 12 s of one core). Were they independent the count would be
// Binomial(252, 0.1), sd 4.8 (1.9 percentage points); the plans of a year
// share the medical trend and a book's years its truth, so the bound is
// wider than two and a half binomial sd: 10% ± 5 percentage points (13 to
// 37 of 252). BenchmarkBacktestCoverage measures 100 books.
func TestBacktestCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("backtests 12 books")
	}
	n, below, above, fy, fo := backtestSweep(t, 12, 10000, 4, 4100, true, backtestOptions)
	out := below + above
	f := float64(out) / float64(n)
	t.Logf("%d plan-years: %d outside the 90%% interval (%.3f; %d below the 5%% quantile, %d above the 95%%); fund: %d of %d years", n, out, f, below, above, fo, fy)
	if n < 250 || math.Abs(f-0.1) > 0.05 {
		t.Errorf("%d of %d plan-years outside the 90%% interval (%.3f), want 0.10 ± 0.05", out, n, f)
	}
}

// BenchmarkBacktestCoverage: 100 books of 20,000 members over four years,
// valued on 15 February after the last year (as_of) and with every claim
// known (complete).
func BenchmarkBacktestCoverage(b *testing.B) {
	for _, asOf := range []bool{true, false} {
		name := "complete"
		if asOf {
			name = "as_of"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				n, below, above, fy, fo := backtestSweep(b, 100, 20000, 4, 5000, asOf, backtestOptions)
				b.Logf("%s: %d plan-years: %d outside the 90%% interval (%.3f; %d below the 5%% quantile, %d above the 95%%); fund: %d of %d years outside (%.3f)",
					name, n, below+above, float64(below+above)/float64(n), below, above, fo, fy, float64(fo)/float64(fy))
			}
		})
	}
}
