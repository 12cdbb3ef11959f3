package workbook

import (
	"slices"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/shopspring/decimal"
)

// The domain types live in plans/book; the reader fills them.
type (
	PlanRow      = book.PlanRow
	ScheduleRow  = book.ScheduleRow
	EnrolmentRow = book.EnrolmentRow
	Claim        = book.Claim
	SummaryRow   = book.SummaryRow
	Fund         = book.Fund
)

// DefaultFund is the Fund with WORKBOOK.md's defaults (Year and OpeningReserve unset).
func DefaultFund() Fund { return book.DefaultFund() }

// Book is a workbook as read: the fund's experience (book.Book) and where in
// the file each part was found, for messages.
type Book struct {
	book.Book
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
	// brokenPlans maps the key of a Plans row with errors to its row and
	// the columns in error: the row is kept with those fields unset, and the
	// checks that depend on them are skipped for the plan.
	brokenPlans map[string]brokenPlan
	// parts lists, per sheet key, the sheets a table was read from: the
	// first and its continuation sheets, each with the offset of its row
	// numbers in the book (the Row of a row of a continuation sheet is its
	// row there plus the offset; locate turns it back into a cell).
	parts map[string][]sheetPart
}

// FundCell is the cell a Fund key's value was read from (e.g. 基金!B3), or
// "" when the Fund sheet does not give it.
func (b *Book) FundCell(key string) string { return b.fundCells[key] }

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

// SetFund parses raw as the Fund sheet's value of key (an English key) and
// sets it in fd, as a flag overriding the sheet does: the same types and ranges.
func SetFund(fd *Fund, key, raw string) error {
	c, ok := SheetByKey(SheetFund).Column(key)
	if !ok {
		return i18n.Errorf("wb.fund.not_a_key", key)
	}
	v, ok := parseCell(c, raw, false)
	if !ok || !v.Set {
		return i18n.Errorf("wb.fund.expected", expectation(c))
	}
	r := &reader{book: &Book{Book: book.Book{Fund: *fd}}}
	if r.book.Fund.Given == nil {
		r.book.Fund.Given = map[string]bool{}
	}
	r.setFund(key, v)
	*fd = r.book.Fund
	return nil
}

// TermColumns are the Plans columns that hold a plan's terms (what SetTerm
// sets and a scenario may change): every Plans column but its key, name and
// kind.
var TermColumns = []string{"contribution", "period_years", "max_shares", "waiting_days", "deductible", "ratio_1", "ratio_2", "ratio_3",
	"claim_cap", "annual_cap", "daily_amount", "from_day", "max_days", "lump_sum", "disability_sum", "fire_ratio", "fire_cap",
	"reporting_lag_months", "period_start_month", "claim_deadline_months"}

// termField is the field of t that Plans column key fills: an amount or
// ratio (dec) or a whole number (n); both nil for a column that is not a
// term. The one mapping of term columns to fields, for SetTerm and the
// writer.
func termField(t *plans.Terms, key string) (dec *decimal.NullDecimal, n *int) {
	switch key {
	case "period_years":
		return nil, &t.PeriodYears
	case "max_shares":
		return nil, &t.MaxShares
	case "waiting_days":
		return nil, &t.WaitingDays
	case "from_day":
		return nil, &t.FromDay
	case "max_days":
		return nil, &t.MaxDays
	case "reporting_lag_months":
		return nil, &t.ReportingLagMonths
	case "period_start_month":
		return nil, &t.PeriodStartMonth
	case "claim_deadline_months":
		return nil, &t.ClaimDeadlineMonths
	case "deductible":
		return &t.Deductible, nil
	case "ratio_1":
		return &t.Ratios[0], nil
	case "ratio_2":
		return &t.Ratios[1], nil
	case "ratio_3":
		return &t.Ratios[2], nil
	case "claim_cap":
		return &t.ClaimCap, nil
	case "annual_cap":
		return &t.AnnualCap, nil
	case "daily_amount":
		return &t.DailyAmount, nil
	case "lump_sum":
		return &t.LumpSum, nil
	case "disability_sum":
		return &t.DisabilitySum, nil
	case "fire_ratio":
		return &t.FireRatio, nil
	case "fire_cap":
		return &t.FireCap, nil
	}
	return nil, nil
}

// SetTerm sets the Plans column key of t from raw, read as the Plans
// sheet's cell is (the same number, percent and range rules); an empty raw
// (or "none", "无") removes an optional term. contribution is required.
func SetTerm(t *plans.Terms, key, raw string) error {
	c, ok := SheetByKey(SheetPlans).Column(key)
	if !ok || !slices.Contains(TermColumns, key) {
		return i18n.Errorf("wb.term.not_a_term", key, strings.Join(TermColumns, ", "))
	}
	s := strings.TrimSpace(raw)
	if s == "none" || s == "无" {
		s = ""
	}
	v, ok := parseCell(c, s, false)
	if !ok || key == "contribution" && !v.Set {
		return i18n.Errorf("wb.term.expected", expectation(c))
	}
	if key == "contribution" {
		t.Contribution = v.Dec
		return nil
	}
	dec, n := termField(t, key)
	switch {
	case n != nil && !v.Set && (key == "period_years" || key == "max_shares"):
		*n = 1 // the sheet's default
	case n != nil:
		*n = int(v.Num)
	case !v.Set:
		*dec = decimal.NullDecimal{}
	case c.Type == Money:
		*dec = decimal.NewNullDecimal(v.Dec)
	default:
		*dec = decimal.NewNullDecimal(decimal.NewFromFloat(v.Num))
	}
	return nil
}
