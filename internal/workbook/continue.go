package workbook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/huzhu-fund/huzhu/internal/i18n"
)

// A table longer than a worksheet's 1,048,576 rows continues on numbered
// sheets: the writer names them after the first with 2, 3, … appended
// (给付明细, 给付明细2, 给付明细3), each with the same header row. The reader
// also accepts the usual ways of numbering a sheet (`给付明细 (2)`, Excel's
// name for a copy; `给付明细（2）`; `给付明细-2`; `Claims 2`; a first sheet
// numbered 1), reads the sheets in the order of their numbers as one table,
// and says so in a notice. A continuation must have the first sheet's
// columns in the same places, its numbers must run without a gap, and a
// sheet that repeats the first sheet's first row (a copy kept for safety) is
// refused: each is an error, since rows would otherwise be lost or counted
// twice.

// ContinuationName is the name the writer gives to part k (2, 3, …) of the
// table on sheet name.
func ContinuationName(name string, k int) string { return name + strconv.Itoa(k) }

// sheetPart is one sheet of a table: its name, and the offset added to its
// row numbers in the book (the rows of the sheets before it), so that a
// row number identifies a sheet and a row in it.
type sheetPart struct {
	name   string
	offset int
}

// splitPart parses a numbered sheet name: `给付明细2`, `给付明细 2`,
// `给付明细-2`, `给付明细_2`, `给付明细 (2)`, `给付明细（2）`. The number has one
// to three digits (a year is not a number of a part).
func splitPart(name string) (base string, num int, ok bool) {
	s := strings.TrimSpace(name)
	closed := false
	for _, c := range []string{")", "）"} {
		if strings.HasSuffix(s, c) {
			s, closed = strings.TrimSpace(strings.TrimSuffix(s, c)), true
			break
		}
	}
	j := len(s)
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	d := s[j:]
	if d == "" || len(d) > 3 || d[0] == '0' {
		return "", 0, false
	}
	s = s[:j]
	if closed {
		s = strings.TrimSpace(s)
		open := false
		for _, c := range []string{"(", "（"} {
			if strings.HasSuffix(s, c) {
				s, open = strings.TrimSuffix(s, c), true
				break
			}
		}
		if !open {
			return "", 0, false
		}
	} else {
		s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '_' })
	}
	base = strings.TrimSpace(s)
	if base == "" {
		return "", 0, false
	}
	num, _ = strconv.Atoi(d)
	return base, num, true
}

