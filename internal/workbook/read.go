package workbook

import (
	"archive/zip"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/huzhu-fund/huzhu/plans/book"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
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
	x, err := readXLSXBook(zr)
	if err != nil {
		return nil, nil, fileErr(path, err, "cannot read the workbook (damaged?)")
	}
	r := &reader{zr: zr, x: x, lim: lim, date1904: x.date1904, book: &Book{Book: book.Book{Path: path, Fund: DefaultFund()}, SheetNames: map[string]string{}}}
	if err := r.read(); err != nil {
		return nil, nil, fileErr(path, err, "cannot read the workbook")
	}
	check(r.book, &r.probs)
	r.probs.Sort()
	return r.book, r.probs, nil
}

type reader struct {
	zr       *zip.Reader
	x        *xlsxBook
	lim      Limits
	date1904 bool
	book     *Book
	probs    Problems
	rowsHint int // the current sheet's estimated rows (0: unknown)
}

func (r *reader) add(p Problem) { r.probs = append(r.probs, p) }

// InstructionsSheet is the name of the template's instructions sheet, ignored when reading.
const InstructionsSheet = "说明"

func (r *reader) read() error {
	names := r.x.sheets
	found := map[string]string{}
	for _, n := range names {
		matched := false
		for _, s := range Sheets {
			if s.Matches(n) {
				matched = true
				if prev, ok := found[s.Key]; ok {
					r.add(Problem{Level: Error, Code: "duplicate_sheet", Sheet: n, Found: n,
						Expected: "one sheet " + s.Zh + " / " + s.Key,
						Msg:      fmt.Sprintf("sheets %q and %q both name the %s sheet; keep one", prev, n, s.Key),
						MsgZh:    fmt.Sprintf("工作表“%s”和“%s”都是%s表，请只保留一个", prev, n, s.Zh)})
					continue
				}
				found[s.Key] = n
			}
		}
		if !matched && strings.TrimSpace(n) != InstructionsSheet {
			r.add(Problem{Level: Notice, Code: "unknown_sheet", Sheet: n, Found: n,
				Msg: fmt.Sprintf("sheet %q is not part of the workbook format and is ignored", n), MsgZh: fmt.Sprintf("工作表“%s”不属于工作簿格式，已忽略", n)})
		}
	}
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
		var err error
		if s.KeyValue {
			err = r.readFund(s, name)
		} else {
			err = r.readTable(s, name)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return nil
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

func (r *reader) readTable(s Sheet, name string) error {
	rows, err := openSheetRows(r.zr, r.x.parts[name], r.x.sst)
	if err != nil {
		return err
	}
	defer rows.Close()
	r.rowsHint = 0
	colOf := make([]int, len(s.Columns)) // schema column → 0-based Excel column, −1 if absent
	for i := range colOf {
		colOf[i] = -1
	}
	var sums, sumsSince []decimal.Decimal
	sums = make([]decimal.Decimal, len(s.Columns))
	sumsSince = make([]decimal.Decimal, len(s.Columns))
	n := 0
	usable := true
	var data []row
	// The rows of a batch share one slab of values, reused batch after
	// batch: build keeps none of them.
	const batch = 4096
	nc := len(s.Columns)
	var slab []value
	adds := make([]bool, nc) // the columns a total row adds up
	for i, c := range s.Columns {
		adds[i] = additive[s.Key][c.Key]
	}
	for rows.Next() {
		n++
		if n > r.lim.MaxRows {
			r.add(Problem{Level: Error, Code: "too_many_rows", Sheet: name, Found: strconv.Itoa(n), Expected: fmt.Sprintf("at most %d rows", r.lim.MaxRows),
				Msg: fmt.Sprintf("more than %d rows: refused", r.lim.MaxRows), MsgZh: fmt.Sprintf("超过 %d 行，拒绝读取", r.lim.MaxRows)})
			usable = false
			break
		}
		cells := rows.Columns()
		nov := noValueSet(rows.NoValue())
		if n == 1 {
			usable = r.header(s, name, cells, colOf)
			continue
		}
		if !usable {
			continue
		}
		empty := true
		total := false
		for j, c := range cells {
			if strings.TrimSpace(c) != "" {
				empty = false
				if IsTotalLabel(c) {
					total = true
				}
			}
			if nov[j] {
				empty = false
			}
		}
		if empty {
			continue
		}
		if total {
			r.checkTotal(s, name, n, cells, colOf, sums, sumsSince)
			for i := range sumsSince {
				sumsSince[i] = decimal.Zero
			}
			continue
		}
		if slab == nil {
			slab = make([]value, batch*nc)
		}
		k := len(data) * nc
		rw := row{n: n, vals: slab[k : k+nc : k+nc]}
		clear(rw.vals)
		bad := false
		for i, c := range s.Columns {
			j := colOf[i]
			raw := ""
			if j >= 0 && j < len(cells) {
				raw = cells[j]
			}
			if j >= 0 && strings.TrimSpace(raw) == "" && nov[j] {
				r.add(Problem{Level: Error, Code: "formula_without_value", Sheet: name, Cell: cellRef(name, j+1, n), Expected: "a formula with a calculated value",
					Msg:   "the formula has no calculated value; open the workbook in Excel or WPS, let it calculate and save it",
					MsgZh: "公式没有计算结果；请在 Excel 或 WPS 中打开、重新计算并保存"})
				bad = true
				continue
			}
			v, ok := parseCell(c, raw, r.date1904)
			if !ok {
				en, zh := expected(c)
				pe, pz := percentNote(c, raw)
				r.add(Problem{Level: Error, Code: "bad_value", Sheet: name, Cell: cellRef(name, j+1, n), Found: raw, Expected: en,
					Msg:   fmt.Sprintf("%s: found %q%s, expected %s", c.Key, raw, pe, en),
					MsgZh: fmt.Sprintf("%s：找到“%s”%s，应为%s", c.Zh, raw, pz, zh)})
				bad = true
				continue
			}
			if !v.Set && c.Required {
				col := j + 1
				if j < 0 {
					col = 1
				}
				en, zh := expected(c)
				r.add(Problem{Level: Error, Code: "required", Sheet: name, Cell: cellRef(name, col, n), Expected: en,
					Msg:   fmt.Sprintf("%s is required (%s)", c.Key, en),
					MsgZh: fmt.Sprintf("%s不能为空（应为%s）", c.Zh, zh)})
				bad = true
				continue
			}
			rw.vals[i] = v
		}
		for i, c := range s.Columns {
			v := rw.vals[i]
			if s.Key == SheetEnrolment && c.Key == "shares" && !v.Set {
				v = rw.vals[0] // shares default to members
				for k, cc := range s.Columns {
					if cc.Key == "members" {
						v = rw.vals[k]
					}
				}
			}
			if v.Set && adds[i] {
				d := v.Dec
				if c.Type != Money {
					d = decimal.NewFromFloat(v.Num)
				}
				sums[i] = sums[i].Add(d)
				sumsSince[i] = sumsSince[i].Add(d)
			}
		}
		if bad && s.Key == SheetPlans && rw.vals[0].Set {
			if r.book.rejectedPlans == nil {
				r.book.rejectedPlans = map[string]int{}
			}
			if _, ok := r.book.rejectedPlans[rw.vals[0].Text]; !ok {
				r.book.rejectedPlans[rw.vals[0].Text] = n
			}
		}
		if !bad {
			data = append(data, rw)
			// Build in batches: the parsed cells of a million rows would
			// otherwise be held at once (about 1.5 KB a row).
			if len(data) == batch {
				r.rowsHint = rows.RowsHint()
				r.build(s, name, data)
				data = data[:0]
			}
		}
	}
	if err := rows.Error(); err != nil {
		return err
	}
	if n == 0 {
		if !s.Optional {
			r.add(Problem{Level: Error, Code: "empty_sheet", Sheet: name, Msg: "the sheet is empty: it needs a header row and data rows", MsgZh: "工作表为空：需要表头行和数据行"})
		}
		return nil
	}
	r.build(s, name, data)
	return nil
}

// percentNote explains a plain number rejected in a ratio column as the
// percentage Excel shows for it: a percentage cell showing 150% holds 1.5,
// and "found 1.5" alone would puzzle the person who typed 150%.
func percentNote(c Column, raw string) (en, zh string) {
	if c.Type != Ratio && c.Type != Rate {
		return "", ""
	}
	s := strings.TrimSpace(raw)
	if strings.ContainsAny(s, "%％") {
		return "", ""
	}
	x, ok := parseNumber(s)
	if !ok {
		return "", ""
	}
	p := strconv.FormatFloat(x*100, 'f', -1, 64)
	if len(p) > 12 {
		p = strconv.FormatFloat(x*100, 'g', 6, 64)
	}
	return " (= " + p + "%)", "（即 " + p + "%）"
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

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// header maps the header row onto the schema; false when a required column is missing.
func (r *reader) header(s Sheet, name string, cells []string, colOf []int) bool {
	ok := true
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
				r.add(Problem{Level: Error, Code: "duplicate_column", Sheet: name, Cell: cellRef(name, j+1, 1), Found: h,
					Msg:   fmt.Sprintf("column %s appears twice (also %s)", c.Key, cellRef(name, colOf[i]+1, 1)),
					MsgZh: fmt.Sprintf("“%s”列重复（另见 %s）", c.Zh, cellRef(name, colOf[i]+1, 1))})
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
			r.add(Problem{Level: Notice, Code: "unknown_column", Sheet: name, Cell: cellRef(name, j+1, 1), Found: h,
				Msg: fmt.Sprintf("column %q is not part of the %s sheet and is ignored", h, s.Key), MsgZh: fmt.Sprintf("“%s”列不属于%s表，已忽略", h, s.Zh)})
		}
	}
	for i, c := range s.Columns {
		if colOf[i] < 0 && c.Required {
			r.add(Problem{Level: Error, Code: "missing_column", Sheet: name, Cell: name + "!1:1", Expected: c.Header(),
				Msg:   fmt.Sprintf("the header row has no %s column (%s); the sheet's rows cannot be read", c.Key, c.Zh),
				MsgZh: fmt.Sprintf("表头缺少“%s”（%s）列，本表数据无法读取", c.Zh, c.Key)})
			ok = false
		}
	}
	return ok
}

// checkTotal compares a total row with the sum of the rows above it (all of
// them, or those since the previous total row, for subtotals).
func (r *reader) checkTotal(s Sheet, name string, n int, cells []string, colOf []int, sums, since []decimal.Decimal) {
	for i, c := range s.Columns {
		j := colOf[i]
		if !additive[s.Key][c.Key] || j < 0 || j >= len(cells) || strings.TrimSpace(cells[j]) == "" {
			continue
		}
		v, ok := parseCell(c, cells[j], r.date1904)
		if !ok {
			en, zh := expected(c)
			r.add(Problem{Level: Warning, Code: "bad_total", Sheet: name, Cell: cellRef(name, j+1, n), Found: cells[j], Expected: en,
				Msg:   fmt.Sprintf("total row: %s: found %q, expected %s; the total is ignored", c.Key, cells[j], en),
				MsgZh: fmt.Sprintf("合计行：%s：找到“%s”，应为%s；合计已忽略", c.Zh, cells[j], zh)})
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
			Msg: fmt.Sprintf("total of %s is %s but the rows above add up to %s (difference %s); the rows are used, the total is not",
				c.Key, tot.String(), ref.String(), diff.String()),
			MsgZh: fmt.Sprintf("%s合计为 %s，但上方各行之和为 %s（相差 %s）；使用各行数据，不使用合计",
				c.Zh, tot.String(), ref.String(), diff.String())})
	}
}

