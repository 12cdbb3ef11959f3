package plans

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The Weihai hospital plan (shared/DOMAIN.md, public figures): nothing below 10,000 yuan of the
// year's self-paid cost, 80% from 10,000 to 40,000, 90% above.
var weihai = Bands{{0, 0}, {10000, 0.8}, {40000, 0.9}}

func TestBandsPayWeihai(t *testing.T) {
	for _, c := range []struct{ cost, want float64 }{
		{0, 0}, {5000, 0}, {10000, 0}, {20000, 8000}, {40000, 24000}, {50000, 33000}, {80000, 60000},
	} {
		if got := weihai.Pay(c.cost); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Pay(%v) = %v, want %v (by hand)", c.cost, got, c.want)
		}
	}
}

// Claims paid one at a time add up to the year's total: the order of a
// member's admissions does not change what the year pays.
func TestBandsClaimsAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		n := 1 + rng.IntN(6)
		var cum, paid float64
		for range n {
			x := math.Exp(8 + 1.2*rng.NormFloat64())
			paid += weihai.PayClaim(cum, x)
			cum += x
		}
		if math.Abs(paid-weihai.Pay(cum)) > 1e-9*math.Max(1, cum) {
			t.Fatalf("claims pay %v, the year's total %v", paid, weihai.Pay(cum))
		}
	}
}

func TestBandsCheck(t *testing.T) {
	if err := weihai.Check(); err != nil {
		t.Errorf("Weihai's bands refused: %v", err)
	}
	for name, b := range map[string]Bands{
		"empty":      nil,
		"negative":   {{-1, 0.5}},
		"ratio":      {{0, 1.5}},
		"repeated":   {{0, 0}, {0, 0.8}},
		"descending": {{100, 0.5}, {50, 0.8}},
	} {
		if b.Check() == nil {
			t.Errorf("%s bands accepted", name)
		}
	}
	if s := (Bands{{100, 0.5}, {0, 0}}).Sorted(); s[0].From != 0 || s.Check() != nil {
		t.Errorf("sorted %v", s)
	}
}
