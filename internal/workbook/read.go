package workbook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook/xlsxstream"
	"github.com/huzhu-fund/huzhu/plans/book"
	"github.com/xuri/excelize/v2"
)

// Read reads the workbook at path as WORKBOOK.md (version 1) says, with the
// default limits. The error is a problem with the file as a whole (*FileError);
// problems of its content are all returned in Problems (Errors make the book
// unusable, Warnings and Notices do not). The input file is never modified.
func Read(path string) (*Book, Problems, error) {
	return ReadWithLimits(path, DefaultLimits)
}

// ReadWithLimits is Read with explicit limits.
func ReadWithLimits(path string, lim Limits) (*Book, Problems, error) {
	fh, zr, err := openZip(path, lim)
	if err != nil {
		return nil, nil, err
	}
	defer fh.Close()
	if !lim.Peek {
		protectInput(path)
	}
	arc := xlsxstream.NewArchive(zr)
	maxStrings := lim.MaxStringBytes
	if maxStrings <= 0 {
		maxStrings = DefaultLimits.MaxStringBytes
	}
	x, err := xlsxstream.ReadBook(arc, maxStrings)
	if err != nil {
		return nil, nil, partErr(path, err, "wb.file.damaged_maybe")
	}
	r := &reader{arc: arc, x: x, lim: lim, date1904: x.Date1904, book: &Book{Book: book.Book{Path: path, Fund: DefaultFund()}, SheetNames: map[string]string{}}}
	if err := r.read(); err != nil {
		// A bit flipped in a compressed part can still decompress into
		// XML that fails to parse (a cell reference beyond the last
		// column) before the part's checksum is reached: a damaged part,
		// found by verifying the parts, is then the error, not what it
		// broke.
		var ce *xlsxstream.CorruptError
		if verr := arc.VerifyRest(); errors.As(verr, &ce) && !errors.As(err, new(*xlsxstream.CorruptError)) {
			return nil, nil, partErr(path, verr, "wb.file.read")
		}
		return nil, nil, partErr(path, err, "wb.file.read")
	}
	// The parts not read (styles, themes…) are checked too: a damaged file
	// is refused as a whole.
	if err := arc.VerifyRest(); err != nil {
		return nil, nil, partErr(path, err, "wb.file.read")
	}
	check(r.book, &r.probs)
	r.probs.Sort()
	return r.book, r.probs, nil
}

// partErr is a FileError for an error met inside the archive: a damaged part
// says so.
func partErr(path string, err error, msg string) *FileError {
	if errors.Is(err, xlsxstream.ErrTooLarge) {
		return fileErr(path, err, "wb.file.limits")
	}
	var ce *xlsxstream.CorruptError
	if errors.As(err, &ce) {
		return fileErr(path, err, "wb.file.damaged", ce.Part)
	}
	return fileErr(path, err, msg)
}

type reader struct {
	arc      *xlsxstream.Archive
	x        *xlsxstream.Book
	lim      Limits
	date1904 bool
	book     *Book
	probs    Problems
	rowsHint int // the current sheet's estimated rows (0: unknown)
	// unrecognised is set when a sheet looks like one of the format's but
	// is not named as it: the error about it says what is missing.
	unrecognised bool
}

func (r *reader) add(p Problem) { r.probs = append(r.probs, p) }

// InstructionsSheet is the name of the template's instructions sheet, ignored when reading.
const InstructionsSheet = "说明"

