package calibrate

import (
	"testing"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/huzhu-fund/huzhu/plans/model"
	"github.com/shopspring/decimal"
)

// A 3-year plan in the priced year 2026 (model.TestCohortsCarry's cohorts):
// 600 shares, of which 500 in cohorts still running (2024 and 2025), earning
// 4,600.00 at their own prices and leaving 3,000.00 unearned at year end; the
// 100 new shares pay the new price of 33 a share for 3 years. By hand:
// income = 4,600 + 100 × 33 ÷ 3 = 5,700.00; unearned = 3,000 + 100 × 33 × 2 ÷
// 3 = 5,200.00. A 1-year plan beside it (10 shares at 7) adds 70.00 income
// and nothing unearned. The net income as a function of the price (expenses
// 10%): 33 × 100 ÷ 3 × 0.9 + 4,600 × 0.9 = 5,130.
func TestMultiYearIncome(t *testing.T) {
	three := &model.PlanDist{Plan: "ci", Terms: &plans.Terms{Plan: "ci", PeriodYears: 3}, Shares: 600, NewShares: 100,
		Carry: model.Carried{Shares: 500, Earned: decimal.NewFromInt(4600), Unearned: decimal.NewFromInt(3000)}}
	one := &model.PlanDist{Plan: "h", Terms: &plans.Terms{Plan: "h", PeriodYears: 1}, Shares: 10, NewShares: 10,
		Carry: model.Carried{Earned: decimal.Zero, Unearned: decimal.Zero}}
	fd := &model.FundDist{Plans: []*model.PlanDist{three, one}}
	prices := []decimal.Decimal{decimal.NewFromInt(33), decimal.NewFromInt(7)}
	gross, per := income(fd, prices)
	if !per[0].Equal(decimal.RequireFromString("5700")) || !per[1].Equal(decimal.RequireFromString("70")) || !gross.Equal(decimal.RequireFromString("5770")) {
		t.Errorf("income %s (%v), want 5700 + 70", gross, per)
	}
	recs := []PlanRec{{Recommended: prices[0]}, {Recommended: prices[1]}}
	if got := unearned(fd, recs); !got.Equal(decimal.RequireFromString("5200")) {
		t.Errorf("unearned %s, want 5200.00", got)
	}
	if p, off := netPerPrice(three, 0.9); 33*p+off != 5130 {
		t.Errorf("net income at 33: %v·33 + %v = %v, want 5130", p, off, 33*p+off)
	}
	// A price the new shares pay 1/3 a year of, in a band of ±20%: its net
	// income bounds include the running cohorts' income.
	b := band(three, decimal.NewFromInt(30), decimal.NewFromInt(1), 0.2, 1)
	if b.netLo != 24*100.0/3+4600 || b.netHi != 36*100.0/3+4600 {
		t.Errorf("band %+v, want net %v to %v", b, 24*100.0/3+4600, 36*100.0/3+4600)
	}
}

// On the example book, the 3-year critical-illness plan's income and the
// fund's unearned contributions, from the Enrolment rows by hand: the 2025
// rows that began in 2024 and 2025 run into 2026 and earn their 2025
// contributions again; the rest of the 2026 shares pay the recommended price
// ÷ 3; at the end of 2026 the 2025 cohort has one year left (its 2025
// contributions once more) and the new cohort two thirds of its price.
func TestExampleMultiYear(t *testing.T) {
	b, ps := exampleBook(t)
	sc, _ := model.ScenarioFromBook(b)
	res, err := Calibrate(ps, sc, PolicyFromFund(b.Fund), Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	var earned, left decimal.Decimal
	var carried int64
	for _, e := range b.Enrolment {
		if e.Plan != "critical_illness" || e.Year != 2025 || e.StartYear < 2024 {
			continue
		}
		earned = earned.Add(e.Contributions.Decimal)
		carried += e.Shares
		if e.StartYear == 2025 {
			left = left.Add(e.Contributions.Decimal)
		}
	}
	for i, p := range res.Plans {
		if p.Plan != "critical_illness" {
			continue
		}
		nw := decimal.NewFromFloat(p.Shares - float64(carried))
		want := earned.Add(p.Recommended.Mul(nw).Div(decimal.NewFromInt(3))).Round(2)
		if !p.Income.Equal(want) || !nw.IsPositive() || !earned.IsPositive() {
			t.Errorf("income %s, want %s (carried %d shares earning %s, new %s at %s)", p.Income, want, carried, earned, nw, p.Recommended)
		}
		wantU := left.Round(2).Add(p.Recommended.Mul(nw).Mul(decimal.NewFromInt(2)).Div(decimal.NewFromInt(3)).Round(2))
		if !res.Unearned.Equal(wantU) {
			t.Errorf("unearned %s, want %s", res.Unearned, wantU)
		}
		if res.Dist.Plans[i].NewShares != nw.InexactFloat64() {
			t.Errorf("new shares %v, want %s", res.Dist.Plans[i].NewShares, nw)
		}
		t.Logf("critical illness 2026: %d shares carried earning %s, %s new at %s: income %s; unearned at year end %s", carried, earned, nw, p.Recommended, p.Income, res.Unearned)
	}
}

// When the running cohorts of a multi-year plan, at an old price far above
// cost (here the example book's critical-illness cohorts of 2024 and 2025
// paid ten times their contributions), earn more than the plan needs, the
// new cohort still pays its own expected cost — E[S]/shares × 3 years,
// rounded up — instead of the price of zero the solve alone would give.
func TestNewCohortPaysItsCost(t *testing.T) {
	b0, _ := exampleBook(t)
	b := *b0
	b.Enrolment = append([]book.EnrolmentRow(nil), b0.Enrolment...)
	for i, e := range b.Enrolment {
		if e.Plan == "critical_illness" && e.Year == 2025 && e.StartYear >= 2024 && e.Contributions.Valid {
			b.Enrolment[i].Contributions.Decimal = e.Contributions.Decimal.Mul(decimal.NewFromInt(10))
		}
	}
	ps, _, err := model.FromBook(&b, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := model.ScenarioFromBook(&b)
	pol := PolicyFromFund(b.Fund)
	pol.MaxChange = 10
	res, err := Calibrate(ps, sc, pol, Options{Paths: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Plans {
		if p.Plan != "critical_illness" {
			continue
		}
		keep := 1 - pol.ExpenseRatio
		own := p.Expected.InexactFloat64() / p.Shares * 3 / keep
		if !(p.Recommended.InexactFloat64() >= own) || p.Recommended.InexactFloat64() > own+pol.Rounding.InexactFloat64() {
			t.Errorf("new cohort's price %s, its own expected cost %.4f a share", p.Recommended, own)
		}
		return
	}
	t.Fatal("no critical_illness plan")
}
