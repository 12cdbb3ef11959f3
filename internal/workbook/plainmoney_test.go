package workbook

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// The fast reading of plain amounts (plainMoney) gives what the general one
// (parseDecimal, rounded to the fen) gives: the same decimal, the same
// float64, the same hundredths; anything else is left to the general one.
func TestPlainMoneyAsDecimal(t *testing.T) {
	c := Column{Key: "paid", Type: Money}
	cases := []string{"0", "-0", "0.5", "1631.94", "1631.9", "-20", "9999999999.99", "100000000", "0.01", "12.10"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := rng.Float64() * 1e6
		cases = append(cases, strconv.FormatFloat(x, 'f', rng.IntN(3), 64), strconv.FormatFloat(-x, 'f', 2, 64))
	}
	for _, s := range cases {
		got, ok := parseCell(c, s, false)
		if !ok || !got.HasCents {
			t.Fatalf("%q: not read as plain money (%v)", s, ok)
		}
		d, _ := parseDecimal(s)
		d = d.Round(2)
		if !got.Dec.Equal(d) || got.Dec.String() != d.String() || got.Num != d.InexactFloat64() || got.Cents != d.Shift(2).IntPart() {
			t.Fatalf("%q: %s %v %d, want %s %v", s, got.Dec, got.Num, got.Cents, d, d.InexactFloat64())
		}
	}
	for _, s := range []string{"1,234.50", "1.234", "1e3", ".5", "5.", "+5", "12345678901", "--1", "1.2.3", "¥5"} {
		if _, ok := plainMoney(s); ok {
			t.Errorf("%q read as plain money", s)
		}
	}
	if v, ok := parseCell(c, "1,234.505", false); !ok || v.HasCents != false || v.Dec.String() != "1234.51" {
		t.Errorf("1,234.505: %+v", v)
	}
}
