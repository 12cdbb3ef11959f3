package workbook

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clip shortens a text from the file for a message: the first 80 characters
// and the length, so that a cell of megabytes is not echoed whole.
func clip(s string) string {
	const keep = 80
	n := utf8.RuneCountInString(s)
	if n <= keep+10 {
		return s
	}
	i, k := 0, 0
	for i < len(s) && k < keep {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		k++
	}
	return s[:i] + "…(" + strconv.Itoa(n) + " chars)"
}

// sheetCore is a sheet name without what people add around the sheet's own
// name: a year (`2025年`, `2025年度`, `2025`), a trailing 表 or `sheet`, and
// separators; "" when nothing is left.
func sheetCore(name string) string {
	s := normHeader(name)
	trim := func() {
		s = strings.TrimFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || r == '-' || r == '_' || r == '.' || r == '·' || r == '(' || r == ')'
		})
	}
	for range 3 {
		trim()
		s = stripYear(s)
		trim()
		for _, suf := range []string{"表", "sheet", "数据"} {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				s = strings.TrimSuffix(s, suf)
			}
		}
	}
	trim()
	return s
}

// stripYear removes a leading or trailing year: 4 digits, optionally 年 or 年度.
func stripYear(s string) string {
	isDigits := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	if len(s) > 4 && isDigits(s[:4]) && !isDigits(s[4:5]) {
		t := strings.TrimPrefix(s[4:], "年度")
		if t == s[4:] {
			t = strings.TrimPrefix(t, "年")
		}
		if t != "" {
			s = t
		}
	}
	for _, suf := range []string{"年度", "年", ""} {
		if !strings.HasSuffix(s, suf) {
			continue
		}
		t := s[:len(s)-len(suf)]
		if len(t) > 4 && isDigits(t[len(t)-4:]) && !isDigits(t[len(t)-5:len(t)-4]) {
			return t[:len(t)-4]
		}
	}
	return s
}

// near reports whether two normalised labels look alike: one contains the
// other (at least two characters), or they differ by one character (two for
// labels of six or more characters).
func near(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	short := min(len(ra), len(rb))
	if short >= 2 && (strings.Contains(a, b) || strings.Contains(b, a)) {
		return true
	}
	if short < 3 {
		return false
	}
	limit := 1
	if short >= 6 {
		limit = 2
	}
	return editDistance(ra, rb, limit) <= limit
}

// editDistance is the Levenshtein distance of a and b, or limit+1 when it
// is above limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			best = min(best, c)
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// labels are the names a column is known by, normalised, without the
// template's `(key)` part.
func (c Column) labels() []string {
	out := []string{normHeader(c.Key), normHeader(c.Zh)}
	for _, a := range c.Aliases {
		out = append(out, normHeader(a))
	}
	return out
}

// headerCore is a header without a parenthesised part and a unit, for
// suggestions: `免赔额 (元)` → `免赔额`.
func headerCore(h string) string {
	h = normHeader(h)
	if i := strings.Index(h, "("); i > 0 {
		h = strings.TrimSpace(h[:i])
	}
	return h
}

// suggestColumns returns the columns of s whose names look like header h.
func suggestColumns(s Sheet, h string) []Column {
	core := headerCore(h)
	var out []Column
	for _, c := range s.Columns {
		for _, l := range c.labels() {
			if near(core, l) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// suggestSheets returns the sheets whose names look like name.
func suggestSheets(name string) []Sheet {
	core := sheetCore(name)
	var out []Sheet
	for _, s := range Sheets {
		for _, l := range s.names() {
			if near(core, l) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// names are the names a sheet is known by, normalised.
func (s Sheet) names() []string {
	out := []string{normHeader(s.Key), normHeader(s.Zh)}
	for _, a := range s.Aliases {
		out = append(out, normHeader(a))
	}
	return out
}

// didYouMean lists names as `计划编号 (plan)`, for messages.
func didYouMeanColumns(cs []Column) string {
	var n []string
	for _, c := range cs {
		n = append(n, c.Header())
	}
	return strings.Join(n, ", ")
}

func didYouMeanSheets(ss []Sheet) string {
	var n []string
	for _, s := range ss {
		n = append(n, s.Zh+" ("+s.Key+")")
	}
	return strings.Join(n, ", ")
}