// continuations finds the numbered sheets among those not yet matched (by
// their index in names) and returns, per sheet key, the table's sheets in
// order; found is updated with the first of each.
func (r *reader) continuations(names []string, matched []bool, found map[string]string) map[string][]string {
	type part struct {
		name string
		base string // normalised; "" for the unnumbered first sheet
		num  int
	}
	byKey := map[string][]part{}
	for i, n := range names {
		if matched[i] {
			continue
		}
		base, num, ok := splitPart(n)
		if !ok {
			continue
		}
		var hit []Sheet
		for _, s := range Sheets {
			if !s.KeyValue && (s.Matches(base) || s.MatchesLoosely(base) || found[s.Key] != "" && normHeader(base) == normHeader(found[s.Key])) {
				hit = append(hit, s)
			}
		}
		if len(hit) != 1 {
			continue
		}
		s := hit[0]
		matched[i] = true
		if first := found[s.Key]; first != "" && normHeader(base) != normHeader(first) {
			want := ContinuationName(first, num)
			r.add(Problem{Level: Error, Code: "continuation_name", Sheet: clip(n), Found: clip(n), Expected: clip(want),
				Text: i18n.N("wb.continuation_name", clip(n), num, i18n.Name{Zh: s.Zh, En: s.Key}, clip(first), clip(want))})
			continue
		}
		byKey[s.Key] = append(byKey[s.Key], part{n, normHeader(base), num})
	}
	out := map[string][]string{}
	for key, n := range found {
		out[key] = []string{n}
	}
	for _, s := range Sheets {
		ps := byKey[s.Key]
		if len(ps) == 0 {
			continue
		}
		if first := found[s.Key]; first != "" {
			ps = append([]part{{name: first, num: 1}}, ps...)
		} else if base := ps[0].base; slices.ContainsFunc(ps, func(p part) bool { return p.base != base }) {
			// Numbered sheets of two names and no first sheet: which
			// belong together is not clear.
			var all []string
			for _, p := range ps {
				all = append(all, clip(p.name))
			}
			r.add(Problem{Level: Error, Code: "duplicate_sheet", Sheet: clip(ps[0].name), Found: strings.Join(all, ", "), Expected: "one sheet " + s.Zh + " / " + s.Key + ", continued on " + ContinuationName(s.Zh, 2) + "…",
				Text: i18n.N("wb.duplicate_sheet.names", i18n.Name{Zh: strings.Join(all, "、"), En: strings.Join(all, ", ")}, i18n.Name{Zh: s.Zh, En: s.Key}, s.Zh, ContinuationName(s.Zh, 2))})
			continue
		}
		slices.SortStableFunc(ps, func(a, b part) int { return a.num - b.num })
		var keep []part
		for _, p := range ps {
			if len(keep) > 0 && keep[len(keep)-1].num == p.num {
				prev := keep[len(keep)-1].name
				r.add(Problem{Level: Error, Code: "duplicate_sheet", Sheet: clip(p.name), Found: clip(p.name), Expected: fmt.Sprintf("one sheet as part %d of %s / %s", p.num, s.Zh, s.Key),
					Text: i18n.N("wb.duplicate_sheet.part", clip(prev), clip(p.name), p.num, i18n.Name{Zh: s.Zh, En: s.Key})})
				continue
			}
			keep = append(keep, p)
		}
		if keep[0].num != 1 {
			want := s.Zh
			if keep[0].base != "" {
				want = keep[0].base
			}
			r.add(Problem{Level: Error, Code: "continuation_without_first", Sheet: clip(keep[0].name), Found: clip(keep[0].name), Expected: clip(want),
				Text: i18n.N("wb.continuation_without_first", clip(keep[0].name), keep[0].num, i18n.Name{Zh: s.Zh, En: s.Key}, clip(want))})
		}
		for k := 1; k < len(keep); k++ {
			if p := keep[k]; p.num != keep[k-1].num+1 {
				r.add(Problem{Level: Error, Code: "continuation_gap", Sheet: clip(p.name), Found: clip(p.name), Expected: fmt.Sprintf("part %d before it", keep[k-1].num+1),
					Text: i18n.N("wb.continuation_gap", clip(p.name), p.num, i18n.Name{Zh: s.Zh, En: s.Key}, keep[k-1].num+1)})
			}
		}
		names := make([]string, len(keep))
		for k, p := range keep {
			names[k] = p.name
		}
		found[s.Key] = names[0]
		out[s.Key] = names
	}
	return out
}

// startPart prepares t for the next sheet of its table, whose rows are
// numbered after offset in the book.
func (t *table) startPart(name string, offset int) {
	t.part++
	t.name, t.offset = name, offset
	t.r.book.addPart(t.s.Key, name, offset)
	if t.part == 0 {
		return
	}
	if t.part == 1 {
		t.firstCols = slices.Clone(t.colOf)
		t.firstUsable = t.usable
	}
	t.header, t.usable, t.partData = 0, false, false
	for i := range t.colOf {
		t.colOf[i] = -1
	}
}

