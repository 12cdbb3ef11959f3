package workbook

import (
	"fmt"
	"strings"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/internal/workbook/xlsxstream"
	"github.com/huzhu-fund/huzhu/plans/book"
)

// readFund reads the key-value Fund sheet: a key column (项目 / key, the key as
// 中文, key or `中文 (key)`) and a value column (数值 / value); other columns
// (a note) are ignored. Without a header row the first two columns are used.
func (r *reader) readFund(s Sheet, name string) error {
	rows, err := xlsxstream.OpenRows(r.arc, r.x.Parts[name], r.x.Strings)
	if err != nil {
		return err
	}
	if err := r.readFundRows(s, name, rows); err != nil {
		rows.Abort()
		return err
	}
	// Close reads the part to its end: its checksum decides whether what
	// was read can be used.
	return rows.Close()
}

func (r *reader) readFundRows(s Sheet, name string, rows *xlsxstream.Rows) error {
	keyCol, valCol := 0, 1
	seen := map[string]int{} // Fund key → its row
	bad := map[string]bool{} // Fund keys whose value was reported
	n := 0
	var titles []int // rows above the first parameter with a text alone
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
		if n <= headerSearch && len(seen) == 0 {
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
				if n > 1 {
					r.add(Problem{Level: Notice, Code: "header_row", Sheet: name, Cell: fmt.Sprintf("%s!%d:%d", name, n, n),
						Text: i18n.N("wb.header_row", n, n-1)})
					titles = nil
				}
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
			if n < headerSearch && len(seen) == 0 && strings.TrimSpace(get(valCol)) == "" {
				// A title row above a header not found yet: said if no
				// header follows.
				titles = append(titles, n)
				continue
			}
			r.unknownFundKey(s, name, cellRef(name, keyCol+1, n), k)
			continue
		}
		if prev, ok := seen[col.Key]; ok {
			r.add(Problem{Level: Error, Code: "duplicate_fund_key", Sheet: name, Cell: cellRef(name, keyCol+1, n), Found: k,
				Text: i18n.N("wb.duplicate_fund_key", col.Name(), prev)})
			continue
		}
		seen[col.Key] = n
		if r.book.fundCells == nil {
			r.book.fundCells = map[string]string{}
		}
		r.book.fundCells[col.Key] = cellRef(name, valCol+1, n)
		raw := get(valCol)
		if strings.TrimSpace(raw) == "" && nov[valCol] {
			r.add(formulaWithoutValue(name, cellRef(name, valCol+1, n)))
			bad[col.Key] = true
			continue
		}
		v, ok := parseCell(col, raw, r.date1904)
		if !ok {
			r.add(badValue(name, cellRef(name, valCol+1, n), col, raw))
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
	for _, t := range titles {
		cells := cellRef(name, keyCol+1, t)
		r.add(Problem{Level: Notice, Code: "unknown_fund_key", Sheet: name, Cell: cells,
			Text: i18n.N("wb.unknown_fund_key.title")})
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
			Text: i18n.N("wb.required.fund", c.Key, c.Zh)})
	}
	return nil
}

func (r *reader) setFund(key string, v value) {
	k, ok := book.FundKeyByName(key)
	if !ok {
		panic("workbook: Fund key without a field: " + key)
	}
	k.Set(&r.book.Fund, book.FundValue{Num: v.Num, Dec: v.Dec, Date: v.Date})
	r.book.Fund.Given[key] = true
}

// unknownFundKey reports a Fund key that names no parameter, with the
// parameters it looks like.
func (r *reader) unknownFundKey(s Sheet, name, cell, k string) {
	like := suggestColumns(s, k)
	if len(like) > 0 {
		r.add(Problem{Level: Warning, Code: "unknown_fund_key", Sheet: name, Cell: cell, Found: clip(k), Expected: didYouMeanColumns(like),
			Text: i18n.N("wb.unknown_fund_key.like", clip(k), didYouMeanColumns(like))})
		return
	}
	r.add(Problem{Level: Warning, Code: "unknown_fund_key", Sheet: name, Cell: cell, Found: clip(k),
		Text: i18n.N("wb.unknown_fund_key", clip(k))})
}
