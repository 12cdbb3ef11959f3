package calibrate

import (
	"testing"

	"github.com/shopspring/decimal"
)

// split by hand: 100 shares each at relativities 0.8 and 1.2 of a plan
// price of 50.2 → 40.16 and 60.24, rounded up 41 and 61; with max_change 10%
// of currents 45 and 50 the bands are [41, 49] and [45, 55]: the first class
// is held at 41 (40.16 below its floor), the second takes the rest, 5,920 /
// 100 = 59.2, above its top: held at 55, and both are limited.
func TestSplitClasses(t *testing.T) {
	mk := func() []ClassRec {
		return []ClassRec{{Shares: 100, Current: decimal.NewFromInt(45)}, {Shares: 100, Current: decimal.NewFromInt(50)}}
	}
	rel := []float64{0.8, 1.2}
	unit := decimal.NewFromInt(1)
	cs := mk()
	split(cs, rel, 50.2*200, unit, 10)
	if cs[0].Recommended.String() != "41" || cs[1].Recommended.String() != "61" || cs[0].Limited || cs[1].Limited {
		t.Errorf("free: %s %s (limited %v %v), want 41 61", cs[0].Recommended, cs[1].Recommended, cs[0].Limited, cs[1].Limited)
	}
	cs = mk()
	split(cs, rel, 50.2*200, unit, 0.1)
	if cs[0].Recommended.String() != "41" || cs[1].Recommended.String() != "55" || !cs[0].Limited || !cs[1].Limited {
		t.Errorf("bound: %s %s (limited %v %v), want 41 55 both limited", cs[0].Recommended, cs[1].Recommended, cs[0].Limited, cs[1].Limited)
	}
	// Relativities 0.5 / 1.5 of 50 within 60% of 45 and 50 ([18, 72] and
	// [20, 80]): 25 and 75, both free.
	cs = mk()
	split(cs, []float64{0.5, 1.5}, 50*200, unit, 0.6)
	if cs[0].Recommended.String() != "25" || cs[1].Recommended.String() != "75" || cs[0].Limited || cs[1].Limited {
		t.Errorf("60%%: %s %s", cs[0].Recommended, cs[1].Recommended)
	}
	cs = []ClassRec{{Shares: 100, Current: decimal.NewFromInt(45)}, {Shares: 300, Current: decimal.NewFromInt(50)}}
	split(cs, []float64{0.5, 7.0 / 6}, 50*400, unit, 0.3)
	// 50·0.5 = 25 < 32: held at 32; the rest 20,000 − 3,200 = 16,800 over
	// 300 shares = 56 ≤ 65: free, 56 exactly.
	if cs[0].Recommended.String() != "32" || !cs[0].Limited || cs[1].Recommended.String() != "56" || cs[1].Limited {
		t.Errorf("one bound: %s (limited %v) %s (limited %v), want 32 held, 56 free", cs[0].Recommended, cs[0].Limited, cs[1].Recommended, cs[1].Limited)
	}
}
