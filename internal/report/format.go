package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Money formats yuan to the fen with thousands separators: 1234567.8 → "1,234,567.80".
func Money(d decimal.Decimal) string {
	return group(d.StringFixed(2))
}

// Yuan formats whole yuan with thousands separators, rounding half away from zero.
func Yuan(d decimal.Decimal) string {
	return group(d.StringFixed(0))
}

// Int formats a count with thousands separators.
func Int(n int64) string { return group(strconv.FormatInt(n, 10)) }

// Float formats x with the given number of decimals and thousands separators;
// NaN and ±Inf are shown as "—" (not available) and "∞".
func Float(x float64, decimals int) string {
	switch {
	case math.IsNaN(x):
		return "—"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "-∞"
	}
	return group(strconv.FormatFloat(x, 'f', decimals, 64))
}

// Percent formats a ratio as a percentage: 0.0523 → "5.23%" with 2 decimals.
func Percent(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return Float(x, decimals)
	}
	return strconv.FormatFloat(100*x, 'f', decimals, 64) + "%"
}

// group inserts thousands separators into a plain decimal number string.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

// Num is x for JSON: nil (null) when x is NaN or infinite.
func Num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// FV formats an optional number with decimals ("—" when absent).
func FV(p *float64, decimals int) string {
	if p == nil {
		return "—"
	}
	return Float(*p, decimals)
}

// G formats x in the shortest form that reads back as x.
func G(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// G6 formats an optional number to 6 significant digits ("" when absent).
func G6(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'g', 6, 64)
}

// M2 is a money amount for JSON: a decimal string to the fen.
func M2(d decimal.Decimal) string { return d.StringFixed(2) }

// Fen rounds an amount to the fen (NaN and ±Inf, which never reach a report,
// give 0).
func Fen(x float64) decimal.Decimal {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return decimal.Zero
	}
	return decimal.NewFromFloat(x).Round(2)
}

// MoneyText formats a money string of JSON ("1234.5") as Money does; text
// that is not a number is returned as it is.
func MoneyText(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	return Money(d)
}

// Pct formats an optional ratio as a percentage ("—" when absent).
func Pct(x *float64, decimals int) string {
	if x == nil {
		return "—"
	}
	return Percent(*x, decimals)
}
