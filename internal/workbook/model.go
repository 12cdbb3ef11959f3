package workbook

import (
	"fmt"
	"time"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// Book is a workbook as read: every sheet's rows, typed, with the Excel row each
// came from (Row, 1-based) for messages. Total rows are not included.
type Book struct {
	Path      string
	Plans     []PlanRow
	Schedules []ScheduleRow
	Enrolment []EnrolmentRow
	Claims    []Claim
	Summary   []SummaryRow
	// SummaryTotals are total rows of the Summary sheet as published (合计),
	// for the writer: written below the Summary rows with 合计 in the group
	// column. The reader checks total rows against the rows above and does
	// not keep them.
	SummaryTotals []SummaryRow
	Fund          Fund
	// SheetNames maps a sheet key (SheetPlans, …) to the sheet's name as found in
	// the file ("" when absent), for messages.
	SheetNames map[string]string
	// Columns maps a sheet key and a column key to the column's 1-based position
	// in the file, for cell references; when absent the schema's order is assumed
	// (the order the writer uses).
	Columns map[string]map[string]int
	// fundCells maps a Fund key to the cell of its value as read (e.g.
	// 基金!B3), for messages about it.
	fundCells map[string]string
	// rejectedPlans maps the key of a Plans row left out for its errors to
	// its row: other sheets' rows of that plan are not reported as of an
	// unknown plan.
	rejectedPlans map[string]int
}

// columnIndex is the 1-based column of key on sheet sheetKey (0 if unknown).
func (b *Book) columnIndex(sheetKey, key string) int {
	if m, ok := b.Columns[sheetKey]; ok {
		return m[key]
	}
	for _, s := range Sheets {
		if s.Key != sheetKey {
			continue
		}
		for i, c := range s.Columns {
			if c.Key == key {
				return i + 1
			}
		}
	}
	return 0
}

// PlanRow is a row of the Plans sheet: the plan's terms, with the Schedules
// sheet's rows of that plan merged into Terms.Schedules.
type PlanRow struct {
	Row int
	plans.Terms
}

// ScheduleRow is a row of the Schedules sheet.
type ScheduleRow struct {
	Row      int
	Plan     string
	Benefit  plans.Benefit
	Category string
	Percent  decimal.Decimal
}

// EnrolmentRow is a row of the Enrolment sheet.
type EnrolmentRow struct {
	Row           int
	Year          int
	Plan          string
	Group         string
	Members       int64
	Shares        int64 // default Members
	NewMembers    int64 // 0 when not given
	Contributions decimal.NullDecimal
}

// Claim is a row of the Claims sheet. Amounts are float64: they are data for
// fitting; totals for reports are rounded to the fen at the edge.
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
}

// SummaryRow is a row of the Summary sheet.
type SummaryRow struct {
	Row        int
	Year       int
	Plan       string // "" = all plans together
	Group      string
	Enrolments int64
	Claims     int64 // -1 when not given
	Paid       decimal.NullDecimal
}

// Fund holds the Fund sheet's parameters, with WORKBOOK.md's defaults applied.
// Given records which keys the sheet set.
type Fund struct {
	Year                     int
	OpeningReserve           decimal.Decimal
	ReserveFloor             decimal.Decimal
	TargetDeficitProbability float64
	ExpenseRatio             float64
	MedicalTrend             float64
	TrendSD                  float64
	EnrolmentGrowth          float64
	SetAsideRatio            float64
	MaxChange                float64
	Rounding                 decimal.Decimal
	HorizonYears             int
	Given                    map[string]bool
}

// DefaultFund is the Fund with WORKBOOK.md's defaults (Year and OpeningReserve unset).
func DefaultFund() Fund {
	return Fund{
		TargetDeficitProbability: 0.05,
		MedicalTrend:             0.05,
		TrendSD:                  0.03,
		SetAsideRatio:            0.3,
		MaxChange:                0.2,
		Rounding:                 decimal.NewFromInt(1),
		HorizonYears:             5,
		Given:                    map[string]bool{},
	}
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

// Set parses raw as the Fund sheet's value of key (an English key) and sets
// it, as a flag overriding the sheet does: the same types and ranges.
func (fd *Fund) Set(key, raw string) error {
	c, ok := SheetByKey(SheetFund).Column(key)
	if !ok {
		return fmt.Errorf("%q is not a Fund parameter", key)
	}
	v, ok := parseCell(c, raw, false)
	if !ok || !v.Set {
		en, _ := expected(c)
		return fmt.Errorf("expected %s", en)
	}
	r := &reader{book: &Book{Fund: *fd}}
	if r.book.Fund.Given == nil {
		r.book.Fund.Given = map[string]bool{}
	}
	r.setFund(key, v)
	*fd = r.book.Fund
	return nil
}
