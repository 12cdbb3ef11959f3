package model

import (
	"math"
	"testing"
)

// Without enrolment_growth in the Fund the priced year's growth is the
// history's estimate, which lies between the smallest and largest yearly
// growth of the book's members (the example's association grows 5% a year
// and its plans' participation drifts up: 7–13% more members a plan in the
// priced year); a given growth is kept.
func TestScenarioFromBookGrowth(t *testing.T) {
	_, _, b, _ := exampleModels(t)
	bk := *b
	bk.Fund.Given = map[string]bool{}
	bk.Fund.EnrolmentGrowth = 0
	sc, g := ScenarioFromBook(&bk)
	byYear := map[int]float64{}
	for _, e := range bk.Enrolment {
		byYear[e.Year] += float64(e.Members)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for y, m := range byYear {
		if prev, ok := byYear[y-1]; ok {
			lo, hi = math.Min(lo, m/prev-1), math.Max(hi, m/prev-1)
		}
	}
	if g == nil || sc.EnrolmentGrowth != g.Rate || g.Rate < lo || g.Rate > hi || !(lo > 0) {
		t.Fatalf("estimated growth %+v (yearly %.4f to %.4f), scenario %v", g, lo, hi, sc.EnrolmentGrowth)
	}
	bk.Fund.Given = map[string]bool{"enrolment_growth": true}
	bk.Fund.EnrolmentGrowth = 0.01
	if sc, g := ScenarioFromBook(&bk); g != nil || sc.EnrolmentGrowth != 0.01 {
		t.Errorf("given growth: %v, estimate %+v", sc.EnrolmentGrowth, g)
	}
}
