package action

import (
	"testing"

	"github.com/huzhu-fund/huzhu/internal/report"
)

// The stress runner's "no stress" line is the calibration's own year: its
// income, reserve at year end, backstop and P(入不敷出) equal calibrate's to
// the fen (the same lattice, the same formulas); the epidemic raises the
// expected benefits and leaves the income (no enrolment change) alone;
// enrolment −20% lowers the income.
func TestStressNoneIsCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("a calibration and six exact runs of the example book")
	}
	s, err := Stress(StressOptions{File: exampleBook, Paths: 500, Seed: DefaultSeed})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Calibrate(CalibrateOptions{File: exampleBook, Paths: 500, Seed: DefaultSeed})
	if c == nil {
		t.Fatal(err)
	}
	none := s.Stresses[0]
	f := c.Fund
	if none.Income != f.Income || none.NetIncome != f.NetIncome || none.Expected != f.ExpectedBenefits || none.Reserve5 != f.Reserve.P5 ||
		none.Reserve50 != f.Reserve.P50 || none.Reserve95 != f.Reserve.P95 || none.Backstop95 != f.Backstop95 || none.Backstop99 != f.Backstop99 ||
		none.PDeficit != *f.PDeficitAfter || none.PBelowFloor != *f.PSolvency {
		t.Errorf("no stress %+v\ncalibrate %+v", none, f)
	}
	by := map[string]report.StressLine{}
	for _, x := range s.Stresses {
		by[x.Code] = x
	}
	ep, en := by["stress.epidemic"], by["stress.enrolment"]
	if ep.Income != none.Income || !(money(ep.Expected) > money(none.Expected)) {
		t.Errorf("epidemic: income %s expected %s; none %s %s", ep.Income, ep.Expected, none.Income, none.Expected)
	}
	if !(money(en.Income) < 0.81*money(none.Income)) {
		t.Errorf("enrolment −20%%: income %s, none %s", en.Income, none.Income)
	}
	if len(s.Stresses) != 1+len(builtinStresses) {
		t.Errorf("%d lines, want %d", len(s.Stresses), 1+len(builtinStresses))
	}
}

func money(s string) float64 {
	var x float64
	for _, r := range s {
		if r >= '0' && r <= '9' {
			x = 10*x + float64(r-'0')
		}
	}
	return x / 100
}
