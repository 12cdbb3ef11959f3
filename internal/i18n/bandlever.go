package i18n

// Cost bands in the exact method (plans/model/banded.go) and the band
// levers of calibrate (plans/calibrate/bandlever.go).
func init() {
	Register(map[string]Message{
		"err.lever_no_bands": {"--lever %s 求解按累计费用分段给付的条款，但没有计划按分段给付（给付标准表中没有给付类型为分段或门诊分段的行）",
			"--lever %s solves a cost-band term, but no plan pays by cost bands (the Schedules sheet has no band or outpatient_band rows)"},
		"err.band_claim_cap": {"计划 %s 按累计费用分段给付，单次封顶 %v 低于年度封顶 %v：分段计划的单次封顶不得低于年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院）",
			"plan %s pays by cost bands with claim_cap %v below its annual_cap %v: a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"},
		"err.band_claim_cap_no_annual": {"计划 %s 按累计费用分段给付，有单次封顶 %v 而无年度封顶：分段计划的单次封顶不得低于年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院）",
			"plan %s pays by cost bands with claim_cap %v and no annual_cap: a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"},
		"err.band_deductible": {"计划 %s 按累计费用分段给付，又有每次起付线 %v：分段计划的起付线是第一个给付分段的下限",
			"plan %s pays by cost bands and has a per-claim deductible %v: a banded plan's deductible is the lower edge of its first paying band"},
		"err.band_ratios": {"计划 %s 按累计费用分段给付，又填写了第一次至第三次及以后给付比例：分段计划按各分段的比例给付，不按第几次住院的比例",
			"plan %s pays by cost bands and sets ratio_1 to ratio_3: a banded plan pays its band ratios, not the ratios of the n-th admission"},
		"err.band_schedule": {"计划 %s 的费用分段有误：%s", "plan %s: its cost bands are wrong: %s"},
	})
	// model.BandTermsError met past the load-time checks (a term a search
	// or a scenario sets): the same sentences, told through ErrorIn.
	pattern("err.band_terms_claim_cap", `plan (\S+) pays by cost bands with claim_cap (\S+) below its annual_cap (\S+): a banded plan's claim cap must be at least its annual cap \(the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays\)`,
		Message{"计划 %s 按累计费用分段给付，单次封顶 %s 低于年度封顶 %s：分段计划的单次封顶不得低于年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院）",
			"plan %s pays by cost bands with claim_cap %s below its annual_cap %s: a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"})
	pattern("err.band_terms_claim_cap_no_annual", `plan (\S+) pays by cost bands with claim_cap (\S+) and no annual_cap: a banded plan's claim cap must be at least its annual cap \(the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays\)`,
		Message{"计划 %s 按累计费用分段给付，有单次封顶 %s 而无年度封顶：分段计划的单次封顶不得低于年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院）",
			"plan %s pays by cost bands with claim_cap %s and no annual_cap: a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"})
	pattern("err.band_terms_deductible", `plan (\S+) pays by cost bands and has a per-claim deductible (\S+): a banded plan's deductible is the lower edge of its first paying band`,
		Message{"计划 %s 按累计费用分段给付，又有每次起付线 %s：分段计划的起付线是第一个给付分段的下限",
			"plan %s pays by cost bands and has a per-claim deductible %s: a banded plan's deductible is the lower edge of its first paying band"})
	pattern("err.band_terms_ratios", `plan (\S+) pays by cost bands and sets ratio_1 to ratio_3: a banded plan pays its band ratios, not the ratios of the n-th admission`,
		Message{"计划 %s 按累计费用分段给付，又填写了第一次至第三次及以后给付比例：分段计划按各分段的比例给付，不按第几次住院的比例",
			"plan %s pays by cost bands and sets ratio_1 to ratio_3: a banded plan pays its band ratios, not the ratios of the n-th admission"})
	nestedPattern("err.band_terms_schedule", `plan (\S+): its cost bands are wrong: (.+)`, Message{"计划 %s 的费用分段有误：%s", "plan %s: its cost bands are wrong: %s"})
	// plans.Bands.Check.
	pattern("err.bands_none", `no cost band`, Message{"没有费用分段", "no cost band"})
	pattern("err.bands_edge", `band (\d+) starts at (\S+), expected a cost of 0 or more`, Message{"第 %s 段起点为 %s，应为不小于 0 的费用", "band %s starts at %s, expected a cost of 0 or more"})
	pattern("err.bands_ratio", `band (\d+) pays (\S+), expected a ratio from 0 to 1`, Message{"第 %s 段给付比例为 %s，应在 0 到 1 之间", "band %s pays %s, expected a ratio from 0 to 1"})
	pattern("err.bands_order", `band (\d+) starts at (\S+), not above band (\d+)'s (\S+)`, Message{"第 %s 段起点 %s 不高于第 %s 段的 %s", "band %s starts at %s, not above band %s's %s"})
	// The workbook's check of a banded plan's claim cap (workbook check.go bandTerms).
	Register(map[string]Message{
		"wb.bands_claim_cap": {"计划“%s”按分段给付：单次封顶不得低于年度封顶 %s（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院），应为空或不低于年度封顶",
			"plan %q pays by cost bands: its claim cap must not be below its annual_cap %s (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays), so leave it empty or at least the annual cap"},
		"wb.bands_claim_cap_no_annual": {"计划“%s”按分段给付：有单次封顶而无年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院），单次封顶应为空，或设置不高于它的年度封顶",
			"plan %q pays by cost bands: a claim cap without an annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays), so leave it empty or set an annual_cap at most the claim cap"},
	})
}
