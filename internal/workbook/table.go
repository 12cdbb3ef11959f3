package workbook

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"

	"github.com/huzhu-fund/huzhu/internal/workbook/xlsxstream"
	"github.com/shopspring/decimal"
)

// headerSearch is how many rows at the top of a sheet may hold its header
// (a title row or two above it is common in office files).
const headerSearch = 5

// table reads one table sheet (every sheet but Fund): its header, then its
// rows in batches.
type table struct {
	r      *reader
	s      Sheet
	name   string
	colOf  []int // schema column → 0-based Excel column, −1 if absent
	adds   []bool
	ids    []bool // the required identifier columns (empty on a total row)
	usable bool   // the header has every required column
	header int    // the header's row (0: not yet found)

	sums, since []decimal.Decimal // of the additive columns: all rows, and since the last total row
	data        []row
	slab        []value

	// The part of sums and since kept in hundredths (value.Cents), added
	// to them when a total row needs them (fold).
	sumCents, sinceCents []int64

	// A table continued on numbered sheets (continue.go): the sheet being
	// read (0 the first), the rows of the sheets before it, the first
	// sheet's columns, header row and first data row, and whether the
	// current sheet has had a data row.
	part, offset   int
	firstCols      []int
	firstUsable    bool
	firstHeaderRow int
	firstData      []string
	partData       bool
	hintScale      float64 // all sheets' bytes over the first's, for the rows hint
	refused        bool    // too many rows: the rest of the table is not read
}

// The rows of a batch share one slab of values, reused batch after batch:
// build keeps none of them.
const batch = 4096

// readTable reads the table of s from its sheets: the first, then its
// continuation sheets in order, as one table.
func (r *reader) readTable(s Sheet, names []string) error {
	r.rowsHint = 0
	t := newTable(r, s, names[0])
	t.hintScale = r.partBytes(names...) / r.partBytes(names[0])
	counts := make([]int, len(names))
	for k, name := range names {
		if t.refused {
			break // the sheets not read are checked by VerifyRest
		}
		rows, err := xlsxstream.OpenRows(r.arc, r.x.Parts[name], r.x.Strings)
		if err != nil {
			return fmt.Errorf("sheet %s: %w", clip(name), err)
		}
		t.startPart(name, t.offset+counts[max(k-1, 0)])
		if err := t.run(rows); err != nil {
			rows.Abort()
			return fmt.Errorf("sheet %s: %w", clip(name), err)
		}
		// Close reads the part to its end: its checksum decides whether
		// what was read can be used.
		if err := rows.Close(); err != nil {
			return fmt.Errorf("sheet %s: %w", clip(name), err)
		}
		counts[k] = rows.Row()
		t.flush()
	}
	if !t.refused {
		t.partsNotice(counts)
	}
	return nil
}

// partBytes is the unzipped size of the worksheets of sheets names (1 when
// unknown).
func (r *reader) partBytes(names ...string) float64 {
	var n float64
	for _, name := range names {
		if zf := r.arc.Find(r.x.Parts[name]); zf != nil {
			n += float64(min(zf.UncompressedSize64, 1<<62))
		}
	}
	return max(n, 1)
}

func newTable(r *reader, s Sheet, name string) *table {
	nc := len(s.Columns)
	t := &table{r: r, s: s, name: name, colOf: make([]int, nc), adds: make([]bool, nc), ids: make([]bool, nc),
		sums: make([]decimal.Decimal, nc), since: make([]decimal.Decimal, nc), part: -1, hintScale: 1,
		sumCents: make([]int64, nc), sinceCents: make([]int64, nc)}
	for i, c := range s.Columns {
		t.colOf[i] = -1
		t.adds[i] = additive[s.Key][c.Key]
		t.ids[i] = c.Required && (c.Type == Text || c.Type == KindEnum || c.Type == BenefitEnum)
	}
	return t
}

// topRow is one of the first rows, kept until the header is found.
type topRow struct {
	n     int
	cells []string
	nov   []int
}

