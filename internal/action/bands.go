package action

import (
	"errors"
	"math"

	"github.com/huzhu-fund/huzhu/plans"
	"github.com/huzhu-fund/huzhu/plans/calibrate"
	"github.com/huzhu-fund/huzhu/plans/model"
)

// checkBandTerms refuses terms with cost bands that the exact method cannot
// price (model.CheckBandTerms): an input error in the user's language.
func checkBandTerms(ts ...*plans.Terms) error {
	for _, t := range ts {
		err := model.CheckBandTerms(t)
		var be *model.BandTermsError
		if !errors.As(err, &be) {
			continue
		}
		switch be.Term {
		case "claim_cap":
			if math.IsInf(be.AnnualCap, 1) {
				return Invalid("err.band_claim_cap_no_annual", be.Plan, be.Value)
			}
			return Invalid("err.band_claim_cap", be.Plan, be.Value, be.AnnualCap)
		case "deductible":
			return Invalid("err.band_deductible", be.Plan, be.Value)
		case "ratios":
			return Invalid("err.band_ratios", be.Plan)
		}
		return Invalid("err.band_schedule", be.Plan, be.Err.Error())
	}
	return nil
}

// modelTerms are the plans' terms from the book.
func modelTerms(ps []*model.Plan) []*plans.Terms {
	ts := make([]*plans.Terms, len(ps))
	for i, p := range ps {
		ts[i] = p.Terms
	}
	return ts
}

// checkBandLever refuses a band lever (calibrate.BandLevers) when no plan,
// at the terms priced, pays by cost bands.
func checkBandLever(m *Models, lever string) error {
	if calibrate.IsBandLever(lever) && !calibrate.HasBands(m.Plans, m.Scenario) {
		return Invalid("err.lever_no_bands", lever)
	}
	return nil
}
