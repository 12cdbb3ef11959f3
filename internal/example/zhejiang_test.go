package example

import (
	"testing"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// Figures from the published table (浙江工人日报 2015-12-24) and DOMAIN.md.
func TestZhejiang2014(t *testing.T) {
	b := Zhejiang2014()
	if len(b.Summary) != 12 {
		t.Fatalf("%d summary rows, want 11 cities and the provincial industry unions", len(b.Summary))
	}
	var enrol, claims int64
	paid := decimal.Zero
	for _, r := range b.Summary {
		if r.Year != 2014 || r.Plan != "" || r.Group == "" {
			t.Errorf("row %+v", r)
		}
		enrol += r.Enrolments
		if r.Claims >= 0 {
			claims += r.Claims
		}
		if r.Paid.Valid {
			paid = paid.Add(r.Paid.Decimal)
		}
	}
	// The published total of enrolments and beneficiaries agree with the rows;
	// the published paid total (101,697,884) does not: the rows add up to 103,311,287.
	if enrol != 3374730 || claims != 103299 || !paid.Equal(decimal.NewFromInt(103311287)) {
		t.Errorf("totals %d / %d / %s, want 3374730 / 103299 / 103311287", enrol, claims, paid)
	}
	first, last := b.Summary[0], b.Summary[11]
	if first.Group != "杭州市" || first.Enrolments != 629838 || first.Claims != 8108 || !first.Paid.Decimal.Equal(decimal.NewFromInt(11037532)) {
		t.Errorf("Hangzhou row %+v", first)
	}
	if last.Group != "省级产业工会" || last.Enrolments != 122924 || last.Claims != -1 || last.Paid.Valid {
		t.Errorf("provincial industry unions row %+v: claims and paid not given", last)
	}
	if len(b.Plans) != 1 || b.Plans[0].Kind != plans.Hospital || len(b.Claims) != 0 || len(b.Enrolment) != 0 {
		t.Errorf("plans %v, %d claims, %d enrolment rows", b.Plans, len(b.Claims), len(b.Enrolment))
	}
	// Opening reserve: 40% of 3,374,730 × 40 yuan = 53,995,680, to 10,000 yuan.
	if b.Fund.Year != 2015 || !b.Fund.OpeningReserve.Equal(decimal.NewFromInt(54000000)) {
		t.Errorf("fund year %d, opening reserve %s", b.Fund.Year, b.Fund.OpeningReserve)
	}
	if b.LastYear() != 2014 {
		t.Errorf("last year %d", b.LastYear())
	}
}
