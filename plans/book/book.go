// Package book holds the experience a fund has, as plain Go types: the
// plans' terms, enrolment, claims, summaries and the fund's policy. A reader
// (the Excel workbook in internal/workbook, or another source) fills a Book;
// the pricing code (plans/model, plans/calibrate) reads it and knows nothing
// of where it came from.
package book

import (
	"time"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// Book is a fund's experience: every table's rows, typed, with the source row
// each came from (Row, 1-based; 0 when made in code) for messages. Total rows
// are not included.
type Book struct {
	// Path is where the book was read from ("" when made in code).
	Path      string
	Plans     []PlanRow
	Schedules []ScheduleRow
	Enrolment []EnrolmentRow
	Claims    []Claim
	Summary   []SummaryRow
	// SummaryTotals are total rows of the Summary table as published (合计),
	// kept for writers. Readers check total rows against the rows above and do
	// not use them otherwise.
	SummaryTotals []SummaryRow
	Fund          Fund
	// References are the rows of the optional Reference sheet (benchmarks).
	References []ReferenceRow
	// Rates are the rows of the optional Rates sheet (互助费档次): the
	// current contribution of each rate class of a plan (rates.go).
	Rates []RateRow
}

// PlanRow is a plan's terms, with its schedule rows merged into
// Terms.Schedules.
type PlanRow struct {
	Row int
	plans.Terms
}

// ScheduleRow is a row of the Schedules table.
type ScheduleRow struct {
	Row      int
	Plan     string
	Benefit  plans.Benefit
	Category string
	Percent  decimal.Decimal
}

// EnrolmentRow is one group's enrolment in a plan and year.
type EnrolmentRow struct {
	Row           int
	Year          int
	Plan          string
	Group         string
	Members       int64
	Shares        int64 // default Members
	NewMembers    int64 // 0 when not given
	Contributions decimal.NullDecimal
	// StartYear is the year the row's members' current cover period began
	// (a 2- or 3-year plan's cohort); 0 when not given (= Year).
	StartYear int
	// Class is the row's rate class (档次: an age band, an occupation
	// tier); "" when not given.
	Class string
}

// Claim is one claim. Amounts are float64: they are data for fitting; totals
// for reports are rounded to the fen at the edge.
type Claim struct {
	Row        int
	ClaimID    string
	Year       int
	Plan       string
	MemberID   string
	Group      string
	Benefit    plans.Benefit
	EventDate  time.Time // zero when not given
	ReportDate time.Time // zero when not given
	Days       int       // -1 when not given
	Cost       float64   // NaN when not given
	Category   string
	Shares     int // default 1
	Paid       float64
	// Class is the member's rate class ("" when not given); it must be a
	// class of the plan's Enrolment rows.
	Class string
}

// SummaryRow is a row of the Summary table (counts and amounts without
// claim detail).
type SummaryRow struct {
	Row        int
	Year       int
	Plan       string // "" = all plans together
	Group      string
	Enrolments int64
	Claims     int64 // -1 when not given
	Paid       decimal.NullDecimal
}

// Plan returns the terms of the plan with the given key.
func (b *Book) Plan(id string) (*plans.Terms, bool) {
	for i := range b.Plans {
		if b.Plans[i].Plan == id {
			return &b.Plans[i].Terms, true
		}
	}
	return nil, false
}

// LastYear is the latest data year of Enrolment, Claims and Summary (0 when none).
func (b *Book) LastYear() int {
	y := 0
	for _, e := range b.Enrolment {
		y = max(y, e.Year)
	}
	for _, c := range b.Claims {
		y = max(y, c.Year)
	}
	for _, s := range b.Summary {
		y = max(y, s.Year)
	}
	return y
}
