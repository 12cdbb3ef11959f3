package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/huzhu-fund/huzhu/internal/i18n"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// value is one parsed cell. Set is false for an empty cell.
type value struct {
	Set  bool
	Raw  string
	Text string          // Text, KindEnum, BenefitEnum (the key)
	Num  float64         // Int, Ratio, Rate, Money
	Dec  decimal.Decimal // Money (rounded to the fen), Int
	Date time.Time       // Date

	// Cents is the value in hundredths when it is a whole number of them
	// of moderate size (HasCents): what total rows add up, without
	// decimal arithmetic on every row.
	Cents    int64
	HasCents bool
}

// expected describes what a column accepts, in English and Chinese.
func expected(c Column) (en, zh string) {
	n := expectation(c)
	return n.In(i18n.En), n.In(i18n.Zh)
}

// expectation is what a column accepts, as a message of the catalogue
// ("wb.expect.*").
func expectation(c Column) i18n.Note {
	rng := func(unit string) i18n.Note {
		u := i18n.N(unit)
		switch {
		case c.Min != nil && c.Max != nil:
			return i18n.N("wb.expect.min_max", u, fmtNum(*c.Min), fmtNum(*c.Max))
		case c.Min != nil:
			return i18n.N("wb.expect.min", u, fmtNum(*c.Min))
		case c.Max != nil:
			return i18n.N("wb.expect.max", u, fmtNum(*c.Max))
		}
		return u
	}
	switch c.Type {
	case Int:
		return rng("wb.expect.int")
	case Money:
		return rng("wb.expect.money")
	case Ratio:
		return i18n.N("wb.expect.ratio")
	case Rate:
		return i18n.N("wb.expect.rate")
	case Date:
		return i18n.N("wb.expect.date")
	case KindEnum:
		return i18n.N("wb.expect.one_of", kindKeys())
	case BenefitEnum:
		return i18n.N("wb.expect.one_of", benefitKeys(c.Choices))
	default:
		return i18n.N("wb.expect.text", maxTextChars)
	}
}

// maxTextChars bounds a text cell: ids, names and categories are short, and
// a longer text is a mistake (a pasted document) that must not travel into
// every message about the row.
const maxTextChars = 500

func kindKeys() string {
	var s []string
	for _, k := range plans.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// benefitChoices are the keys of a BenefitEnum column: its Choices, or every
// benefit type.
func benefitChoices(choices []plans.Benefit) []plans.Benefit {
	if len(choices) > 0 {
		return choices
	}
	return plans.Benefits()
}

func benefitKeys(choices []plans.Benefit) string {
	var s []string
	for _, b := range benefitChoices(choices) {
		s = append(s, string(b))
	}
	return strings.Join(s, ", ")
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// parseCell reads a raw cell string (excelize RawCellValue) as column c's type.
// It returns ok false when the cell is not of the type (the caller reports it).
func parseCell(c Column, raw string, date1904 bool) (v value, ok bool) {
	s := strings.TrimSpace(raw)
	v.Raw = raw
	if s == "" {
		return v, true
	}
	v.Set = true
	switch c.Type {
	case Text:
		v.Text = s
		return v, utf8.RuneCountInString(s) <= maxTextChars
	case KindEnum:
		k, ok := parseKind(s)
		v.Text = string(k)
		return v, ok
	case BenefitEnum:
		b, ok := parseBenefit(s)
		v.Text = string(b)
		return v, ok
	case Int:
		x, ok := parseNumber(s)
		if !ok || math.Abs(x-math.Round(x)) > 1e-9*math.Max(1, math.Abs(x)) || math.Abs(x) > 1e15 {
			return v, false
		}
		v.Num = math.Round(x)
		v.Dec = decimal.NewFromInt(int64(v.Num))
		if math.Abs(v.Num) < maxCents/100 {
			v.Cents, v.HasCents = int64(v.Num)*100, true
		}
		return v, inRange(c, v.Num)
	case Money:
		if cents, ok := plainMoney(s); ok {
			v.Dec, v.Cents, v.HasCents = decimal.New(cents, -2), cents, true
			if cents != 0 {
				v.Num, _ = strconv.ParseFloat(s, 64)
			}
			return v, inRange(c, v.Num)
		}
		d, ok := parseDecimal(s)
		if !ok {
			return v, false
		}
		v.Dec = d.Round(2)
		v.Num = v.Dec.InexactFloat64()
		return v, inRange(c, v.Num)
	case Ratio, Rate:
		x, ok := parseRatio(s)
		if !ok {
			return v, false
		}
		v.Num = x
		if c.Type == Ratio && (x < 0 || x > 1) {
			return v, false
		}
		// A rate above 100% a year must be typed with its percent sign: a
		// plain 5 is far likelier 5% than 500%, so it is refused.
		pct := strings.ContainsAny(s, "%％")
		if c.Type == Rate && (x <= -1 || x > 10 || x > 1 && !pct) {
			return v, false
		}
		return v, true
	case Date:
		t, ok := parseDate(s, date1904)
		v.Date = t
		return v, ok
	}
	return v, false
}

// maxCents bounds the values kept in hundredths (Cents): the sum of a
// table's rows cannot overflow.
const maxCents = 1e12

// plainMoney reads a plain amount with at most two decimals, as nearly
// every money cell holds (1631.94, -20, 0.5), in hundredths; false for
// anything else, which parseDecimal reads.
func plainMoney(s string) (int64, bool) {
	neg := false
	if s != "" && s[0] == '-' {
		neg, s = true, s[1:]
	}
	var n int64
	digits, dec, point := 0, 0, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= '0' && ch <= '9':
			if point {
				dec++
			} else {
				digits++
			}
			n = n*10 + int64(ch-'0')
		case ch == '.' && !point:
			point = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 10 || point && (dec == 0 || dec > 2) {
		return 0, false
	}
	for ; dec < 2; dec++ {
		n *= 10
	}
	if neg {
		n = -n
	}
	return n, true
}

func inRange(c Column, x float64) bool {
	if c.Min != nil && x < *c.Min {
		return false
	}
	if c.Max != nil && x > *c.Max {
		return false
	}
	return true
}

// cleanNumber strips what people type around numbers: thousands separators,
// a currency sign, 元, spaces. A comma is a thousands separator only between
// groups of three digits (1,234.50): `50,5` or `1631,94` (a decimal comma)
// is left unreadable rather than read as 505 or 163194.
func cleanNumber(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E')
	}) < 0 {
		return s // a plain number, as in every cell Excel typed
	}
	s = numberNoise.Replace(s)
	if strings.ContainsAny(s, ",，") {
		if !thousandsGrouped(s) {
			return "?" + s
		}
		s = commas.Replace(s)
	}
	return s
}