func (r *reader) build(s Sheet, name string, data []row) {
	idx := func(key string) int {
		for i, c := range s.Columns {
			if c.Key == key {
				return i
			}
		}
		panic("workbook: no column " + key + " in " + s.Key)
	}
	text := func(rw row, key string) string { return rw.get(idx(key)).Text }
	num := func(rw row, key string) float64 { return rw.get(idx(key)).Num }
	set := func(rw row, key string) bool { return rw.get(idx(key)).Set }
	null := func(rw row, key string) decimal.NullDecimal {
		v := rw.get(idx(key))
		if !v.Set {
			return decimal.NullDecimal{}
		}
		if s.Columns[idx(key)].Type == Money {
			return decimal.NewNullDecimal(v.Dec)
		}
		return decimal.NewNullDecimal(decimal.NewFromFloat(v.Num))
	}
	intOr := func(rw row, key string, def int) int {
		if !set(rw, key) {
			return def
		}
		return int(num(rw, key))
	}
	switch s.Key {
	case SheetPlans:
		for _, rw := range data {
			t := plans.Terms{
				Plan: text(rw, "plan"), Name: text(rw, "name"), Kind: plans.Kind(text(rw, "kind")),
				Contribution: rw.get(idx("contribution")).Dec,
				PeriodYears:  intOr(rw, "period_years", 1), MaxShares: intOr(rw, "max_shares", 1), WaitingDays: intOr(rw, "waiting_days", 0),
				Deductible: null(rw, "deductible"),
				Ratios:     [3]decimal.NullDecimal{null(rw, "ratio_1"), null(rw, "ratio_2"), null(rw, "ratio_3")},
				ClaimCap:   null(rw, "claim_cap"), AnnualCap: null(rw, "annual_cap"),
				DailyAmount: null(rw, "daily_amount"), FromDay: intOr(rw, "from_day", 0), MaxDays: intOr(rw, "max_days", 0),
				LumpSum: null(rw, "lump_sum"), DisabilitySum: null(rw, "disability_sum"),
				FireRatio: null(rw, "fire_ratio"), FireCap: null(rw, "fire_cap"),
				ReportingLagMonths: intOr(rw, "reporting_lag_months", 0),
			}
			r.book.Plans = append(r.book.Plans, PlanRow{Row: rw.n, Terms: t})
		}
	case SheetSchedules:
		for _, rw := range data {
			b := plans.Benefit(text(rw, "benefit"))
			r.book.Schedules = append(r.book.Schedules, ScheduleRow{Row: rw.n, Plan: text(rw, "plan"), Benefit: b,
				Category: normCategory(text(rw, "category")), Percent: decimal.NewFromFloat(num(rw, "percent"))})
		}
	case SheetEnrolment:
		for _, rw := range data {
			e := EnrolmentRow{Row: rw.n, Year: int(num(rw, "year")), Plan: text(rw, "plan"), Group: text(rw, "group"),
				Members: int64(num(rw, "members")), NewMembers: int64(num(rw, "new_members")), Contributions: null(rw, "contributions")}
			e.Shares = e.Members
			if set(rw, "shares") {
				e.Shares = int64(num(rw, "shares"))
			}
			r.book.Enrolment = append(r.book.Enrolment, e)
		}
	case SheetClaims:
		// Size the slice once for the whole sheet: grown a quarter at a
		// time, a million claims would be copied five times over.
		if cap(r.book.Claims) == 0 && r.rowsHint > len(data) {
			r.book.Claims = make([]Claim, 0, min(r.rowsHint, r.lim.MaxRows))
		}
		r.book.Claims = slices.Grow(r.book.Claims, len(data))
		for _, rw := range data {
			c := Claim{Row: rw.n, ClaimID: text(rw, "claim_id"), Year: int(num(rw, "year")), Plan: text(rw, "plan"),
				MemberID: text(rw, "member_id"), Group: text(rw, "group"), Benefit: plans.Benefit(text(rw, "benefit")),
				EventDate: rw.get(idx("event_date")).Date, ReportDate: rw.get(idx("report_date")).Date,
				Days: intOr(rw, "days", -1), Cost: math.NaN(), Category: normCategory(text(rw, "category")),
				Shares: intOr(rw, "shares", 1), Paid: num(rw, "paid")}
			if set(rw, "cost") {
				c.Cost = num(rw, "cost")
			}
			r.book.Claims = append(r.book.Claims, c)
		}
	case SheetReference:
		r.buildReference(s, data) // reference.go
	case SheetSummary:
		for _, rw := range data {
			sr := SummaryRow{Row: rw.n, Year: int(num(rw, "year")), Plan: text(rw, "plan"), Group: text(rw, "group"),
				Enrolments: int64(num(rw, "enrolments")), Claims: -1, Paid: null(rw, "paid")}
			if set(rw, "claims") {
				sr.Claims = int64(num(rw, "claims"))
			}
			r.book.Summary = append(r.book.Summary, sr)
		}
	}
}

