package ibnr

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/actuarial/dist"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// synthPlanYears draws three June–May plan years (2022 to 2024) of claims
// at rate per day, reported after an exponential delay of mean lagDays; a
// claim reported on or after its plan year's deadline (the next 1 June plus
// deadline months) is not payable and not in the data. It returns the
// claims and the true count of each plan year.
func synthPlanYears(rng *rand.Rand, perDay, lagDays float64, deadline int) ([]book.Claim, map[int]float64) {
	var cs []book.Claim
	truth := map[int]float64{}
	start := time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for day := start; day.Before(end); day = day.AddDate(0, 0, 1) {
		y := planYear(day, 6)
		dl := time.Date(y+1, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, deadline, 0)
		for k := dist.PoissonRand(perDay, rng.Float64); k > 0; k-- {
			rep := day.AddDate(0, 0, int(rng.ExpFloat64()*lagDays))
			if !rep.Before(dl) {
				continue
			}
			cs = append(cs, book.Claim{Year: y, EventDate: day, ReportDate: rep, Paid: math.Exp(7 + rng.NormFloat64())})
			truth[y]++
		}
	}
	return cs, truth
}

// June–May plan years with a 3-month claim deadline and reporting delays
// of mean 60 days, cut on 15 July 2025 (inside the last plan year's
// deadline, 31 August): the last plan year's completed count is within
// ±1.5% of the payable truth on average over 40 books (measured +0.96%,
// the month-boundary bias of TestCompletionUnbiased), where ignoring the
// deadline overstates it (the development beyond the deadline is not
// payable: measured +2.85%) and the reported count is 4.35% short; plan year 2023, past its deadline (31 August 2024), completes to
// exactly what was reported.
func TestCompletionDeadline(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 60))
	asOf := time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC)
	const books = 40
	var withDL, without, rep float64
	for range books {
		cs, truth := synthPlanYears(rng, 3, 60, 3)
		o := Options{AsOf: asOf, PeriodStartMonth: 6, DeadlineMonths: 3}
		r, err := Complete(cs, []int{2022, 2023, 2024}, o)
		if err != nil {
			t.Fatal(err)
		}
		if y := r.Years[1]; y.UltimateCount != y.ReportedCount || y.UltimatePaid != y.ReportedPaid {
			t.Fatalf("plan year 2023 past its deadline: ultimate %.2f of %.0f reported", y.UltimateCount, y.ReportedCount)
		}
		o.DeadlineMonths = 0
		r0, err := Complete(cs, []int{2022, 2023, 2024}, o)
		if err != nil {
			t.Fatal(err)
		}
		withDL += (r.Years[2].UltimateCount/truth[2024] - 1) / books
		without += (r0.Years[2].UltimateCount/truth[2024] - 1) / books
		rep += (r.Years[2].ReportedCount/truth[2024] - 1) / books
	}
	t.Logf("plan year 2024: reported %+.2f%%, completed to the deadline %+.2f%%, without the deadline %+.2f%%", 100*rep, 100*withDL, 100*without)
	if math.Abs(withDL) > 0.015 {
		t.Errorf("completed to the deadline %+.2f%%, want within ±1.5%%", 100*withDL)
	}
	if without < withDL+0.01 {
		t.Errorf("without the deadline %+.2f%%, with %+.2f%%: the deadline does not change the completion enough to be tested", 100*without, 100*withDL)
	}
	if rep > -0.03 {
		t.Errorf("reported only %+.2f%% short: the test does not test completion", 100*rep)
	}
}
