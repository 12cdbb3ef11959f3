package workbook

import (
	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans/book"
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
