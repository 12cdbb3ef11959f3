package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// LongCSV is CSV in long form, one figure a row: section (plan, fund,
// projection, needed), plan (its key; "" for the fund), year, field (the JSON
// key) and value. Values are the same in every language: money as plain
// decimals to the fen, ratios and probabilities as plain numbers (0.02, not
// 2.0%), flags as true or false, an absent figure as an empty cell.
type LongCSV struct{ rows [][]string }

// LongHeader is the header of every long-form CSV.
var LongHeader = []string{"section", "plan", "year", "field", "value"}

// Add adds a row with a text value.
func (c *LongCSV) Add(section, plan string, year int, field, value string) {
	y := ""
	if year != 0 {
		y = strconv.Itoa(year)
	}
	c.rows = append(c.rows, []string{section, plan, y, field, value})
}

// Num adds a number (shortest form that reads back; empty when absent).
func (c *LongCSV) Num(section, plan string, year int, field string, x *float64) {
	v := ""
	if x != nil {
		v = G(*x)
	}
	c.Add(section, plan, year, field, v)
}

// F adds a float that is always there.
func (c *LongCSV) F(section, plan string, year int, field string, x float64) {
	c.Num(section, plan, year, field, Num(x))
}

// Int adds a count.
func (c *LongCSV) Int(section, plan string, year int, field string, n int64) {
	c.Add(section, plan, year, field, strconv.FormatInt(n, 10))
}

// Bool adds a flag.
func (c *LongCSV) Bool(section, plan string, year int, field string, b bool) {
	c.Add(section, plan, year, field, strconv.FormatBool(b))
}

// Write writes the header and the rows.
func (c *LongCSV) Write(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(LongHeader); err != nil {
		return err
	}
	for _, r := range c.rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// pLabel is a probability as a CSV field suffix: 0.995 → "99.5".
func pLabel(p float64) string {
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(100*p, 'f', 2, 64), "0"), ".")
}
