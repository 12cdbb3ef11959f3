package i18n

// Cost bands in the exact method (plans/model/banded.go) and the band
// levers of calibrate (plans/calibrate/bandlever.go).
func init() {
	Register(map[string]Message{
		"err.lever_no_bands": {"--lever %s 求解按累计费用分段给付的条款，但没有计划按分段给付（Schedules 表中没有 band 或 outpatient_band 行）",
			"--lever %s solves a cost-band term, but no plan pays by cost bands (the Schedules sheet has no band or outpatient_band rows)"},
		"err.band_claim_cap": {"计划 %s 按累计费用分段给付，单次封顶 %v 低于年度封顶 %v：分段计划的单次封顶不得低于年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院）",
			"plan %s pays by cost bands with claim_cap %v below its annual_cap %v: a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"},
		"err.band_claim_cap_no_annual": {"计划 %s 按累计费用分段给付，有单次封顶 %v 而无年度封顶：分段计划的单次封顶不得低于年度封顶（精确方法按会员全年累计费用给付，无法得知单次封顶如何切分各次住院）",
			"plan %s pays by cost bands with claim_cap %v and no annual_cap: a banded plan's claim cap must be at least its annual cap (the exact method pays on the member's annual cost, which does not tell how a claim cap would cut the stays)"},
		"err.band_deductible": {"计划 %s 按累计费用分段给付，又有每次起付线 %v：分段计划的起付线是第一个给付分段的下限",
			"plan %s pays by cost bands and has a per-claim deductible %v: a banded plan's deductible is the lower edge of its first paying band"},
		"err.band_schedule": {"计划 %s 的费用分段有误：%s", "plan %s: its cost bands are wrong: %s"},
	})
}
