package workbook

import (
	"math"
	"testing"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

// The validator's limit on one claim is the rules' (plans.Rules.MaxPayable):
// an accident medical claim with days (deductible 100, ratio 0.9, daily 50,
// cost 1,000, 10 days) pays 0.9 × 900 + 10 × 50 = 1,310 by the rules, and
// the validator allows exactly that (it used to cap it at 810).
func TestMaxPayableIsTheRules(t *testing.T) {
	nd := func(s string) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.RequireFromString(s)) }
	terms := &plans.Terms{Plan: "a", Kind: plans.Accident, Contribution: decimal.NewFromInt(100),
		Deductible: nd("100"), Ratios: [3]decimal.NullDecimal{nd("0.9")}, DailyAmount: nd("50"),
		LumpSum: nd("60000"), DisabilitySum: nd("60000")}
	cl := Claim{Benefit: plans.Medical, Cost: 1000, Days: 10, Shares: 1}
	paid := make([]float64, 1)
	if err := terms.Rules().PayYear([]plans.Event{{Benefit: plans.Medical, Cost: 1000, Days: 10}}, 1, paid); err != nil {
		t.Fatal(err)
	}
	m, ok := payLimits{}.maxPayable(terms, cl)
	if !ok || math.Abs(m-1310) > 1e-9 || math.Abs(paid[0]-1310) > 1e-9 {
		t.Errorf("rules pay %v, the validator allows %v (%v); want 1310 both", paid[0], m, ok)
	}
}
