package model

import (
	"math"
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/internal/example"
)

// Books of 100,000 members whose seven plans run June–May plan years with
// a 3-month claim deadline (late claims are not in the book), cut on 21
// June after the last plan year's end (inside its deadline, 31 August): the
// priced plan year's expected benefits completed from the cut book are
// within ±2% of those of the same books with every payable claim reported
// for the fund, ±3% for every plan, on average over 8 books (as
// TestCompletionPricedYear; measured: fund −0.09%, plans −0.33% to +0.86%),
// where the claims as reported give the fund 2.49% low and the accident
// plan 4.29% low. Plan year 2024, past its deadline (31 August 2025), is
// complete: its completion factor is 1.
func TestCompletionPlanYear(t *testing.T) {
	const books = 8
	asOf := time.Date(2026, 6, 21, 0, 0, 0, 0, time.UTC)
	var names []string
	var completed, reported []float64
	for k := range books {
		wb, _, err := example.Generate(example.Config{Members: 100000, Seed: 300 + uint64(k), StartMonth: 6, DeadlineMonths: 3})
		if err != nil {
			t.Fatal(err)
		}
		full := &wb.Book
		for _, c := range full.Claims {
			tr, _ := full.Plan(c.Plan)
			if tr.PlanYear(c.EventDate) != c.Year || tr.Late(c.Year, c.ReportDate) {
				t.Fatalf("claim %s: event %v, report %v, plan year %d", c.ClaimID, c.EventDate, c.ReportDate, c.Year)
			}
		}
		ps, _, err := FromBook(full, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantP, want := pricedMeans(t, ps, full)
		pc, _, err := FromBook(full, &FitOptions{AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		gotP, got := pricedMeans(t, pc, full)
		checked := 0
		for _, p := range pc {
			for _, y := range p.Experience.Completion {
				if y.Year == 2024 {
					checked++
				}
				if y.Year == 2024 && y.UltimateCount != y.ReportedCount {
					t.Errorf("%s: plan year 2024 past its deadline completed %.2f of %.0f reported", p.Terms.Plan, y.UltimateCount, y.ReportedCount)
				}
			}
		}
		if checked != len(pc) {
			t.Errorf("plan year 2024 completed in %d of %d plans", checked, len(pc))
		}
		cut, _ := cutAt(full, asOf)
		o := FitOptions{Trend: full.Fund.MedicalTrend}
		var pr []*Plan
		for _, d := range Extract(cut) {
			p, err := Estimate(d, &o)
			if err != nil {
				t.Fatal(err)
			}
			pr = append(pr, p)
		}
		naiveP, naive := pricedMeans(t, pr, full)
		if k == 0 {
			for _, p := range ps {
				names = append(names, p.Terms.Plan)
			}
			names = append(names, "fund")
			completed, reported = make([]float64, len(names)), make([]float64, len(names))
		}
		gotP, naiveP, wantP = append(gotP, got), append(naiveP, naive), append(wantP, want)
		for i := range names {
			completed[i] += (gotP[i]/wantP[i] - 1) / books
			reported[i] += (naiveP[i]/wantP[i] - 1) / books
		}
	}
	for i, n := range names {
		t.Logf("%-22s completed %+.2f%%, as reported %+.2f%%", n, 100*completed[i], 100*reported[i])
		tol := 0.03
		if n == "fund" {
			tol = 0.02
			if reported[i] > -0.02 {
				t.Errorf("fund: as reported only %+.2f%%: the test does not test completion", 100*reported[i])
			}
		}
		if math.Abs(completed[i]) > tol {
			t.Errorf("%s: completed %+.2f%%, want within ±%g%%", n, 100*completed[i], 100*tol)
		}
	}
}
