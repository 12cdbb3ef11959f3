package model

import (
	"testing"
	"time"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// WithEnrolment prices another year's membership: 200 members holding 300
// shares of at most 2 are half with one share and half with two, and 180
// member-years of cover give the exposure ratio 0.9; the plan it copies is
// unchanged, and a summary plan keeps its ratio of 1.
func TestWithEnrolment(t *testing.T) {
	p := &Plan{Terms: &plans.Terms{Plan: "h", MaxShares: 2}, Source: "claims", Members: 100, Shares: 100, Exposure: 100, ExposureRatio: 1,
		ShareMix: map[int]float64{1: 1}, Cohorts: []Cohort{{Start: 2024, Shares: 100}}}
	c := p.WithEnrolment(YearData{Year: 2025, Members: 200, Shares: 300, Exposure: 180})
	if c.Members != 200 || c.Shares != 300 || c.Exposure != 180 || c.ExposureRatio != 0.9 || c.ShareMix[1] != 0.5 || c.ShareMix[2] != 0.5 || c.Cohorts != nil {
		t.Errorf("copy %+v", c)
	}
	if p.Members != 100 || p.ExposureRatio != 1 || p.ShareMix[1] != 1 || len(p.ShareMix) != 1 || len(p.Cohorts) != 1 {
		t.Errorf("the plan changed: %+v", p)
	}
	s := &Plan{Terms: p.Terms, Source: "summary", ExposureRatio: 1}
	if c := s.WithEnrolment(YearData{Members: 200, Shares: 200, Exposure: 150}); c.ExposureRatio != 1 || c.Members != 200 {
		t.Errorf("summary copy %+v", c)
	}
}

// ValuationDate: the options' as_of, else the Fund's, else the latest
// report date; zero without any.
func TestValuationDate(t *testing.T) {
	d := func(m int) time.Time { return time.Date(2025, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }
	b := &book.Book{Claims: []book.Claim{{ReportDate: d(3)}, {ReportDate: d(5)}, {}}}
	if got := ValuationDate(b, nil); !got.Equal(d(5)) {
		t.Errorf("latest report date: %v", got)
	}
	b.Fund.AsOf = d(4)
	if got := ValuationDate(b, nil); !got.Equal(d(4)) {
		t.Errorf("the Fund's as_of: %v", got)
	}
	if got := ValuationDate(b, &FitOptions{AsOf: d(2)}); !got.Equal(d(2)) {
		t.Errorf("the options' as_of: %v", got)
	}
	if got := ValuationDate(&book.Book{}, nil); !got.IsZero() {
		t.Errorf("no dates: %v", got)
	}
}