var (
	numberNoise = strings.NewReplacer("¥", "", "￥", "", "元", "", " ", "")
	commas      = strings.NewReplacer(",", "", "，", "")
)

// thousandsGrouped reports whether the commas of s separate groups of three
// digits: an optional sign, 1 to 3 digits, then ",ddd" groups, then an
// optional fraction.
func thousandsGrouped(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i]
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' })
	if len(groups) < 2 || strings.Count(s, ",")+strings.Count(s, "，") != len(groups)-1 {
		return false
	}
	for i, g := range groups {
		if strings.Trim(g, "0123456789") != "" || (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return false
		}
	}
	return true
}

// commaNote explains a number refused for its comma (nil when the comma is
// not the reason).
func commaNote(raw string) *i18n.Note {
	s := strings.TrimSpace(raw)
	if !strings.ContainsAny(s, ",，") || thousandsGrouped(numberNoise.Replace(strings.TrimRight(s, "%％ "))) {
		return nil
	}
	n := i18n.N("wb.bad_value.comma")
	return &n
}

func parseNumber(s string) (float64, bool) {
	x, err := strconv.ParseFloat(cleanNumber(s), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

func parseDecimal(s string) (decimal.Decimal, bool) {
	d, err := decimal.NewFromString(cleanNumber(s))
	if err != nil {
		return decimal.Decimal{}, false
	}
	if d.Abs().GreaterThan(decimal.New(1, 15)) {
		return decimal.Decimal{}, false
	}
	return d, true
}

// parseRatio reads 0.7, 70% or 70 %.
func parseRatio(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	pct := false
	for _, suf := range []string{"%", "％"} {
		if strings.HasSuffix(s, suf) {
			pct = true
			s = strings.TrimSpace(strings.TrimSuffix(s, suf))
		}
	}
	x, ok := parseNumber(s)
	if !ok {
		return 0, false
	}
	if pct {
		x /= 100
	}
	return x, true
}

var dateLayouts = []string{"2006-01-02", "2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日", "20060102", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"}

func parseDate(s string, date1904 bool) (time.Time, bool) {
	// Date cells hold a serial number (the common case, with a time of day
	// as a fraction: 45991.25): no layout can match. Eight digits alone are
	// 20250305.
	if len(s) > 0 && s[0] >= '0' && s[0] <= '9' && !(len(s) == 8 && allDigits(s)) && strings.Count(s, ".") <= 1 && !strings.ContainsAny(s, "-/年T: ") {
		return serialDate(s, date1904)
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, t.Year() >= 1900 && t.Year() <= 2200
		}
	}
	return serialDate(s, date1904)
}

// serialDate reads an Excel date serial number.
func serialDate(s string, date1904 bool) (time.Time, bool) {
	if x, err := strconv.ParseFloat(s, 64); err == nil && x >= 1 && x < 2958466 && !(len(s) == 8 && allDigits(s)) {
		t, err := excelize.ExcelDateToTime(x, date1904)
		if err != nil {
			return time.Time{}, false
		}
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), y >= 1900 && y <= 2200
	}
	return time.Time{}, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var kindByZh = func() map[string]plans.Kind {
	m := map[string]plans.Kind{}
	for _, k := range plans.Kinds() {
		m[k.Label("zh")] = k
	}
	return m
}()

var benefitByZh = func() map[string]plans.Benefit {
	m := map[string]plans.Benefit{}
	for _, b := range plans.Benefits() {
		m[b.Label("zh")] = b
	}
	m["医疗"] = plans.Medical
	m["津贴"] = plans.Day
	m["确诊"] = plans.Diagnosis
	m["火灾"] = plans.Fire
	m["门诊"] = plans.Outpatient
	for _, b := range []plans.Benefit{plans.BandSchedule, plans.OutpatientBandSchedule} {
		m[b.Label("zh")] = b
		m[string(b)] = b
	}
	return m
}()

// parseKind reads a kind key or its Chinese name.
func parseKind(s string) (plans.Kind, bool) {
	if k, ok := plans.ParseKind(s); ok {
		return k, true
	}
	k, ok := kindByZh[strings.TrimSpace(s)]
	return k, ok
}

// parseBenefit reads a benefit key or its Chinese name.
func parseBenefit(s string) (plans.Benefit, bool) {
	if b, ok := plans.ParseBenefit(s); ok {
		return b, true
	}
	b, ok := benefitByZh[strings.TrimSpace(s)]
	if !ok {
		b, ok = benefitByZh[strings.ToLower(strings.TrimSpace(s))]
	}
	return b, ok
}

// cellRef is `sheet!A1`.
func cellRef(sheet string, col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("%s!R%dC%d", sheet, row, col)
	}
	return sheet + "!" + name
}
