package example

import (
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook"
	"github.com/huzhu-fund/huzhu/plans"
)

// A banded book (Config.Banded) is valid: its hospital plan has band rows
// and no admission ratios, every admission is recorded (costs below the
// first paid band too), outpatient claims are paid by their own bands, and
// the payments are the rules' on each member's year.
func TestBandedBook(t *testing.T) {
	b, tr, err := Generate(Config{Members: 40000, Seed: 3, Banded: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range workbook.Check(b) {
		if p.Level == workbook.Error {
			t.Errorf("%s %s", p.Cell, p.Message(i18n.En))
		}
	}
	h, _ := b.Plan("hospital")
	if len(h.Bands) != 3 || len(h.OutpatientBands) != 2 || h.Ratios[0].Valid || h.Deductible.Valid {
		t.Fatalf("hospital terms %+v", h)
	}
	var below, out, outPaid int
	for _, c := range b.Claims {
		if c.Plan != "hospital" {
			continue
		}
		switch c.Benefit {
		case plans.Medical:
			if c.Cost < 1000 {
				below++
			}
		case plans.Outpatient:
			out++
			if c.Paid > 0 {
				outPaid++
			}
		}
	}
	if below == 0 || out == 0 || outPaid == 0 || outPaid == out {
		t.Errorf("%d admissions below 1,000 yuan, %d outpatient claims of which %d paid", below, out, outPaid)
	}
	pt, _ := tr.Plan("hospital")
	if len(pt.Benefits) != 2 || pt.Benefits[1].Benefit != plans.Outpatient {
		t.Errorf("truth benefits %+v", pt.Benefits)
	}
}