// run reads the sheet's rows: the first few are kept until the header is
// found among them, the rest are read as they come.
func (t *table) run(rows *xlsxstream.Rows) error {
	n := 0
	var top []topRow
	for rows.Next() {
		n++
		if t.offset+n > t.r.lim.MaxRows {
			t.r.add(Problem{Level: Error, Code: "too_many_rows", Sheet: t.name, Found: strconv.Itoa(t.offset + n), Expected: fmt.Sprintf("at most %d rows", t.r.lim.MaxRows),
				Text: i18n.N("wb.too_many_rows", t.r.lim.MaxRows)})
			t.usable, t.refused = false, true
			t.data = t.data[:0]
			return rows.Error()
		}
		if t.header == 0 {
			top = append(top, topRow{n, append([]string(nil), rows.Columns()...), append([]int(nil), rows.NoValue()...)})
			if len(top) < headerSearch {
				continue
			}
			t.findHeader(top)
			for _, tr := range top[t.header:] {
				t.dataRow(rows, tr.n, tr.cells, noValueSet(tr.nov))
			}
			top = nil
			continue
		}
		if t.usable {
			t.dataRow(rows, n, rows.Columns(), noValueSet(rows.NoValue()))
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	if n == 0 {
		if !t.s.Optional && t.part == 0 {
			t.r.add(Problem{Level: Error, Code: "empty_sheet", Sheet: t.name, Text: i18n.N("wb.empty_sheet")})
		}
		return nil
	}
	if t.header == 0 {
		t.findHeader(top)
		for _, tr := range top[t.header:] {
			t.dataRow(rows, tr.n, tr.cells, noValueSet(tr.nov))
		}
	}
	return nil
}

// findHeader picks the header among the first rows: the first that has
// every required column, else the one naming the most columns (row 1 on a
// tie). A header below row 1 is said, with the rows above it ignored.
func (t *table) findHeader(top []topRow) {
	best, bestScore := 0, 0
	for i, tr := range top {
		score, complete := t.score(tr.cells)
		if complete {
			best = i
			break
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	h := top[best]
	t.header = h.n
	if t.part > 0 {
		if h.n > 1 {
			t.r.add(Problem{Level: Notice, Code: "header_row", Sheet: t.name, Cell: fmt.Sprintf("%s!%d:%d", t.name, h.n, h.n),
				Text: i18n.N("wb.header_row", h.n, h.n-1)})
		}
		t.usable = t.continuedHeader(h.n, h.cells)
		return
	}
	t.firstHeaderRow = h.n
	if h.n > 1 {
		t.r.add(Problem{Level: Notice, Code: "header_row", Sheet: t.name, Cell: fmt.Sprintf("%s!%d:%d", t.name, h.n, h.n),
			Text: i18n.N("wb.header_row", h.n, h.n-1)})
	}
	t.usable = t.r.header(t.s, t.name, h.n, h.cells, t.colOf)
}

// score is how many of the sheet's columns a row names, and whether it names
// every required one.
func (t *table) score(cells []string) (int, bool) {
	seen := make([]bool, len(t.s.Columns))
	n := 0
	for _, h := range cells {
		if strings.TrimSpace(h) == "" || len(h) > 200 {
			continue
		}
		for i, c := range t.s.Columns {
			if !seen[i] && c.Matches(h) {
				seen[i] = true
				n++
				break
			}
		}
	}
	for i, c := range t.s.Columns {
		if c.Required && !seen[i] {
			return n, false
		}
	}
	return n, n > 0
}

// dataRow reads one row below the header.
func (t *table) dataRow(rows *xlsxstream.Rows, n int, cells []string, nov map[int]bool) {
	if !t.usable {
		return
	}
	empty, label := true, -1
	for j, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
			if label < 0 && IsTotalLabel(c) {
				label = j
			}
		}
		if nov[j] {
			empty = false
		}
	}
	if empty {
		return
	}
	if t.part == 0 && t.firstData == nil {
		t.firstData = slices.Clone(cells)
	} else if t.part > 0 && !t.partData {
		t.partData = true
		if t.isCopy(cells) {
			first := t.r.book.parts[t.s.Key][0].name
			t.r.add(Problem{Level: Error, Code: "continuation_copy", Sheet: t.name, Cell: fmt.Sprintf("%s!%d:%d", t.name, n, n),
				Text: i18n.N("wb.continuation_copy", clip(first))})
			t.usable = false
			return
		}
	}
	if label >= 0 && t.isTotal(cells, label) {
		t.fold()
		t.r.checkTotal(t.s, t.name, n, cells, nov, t.colOf, t.sums, t.since)
		for i := range t.since {
			t.since[i] = decimal.Zero
		}
		return
	}
	nc := len(t.s.Columns)
	if t.slab == nil {
		t.slab = make([]value, batch*nc)
	}
	k := len(t.data) * nc
	rw := row{n: n, vals: t.slab[k : k+nc : k+nc]}
	clear(rw.vals)
	broken := t.parseRow(&rw, cells, nov)
	t.addUp(rw)
	if len(broken) > 0 {
		if t.s.Key != SheetPlans || !rw.vals[0].Set {
			return
		}
		// A plan row with errors is kept, its broken fields unset, so that
		// the other sheets' rows of the plan are checked on everything
		// that does not depend on them.
		t.r.book.markBroken(rw.vals[0].Text, n, broken)
	}
	t.data = append(t.data, rw)
	// Build in batches: the parsed cells of a million rows would otherwise
	// be held at once (about 1.5 KB a row).
	if len(t.data) == batch {
		t.r.rowsHint = int(float64(rows.RowsHint()) * t.hintScale)
		t.flush()
	}
}

// isTotal reports whether a row with a total label in column label is a
// total row: its identifying cells (ids, plan, benefit) other than the
// label's are empty. A claim of a group called 合计 is a claim.
func (t *table) isTotal(cells []string, label int) bool {
	for i, id := range t.ids {
		j := t.colOf[i]
		if !id || j < 0 || j == label || j >= len(cells) {
			continue
		}
		if strings.TrimSpace(cells[j]) != "" {
			return false
		}
	}
	return true
}

// parseRow parses the row's cells into rw and reports every problem; it
// returns the keys of the columns in error.
func (t *table) parseRow(rw *row, cells []string, nov map[int]bool) (broken []string) {
	name, n := t.name, rw.n
	for i, c := range t.s.Columns {
		j := t.colOf[i]
		raw := ""
		if j >= 0 && j < len(cells) {
			raw = cells[j]
		}
		if j >= 0 && strings.TrimSpace(raw) == "" && nov[j] {
			t.r.add(formulaWithoutValue(name, cellRef(name, j+1, n)))
			broken = append(broken, c.Key)
			continue
		}
		v, ok := parseCell(c, raw, t.r.date1904)
		if !ok {
			t.r.add(badValue(name, cellRef(name, j+1, n), c, raw))
			broken = append(broken, c.Key)
			continue
		}
		if !v.Set && c.Required {
			col := j + 1
			if j < 0 {
				col = 1
			}
			exp := expectation(c)
			t.r.add(Problem{Level: Error, Code: "required", Sheet: name, Cell: cellRef(name, col, n), Expected: exp.In(i18n.En),
				Text: i18n.N("wb.required", c.Name(), exp)})
			broken = append(broken, c.Key)
			continue
		}
		rw.vals[i] = v
	}
	return broken
}

func formulaWithoutValue(sheet, cell string) Problem {
	return Problem{Level: Error, Code: "formula_without_value", Sheet: sheet, Cell: cell, Expected: "a formula with a calculated value",
		Text: i18n.N("wb.formula_without_value")}
}

// badValue reports a cell that is not of its column's type or range, with
// what explains the usual mistakes: a percent number, a decimal comma, an
// amount beyond what is plausible.
func badValue(sheet, cell string, c Column, raw string) Problem {
	exp := expectation(c)
	var hints i18n.Seq
	for _, h := range []*i18n.Note{percentNote(c, raw), commaNote(raw), rangeNote(c, raw)} {
		if h != nil {
			hints = append(hints, *h)
		}
	}
	return Problem{Level: Error, Code: "bad_value", Sheet: sheet, Cell: cell, Found: clip(raw), Expected: exp.In(i18n.En),
		Text: i18n.N("wb.bad_value", c.Name(), clip(raw), hints, exp)}
}

// rangeNote says that a number is beyond the column's plausible bound (nil
// when it is not).
func rangeNote(c Column, raw string) *i18n.Note {
	if c.Max == nil || (c.Type != Int && c.Type != Money) {
		return nil
	}
	x, ok := parseNumber(strings.TrimSpace(raw))
	if !ok || x <= *c.Max {
		return nil
	}
	n := i18n.N("wb.bad_value.range", fmtNum(*c.Max))
	return &n
}

// addUp adds the row's additive cells to the running sums for total rows.
func (t *table) addUp(rw row) {
	for i, c := range t.s.Columns {
		if !t.adds[i] {
			continue
		}
		v := rw.vals[i]
		if t.s.Key == SheetEnrolment && c.Key == "shares" && !v.Set {
			if k, ok := t.index("members"); ok {
				v = rw.vals[k] // shares default to members
			}
		}
		if !v.Set {
			continue
		}
		if v.HasCents && math.Abs(float64(t.sumCents[i])) < 1<<62 {
			t.sumCents[i] += v.Cents
			t.sinceCents[i] += v.Cents
			continue
		}
		d := v.Dec
		if c.Type != Money && c.Type != Int {
			d = decimal.NewFromFloat(v.Num)
		}
		t.sums[i] = t.sums[i].Add(d)
		t.since[i] = t.since[i].Add(d)
	}
}

// fold adds the sums kept in hundredths to the decimal ones.
func (t *table) fold() {
	for i := range t.sums {
		if t.sumCents[i] != 0 {
			t.sums[i] = t.sums[i].Add(decimal.New(t.sumCents[i], -2))
			t.sumCents[i] = 0
		}
		if t.sinceCents[i] != 0 {
			t.since[i] = t.since[i].Add(decimal.New(t.sinceCents[i], -2))
			t.sinceCents[i] = 0
		}
	}
}

func (t *table) index(key string) (int, bool) {
	for i, c := range t.s.Columns {
		if c.Key == key {
			return i, true
		}
	}
	return 0, false
}

// flush builds the rows read so far.
func (t *table) flush() {
	for i := range t.data {
		t.data[i].n += t.offset // the row's number in the book
	}
	if len(t.data) > 0 {
		t.r.build(t.s, t.name, t.data)
	}
	t.data = t.data[:0]
}

// markBroken records a Plans row kept with fields in error.
func (b *Book) markBroken(plan string, row int, cols []string) {
	if b.brokenPlans == nil {
		b.brokenPlans = map[string]brokenPlan{}
	}
	if _, ok := b.brokenPlans[plan]; ok {
		return
	}
	b.brokenPlans[plan] = brokenPlan{row: row, cols: cols}
}

// brokenPlan is a Plans row with errors: its row and the columns in error.
type brokenPlan struct {
	row  int
	cols []string
}

// percentNote explains a plain number rejected in a ratio column as the
// percentage Excel shows for it: a percentage cell showing 150% holds 1.5,
// and "found 1.5" alone would puzzle the person who typed 150%.
func percentNote(c Column, raw string) *i18n.Note {
	if c.Type != Ratio && c.Type != Rate {
		return nil
	}
	s := strings.TrimSpace(raw)
	if strings.ContainsAny(s, "%％") {
		return nil
	}
	x, ok := parseNumber(s)
	if !ok {
		return nil
	}
	p := strconv.FormatFloat(x*100, 'f', -1, 64)
	if len(p) > 12 {
		p = strconv.FormatFloat(x*100, 'g', 6, 64)
	}
	n := i18n.N("wb.bad_value.percent", p)
	return &n
}

// noValueSet is the set of columns with a formula but no cached value (nil
// for none, the usual case).
func noValueSet(cols []int) map[int]bool {
	if len(cols) == 0 {
		return nil
	}
	m := make(map[int]bool, len(cols))
	for _, c := range cols {
		m[c] = true
	}
	return m
}

// header maps the header row (row n) onto the schema; false when a required
// column is missing. A header that is not the schema's but looks like one of
// its columns is a warning naming it, or an error when that column is absent
// (its default would silently replace the user's figures).
func (r *reader) header(s Sheet, name string, n int, cells []string, colOf []int) bool {
	ok := true
	var unknown []int
	for j, h := range cells {
		if strings.TrimSpace(h) == "" {
			continue
		}
		matched := false
		for i, c := range s.Columns {
			if !c.Matches(h) {
				continue
			}
			matched = true
			if colOf[i] >= 0 {
				r.add(Problem{Level: Error, Code: "duplicate_column", Sheet: name, Cell: cellRef(name, j+1, n), Found: clip(h),
					Text: i18n.N("wb.duplicate_column", c.Name(), cellRef(name, colOf[i]+1, n))})
				ok = false
				continue
			}
			colOf[i] = j
			if r.book.Columns == nil {
				r.book.Columns = map[string]map[string]int{}
			}
			if r.book.Columns[s.Key] == nil {
				r.book.Columns[s.Key] = map[string]int{}
			}
			r.book.Columns[s.Key][c.Key] = j + 1
			break
		}
		if !matched {
			unknown = append(unknown, j)
		}
	}
	for _, j := range unknown {
		r.unknownColumn(s, name, cellRef(name, j+1, n), cells[j], colOf)
	}
	for i, c := range s.Columns {
		if colOf[i] < 0 && c.Required {
			r.add(Problem{Level: Error, Code: "missing_column", Sheet: name, Cell: fmt.Sprintf("%s!%d:%d", name, n, n), Expected: c.Header(),
				Text: i18n.N("wb.missing_column", c.Key, c.Zh)})
			ok = false
		}
	}
	return ok
}

// unknownColumn reports a header that names no column.
func (r *reader) unknownColumn(s Sheet, name, cell, h string, colOf []int) {
	var absent, present []Column
	for _, c := range suggestColumns(s, h) {
		i, _ := s.index(c.Key)
		if colOf[i] < 0 {
			absent = append(absent, c)
		} else {
			present = append(present, c)
		}
	}
	switch {
	case len(absent) > 0:
		r.add(Problem{Level: Error, Code: "unrecognised_column", Sheet: name, Cell: cell, Found: clip(h), Expected: didYouMeanColumns(absent),
			Text: i18n.N("wb.unrecognised_column", clip(h), didYouMeanColumns(absent))})
	case len(present) > 0:
		r.add(Problem{Level: Warning, Code: "unknown_column", Sheet: name, Cell: cell, Found: clip(h), Expected: didYouMeanColumns(present),
			Text: i18n.N("wb.unknown_column.like", clip(h), s.Name(), didYouMeanColumns(present))})
	default:
		r.add(Problem{Level: Notice, Code: "unknown_column", Sheet: name, Cell: cell, Found: clip(h),
			Text: i18n.N("wb.unknown_column", clip(h), s.Name())})
	}
}

func (s Sheet) index(key string) (int, bool) {
	for i, c := range s.Columns {
		if c.Key == key {
			return i, true
		}
	}
	return 0, false
}

// checkTotal compares a total row with the sum of the rows above it (all of
// them, or those since the previous total row, for subtotals).
func (r *reader) checkTotal(s Sheet, name string, n int, cells []string, nov map[int]bool, colOf []int, sums, since []decimal.Decimal) {
	for i, c := range s.Columns {
		j := colOf[i]
		if !additive[s.Key][c.Key] || j < 0 {
			continue
		}
		if nov[j] && (j >= len(cells) || strings.TrimSpace(cells[j]) == "") {
			r.add(Problem{Level: Warning, Code: "total_without_value", Sheet: name, Cell: cellRef(name, j+1, n), Expected: "a formula with a calculated value",
				Text: i18n.N("wb.total_without_value")})
			continue
		}
		if j >= len(cells) || strings.TrimSpace(cells[j]) == "" {
			continue
		}
		v, ok := parseCell(c, cells[j], r.date1904)
		if !ok {
			exp := expectation(c)
			r.add(Problem{Level: Warning, Code: "bad_total", Sheet: name, Cell: cellRef(name, j+1, n), Found: clip(cells[j]), Expected: exp.In(i18n.En),
				Text: i18n.N("wb.bad_total", c.Name(), clip(cells[j]), exp)})
			continue
		}
		tot := v.Dec
		if c.Type != Money {
			tot = decimal.NewFromFloat(v.Num)
		}
		if tot.Sub(sums[i]).Abs().LessThan(decimal.New(1, -2)) || tot.Sub(since[i]).Abs().LessThan(decimal.New(1, -2)) {
			continue
		}
		ref := sums[i]
		if tot.Sub(since[i]).Abs().LessThan(tot.Sub(sums[i]).Abs()) {
			ref = since[i]
		}
		diff := tot.Sub(ref)
		r.add(Problem{Level: Warning, Code: "total_mismatch", Sheet: name, Cell: cellRef(name, j+1, n), Found: tot.String(), Expected: ref.String(),
			Text: i18n.N("wb.total_mismatch", c.Name(), tot.String(), ref.String(), diff.String())})
	}
}
