package workbook

import (
	"errors"
	"fmt"
	"strings"

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
	protectInput(path)
	arc := xlsxstream.NewArchive(zr)
	maxStrings := lim.MaxStringBytes
	if maxStrings <= 0 {
		maxStrings = DefaultLimits.MaxStringBytes
	}
	x, err := xlsxstream.ReadBook(arc, maxStrings)
	if err != nil {
		return nil, nil, partErr(path, err, "cannot read the workbook (damaged?)", "无法读取工作簿（已损坏？）")
	}
	r := &reader{arc: arc, x: x, lim: lim, date1904: x.Date1904, book: &Book{Book: book.Book{Path: path, Fund: DefaultFund()}, SheetNames: map[string]string{}}}
	if err := r.read(); err != nil {
		return nil, nil, partErr(path, err, "cannot read the workbook", "无法读取工作簿")
	}
	// The parts not read (styles, themes…) are checked too: a damaged file
	// is refused as a whole.
	if err := arc.VerifyRest(); err != nil {
		return nil, nil, partErr(path, err, "cannot read the workbook", "无法读取工作簿")
	}
	check(r.book, &r.probs)
	r.probs.Sort()
	return r.book, r.probs, nil
}

// partErr is a FileError for an error met inside the archive: a damaged part
// says so.
func partErr(path string, err error, en, zh string) *FileError {
	if errors.Is(err, xlsxstream.ErrTooLarge) {
		return fileErr(path, err, "refused: the workbook is beyond the reader's limits (a text of more than 4 MB, or shared strings of a size no real workbook has: a zip bomb?)",
			"拒绝读取：工作簿超出读取上限（单个文本超过 4 MB，或共享字符串之多不似真实工作簿：压缩炸弹？）")
	}
	var ce *xlsxstream.CorruptError
	if errors.As(err, &ce) {
		return fileErr(path, err, fmt.Sprintf("the file is damaged (%s); it cannot be trusted: restore it from a copy or save it again from Excel or WPS", ce.Part),
			fmt.Sprintf("文件已损坏（%s），不能使用：请从备份恢复，或在 Excel、WPS 中重新保存", ce.Part))
	}
	return fileErr(path, err, en, zh)
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
					Msg: fmt.Sprintf("the workbook has no %s sheet (%s)", s.Key, s.Zh), MsgZh: fmt.Sprintf("工作簿缺少“%s”（%s）工作表", s.Zh, s.Key)})
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
			Msg:   "the workbook has enrolment but no claim rows (Claims sheet, 给付明细): every plan is taken to have had no claims",
			MsgZh: "工作簿有参保数据但没有给付记录（给付明细表）：按各计划均无给付处理"})
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
				Msg:      fmt.Sprintf("sheets %q and %q both name the %s sheet; keep one", clip(prev), clip(n), s.Key),
				MsgZh:    fmt.Sprintf("工作表“%s”和“%s”都是%s表，请只保留一个", clip(prev), clip(n), s.Zh)})
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
					Msg:   fmt.Sprintf("sheet %q is read as the %s sheet (%s)", clip(n), s.Key, s.Zh),
					MsgZh: fmt.Sprintf("工作表“%s”按%s表（%s）读取", clip(n), s.Zh, s.Key)})
			}
			take(i, s)
		}
	}
	parts := r.continuations(names, matched, found)
	for i, n := range names {
		if matched[i] || strings.TrimSpace(n) == InstructionsSheet {
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
				Msg: fmt.Sprintf("sheet %q is not part of the workbook format and is ignored; did you mean %s? Rename it to be read",
					clip(n), didYouMeanSheets(absent)),
				MsgZh: fmt.Sprintf("工作表“%s”不属于工作簿格式，已忽略；是否应为 %s？请改名以便读取", clip(n), didYouMeanSheets(absent))})
			continue
		}
		r.add(Problem{Level: Notice, Code: "unknown_sheet", Sheet: clip(n), Found: clip(n),
			Msg: fmt.Sprintf("sheet %q is not part of the workbook format and is ignored", clip(n)), MsgZh: fmt.Sprintf("工作表“%s”不属于工作簿格式，已忽略", clip(n))})
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