// continuedHeader checks the header row n of a continuation sheet against
// the first sheet's: the same column of the schema in every place (other
// columns are free). The first difference is an error at its cell, and the
// sheet's rows are not read.
func (t *table) continuedHeader(n int, cells []string) bool {
	first := t.r.book.parts[t.s.Key][0].name
	cell := func(j int) string {
		if j < len(cells) {
			return cells[j]
		}
		return ""
	}
	// assign is the column a header names, as header() assigns it: the
	// first of the schema that matches.
	assign := func(h string) int {
		if strings.TrimSpace(h) == "" {
			return -1
		}
		for i, c := range t.s.Columns {
			if c.Matches(h) {
				return i
			}
		}
		return -1
	}
	bad := -1
	for i, j := range t.firstCols {
		if j >= 0 && assign(cell(j)) != i && (bad < 0 || j < bad) {
			bad = j
		}
	}
	for j, h := range cells {
		if bad >= 0 && j >= bad {
			break
		}
		if i := assign(h); i >= 0 && t.firstCols[i] != j {
			bad = j
		}
	}
	if bad < 0 {
		copy(t.colOf, t.firstCols)
		return t.firstUsable
	}
	exp, expZh := "no column of the sheet here", "此处不应有本表的列"
	for i, j := range t.firstCols {
		if j == bad {
			exp, expZh = t.s.Columns[i].Header(), t.s.Columns[i].Header()
		}
	}
	ref := cellRef(first, bad+1, t.firstHeaderRow)
	t.r.add(Problem{Level: Error, Code: "continuation_header", Sheet: t.name, Cell: cellRef(t.name, bad+1, n), Found: clip(cell(bad)), Expected: exp,
		Text: i18n.N("wb.continuation_header", ref, clip(cell(bad)), i18n.Name{Zh: expZh, En: exp})})
	return false
}

// isCopy reports whether the first data row of a continuation sheet repeats
// the first sheet's: a copy of the sheet, whose rows would be counted twice.
func (t *table) isCopy(cells []string) bool {
	trim := func(c []string) []string {
		for len(c) > 0 && strings.TrimSpace(c[len(c)-1]) == "" {
			c = c[:len(c)-1]
		}
		return c
	}
	return t.firstData != nil && slices.Equal(trim(cells), trim(t.firstData))
}

// partsNotice says which sheets a table was read from.
func (t *table) partsNotice(rows []int) {
	ps := t.r.book.parts[t.s.Key]
	if len(ps) < 2 {
		return
	}
	var en, zh []string
	for k, p := range ps {
		en = append(en, fmt.Sprintf("%s (%d rows)", clip(p.name), rows[k]))
		zh = append(zh, fmt.Sprintf("%s（%d 行）", clip(p.name), rows[k]))
	}
	t.r.add(Problem{Level: Notice, Code: "continued_sheet", Sheet: clip(ps[0].name), Found: strings.Join(en, ", "),
		Text: i18n.N("wb.continued_sheet", i18n.Name{Zh: t.s.Zh, En: t.s.Key}, len(ps), i18n.Name{Zh: strings.Join(zh, "、"), En: strings.Join(en, ", ")})})
}

// addPart records a sheet of the table of sheetKey.
func (b *Book) addPart(sheetKey, name string, offset int) {
	if b.parts == nil {
		b.parts = map[string][]sheetPart{}
	}
	b.parts[sheetKey] = append(b.parts[sheetKey], sheetPart{name, offset})
}

// locate is the sheet and its row of a book row number of the table of
// sheetKey ("" when the table was not read from a file).
func (b *Book) locate(sheetKey string, row int) (string, int) {
	ps := b.parts[sheetKey]
	for k := len(ps) - 1; k >= 0; k-- {
		if row > ps[k].offset {
			return ps[k].name, row - ps[k].offset
		}
	}
	return "", row
}

// TableSheets lists the sheets the table of sheetKey was read from, in
// order (its continuation sheets after the first); nil when it was not read.
func (b *Book) TableSheets(sheetKey string) []string {
	var out []string
	for _, p := range b.parts[sheetKey] {
		out = append(out, p.name)
	}
	return out
}