// read finds the sheets and reads each.
func (r *reader) read() error {
	found, parts := r.findSheets()
	for _, s := range Sheets {
		name, ok := found[s.Key]
		r.book.SheetNames[s.Key] = name
		if !ok {
			if !s.Optional {
				r.add(Problem{Level: Error, Code: "missing_sheet", Expected: s.Zh + " / " + s.Key,
					Text: i18n.N("wb.missing_sheet", s.Key, s.Zh)})
			}
			continue
		}
		if s.KeyValue {
			if err := r.readFund(s, name); err != nil {
				return fmt.Errorf("sheet %s: %w", clip(name), err)
			}
		} else if err := r.readTable(s, parts[s.Key]); err != nil {
			return err
		}
	}
	if len(r.book.Enrolment) > 0 && len(r.book.Claims) == 0 && !r.unrecognised {
		sheet, cell := "", ""
		if n := found[SheetClaims]; n != "" {
			sheet, cell = n, n
		}
		r.add(Problem{Level: Warning, Code: "no_claims", Sheet: sheet, Cell: cell, Expected: SheetByKey(SheetClaims).Zh + " / " + SheetClaims,
			Text: i18n.N("wb.no_claims", SheetClaims, SheetByKey(SheetClaims).Zh)})
	}
	return nil
}

// findSheets maps each sheet key to the workbook's sheet of that name: by
// name or alias first, then by a name with a year or 表 around it; and each
// table's key to its sheets, the first and its numbered continuations
// (continue.go). Sheets that match none are reported: as an error with the
// sheets they look like when those are absent (their rows would silently be
// missing), as a notice otherwise.
func (r *reader) findSheets() (map[string]string, map[string][]string) {
	names := r.x.Sheets
	found := map[string]string{}
	matched := make([]bool, len(names))
	take := func(i int, s Sheet) {
		n := names[i]
		matched[i] = true
		if prev, ok := found[s.Key]; ok {
			r.add(Problem{Level: Error, Code: "duplicate_sheet", Sheet: clip(n), Found: clip(n),
				Expected: "one sheet " + s.Zh + " / " + s.Key,
				Text:     i18n.N("wb.duplicate_sheet", clip(prev), clip(n), s.Name())})
			return
		}
		found[s.Key] = n
	}
	for i, n := range names {
		for _, s := range Sheets {
			if s.Matches(n) {
				take(i, s)
			}
		}
	}
	for i, n := range names {
		if matched[i] {
			continue
		}
		var loose []Sheet
		for _, s := range Sheets {
			if s.MatchesLoosely(n) {
				loose = append(loose, s)
			}
		}
		if len(loose) == 1 {
			s := loose[0]
			if _, ok := found[s.Key]; !ok {
				r.add(Problem{Level: Notice, Code: "sheet_read_as", Sheet: clip(n), Found: clip(n), Expected: s.Zh + " / " + s.Key,
					Text: i18n.N("wb.sheet_read_as", clip(n), s.Key, s.Zh)})
			}
			take(i, s)
		}
	}
	parts := r.continuations(names, matched, found)
	for i, n := range names {
		if matched[i] || strings.TrimSpace(n) == InstructionsSheet || strings.TrimSpace(n) == InstructionsSheetEn {
			continue
		}
		var absent []Sheet
		for _, s := range suggestSheets(n) {
			if _, ok := found[s.Key]; !ok {
				absent = append(absent, s)
			}
		}
		if len(absent) > 0 {
			r.unrecognised = true
			r.add(Problem{Level: Error, Code: "unrecognised_sheet", Sheet: clip(n), Found: clip(n), Expected: didYouMeanSheets(absent),
				Text: i18n.N("wb.unrecognised_sheet", clip(n), didYouMeanSheets(absent))})
			continue
		}
		r.add(Problem{Level: Notice, Code: "unknown_sheet", Sheet: clip(n), Found: clip(n),
			Text: i18n.N("wb.unknown_sheet", clip(n))})
	}
	return found, parts
}

// row is one data row: the parsed value of every schema column (by index).
type row struct {
	n    int
	vals []value
}

func (rw row) get(i int) value {
	if i < 0 || i >= len(rw.vals) {
		return value{}
	}
	return rw.vals[i]
}

// additive lists, per sheet, the columns a total row adds up.
var additive = map[string]map[string]bool{
	SheetEnrolment: {"members": true, "shares": true, "new_members": true, "contributions": true},
	SheetClaims:    {"cost": true, "paid": true, "days": true},
	SheetSummary:   {"enrolments": true, "claims": true, "paid": true},
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