// normCategory writes a disability grade as read from a number cell ("3") the
// same way as typed text; other categories are kept as they are.
func normCategory(s string) string {
	if x, err := strconv.ParseFloat(s, 64); err == nil && x == math.Trunc(x) && x >= 0 && x < 1000 {
		return strconv.Itoa(int(x))
	}
	return s
}

// readFund reads the key-value Fund sheet: a key column (项目 / key, the key as
// 中文, key or `中文 (key)`) and a value column (数值 / value); other columns
// (a note) are ignored. Without a header row the first two columns are used.
func (r *reader) readFund(s Sheet, name string) error {
	rows, err := openSheetRows(r.zr, r.x.parts[name], r.x.sst)
	if err != nil {
		return err
	}
	defer rows.Close()
	keyCol, valCol := 0, 1
	seen := map[string]int{} // Fund key → its row
	bad := map[string]bool{} // Fund keys whose value was reported
	n := 0
	for rows.Next() {
		n++
		if n > 1000 {
			break
		}
		cells := rows.Columns()
		nov := noValueSet(rows.NoValue())
		get := func(j int) string {
			if j < len(cells) {
				return cells[j]
			}
			return ""
		}
		if n == 1 {
			kh, vh := -1, -1
			for j, h := range cells {
				if FundKeyHeader.Matches(h) {
					kh = j
				}
				if FundValueHeader.Matches(h) {
					vh = j
				}
			}
			if kh >= 0 && vh >= 0 {
				keyCol, valCol = kh, vh
				continue
			}
		}
		k := strings.TrimSpace(get(keyCol))
		if k == "" {
			continue
		}
		var col Column
		found := false
		for _, c := range s.Columns {
			if c.Matches(k) {
				col, found = c, true
				break
			}
		}
		if !found {
			r.add(Problem{Level: Warning, Code: "unknown_fund_key", Sheet: name, Cell: cellRef(name, keyCol+1, n), Found: k,
				Msg: fmt.Sprintf("%q is not a Fund parameter and is ignored", k), MsgZh: fmt.Sprintf("“%s”不是基金参数，已忽略", k)})
			continue
		}
		if prev, ok := seen[col.Key]; ok {
			r.add(Problem{Level: Error, Code: "duplicate_fund_key", Sheet: name, Cell: cellRef(name, keyCol+1, n), Found: k,
				Msg: fmt.Sprintf("%s is given twice (also row %d)", col.Key, prev), MsgZh: fmt.Sprintf("%s重复填写（另见第 %d 行）", col.Zh, prev)})
			continue
		}
		seen[col.Key] = n
		if r.book.fundCells == nil {
			r.book.fundCells = map[string]string{}
		}
		r.book.fundCells[col.Key] = cellRef(name, valCol+1, n)
		raw := get(valCol)
		if strings.TrimSpace(raw) == "" && nov[valCol] {
			r.add(Problem{Level: Error, Code: "formula_without_value", Sheet: name, Cell: cellRef(name, valCol+1, n), Expected: "a formula with a calculated value",
				Msg: "the formula has no calculated value; open the workbook in Excel or WPS, let it calculate and save it", MsgZh: "公式没有计算结果；请在 Excel 或 WPS 中打开、重新计算并保存"})
			bad[col.Key] = true
			continue
		}
		v, ok := parseCell(col, raw, r.date1904)
		if !ok {
			en, zh := expected(col)
			pe, pz := percentNote(col, raw)
			r.add(Problem{Level: Error, Code: "bad_value", Sheet: name, Cell: cellRef(name, valCol+1, n), Found: raw, Expected: en,
				Msg: fmt.Sprintf("%s: found %q%s, expected %s", col.Key, raw, pe, en), MsgZh: fmt.Sprintf("%s：找到“%s”%s，应为%s", col.Zh, raw, pz, zh)})
			bad[col.Key] = true
			continue
		}
		if !v.Set {
			continue
		}
		r.setFund(col.Key, v)
	}
	if err := rows.Error(); err != nil {
		return err
	}
	// opening_reserve is required: absent, or present with an empty value. A
	// value that is there but wrong was reported above.
	if _, ok := seen["opening_reserve"]; !ok || !r.book.Fund.Given["opening_reserve"] && !bad["opening_reserve"] {
		c, _ := s.Column("opening_reserve")
		cell := name
		if ok {
			cell = r.book.fundCells["opening_reserve"]
		}
		r.add(Problem{Level: Error, Code: "required", Sheet: name, Cell: cell, Expected: c.Header(),
			Msg:   "opening_reserve (期初风险储备金) is required: the risk reserve at the start of the priced year, in yuan",
			MsgZh: "必须填写期初风险储备金（opening_reserve），单位元"})
	}
	return nil
}

func (r *reader) setFund(key string, v value) {
	fd := &r.book.Fund
	fd.Given[key] = true
	switch key {
	case "year":
		fd.Year = int(v.Num)
	case "opening_reserve":
		fd.OpeningReserve = v.Dec
	case "reserve_floor":
		fd.ReserveFloor = v.Dec
	case "target_deficit_probability":
		fd.TargetDeficitProbability = v.Num
	case "expense_ratio":
		fd.ExpenseRatio = v.Num
	case "medical_trend":
		fd.MedicalTrend = v.Num
	case "trend_sd":
		fd.TrendSD = v.Num
	case "enrolment_growth":
		fd.EnrolmentGrowth = v.Num
	case "set_aside_ratio":
		fd.SetAsideRatio = v.Num
	case "max_change":
		fd.MaxChange = v.Num
	case "rounding":
		fd.Rounding = v.Dec
	case "horizon_years":
		fd.HorizonYears = int(v.Num)
	default:
		panic("workbook: Fund key without a field: " + key)
	}
}
