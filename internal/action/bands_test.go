package action

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/huzhu-fund/huzhu/internal/i18n"
	"github.com/huzhu-fund/huzhu/plans"
	"github.com/shopspring/decimal"
)

var hanRe = regexp.MustCompile(`\p{Han}`)

// inBoth renders an input error in both languages: the Chinese with the
// want's Chinese words, the English with the English ones and no Chinese.
func inBoth(t *testing.T, what string, err error, zh, en string) {
	t.Helper()
	var loc *i18n.Error
	if !errors.Is(err, ErrInput) || !errors.As(err, &loc) {
		t.Fatalf("%s: err %v, want an input error of the catalogue", what, err)
	}
	z, e := loc.In(i18n.Zh), loc.In(i18n.En)
	if !strings.Contains(z, zh) || !strings.Contains(e, en) || hanRe.MatchString(e) {
		t.Errorf("%s: %q / %q, want %q and %q (no Chinese in English)", what, z, e, zh, en)
	}
}

// --lever band_start or band_ratio on a book where no plan pays by cost
// bands is refused (exit 2), in the user's language.
func TestBandLeverWithoutBands(t *testing.T) {
	for _, lever := range []string{"band_start", "band_ratio"} {
		_, err := Calibrate(CalibrateOptions{File: exampleBook, Fix: "contributions", Lever: lever, Paths: 1000})
		inBoth(t, lever, err, "分段", "no plan pays by cost bands")
	}
}

// Banded terms the exact method cannot price are refused as input, in the
// user's language: a claim cap below the annual cap, a per-claim
// deductible, admission ratios beside the bands, a bad schedule.
func TestBandTermsMessages(t *testing.T) {
	nd := func(x int64) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.NewFromInt(x)) }
	base := func() *plans.Terms {
		return &plans.Terms{Plan: "weihai", Kind: plans.Hospital, AnnualCap: nd(50000),
			Bands: plans.Bands{{From: 0, Ratio: 0}, {From: 10000, Ratio: 0.8}, {From: 40000, Ratio: 0.9}}}
	}
	if err := checkBandTerms(base()); err != nil {
		t.Fatal(err)
	}
	t1 := base()
	t1.ClaimCap = nd(20000)
	inBoth(t, "claim cap", checkBandTerms(t1), "单次封顶 20000 低于年度封顶 50000", "claim_cap 20000 below its annual_cap 50000")
	t2 := base()
	t2.ClaimCap, t2.AnnualCap = nd(20000), decimal.NullDecimal{}
	inBoth(t, "claim cap, no annual cap", checkBandTerms(t2), "无年度封顶", "no annual_cap")
	t3 := base()
	t3.Deductible = nd(800)
	inBoth(t, "deductible", checkBandTerms(t3), "起付线 800", "per-claim deductible 800")
	t5 := base()
	t5.Ratios[0] = decimal.NewNullDecimal(decimal.RequireFromString("0.7"))
	inBoth(t, "ratios", checkBandTerms(t5), "第一次至第三次及以后给付比例", "sets ratio_1 to ratio_3")
	t4 := base()
	t4.Bands = plans.Bands{{From: 0, Ratio: 1.5}}
	inBoth(t, "schedule", checkBandTerms(t4), "费用分段有误", "band 1 pays 1.5")
}
